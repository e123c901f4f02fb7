//! Backups the server takes itself, for a centre without a DBA: one every so often into a
//! folder, the oldest beyond a number removed, and how the last one went kept for the
//! readiness answer and the metrics.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use time::OffsetDateTime;

use super::{PREFIX, STAMP, Source, take};
use crate::{db::Location, store::Db};

/// When and where the server takes its backups.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    /// How many backups are kept (the newest).
    pub keep: usize,
}

/// How the scheduled backups have gone.
#[derive(Debug, Default)]
pub struct Status(Mutex<Outcomes>);

#[derive(Debug, Default, Clone)]
pub struct Outcomes {
    pub last_success: Option<OffsetDateTime>,
    pub last_failure: Option<(OffsetDateTime, String)>,
}

impl Status {
    pub fn outcomes(&self) -> Outcomes {
        self.0.lock().expect("the status is never poisoned").clone()
    }

    fn succeeded(&self, at: OffsetDateTime) {
        self.0
            .lock()
            .expect("the status is never poisoned")
            .last_success = Some(at);
    }

    fn failed(&self, at: OffsetDateTime, error: String) {
        self.0
            .lock()
            .expect("the status is never poisoned")
            .last_failure = Some((at, error));
    }
}

impl Outcomes {
    /// Why the last scheduled backup failed, if it did.
    pub fn failure(&self) -> Option<&str> {
        match (&self.last_failure, self.last_success) {
            (Some((failed, error)), success) if success.is_none_or(|s| s < *failed) => Some(error),
            _ => None,
        }
    }
}

/// Takes a backup of the portal when one is due, until the task is dropped.
pub async fn run(
    db: Db,
    location: Location,
    uploads: PathBuf,
    schedule: Schedule,
    status: Arc<Status>,
) {
    loop {
        let newest = newest_backup(&schedule.dir);
        let wait = due_in(newest, schedule.every, OffsetDateTime::now_utc());
        tokio::time::sleep(wait).await;
        let source = Source {
            db: &db,
            location: &location,
            uploads: &uploads,
        };
        match take(&source, &schedule.dir, &mut ()).await {
            Ok(taken) => {
                tracing::info!(dir = %taken.dir.display(), "backup taken");
                status.succeeded(OffsetDateTime::now_utc());
                remove_expired(&schedule.dir, schedule.keep);
            }
            Err(error) => {
                tracing::error!(%error, dir = %schedule.dir.display(), "THE SCHEDULED BACKUP FAILED");
                status.failed(OffsetDateTime::now_utc(), error.to_string());
                // Tried again after a while, not at once and not only a period later.
                tokio::time::sleep(schedule.every.min(Duration::from_secs(15 * 60))).await;
            }
        }
    }
}

/// The names of the backup folders in `dir`.
fn backups_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).map_or_else(
        |_| Vec::new(),
        |entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.starts_with(PREFIX))
                .collect()
        },
    )
}

fn newest_backup(dir: &Path) -> Option<OffsetDateTime> {
    backups_in(dir)
        .iter()
        .filter_map(|name| taken_at(name))
        .max()
}

fn remove_expired(dir: &Path, keep: usize) {
    for name in expired(backups_in(dir), keep) {
        match std::fs::remove_dir_all(dir.join(&name)) {
            Ok(()) => tracing::info!(backup = name, "old backup removed"),
            Err(error) => tracing::warn!(%error, backup = name, "cannot remove an old backup"),
        }
    }
}

/// When a backup folder's name says it was taken.
pub fn taken_at(name: &str) -> Option<OffsetDateTime> {
    let stamp = name.strip_prefix(PREFIX)?;
    time::PrimitiveDateTime::parse(stamp, STAMP)
        .ok()
        .map(time::PrimitiveDateTime::assume_utc)
}

/// How long until the next backup: a period after the newest, at once if there is none.
pub fn due_in(newest: Option<OffsetDateTime>, every: Duration, now: OffsetDateTime) -> Duration {
    newest.map_or(Duration::ZERO, |taken| {
        let due = taken + every;
        (due - now).try_into().unwrap_or(Duration::ZERO)
    })
}

/// The backups of `names` to remove so that the newest `keep` stay.
pub fn expired(mut names: Vec<String>, keep: usize) -> Vec<String> {
    names.retain(|name| taken_at(name).is_some());
    names.sort_unstable_by(|a, b| b.cmp(a));
    names.split_off(keep.min(names.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::backup::folder_name;
    use time::macros::datetime;

    #[test]
    fn the_newest_backups_are_kept() {
        let names = vec![
            folder_name(datetime!(2026-12-05 1:00 UTC)),
            folder_name(datetime!(2026-12-07 1:00 UTC)),
            "notes.txt".to_owned(),
            folder_name(datetime!(2026-12-06 1:00 UTC)),
        ];
        assert_eq!(
            expired(names.clone(), 2),
            [folder_name(datetime!(2026-12-05 1:00 UTC))]
        );
        assert!(expired(names, 5).is_empty());
    }

    #[test]
    fn a_backup_is_due_a_period_after_the_newest() {
        let now = datetime!(2026-12-07 10:00 UTC);
        let hours = |h: u64| Duration::from_secs(h * 3600);
        assert_eq!(due_in(None, hours(24), now), Duration::ZERO);
        assert_eq!(
            due_in(Some(datetime!(2026-12-07 4:00 UTC)), hours(24), now),
            hours(18)
        );
        assert_eq!(
            due_in(Some(datetime!(2026-12-05 4:00 UTC)), hours(24), now),
            Duration::ZERO
        );
    }

    #[test]
    fn a_folder_name_gives_back_its_time() {
        let at = datetime!(2026-12-07 9:05:30 UTC);
        assert_eq!(taken_at(&folder_name(at)), Some(at));
        assert_eq!(taken_at("portal-backup-yesterday"), None);
    }

    #[test]
    fn a_failure_counts_until_a_later_success() {
        let mut outcomes = Outcomes {
            last_success: Some(datetime!(2026-12-06 1:00 UTC)),
            last_failure: Some((datetime!(2026-12-07 1:00 UTC), "disk full".into())),
        };
        assert_eq!(outcomes.failure(), Some("disk full"));
        outcomes.last_success = Some(datetime!(2026-12-07 2:00 UTC));
        assert_eq!(outcomes.failure(), None);
    }
}
