use axum::{
    Json,
    extract::{Query, State},
    http::StatusCode,
};
use axum_extra::extract::WithRejection;
use portal_contract::{Article, ArticleList, Category, PageError, PageRequest};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::{
    AppState,
    http::{ApiError, IdPath, ProblemDetails, Viewer},
    reader::{CountedReader, Reader},
    store::{articles as store, ratings},
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

/// The category a query's `category` slug names: none when empty or absent, 404 when
/// unknown.
pub(crate) async fn category_named(
    state: &AppState,
    slug: Option<&str>,
) -> Result<Option<Category>, ApiError> {
    let Some(slug) = slug.filter(|slug| !slug.is_empty()) else {
        return Ok(None);
    };
    store::category(&state.db, slug)
        .await?
        .map(Some)
        .ok_or(ApiError::not_found("Không tìm thấy chuyên mục"))
}

pub(crate) fn page_error(error: PageError) -> ApiError {
    match error {
        PageError::PageOutOfRange => {
            ApiError::invalid("Số trang không hợp lệ", "page must be 1 or more")
        }
        PageError::PerPageOutOfRange => ApiError::invalid(
            "Số bài mỗi trang không hợp lệ",
            "per_page must be from 1 to 50",
        ),
    }
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

/// One page of articles: all, or those of the category `slug` names (404 when unknown) or
/// of a tag.
pub(crate) async fn article_list(
    state: &AppState,
    category_slug: Option<&str>,
    tag: Option<String>,
    page: PageRequest,
) -> Result<ArticleList, ApiError> {
    let category = category_named(state, category_slug).await?;
    let listing = store::Listing {
        category_id: category.as_ref().map(|c| c.id),
        tag: tag.filter(|tag| !tag.is_empty()),
    };
    let (items, total) = store::list_articles(&state.db, &listing, page).await?;
    Ok(ArticleList {
        category,
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
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

/// Article `id` as `reader` reads it (404 when there is none): the view counted for
/// `viewer` (none: not counted), their own rating included.
pub(crate) async fn read_article(
    state: &AppState,
    reader: &Reader,
    viewer: Option<CountedReader>,
    id: i64,
) -> Result<Article, ApiError> {
    let mut article = store::article(&state.db, id, store::Seen::ByCitizens)
        .await?
        .ok_or(ApiError::not_found("Không tìm thấy bài viết"))?;
    // Best effort: a failed count never turns a read into an error.
    if let Some(viewer) = viewer {
        match store::count_view(
            &state.db,
            &state.writer,
            id,
            &viewer,
            state.settings.new_readers,
        )
        .await
        {
            Ok(Some(views)) => article.views = views,
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, id, "a view was not counted"),
        }
    }
    article.my_rating = ratings::of_reader(&state.db, id, reader).await?;
    Ok(article)
}
