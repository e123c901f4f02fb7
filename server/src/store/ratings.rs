//! Star ratings: one per reader per article, enforced by the primary key of `ratings`.

use portal_contract::RatingSummary;
use sqlx::SqlitePool;
use time::OffsetDateTime;

use crate::reader::Reader;

/// The window of the per-IP safety valve.
const VALVE_WINDOW_S: i64 = 3600;

/// What became of a rating.
#[derive(Debug, PartialEq)]
pub enum RatingOutcome {
    Added(RatingSummary),
    AlreadyRated,
    NoSuchArticle,
    RatingOff,
    /// Too many anonymous readers of this network rated (this article, or any) within
    /// the hour.
    TooMany {
        retry_after_s: u64,
    },
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

/// How many anonymous readers of one network may rate within the hour.
#[derive(Debug, Clone, Copy)]
pub struct RatingValve {
    /// One article.
    pub per_article: u32,
    /// All articles together.
    pub all_articles: u32,
}

/// Records `point` for `reader` and updates the article's summary, in one transaction.
pub async fn add(
    db: &SqlitePool,
    article_id: i64,
    reader: &Reader,
    network: &str,
    point: u8,
    valve: RatingValve,
) -> Result<RatingOutcome, sqlx::Error> {
    let allowed: Option<bool> =
        sqlx::query_scalar("SELECT allow_rating FROM public_articles WHERE id = ?")
            .bind(article_id)
            .fetch_optional(db)
            .await?;
    match allowed {
        None => return Ok(RatingOutcome::NoSuchArticle),
        Some(false) => return Ok(RatingOutcome::RatingOff),
        Some(true) => {}
    }
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut tx = db.begin().await?;
    // The write comes first, so the transaction takes the write lock at once (waiting its
    // turn) instead of failing to upgrade a stale read.
    let inserted = sqlx::query(
        "INSERT INTO ratings (article_id, reader, point, ip, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(article_id)
    .bind(reader.key())
    .bind(point)
    .bind(network)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(error) if is_unique_violation(&error) => return Ok(RatingOutcome::AlreadyRated),
        other => other?,
    };
    if reader.is_anonymous() {
        let scopes = [
            (Some(article_id), valve.per_article),
            (None, valve.all_articles),
        ];
        for (article, limit) in scopes {
            let (readers, oldest): (u32, i64) = sqlx::query_as(
                "SELECT COUNT(*), COALESCE(MIN(created_at), ?3) FROM ratings
                 WHERE (?1 IS NULL OR article_id = ?1) AND ip = ?2 AND created_at > ?3 - ?4
                   AND reader LIKE 'v:%'",
            )
            .bind(article)
            .bind(network)
            .bind(now)
            .bind(VALVE_WINDOW_S)
            .fetch_one(&mut *tx)
            .await?;
            if readers > limit {
                let retry_after_s = (oldest + VALVE_WINDOW_S - now).max(1);
                return Ok(RatingOutcome::TooMany {
                    retry_after_s: retry_after_s.unsigned_abs(),
                });
            }
        }
    }
    let (total, count): (i64, i64) = sqlx::query_as(
        "UPDATE articles SET rating_total = rating_total + ?, rating_count = rating_count + 1
         WHERE id = ? RETURNING rating_total, rating_count",
    )
    .bind(point)
    .bind(article_id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(RatingOutcome::Added(RatingSummary::new(
        total.unsigned_abs(),
        count.unsigned_abs(),
    )))
}

/// The point `reader` gave `article_id`, if any.
pub async fn of_reader(
    db: &SqlitePool,
    article_id: i64,
    reader: &Reader,
) -> Result<Option<u8>, sqlx::Error> {
    sqlx::query_scalar("SELECT point FROM ratings WHERE article_id = ? AND reader = ?")
        .bind(article_id)
        .bind(reader.key())
        .fetch_optional(db)
        .await
}
