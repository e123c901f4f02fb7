use std::net::SocketAddr;

use axum::{
    Extension, Json,
    extract::{ConnectInfo, State, rejection::JsonRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{Problem, ReaderStatus, SessionInfo, SessionUser, SignIn, WARNING_S};
use time::OffsetDateTime;

use crate::{
    AppState, auth,
    problem::ApiError,
    session::{Session, clear_cookie, now_ms, set_cookie},
    store::sessions,
    visitor::Visitor,
};

const NOT_SIGNED_IN: &str = "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn";

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
#[utoipa::path(
    post,
    path = "/api/session",
    tag = "session",
    request_body = SignIn,
    responses(
        (status = 200, body = SessionInfo, description = "Signed in; the session cookie is set"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Wrong username or password (which, is not said)"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Username or password missing"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Five failures within 15 minutes; see Retry-After"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    previous: Option<Extension<Session>>,
    body: Result<Json<SignIn>, JsonRejection>,
) -> Result<Response, ApiError> {
    let credentials = body
        .ok()
        .map(|Json(c)| c)
        .filter(|c| !c.username.trim().is_empty() && !c.password.is_empty())
        .ok_or_else(|| ApiError::Unprocessable {
            title: "Vui lòng nhập tên đăng nhập và mật khẩu".into(),
            detail: "username and password are required".into(),
        })?;
    let username = credentials.username.trim();
    let ip = peer.ip().to_string();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let failures = sessions::recent_failures(&state.db, username, &ip, now).await?;
    if let Some(retry_after_s) = auth::lockout_remaining(&failures, now) {
        return Err(ApiError::TooManyRequests {
            title: "Bạn đã đăng nhập sai nhiều lần, vui lòng thử lại sau ít phút",
            retry_after_s,
        });
    }
    let Some(user) =
        sessions::check_credentials(&state.db, username, &credentials.password).await?
    else {
        sessions::record_failure(&state.writer, username, &ip, now).await?;
        return Err(ApiError::Unauthorized(
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
#[utoipa::path(
    get,
    path = "/api/session",
    tag = "session",
    responses(
        (status = 200, body = SessionInfo),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Signed out or expired"),
    )
)]
pub async fn get_session(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
) -> Result<Json<SessionInfo>, ApiError> {
    let Extension(session) = session.ok_or(ApiError::Unauthorized(NOT_SIGNED_IN))?;
    Ok(Json(info(&state, session.user, session.expires_at_ms)))
}

/// Extends the session by the idle timeout from now.
#[utoipa::path(
    post,
    path = "/api/session/keepalive",
    tag = "session",
    responses(
        (status = 200, body = SessionInfo, description = "The new expiry"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Signed out or expired"),
    )
)]
pub async fn keepalive(
    State(state): State<AppState>,
    session: Option<Extension<Session>>,
) -> Result<Json<SessionInfo>, ApiError> {
    let Extension(session) = session.ok_or(ApiError::Unauthorized(NOT_SIGNED_IN))?;
    let now_ms = now_ms();
    let expires_at_ms = sessions::extend(
        &state.writer,
        &session.token_hash,
        now_ms,
        now_ms + idle_timeout_ms(&state),
    )
    .await?
    .ok_or(ApiError::Unauthorized(NOT_SIGNED_IN))?;
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
#[utoipa::path(
    delete,
    path = "/api/session",
    tag = "session",
    responses((status = 204, description = "Signed out (also when there was no session)"))
)]
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
