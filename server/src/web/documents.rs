//! The documents crawlers and feed readers fetch (RSS, the sitemap and its parts): each
//! built once per change of what it lists and per public address, then answered from
//! memory, so a crawler's or a flood's requests cost one cheap query each, not a list of
//! every article.

use std::{collections::HashMap, future::Future, sync::Mutex};

use axum::{
    body::Bytes,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};

use crate::{AppState, http::ApiError, store::sitemap};

/// How many documents are kept (every feed, every sitemap part, for each address the
/// portal is reached at); beyond it the memory is emptied and filled again.
const KEPT: usize = 256;

/// The documents built, by name and public address: the change they were built at, and
/// their text (shared, not copied, by each answer: a sitemap part runs to megabytes).
#[derive(Default)]
pub struct Documents(Mutex<HashMap<String, (String, Bytes)>>);

/// The portal's public address a document's links start with.
pub struct Base {
    pub url: String,
    /// Taken from the request's `Host` (no `--public-url`): the document is shaped by
    /// what the client sent, so no shared cache may keep it.
    pub from_request: bool,
}

impl Base {
    /// `--public-url`, or, without it, the address the request was sent to.
    pub fn of(state: &AppState, headers: &HeaderMap) -> Self {
        match &state.settings.public_url {
            Some(url) => Self {
                url: url.clone(),
                from_request: false,
            },
            None => Self {
                url: super::base_url(state, headers),
                from_request: true,
            },
        }
    }
}

impl Documents {
    /// The document `name` for `base`: kept from before while nothing it lists changed,
    /// else made by `build` and kept.
    pub async fn answer<F>(
        &self,
        state: &AppState,
        name: &str,
        base: &Base,
        content_type: &'static str,
        build: impl FnOnce() -> F,
    ) -> Result<Response, ApiError>
    where
        F: Future<Output = Result<String, ApiError>>,
    {
        let change = sitemap::last_change(&state.db).await?;
        let key = format!("{name} {}", base.url);
        let kept = self.0.lock().expect("never poisoned").get(&key).cloned();
        let body = match kept {
            Some((built_at, body)) if built_at == change => body,
            _ => {
                let body = Bytes::from(build().await?);
                let mut documents = self.0.lock().expect("never poisoned");
                if documents.len() >= KEPT {
                    documents.clear();
                }
                documents.insert(key, (change, body.clone()));
                body
            }
        };
        Ok(document(content_type, body, base))
    }
}

/// A document for crawlers and feed readers: kept five minutes by them and any cache,
/// unless the request's `Host` shaped it.
pub fn document(content_type: &'static str, body: impl Into<Bytes>, base: &Base) -> Response {
    let caching = if base.from_request {
        "private, no-cache"
    } else {
        "public, max-age=300"
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(caching)),
        ],
        body.into(),
    )
        .into_response()
}
