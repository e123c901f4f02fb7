//! Users and their failed sign-ins.

use super::{
    Db, Engine,
    engine::{exec, on},
};
use portal_contract::{
    SessionUser,
    newsroom::{NewStaffMember, Role, StaffMember},
};
use sqlx::FromRow;

use crate::rules::auth;

/// Adds a user, or sets the name, password and role of an existing one (and enables
/// them); a new password ends every session the user had (in the same transaction).
pub async fn upsert_user(
    db: &Db,
    username: &str,
    display_name: &str,
    password: &str,
    now: i64,
    role: Option<Role>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let upsert = format!(
        "INSERT INTO users (username, display_name, password_hash, created_at, role)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ({}) DO UPDATE SET
             display_name = excluded.display_name, password_hash = excluded.password_hash,
             role = excluded.role, disabled = FALSE
         RETURNING id",
        username_key(db.engine())
    );
    let id: i64 = on!(&mut tx, |c| sqlx::query_scalar(&upsert)
        .bind(username)
        .bind(display_name)
        .bind(auth::hash_password(password))
        .bind(now)
        .bind(role.map(Role::as_str))
        .fetch_one(c)
        .await)?;
    exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    tx.commit().await
}

/// What makes a username unique: its letters, whatever their case (SQLite's column is
/// `COLLATE NOCASE`; PostgreSQL's unique index is on `lower(username)`). Lookups compare
/// `lower(username)`, the same rule in both.
fn username_key(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "username",
        Engine::Postgres => "(lower(username))",
    }
}

pub async fn count_users(db: &Db) -> Result<i64, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(c)
        .await)
}

/// What a sign-in checks a user against.
pub struct Credentials {
    pub user: SessionUser,
    pub password_hash: String,
    /// The secret of their second step, if they sign in in two steps.
    pub totp_secret: Option<String>,
}

#[derive(FromRow)]
struct CredentialsRow {
    id: i64,
    username: String,
    display_name: String,
    role: Option<String>,
    password_hash: String,
    totp_secret: Option<String>,
}

/// The enabled user called `username`, with what their sign-in is checked against.
pub async fn credentials(db: &Db, username: &str) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<CredentialsRow> = on!(db, |c| sqlx::query_as(
        "SELECT id, username, display_name, role, password_hash, totp_secret FROM users
         WHERE lower(username) = lower($1) AND NOT disabled",
    )
    .bind(username)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|row| Credentials {
        user: SessionUser {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: row.role.as_deref().and_then(Role::parse),
        },
        password_hash: row.password_hash,
        totp_secret: row.totp_secret,
    }))
}

/// The password hash of user `id`, if they are enabled.
pub async fn password_hash(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE id = $1 AND NOT disabled"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

/// A sign-in attempt, recorded as a failure until it succeeds, with the failures that
/// came before it within the window.
pub struct Attempt {
    pub id: i64,
    /// Times of the earlier failures of this username from this network.
    pub of_username: Vec<i64>,
    /// Times of the earlier failures from this network, whatever the username.
    pub of_network: Vec<i64>,
    /// Times of the earlier failures of this username from every network.
    pub of_username_anywhere: Vec<i64>,
    /// The user signed in from this network before (within [`FAMILIAR_FOR_S`]).
    pub familiar: bool,
}

/// A network the user signed in from counts as theirs this long after.
const FAMILIAR_FOR_S: i64 = 90 * 24 * 3600;

/// Records an attempt first, then reads the failures before it, in one write
/// transaction: racing attempts queue here, and each sees all that came before it.
/// Failures older than the window are deleted on the way.
pub async fn record_attempt(
    db: &Db,
    username: &str,
    network: &str,
    now: i64,
) -> Result<Attempt, sqlx::Error> {
    let since = now - auth::FAILURE_MEMORY_S;
    let mut tx = db.begin().await?;
    // Always in this order (network, then username), so two attempts never wait on each
    // other's lock.
    tx.serialize_on(&format!("sign-ins from {network}")).await?;
    tx.serialize_on(&format!("sign-ins of {}", username.to_lowercase()))
        .await?;
    let id: i64 = on!(&mut tx, |c| sqlx::query_scalar(
        "INSERT INTO sign_in_failures (username, ip, at) VALUES ($1, $2, $3) RETURNING rowid",
    )
    .bind(username)
    .bind(network)
    .bind(now)
    .fetch_one(c)
    .await)?;
    exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM sign_in_failures WHERE at <= $1"
    )
    .bind(since)
    .execute(c)
    .await)?;
    let of_username = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_failures
         WHERE lower(username) = lower($1) AND ip = $2 AND rowid < $3",
    )
    .bind(username)
    .bind(network)
    .bind(id)
    .fetch_all(c)
    .await)?;
    let of_network = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_failures WHERE ip = $1 AND rowid < $2"
    )
    .bind(network)
    .bind(id)
    .fetch_all(c)
    .await)?;
    let of_username_anywhere = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT at FROM sign_in_failures WHERE lower(username) = lower($1) AND rowid < $2"
    )
    .bind(username)
    .bind(id)
    .fetch_all(c)
    .await)?;
    let familiar: bool = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sign_in_networks
                        WHERE username = lower($1) AND network = $2 AND last_at > $3)",
    )
    .bind(username)
    .bind(network)
    .bind(now - FAMILIAR_FOR_S)
    .fetch_one(c)
    .await)?;
    tx.commit().await?;
    Ok(Attempt {
        id,
        of_username,
        of_network,
        of_username_anywhere,
        familiar,
    })
}

/// Forgets an attempt that was refused before its password was checked.
pub async fn forget_attempt(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    exec!(db, |c| sqlx::query(
        "DELETE FROM sign_in_failures WHERE rowid = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    Ok(())
}

const STAFF_COLUMNS: &str =
    "id, username, display_name, role, disabled, totp_secret IS NOT NULL AS two_step";

#[derive(FromRow)]
struct StaffRow {
    id: i64,
    username: String,
    display_name: String,
    role: Option<String>,
    disabled: bool,
    two_step: bool,
}

impl From<StaffRow> for StaffMember {
    fn from(row: StaffRow) -> Self {
        Self {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role: row.role.as_deref().and_then(Role::parse),
            disabled: row.disabled,
            two_step: row.two_step,
        }
    }
}

/// Every user, by username.
pub async fn staff(db: &Db) -> Result<Vec<StaffMember>, sqlx::Error> {
    let rows: Vec<StaffRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM users ORDER BY lower(username)"
    ))
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(StaffMember::from).collect())
}

/// User `id`, as the admins' list shows them.
pub async fn member(db: &Db, id: i64) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<StaffRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM users WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(StaffMember::from))
}

/// Adds `user` with the password hash `password_hash`; `None` when the username is taken.
pub async fn add(
    writer: &Db,
    user: &NewStaffMember,
    password_hash: &str,
    now: i64,
) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<StaffRow> = on!(writer, |c| sqlx::query_as(&format!(
        "INSERT INTO users (username, display_name, password_hash, created_at, role)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING
         RETURNING {STAFF_COLUMNS}"
    ))
    .bind(user.username.trim())
    .bind(user.display_name.trim())
    .bind(password_hash)
    .bind(now)
    .bind(user.role.map(Role::as_str))
    .fetch_optional(c)
    .await)?;
    Ok(row.map(StaffMember::from))
}

/// What a change of a user writes: the fields named, a password already hashed.
pub struct UserUpdate<'a> {
    pub display_name: Option<&'a str>,
    pub role: Option<Option<Role>>,
    pub disabled: Option<bool>,
    pub password_hash: Option<String>,
}

/// What became of a change of a user.
#[derive(Debug)]
pub enum Changed {
    Done(StaffMember),
    NoSuchUser,
    /// Refused: no enabled admin would be left.
    LastAdmin,
}

/// Changes user `id`; a new password or disabling ends the user's sessions, in the same
/// transaction. Refused when it would leave no enabled admin: changes of users take turns
/// (on every server), so two admins demoting each other at once cannot both succeed.
pub async fn change(writer: &Db, id: i64, update: &UserUpdate<'_>) -> Result<Changed, sqlx::Error> {
    let mut tx = writer.begin().await?;
    tx.serialize_on("changes of users").await?;
    let row: Option<StaffRow> = on!(&mut tx, |c| sqlx::query_as(&format!(
        "UPDATE users SET
             display_name = COALESCE($2, display_name),
             role = CASE WHEN $3 THEN $4 ELSE role END,
             disabled = COALESCE($5, disabled),
             password_hash = COALESCE($6, password_hash)
         WHERE id = $1
         RETURNING {STAFF_COLUMNS}"
    ))
    .bind(id)
    .bind(update.display_name.map(str::trim))
    .bind(update.role.is_some())
    .bind(update.role.flatten().map(Role::as_str))
    .bind(update.disabled)
    .bind(&update.password_hash)
    .fetch_optional(c)
    .await)?;
    let Some(row) = row else {
        return Ok(Changed::NoSuchUser);
    };
    let admins: i64 = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled"
    )
    .fetch_one(c)
    .await)?;
    if admins == 0 {
        return Ok(Changed::LastAdmin);
    }
    if update.password_hash.is_some() || update.disabled == Some(true) {
        exec!(&mut tx, |c| sqlx::query(
            "DELETE FROM sessions WHERE user_id = $1"
        )
        .bind(id)
        .execute(c)
        .await)?;
    }
    tx.commit().await?;
    Ok(Changed::Done(row.into()))
}
