//! From a received file to an uploaded one, for the newsroom's uploads and the import
//! alike: its type decided from its content, kept once per content hash (a picture
//! re-encoded and resized), and recorded. Kept in the uploads folder on SQLite; in the
//! database on PostgreSQL, where every server must find it (made in the folder first,
//! then stored chunk by chunk, see `store::stored_files`).

use std::path::Path;

use portal_contract::UploadedFile;

use crate::{
    files::{self, Received},
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
/// afterwards whatever happens. The same content filed again is the same file.
pub async fn file(
    filing: &Filing<'_>,
    name: &str,
    received: Received,
) -> Result<UploadedFile, FilingError> {
    let Some(kind) = uploads::classify(&received.head, name) else {
        let _ = tokio::fs::remove_file(&received.temp).await;
        return Err(FilingError::Unsupported);
    };
    if let Some(known) = store::by_hash(filing.db, &received.hash).await? {
        let _ = tokio::fs::remove_file(&received.temp).await;
        return Ok(known);
    }
    let dimensions = keep(filing.dir, &received, kind).await?;
    // On PostgreSQL the file and its row are stored in one transaction.
    let mut tx = filing.writer.begin().await?;
    if let Tx::Postgres(pg) = &mut tx {
        let widths = dimensions.as_ref().map_or(&[][..], |(_, _, widths)| widths);
        for name in files::stored_names(&received.hash, kind.extension, widths) {
            let path = filing.dir.join(&name);
            let saved = stored_files::save(pg, &name, &path).await;
            let _ = tokio::fs::remove_file(&path).await;
            saved?;
        }
    }
    let upload = NewUpload {
        hash: &received.hash,
        picture: kind.kind == Kind::Picture,
        media_type: kind.media_type,
        extension: kind.extension,
        label: kind.label,
        size: received.size,
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
    received: &Received,
    kind: FileType,
) -> Result<Option<(u32, u32, Vec<u32>)>, FilingError> {
    match kind.kind {
        Kind::Attachment => {
            files::keep_attachment(dir, received, kind).await?;
            Ok(None)
        }
        Kind::Picture => {
            let (dir, received) = (dir.to_owned(), received.clone());
            let kept =
                tokio::task::spawn_blocking(move || files::keep_picture(&dir, &received, kind))
                    .await
                    .map_err(std::io::Error::other)?;
            match kept {
                Ok(kept) => Ok(Some((kept.width, kept.height, kept.widths))),
                Err(files::PictureError::Unreadable(error)) => {
                    Err(FilingError::Unreadable(error.to_string()))
                }
                Err(files::PictureError::Io(error)) => Err(error.into()),
            }
        }
    }
}
