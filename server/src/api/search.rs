use axum::{
    Json,
    extract::{Query, State},
};
use axum_extra::extract::WithRejection;
use portal_contract::SearchResults;

use crate::{
    AppState,
    answers::search::{SearchQuery, found},
    http::{ApiError, ProblemDetails},
};

/// Published articles that match the words, best first (a match in the title first),
/// ten a page, each with a passage where the words are marked.
///
/// 400: a value that is not a number; 404: unknown category; 422: a query of fewer
/// than 2 or more than 200 characters, a bad date or page.
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchQuery), responses(
    (status = 200, body = SearchResults),
    (status = 400, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn search(
    State(state): State<AppState>,
    WithRejection(Query(query), _): WithRejection<Query<SearchQuery>, ApiError>,
) -> Result<Json<SearchResults>, ApiError> {
    Ok(Json(found(&state, &query).await?))
}
