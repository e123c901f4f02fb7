//! The page the server writes with the app's components, which the app then hydrates:
//! the ids by which the app finds its parts.

/// A `<script type="application/json">` with the API answers the page was written from,
/// keyed by their `paths::api` address, so the app's first render asks for nothing.
pub const DATA_ID: &str = "app-data";
/// A handed-over answer (`true`) that says the page's load did not count this reader's
/// visit (a new reader's): the app counts it (`paths::api::VISITS`) and shows the
/// figures with it.
pub const VISIT_LEFT_TO_APP: &str = "visit-left-to-app";
/// A handed-over answer (`forms::Posted`): what the form posted just before this page
/// (which redirected here) came to, for the rating or poll it concerns to show.
pub const POSTED: &str = "posted";
/// The element the app's markup is written in, and hydrated from.
pub const APP_ID: &str = "app";
