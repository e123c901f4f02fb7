use axum::{
    Json,
    extract::{Query, State},
    http::StatusCode,
};
use axum_extra::extract::WithRejection;
use portal_contract::{Article, ArticleList, PageRequest};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::{
    AppState,
    answers::articles::{article_list, page_error, read_article},
    http::{ApiError, IdPath, ProblemDetails, Viewer},
    rules::reader::Reader,
    store::articles as store,
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A category slug; empty or absent for all categories.
    category: Option<String>,
    /// A tag, as written on the articles; empty or absent for any.
    tag: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1)]
    page: Option<i64>,
    /// Articles per page, 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50)]
    per_page: Option<i64>,
}

/// Articles, newest first, one page at a time: all, one category's or one tag's.
///
/// 400: a value that is not a number; 404: unknown category; 422: page or per_page out
/// of range.
#[utoipa::path(get, path = "/api/articles", tag = "articles", params(ListQuery), responses(
    (status = 200, body = ArticleList),
    (status = 400, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn list_articles(
    State(state): State<AppState>,
    WithRejection(Query(query), _): WithRejection<Query<ListQuery>, ApiError>,
) -> Result<Json<ArticleList>, ApiError> {
    let page = PageRequest::new(query.page, query.per_page).map_err(page_error)?;
    let list = article_list(&state, query.category.as_deref(), query.tag, page).await?;
    Ok(Json(list))
}

/// One article, with its newer and older neighbours; counts a view once per reader.
///
/// 404: no such article.
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles", params(IdPath), responses(
    (status = 200, body = Article),
    (status = 404, response = ProblemDetails),
))]
pub async fn get_article(
    State(state): State<AppState>,
    reader: Reader,
    Viewer(viewer): Viewer,
    IdPath(id): IdPath,
) -> Result<Json<Article>, ApiError> {
    Ok(Json(read_article(&state, &reader, viewer, id).await?))
}

/// Counts a view of the article, once a day per reader, for the app of a page whose load
/// did not count it (a new reader's first page, before their cookie was issued). Like
/// every view, it counts only for a reader whose cookie an earlier answer issued, within
/// the new readers' cap of their network.
///
/// 404: no such article.
#[utoipa::path(post, path = "/api/articles/{id}/views", tag = "articles", params(IdPath), responses(
    (status = 204, description = "Counted, or not to be counted"),
    (status = 404, response = ProblemDetails),
))]
pub async fn count_view(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    IdPath(id): IdPath,
) -> Result<StatusCode, ApiError> {
    if !store::is_public(&state.db, id).await? {
        return Err(ApiError::not_found("Không tìm thấy bài viết"));
    }
    if let Some(viewer) = viewer {
        let caps = state.settings.new_readers;
        store::count_view(&state.db, &state.writer, id, &viewer, caps).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
