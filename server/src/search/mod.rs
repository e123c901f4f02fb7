//! Search over the archive: an index (tantivy) each server keeps on its own disk, made
//! from the database and kept in step with it through the log of changes the database
//! writes (`store::search`), so several servers on one PostgreSQL find the same. Built
//! again from the database when it is missing, of another database, or older than the
//! log reaches back. Why not the database's own full-text search: README, "Search".

mod index;
mod query;

use std::{
    path::Path,
    sync::{Arc, Weak},
    time::{Duration, Instant},
};

use tantivy::{Index, IndexReader, ReloadPolicy};
use tokio::sync::Mutex;

use crate::{
    rules::search::Terms,
    store::{
        Db,
        search::{self as log, LogHead},
    },
};
use index::{Built, Fields, Writing};
pub use query::{Filter, Window};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("search index task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// How often a server reads the log for changes (saves reach its search within this and
/// the time to apply them).
pub const FOLLOW_EVERY: Duration = Duration::from_millis(250);

/// Changes, and articles, read from the database at a time.
const BATCH: i64 = 2_000;

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// What the index holds now; held while changes are applied (one writer at a time).
    built: Mutex<Built>,
    _in_use: tantivy::directory::DirectoryLock,
}

impl SearchIndex {
    /// Opens the index in `dir` and brings it in step with `db`.
    pub async fn open(dir: &Path, db: &Db) -> Result<Arc<Self>, SearchError> {
        let index::Opened {
            index,
            fields,
            built,
            in_use,
        } = index::open(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let head = log::log_head(db).await?;
        let current = built.filter(|built| is_current(built, &head));
        let stale = current.is_none();
        let search = Arc::new(Self {
            index,
            reader,
            fields,
            // Built again when stale: from every article as the log stands now.
            built: Mutex::new(current.unwrap_or_else(|| Built::new(&head.epoch, head.last))),
            _in_use: in_use,
        });
        if stale {
            search.build(db).await?;
        }
        search.catch_up(db).await?;
        Ok(search)
    }

    /// Builds the index again from every article, as what it holds says.
    async fn build(&self, db: &Db) -> Result<(), SearchError> {
        let mut built = self.built.lock().await;
        let started = Instant::now();
        tracing::info!("building the search index");
        let mut writing = Writing::start(&self.index, self.fields)?;
        writing.clear()?;
        let (mut after, mut articles) = (0, 0);
        loop {
            let batch = log::indexed_after(db, after, BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            articles += batch.len();
            for article in &batch {
                writing.add(article)?;
            }
        }
        *built = self.commit(writing, built.clone()).await?;
        let seconds = started.elapsed().as_secs_f64();
        tracing::info!(articles, seconds, "built the search index");
        Ok(())
    }

    /// Applies the changes logged since the index was last written; how many.
    pub async fn catch_up(&self, db: &Db) -> Result<usize, SearchError> {
        let mut built = self.built.lock().await;
        let mut changes = log::changes_after(db, built.through, BATCH).await?;
        let mut applied = 0;
        while let Some(&(through, _)) = changes.last() {
            let mut ids: Vec<i64> = changes.iter().map(|(_, id)| *id).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut writing = Writing::start(&self.index, self.fields)?;
            for id in &ids {
                writing.remove(*id);
            }
            for article in log::indexed(db, &ids).await? {
                writing.add(&article)?;
            }
            applied += changes.len();
            *built = self
                .commit(writing, Built::new(&built.epoch, through))
                .await?;
            changes = log::changes_after(db, through, BATCH).await?;
        }
        Ok(applied)
    }

    async fn commit(&self, writing: Writing, built: Built) -> Result<Built, SearchError> {
        let committed = built.clone();
        tokio::task::spawn_blocking(move || writing.commit(&committed)).await??;
        self.reader.reload()?;
        Ok(built)
    }

    /// The ids of the articles `terms` find within `filter`, best first, in `window`;
    /// and how many are found.
    pub async fn search(
        &self,
        terms: Terms,
        filter: Filter,
        window: Window,
    ) -> Result<(Vec<i64>, u64), SearchError> {
        let searcher = self.reader.searcher();
        let fields = self.fields;
        let found = tokio::task::spawn_blocking(move || {
            query::run(&searcher, &fields, &terms, filter, window)
        });
        Ok(found.await??)
    }

    /// The ids of every article whose title has all `terms` (the newsroom's list).
    pub async fn titled(&self, terms: Terms) -> Result<Vec<i64>, SearchError> {
        let searcher = self.reader.searcher();
        let fields = self.fields;
        let found = tokio::task::spawn_blocking(move || query::titled(&searcher, &fields, &terms));
        Ok(found.await??)
    }
}

/// Whether an index built as `built` can be brought in step with the log `head` by
/// applying the changes since: of this database, and not older than the log reaches back
/// nor newer than it (a database restored from an older backup).
fn is_current(built: &Built, head: &LogHead) -> bool {
    built.epoch == head.epoch && built.through >= head.pruned_through && built.through <= head.last
}

/// Applies the log's changes every [`FOLLOW_EVERY`], for as long as the index is open; a
/// failure is logged and tried again next time.
pub async fn follow(search: Weak<SearchIndex>, db: Db) {
    let mut ticks = tokio::time::interval(FOLLOW_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(search) = search.upgrade() else {
            return;
        };
        if let Err(error) = search.catch_up(&db).await {
            tracing::warn!(%error, "search index not brought in step");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(epoch: &str, pruned_through: i64, last: i64) -> LogHead {
        LogHead {
            epoch: epoch.into(),
            pruned_through,
            last,
        }
    }

    #[test]
    fn an_index_of_this_log_within_its_reach_is_brought_in_step() {
        let built = Built::new("a", 10);
        assert!(is_current(&built, &head("a", 0, 10)));
        assert!(is_current(&built, &head("a", 10, 25)));
    }

    #[test]
    fn an_index_of_another_database_or_beyond_the_log_is_built_again() {
        let built = Built::new("a", 10);
        assert!(!is_current(&built, &head("b", 0, 10)), "another database");
        assert!(
            !is_current(&built, &head("a", 11, 30)),
            "changes pruned away"
        );
        assert!(!is_current(&built, &head("a", 0, 9)), "an older database");
    }
}
