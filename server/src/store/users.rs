//! Users and their failed sign-ins.

use portal_contract::SessionUser;
use sqlx::SqlitePool;

use crate::auth;

/// Adds a user, or sets the name and password of an existing one; a new password ends
/// every session the user had (in the same transaction).
pub async fn upsert_user(
    db: &SqlitePool,
    username: &str,
    display_name: &str,
    password: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET
             display_name = excluded.display_name, password_hash = excluded.password_hash
         RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(auth::hash_password(password))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

pub async fn count_users(db: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await
}

/// The user called `username` with their password hash, if there is one.
pub async fn credentials(
    db: &SqlitePool,
    username: &str,
) -> Result<Option<(SessionUser, String)>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, username, display_name, password_hash FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, username, display_name, hash)| {
        let user = SessionUser {
            id,
            username,
            display_name,
        };
        (user, hash)
    }))
}

/// A sign-in attempt, recorded as a failure until it succeeds, with the failures that
/// came before it within the window.
pub struct Attempt {
    pub id: i64,
    /// Times of the earlier failures of this username from this network.
    pub of_username: Vec<i64>,
    /// Times of the earlier failures from this network, whatever the username.
    pub of_network: Vec<i64>,
}

/// Records an attempt first, then reads the failures before it, in one write
/// transaction: racing attempts queue here, and each sees all that came before it.
/// Failures older than the window are deleted on the way.
pub async fn record_attempt(
    db: &SqlitePool,
    username: &str,
    network: &str,
    now: i64,
) -> Result<Attempt, sqlx::Error> {
    let since = now - auth::FAILURE_WINDOW_S;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_failures (username, ip, at) VALUES (?, ?, ?) RETURNING rowid",
    )
    .bind(username)
    .bind(network)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= ?")
        .bind(since)
        .execute(&mut *tx)
        .await?;
    let of_username = sqlx::query_scalar(
        "SELECT at FROM sign_in_failures WHERE username = ? AND ip = ? AND rowid < ?",
    )
    .bind(username)
    .bind(network)
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let of_network =
        sqlx::query_scalar("SELECT at FROM sign_in_failures WHERE ip = ? AND rowid < ?")
            .bind(network)
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Attempt {
        id,
        of_username,
        of_network,
    })
}

/// Forgets an attempt that was refused before its password was checked.
pub async fn forget_attempt(db: &SqlitePool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE rowid = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
