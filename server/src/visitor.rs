//! The anonymous reader: a random id in an HttpOnly cookie that the server issues.
//!
//! Views (and, later, ratings and ballots) are keyed on it. A missing or malformed cookie
//! gets a fresh id, set on the response of that same request.

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use uuid::Uuid;

pub const COOKIE_NAME: &str = "kc_visitor";
const ONE_YEAR: time::Duration = time::Duration::days(365);

/// The anonymous reader a request comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor(pub String);

/// Middleware: puts a [`Visitor`] into the request, issuing the cookie when it is new.
pub async fn identify(jar: CookieJar, mut request: Request, next: Next) -> Response {
    let known = jar
        .get(COOKIE_NAME)
        .and_then(|cookie| Uuid::try_parse(cookie.value()).ok());
    let id = known.unwrap_or_else(Uuid::new_v4).hyphenated().to_string();
    request.extensions_mut().insert(Visitor(id.clone()));
    let mut response = next.run(request).await;
    if known.is_none() {
        let cookie = Cookie::build((COOKIE_NAME, id))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .max_age(ONE_YEAR)
            .build();
        let value = HeaderValue::from_str(&cookie.to_string()).expect("a uuid cookie is ASCII");
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
