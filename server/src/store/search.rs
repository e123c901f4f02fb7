//! What the search index (`crate::search`) is made from: the log of changes to articles,
//! written by the databases' own triggers (migrations `*_search_log.sql`) in the order
//! they were committed; the articles as indexed; and the summaries of those found.

use portal_contract::ArticleSummary;
use portal_contract::format::plain_text;
use sqlx::FromRow;

use super::{
    Db,
    articles::{SUMMARY_JOINS, SummaryRow, summary_columns},
    engine::{exec, on},
};

/// The log as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogHead {
    /// Which database the log belongs to.
    pub epoch: String,
    /// The last version pruned away: an index older than this is built again.
    pub pruned_through: i64,
    /// The last version logged.
    pub last: i64,
}

pub async fn log_head(db: &Db) -> Result<LogHead, sqlx::Error> {
    let (epoch, pruned_through, last): (String, i64, i64) = on!(db, |c| sqlx::query_as(
        "SELECT epoch, pruned_through,
                (SELECT COALESCE(MAX(version), 0) FROM search_changes)
         FROM search_log"
    )
    .fetch_one(c)
    .await)?;
    Ok(LogHead {
        epoch,
        pruned_through,
        last,
    })
}

/// Up to `limit` changes after `version`, oldest first: (version, article id).
pub async fn changes_after(
    db: &Db,
    version: i64,
    limit: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on!(db, |c| sqlx::query_as(
        "SELECT version, article_id FROM search_changes WHERE version > $1
         ORDER BY version LIMIT $2"
    )
    .bind(version)
    .bind(limit)
    .fetch_all(c)
    .await)
}

/// Deletes the changes logged before `before` (Unix seconds), keeping the last one (the
/// log's head); how many went.
pub async fn prune(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let through: Option<i64> = on!(db, |c| sqlx::query_scalar(
        "SELECT MAX(version) FROM search_changes
         WHERE changed_at < $1 AND version < (SELECT MAX(version) FROM search_changes)"
    )
    .bind(before)
    .fetch_one(c)
    .await)?;
    let Some(through) = through else {
        return Ok(0);
    };
    let mut tx = db.begin().await?;
    let pruned = exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM search_changes WHERE version <= $1"
    )
    .bind(through)
    .execute(c)
    .await)?;
    exec!(&mut tx, |c| sqlx::query(
        "UPDATE search_log SET pruned_through = $1 WHERE pruned_through < $1"
    )
    .bind(through)
    .execute(c)
    .await)?;
    tx.commit().await?;
    Ok(pruned)
}

/// An article as the index holds it.
#[derive(Debug, FromRow)]
pub struct Indexed {
    pub id: i64,
    /// Citizens may find it (once its time comes): published, not in the bin.
    pub public: bool,
    pub category_id: i64,
    pub published_at: i64,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub author: String,
    pub source: Option<String>,
    /// A JSON array of strings.
    pub tags: String,
}

impl Indexed {
    pub fn tags(&self) -> Vec<String> {
        serde_json::from_str(&self.tags).unwrap_or_default()
    }
}

/// Every article is indexed (the newsroom's list finds drafts and the bin by title too);
/// citizens' searches find the public ones whose time has come. (Not `public_articles`:
/// it drops a scheduled article, and nothing is logged when its time comes.)
const INDEXED: &str = "SELECT id, status = 'published' AND deleted_at IS NULL AS public,
            category_id, published_at, title, summary, body_html, author, source, tags
     FROM articles";

/// Those of articles `ids` the index holds.
pub async fn indexed(db: &Db, ids: &[i64]) -> Result<Vec<Indexed>, sqlx::Error> {
    let ids = serde_json::to_string(ids).expect("numbers");
    on!(db, |c| sqlx::query_as(&format!(
        "{INDEXED} WHERE id IN ({})",
        db.engine().json_integers("$1")
    ))
    .bind(&ids)
    .fetch_all(c)
    .await)
}

/// Up to `limit` of the articles the index holds, by id, after id `after`.
pub async fn indexed_after(db: &Db, after: i64, limit: i64) -> Result<Vec<Indexed>, sqlx::Error> {
    on!(db, |c| sqlx::query_as(&format!(
        "{INDEXED} WHERE id > $1 ORDER BY id LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(c)
    .await)
}

/// An article found, with the text its snippet is cut from.
pub struct Found {
    pub article: ArticleSummary,
    /// The lead and the body's plain text.
    pub text: String,
}

#[derive(FromRow)]
struct FoundRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    body_html: String,
}

/// The articles `ids` that citizens may read now, in the order of `ids`.
pub async fn found(db: &Db, ids: &[i64]) -> Result<Vec<Found>, sqlx::Error> {
    let list = serde_json::to_string(ids).expect("numbers");
    let rows: Vec<FoundRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {}, a.body_html FROM public_articles a {SUMMARY_JOINS}
         WHERE a.id IN ({})",
        summary_columns(),
        db.engine().json_integers("$1")
    ))
    .bind(&list)
    .fetch_all(c)
    .await)?;
    let mut found: Vec<Found> = rows
        .into_iter()
        .map(|row| {
            let article = ArticleSummary::from(row.summary);
            let text = format!("{} {}", article.summary, plain_text(&row.body_html));
            Found { article, text }
        })
        .collect();
    found.sort_by_key(|f| ids.iter().position(|id| *id == f.article.id));
    Ok(found)
}
