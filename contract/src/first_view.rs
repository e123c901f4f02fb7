//! The page the server writes before the SPA runs (the "first view"): the ids by which
//! the SPA (and `public/boot.js`) find its parts.

/// The server-written markup, shown until the SPA takes over.
pub const MARKUP_ID: &str = "first-view";
/// A `<script type="application/json">` with the API answers the page was written from,
/// keyed by their `paths::api` address, so the SPA does not ask for them again.
pub const DATA_ID: &str = "first-view-data";
/// Where the SPA mounts, hidden until it takes over from the markup.
pub const APP_ID: &str = "app";
