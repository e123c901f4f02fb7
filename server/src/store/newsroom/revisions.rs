//! The kept versions of an article: each save's, kept as it is written; read back to
//! compare and restore.

use portal_contract::newsroom::{ArticleDraft, Revision};
use sqlx::FromRow;

use super::rows::{DRAFT_COLUMNS, DraftRow};
use crate::store::{
    Db, Tx, at,
    engine::{exec, on},
};

/// Keeps article `id` as it now stands as a revision. Used by every write of an article:
/// the newsroom's saves and the import.
pub async fn record_revision(conn: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    let row: (i64, i64, Option<i64>) = on!(&mut *conn, |c| sqlx::query_as(
        "SELECT version, updated_at, updated_by FROM articles WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    let draft: DraftRow = on!(&mut *conn, |c| sqlx::query_as(&format!(
        "SELECT {DRAFT_COLUMNS} FROM articles a JOIN categories c ON c.id = a.category_id
         WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_one(c)
    .await)?;
    let content = serde_json::to_string(&ArticleDraft::from(draft)).expect("plain data");
    let (version, saved_at, saved_by) = row;
    exec!(&mut *conn, |c| {
        sqlx::query(
            "INSERT INTO article_revisions (article_id, version, content, saved_at, saved_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (article_id, version) DO UPDATE SET content = excluded.content,
             saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        )
        .bind(id)
        .bind(version)
        .bind(content)
        .bind(saved_at)
        .bind(saved_by)
        .execute(c)
        .await
    })?;
    Ok(())
}

#[derive(FromRow)]
struct RevisionRow {
    version: i64,
    content: String,
    saved_at: i64,
    saved_by: Option<String>,
}

impl From<RevisionRow> for Revision {
    fn from(row: RevisionRow) -> Self {
        Self {
            version: row.version,
            saved_at: at(row.saved_at),
            saved_by: row.saved_by,
            article: serde_json::from_str(&row.content).expect("revisions are stored drafts"),
        }
    }
}

const REVISION_COLUMNS: &str = "r.version, r.content, r.saved_at, u.display_name AS saved_by
     FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by";

/// Every kept version of article `id`, newest first.
pub async fn revisions(db: &Db, id: i64) -> Result<Vec<Revision>, sqlx::Error> {
    let rows: Vec<RevisionRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} WHERE r.article_id = $1 ORDER BY r.version DESC"
    ))
    .bind(id)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(Revision::from).collect())
}

/// Version `version` of article `id`, if it was kept.
pub async fn revision(db: &Db, id: i64, version: i64) -> Result<Option<Revision>, sqlx::Error> {
    let row: Option<RevisionRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} WHERE r.article_id = $1 AND r.version = $2"
    ))
    .bind(id)
    .bind(version)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(Revision::from))
}
