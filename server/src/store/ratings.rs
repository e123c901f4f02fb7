//! Star ratings: one per reader per article, enforced by the primary key of `ratings`.

use super::{
    Db,
    engine::{exec, is_unique_violation, on},
};
use portal_contract::RatingSummary;

use time::OffsetDateTime;

use crate::rules::reader::{Network, Reader, WIDE_FACTOR};

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
    network: &Network,
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
    // The wider block's turn covers each of its networks.
    tx.serialize_on(&format!("ratings from {}", network.wide))
        .await?;
    // The write comes first, so the transaction takes the write lock at once (waiting its
    // turn) instead of failing to upgrade a stale read.
    let inserted = exec!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO ratings (article_id, reader, point, ip, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(article_id)
    .bind(reader.key())
    .bind(i64::from(point))
    .bind(&network.narrow)
    .bind(now)
    .execute(c).await
    });
    match inserted {
        Err(error) if is_unique_violation(&error) => return Ok(RatingOutcome::AlreadyRated),
        other => other?,
    };
    if reader.is_anonymous() {
        // The network's own counts, then its IPv6 /48's (WIDE_FACTOR times as many).
        let wide = network.wide_pattern().unwrap_or_default();
        let scopes = [
            (
                "ip = $2",
                &network.narrow,
                Some(article_id),
                valve.per_article,
            ),
            ("ip = $2", &network.narrow, None, valve.all_articles),
            (
                "ip LIKE $2",
                &wide,
                Some(article_id),
                valve.per_article * WIDE_FACTOR,
            ),
            ("ip LIKE $2", &wide, None, valve.all_articles * WIDE_FACTOR),
        ];
        for (matching, key, article, limit) in scopes.into_iter().filter(|s| !s.1.is_empty()) {
            let query = format!(
                "SELECT COUNT(*), COALESCE(MIN(created_at), $3) FROM ratings
                 WHERE ($1 IS NULL OR article_id = $1) AND {matching} AND created_at > $3 - $4
                   AND reader LIKE 'v:%'"
            );
            let (readers, oldest): (i64, i64) = on!(&mut tx, |c| sqlx::query_as(&query)
                .bind(article)
                .bind(key)
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
