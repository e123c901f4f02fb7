use axum::{
    Extension, Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{Cause, ReaderStatus, SessionInfo, SignIn, TwoStep};

use super::credentials::{Attempt, check_lengths, note, password_matches, use_code};
use crate::{
    AppState,
    answers::session::{info, session_info},
    http::{
        ApiError, ClientNetwork, JsonBody, ProblemDetails, SignedIn, Titled,
        extract::signed_out,
        session::{Session, clear_cookie, now_ms, set_cookie},
        visitor::Visitor,
    },
    store::{
        sessions::{self, Lifetime},
        users,
    },
};

impl Titled for SignIn {
    const INVALID_TITLE: &'static str = "Vui lòng nhập tên đăng nhập và mật khẩu";
}

fn idle_timeout_ms(state: &AppState) -> i64 {
    i64::try_from(state.settings.idle_timeout_s * 1000).unwrap_or(i64::MAX)
}

fn max_lifetime_ms(state: &AppState) -> i64 {
    i64::try_from(state.settings.session_max_hours * 3600 * 1000).unwrap_or(i64::MAX)
}

/// Signs in: a new session (and a new session id) on every success. An account with
/// two-step sign-in needs its code too: the right password alone is answered 401
/// (`CodeNeeded`), so that the form asks for the code and sends all three again.
///
/// 401: wrong username or password (which, is not said), a code needed, or a wrong or
/// used code; 422: username or password missing or too long; 429: five failures of the
/// username, or twenty of any, from one address within 15 minutes (see Retry-After);
/// 503: every password check is busy.
#[utoipa::path(post, path = "/api/session", tag = "session", request_body = SignIn, responses(
    (status = 200, body = SessionInfo, description = "Signed in; the session cookie is set"),
    (status = 401, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientNetwork(network): ClientNetwork,
    previous: Option<Extension<Session>>,
    JsonBody(credentials): JsonBody<SignIn>,
) -> Result<Response, ApiError> {
    let SignIn {
        username,
        password,
        code,
    } = credentials;
    let username = username.trim().to_owned();
    check_lengths(&username, &password)?;
    let attempt = Attempt::begin(&state, &username, &network.narrow).await?;
    let found = users::credentials(&state.db, &username).await?;
    let hash = found.as_ref().map(|found| found.password_hash.clone());
    let staff_account = found.is_some();
    let checker = state.password_checker.clone();
    let matches = password_matches(checker, hash, password).await;
    let Some(found) = found.filter(|_| matches) else {
        // Failures of real accounts are kept (at most a hundred an hour from networks
        // the user is new to); guesses at usernames nobody has are not.
        if staff_account {
            note(&state, None, &username, "sign-in-failed", &network.narrow).await;
        }
        return Err(ApiError::new(
            Cause::WrongCredentials,
            "Tên đăng nhập hoặc mật khẩu không đúng",
        ));
    };
    let user = found.user;
    if let Some(secret) = &found.totp_secret {
        let Some(code) = code.filter(|code| !code.trim().is_empty()) else {
            attempt.forget(&state).await?;
            return Err(ApiError::new(
                Cause::CodeNeeded,
                "Vui lòng nhập mã xác thực từ ứng dụng trên điện thoại của bạn",
            ));
        };
        use_code(&state, &user, secret, &code, &network.narrow).await?;
    }
    note(
        &state,
        Some(user.id),
        &user.username,
        "sign-in",
        &network.narrow,
    )
    .await;
    drop(attempt);
    if let Some(Extension(previous)) = previous {
        sessions::delete(&state.writer, &previous.token_hash).await?;
    }
    let now_ms = now_ms();
    let ends_at = now_ms + max_lifetime_ms(&state);
    let lifetime = Lifetime {
        expires_at: (now_ms + idle_timeout_ms(&state)).min(ends_at),
        ends_at,
    };
    let token = sessions::create(
        &state.writer,
        user.id,
        &user.username,
        &network.narrow,
        now_ms,
        lifetime,
    )
    .await?;
    let two_step = TwoStep {
        enabled: found.totp_secret.is_some(),
        required: state.settings.requires_two_step(&user),
    };
    let mut response = Json(info(&state, user, lifetime, two_step)).into_response();
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
    Json(session_info(&state, &session))
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
    let lifetime = sessions::extend(
        &state.writer,
        &session.token_hash,
        now_ms,
        now_ms + idle_timeout_ms(&state),
    )
    .await?
    .ok_or_else(signed_out)?;
    Ok(Json(info(&state, session.user, lifetime, session.two_step)))
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
#[utoipa::path(delete, path = "/api/session", tag = "session", responses(
    (status = 204, description = "Signed out (or was not signed in); the session cookie is cleared"),
))]
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
