//! What the app is told of who is signed in.

use portal_contract::{SessionInfo, SessionUser, TwoStep, WARNING_S};
use time::OffsetDateTime;

use crate::{
    AppState,
    http::session::{Session, now_ms},
    store::sessions::Lifetime,
};

fn at_ms(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// What the app is told of `session`.
pub fn session_info(state: &AppState, session: &Session) -> SessionInfo {
    info(
        state,
        session.user.clone(),
        session.lifetime,
        session.two_step,
    )
}

pub fn info(
    state: &AppState,
    user: SessionUser,
    lifetime: Lifetime,
    two_step: TwoStep,
) -> SessionInfo {
    SessionInfo {
        user,
        expires_at: at_ms(lifetime.expires_at),
        ends_at: at_ms(lifetime.ends_at),
        idle_timeout_s: state.settings.idle_timeout_s,
        warning_s: WARNING_S,
        now: at_ms(now_ms()),
        two_step,
    }
}
