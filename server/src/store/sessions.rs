//! Users, sessions and failed sign-ins.

use portal_contract::SessionUser;
use sqlx::{FromRow, SqlitePool};

use crate::auth;

#[derive(FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
}

impl From<UserRow> for SessionUser {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
        }
    }
}

/// Adds a user, or sets the name and password of an existing one.
pub async fn upsert_user(
    db: &SqlitePool,
    username: &str,
    display_name: &str,
    password: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET
             display_name = excluded.display_name, password_hash = excluded.password_hash",
    )
    .bind(username)
    .bind(display_name)
    .bind(auth::hash_password(password))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn count_users(db: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await
}

/// The user whose credentials these are, or `None` (for an unknown user too, after the
/// same amount of work).
pub async fn check_credentials(
    db: &SqlitePool,
    username: &str,
    password: &str,
) -> Result<Option<SessionUser>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, username, display_name, password_hash FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(db)
    .await?;
    let hash = row.as_ref().map_or(auth::decoy_hash(), |r| r.3.as_str());
    let valid = auth::verify_password(password, hash);
    Ok(row
        .filter(|_| valid)
        .map(|(id, username, display_name, _)| SessionUser {
            id,
            username,
            display_name,
        }))
}

pub async fn recent_failures(
    db: &SqlitePool,
    username: &str,
    ip: &str,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT at FROM sign_in_failures WHERE username = ? AND ip = ? AND at > ? - ?",
    )
    .bind(username)
    .bind(ip)
    .bind(now)
    .bind(auth::FAILURE_WINDOW_S)
    .fetch_all(db)
    .await
}

pub async fn record_failure(
    db: &SqlitePool,
    username: &str,
    ip: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sign_in_failures (username, ip, at) VALUES (?, ?, ?)")
        .bind(username)
        .bind(ip)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// A new session for `user`; also clears their failures and sweeps expired sessions.
pub async fn create(
    db: &SqlitePool,
    user_id: i64,
    username: &str,
    ip: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> Result<String, sqlx::Error> {
    let (token, token_hash) = auth::new_session_token();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(&token_hash)
    .bind(user_id)
    .bind(now_ms)
    .bind(expires_at_ms)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE username = ? AND ip = ?")
        .bind(username)
        .bind(ip)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(token)
}

/// The live session of `token_hash`: its user and expiry (Unix ms).
pub async fn find(
    db: &SqlitePool,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<(SessionUser, i64)>, sqlx::Error> {
    let row: Option<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?",
    )
    .bind(token_hash)
    .bind(now_ms)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, username, display_name, expires_at)| {
        (
            UserRow {
                id,
                username,
                display_name,
            }
            .into(),
            expires_at,
        )
    }))
}

/// Moves a live session's expiry to `expires_at_ms`; `None` when it has already expired.
pub async fn extend(
    db: &SqlitePool,
    token_hash: &str,
    now_ms: i64,
    expires_at_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE sessions SET expires_at = MAX(expires_at, ?3)
         WHERE token_hash = ?1 AND expires_at > ?2 RETURNING expires_at",
    )
    .bind(token_hash)
    .bind(now_ms)
    .bind(expires_at_ms)
    .fetch_optional(db)
    .await
}

pub async fn delete(db: &SqlitePool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}
