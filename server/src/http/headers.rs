//! The security headers of every response: CSP, framing rules, nosniff, referrer policy.

use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use portal_contract::paths::is_embed;

/// No inline script anywhere; wasm needs 'wasm-unsafe-eval'. `frame-ancestors` is added
/// per page: our own origin only, or the embed allow-list on embed pages.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'self'; form-action 'self'";

/// What every response says: who may frame it (full pages only our own origin; embed
/// pages also the allow-list), and, served over https, that browsers keep to https.
#[derive(Clone)]
pub struct Policy {
    page: HeaderValue,
    embed: HeaderValue,
    https_only: bool,
}

impl Policy {
    pub fn new(embed_origins: &[String], https_only: bool) -> Self {
        let policy = |ancestors: &str| {
            HeaderValue::from_str(&format!(
                "{CONTENT_SECURITY_POLICY}; frame-ancestors {ancestors}"
            ))
            .expect("origins are checked to be plain ASCII")
        };
        let embed = std::iter::once("'self'")
            .chain(embed_origins.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            page: policy("'self'"),
            embed: policy(&embed),
            https_only,
        }
    }
}

/// The security headers every response carries. X-Frame-Options (for browsers without
/// frame-ancestors) says SAMEORIGIN on full pages and is left off embed pages, where it
/// could not express the allow-list.
pub async fn security_headers(
    State(policy): State<Policy>,
    request: Request,
    next: Next,
) -> Response {
    let embed = is_embed(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = if embed { &policy.embed } else { &policy.page };
    headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    if !embed {
        headers.insert(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if policy.https_only {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// API answers carry per-reader data (a session, a reader's own rating or choices):
/// no cache may keep one, unless the handler chose otherwise (the sidebar's ETag).
pub async fn no_store_by_default(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}
