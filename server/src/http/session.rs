//! Signed-in sessions: the cookie, and the middleware that finds the session behind it.
//!
//! A request whose session cookie names an expired or unknown session is answered 401
//! (and the cookie cleared), except on `/api/session` itself, where one signs in again.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use portal_contract::{Cause, SessionUser};
use time::OffsetDateTime;

use super::error::ApiError;
use crate::{AppState, auth::token_hash, store::sessions};

/// The session a request belongs to.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: SessionUser,
    pub token_hash: String,
    pub expires_at_ms: i64,
}

pub const SESSION_PATH: &str = "/api/session";

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-kc_session"
    } else {
        "kc_session"
    }
}

pub fn now_ms() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

fn cookie(secure: bool, value: String) -> Cookie<'static> {
    Cookie::build((cookie_name(secure), value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
}

/// The Set-Cookie value that starts a session (a browser-session cookie: the server
/// decides when the session ends).
pub fn set_cookie(secure: bool, token: String) -> HeaderValue {
    HeaderValue::from_str(&cookie(secure, token).to_string()).expect("a hex token is ASCII")
}

/// The Set-Cookie value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let mut gone = cookie(secure, String::new());
    gone.make_removal();
    HeaderValue::from_str(&gone.to_string()).expect("an empty cookie is ASCII")
}

pub async fn authenticate(
    State(state): State<AppState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Response {
    let secure = state.settings.secure_cookies;
    let Some(token) = jar.get(cookie_name(secure)).map(|c| c.value().to_owned()) else {
        return next.run(request).await;
    };
    let hash = token_hash(&token);
    match sessions::find(&state.db, &hash, now_ms()).await {
        Ok(Some((user, expires_at_ms))) => {
            request.extensions_mut().insert(Session {
                user,
                token_hash: hash,
                expires_at_ms,
            });
            next.run(request).await
        }
        Ok(None) => {
            let mut response = if request.uri().path() == SESSION_PATH {
                next.run(request).await
            } else {
                ApiError::new(
                    Cause::SignedOut,
                    "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại",
                )
                .into_response()
            };
            response
                .headers_mut()
                .append(header::SET_COOKIE, clear_cookie(secure));
            response
        }
        Err(error) => ApiError::Database(error).into_response(),
    }
}
