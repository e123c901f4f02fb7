use std::net::SocketAddr;

use axum::{
    Extension, Json,
    extract::{ConnectInfo, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{Cause, ReaderStatus, SessionInfo, SessionUser, SignIn, WARNING_S};
use time::OffsetDateTime;

use crate::{
    AppState, auth,
    http::{
        ApiError, JsonBody, ProblemDetails, SignedIn, Titled,
        extract::signed_out,
        session::{Session, clear_cookie, now_ms, set_cookie},
        visitor::Visitor,
    },
    store::{sessions, users},
};

impl Titled for SignIn {
    const INVALID_TITLE: &'static str = "Vui lòng nhập tên đăng nhập và mật khẩu";
}

fn at_ms(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn info(state: &AppState, user: SessionUser, expires_at_ms: i64) -> SessionInfo {
    SessionInfo {
        user,
        expires_at: at_ms(expires_at_ms),
        idle_timeout_s: state.settings.idle_timeout_s,
        warning_s: WARNING_S,
        now: at_ms(now_ms()),
    }
}

fn idle_timeout_ms(state: &AppState) -> i64 {
    i64::try_from(state.settings.idle_timeout_s * 1000).unwrap_or(i64::MAX)
}

/// Signs in: a new session (and a new session id) on every success.
///
/// 401: wrong username or password (which, is not said); 422: username or password
/// missing; 429: five failures within 15 minutes (see Retry-After).
#[utoipa::path(post, path = "/api/session", tag = "session", request_body = SignIn, responses(
    (status = 200, body = SessionInfo, description = "Signed in; the session cookie is set"),
    (status = 401, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    previous: Option<Extension<Session>>,
    JsonBody(credentials): JsonBody<SignIn>,
) -> Result<Response, ApiError> {
    if credentials.username.trim().is_empty() || credentials.password.is_empty() {
        return Err(ApiError::invalid(
            SignIn::INVALID_TITLE,
            "username and password are required",
        ));
    }
    let username = credentials.username.trim();
    let ip = peer.ip().to_string();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let failures = users::recent_failures(&state.db, username, &ip, now).await?;
    if let Some(retry_after_s) = auth::lockout_remaining(&failures, now) {
        return Err(ApiError::too_many(
            "Bạn đã đăng nhập sai nhiều lần, vui lòng thử lại sau ít phút",
            retry_after_s,
        ));
    }
    let Some(user) = users::check_credentials(&state.db, username, &credentials.password).await?
    else {
        users::record_failure(&state.writer, username, &ip, now).await?;
        return Err(ApiError::new(
            Cause::WrongCredentials,
            "Tên đăng nhập hoặc mật khẩu không đúng",
        ));
    };
    if let Some(Extension(previous)) = previous {
        sessions::delete(&state.writer, &previous.token_hash).await?;
    }
    let now_ms = now_ms();
    let expires_at_ms = now_ms + idle_timeout_ms(&state);
    let token = sessions::create(
        &state.db,
        user.id,
        &user.username,
        &ip,
        now_ms,
        expires_at_ms,
    )
    .await?;
    let mut response = Json(info(&state, user, expires_at_ms)).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state.settings.secure_cookies, token),
    );
    Ok(response)
}

/// The current session, without extending it.
#[utoipa::path(get, path = "/api/session", tag = "session", responses(
    (status = 200, body = SessionInfo),
    (status = 401, response = ProblemDetails),
))]
pub async fn get_session(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Json<SessionInfo> {
    Json(info(&state, session.user, session.expires_at_ms))
}

/// Extends the session by the idle timeout from now.
#[utoipa::path(post, path = "/api/session/keepalive", tag = "session", responses(
    (status = 200, body = SessionInfo, description = "The new expiry"),
    (status = 401, response = ProblemDetails),
))]
pub async fn keepalive(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Json<SessionInfo>, ApiError> {
    let now_ms = now_ms();
    let expires_at_ms = sessions::extend(
        &state.writer,
        &session.token_hash,
        now_ms,
        now_ms + idle_timeout_ms(&state),
    )
    .await?
    .ok_or_else(signed_out)?;
    Ok(Json(info(&state, session.user, expires_at_ms)))
}

/// Whether the reader of this request was known (by their cookie or session) — so an
/// embed page can tell whether the browser blocks our cookie in a frame.
#[utoipa::path(get, path = "/api/reader", tag = "session", responses((status = 200, body = ReaderStatus)))]
pub async fn reader_status(
    Extension(visitor): Extension<Visitor>,
    session: Option<Extension<Session>>,
) -> Json<ReaderStatus> {
    Json(ReaderStatus {
        known: session.is_some() || !visitor.is_new,
    })
}

/// Signs out: the session is deleted on the server and the cookie removed.
#[utoipa::path(delete, path = "/api/session", tag = "session", responses())]
pub async fn sign_out(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
) -> Result<Response, ApiError> {
    if let Some(Extension(session)) = session {
        sessions::delete(&state.writer, &session.token_hash).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            clear_cookie(state.settings.secure_cookies),
        )],
    )
        .into_response())
}
