//! Checking who someone is, for a sign-in and for the changes that ask the password again:
//! the attempt recorded and held back by the lock-out rules, the password checked on a
//! blocking thread, the second step's code used once.

use std::sync::Arc;

use portal_contract::{Cause, SessionUser, SignIn};
use time::OffsetDateTime;
use tokio::sync::OwnedSemaphorePermit;

use crate::{
    AppState,
    http::{ApiError, Titled},
    rules::auth::{self, PasswordChecker, two_step},
    store::{audit, two_step as store, users},
};

/// A check of a password under way: it holds one of the password checks allowed at once,
/// and counts as a failure of its username until [`Attempt::forget`].
pub struct Attempt {
    id: i64,
    _permit: OwnedSemaphorePermit,
}

impl Attempt {
    /// Begins an attempt for `username` from `network`: refused (429) while either is
    /// locked out, or (503) while every password check is busy.
    pub async fn begin(state: &AppState, username: &str, network: &str) -> Result<Self, ApiError> {
        let permit = state
            .password_checks
            .clone()
            .try_acquire_owned()
            .map_err(|_| {
                ApiError::new(
                    Cause::Overloaded,
                    "Máy chủ đang bận, vui lòng thử đăng nhập lại sau giây lát",
                )
                .retry_after(1)
            })?;
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let attempt = users::record_attempt(&state.writer, username, network, now).await?;
        let locked = auth::lockout_remaining(&attempt.of_username, now)
            .or_else(|| auth::throttle_remaining(&attempt.of_network, now))
            .or_else(|| {
                auth::guessing_remaining(&attempt.of_username_anywhere, now, attempt.familiar)
            });
        if let Some(retry_after_s) = locked {
            users::forget_attempt(&state.writer, attempt.id).await?;
            return Err(ApiError::too_many(
                "Bạn đã đăng nhập sai nhiều lần, vui lòng thử lại sau ít phút",
                retry_after_s,
            ));
        }
        Ok(Self {
            id: attempt.id,
            _permit: permit,
        })
    }

    /// The attempt was no failure (a right password, before its second step).
    pub async fn forget(self, state: &AppState) -> Result<(), ApiError> {
        users::forget_attempt(&state.writer, self.id).await?;
        Ok(())
    }
}

/// Refuses a username or password too long to be anyone's, before any work is done.
pub fn check_lengths(username: &str, password: &str) -> Result<(), ApiError> {
    if username.is_empty() || password.is_empty() {
        return Err(ApiError::invalid(
            <SignIn as Titled>::INVALID_TITLE,
            "username and password are required",
        ));
    }
    if username.chars().count() > auth::MAX_USERNAME_CHARS
        || password.len() > auth::MAX_PASSWORD_BYTES
    {
        return Err(ApiError::invalid(
            "Tên đăng nhập hoặc mật khẩu quá dài",
            format!(
                "username: at most {} characters; password: at most {} bytes",
                auth::MAX_USERNAME_CHARS,
                auth::MAX_PASSWORD_BYTES
            ),
        ));
    }
    Ok(())
}

/// Whether `password` matches `hash`, checked on a blocking thread; without a hash (an
/// unknown user) it is checked against a decoy, so both take the same time.
pub async fn password_matches(
    checker: Arc<PasswordChecker>,
    hash: Option<String>,
    password: String,
) -> bool {
    tokio::task::spawn_blocking(move || {
        let valid = checker.verify(&password, hash.as_deref().unwrap_or(auth::decoy_hash()));
        valid && hash.is_some()
    })
    .await
    .unwrap_or(false)
}

/// Uses `code`, the second step of `user` whose secret is `secret`: the app's code of a
/// step not used before, or one of their recovery codes (used up). A wrong code is
/// refused (401) and kept in the audit log.
pub async fn use_code(
    state: &AppState,
    user: &SessionUser,
    secret: &str,
    code: &str,
    network: &str,
) -> Result<(), ApiError> {
    let used_recovery_code = two_step::is_recovery_code(code);
    let accepted = if used_recovery_code {
        let hash = two_step::recovery_code_hash(code);
        store::use_recovery_code(&state.writer, user.id, &hash).await?
    } else {
        let now = OffsetDateTime::now_utc().unix_timestamp().unsigned_abs();
        match two_step::matching_step(secret, code, now) {
            Some(step) => store::use_step(&state.writer, user.id, step).await?,
            None => false,
        }
    };
    if !accepted {
        note(
            state,
            Some(user.id),
            &user.username,
            "two-step-failed",
            network,
        )
        .await;
        return Err(wrong_code());
    }
    if used_recovery_code {
        note(
            state,
            Some(user.id),
            &user.username,
            "recovery-code-used",
            network,
        )
        .await;
    }
    Ok(())
}

pub fn wrong_code() -> ApiError {
    ApiError::new(
        Cause::WrongCode,
        "Mã xác thực không đúng hoặc đã được dùng, vui lòng nhập mã mới",
    )
}

/// Keeps a sign-in, a failed one or a code's use in the audit log.
pub async fn note(
    state: &AppState,
    user_id: Option<i64>,
    username: &str,
    action: &'static str,
    network: &str,
) {
    let entry = audit::Action {
        user_id,
        username,
        action,
        subject: None,
        network,
        at: OffsetDateTime::now_utc().unix_timestamp(),
    };
    crate::http::audit::keep(state, &entry).await;
}
