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

/// Where to go after signing in: a path of this site, never another site or this page.
pub fn safe_return_path(raw: Option<&str>) -> String {
    match raw {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with(SIGN_IN_PATH) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

pub const SIGN_IN_PATH: &str = "/dang-nhap";

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert_eq!(safe_return_path(Some("/bai-viet/3")), "/bai-viet/3");
        assert_eq!(
            safe_return_path(Some("/chuyen-muc/a?trang=2")),
            "/chuyen-muc/a?trang=2"
        );
        assert_eq!(safe_return_path(None), "/");
        assert_eq!(safe_return_path(Some("https://evil.example/")), "/");
        assert_eq!(safe_return_path(Some("//evil.example/")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_return_path(Some("/dang-nhap")), "/");
    }
}
