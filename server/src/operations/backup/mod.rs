//! Backups of a portal in use, and their restore. A backup is a folder named by when it
//! was taken (`portal-backup-20261207T063000Z`), written beside as a hidden partial
//! folder and renamed into place whole, holding the database and a manifest
//! ([`manifest`]): on SQLite a consistent copy (`VACUUM INTO`, never a file copy) and the
//! uploaded files it names; on PostgreSQL a `pg_dump` archive of one snapshot (the files
//! are in the database), with the rows counted in that same snapshot.

pub mod manifest;
mod restore;
pub mod schedule;

use std::path::{Path, PathBuf};

use sqlx::{ConnectOptions, Connection, PgPool, SqlitePool, sqlite::SqliteConnectOptions};
use time::{
    OffsetDateTime,
    format_description::{BorrowedFormatItem, well_known::Rfc3339},
    macros::format_description,
};

use self::manifest::{Engine, Entry, Manifest};
use super::Progress;
use crate::{
    db::Location,
    store::{self, Db},
};

pub use restore::{Restored, restore, verify};

/// Every backup folder's name starts so.
pub const PREFIX: &str = "portal-backup-";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// What was asked cannot be done (a folder, a target), said so.
    #[error("{0}")]
    Refused(String),
    #[error("the backup {dir} is damaged: {problems}")]
    Damaged { dir: PathBuf, problems: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Copy(#[from] store::copy::CopyError),
}

impl BackupError {
    fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let what = what.into();
        move |source| Self::Io { what, source }
    }
}

/// The portal a backup is taken of.
pub struct Source<'a> {
    pub db: &'a Db,
    /// Where `db` is (`pg_dump` connects by it).
    pub location: &'a Location,
    pub uploads: &'a Path,
}

/// A backup made.
#[derive(Debug)]
pub struct Taken {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

/// Takes a backup of `source` into a new folder in `into` (made if missing).
pub async fn take(
    source: &Source<'_>,
    into: &Path,
    progress: &mut dyn Progress,
) -> Result<Taken, BackupError> {
    let now = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("0 is a valid nanosecond");
    let name = folder_name(now);
    let dir = into.join(&name);
    if dir.exists() {
        return Err(BackupError::Refused(format!(
            "{} exists already",
            dir.display()
        )));
    }
    let partial = Partial::new(into.join(format!(".{name}.partial")))?;
    let manifest = match source.db {
        Db::Sqlite(pool) => take_sqlite(pool, source.uploads, &partial.0, progress).await?,
        Db::Postgres(pool) => take_postgres(pool, source.location, &partial.0).await?,
    };
    let manifest = Manifest {
        taken_at: now.format(&Rfc3339).expect("a UTC time formats"),
        ..manifest
    };
    let text = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
    let manifest_path = partial.0.join(manifest::FILE_NAME);
    std::fs::write(&manifest_path, text).map_err(BackupError::io("cannot write the manifest"))?;
    partial.keep_as(&dir)?;
    Ok(Taken { dir, manifest })
}

/// A backup's time in its folder name.
const STAMP: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// The folder name of a backup taken at `at`; names sort as their times do.
pub fn folder_name(at: OffsetDateTime) -> String {
    format!("{PREFIX}{}", at.format(STAMP).expect("a UTC time formats"))
}

/// A backup being written: removed unless kept whole.
struct Partial(PathBuf);

impl Partial {
    fn new(path: PathBuf) -> Result<Self, BackupError> {
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("uploads"))
            .map_err(BackupError::io(format!("cannot create {}", path.display())))?;
        Ok(Self(path))
    }

    fn keep_as(self, dir: &Path) -> Result<(), BackupError> {
        std::fs::rename(&self.0, dir).map_err(BackupError::io(format!(
            "cannot rename to {}",
            dir.display()
        )))
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn take_sqlite(
    pool: &SqlitePool,
    uploads: &Path,
    partial: &Path,
    progress: &mut dyn Progress,
) -> Result<Manifest, BackupError> {
    let database_path = partial.join(Engine::Sqlite.database_file());
    store::backup::vacuum_into(&mut *pool.acquire().await?, &database_path).await?;
    let mut copy = open_copy(&database_path).await?;
    let rows = store::backup::sqlite_rows(&mut copy).await?;
    let schema_version = store::backup::sqlite_schema_version(&mut copy).await?;
    let names = store::uploads::stored_names(&mut copy).await?;
    copy.close().await?;
    let files = copy_files(&names, uploads, &partial.join("uploads"), progress).await?;
    let database = entry_of(Engine::Sqlite.database_file(), database_path).await?;
    Ok(Manifest::new(
        Engine::Sqlite,
        schema_version,
        database,
        rows,
        files,
    ))
}

/// How an SQLite copy is opened: as it is, no journal files made beside it, nothing
/// written.
fn copy_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new().filename(path).immutable(true)
}

async fn open_copy(path: &Path) -> Result<sqlx::SqliteConnection, sqlx::Error> {
    copy_options(path).connect().await
}

/// Copies the uploaded files `names` from `from` into `to`, each hashed as it goes and
/// put in place whole (a temporary file renamed); a file there already is left as it is,
/// its name being its checksum. Their entries.
async fn copy_files(
    names: &[String],
    from: &Path,
    to: &Path,
    progress: &mut dyn Progress,
) -> Result<Vec<Entry>, BackupError> {
    let mut entries = Vec::with_capacity(names.len());
    for (done, name) in names.iter().enumerate() {
        let (source, target, owned) = (from.join(name), to.join(name), name.clone());
        let temporary = to.join(format!("tmp-copy-{name}"));
        let entry = tokio::task::spawn_blocking(move || {
            if target.exists() {
                return Entry::of(&owned, &target);
            }
            let entry = Entry::copy(&owned, &source, &temporary)?;
            std::fs::rename(&temporary, &target)?;
            Ok(entry)
        })
        .await
        .expect("a file copy does not panic")
        .map_err(BackupError::io(format!(
            "cannot copy the uploaded file {name}"
        )))?;
        entries.push(entry);
        progress.advance(done as u64 + 1, names.len() as u64);
    }
    Ok(entries)
}

async fn entry_of(name: &'static str, path: PathBuf) -> Result<Entry, BackupError> {
    tokio::task::spawn_blocking(move || Entry::of(name, &path))
        .await
        .expect("a checksum does not panic")
        .map_err(BackupError::io(format!("cannot read {name}")))
}

async fn take_postgres(
    pool: &PgPool,
    location: &Location,
    partial: &Path,
) -> Result<Manifest, BackupError> {
    let Location::Postgres(url) = location else {
        unreachable!("a PostgreSQL pool is at a postgres:// address");
    };
    let database_path = partial.join(Engine::Postgres.database_file());
    let mut snapshot = pool.begin().await?;
    let name = store::backup::export_snapshot(&mut snapshot).await?;
    let rows = store::backup::postgres_rows(&mut snapshot).await?;
    let schema_version = store::backup::postgres_schema_version(&mut snapshot).await?;
    run_tool(
        tokio::process::Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--no-privileges"])
            .arg(format!("--snapshot={name}"))
            .arg("--file")
            .arg(&database_path)
            .arg(format!("--dbname={url}")),
        "pg_dump",
    )
    .await?;
    snapshot.rollback().await?;
    let database = entry_of(Engine::Postgres.database_file(), database_path).await?;
    Ok(Manifest::new(
        Engine::Postgres,
        schema_version,
        database,
        rows,
        Vec::new(),
    ))
}

/// Runs one of PostgreSQL's programs, its error output kept for the error.
async fn run_tool(
    command: &mut tokio::process::Command,
    tool: &'static str,
) -> Result<(), BackupError> {
    let output = command.output().await.map_err(|error| BackupError::Tool {
        tool,
        message: format!(
            "cannot run it ({error}): install PostgreSQL's client programs (postgresql-client)"
        ),
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool,
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn folder_names_sort_as_their_times() {
        let earlier = folder_name(datetime!(2026-12-07 9:05:00 UTC));
        let later = folder_name(datetime!(2026-12-07 10:00:00 UTC));
        assert_eq!(earlier, "portal-backup-20261207T090500Z");
        assert!(earlier < later);
    }
}
