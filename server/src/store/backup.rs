//! What a backup asks of the database: a consistent copy (SQLite), a snapshot to dump in
//! (PostgreSQL), and the rows per table and the schema's version to check a copy by.

use std::{collections::BTreeMap, path::Path};

use sqlx::{PgConnection, SqliteConnection};

use crate::operations::backup::manifest::is_counted;

/// Writes a consistent copy of the SQLite database to `path` (`VACUUM INTO`: a read
/// transaction, so writers go on meanwhile).
pub async fn vacuum_into(conn: &mut SqliteConnection, path: &Path) -> Result<(), sqlx::Error> {
    sqlx::query("VACUUM INTO ?")
        .bind(path.to_string_lossy())
        .execute(conn)
        .await?;
    Ok(())
}

/// `PRAGMA integrity_check`'s answer: `ok`, or what is wrong.
pub async fn integrity(conn: &mut SqliteConnection) -> Result<String, sqlx::Error> {
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(conn)
        .await?;
    Ok(lines.join("; "))
}

/// Rows per counted table of `$tables`, counted on `$conn`: written once, compiled for
/// each engine's connection (as `on!` does for pools).
macro_rules! count_rows {
    ($conn:expr, $tables:expr) => {{
        let mut rows = BTreeMap::new();
        for table in $tables.into_iter().filter(|t| is_counted(t)) {
            let count = format!("SELECT COUNT(*) FROM \"{table}\"");
            let n = sqlx::query_scalar(&count).fetch_one(&mut *$conn).await?;
            rows.insert(table, n);
        }
        Ok(rows)
    }};
}

/// Rows per counted table of an SQLite database.
pub async fn sqlite_rows(
    conn: &mut SqliteConnection,
) -> Result<BTreeMap<String, i64>, sqlx::Error> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .fetch_all(&mut *conn)
            .await?;
    count_rows!(conn, tables)
}

/// Rows per counted table of a PostgreSQL database (none if it has no tables yet).
pub async fn postgres_rows(conn: &mut PgConnection) -> Result<BTreeMap<String, i64>, sqlx::Error> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
    .fetch_all(&mut *conn)
    .await?;
    count_rows!(conn, tables)
}

/// The newest migration an SQLite database has.
pub async fn sqlite_schema_version(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
        .fetch_one(conn)
        .await
}

/// The newest migration a PostgreSQL database has.
pub async fn postgres_schema_version(conn: &mut PgConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
        .fetch_one(conn)
        .await
}

/// Makes the caller's transaction a read-only snapshot that other sessions (`pg_dump
/// --snapshot`) can share; its name.
pub async fn export_snapshot(tx: &mut PgConnection) -> Result<String, sqlx::Error> {
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    sqlx::query_scalar("SELECT pg_export_snapshot()")
        .fetch_one(tx)
        .await
}
