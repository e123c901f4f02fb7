//! Articles as citizens read them: one (its view counted), a page of a list.

use portal_contract::{Article, ArticleList, Category, PageError, PageRequest};

use crate::{
    AppState,
    http::ApiError,
    rules::reader::{CountedReader, Reader},
    store::{articles as store, ratings},
};

/// The category a query's `category` slug names: none when empty or absent, 404 when
/// unknown.
pub async fn category_named(
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

pub fn page_error(error: PageError) -> ApiError {
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

/// One page of articles: all, or those of the category `slug` names (404 when unknown) or
/// of a tag.
pub async fn article_list(
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

/// Article `id` as `reader` reads it (404 when there is none): the view counted for
/// `viewer` (none: not counted), their own rating included.
pub async fn read_article(
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
