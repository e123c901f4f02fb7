use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{Sidebar, Site, VisitorCounts};
use time::OffsetDateTime;

use crate::{
    AppState,
    answers::sidebar::count_visitor,
    http::{ApiError, IdPath, ProblemDetails, Viewer, etag::revalidated_json},
    store::{sidebar, site, visitors},
};

/// Every visible sidebar block with its data, and the footer's agency part, in one
/// response. Revalidated with its ETag, so a repeat view costs a 304 while nothing
/// changed. A reader the server issued counts in "Thống kê truy cập" (once a day) before
/// the figures are read.
#[utoipa::path(get, path = "/api/sidebar", tag = "sidebar", responses(
    (status = 200, body = Sidebar, headers(("ETag" = String), ("Cache-Control" = String))),
    (status = 304, description = "Unchanged since the ETag in If-None-Match"),
))]
pub async fn get_sidebar(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    request_headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(viewer) = &viewer {
        count_visitor(&state, viewer).await;
    }
    let frame = state.frame.reads(&state).await?;
    Ok(revalidated_json(&request_headers, &frame.sidebar))
}

/// Counts the reader's visit in "Thống kê truy cập" (once a day), for the app of a page
/// whose load did not count it (a new reader's first page, before their cookie was
/// issued); the figures with it, for the page to show. Like every visit, it counts only
/// for a reader whose cookie an earlier answer issued, within the new readers' cap of
/// their network.
#[utoipa::path(post, path = "/api/visits", tag = "sidebar", responses(
    (status = 200, body = VisitorCounts, description = "Counted (or not to be counted); the figures"),
))]
pub async fn count_visit(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
) -> Result<Json<VisitorCounts>, ApiError> {
    if let Some(viewer) = viewer {
        count_visitor(&state, &viewer).await;
    }
    let now = OffsetDateTime::now_utc().unix_timestamp();
    Ok(Json(visitors::counts(&state.db, now).await?))
}

/// The agency's information, for every page's footer. Revalidated with its ETag.
#[utoipa::path(get, path = "/api/site", tag = "sidebar", responses(
    (status = 200, body = Site, headers(("ETag" = String), ("Cache-Control" = String))),
    (status = 304, description = "Unchanged since the ETag in If-None-Match"),
))]
pub async fn get_site(
    State(state): State<AppState>,
    request_headers: HeaderMap,
) -> Result<Response, ApiError> {
    Ok(revalidated_json(
        &request_headers,
        &site::site(&state.db).await?,
    ))
}

/// Counts a visit to a linked website (once per reader per hour) and redirects to the
/// address stored for it — never to one taken from the request.
#[utoipa::path(get, path = "/api/weblinks/{id}/visit", tag = "sidebar", params(IdPath), responses(
    (status = 302, description = "To the linked website", headers(("Location" = String))),
    (status = 404, response = ProblemDetails),
))]
pub async fn visit_weblink(
    State(state): State<AppState>,
    Viewer(viewer): Viewer,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let url = sidebar::weblink_url(&state.db, id)
        .await?
        .ok_or(ApiError::not_found("Không tìm thấy liên kết"))?;
    // Best effort: a reader minted by this request is not counted, and a failed count
    // never stops the reader on the way to the link. A count shows in every page's sidebar.
    if let Some(viewer) = viewer {
        let caps = state.settings.new_readers;
        match sidebar::count_visit(&state.writer, id, &viewer, caps).await {
            Ok(true) => state.frame.changed(),
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, id, "a weblink visit was not counted"),
        }
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
