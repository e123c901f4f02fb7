//! The NukeViet addresses already out there (in documents, Zalo groups, search engines)
//! answer 301 to the new page (a page module's, from the not-found fallback); one that
//! names nothing we have is the portal's 404 page, never a redirect to an address taken
//! from the request.

use std::collections::HashMap;

use super::pages::{Asked, Pages};
use crate::{
    AppState,
    http::ApiError,
    rules::legacy::{self, Legacy},
    store::legacy as store,
};
use axum::{
    extract::{FromRef, Query, State},
    http::{StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

/// What an old address answers with: its state, and the written pages for a 404.
#[derive(Clone)]
pub struct Old {
    pub state: AppState,
    pub pages: Pages,
}

impl FromRef<Old> for AppState {
    fn from_ref(old: &Old) -> Self {
        old.state.clone()
    }
}

async fn answer(old: &Old, asked: &Asked, legacy: Option<Legacy>) -> Result<Response, ApiError> {
    let target = match legacy {
        Some(legacy) => store::new_address(&old.state.db, legacy).await?,
        None => None,
    };
    // Our own addresses (ids and slugs) always make a header value.
    match target.and_then(|t| header::HeaderValue::from_str(&t).ok()) {
        Some(location) => Ok((
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response()),
        None => old.pages.not_found(asked).await,
    }
}

/// `/{lang}/news/…`, `/news/…`, `/{lang}/voting/`.
pub async fn by_path(State(old): State<Old>, uri: Uri, asked: Asked) -> Result<Response, ApiError> {
    answer(&old, &asked, legacy::parse_path(uri.path())).await
}

/// Any address nothing else answers: a page moved from a NukeViet "page" module
/// (`/vi/about/gioi-thieu.html`), else the not-found page.
pub async fn or_not_found(
    State(old): State<Old>,
    uri: Uri,
    asked: Asked,
) -> Result<Response, ApiError> {
    answer(&old, &asked, legacy::parse_page_path(uri.path())).await
}

/// `/index.php?language=vi&nv=news&op=…`.
pub async fn index_php(
    State(old): State<Old>,
    asked: Asked,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let named = legacy::parse_index_php(
        query.get("nv").map(String::as_str),
        query.get("op").map(String::as_str),
    );
    answer(&old, &asked, named).await
}
