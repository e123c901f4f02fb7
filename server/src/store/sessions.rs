//! Signed-in sessions, kept by the SHA-256 of their token.

use super::{
    Db,
    engine::{exec, on},
};
use portal_contract::{SessionUser, newsroom::Role};
use sqlx::FromRow;

use crate::rules::auth;

/// When a session ends (Unix ms): `expires_at` for want of activity, moved by each
/// keepalive; `ends_at` whatever happens, never moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct Lifetime {
    pub expires_at: i64,
    pub ends_at: i64,
}

/// A new session for `user`; also clears their failures (expired sessions are left to
/// the sweep, `crate::maintenance`).
pub async fn create(
    db: &Db,
    user_id: i64,
    username: &str,
    network: &str,
    now_ms: i64,
    lifetime: Lifetime,
) -> Result<String, sqlx::Error> {
    let (token, token_hash) = auth::new_session_token();
    let mut tx = db.begin().await?;
    exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ends_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&token_hash)
    .bind(user_id)
    .bind(now_ms)
    .bind(lifetime.expires_at)
    .bind(lifetime.ends_at)
    .execute(c)
    .await)?;
    exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM sign_in_failures WHERE lower(username) = lower($1) AND ip = $2"
    )
    .bind(username)
    .bind(network)
    .execute(c)
    .await)?;
    // The network becomes one the user signs in from: a flood of guesses from elsewhere
    // does not hold them back here.
    exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO sign_in_networks (username, network, last_at) VALUES (lower($1), $2, $3)
         ON CONFLICT (username, network) DO UPDATE SET last_at = excluded.last_at",
    )
    .bind(username)
    .bind(network)
    .bind(now_ms / 1000)
    .execute(c)
    .await)?;
    tx.commit().await?;
    Ok(token)
}

/// A live session as stored.
pub struct Found {
    pub user: SessionUser,
    pub lifetime: Lifetime,
    /// The user signs in in two steps.
    pub two_step: bool,
}

#[derive(FromRow)]
struct SessionRow {
    id: i64,
    username: String,
    display_name: String,
    role: Option<String>,
    expires_at: i64,
    ends_at: i64,
    two_step: bool,
}

/// The live session of `token_hash`.
pub async fn find(db: &Db, token_hash: &str, now_ms: i64) -> Result<Option<Found>, sqlx::Error> {
    let row: Option<SessionRow> = on!(db, |c| sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.role, s.expires_at, s.ends_at,
                u.totp_secret IS NOT NULL AS two_step
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|row| Found {
        user: SessionUser {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: row.role.as_deref().and_then(Role::parse),
        },
        lifetime: Lifetime {
            expires_at: row.expires_at,
            ends_at: row.ends_at,
        },
        two_step: row.two_step,
    }))
}

/// Moves a live session's expiry to `expires_at_ms`, never past its end; `None` when it
/// has already expired.
pub async fn extend(
    db: &Db,
    token_hash: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> Result<Option<Lifetime>, sqlx::Error> {
    let engine = db.engine();
    let (least, greatest) = (engine.least(), engine.greatest());
    on!(db, |c| sqlx::query_as(&format!(
        "UPDATE sessions SET expires_at = {least}({greatest}(expires_at, $3), ends_at)
         WHERE token_hash = $1 AND expires_at > $2 RETURNING expires_at, ends_at"
    ))
    .bind(token_hash)
    .bind(now_ms)
    .bind(expires_at_ms)
    .fetch_optional(c)
    .await)
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    exec!(db, |c| sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash)
    .execute(c)
    .await)?;
    Ok(())
}

/// Deletes every session that has expired; how many.
pub async fn sweep_expired(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let swept = exec!(db, |c| sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1"
    )
    .bind(now_ms)
    .execute(c)
    .await)?;
    Ok(swept)
}
