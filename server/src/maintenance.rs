//! Housekeeping that keeps the per-reader tables bounded: expired sessions, the view
//! and visit rows older than their windows, the readers of days that are over, and
//! temporary upload files a crash left behind; and the audit log's entries past their
//! retention; and the search log's changes every server has long applied.
//! Runs every few minutes while serving.

use std::{path::PathBuf, time::Duration};

use time::OffsetDateTime;

use crate::{
    store::{Db, articles, audit, readers, search, sessions, sidebar, visitors},
    uploads::disk,
};

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
    /// Readers admitted longer ago than they are kept.
    pub admissions: u64,
    /// Changes of the search log older than [`SEARCH_LOG_DAYS`].
    pub search_changes: u64,
}

/// How long the search log keeps a change: a server stopped for longer builds its index
/// again when it starts.
pub const SEARCH_LOG_DAYS: i64 = 30;

/// One sweep, through the writer pool.
pub async fn sweep(writer: &Db) -> Result<Swept, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let now_ms = i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
    Ok(Swept {
        sessions: sessions::sweep_expired(writer, now_ms).await?,
        views: articles::prune_views(writer, now.unix_timestamp()).await?,
        visits: sidebar::prune_visits(writer, now.unix_timestamp()).await?,
        visitors: visitors::prune(writer, now.unix_timestamp()).await?,
        admissions: readers::prune(writer, now.unix_timestamp()).await?,
        search_changes: search::prune(writer, now.unix_timestamp() - SEARCH_LOG_DAYS * 86_400)
            .await?,
    })
}

/// A temporary upload file older than this was left by a crash (an upload that still
/// runs is younger: requests time out long before).
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// What the sweep keeps besides the database's rows.
pub struct Kept {
    /// The uploads folder, whose stale temporary files go.
    pub uploads: PathBuf,
    /// How long the audit log keeps an entry.
    pub audit_days: u32,
}

/// Sweeps every [`EVERY`] until the task is dropped; a failed sweep is logged and tried
/// again next time.
pub async fn run(writer: Db, kept: Kept) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        match sweep(&writer).await {
            Ok(swept) => tracing::debug!(?swept, "swept"),
            Err(error) => tracing::warn!(%error, "the sweep failed"),
        }
        let now = OffsetDateTime::now_utc().unix_timestamp();
        if let Err(error) = audit::prune(&writer, now, kept.audit_days).await {
            tracing::warn!(%error, "the audit log's sweep failed");
        }
        let uploads = kept.uploads.clone();
        let swept =
            tokio::task::spawn_blocking(move || disk::sweep_temporaries(&uploads, STALE_TEMPORARY))
                .await;
        match swept {
            Ok(Ok(0)) => {}
            Ok(Ok(files)) => tracing::info!(files, "removed stale temporary upload files"),
            Ok(Err(error)) => tracing::warn!(%error, "the uploads folder's sweep failed"),
            Err(error) => tracing::warn!(%error, "the uploads folder's sweep failed"),
        }
    }
}
