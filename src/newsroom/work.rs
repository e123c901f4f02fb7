//! The editor's work in progress, as the idle notice hears of it: where the work stands
//! (saved, autosaved at a time, or kept in the tab only), and the notice's appearing, on
//! which the editor autosaves at once.

use leptos::prelude::*;

use crate::idle::Work;

/// Provided by the newsroom's frame; the editor keeps `status` up to date and listens to
/// `noticed`.
#[derive(Clone, Copy)]
pub struct WorkInProgress {
    pub status: RwSignal<Option<String>>,
    pub noticed: Trigger,
}

impl WorkInProgress {
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(None),
            noticed: Trigger::new(),
        }
    }
}

impl Work for WorkInProgress {
    fn status(self) -> Option<String> {
        self.status.get()
    }

    fn noticed(self) {
        self.noticed.notify();
    }
}
