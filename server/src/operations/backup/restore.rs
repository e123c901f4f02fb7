//! Checking a backup, and restoring it into a new database: an SQLite backup into an
//! SQLite file or a PostgreSQL database, a PostgreSQL backup into a PostgreSQL database.
//! A database with rows is never overwritten.

use std::path::Path;

use sqlx::{ConnectOptions, Connection};

use super::{
    BackupError, copy_files, copy_options,
    manifest::{self, Engine, Entry, Manifest},
    open_copy, run_tool,
};
use crate::{
    db::{self, Location},
    operations::Progress,
    store::{self, Db},
};

/// What a restore wrote.
#[derive(Debug)]
pub struct Restored {
    pub rows: i64,
    pub files: u64,
}

/// Checks the backup in `dir` whole without restoring it: the manifest, every file's size
/// and checksum, and the database itself (SQLite's integrity check and its rows per
/// table; `pg_restore` reading the archive through).
pub async fn verify(dir: &Path) -> Result<Manifest, BackupError> {
    let manifest = read_manifest(dir)?;
    let damaged = |problems: Vec<String>| BackupError::Damaged {
        dir: dir.to_owned(),
        problems: problems.join("; "),
    };
    let mut problems: Vec<String> = std::iter::once(&manifest.database)
        .filter_map(|entry| entry.mismatch(&dir.join(&entry.name)))
        .chain(
            manifest
                .files
                .iter()
                .filter_map(|entry| entry.mismatch(&dir.join("uploads").join(&entry.name))),
        )
        .collect();
    if !problems.is_empty() {
        return Err(damaged(problems));
    }
    let database = dir.join(manifest.engine.database_file());
    match manifest.engine {
        Engine::Sqlite => {
            let mut copy = open_copy(&database).await?;
            let integrity = store::backup::integrity(&mut copy).await?;
            if integrity != "ok" {
                problems.push(format!("the database's integrity check says: {integrity}"));
            }
            let rows = store::backup::sqlite_rows(&mut copy).await?;
            problems.extend(manifest::row_differences(&manifest.rows, &rows));
            copy.close().await?;
        }
        Engine::Postgres => {
            run_tool(
                tokio::process::Command::new("pg_restore")
                    .arg("--list")
                    .arg(&database),
                "pg_restore",
            )
            .await?;
        }
    }
    if problems.is_empty() {
        Ok(manifest)
    } else {
        Err(damaged(problems))
    }
}

fn read_manifest(dir: &Path) -> Result<Manifest, BackupError> {
    let path = dir.join(manifest::FILE_NAME);
    let text = std::fs::read(&path).map_err(|error| {
        BackupError::Refused(format!(
            "{} is not a backup: {} cannot be read ({error})",
            dir.display(),
            path.display()
        ))
    })?;
    let manifest: Manifest =
        serde_json::from_slice(&text).map_err(|error| BackupError::Damaged {
            dir: dir.to_owned(),
            problems: format!("its manifest cannot be read: {error}"),
        })?;
    if manifest.format > manifest::FORMAT {
        return Err(BackupError::Refused(format!(
            "the backup was made by a newer portal ({}): restore it with that version or later",
            manifest.portal_version
        )));
    }
    Ok(manifest)
}

/// Restores the backup in `dir` into `to` (with its uploaded files into `uploads`), after
/// checking it whole; `to` must have no rows. The restored database has the backup's rows
/// per table, checked, and is migrated to this version's schema.
pub async fn restore(
    dir: &Path,
    to: &Location,
    uploads: &Path,
    progress: &mut dyn Progress,
) -> Result<Restored, BackupError> {
    let manifest = verify(dir).await?;
    let files = match (manifest.engine, to) {
        (Engine::Sqlite, Location::Sqlite(path)) => {
            refuse_sqlite_with_rows(path).await?;
            // The files first: the database put in place is what makes the restore done,
            // so a restore that stops before it can be run again.
            let names: Vec<String> = manifest.files.iter().map(|f| f.name.clone()).collect();
            std::fs::create_dir_all(uploads).map_err(BackupError::io(format!(
                "cannot create {}",
                uploads.display()
            )))?;
            let copied = copy_files(&names, &dir.join("uploads"), uploads, progress).await?;
            replace_sqlite(&dir.join(Engine::Sqlite.database_file()), path)?;
            copied.len() as u64
        }
        (Engine::Sqlite, Location::Postgres(_)) => into_postgres(dir, to, progress).await?,
        (Engine::Postgres, Location::Postgres(url)) => {
            refuse_postgres_with_rows(url).await?;
            restore_archive(&dir.join(Engine::Postgres.database_file()), url).await?;
            0
        }
        (Engine::Postgres, Location::Sqlite(_)) => {
            return Err(BackupError::Refused(
                "a PostgreSQL backup restores into a PostgreSQL database (--database postgres://…)"
                    .into(),
            ));
        }
    };
    let restored = db::open(to)
        .await
        .map_err(|error| BackupError::Refused(format!("the restored database: {error:#}")))?;
    let rows = rows_of(&restored).await?;
    restored.close().await;
    let problems = manifest::row_differences(&manifest.rows, &rows);
    if !problems.is_empty() {
        return Err(BackupError::Damaged {
            dir: dir.to_owned(),
            problems: format!("restored, but {}", problems.join("; ")),
        });
    }
    Ok(Restored {
        rows: manifest.rows.values().sum(),
        files,
    })
}

fn has_rows(rows: &std::collections::BTreeMap<String, i64>) -> Option<&str> {
    rows.iter()
        .find(|(_, n)| **n > 0)
        .map(|(table, _)| table.as_str())
}

fn not_empty(database: &str, table: &str) -> BackupError {
    BackupError::Refused(format!(
        "{database} has rows (table {table}): restore into a new database"
    ))
}

async fn refuse_sqlite_with_rows(path: &Path) -> Result<(), BackupError> {
    if !path.exists() {
        return Ok(());
    }
    // Not opened as immutable: rows still in its write-ahead log count too.
    let mut existing = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let rows = store::backup::sqlite_rows(&mut existing).await?;
    existing.close().await?;
    match has_rows(&rows) {
        Some(table) => Err(not_empty(&path.display().to_string(), table)),
        None => Ok(()),
    }
}

/// Puts the backup's database at `path` at once (a temporary copy renamed into place).
fn replace_sqlite(backup: &Path, path: &Path) -> Result<(), BackupError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(BackupError::io(format!(
            "cannot create {}",
            parent.display()
        )))?;
    }
    let temporary = path.with_extension("restoring");
    Entry::copy("database", backup, &temporary)
        .and_then(|_| std::fs::rename(&temporary, path))
        .map_err(BackupError::io(format!("cannot write {}", path.display())))?;
    for journal in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(journal);
        let _ = std::fs::remove_file(name);
    }
    Ok(())
}

/// An SQLite backup into a new PostgreSQL database, by the same copy as `copy-to`.
async fn into_postgres(
    dir: &Path,
    to: &Location,
    progress: &mut dyn Progress,
) -> Result<u64, BackupError> {
    let Db::Postgres(target) = db::open(to)
        .await
        .map_err(|error| BackupError::Refused(format!("{error:#}")))?
    else {
        unreachable!("a postgres:// address opens PostgreSQL");
    };
    let source = db::sqlite_pool(1)
        .connect_with(copy_options(&dir.join(Engine::Sqlite.database_file())))
        .await?;
    let copied =
        store::copy::sqlite_to_postgres(&source, &dir.join("uploads"), &target, progress).await;
    source.close().await;
    target.close().await;
    Ok(copied?.files)
}

async fn refuse_postgres_with_rows(url: &str) -> Result<(), BackupError> {
    let mut existing = sqlx::PgConnection::connect(url).await?;
    let rows = store::backup::postgres_rows(&mut existing).await?;
    existing.close().await?;
    match has_rows(&rows) {
        Some(table) => Err(not_empty(
            &Location::Postgres(url.into()).to_string(),
            table,
        )),
        None => Ok(()),
    }
}

/// Restores a `pg_dump` archive in one transaction (all or nothing), replacing the empty
/// tables a server's migrations may have made.
async fn restore_archive(archive: &Path, url: &str) -> Result<(), BackupError> {
    run_tool(
        tokio::process::Command::new("pg_restore")
            .args([
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
            ])
            .arg(format!("--dbname={url}"))
            .arg(archive),
        "pg_restore",
    )
    .await
}

async fn rows_of(db: &Db) -> Result<std::collections::BTreeMap<String, i64>, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => store::backup::sqlite_rows(&mut *pool.acquire().await?).await,
        Db::Postgres(pool) => store::backup::postgres_rows(&mut *pool.acquire().await?).await,
    }
}
