//! The parts of the portal's frame that are the same for every reader — the menu's
//! pages and categories, the sidebar and the footer, the polls' results — read once for
//! many pages. They are kept for a second at most, and dropped as soon as this server
//! changes anything (a state-changing request, or a visit counted), so a reader and
//! staff see their own changes at once; another server's change shows within the
//! second. Per-reader parts (the reader's ballots, the session) are read for every
//! page.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};
use portal_contract::{Category, CentrePageLink, Poll, Sidebar};
use tokio::sync::Mutex;

use crate::{
    AppState,
    answers::sidebar::read_sidebar,
    http::ApiError,
    store::{articles as store, centre_pages, polls},
};

/// How long a read serves, at most.
const KEPT_FOR: Duration = Duration::from_secs(1);

/// The frame's shared reads.
#[derive(Clone)]
pub struct FrameReads {
    pub centre_pages: Vec<CentrePageLink>,
    pub categories: Vec<Category>,
    pub sidebar: Sidebar,
    /// Every started poll with its results, no reader's choices (the sidebar's poll panel
    /// shows the featured one).
    pub polls: Vec<Poll>,
}

struct Kept {
    read_at: Instant,
    /// The count of this server's changes when the read began.
    changes: u64,
    reads: Arc<FrameReads>,
}

/// The last read of the frame, and the count of changes since this server started.
#[derive(Default)]
pub struct SharedFrame {
    kept: Mutex<Option<Kept>>,
    changes: AtomicU64,
}

impl SharedFrame {
    /// Something this server serves may have changed: the next page reads the frame anew.
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }

    /// The frame's reads: the kept ones while they are fresh, else read now (once, however
    /// many pages ask at the same moment).
    pub async fn reads(&self, state: &AppState) -> Result<Arc<FrameReads>, ApiError> {
        let mut kept = self.kept.lock().await;
        let changes = self.changes.load(Ordering::SeqCst);
        if let Some(fresh) = kept
            .as_ref()
            .filter(|k| k.changes == changes && k.read_at.elapsed() < KEPT_FOR)
        {
            return Ok(fresh.reads.clone());
        }
        let read_at = Instant::now();
        let reads = Arc::new(FrameReads {
            centre_pages: centre_pages::links(&state.db).await?,
            categories: store::categories(&state.db).await?,
            sidebar: read_sidebar(state).await?,
            polls: polls::results(&state.db).await?,
        });
        *kept = Some(Kept {
            read_at,
            changes,
            reads: reads.clone(),
        });
        Ok(reads)
    }
}

/// Middleware: a state-changing request, once answered, drops the kept frame.
pub async fn note_changes(
    State(frame): State<Arc<SharedFrame>>,
    request: Request,
    next: Next,
) -> Response {
    let changes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if changes {
        frame.changed();
    }
    response
}
