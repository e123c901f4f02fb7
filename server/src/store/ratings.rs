//! Star ratings: one per reader per article, enforced by the primary key of `ratings`.

use super::{
    Db,
    engine::{exec, is_unique_violation, on},
};
use portal_contract::RatingSummary;

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
    db: &Db,
    article_id: i64,
    reader: &Reader,
    network: &str,
    point: u8,
    valve: RatingValve,
) -> Result<RatingOutcome, sqlx::Error> {
    let allowed: Option<bool> = on!(db, |c| sqlx::query_scalar(
        "SELECT allow_rating FROM public_articles WHERE id = $1"
    )
    .bind(article_id)
    .fetch_optional(c)
    .await)?;
    match allowed {
        None => return Ok(RatingOutcome::NoSuchArticle),
        Some(false) => return Ok(RatingOutcome::RatingOff),
        Some(true) => {}
    }
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut tx = db.begin().await?;
    tx.serialize_on(&format!("ratings from {network}")).await?;
    // The write comes first, so the transaction takes the write lock at once (waiting its
    // turn) instead of failing to upgrade a stale read.
    let inserted = exec!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO ratings (article_id, reader, point, ip, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(article_id)
    .bind(reader.key())
    .bind(i64::from(point))
    .bind(network)
    .bind(now)
    .execute(c).await
    });
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
            let (readers, oldest): (i64, i64) = on!(&mut tx, |c| sqlx::query_as(
                "SELECT COUNT(*), COALESCE(MIN(created_at), $3) FROM ratings
                 WHERE ($1 IS NULL OR article_id = $1) AND ip = $2 AND created_at > $3 - $4
                   AND reader LIKE 'v:%'",
            )
            .bind(article)
            .bind(network)
            .bind(now)
            .bind(VALVE_WINDOW_S)
            .fetch_one(c)
            .await)?;
            if readers > i64::from(limit) {
                let retry_after_s = (oldest + VALVE_WINDOW_S - now).max(1);
                return Ok(RatingOutcome::TooMany {
                    retry_after_s: retry_after_s.unsigned_abs(),
                });
            }
        }
    }
    let (total, count): (i64, i64) = on!(&mut tx, |c| sqlx::query_as(
        "UPDATE articles SET rating_total = rating_total + $1, rating_count = rating_count + 1
         WHERE id = $2 RETURNING rating_total, rating_count",
    )
    .bind(i64::from(point))
    .bind(article_id)
    .fetch_one(c)
    .await)?;
    tx.commit().await?;
    Ok(RatingOutcome::Added(RatingSummary::new(
        total.unsigned_abs(),
        count.unsigned_abs(),
    )))
}

/// The point `reader` gave `article_id`, if any.
pub async fn of_reader(
    db: &Db,
    article_id: i64,
    reader: &Reader,
) -> Result<Option<u8>, sqlx::Error> {
    let point: Option<i64> = on!(db, |c| sqlx::query_scalar(
        "SELECT point FROM ratings WHERE article_id = $1 AND reader = $2"
    )
    .bind(article_id)
    .bind(reader.key())
    .fetch_optional(c)
    .await)?;
    Ok(point.and_then(|point| u8::try_from(point).ok()))
}
