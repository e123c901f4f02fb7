//! Two-step sign-in, by the signed-in user: set it up (a secret offered with its QR code,
//! confirmed with the password and a first code, which gives the recovery codes), new
//! recovery codes, turning it off. Every change asks for the password and a code again,
//! and counts its failures as sign-ins do.

use axum::{Json, extract::State, http::StatusCode};
use portal_contract::{Cause, RecoveryCodes, TwoStepProof, TwoStepSetup};

use super::credentials::{Attempt, check_lengths, password_matches, use_code, wrong_code};
use crate::{
    AppState,
    http::{ApiError, ClientNetwork, JsonBody, ProblemDetails, SignedIn, Titled, session::Session},
    rules::auth::two_step,
    store::{site, two_step as store, users},
};

impl Titled for TwoStepProof {
    const INVALID_TITLE: &'static str = "Vui lòng nhập mật khẩu và mã xác thực";
}

/// Offers a new secret for two-step sign-in, in place of any offered before; it counts
/// once confirmed.
///
/// 401: not signed in; 409: two-step sign-in is on already.
#[utoipa::path(post, path = "/api/session/two-step/setup", tag = "session", responses(
    (status = 200, body = TwoStepSetup),
    (status = 401, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
))]
pub async fn offer_secret(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Json<TwoStepSetup>, ApiError> {
    if session.two_step.enabled {
        return Err(already_on());
    }
    let secret = two_step::new_secret();
    let issuer = site::site(&state.db).await?.agency;
    let uri = two_step::uri(&secret, &session.user.username, &issuer)
        .ok_or_else(|| ApiError::new(Cause::ServerError, "Không tạo được mã khoá"))?;
    let qr_svg = two_step::qr_svg(&uri)
        .ok_or_else(|| ApiError::new(Cause::ServerError, "Không tạo được mã QR"))?;
    store::offer(&state.writer, session.user.id, &secret).await?;
    Ok(Json(TwoStepSetup {
        secret,
        uri,
        qr_svg,
    }))
}

/// Turns two-step sign-in on with the secret offered, given the password and the first
/// code the app shows; answers the recovery codes, shown this once. Every other session
/// of the user ends.
///
/// 401: not signed in, a wrong password or code; 409: on already; 422: no secret was
/// offered, or the proof is missing; 429: too many failures (see Retry-After).
#[utoipa::path(post, path = "/api/session/two-step", tag = "session", request_body = TwoStepProof, responses(
    (status = 200, body = RecoveryCodes, description = "On; the recovery codes, shown once"),
    (status = 401, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn enable(
    State(state): State<AppState>,
    ClientNetwork(network): ClientNetwork,
    SignedIn(session): SignedIn,
    JsonBody(proof): JsonBody<TwoStepProof>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    if session.two_step.enabled {
        return Err(already_on());
    }
    let offered = store::offered(&state.db, session.user.id)
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                "Chưa có mã khoá nào được tạo, vui lòng bắt đầu cài đặt lại",
                "no secret offered",
            )
        })?;
    let attempt = check_password(&state, &session, &network.narrow, proof.password).await?;
    let now = time::OffsetDateTime::now_utc()
        .unix_timestamp()
        .unsigned_abs();
    let step = two_step::matching_step(&offered, &proof.code, now).ok_or_else(wrong_code)?;
    attempt.forget(&state).await?;
    let (codes, hashes) = new_recovery_codes();
    let id = session.user.id;
    if !store::enable(
        &state.writer,
        id,
        &offered,
        step,
        &hashes,
        &session.token_hash,
    )
    .await?
    {
        return Err(ApiError::invalid(
            "Mã khoá đã được tạo lại ở nơi khác, vui lòng bắt đầu cài đặt lại",
            "another secret was offered since",
        ));
    }
    Ok(Json(RecoveryCodes { codes }))
}

/// New recovery codes in place of the old ones, given the password and a code.
///
/// 401: not signed in, a wrong password or code; 422: two-step sign-in is off, or the
/// proof is missing; 429: too many failures.
#[utoipa::path(post, path = "/api/session/two-step/recovery-codes", tag = "session", request_body = TwoStepProof, responses(
    (status = 200, body = RecoveryCodes, description = "The new recovery codes, shown once"),
    (status = 401, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn renew_recovery_codes(
    State(state): State<AppState>,
    ClientNetwork(network): ClientNetwork,
    SignedIn(session): SignedIn,
    JsonBody(proof): JsonBody<TwoStepProof>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    prove(&state, &session, &network.narrow, proof).await?;
    let (codes, hashes) = new_recovery_codes();
    store::renew_recovery_codes(&state.writer, session.user.id, &hashes).await?;
    Ok(Json(RecoveryCodes { codes }))
}

/// Turns two-step sign-in off, given the password and a code; not where the portal asks
/// it of the account.
///
/// 401: not signed in, a wrong password or code; 403: the portal requires it; 422: it is
/// off, or the proof is missing; 429: too many failures.
#[utoipa::path(post, path = "/api/session/two-step/off", tag = "session", request_body = TwoStepProof, responses(
    (status = 204, description = "Off"),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn disable(
    State(state): State<AppState>,
    ClientNetwork(network): ClientNetwork,
    SignedIn(session): SignedIn,
    JsonBody(proof): JsonBody<TwoStepProof>,
) -> Result<StatusCode, ApiError> {
    if session.two_step.required {
        return Err(ApiError::new(
            Cause::TwoStepRequired,
            "Cổng thông tin yêu cầu cán bộ đăng nhập hai bước, không thể tắt",
        ));
    }
    prove(&state, &session, &network.narrow, proof).await?;
    store::disable(&state.writer, session.user.id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Checks the password of the session's user again, and uses a code of their second
/// step.
async fn prove(
    state: &AppState,
    session: &Session,
    network: &str,
    proof: TwoStepProof,
) -> Result<(), ApiError> {
    let secret = store::secret(&state.db, session.user.id)
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                "Tài khoản chưa bật xác thực hai bước",
                "two-step sign-in is off",
            )
        })?;
    let attempt = check_password(state, session, network, proof.password).await?;
    use_code(state, &session.user, &secret, &proof.code, network).await?;
    attempt.forget(state).await
}

/// Checks the password of the session's user again, as a sign-in would (the failure
/// counts toward the same lock-out); the attempt stands until the code is checked too.
async fn check_password(
    state: &AppState,
    session: &Session,
    network: &str,
    password: String,
) -> Result<Attempt, ApiError> {
    check_lengths(&session.user.username, &password)?;
    let attempt = Attempt::begin(state, &session.user.username, network).await?;
    let hash = users::password_hash(&state.db, session.user.id).await?;
    if !password_matches(state.password_checker.clone(), hash, password).await {
        return Err(ApiError::new(
            Cause::WrongCredentials,
            "Mật khẩu không đúng",
        ));
    }
    Ok(attempt)
}

/// New recovery codes, and the hashes the store keeps of them.
fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes = two_step::new_recovery_codes();
    let hashes = codes
        .iter()
        .map(|code| two_step::recovery_code_hash(code))
        .collect();
    (codes, hashes)
}

fn already_on() -> ApiError {
    ApiError::new(
        Cause::TwoStepEnabled,
        "Tài khoản đã bật xác thực hai bước; hãy tắt trước khi cài đặt lại",
    )
}
