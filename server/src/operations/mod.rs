//! What the centre's IT officer runs the portal with: backups and their restore, the
//! health and readiness answers, the metrics, a clean stop, and the progress long
//! commands report.

pub mod backup;
pub mod health;
pub mod metrics;
pub mod shutdown;

/// How far a long job has got, for a progress bar or a log line.
pub trait Progress: Send {
    /// `done` of `total` steps.
    fn advance(&mut self, done: u64, total: u64);
}

/// No progress shown (a job the server runs itself).
impl Progress for () {
    fn advance(&mut self, _done: u64, _total: u64) {}
}

/// Steps counted across a job's parts, told to a [`Progress`] as they go.
pub struct Tally<'a> {
    done: u64,
    total: u64,
    progress: &'a mut dyn Progress,
}

impl<'a> Tally<'a> {
    pub fn new(total: u64, progress: &'a mut dyn Progress) -> Self {
        Self {
            done: 0,
            total,
            progress,
        }
    }

    /// `steps` more are done.
    pub fn add(&mut self, steps: u64) {
        if steps > 0 {
            self.done += steps;
            self.progress.advance(self.done, self.total);
        }
    }
}
