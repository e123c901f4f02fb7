//! What the readiness answer and the metrics read of the database: that it answers, its
//! schema's version, its size, and the sessions open.

use super::{Db, engine::on};

/// The newest migration the database has (whichever server ran it).
pub async fn schema_version(db: &Db) -> Result<i64, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success"
    )
    .fetch_one(c)
    .await)
}

/// The database's size on disk, in bytes.
pub async fn database_bytes(db: &Db) -> Result<i64, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => {
            sqlx::query_scalar(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            )
            .fetch_one(pool)
            .await
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(pool)
                .await
        }
    }
}

/// The signed-in sessions not yet expired.
pub async fn open_sessions(db: &Db, now_ms: i64) -> Result<i64, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE expires_at > $1"
    )
    .bind(now_ms)
    .fetch_one(c)
    .await)
}
