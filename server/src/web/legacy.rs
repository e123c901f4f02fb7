//! The NukeViet addresses already out there (in documents, Zalo groups, search engines)
//! answer 301 to the new page; one that names nothing we have is the portal's 404 page,
//! never a redirect to an address taken from the request.

use std::collections::HashMap;

use super::first_view::Pages;
use crate::{
    AppState,
    http::ApiError,
    legacy::{self, Legacy},
    store::legacy as store,
};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

/// What an old address answers with: its state, and the written pages for a 404.
#[derive(Clone)]
pub struct Old {
    pub state: AppState,
    pub pages: Pages,
}

async fn answer(
    old: &Old,
    request: (&Uri, &HeaderMap),
    legacy: Option<Legacy>,
) -> Result<Response, ApiError> {
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
        None => old.pages.not_found(request.0.path(), request.1).await,
    }
}

/// `/{lang}/news/…`, `/news/…`, `/{lang}/voting/`.
pub async fn by_path(
    State(old): State<Old>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    answer(&old, (&uri, &headers), legacy::parse_path(uri.path())).await
}

/// `/index.php?language=vi&nv=news&op=…`.
pub async fn index_php(
    State(old): State<Old>,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let named = legacy::parse_index_php(
        query.get("nv").map(String::as_str),
        query.get("op").map(String::as_str),
    );
    answer(&old, (&uri, &headers), named).await
}
