//! The centre's own pages: one as readers read it, or why there is none.

use portal_contract::CentrePage;

use crate::{AppState, http::ApiError, store::centre_pages as store};

/// The page at `slug`; 404 when there is none.
pub async fn read_centre_page(state: &AppState, slug: &str) -> Result<CentrePage, ApiError> {
    store::page(&state.db, slug)
        .await?
        .ok_or(ApiError::not_found("Không tìm thấy trang"))
}
