//! The search index (FTS5 over folded text, see `crate::search`) and its queries.

use portal_contract::{ArticleSummary, PageRequest};
use sqlx::{FromRow, SqliteConnection, SqlitePool};

use super::articles::{SummaryRow, count, summary_columns};
use portal_contract::format::plain_text;

use crate::search::{Terms, fold};

/// Column weights of the ranking (title, lead, body, author, source, tags): a match in
/// the title counts most.
const RANKING: &str = "bm25(article_search, 10.0, 4.0, 1.0, 2.0, 2.0, 5.0)";

#[derive(FromRow)]
struct Indexed {
    title: String,
    summary: String,
    body_html: String,
    author: String,
    source: Option<String>,
    tags: String,
}

/// Indexes article `id` again from its stored row, in the caller's transaction.
pub async fn index_article(conn: &mut SqliteConnection, id: i64) -> Result<(), sqlx::Error> {
    let row: Indexed = sqlx::query_as(
        "SELECT title, summary, body_html, author, source, tags FROM articles WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let tags: Vec<String> = serde_json::from_str(&row.tags).unwrap_or_default();
    sqlx::query("DELETE FROM article_search WHERE rowid = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO article_search (rowid, title, lead, body, author, source, tags)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(fold(&row.title))
    .bind(fold(&row.summary))
    .bind(fold(&plain_text(&row.body_html)))
    .bind(fold(&row.author))
    .bind(fold(row.source.as_deref().unwrap_or_default()))
    .bind(fold(&tags.join(" ")))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Indexes every article the index lacks (a database from before search); how many.
pub async fn index_missing(db: &SqlitePool) -> Result<u64, sqlx::Error> {
    let missing: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM articles WHERE id NOT IN (SELECT rowid FROM article_search)",
    )
    .fetch_all(db)
    .await?;
    let mut tx = db.begin().await?;
    for id in &missing {
        index_article(&mut tx, *id).await?;
    }
    tx.commit().await?;
    Ok(missing.len() as u64)
}

/// What narrows a search besides its words.
#[derive(Debug, Default, Clone, Copy)]
pub struct Filter {
    pub category_id: Option<i64>,
    /// Published at or after (Unix seconds).
    pub from: Option<i64>,
    /// Published before (Unix seconds).
    pub until: Option<i64>,
    /// Now: what is published later is not found.
    pub now: i64,
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

const MATCHING: &str = "FROM article_search s
     JOIN public_articles a ON a.id = s.rowid
     JOIN categories c ON c.id = a.category_id
     LEFT JOIN uploads t ON t.id = a.picture_id
     WHERE article_search MATCH ?1 AND a.published_at <= ?2
       AND (?3 IS NULL OR a.category_id = ?3)
       AND (?4 IS NULL OR a.published_at >= ?4)
       AND (?5 IS NULL OR a.published_at < ?5)";

/// One page of the published articles that match `terms`, best first, and how many match.
pub async fn search(
    db: &SqlitePool,
    terms: &Terms,
    filter: Filter,
    page: PageRequest,
) -> Result<(Vec<Found>, u64), sqlx::Error> {
    let query = terms.to_match();
    let rows: Vec<FoundRow> = sqlx::query_as(&format!(
        "SELECT {}, a.body_html
         {MATCHING}
         ORDER BY {RANKING}, a.published_at DESC, a.id DESC
         LIMIT ?6 OFFSET ?7",
        summary_columns()
    ))
    .bind(&query)
    .bind(filter.now)
    .bind(filter.category_id)
    .bind(filter.from)
    .bind(filter.until)
    .bind(i64::from(page.per_page))
    .bind(i64::try_from(page.offset()).unwrap_or(i64::MAX))
    .fetch_all(db)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {MATCHING}"))
        .bind(&query)
        .bind(filter.now)
        .bind(filter.category_id)
        .bind(filter.from)
        .bind(filter.until)
        .fetch_one(db)
        .await?;
    let found = rows
        .into_iter()
        .map(|row| {
            let article = ArticleSummary::from(row.summary);
            let text = format!("{} {}", article.summary, plain_text(&row.body_html));
            Found { article, text }
        })
        .collect();
    Ok((found, count(total)))
}
