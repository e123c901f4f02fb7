//! Housekeeping that keeps the per-reader tables bounded: expired sessions, the view
//! and visit rows older than their windows, and the readers of days that are over.
//! Runs every few minutes while serving.

use std::time::Duration;

use time::OffsetDateTime;

use crate::store::{Db, articles, sessions, sidebar, visitors};

/// How often the sweep runs.
pub const EVERY: Duration = Duration::from_secs(10 * 60);

/// What one sweep deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub views: u64,
    pub visits: u64,
    /// Readers of days that are over.
    pub visitors: u64,
}

/// One sweep, through the writer pool.
pub async fn sweep(writer: &Db) -> Result<Swept, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let now_ms = i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
    Ok(Swept {
        sessions: sessions::sweep_expired(writer, now_ms).await?,
        views: articles::prune_views(writer, now.unix_timestamp()).await?,
        visits: sidebar::prune_visits(writer, now.unix_timestamp()).await?,
        visitors: visitors::prune(writer, now.unix_timestamp()).await?,
    })
}

/// Sweeps every [`EVERY`] until the task is dropped; a failed sweep is logged and tried
/// again next time.
pub async fn run(writer: Db) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        match sweep(&writer).await {
            Ok(swept) => tracing::debug!(?swept, "swept"),
            Err(error) => tracing::warn!(%error, "the sweep failed"),
        }
    }
}
