//! The uploaded files, at `/tep/{hash}.{ext}` (and a picture's copies at
//! `/tep/{hash}-{width}.{ext}`): streamed from the uploads folder (SQLite) or the database
//! (PostgreSQL, see `store::stored_files`) with their type, cached
//! for good (a name never changes content), a PDF opened in the browser's viewer and
//! other attachments downloaded under the name they were uploaded with.

use axum::{
    body::Body,
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use tokio_util::io::ReaderStream;

use crate::{
    AppState,
    store::{Db, stored_files, uploads},
    uploads::{content_disposition, disk::parse_stored_name},
};

/// The stored file `name`: its length and a body that streams it; `None` if it is not
/// there.
async fn open(state: &AppState, name: &str) -> Result<Option<(u64, Body)>, sqlx::Error> {
    match &state.db {
        Db::Sqlite(_) => {
            let Ok(file) = tokio::fs::File::open(state.settings.uploads_dir.join(name)).await
            else {
                return Ok(None);
            };
            let length = file.metadata().await.map(|m| m.len()).unwrap_or_default();
            Ok(Some((length, Body::from_stream(ReaderStream::new(file)))))
        }
        Db::Postgres(pool) => Ok(stored_files::size(pool, name).await?.map(|length| {
            let chunks = stored_files::chunks(pool.clone(), name.to_owned());
            (length, Body::from_stream(chunks))
        })),
    }
}

pub async fn file(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let Some((hash, _width)) = parse_stored_name(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let served = match uploads::served_as(&state.db, hash).await {
        Ok(Some(served)) => served,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return crate::http::ApiError::Database(error).into_response(),
    };
    let (length, body) = match open(&state, &name).await {
        Ok(Some(opened)) => opened,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return crate::http::ApiError::Database(error).into_response(),
    };
    let (media_type, uploaded_name, picture) = served;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    let value = |text: &str| HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static(""));
    headers.insert(header::CONTENT_TYPE, value(&media_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if !picture {
        let inline = media_type == "application/pdf";
        headers.insert(
            header::CONTENT_DISPOSITION,
            value(&content_disposition(&uploaded_name, inline)),
        );
    }
    response
}
