//! The anonymous reader: a random id in an HttpOnly cookie that the server issues.
//!
//! Views, ratings and ballots of anonymous readers are keyed on it. The id is sealed
//! (HMAC) by the server: a missing, malformed or forged cookie gets a fresh id, set on
//! the response of that same request. An embed page is
//! framed by another site, where our cookie is third-party: there it is issued
//! `SameSite=None; Secure; Partitioned`, so browsers that partition keep it (per host
//! site) instead of dropping it.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use uuid::Uuid;

use portal_contract::paths;

use crate::AppState;

pub const COOKIE_NAME: &str = "kc_visitor";
const ONE_YEAR: time::Duration = time::Duration::days(365);

/// The anonymous reader a request comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor {
    pub id: String,
    /// The request came without (a valid) cookie: this id is new.
    pub is_new: bool,
}

/// Whether the request loads a page into a frame of another site's page.
fn is_embed(request: &Request) -> bool {
    paths::is_embed(request.uri().path())
        || request
            .headers()
            .get("sec-fetch-dest")
            .is_some_and(|dest| dest == "iframe")
}

/// Middleware: puts a [`Visitor`] into the request, issuing the cookie when it is new.
/// A cookie without this server's seal is no cookie: its bearer gets a new id.
pub async fn identify(
    State(state): State<AppState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Response {
    let seal = &state.reader_seal;
    let known = jar
        .get(COOKIE_NAME)
        .and_then(|cookie| seal.open(cookie.value()))
        .and_then(|id| Uuid::try_parse(id).ok());
    let id = known.unwrap_or_else(Uuid::new_v4).hyphenated().to_string();
    let embed = is_embed(&request);
    request.extensions_mut().insert(Visitor {
        id: id.clone(),
        is_new: known.is_none(),
    });
    let mut response = next.run(request).await;
    if known.is_none() {
        let secure = state.settings.secure_cookies;
        let cookie = reader_side_cookie(COOKIE_NAME, seal.seal(&id), embed, secure, ONE_YEAR);
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// A cookie of the reader's browser, not of a session: `HttpOnly`, for the whole site; on
/// an embed page (`embed`), where it is a third-party cookie, `SameSite=None; Secure;
/// Partitioned`, so browsers that partition keep it, else `SameSite=Lax`.
pub fn reader_side_cookie(
    name: &'static str,
    value: String,
    embed: bool,
    secure: bool,
    lifetime: time::Duration,
) -> HeaderValue {
    let cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(if embed { SameSite::None } else { SameSite::Lax })
        .secure(embed || secure)
        .partitioned(embed)
        .max_age(lifetime)
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("cookie values are ASCII")
}
