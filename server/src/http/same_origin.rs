//! State-changing API requests must come from our own pages, as JSON (a file upload as
//! `multipart/form-data`).
//!
//! A cross-site form post (the classic CSRF) fails both rules. Browsers say where a
//! request comes from in `Sec-Fetch-Site`; older ones only in `Origin`, which must then
//! name this host. Clients that send neither (curl, scripts) are not browsers and cannot
//! be tricked into sending a reader's cookie, so they pass.

use std::{collections::HashSet, sync::Arc};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use portal_contract::paths;

use super::error::ApiError;

/// The (method, route) pairs that have a handler: a request with any other method is
/// left to the router, which answers 405 whatever the request carries.
#[derive(Clone, Default)]
pub struct Handled(Arc<HashSet<(Method, String)>>);

impl Handled {
    pub fn new(routes: impl IntoIterator<Item = (Method, String)>) -> Self {
        Self(Arc::new(routes.into_iter().collect()))
    }

    fn handles(&self, request: &Request) -> bool {
        request
            .extensions()
            .get::<MatchedPath>()
            .is_some_and(|route| {
                self.0
                    .contains(&(request.method().clone(), route.as_str().to_owned()))
            })
    }
}

pub async fn guard(State(handled): State<Handled>, request: Request, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state && handled.handles(&request) {
        if !from_our_site(request.headers()) {
            return ApiError::cross_site().into_response();
        }
        let file_route = request.uri().path() == paths::api::UPLOADS;
        let accepted =
            is_json(request.headers()) || (file_route && is_multipart(request.headers()));
        if !accepted {
            return ApiError::not_json().into_response();
        }
    }
    next.run(request).await
}

fn header(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

pub fn from_our_site(headers: &HeaderMap) -> bool {
    if let Some(site) = header(headers, "sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match header(headers, header::ORIGIN) {
        None => true,
        Some(origin) => {
            let host = header(headers, header::HOST);
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            origin_host.is_some() && origin_host == host
        }
    }
}

fn media_type_is(headers: &HeaderMap, expected: &str) -> bool {
    header(headers, header::CONTENT_TYPE).is_some_and(|value| {
        let essence = value.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case(expected)
    })
}

fn is_json(headers: &HeaderMap) -> bool {
    media_type_is(headers, "application/json")
}

/// A file upload's body; only the upload route takes one. (A cross-site form could send
/// it too, but `from_our_site` refuses that, and the session cookie, `SameSite=Lax`, is
/// not sent with another site's POST.)
fn is_multipart(headers: &HeaderMap) -> bool {
    media_type_is(headers, "multipart/form-data")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(from_our_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!from_our_site(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!from_our_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!from_our_site(&headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://portal.example"),
            ("host", "portal.example"),
        ])));
    }

    #[test]
    fn origin_must_name_this_host() {
        let ours = [
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ];
        assert!(from_our_site(&headers(&ours)));
        let theirs = [
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ];
        assert!(!from_our_site(&headers(&theirs)));
        assert!(!from_our_site(&headers(&[
            ("origin", "null"),
            ("host", "a")
        ])));
    }

    #[test]
    fn clients_without_either_header_pass() {
        assert!(from_our_site(&HeaderMap::new()));
    }

    #[test]
    fn only_json_bodies_count_as_json() {
        assert!(is_json(&headers(&[("content-type", "application/json")])));
        assert!(is_json(&headers(&[(
            "content-type",
            "application/json; charset=utf-8"
        )])));
        assert!(!is_json(&headers(&[(
            "content-type",
            "application/x-www-form-urlencoded"
        )])));
        assert!(!is_json(&HeaderMap::new()));
    }
}
