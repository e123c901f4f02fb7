//! Every request of the newsroom. An article travels with its version (the ETag), which
//! a save sends back as `If-Match`, so a stale save is refused rather than lost.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::{
    Cause, UploadedFile,
    newsroom::{ArticleDraft, ArticleRows, Autosaved, EditedArticle, Revision, Shelf},
    paths::api as paths,
};
use serde::de::DeserializeOwned;

use crate::{
    api::{ApiError, body, failure},
    json,
    routes::query_string,
};

/// An article with the version it was read or saved at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    pub article: EditedArticle,
    pub etag: String,
}

async fn send(
    request: RequestBuilder,
    payload: Option<&ArticleDraft>,
) -> Result<Response, ApiError> {
    // State changes carry the JSON type, with or without a body (the server's same-origin rule).
    let request = request.header("content-type", "application/json");
    let sent = match payload {
        Some(draft) => {
            let text = json::to_string(draft).ok_or(ApiError::unexplained(Cause::ServerError))?;
            request
                .body(text)
                .map_err(|_| ApiError::unexplained(Cause::ServerError))?
                .send()
                .await
        }
        None => request.send().await,
    };
    let response = sent.map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(response)
    } else {
        Err(failure(response).await)
    }
}

async fn read<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    body(response)
        .await
        .ok_or(ApiError::unexplained(Cause::ServerError))
}

async fn versioned(response: Response) -> Result<Versioned, ApiError> {
    let etag = response.headers().get("etag").unwrap_or_default();
    Ok(Versioned {
        article: read(&response).await?,
        etag,
    })
}

/// What the list of articles is narrowed to, as the list page's address holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsRequest {
    pub shelf: Option<Shelf>,
    pub category: String,
    pub q: String,
    pub page: u32,
}

pub async fn rows(request: &RowsRequest) -> Result<ArticleRows, ApiError> {
    let page = request.page.max(1).to_string();
    let query = [
        ("state", request.shelf.map_or("", Shelf::as_str)),
        ("category", &request.category),
        ("q", &request.q),
        ("page", &page),
        ("per_page", "20"),
    ];
    let path = format!("{}?{}", paths::NEWSROOM_ARTICLES, query_string(&query));
    read(&send(Request::get(&path), None).await?).await
}

pub async fn article(id: i64) -> Result<Versioned, ApiError> {
    versioned(send(Request::get(&paths::newsroom_article(id)), None).await?).await
}

pub async fn create(draft: &ArticleDraft) -> Result<Versioned, ApiError> {
    versioned(send(Request::post(paths::NEWSROOM_ARTICLES), Some(draft)).await?).await
}

/// Saves `draft` over the version `etag` names.
pub async fn save(id: i64, etag: &str, draft: &ArticleDraft) -> Result<Versioned, ApiError> {
    let request = Request::put(&paths::newsroom_article(id)).header("if-match", etag);
    versioned(send(request, Some(draft)).await?).await
}

pub async fn move_to_bin(id: i64) -> Result<(), ApiError> {
    send(Request::delete(&paths::newsroom_article(id)), None)
        .await
        .map(drop)
}

pub async fn restore(id: i64) -> Result<(), ApiError> {
    let path = format!("{}/restore", paths::newsroom_article(id));
    send(Request::post(&path), None).await.map(drop)
}

/// Uploads `file` (a picture or an attachment); the server decides what it is.
pub async fn upload(file: &web_sys::File) -> Result<UploadedFile, ApiError> {
    let form = web_sys::FormData::new().map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    // No content type of ours: the browser writes the multipart one, with its boundary.
    let request = Request::post(paths::UPLOADS)
        .body(form)
        .map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(failure(response).await);
    }
    read(&response).await
}

/// Keeps what the editor typed in article `id` and has not saved.
pub async fn autosave(id: i64, draft: &ArticleDraft) -> Result<(), ApiError> {
    let path = format!("{}/autosave", paths::newsroom_article(id));
    send(Request::put(&path), Some(draft)).await.map(drop)
}

/// What the editor typed in article `id` and did not save, kept by an autosave.
pub async fn autosaved(id: i64) -> Result<Autosaved, ApiError> {
    let path = format!("{}/autosave", paths::newsroom_article(id));
    read(&send(Request::get(&path), None).await?).await
}

pub async fn revisions(id: i64) -> Result<Vec<Revision>, ApiError> {
    let path = format!("{}/revisions", paths::newsroom_article(id));
    read(&send(Request::get(&path), None).await?).await
}
