use axum::{
    Json,
    extract::{Path, State},
};
use portal_contract::{CentrePage, CentrePageLink};

use crate::{
    AppState,
    answers::centre_pages::read_centre_page,
    http::{ApiError, ProblemDetails},
    store::centre_pages as store,
};

/// The centre's own pages ("Giới thiệu", "Chức năng, nhiệm vụ" …), in their order; the
/// menu shows those `in_menu`.
#[utoipa::path(get, path = "/api/pages", tag = "pages", responses(
    (status = 200, body = Vec<CentrePageLink>),
))]
pub async fn list_centre_pages(
    State(state): State<AppState>,
) -> Result<Json<Vec<CentrePageLink>>, ApiError> {
    Ok(Json(store::links(&state.db).await?))
}

/// One of the centre's own pages.
#[utoipa::path(get, path = "/api/pages/{slug}", tag = "pages",
    params(("slug" = String, Path, description = "The page's slug, as in /trang/{slug}")),
    responses(
        (status = 200, body = CentrePage),
        (status = 404, response = ProblemDetails),
    )
)]
pub async fn get_centre_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<CentrePage>, ApiError> {
    Ok(Json(read_centre_page(&state, &slug).await?))
}
