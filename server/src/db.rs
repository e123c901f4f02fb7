//! Opening the database (an SQLite file, or a PostgreSQL server), migrating it, and the
//! first-start demo content.

use std::{fmt, path::Path, path::PathBuf, str::FromStr, time::Duration};

use anyhow::Context;
use portal_contract::newsroom::Role;
use sqlx::{
    migrate::Migrator,
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::{
    content,
    rules::auth,
    store::{Db, articles, users},
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
const READERS: u32 = 8;

/// Connections a server keeps to PostgreSQL by default, reads and writes together:
/// PostgreSQL takes writers at once, each server its share of the engine's connections.
pub const POSTGRES_CONNECTIONS: u32 = 16;

/// Where the database is: a file for SQLite, or a `postgres://` address.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl FromStr for Location {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(
            if text.starts_with("postgres://") || text.starts_with("postgresql://") {
                Self::Postgres(text.to_owned())
            } else {
                Self::Sqlite(PathBuf::from(text))
            },
        )
    }
}

/// Shown without the password a PostgreSQL address may hold.
impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => match url::Url::parse(url) {
                Ok(mut url) if url.password().is_some() => {
                    let _ = url.set_password(Some("hidden"));
                    write!(f, "{url}")
                }
                _ => write!(f, "{url}"),
            },
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The pools a server reads and writes through. SQLite takes one writer at a time: a pool
/// of one for writes makes writers queue in the server, in order, instead of sleeping in
/// SQLite's busy handler. PostgreSQL serves both from one pool of `postgres_connections`.
pub async fn open_for_serving(
    location: &Location,
    postgres_connections: u32,
) -> anyhow::Result<(Db, Db)> {
    match location {
        Location::Sqlite(path) => Ok((
            open_sqlite(path, READERS).await?,
            open_sqlite(path, 1).await?,
        )),
        Location::Postgres(url) => {
            let db = open_postgres(url, postgres_connections).await?;
            Ok((db.clone(), db))
        }
    }
}

/// Opens (creating if needed) and migrates the database, for a command that writes.
pub async fn open(location: &Location) -> anyhow::Result<Db> {
    match location {
        Location::Sqlite(path) => open_sqlite(path, 1).await,
        Location::Postgres(url) => open_postgres(url, 2).await,
    }
}

/// Opens the database as it is, without migrating or creating it, for a command that only
/// reads a portal a server may be running on (a backup).
pub async fn open_as_is(location: &Location) -> anyhow::Result<Db> {
    match location {
        Location::Sqlite(path) => {
            let options = SqliteConnectOptions::new()
                .filename(path)
                .read_only(true)
                .busy_timeout(Duration::from_secs(5));
            let pool = sqlite_pool(1)
                .connect_with(options)
                .await
                .with_context(|| format!("cannot open the database {}", path.display()))?;
            Ok(Db::Sqlite(pool))
        }
        Location::Postgres(url) => {
            let pool = PgPoolOptions::new()
                .max_connections(2)
                .connect(url)
                .await
                .with_context(|| format!("cannot open the database {location}"))?;
            Ok(Db::Postgres(pool))
        }
    }
}

/// A pool of at most `connections` to an SQLite file, kept open for good: a local file
/// needs no reaping, and the pool's reaper can spin at shutdown (sqlx issue 3645: a CLI
/// command here once spun for minutes after its work was done). Nor is a connection
/// pinged before each use: an open file does not drop like a network link, and the ping
/// is a round trip to the connection's thread for every query (a seventh of a page's time).
pub fn sqlite_pool(connections: u32) -> SqlitePoolOptions {
    SqlitePoolOptions::new()
        .max_connections(connections)
        .test_before_acquire(false)
        .idle_timeout(None)
        .max_lifetime(None)
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The newest migration this version of the server has for `db`'s engine.
pub fn newest_migration(db: &Db) -> i64 {
    let migrator = match db {
        Db::Sqlite(_) => &SQLITE_MIGRATIONS,
        Db::Postgres(_) => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

async fn open_sqlite(path: &Path, connections: u32) -> anyhow::Result<Db> {
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
    let pool = sqlite_pool(connections)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    SQLITE_MIGRATIONS.run(&pool).await?;
    Ok(Db::Sqlite(pool))
}

async fn open_postgres(url: &str, connections: u32) -> anyhow::Result<Db> {
    let location = Location::Postgres(url.to_owned());
    let pool = PgPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
        .with_context(|| format!("cannot open the database {location}"))?;
    // Servers starting together take turns: the migrator holds an advisory lock.
    POSTGRES_MIGRATIONS.run(&pool).await?;
    Ok(Db::Postgres(pool))
}

/// Who can reach a server: this machine only, or the network (production).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Loopback,
    Network,
}

impl Reach {
    /// Decided from everything the server is told about its deployment, not the address
    /// alone: a loopback server behind a TLS proxy (`--secure-cookies`), one that believes
    /// a proxy (`--trusted-proxies`), or one with a public address (`--public-url` not on
    /// loopback) is reached from outside.
    pub fn of(
        addr: std::net::IpAddr,
        secure_cookies: bool,
        trusted_proxies: &[ipnet::IpNet],
        public_url: Option<&str>,
    ) -> Self {
        let public_origin = public_url.is_some_and(|origin| !is_loopback_origin(origin));
        if addr.is_loopback() && !secure_cookies && trusted_proxies.is_empty() && !public_origin {
            Self::Loopback
        } else {
            Self::Network
        }
    }
}

/// True for `http://127.0.0.1:3000`, `http://localhost`, `http://[::1]:8080`.
fn is_loopback_origin(origin: &str) -> bool {
    match url::Url::parse(origin)
        .ok()
        .and_then(|url| url.host().map(|host| host.to_owned()))
    {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(address)) => address.is_loopback(),
        Some(url::Host::Ipv6(address)) => address.is_loopback(),
        None => false,
    }
}

/// Fills an empty database with the demo content, and with the demo account when the
/// server is reachable from this machine only; a database with content is left alone.
pub async fn seed_if_empty(pool: &Db, reach: Reach) -> anyhow::Result<()> {
    // Servers starting together on a new PostgreSQL database take turns, so one fills it.
    // (SQLite's one writer needs no turn, and its one connection must stay free.)
    let turn = match pool {
        Db::Postgres(_) => {
            let mut turn = pool.begin().await?;
            turn.serialize_on("filling a new database").await?;
            Some(turn)
        }
        Db::Sqlite(_) => None,
    };
    if !articles::has_categories(pool).await? {
        let report = content::import(pool, DEMO_CONTENT).await?;
        tracing::info!(%report, "filled the new database with the demo content");
        if reach == Reach::Network {
            tracing::warn!(
                "no demo account on a server reached from the network: add a user with `add-user`"
            );
        } else if users::count_users(pool).await? == 0 {
            let (username, name, password) = DEMO_USER;
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            users::upsert_user(pool, username, name, password, now, Some(Role::Editor)).await?;
            tracing::warn!(username, "created the demo account: for local use only");
        }
    }
    if let Some(turn) = turn {
        turn.commit().await?;
    }
    Ok(())
}

/// A server reached from the network refuses to start while the demo account still has
/// its published password.
pub async fn refuse_public_demo_account(pool: &Db) -> anyhow::Result<()> {
    let (username, _, password) = DEMO_USER;
    if let Some(found) = users::credentials(pool, username).await? {
        anyhow::ensure!(
            !auth::PasswordChecker::default().verify(password, &found.password_hash),
            "the demo account `{username}` still has its published password, and this \
             server is reached from the network (it listens beyond loopback, or is told of \
             a TLS proxy, a trusted proxy or a public address): give it a new password with \
             `portal-server add-user {username} --display-name …`"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_server_told_of_nothing_beyond_this_machine_is_local() {
        let loopback: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        let proxy = [crate::config::parse_network("127.0.0.1").unwrap()];
        assert_eq!(Reach::of(loopback, false, &[], None), Reach::Loopback);
        assert_eq!(
            Reach::of(
                "::1".parse().unwrap(),
                false,
                &[],
                Some("http://localhost:3000")
            ),
            Reach::Loopback
        );
        assert_eq!(
            Reach::of(loopback, false, &[], Some("http://[::1]:8080")),
            Reach::Loopback
        );
        assert_eq!(
            Reach::of("0.0.0.0".parse().unwrap(), false, &[], None),
            Reach::Network
        );
        assert_eq!(Reach::of(loopback, true, &[], None), Reach::Network);
        assert_eq!(Reach::of(loopback, false, &proxy, None), Reach::Network);
        assert_eq!(
            Reach::of(
                loopback,
                false,
                &[],
                Some("https://khuyencong.example.gov.vn")
            ),
            Reach::Network
        );
    }

    #[test]
    fn a_postgres_address_is_a_postgres_location_and_anything_else_a_file() {
        for url in ["postgres://u@h/db", "postgresql://u:p@h:5433/db"] {
            assert_eq!(url.parse(), Ok(Location::Postgres(url.to_owned())));
        }
        assert_eq!(
            "data/portal.db".parse(),
            Ok(Location::Sqlite(PathBuf::from("data/portal.db")))
        );
    }

    #[test]
    fn a_location_is_shown_without_its_password() {
        let location: Location = "postgres://portal:s3cret@db.internal:5432/portal"
            .parse()
            .unwrap();
        assert_eq!(
            location.to_string(),
            "postgres://portal:hidden@db.internal:5432/portal"
        );
    }
}
