//! JSON answers that a browser revalidates: an ETag computed from the body (so any
//! server holding the same data gives the same one) and `no-cache`, so a repeat request
//! costs a 304 when nothing changed.

use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// The ETag of `value`: a hash of its JSON, the same on every server.
pub fn tag_of(value: &impl serde::Serialize) -> String {
    let body = serde_json::to_vec(value).expect("plain data serializes");
    format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body))
}

/// `value` as JSON with its ETag, or 304 when `request` already holds that version.
pub fn revalidated_json(request: &HeaderMap, value: &impl serde::Serialize) -> Response {
    let body = serde_json::to_vec(value).expect("plain data serializes");
    let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("hex is ASCII"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches_etag(request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (headers, body).into_response()
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
