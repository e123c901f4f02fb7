//! What the server answers outside `/api` besides the app's files: the portal's pages,
//! written with the app's components (`pages`), documents for feed readers and crawlers (RSS,
//! sitemap, robots.txt), each with absolute addresses under the portal's public address,
//! the uploaded files, the rating's and the polls' forms posted without the app (`forms`),
//! and the redirects of the NukeViet site's old addresses.

mod crawlers;
mod documents;
mod feeds;
mod files;
mod forms;
mod legacy;
mod pages;

use axum::{
    Router,
    http::{HeaderMap, header},
    routing::get,
};

use portal_contract::paths;

use crate::{
    AppState,
    http::{
        shield::{Limits, shield},
        with_reader_and_session,
    },
    store::uploads::FILES_PATH,
};

pub use documents::Documents;
pub use pages::{Pages, SharedFrame, note_changes};

/// The answer to every address nothing else answers: the redirect of a page moved from
/// NukeViet, else the not-found page (404).
pub fn not_found_page(state: &AppState, pages: Pages) -> Router {
    let old = legacy::Old {
        state: state.clone(),
        pages,
    };
    let routes = Router::new().fallback(legacy::or_not_found).with_state(old);
    shield(with_reader_and_session(routes, state), Limits::of(state))
}

pub fn router(state: AppState, pages: Pages) -> Router {
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
        .with_state(state.clone());
    // The written pages (and the old addresses, which may answer with the not-found
    // page) have the same shield, with the reader's cookies.
    shield(documents, limits.clone())
        .merge(shield(
            with_reader_and_session(old_addresses, &state),
            limits,
        ))
        .merge(pages::router(pages))
        .merge(forms::router(state))
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
