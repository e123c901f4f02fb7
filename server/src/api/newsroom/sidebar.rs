//! The newsroom's sidebar: linked websites (add, change, reorder, hide), the blocks'
//! order, titles and visibility, and a year's public-service figures.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use portal_contract::content::{BlockRecord, EditedWeblink, PublicServicesRecord, WeblinkRecord};

use super::versions;
use crate::{
    AppState,
    http::{ApiError, IdPath, JsonBody, ProblemDetails, Staff, Titled},
    rules::newsroom::slug_from_title,
    store::{Turn, sidebar_editing as store},
};

/// What staff edit of the links: each one's id and record (not its visits).
fn edited_links(links: &[EditedWeblink]) -> Vec<(i64, &WeblinkRecord)> {
    links.iter().map(|l| (l.id, &l.link)).collect()
}

/// A turn at changing the sidebar (see `versions`).
async fn turn(state: &AppState) -> Result<Turn, ApiError> {
    Ok(state.writer.turn("the sidebar").await?)
}

/// The links as they now are, with their version.
async fn links_versioned(state: &AppState) -> Result<Response, ApiError> {
    let links = store::weblinks(&state.db).await?;
    Ok(versions::versioned(&links, &edited_links(&links)))
}

impl Titled for WeblinkRecord {
    const INVALID_TITLE: &'static str = "Liên kết không hợp lệ";
}

impl Titled for Vec<i64> {
    const INVALID_TITLE: &'static str = "Thứ tự liên kết không hợp lệ";
}

impl Titled for Vec<BlockRecord> {
    const INVALID_TITLE: &'static str = "Các khối không hợp lệ";
}

impl Titled for PublicServicesRecord {
    const INVALID_TITLE: &'static str = "Số liệu dịch vụ công không hợp lệ";
}

/// Every linked website, hidden ones too, in order, with their visits.
///
/// 401: not signed in; 403: not staff.
#[utoipa::path(get, path = "/api/newsroom/weblinks", tag = "newsroom", responses(
    (status = 200, body = Vec<EditedWeblink>, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
))]
pub async fn list_weblinks(State(state): State<AppState>, _: Staff) -> Result<Response, ApiError> {
    links_versioned(&state).await
}

/// Adds a link after the others; an empty slug is made from the title.
///
/// 401, 403; 422: a field is refused.
#[utoipa::path(post, path = "/api/newsroom/weblinks", tag = "newsroom", request_body = WeblinkRecord, responses(
    (status = 201, body = EditedWeblink),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn add_weblink(
    State(state): State<AppState>,
    _: Staff,
    JsonBody(mut link): JsonBody<WeblinkRecord>,
) -> Result<Response, ApiError> {
    if link.slug.is_empty() {
        link.slug = slug_from_title(&link.title).unwrap_or_else(|| "lien-ket".to_owned());
    }
    link.check()?;
    let _turn = turn(&state).await?;
    let added = store::add_weblink(&state.writer, link).await?;
    Ok((StatusCode::CREATED, Json(added)).into_response())
}

/// Changes a link's group, title, address and visibility (not its slug or place).
///
/// 401, 403; 404: no such link; 422: a field is refused.
#[utoipa::path(put, path = "/api/newsroom/weblinks/{id}", tag = "newsroom", params(IdPath,
    ("If-Match" = String, Header, description = "The ETag of the version this change was made from")), request_body = WeblinkRecord, responses(
    (status = 200, body = EditedWeblink),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn change_weblink(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(link): JsonBody<WeblinkRecord>,
) -> Result<Json<EditedWeblink>, ApiError> {
    let named = versions::named(&headers)?;
    // The slug in the body does not count: the stored one is kept.
    link.check_content()?;
    let _turn = turn(&state).await?;
    versions::check(&edited_links(&store::weblinks(&state.db).await?), &named)?;
    store::change_weblink(&state.writer, id, &link)
        .await?
        .map(Json)
        .ok_or(ApiError::not_found("Không tìm thấy liên kết"))
}

/// Puts the links in the order the body lists their ids.
///
/// 401, 403; 422: an id names no link.
#[utoipa::path(put, path = "/api/newsroom/weblinks/order", tag = "newsroom", params(
    ("If-Match" = String, Header, description = "The ETag of the version this change was made from")), request_body = Vec<i64>, responses(
    (status = 200, body = Vec<EditedWeblink>, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn order_weblinks(
    State(state): State<AppState>,
    _: Staff,
    headers: HeaderMap,
    JsonBody(ids): JsonBody<Vec<i64>>,
) -> Result<Response, ApiError> {
    let named = versions::named(&headers)?;
    let _turn = turn(&state).await?;
    versions::check(&edited_links(&store::weblinks(&state.db).await?), &named)?;
    if !store::order_weblinks(&state.writer, &ids).await? {
        return Err(ApiError::invalid(
            "Thứ tự liên kết nêu một liên kết không có",
            "ids",
        ));
    }
    links_versioned(&state).await
}

/// Every sidebar block, in order, shown or not.
///
/// 401, 403.
#[utoipa::path(get, path = "/api/newsroom/blocks", tag = "newsroom", responses(
    (status = 200, body = Vec<BlockRecord>, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
))]
pub async fn list_blocks(State(state): State<AppState>, _: Staff) -> Result<Response, ApiError> {
    let blocks = store::blocks(&state.db).await?;
    Ok(versions::versioned(&blocks, &blocks))
}

/// Sets the blocks: each at its place in the list, with its title and visibility.
///
/// 401, 403; 422: a block is unknown, named twice or untitled.
#[utoipa::path(put, path = "/api/newsroom/blocks", tag = "newsroom", params(
    ("If-Match" = String, Header, description = "The ETag of the version this change was made from")), request_body = Vec<BlockRecord>, responses(
    (status = 200, body = Vec<BlockRecord>, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn set_blocks(
    State(state): State<AppState>,
    _: Staff,
    headers: HeaderMap,
    JsonBody(blocks): JsonBody<Vec<BlockRecord>>,
) -> Result<Response, ApiError> {
    let named = versions::named(&headers)?;
    for (i, block) in blocks.iter().enumerate() {
        block.check()?;
        if blocks[..i].iter().any(|b| b.block == block.block) {
            return Err(ApiError::invalid("Một khối được nêu hai lần", "block"));
        }
    }
    let _turn = turn(&state).await?;
    versions::check(&store::blocks(&state.db).await?, &named)?;
    store::set_blocks(&state.writer, &blocks).await?;
    let saved = store::blocks(&state.db).await?;
    Ok(versions::versioned(&saved, &saved))
}

/// Every year's public-service figures, the latest first.
///
/// 401, 403.
#[utoipa::path(get, path = "/api/newsroom/public-services", tag = "newsroom", responses(
    (status = 200, body = Vec<PublicServicesRecord>, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
))]
pub async fn list_public_services(
    State(state): State<AppState>,
    _: Staff,
) -> Result<Response, ApiError> {
    let figures = store::public_services(&state.db).await?;
    Ok(versions::versioned(&figures, &figures))
}

/// Sets the figures of the body's year (adding the year when it has none).
///
/// 401, 403; 422: the figures do not add up, or a field is refused.
#[utoipa::path(put, path = "/api/newsroom/public-services", tag = "newsroom", params(
    ("If-Match" = String, Header, description = "The ETag of the version this change was made from")), request_body = PublicServicesRecord, responses(
    (status = 200, body = Vec<PublicServicesRecord>, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn set_public_services(
    State(state): State<AppState>,
    _: Staff,
    headers: HeaderMap,
    JsonBody(figures): JsonBody<PublicServicesRecord>,
) -> Result<Response, ApiError> {
    let named = versions::named(&headers)?;
    figures.check()?;
    let _turn = turn(&state).await?;
    versions::check(&store::public_services(&state.db).await?, &named)?;
    store::set_public_services(&state.writer, &figures).await?;
    let saved = store::public_services(&state.db).await?;
    Ok(versions::versioned(&saved, &saved))
}
