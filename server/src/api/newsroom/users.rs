//! The users, for admins: add staff, change their role or name, disable and re-enable
//! them, reset a password or two-step sign-in. Disabling a user or setting a password ends
//! their sessions.

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use portal_contract::{
    Cause,
    newsroom::{MIN_PASSWORD_CHARS, NewStaffMember, Role, StaffChange, StaffMember},
};

use crate::{
    AppState,
    http::{Admin, ApiError, IdPath, JsonBody, ProblemDetails, Titled},
    rules::auth::{self, MAX_PASSWORD_BYTES, MAX_USERNAME_CHARS},
    store::{
        two_step,
        users::{self as store, Changed, UserUpdate},
    },
};

impl Titled for NewStaffMember {
    const INVALID_TITLE: &'static str = "Thông tin người dùng không hợp lệ";
}

impl Titled for StaffChange {
    const INVALID_TITLE: &'static str = "Thông tin người dùng không hợp lệ";
}

/// Every user, by username.
///
/// 401: not signed in; 403: not an admin.
#[utoipa::path(get, path = "/api/newsroom/users", tag = "newsroom", responses(
    (status = 200, body = Vec<StaffMember>),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
))]
pub async fn list_users(
    State(state): State<AppState>,
    _: Admin,
) -> Result<Json<Vec<StaffMember>>, ApiError> {
    Ok(Json(store::staff(&state.db).await?))
}

/// Adds a user.
///
/// 401, 403; 409: the username is taken; 422: a field is refused.
#[utoipa::path(post, path = "/api/newsroom/users", tag = "newsroom", request_body = NewStaffMember, responses(
    (status = 201, body = StaffMember),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn add_user(
    State(state): State<AppState>,
    _: Admin,
    JsonBody(user): JsonBody<NewStaffMember>,
) -> Result<Response, ApiError> {
    let username = user.username.trim();
    if username.is_empty() || username.chars().count() > MAX_USERNAME_CHARS {
        return Err(ApiError::invalid(
            "Tên đăng nhập cần có từ 1 đến 64 ký tự",
            "username",
        ));
    }
    checked_name(&user.display_name)?;
    let hash = hashed(&user.password).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let added = store::add(&state.writer, &user, &hash, now)
        .await?
        .ok_or_else(|| ApiError::new(Cause::UsernameTaken, "Tên đăng nhập này đã có người dùng"))?;
    Ok((StatusCode::CREATED, Json(added)).into_response())
}

/// Changes a user: what the body names. An admin cannot disable themself or take their
/// own admin role, so the portal always keeps one admin who can sign in.
///
/// 401, 403; 404: no such user; 409: the change would leave the admin locked out;
/// 422: a field is refused.
#[utoipa::path(patch, path = "/api/newsroom/users/{id}", tag = "newsroom", params(IdPath), request_body = StaffChange, responses(
    (status = 200, body = StaffMember),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn change_user(
    State(state): State<AppState>,
    Admin(session): Admin,
    IdPath(id): IdPath,
    JsonBody(change): JsonBody<StaffChange>,
) -> Result<Json<StaffMember>, ApiError> {
    if let Some(name) = &change.display_name {
        checked_name(name)?;
    }
    let demotes = change.role.is_some_and(|role| role != Some(Role::Admin));
    if id == session.user.id && (change.disabled == Some(true) || demotes) {
        return Err(ApiError::new(
            Cause::OwnAccount,
            "Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình",
        ));
    }
    let password_hash = match &change.password {
        Some(password) => Some(hashed(password).await?),
        None => None,
    };
    let update = UserUpdate {
        display_name: change.display_name.as_deref(),
        role: change.role,
        disabled: change.disabled,
        password_hash,
    };
    match store::change(&state.writer, id, &update).await? {
        Changed::Done(member) => Ok(Json(member)),
        Changed::NoSuchUser => Err(ApiError::not_found("Không tìm thấy người dùng")),
        Changed::LastAdmin => Err(ApiError::new(
            Cause::LastAdmin,
            "Cổng thông tin cần ít nhất một quản trị viên đang hoạt động",
        )),
    }
}

/// Resets a user's two-step sign-in (a lost phone, a taken account): their secret and
/// recovery codes go and every session of theirs ends; they sign in with the password
/// alone, and set it up again (at once, where the portal requires it).
///
/// 401, 403; 404: no such user.
#[utoipa::path(delete, path = "/api/newsroom/users/{id}/two-step", tag = "newsroom",
    params(IdPath),
    responses(
        (status = 200, body = StaffMember, description = "Reset"),
        (status = 401, response = ProblemDetails),
        (status = 403, response = ProblemDetails),
        (status = 404, response = ProblemDetails),
    ))]
pub async fn reset_two_step(
    State(state): State<AppState>,
    Admin(session): Admin,
    IdPath(id): IdPath,
) -> Result<Json<StaffMember>, ApiError> {
    two_step::disable(&state.writer, id, Some(&session.token_hash)).await?;
    store::member(&state.db, id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Không tìm thấy người dùng"))
}

fn checked_name(name: &str) -> Result<(), ApiError> {
    let chars = name.trim().chars().count();
    if chars == 0 || chars > MAX_USERNAME_CHARS * 2 {
        return Err(ApiError::invalid(
            "Tên hiển thị cần có từ 1 đến 128 ký tự",
            "display_name",
        ));
    }
    Ok(())
}

/// The hash of a new password, checked first; hashing is slow on purpose, so it runs off
/// the workers that serve readers.
async fn hashed(password: &str) -> Result<String, ApiError> {
    checked_password(password)?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|_| {
            ApiError::new(
                Cause::ServerError,
                "Máy chủ đang gặp sự cố, vui lòng thử lại sau",
            )
        })
}

fn checked_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS || password.len() > MAX_PASSWORD_BYTES {
        return Err(ApiError::invalid(
            "Mật khẩu cần có ít nhất 8 ký tự",
            "password",
        ));
    }
    Ok(())
}
