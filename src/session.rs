//! Who is signed in, for the header, the sign-in page and the idle timer.

use leptos::{prelude::*, task::spawn_local};
use portal_contract::SessionInfo;

use crate::api;

#[derive(Clone, Copy)]
pub struct Auth {
    /// The session when signed in.
    pub session: RwSignal<Option<SessionInfo>>,
    /// Signed out by the idle timer: the page says so and offers to sign in again.
    pub signed_out_for_idling: RwSignal<bool>,
}

impl Auth {
    pub fn signed_in(self, info: SessionInfo) {
        self.signed_out_for_idling.set(false);
        self.session.set(Some(info));
    }

    pub fn signed_out(self, for_idling: bool) {
        self.signed_out_for_idling.set(for_idling);
        self.session.set(None);
    }
}

/// Provides [`Auth`] and asks the server whether this browser has a session.
pub fn provide_auth() {
    let auth = Auth {
        session: RwSignal::new(None),
        signed_out_for_idling: RwSignal::new(false),
    };
    provide_context(auth);
    spawn_local(async move {
        if let Ok(info) = api::session().await {
            auth.session.set(Some(info));
        }
    });
}
