//! Users and their failed sign-ins.

use portal_contract::SessionUser;
use sqlx::SqlitePool;

use crate::auth;

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
