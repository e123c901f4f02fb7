//! Opening the SQLite database: WAL, foreign keys, migrations and the first-start demo content.

use std::{path::Path, str::FromStr, time::Duration};

use anyhow::Context;
use portal_contract::newsroom::Role;
use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::{
    auth, content,
    store::{articles, users},
};

/// The demo account a new database gets, for trying the portal locally (see README).
pub const DEMO_USER: (&str, &str, &str) = (
    "demo",
    "Cán bộ Trung tâm (tài khoản thử)",
    "khuyencong-demo",
);

/// The demo content a new database is filled with.
pub const DEMO_CONTENT: &str = include_str!("../content/demo.jsonl");

/// Connections of the pool that reads.
pub const READERS: u32 = 8;

/// Opens (creating if needed) and migrates the database at `path`, with a pool of up to
/// `connections`. SQLite takes one writer at a time: a pool of one for writes makes
/// writers queue in the server, in order, instead of sleeping in SQLite's busy handler.
pub async fn open(path: &Path, connections: u32) -> anyhow::Result<SqlitePool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL is durable across application crashes; only power loss can lose the
        // last transactions, which is the usual trade for a web database.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(connections)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Where a server listens: on this machine only, or beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Loopback,
    Network,
}

/// Fills an empty database with the demo content, and with the demo account when the
/// server is reachable from this machine only; a database with content is left alone.
pub async fn seed_if_empty(pool: &SqlitePool, reach: Reach) -> anyhow::Result<()> {
    if !articles::has_categories(pool).await? {
        let report = content::import(pool, DEMO_CONTENT).await?;
        tracing::info!(%report, "filled the new database with the demo content");
        if reach == Reach::Network {
            tracing::warn!(
                "no demo account on a server listening beyond loopback: add a user with `add-user`"
            );
        } else if users::count_users(pool).await? == 0 {
            let (username, name, password) = DEMO_USER;
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            users::upsert_user(pool, username, name, password, now, Some(Role::Editor)).await?;
            tracing::warn!(username, "created the demo account: for local use only");
        }
    }
    Ok(())
}

/// A server listening beyond loopback refuses to start while the demo account still has
/// its published password.
pub async fn refuse_public_demo_account(pool: &SqlitePool) -> anyhow::Result<()> {
    let (username, _, password) = DEMO_USER;
    if let Some((_, hash)) = users::credentials(pool, username).await? {
        anyhow::ensure!(
            !auth::PasswordChecker::default().verify(password, &hash),
            "the demo account `{username}` still has its published password, and this \
             server listens beyond loopback: give it a new password with \
             `portal-server add-user {username} --display-name …` (or listen on 127.0.0.1)"
        );
    }
    Ok(())
}
