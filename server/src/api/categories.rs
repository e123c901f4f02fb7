use axum::{Json, extract::State};
use portal_contract::Category;

use crate::{AppState, http::ApiError, store::articles as store};

/// The news categories, in menu order.
#[utoipa::path(get, path = "/api/categories", tag = "articles", responses(
    (status = 200, body = Vec<Category>),
))]
pub async fn list_categories(
    State(state): State<AppState>,
) -> Result<Json<Vec<Category>>, ApiError> {
    Ok(Json(store::categories(&state.db).await?))
}
