//! The newsroom's articles: staff list them in every state, write, save (a stale save is
//! refused), move them to the bin and back, and read every kept version. Restoring a
//! version is saving its text again.

use axum::{
    Json,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use axum_extra::extract::WithRejection;
use portal_contract::{
    Cause, PageRequest,
    newsroom::{ArticleDraft, ArticleRows, Autosaved, EditedArticle, Revision, Shelf, version_tag},
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::{
    AppState,
    answers::articles::{category_named, page_error},
    http::{ApiError, IdPath, JsonBody, ProblemDetails, Staff, Titled},
    rules::search::Terms,
    store::newsroom::{self as store, RowFilter, SaveRefusal, Saver},
};

impl Titled for ArticleDraft {
    const INVALID_TITLE: &'static str = "Bài viết không hợp lệ";
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RowsQuery {
    /// One state, or `bin`; absent for every article out of the bin.
    state: Option<Shelf>,
    /// A category slug.
    category: Option<String>,
    /// Words of the title, with or without diacritics.
    q: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1)]
    page: Option<i64>,
    /// Articles per page, 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50)]
    per_page: Option<i64>,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Every article, latest change first, in any state: narrowed by state (or the bin),
/// category and words of the title.
///
/// 401: not signed in; 403: not staff; 404: unknown category; 422: page out of range.
#[utoipa::path(get, path = "/api/newsroom/articles", tag = "newsroom", params(RowsQuery), responses(
    (status = 200, body = ArticleRows),
    (status = 400, response = ProblemDetails),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn list_rows(
    State(state): State<AppState>,
    _: Staff,
    WithRejection(Query(query), _): WithRejection<Query<RowsQuery>, ApiError>,
) -> Result<Json<ArticleRows>, ApiError> {
    let page = PageRequest::new(query.page, query.per_page).map_err(page_error)?;
    let category = category_named(&state, query.category.as_deref()).await?;
    let terms = query
        .q
        .as_deref()
        .map(Terms::parse)
        .filter(|t| !t.is_empty());
    let titled = match terms {
        Some(terms) => Some(state.search.titled(terms).await?),
        None => None,
    };
    let filter = RowFilter {
        shelf: query.state,
        category_id: category.map(|c| c.id),
        titled,
    };
    let (items, total) = store::list(&state.db, &filter, page, now()).await?;
    Ok(Json(ArticleRows {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// A new article. Its slug is made from the title when none is given.
///
/// 401, 403; 409: the slug is another article's; 422: the draft is refused (the
/// `detail` names the field), or the category is unknown.
#[utoipa::path(post, path = "/api/newsroom/articles", tag = "newsroom", request_body = ArticleDraft, responses(
    (status = 201, body = EditedArticle, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn create_article(
    State(state): State<AppState>,
    Staff(session): Staff,
    JsonBody(draft): JsonBody<ArticleDraft>,
) -> Result<Response, ApiError> {
    draft.check()?;
    let saver = Saver {
        user_id: session.user.id,
        now: now(),
    };
    let id = store::create(&state.writer, &draft, saver)
        .await?
        .map_err(refusal)?;
    let (etag, article) = edited(&state, id).await?;
    Ok((StatusCode::CREATED, etag, Json(article)).into_response())
}

/// An article as the newsroom edits it, with its version as the ETag.
///
/// 401, 403; 404: no such article.
#[utoipa::path(get, path = "/api/newsroom/articles/{id}", tag = "newsroom", params(IdPath), responses(
    (status = 200, body = EditedArticle, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn get_edited_article(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let (etag, article) = edited(&state, id).await?;
    Ok((etag, Json(article)).into_response())
}

/// Saves an article over the version named by `If-Match` (its ETag). Every save is kept
/// as a revision; restoring a revision is saving its article.
///
/// 401, 403, 404; 409: slug taken; 412: someone saved a newer version first (the
/// `detail` says who and when; read the article again); 422: refused draft; 428: no
/// `If-Match`.
#[utoipa::path(put, path = "/api/newsroom/articles/{id}", tag = "newsroom", params(IdPath,
    ("If-Match" = String, Header, description = "The ETag of the version this save was made from")),
    request_body = ArticleDraft, responses(
    (status = 200, body = EditedArticle, headers(("ETag" = String, description = "The new version"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn save_article(
    State(state): State<AppState>,
    Staff(session): Staff,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(draft): JsonBody<ArticleDraft>,
) -> Result<Response, ApiError> {
    let version = if_match(&headers)?;
    draft.check()?;
    let saver = Saver {
        user_id: session.user.id,
        now: now(),
    };
    match store::update(&state.writer, id, version, &draft, saver).await? {
        Ok(()) => {}
        Err(SaveRefusal::Stale) => return Err(stale(&state, id).await),
        Err(other) => return Err(refusal(other)),
    }
    let (etag, article) = edited(&state, id).await?;
    Ok((etag, Json(article)).into_response())
}

/// Moves an article to the bin: citizens no longer see it; it can be restored.
///
/// 401, 403; 404: no such article.
#[utoipa::path(delete, path = "/api/newsroom/articles/{id}", tag = "newsroom", params(IdPath), responses(
    (status = 204, description = "In the bin"),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn bin_article(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
) -> Result<StatusCode, ApiError> {
    set_in_bin(&state, id, true).await
}

/// Takes an article out of the bin, in the state it had.
///
/// 401, 403; 404: no such article.
#[utoipa::path(post, path = "/api/newsroom/articles/{id}/restore", tag = "newsroom", params(IdPath), responses(
    (status = 204, description = "Out of the bin"),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn restore_article(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
) -> Result<StatusCode, ApiError> {
    set_in_bin(&state, id, false).await
}

/// Every kept version of an article, newest first, with who saved it and when.
///
/// 401, 403; 404: no such article.
#[utoipa::path(get, path = "/api/newsroom/articles/{id}/revisions", tag = "newsroom", params(IdPath), responses(
    (status = 200, body = Vec<Revision>),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn list_revisions(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
) -> Result<Json<Vec<Revision>>, ApiError> {
    let revisions = store::revisions(&state.db, id).await?;
    if revisions.is_empty() {
        // Every article has at least the revision of its first save or import.
        return Err(not_found());
    }
    Ok(Json(revisions))
}

/// Keeps what the signed-in editor typed and has not saved (the editor sends it every
/// 30 seconds), with the version it was made from (`If-Match`): no version of its own, no
/// revision, nothing citizens see; their next save drops it.
///
/// 401, 403; 404: no such article; 412: If-Match names no version; 422: the draft is not
/// one; 428: no If-Match.
#[utoipa::path(put, path = "/api/newsroom/articles/{id}/autosave", tag = "newsroom", params(IdPath,
    ("If-Match" = String, Header, description = "The ETag of the version the text was made from")),
    request_body = ArticleDraft, responses(
    (status = 204, description = "Kept"),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn autosave(
    State(state): State<AppState>,
    Staff(session): Staff,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(draft): JsonBody<ArticleDraft>,
) -> Result<StatusCode, ApiError> {
    let base_version = if_match(&headers)?;
    let saver = Saver {
        user_id: session.user.id,
        now: now(),
    };
    if store::autosave(&state.writer, id, &draft, base_version, saver).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}

/// What the signed-in editor typed in the article and has not saved, if anything.
///
/// 401, 403; 404: nothing kept (or no such article).
#[utoipa::path(get, path = "/api/newsroom/articles/{id}/autosave", tag = "newsroom", params(IdPath), responses(
    (status = 200, body = Autosaved),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn autosaved(
    State(state): State<AppState>,
    Staff(session): Staff,
    IdPath(id): IdPath,
) -> Result<Json<Autosaved>, ApiError> {
    store::autosaved(&state.db, id, session.user.id)
        .await?
        .map(Json)
        .ok_or(ApiError::not_found("Không có bản tự lưu"))
}

fn not_found() -> ApiError {
    ApiError::not_found("Không tìm thấy bài viết")
}

fn refusal(refusal: SaveRefusal) -> ApiError {
    match refusal {
        SaveRefusal::UnknownCategory => ApiError::invalid("Chuyên mục không tồn tại", "category"),
        SaveRefusal::UnknownFile => ApiError::invalid(
            "Ảnh hoặc tệp đính kèm không có trong các tệp đã tải lên",
            "picture, attachments",
        ),
        SaveRefusal::SlugTaken => ApiError::new(
            Cause::SlugTaken,
            "Đường dẫn này đã được dùng cho bài viết khác",
        ),
        SaveRefusal::NotFound => not_found(),
        SaveRefusal::Stale => ApiError::new(
            Cause::StaleVersion,
            "Bài viết đã được người khác lưu trước bạn",
        ),
    }
}

/// The refusal of a stale save, naming the save that came first.
async fn stale(state: &AppState, id: i64) -> ApiError {
    let came_first = match store::edited(&state.db, id, now()).await {
        Ok(Some(article)) => format!(
            "version {} was saved by {} at {}",
            article.version,
            article.updated_by.as_deref().unwrap_or("the import"),
            article.updated_at
        ),
        _ => String::from("a newer version was saved"),
    };
    refusal(SaveRefusal::Stale).with_detail(came_first)
}

async fn set_in_bin(state: &AppState, id: i64, in_bin: bool) -> Result<StatusCode, ApiError> {
    if store::set_in_bin(&state.writer, id, in_bin, now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}

/// Article `id` with its version as an ETag header.
async fn edited(
    state: &AppState,
    id: i64,
) -> Result<([(header::HeaderName, HeaderValue); 1], EditedArticle), ApiError> {
    let article = store::edited(&state.db, id, now())
        .await?
        .ok_or_else(not_found)?;
    let etag = HeaderValue::from_str(&version_tag(article.version)).expect("digits are ASCII");
    Ok(([(header::ETAG, etag)], article))
}

/// The version an `If-Match` header names: 428 without one, 412 when it names none.
fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let value = headers.get(header::IF_MATCH).ok_or_else(|| {
        ApiError::new(
            Cause::VersionRequired,
            "Cần cho biết phiên bản bài viết đang sửa",
        )
        .with_detail("send the article's ETag as If-Match")
    })?;
    value
        .to_str()
        .ok()
        .map(|tag| tag.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|tag| tag.strip_prefix('v'))
        .and_then(|number| number.parse().ok())
        .ok_or_else(|| refusal(SaveRefusal::Stale).with_detail("If-Match names no version"))
}
