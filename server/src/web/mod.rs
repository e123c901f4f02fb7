//! What the server answers outside `/api` besides the SPA's files: the portal's pages
//! already written (`first_view`), documents for feed readers and crawlers (RSS,
//! sitemap, robots.txt), each with absolute addresses under the portal's public address,
//! the uploaded files, and the redirects of the NukeViet site's old addresses.

mod crawlers;
mod documents;
mod feeds;
mod files;
mod first_view;
mod legacy;

use std::path::Path;

use axum::{
    Router,
    http::{HeaderMap, header},
    routing::get,
};

use portal_contract::paths;

use crate::{
    AppState,
    http::shield::{Limits, shield},
    store::uploads::FILES_PATH,
};

pub use documents::Documents;

pub fn router(state: AppState, static_dir: &Path) -> Router {
    let pages = first_view::Pages::new(state.clone(), static_dir);
    let old = legacy::Old {
        state: state.clone(),
        pages: pages.clone(),
    };
    let old_addresses = Router::new()
        .route("/news/{*rest}", get(legacy::by_path))
        .route("/{lang}/news", get(legacy::by_path))
        .route("/{lang}/news/", get(legacy::by_path))
        .route("/{lang}/news/{*rest}", get(legacy::by_path))
        .route("/{lang}/voting", get(legacy::by_path))
        .route("/{lang}/voting/", get(legacy::by_path))
        .route("/index.php", get(legacy::index_php))
        .with_state(old);
    let limits = Limits::of(&state);
    let documents = Router::new()
        .route(paths::FEED, get(feeds::all))
        .route("/rss/{category}", get(feeds::of_category))
        .route("/sitemap.xml", get(crawlers::sitemap))
        .route("/sitemap/{part}", get(crawlers::sitemap_part))
        .route("/robots.txt", get(crawlers::robots))
        .route(&format!("{FILES_PATH}/{{name}}"), get(files::file))
        .with_state(state)
        .merge(old_addresses);
    // The written pages have the same shield, with the reader's cookies.
    shield(documents, limits).merge(first_view::router(pages))
}

/// The portal's public address (`--public-url`), or, without it, the one the request
/// was sent to (see [`documents::Base`] for what may then be cached).
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.settings.public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| {
            host.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let scheme = if state.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Text escaped for XML.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
