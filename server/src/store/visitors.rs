//! "Thống kê truy cập": the day's readers and the count of each day (rules in
//! `crate::rules::visitors`).

use super::{
    Db,
    engine::{exec, on},
    readers::{self, NewReaderCaps},
};
use portal_contract::VisitorCounts;

use crate::rules::{
    reader::CountedReader,
    visitors::{ONLINE_S, Visit, day_of, visit},
};

/// Notes that `counted` viewed a page at `now`: counted if it is their first of the day
/// (and, for a new reader, their network has room: `readers::admitted`). Whether the
/// figures changed: a reader counted, or one back online.
pub async fn record(
    db: &Db,
    writer: &Db,
    counted: &CountedReader,
    caps: NewReaderCaps,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let day = day_of(now).key;
    let key = counted.reader.key();
    let last_seen: Option<i64> = on!(db, |c| sqlx::query_scalar(
        "SELECT last_seen FROM visitors_of_day WHERE day = $1 AND visitor = $2"
    )
    .bind(&day)
    .bind(&key)
    .fetch_optional(c)
    .await)?;
    match visit(last_seen, now) {
        Visit::Nothing => Ok(false),
        Visit::Refresh => {
            exec!(writer, |c| sqlx::query(
                "UPDATE visitors_of_day SET last_seen = $1 WHERE day = $2 AND visitor = $3"
            )
            .bind(now)
            .bind(&day)
            .bind(&key)
            .execute(c)
            .await)?;
            Ok(last_seen.is_some_and(|seen| now - seen >= ONLINE_S))
        }
        Visit::First => count_first(writer, &day, counted, caps, now).await,
    }
}

/// The primary key decides, so two racing first views count the reader once.
async fn count_first(
    writer: &Db,
    day: &str,
    counted: &CountedReader,
    caps: NewReaderCaps,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = writer.begin().await?;
    if !readers::admitted(&mut tx, counted, caps, now).await? {
        return Ok(false);
    }
    let key = counted.reader.key();
    let first = exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO visitors_of_day (day, visitor, last_seen) VALUES ($1, $2, $3)
         ON CONFLICT (day, visitor) DO NOTHING",
    )
    .bind(day)
    .bind(&key)
    .bind(now)
    .execute(c)
    .await)?
        == 1;
    if first {
        exec!(&mut tx, |c| sqlx::query(
            "INSERT INTO visitors_by_day (day, visitors) VALUES ($1, 1)
             ON CONFLICT (day) DO UPDATE SET visitors = visitors_by_day.visitors + 1",
        )
        .bind(day)
        .execute(c)
        .await)?;
    }
    tx.commit().await?;
    Ok(first)
}

/// The counter's figures at `now`, in one read.
pub async fn counts(db: &Db, now: i64) -> Result<VisitorCounts, sqlx::Error> {
    let day = day_of(now);
    let (online, today, this_month, total): (i64, i64, i64, i64) = on!(db, |c| {
        sqlx::query_as(
        "SELECT
             (SELECT COUNT(DISTINCT visitor) FROM visitors_of_day WHERE last_seen > $1),
             (SELECT CAST(COALESCE(SUM(visitors), 0) AS BIGINT) FROM visitors_by_day WHERE day = $2),
             (SELECT CAST(COALESCE(SUM(visitors), 0) AS BIGINT) FROM visitors_by_day WHERE day >= $3),
             (SELECT CAST(COALESCE(SUM(visitors), 0) AS BIGINT) FROM visitors_by_day)",
    )
    .bind(now - ONLINE_S)
    .bind(&day.key)
    .bind(&day.month_start)
    .fetch_one(c)
    .await
    })?;
    Ok(VisitorCounts {
        online: online.unsigned_abs(),
        today: today.unsigned_abs(),
        this_month: this_month.unsigned_abs(),
        total: total.unsigned_abs(),
    })
}

/// Forgets the readers of days that are over (kept while they still count as online).
pub async fn prune(writer: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let pruned = exec!(writer, |c| sqlx::query(
        "DELETE FROM visitors_of_day WHERE day < $1 AND last_seen <= $2"
    )
    .bind(day_of(now).key)
    .bind(now - ONLINE_S)
    .execute(c)
    .await)?;
    Ok(pruned)
}
