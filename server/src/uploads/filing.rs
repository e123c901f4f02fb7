//! From a received file to an uploaded one, for the newsroom's uploads and the import
//! alike: its type decided from its content, kept once per content hash (a picture
//! re-encoded and resized), and recorded. Kept in the uploads folder on SQLite; in the
//! database on PostgreSQL, where every server must find it (made in the folder first,
//! then stored chunk by chunk, see `store::stored_files`).

use std::path::Path;

use portal_contract::UploadedFile;

use super::disk::{self, Received};
use crate::{
    store::{
        Db, Tx,
        stored_files::{self, SaveError},
        uploads::{self as store, NewUpload},
    },
    uploads::{self, FileType, Kind},
};

/// Where a file is filed, and by whom.
pub struct Filing<'a> {
    pub db: &'a Db,
    pub writer: &'a Db,
    pub dir: &'a Path,
    /// The staff member who uploaded it; `None` for an import.
    pub user_id: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    /// None of the accepted types (a renamed HTML or SVG file, say).
    #[error("{}", uploads::REFUSED)]
    Unsupported,
    #[error("the picture cannot be read: {0}")]
    Unreadable(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<SaveError> for FilingError {
    fn from(error: SaveError) -> Self {
        match error {
            SaveError::Io(error) => Self::Io(error),
            SaveError::Database(error) => Self::Database(error),
        }
    }
}

/// Files `received` (called `name` by whoever sent it); the temporary file is gone
/// afterwards whatever happens. The same content filed again is the same file. On
/// PostgreSQL, filings of one content take turns on every server, so its chunks are
/// stored once, from a whole file.
pub async fn file(
    filing: &Filing<'_>,
    name: &str,
    received: Received,
) -> Result<UploadedFile, FilingError> {
    let Some(kind) = uploads::classify(&received.head, name) else {
        return Err(FilingError::Unsupported);
    };
    let mut turn = match filing.writer {
        Db::Postgres(_) => {
            let mut turn = filing.writer.begin().await?;
            turn.serialize_on(&format!("filing {}", received.hash))
                .await?;
            Some(turn)
        }
        // SQLite's one writer is not held while a picture is made: each copy is renamed
        // into place whole, and the row is written once (`ON CONFLICT`).
        Db::Sqlite(_) => None,
    };
    if let Some(known) = store::by_hash(filing.db, &received.hash).await? {
        return Ok(known);
    }
    let (hash, size) = (received.hash.clone(), received.size);
    let dimensions = keep(filing.dir, received, kind).await?;
    let mut tx = match turn.take() {
        Some(turn) => turn,
        None => filing.writer.begin().await?,
    };
    if let Tx::Postgres(pg) = &mut tx {
        let widths = dimensions.as_ref().map_or(&[][..], |(_, _, widths)| widths);
        for name in disk::stored_names(&hash, kind.extension, widths) {
            let path = filing.dir.join(&name);
            let saved = stored_files::save(pg, &name, &path).await;
            let _ = tokio::fs::remove_file(&path).await;
            saved?;
        }
    }
    let upload = NewUpload {
        hash: &hash,
        picture: kind.kind == Kind::Picture,
        media_type: kind.media_type,
        extension: kind.extension,
        label: kind.label,
        size,
        name,
        dimensions,
        user_id: filing.user_id,
        now: time::OffsetDateTime::now_utc().unix_timestamp(),
    };
    let recorded = store::record(&mut tx, &upload).await?;
    tx.commit().await?;
    Ok(recorded)
}

/// Keeps the received file as its kind is kept; a picture's size and widths.
async fn keep(
    dir: &Path,
    received: Received,
    kind: FileType,
) -> Result<Option<(u32, u32, Vec<u32>)>, FilingError> {
    let dir = dir.to_owned();
    match kind.kind {
        Kind::Attachment => {
            tokio::task::spawn_blocking(move || disk::keep_attachment(&dir, received, kind))
                .await
                .map_err(std::io::Error::other)??;
            Ok(None)
        }
        Kind::Picture => {
            let permit = disk::decoding_permit(&received).await?;
            let kept = tokio::task::spawn_blocking(move || {
                let kept = disk::keep_picture(&dir, received, kind);
                drop(permit);
                kept
            })
            .await
            .map_err(std::io::Error::other)?;
            match kept {
                Ok(kept) => Ok(Some((kept.width, kept.height, kept.widths))),
                Err(disk::PictureError::Unreadable(error)) => {
                    Err(FilingError::Unreadable(error.to_string()))
                }
                Err(disk::PictureError::Io(error)) => Err(error.into()),
            }
        }
    }
}
