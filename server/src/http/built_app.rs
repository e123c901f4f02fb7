//! Serving the built SPA: precompressed files, cache rules and the deep-link fallback.

use std::path::Path;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::Response,
};
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};

use portal_contract::paths;

use super::visitor;
use crate::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The app's files; any path that is neither a file nor a written page (see `web`) gets
/// `not_found`, the not-found page.
///
/// index.html (the bare shell, which the app renders into by itself) also issues the
/// reader cookie: the app's first API calls run in parallel, and without a cookie each
/// would be given a different reader id.
pub fn router(dir: &Path, state: AppState, not_found: Router) -> Router {
    let index = ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(state, visitor::identify))
        .service(
            ServeFile::new(dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(not_found);
    Router::new()
        .route_service("/index.html", index)
        .nest_service(paths::NEWSROOM, newsroom(&dir.join(NEWSROOM_DIR)))
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// The newsroom's bundle, inside the SPA's folder.
const NEWSROOM_DIR: &str = "quan-tri";

/// The newsroom's files, and its `index.html` for any of its client-side routes. It
/// needs no reader cookie: staff are known by their session.
fn newsroom(dir: &Path) -> ServeDir<ServeFile> {
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index)
}

async fn cache_control(request: Request, next: Next) -> Response {
    let policy = if is_hashed_asset(request.uri().path()) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let mut response = next.run(request).await;
    if response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether a path names a file whose name carries a content hash, as the bundler writes
/// them (`portal-0123456789abcdef_bg.wasm`, `style-123456789abcdef.css`: a 64-bit hash in
/// hex, so leading zeros may be missing), or a file in the citizens' bundle, whose folder
/// is named by one (`/app-0123456789abcdef/portal.js`): such a file never changes, so
/// browsers may keep it for good.
pub fn is_hashed_asset(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(folder), Some(_), None) => folder
            .strip_prefix("app-")
            .is_some_and(|hash| hash.len() == 16 && is_hex(hash)),
        (Some(name), None, None) => {
            let stem = name.split('.').next().unwrap_or_default();
            let stem = stem.strip_suffix("_bg").unwrap_or(stem);
            stem.rsplit_once('-')
                .is_some_and(|(_, hash)| (10..=16).contains(&hash.len()) && is_hex(hash))
        }
        _ => false,
    }
}

fn is_hex(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn bundler_outputs_are_hashed() {
        assert!(is_hashed_asset("/portal-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/portal-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/style-1a2b3c4d5e6f7a8b.css"));
        assert!(is_hashed_asset("/portal-bfa74c50280326b.css"));
        assert!(is_hashed_asset("/app-0123456789abcdef/portal.js"));
        assert!(is_hashed_asset(
            "/app-0123456789abcdef/split_search_page_1.wasm"
        ));
    }

    #[test]
    fn other_paths_are_not() {
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/boot.js"));
        assert!(!is_hashed_asset("/bai-viet/12"));
        assert!(!is_hashed_asset("/chuyen-muc/tin-hoat-dong"));
        assert!(!is_hashed_asset("/logo-small.svg"));
        assert!(!is_hashed_asset("/app-12/portal.js"));
        assert!(!is_hashed_asset("/images/app-0123456789abcdef/a.png"));
        assert!(!is_hashed_asset("/images/logo-1a2b3c4d5e6f7a8b.png"));
    }
}
