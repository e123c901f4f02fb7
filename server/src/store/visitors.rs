//! "Thống kê truy cập": the day's readers and the count of each day (rules in
//! `crate::visitors`).

use portal_contract::VisitorCounts;
use sqlx::SqlitePool;

use crate::{
    reader::Reader,
    visitors::{ONLINE_S, Visit, day_of, visit},
};

/// Notes that `reader` viewed a page at `now`: counted if it is their first of the day.
pub async fn record(
    db: &SqlitePool,
    writer: &SqlitePool,
    reader: &Reader,
    now: i64,
) -> Result<(), sqlx::Error> {
    let day = day_of(now).key;
    let key = reader.key();
    let last_seen: Option<i64> =
        sqlx::query_scalar("SELECT last_seen FROM visitors_of_day WHERE day = ? AND visitor = ?")
            .bind(&day)
            .bind(&key)
            .fetch_optional(db)
            .await?;
    match visit(last_seen, now) {
        Visit::Nothing => Ok(()),
        Visit::Refresh => {
            sqlx::query("UPDATE visitors_of_day SET last_seen = ? WHERE day = ? AND visitor = ?")
                .bind(now)
                .bind(&day)
                .bind(&key)
                .execute(writer)
                .await?;
            Ok(())
        }
        Visit::First => count_first(writer, &day, &key, now).await,
    }
}

/// The primary key decides, so two racing first views count the reader once.
async fn count_first(
    writer: &SqlitePool,
    day: &str,
    key: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = writer.begin().await?;
    let first = sqlx::query(
        "INSERT INTO visitors_of_day (day, visitor, last_seen) VALUES (?, ?, ?)
         ON CONFLICT (day, visitor) DO NOTHING",
    )
    .bind(day)
    .bind(key)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if first {
        sqlx::query(
            "INSERT INTO visitors_by_day (day, visitors) VALUES (?, 1)
             ON CONFLICT (day) DO UPDATE SET visitors = visitors + 1",
        )
        .bind(day)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The counter's figures at `now`, in one read.
pub async fn counts(db: &SqlitePool, now: i64) -> Result<VisitorCounts, sqlx::Error> {
    let day = day_of(now);
    let (online, today, this_month, total): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT
             (SELECT COUNT(DISTINCT visitor) FROM visitors_of_day WHERE last_seen > ?1),
             (SELECT COALESCE(SUM(visitors), 0) FROM visitors_by_day WHERE day = ?2),
             (SELECT COALESCE(SUM(visitors), 0) FROM visitors_by_day WHERE day >= ?3),
             (SELECT COALESCE(SUM(visitors), 0) FROM visitors_by_day)",
    )
    .bind(now - ONLINE_S)
    .bind(&day.key)
    .bind(&day.month_start)
    .fetch_one(db)
    .await?;
    Ok(VisitorCounts {
        online: online.unsigned_abs(),
        today: today.unsigned_abs(),
        this_month: this_month.unsigned_abs(),
        total: total.unsigned_abs(),
    })
}

/// Forgets the readers of days that are over (kept while they still count as online).
pub async fn prune(writer: &SqlitePool, now: i64) -> Result<u64, sqlx::Error> {
    let pruned = sqlx::query("DELETE FROM visitors_of_day WHERE day < ? AND last_seen <= ?")
        .bind(day_of(now).key)
        .bind(now - ONLINE_S)
        .execute(writer)
        .await?;
    Ok(pruned.rows_affected())
}
