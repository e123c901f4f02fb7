use axum::{
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::Sidebar;

use crate::{
    AppState,
    http::{ActingReader, ApiError, IdPath, ProblemDetails},
    store::sidebar,
};

/// Every visible sidebar block with its data, in one response. Revalidated with its ETag,
/// so a repeat view costs a 304.
#[utoipa::path(get, path = "/api/sidebar", tag = "sidebar", responses(
    (status = 200, body = Sidebar, headers(("ETag" = String), ("Cache-Control" = String))),
    (status = 304, description = "Unchanged since the ETag in If-None-Match"),
))]
pub async fn get_sidebar(
    State(state): State<AppState>,
    request_headers: HeaderMap,
) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(&Sidebar {
        blocks: sidebar::blocks(&state.db).await?,
    })
    .expect("the sidebar serializes");
    let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("hex is ASCII"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches_etag(&request_headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok((headers, body).into_response())
}

fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// Counts a visit to a linked website (once per reader per hour) and redirects to the
/// address stored for it — never to one taken from the request.
#[utoipa::path(get, path = "/api/weblinks/{id}/visit", tag = "sidebar", params(IdPath), responses(
    (status = 302, description = "To the linked website", headers(("Location" = String))),
    (status = 404, response = ProblemDetails),
))]
pub async fn visit_weblink(
    State(state): State<AppState>,
    counted_as: Result<ActingReader, ApiError>,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let url = sidebar::weblink_url(&state.db, id)
        .await?
        .ok_or(ApiError::not_found("Không tìm thấy liên kết"))?;
    // Best effort: a reader minted by this request is not counted, and a failed count
    // never stops the reader on the way to the link.
    if let Ok(ActingReader(reader)) = counted_as
        && let Err(error) = sidebar::count_visit(&state.writer, id, &reader).await
    {
        tracing::warn!(%error, id, "a weblink visit was not counted");
    }
    // An address stored before the import checked it may not fit a header: 404, not a panic.
    let location = HeaderValue::from_str(&url).map_err(|_| {
        tracing::error!(id, "a weblink's stored address is not a valid header value");
        ApiError::not_found("Không tìm thấy liên kết")
    })?;
    // 302, as the visit must be counted each time.
    let headers = [
        (header::LOCATION, location),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    Ok((StatusCode::FOUND, headers).into_response())
}
