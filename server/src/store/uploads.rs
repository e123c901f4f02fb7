//! The uploaded files' rows: one per content hash.

use super::{
    Db, Tx,
    engine::{exec, on},
};
use portal_contract::{Thumbnail, UploadedFile};
use sqlx::FromRow;

use crate::uploads::disk::{self, stored_name};

/// A file to record, as received and kept.
pub struct NewUpload<'a> {
    pub hash: &'a str,
    pub picture: bool,
    pub media_type: &'a str,
    pub extension: &'a str,
    pub label: &'a str,
    pub size: u64,
    pub name: &'a str,
    /// A picture's stored size and the widths of its copies.
    pub dimensions: Option<(u32, u32, Vec<u32>)>,
    /// Who uploaded it; `None` for an import.
    pub user_id: Option<i64>,
    pub now: i64,
}

#[derive(FromRow)]
struct UploadRow {
    id: i64,
    hash: String,
    kind: String,
    extension: String,
    label: String,
    size: i64,
    name: String,
    width: Option<i64>,
    height: Option<i64>,
    widths: String,
}

/// Where the portal serves its uploaded files.
pub const FILES_PATH: &str = "/tep";

/// The address of a stored file, or of its copy `width` pixels wide.
fn url(hash: &str, width: Option<u32>, extension: &str) -> String {
    format!("{FILES_PATH}/{}", stored_name(hash, width, extension))
}

/// A picture's copy widths, smallest first, from their stored JSON.
fn widths(stored: &str) -> Vec<u32> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// A picture's columns as a list reads them (its `LEFT JOIN` leaves them empty for an
/// article without one).
#[derive(FromRow)]
pub(super) struct ThumbnailRow {
    thumb_hash: Option<String>,
    thumb_extension: Option<String>,
    thumb_widths: Option<String>,
    thumb_width: Option<i64>,
    thumb_height: Option<i64>,
}

/// The columns of [`ThumbnailRow`], of the uploads joined as `t`.
pub(super) const THUMBNAIL_COLUMNS: &str = "t.hash AS thumb_hash, t.extension AS thumb_extension,
     t.widths AS thumb_widths, t.width AS thumb_width, t.height AS thumb_height";

impl ThumbnailRow {
    /// The picture's smallest copy (the picture itself when it has none smaller).
    pub(super) fn thumbnail(self) -> Option<Thumbnail> {
        let hash = self.thumb_hash?;
        let extension = self.thumb_extension?;
        let width = u32::try_from(self.thumb_width?).ok()?;
        let height = u32::try_from(self.thumb_height?).ok()?;
        let copies = widths(&self.thumb_widths.unwrap_or_default());
        let smallest = copies.first().copied().filter(|w| *w < width);
        let shown = smallest.unwrap_or(width);
        Some(Thumbnail {
            url: url(&hash, smallest, &extension),
            width: shown,
            height: (u64::from(height) * u64::from(shown) / u64::from(width.max(1))) as u32,
        })
    }
}

impl From<UploadRow> for UploadedFile {
    fn from(row: UploadRow) -> Self {
        let url = |width| url(&row.hash, width, &row.extension);
        let widths = widths(&row.widths);
        let largest = widths.last().copied();
        let srcset = (!widths.is_empty()).then(|| {
            widths
                .iter()
                .map(|w| format!("{} {w}w", url((Some(*w) != largest).then_some(*w))))
                .collect::<Vec<_>>()
                .join(", ")
        });
        Self {
            id: row.id,
            url: url(None),
            picture: row.kind == "picture",
            name: row.name,
            label: row.label,
            size: u64::try_from(row.size).unwrap_or(0),
            width: row.width.and_then(|w| u32::try_from(w).ok()),
            height: row.height.and_then(|h| u32::try_from(h).ok()),
            srcset,
        }
    }
}

const COLUMNS: &str = "id, hash, kind, extension, label, size, name, width, height, widths";

/// The file with content hash `hash`, if it was uploaded before.
pub async fn by_hash(db: &Db, hash: &str) -> Result<Option<UploadedFile>, sqlx::Error> {
    let row: Option<UploadRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM uploads WHERE hash = $1"
    ))
    .bind(hash)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(UploadedFile::from))
}

/// The files `ids` name, in that order (ids of no file are left out).
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<UploadedFile>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let listed = db.engine().json_integers("$1");
    let rows: Vec<UploadRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM uploads WHERE id IN ({listed})"
    ))
    .bind(serde_json::to_string(ids).expect("numbers serialize"))
    .fetch_all(c)
    .await)?;
    let mut files: Vec<UploadedFile> = rows.into_iter().map(UploadedFile::from).collect();
    files.sort_by_key(|file| ids.iter().position(|id| *id == file.id));
    Ok(files)
}

/// Whether `picture` (if any) is an uploaded picture and every one of `attachments` an
/// uploaded attachment.
pub async fn are_known(
    conn: &mut Tx,
    picture: Option<i64>,
    attachments: &[i64],
) -> Result<bool, sqlx::Error> {
    let pictures: i64 = on!(&mut *conn, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM uploads WHERE id = $1 AND kind = 'picture'"
    )
    .bind(picture)
    .fetch_one(c)
    .await)?;
    let listed = conn.engine().json_integers("$1");
    let found: i64 = on!(&mut *conn, |c| sqlx::query_scalar(&format!(
        "SELECT COUNT(DISTINCT id) FROM uploads WHERE kind = 'attachment' AND id IN ({listed})"
    ))
    .bind(serde_json::to_string(attachments).expect("numbers serialize"))
    .fetch_one(c)
    .await)?;
    let distinct = attachments
        .iter()
        .collect::<std::collections::HashSet<_>>()
        .len();
    Ok((picture.is_none() || pictures == 1) && found as usize == distinct)
}

/// How a stored file is served: its media type and its name as uploaded.
pub async fn served_as(db: &Db, hash: &str) -> Result<Option<(String, String, bool)>, sqlx::Error> {
    on!(db, |c| sqlx::query_as(
        "SELECT media_type, name, kind = 'picture' FROM uploads WHERE hash = $1"
    )
    .bind(hash)
    .fetch_optional(c)
    .await)
}

/// Records `upload`; the row of the same content when it raced with another upload.
/// In the caller's transaction, so that a file stored in the database is recorded with it.
pub async fn record(tx: &mut Tx, upload: &NewUpload<'_>) -> Result<UploadedFile, sqlx::Error> {
    let (width, height, widths) = match &upload.dimensions {
        Some((width, height, widths)) => (
            Some(i64::from(*width)),
            Some(i64::from(*height)),
            widths.clone(),
        ),
        None => (None, None, Vec::new()),
    };
    exec!(&mut *tx, |c| sqlx::query(
        "INSERT INTO uploads (hash, kind, media_type, extension, label, size, name, width,
             height, widths, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (hash) DO NOTHING",
    )
    .bind(upload.hash)
    .bind(if upload.picture {
        "picture"
    } else {
        "attachment"
    })
    .bind(upload.media_type)
    .bind(upload.extension)
    .bind(upload.label)
    .bind(i64::try_from(upload.size).unwrap_or(i64::MAX))
    .bind(upload.name)
    .bind(width)
    .bind(height)
    .bind(serde_json::to_string(&widths).expect("numbers serialize"))
    .bind(upload.now)
    .bind(upload.user_id)
    .execute(c)
    .await)?;
    let row: UploadRow = on!(&mut *tx, |c| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM uploads WHERE hash = $1"
    ))
    .bind(upload.hash)
    .fetch_one(c)
    .await)?;
    Ok(row.into())
}

/// The names of every file the uploads on `conn` are stored as (each size of a picture).
pub async fn stored_names(conn: &mut sqlx::SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    let recorded: Vec<(String, String, String)> =
        sqlx::query_as("SELECT hash, extension, widths FROM uploads ORDER BY id")
            .fetch_all(conn)
            .await?;
    Ok(recorded
        .into_iter()
        .flat_map(|(hash, extension, widths)| {
            let widths: Vec<u32> = serde_json::from_str(&widths).unwrap_or_default();
            disk::stored_names(&hash, &extension, &widths)
        })
        .collect())
}
