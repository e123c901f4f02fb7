//! Who is signed in, for the header, the sign-in page and the idle timer.

use leptos::{prelude::*, task::spawn_local};
use portal_contract::SessionInfo;

use crate::api;

#[derive(Clone, Copy)]
pub struct Auth {
    /// The session when signed in.
    pub session: RwSignal<Option<SessionInfo>>,
    /// Why the timer signed the reader out: the page says so and offers to sign in again.
    pub ended: RwSignal<Option<SessionEnd>>,
    /// Whether the server has said if this browser has a session.
    pub known: RwSignal<bool>,
}

/// Why a session ended without the reader signing out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// For want of activity.
    Idle,
    /// At the absolute end of its lifetime.
    Lifetime,
}

impl Auth {
    pub fn signed_in(self, info: SessionInfo) {
        self.ended.set(None);
        self.session.set(Some(info));
    }

    /// Signed out: by the reader (`None`), or by the timer, for the reason given.
    pub fn signed_out(self, ended: Option<SessionEnd>) {
        self.ended.set(ended);
        self.session.set(None);
    }
}

/// Provides [`Auth`]: who is signed in, as the page came with it (the server wrote the
/// page for this session), else as the server says when asked.
pub fn provide_auth() {
    let handed_over = api::who_is_signed_in().known().and_then(Result::ok);
    let auth = Auth {
        session: RwSignal::new(handed_over.clone().flatten()),
        ended: RwSignal::new(None),
        known: RwSignal::new(handed_over.is_some()),
    };
    provide_context(auth);
    if handed_over.is_none() {
        spawn_local(async move {
            if let Ok(info) = api::session().await {
                auth.session.set(Some(info));
            }
            auth.known.set(true);
        });
    }
}
