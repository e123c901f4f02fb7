//! The search index over folded text (see `crate::rules::search`): SQLite's FTS5 table or
//! PostgreSQL's `tsvector` column, and their queries.

use super::{
    Db, Engine, Tx,
    engine::{exec, on},
};
use portal_contract::{ArticleSummary, PageRequest};
use sqlx::FromRow;

use super::{
    articles::{SUMMARY_JOINS, SummaryRow, summary_columns},
    paged::{self, Bound},
};
use portal_contract::format::plain_text;

use crate::rules::search::{Terms, fold};

/// How each engine matches the query `$1` and ranks the matches, best first: a match in
/// the title counts most (FTS5's column weights: title, lead, body, author, source,
/// tags; PostgreSQL's: a title match first, then the weighted rank of the schema's
/// `document`).
fn matching_and_ranking(engine: Engine) -> (&'static str, &'static str) {
    match engine {
        Engine::Sqlite => (
            "article_search MATCH $1",
            "bm25(article_search, 10.0, 4.0, 1.0, 2.0, 2.0, 5.0)",
        ),
        Engine::Postgres => (
            "s.document @@ websearch_to_tsquery('simple', portal_unaccent($1))",
            "to_tsvector('simple', s.title) @@ websearch_to_tsquery('simple', portal_unaccent($1)) DESC,
             ts_rank('{0.1, 0.5, 0.4, 1.0}', s.document,
                     websearch_to_tsquery('simple', portal_unaccent($1))) DESC",
        ),
    }
}

/// The query of `terms` in the engine's own syntax.
pub fn query_of(engine: Engine, terms: &Terms) -> String {
    match engine {
        Engine::Sqlite => terms.to_match(),
        Engine::Postgres => terms.to_websearch(),
    }
}

/// Article ids whose title matches `$param` (a query from [`query_of`]).
pub fn title_matches(engine: Engine, param: &str) -> String {
    match engine {
        Engine::Sqlite => format!(
            "SELECT rowid FROM article_search WHERE article_search MATCH 'title : (' || {param} || ')'"
        ),
        Engine::Postgres => format!(
            "SELECT rowid FROM article_search
             WHERE to_tsvector('simple', title) @@ websearch_to_tsquery('simple', portal_unaccent({param}))"
        ),
    }
}

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
pub async fn index_article(conn: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    let row: Indexed = on!(&mut *conn, |c| sqlx::query_as(
        "SELECT title, summary, body_html, author, source, tags FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    let tags: Vec<String> = serde_json::from_str(&row.tags).unwrap_or_default();
    exec!(&mut *conn, |c| sqlx::query(
        "DELETE FROM article_search WHERE rowid = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    exec!(&mut *conn, |c| sqlx::query(
        "INSERT INTO article_search (rowid, title, lead, body, author, source, tags)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(fold(&row.title))
    .bind(fold(&row.summary))
    .bind(fold(&plain_text(&row.body_html)))
    .bind(fold(&row.author))
    .bind(fold(row.source.as_deref().unwrap_or_default()))
    .bind(fold(&tags.join(" ")))
    .execute(c)
    .await)?;
    Ok(())
}

/// Indexes every article the index lacks (a database from before search); how many.
pub async fn index_missing(db: &Db) -> Result<u64, sqlx::Error> {
    let missing: Vec<i64> = on!(db, |c| sqlx::query_scalar(
        // An anti-join: PostgreSQL runs `NOT IN (subquery)` over a large index row by
        // row (a server start over 100,000 articles did not finish in 30 s).
        "SELECT id FROM articles a
         WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)",
    )
    .fetch_all(c)
    .await)?;
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

/// The rows a search finds, with the engine's `match` of the query `$1`.
fn matching(found: &str) -> String {
    format!(
        "FROM article_search s
         JOIN public_articles a ON a.id = s.rowid
         {SUMMARY_JOINS}
         WHERE {found} AND a.published_at <= $2
           AND ($3 IS NULL OR a.category_id = $3)
           AND ($4 IS NULL OR a.published_at >= $4)
           AND ($5 IS NULL OR a.published_at < $5)"
    )
}

/// One page of the published articles that match `terms`, best first, and how many match.
pub async fn search(
    db: &Db,
    terms: &Terms,
    filter: Filter,
    page: PageRequest,
) -> Result<(Vec<Found>, u64), sqlx::Error> {
    let query = query_of(db.engine(), terms);
    let (found, ranking) = matching_and_ranking(db.engine());
    let list = paged::List {
        columns: &format!("{}, a.body_html", summary_columns()),
        matching: &matching(found),
        order: &format!("{ranking}, a.published_at DESC, a.id DESC"),
    };
    let filter = [
        Bound::Text(Some(&query)),
        Bound::Number(Some(filter.now)),
        Bound::Number(filter.category_id),
        Bound::Number(filter.from),
        Bound::Number(filter.until),
    ];
    let (rows, total) = paged::fetch::<FoundRow>(db, list, &filter, page).await?;
    let found = rows
        .into_iter()
        .map(|row| {
            let article = ArticleSummary::from(row.summary);
            let text = format!("{} {}", article.summary, plain_text(&row.body_html));
            Found { article, text }
        })
        .collect();
    Ok((found, total))
}
