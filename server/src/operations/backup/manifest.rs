//! A backup's manifest (`manifest.json`): what it holds, each file's size and SHA-256, and
//! how many rows each table had, so a backup is checked whole before it is trusted.

use std::{
    collections::BTreeMap,
    io::{Read, Write},
    path::Path,
};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's own format; a backup of a later format is refused, not misread.
pub const FORMAT: u32 = 1;

/// The manifest's file name in a backup's folder.
pub const FILE_NAME: &str = "manifest.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// The database is an SQLite file (`portal.db`), the uploads are files beside it.
    Sqlite,
    /// The database is a `pg_dump` archive (`portal.pgdump`), the uploads inside it.
    Postgres,
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        })
    }
}

impl Engine {
    /// The database's file name in a backup of this engine.
    pub fn database_file(self) -> &'static str {
        match self {
            Self::Sqlite => "portal.db",
            Self::Postgres => "portal.pgdump",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub engine: Engine,
    /// When the backup's snapshot was taken (RFC 3339, UTC).
    pub taken_at: String,
    /// The portal's version that took it.
    pub portal_version: String,
    /// The newest migration the database had.
    pub schema_version: i64,
    pub database: Entry,
    /// Rows per table in the snapshot (the search index and the migrations' record aside).
    pub rows: BTreeMap<String, i64>,
    /// The uploaded files, under `uploads/` (none on PostgreSQL: they are in the database).
    pub files: Vec<Entry>,
}

impl Manifest {
    /// The manifest of a backup by this version (its time set when the backup is whole).
    pub fn new(
        engine: Engine,
        schema_version: i64,
        database: Entry,
        rows: BTreeMap<String, i64>,
        files: Vec<Entry>,
    ) -> Self {
        Self {
            format: FORMAT,
            engine,
            taken_at: String::new(),
            portal_version: env!("CARGO_PKG_VERSION").to_owned(),
            schema_version,
            database,
            rows,
            files,
        }
    }
}

/// One file of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Entry {
    /// The entry of the file at `path`, read once.
    pub fn of(name: &str, path: &Path) -> std::io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let (bytes, sha256) = hash_copy(file, std::io::sink())?;
        Ok(Self {
            name: name.to_owned(),
            bytes,
            sha256,
        })
    }

    /// Copies the file at `from` to `to`, hashing it on the way: its entry.
    pub fn copy(name: &str, from: &Path, to: &Path) -> std::io::Result<Self> {
        let source = std::fs::File::open(from)?;
        let mut target = std::io::BufWriter::new(std::fs::File::create(to)?);
        let (bytes, sha256) = hash_copy(source, &mut target)?;
        target
            .into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()?;
        Ok(Self {
            name: name.to_owned(),
            bytes,
            sha256,
        })
    }

    /// Why the file at `path` is not this entry's, if it is not.
    pub fn mismatch(&self, path: &Path) -> Option<String> {
        match Self::of(&self.name, path) {
            Err(error) => Some(format!("{} cannot be read: {error}", self.name)),
            Ok(found) if found.bytes != self.bytes => Some(format!(
                "{} has {} bytes, the manifest says {}",
                self.name, found.bytes, self.bytes
            )),
            Ok(found) if found.sha256 != self.sha256 => Some(format!(
                "{} does not have the checksum the manifest gives",
                self.name
            )),
            Ok(_) => None,
        }
    }
}

/// Copies `from` into `to`: the bytes copied and their SHA-256 (hex).
fn hash_copy(mut from: impl Read, mut to: impl Write) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 256 * 1024];
    let mut bytes = 0;
    loop {
        let read = from.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        to.write_all(&buffer[..read])?;
        bytes += read as u64;
    }
    Ok((bytes, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Tables whose rows differ between two copies of one portal without anything lost: the
/// migrations' record, the search index (made again from the articles) and PostgreSQL's
/// file store (the uploads folder's files on SQLite).
pub fn is_counted(table: &str) -> bool {
    !(table.starts_with("_sqlx")
        || table.starts_with("sqlite_")
        || table.starts_with("search_")
        || table == "file_chunks")
}

/// Where `found` rows per table differ from `expected`'s (tables `found` lacks count 0).
pub fn row_differences(
    expected: &BTreeMap<String, i64>,
    found: &BTreeMap<String, i64>,
) -> Vec<String> {
    expected
        .iter()
        .filter_map(|(table, rows)| {
            let found = found.get(table).copied().unwrap_or(0);
            (found != *rows).then(|| format!("{table} has {found} rows, the manifest says {rows}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_names_the_size_and_the_checksum_of_what_was_copied() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("a");
        std::fs::write(&from, b"abc").unwrap();
        let entry = Entry::copy("a", &from, &dir.path().join("b")).unwrap();
        assert_eq!(entry.bytes, 3);
        assert_eq!(
            entry.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(std::fs::read(dir.path().join("b")).unwrap(), b"abc");
        assert_eq!(entry.mismatch(&dir.path().join("b")), None);
        std::fs::write(dir.path().join("b"), b"abd").unwrap();
        assert!(entry.mismatch(&dir.path().join("b")).is_some());
        std::fs::write(dir.path().join("b"), b"ab").unwrap();
        assert!(
            entry
                .mismatch(&dir.path().join("b"))
                .unwrap()
                .contains("2 bytes")
        );
    }

    #[test]
    fn the_index_and_the_file_store_are_not_counted() {
        assert!(is_counted("articles"));
        assert!(!is_counted("search_changes"));
        assert!(!is_counted("_sqlx_migrations"));
        assert!(!is_counted("file_chunks"));
    }

    #[test]
    fn missing_and_changed_tables_are_differences() {
        let expected = BTreeMap::from([("articles".to_owned(), 3), ("users".to_owned(), 1)]);
        let found = BTreeMap::from([("articles".to_owned(), 3), ("extra".to_owned(), 9)]);
        assert_eq!(
            row_differences(&expected, &found),
            ["users has 0 rows, the manifest says 1"]
        );
    }
}
