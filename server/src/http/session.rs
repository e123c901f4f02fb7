//! Signed-in sessions: the cookie, and the middleware that finds the session behind it.
//!
//! A request whose session cookie names an expired or unknown session goes on as a guest's
//! (and the cookie is cleared): only what needs a user answers 401.

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
use portal_contract::{SessionUser, TwoStep};
use time::OffsetDateTime;

use super::error::ApiError;
use crate::{
    AppState,
    rules::auth::token_hash,
    store::sessions::{self, Lifetime},
};

/// The session a request belongs to.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: SessionUser,
    pub token_hash: String,
    pub lifetime: Lifetime,
    pub two_step: TwoStep,
}

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

fn sets_session_cookie(response: &Response, secure: bool) -> bool {
    let prefix = format!("{}=", cookie_name(secure));
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| value.as_bytes().starts_with(prefix.as_bytes()))
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
        Ok(Some(found)) => {
            let two_step = TwoStep {
                enabled: found.two_step,
                required: state.settings.requires_two_step(&found.user),
            };
            request.extensions_mut().insert(Session {
                user: found.user,
                token_hash: hash,
                lifetime: found.lifetime,
                two_step,
            });
            next.run(request).await
        }
        Ok(None) => {
            // A stale cookie makes a guest: reading never depends on a session. The
            // cookie is cleared unless this very response sets a new one (a sign-in).
            let mut response = next.run(request).await;
            if !sets_session_cookie(&response, secure) {
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, clear_cookie(secure));
            }
            response
        }
        Err(error) => ApiError::Database(error).into_response(),
    }
}
