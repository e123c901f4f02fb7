//! The two database engines behind one handle: SQLite, embedded (the default), and
//! PostgreSQL, which several servers share. Each statement is written once, in SQL both
//! engines take (`$1` placeholders, `ON CONFLICT`, `RETURNING`, `IS DISTINCT FROM`), and
//! runs on either through [`on!`], which compiles its body once per engine so that each
//! driver encodes and decodes its own types. Where the engines' SQL differs (JSON arrays,
//! `LEAST`/`GREATEST`), the module asks [`Db::engine`] or [`Tx::engine`].

use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

/// Which engine a database runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The larger of values: SQLite's `MAX` of several arguments, PostgreSQL's `GREATEST`.
    pub fn greatest(self) -> &'static str {
        match self {
            Self::Sqlite => "MAX",
            Self::Postgres => "GREATEST",
        }
    }

    /// The smaller of values: SQLite's `MIN` of several arguments, PostgreSQL's `LEAST`.
    pub fn least(self) -> &'static str {
        match self {
            Self::Sqlite => "MIN",
            Self::Postgres => "LEAST",
        }
    }

    /// A subquery of the strings of the JSON array `array` (an SQL expression), as `value`.
    pub fn json_texts(self, array: &str) -> String {
        match self {
            Self::Sqlite => format!("SELECT value FROM json_each({array})"),
            Self::Postgres => {
                format!("SELECT value FROM jsonb_array_elements_text(CAST({array} AS jsonb))")
            }
        }
    }

    /// A subquery of the integers of the JSON array `array` (an SQL expression), as `value`.
    pub fn json_integers(self, array: &str) -> String {
        match self {
            Self::Sqlite => self.json_texts(array),
            Self::Postgres => format!(
                "SELECT CAST(value AS BIGINT) AS value
                 FROM jsonb_array_elements_text(CAST({array} AS jsonb))"
            ),
        }
    }
}

/// A pool of connections to the portal's database.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A transaction on the portal's database.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Db {
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(tx) => tx.commit().await,
            Self::Postgres(tx) => tx.commit().await,
        }
    }

    /// Makes the transactions that call this with the same `key` run one after another,
    /// across every server: what a valve or a lock-out counts inside the transaction is
    /// then what the next one sees. SQLite needs nothing: its writes already go one at a
    /// time (through the one-connection writer pool, and SQLite's own write lock).
    pub async fn serialize_on(&mut self, key: &str) -> Result<(), sqlx::Error> {
        if let Self::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(key)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

/// A turn at changing something staff edit (a poll, the sidebar), held until dropped:
/// what a change checks first (the version it was made from) stays true until it is
/// written. On PostgreSQL an advisory lock of a transaction of its own, so the turns are
/// taken on every server; on SQLite one lock in the process.
pub enum Turn {
    Sqlite(tokio::sync::MutexGuard<'static, ()>),
    Postgres(Tx),
}

static SQLITE_TURNS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Db {
    /// Waits for the turn named `key`.
    pub async fn turn(&self, key: &str) -> Result<Turn, sqlx::Error> {
        Ok(match self {
            Self::Sqlite(_) => Turn::Sqlite(SQLITE_TURNS.lock().await),
            Self::Postgres(_) => {
                let mut tx = self.begin().await?;
                tx.serialize_on(key).await?;
                Turn::Postgres(tx)
            }
        })
    }
}

/// One engine's executor or the other's: what [`on!`] matches on.
pub enum Split<S, P> {
    Sqlite(S),
    Postgres(P),
}

/// What [`on!`] can run a statement on: a pool or a transaction.
pub trait Executors {
    type Sqlite;
    type Postgres;
    fn split(self) -> Split<Self::Sqlite, Self::Postgres>;
}

impl<'a> Executors for &'a Db {
    type Sqlite = &'a SqlitePool;
    type Postgres = &'a PgPool;
    fn split(self) -> Split<Self::Sqlite, Self::Postgres> {
        match self {
            Db::Sqlite(pool) => Split::Sqlite(pool),
            Db::Postgres(pool) => Split::Postgres(pool),
        }
    }
}

impl<'a> Executors for &'a mut Tx {
    type Sqlite = &'a mut SqliteConnection;
    type Postgres = &'a mut PgConnection;
    fn split(self) -> Split<Self::Sqlite, Self::Postgres> {
        match self {
            Tx::Sqlite(tx) => Split::Sqlite(&mut **tx),
            Tx::Postgres(tx) => Split::Postgres(&mut **tx),
        }
    }
}

/// Runs `body` with `$conn` bound to the engine's own executor: `on!(db, |c| sqlx::query(…)
/// .fetch_one(c).await)`, where `db` is a `&Db` or a `&mut Tx`.
macro_rules! on {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $crate::store::engine::Executors::split($db) {
            $crate::store::engine::Split::Sqlite($conn) => $body,
            $crate::store::engine::Split::Postgres($conn) => $body,
        }
    };
}

/// [`on!`] for a statement that returns no rows: how many rows it changed.
macro_rules! exec {
    ($db:expr, |$conn:ident| $body:expr) => {
        $crate::store::engine::on!($db, |$conn| $body.map(|done| done.rows_affected()))
    };
}

pub(crate) use {exec, on};

/// Whether `error` is a broken unique constraint (a primary key among them).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}
