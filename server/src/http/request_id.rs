//! Every request's id: taken from a proxy's `X-Request-Id` when it is a plain token, made
//! here otherwise; logged with the request, sent back in `X-Request-Id`, and written in
//! every problem's body, so a citizen's error report leads to the log lines.

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static CURRENT: String;
}

/// Middleware: runs the request with its id, and answers with it.
pub async fn scope(mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_token(id))
        .map_or_else(|| uuid::Uuid::new_v4().simple().to_string(), str::to_owned);
    let value = HeaderValue::from_str(&id).expect("a token is a header value");
    request.headers_mut().insert(HEADER, value.clone());
    let mut response = CURRENT.scope(id, next.run(request)).await;
    response.headers_mut().insert(HEADER, value);
    response
}

/// The id of the request being answered, if any.
pub fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// An id a proxy may hand over: short, and only letters, digits and `-_.`.
fn is_token(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_tokens_are_taken_from_a_proxy() {
        assert!(is_token("5f0c6b2e9d7a4c1b8e3f2a1d0c9b8a7f"));
        assert!(is_token("req-2026.12.07_01"));
        assert!(!is_token("short"));
        assert!(!is_token("a b c d e f g h"));
        assert!(!is_token("<script>alert(1)</script>"));
        assert!(!is_token(&"a".repeat(65)));
    }
}
