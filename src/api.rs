//! Talking to the JSON API: every request the SPA makes, and every failure as an
//! [`ApiError`] that keeps the server's named cause.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::{
    Article, ArticleList, Category, Cause, NewBallot, NewRating, Poll, Problem, RatingAccepted,
    ReaderStatus, SearchResults, SessionInfo, Sidebar, SignIn, paths::api as paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{first_view, json, routes::query_string};

/// Why a request did not give what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: the network or the server is down.
    Unreachable,
    /// The server refused or failed, for `cause`; with its Vietnamese title when it sent one.
    Failed { cause: Cause, title: Option<String> },
}

impl ApiError {
    /// A failure the server did not explain (no problem body, or an unreadable answer).
    pub(crate) fn unexplained(cause: Cause) -> Self {
        Self::Failed { cause, title: None }
    }
}

/// The error an unsuccessful answer stands for: its problem's cause and title, else the
/// cause its status implies.
pub(crate) async fn failure(response: Response) -> ApiError {
    match body::<Problem>(&response).await {
        Some(problem) => ApiError::Failed {
            cause: problem.cause,
            title: Some(problem.title),
        },
        None => ApiError::unexplained(Cause::of_status(response.status())),
    }
}

pub(crate) async fn body<T: DeserializeOwned>(response: &Response) -> Option<T> {
    json::parse(&response.text().await.ok()?)
}

async fn answer<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let response = response.map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(failure(response).await);
    }
    body(&response)
        .await
        .ok_or(ApiError::unexplained(Cause::ServerError))
}

/// The answer for `path`: handed over by the server's first view when it sent one
/// with the page, else fetched.
async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    if let Some(handed_over) = first_view::take(path) {
        return Ok(handed_over);
    }
    answer(Request::get(path).send().await).await
}

async fn post<T: DeserializeOwned>(url: &str, body: &impl Serialize) -> Result<T, ApiError> {
    match post_once(url, body).await {
        // The server had not issued this reader's cookie yet; that answer did, so the
        // same request now carries it.
        Err(ApiError::Failed {
            cause: Cause::NewReader,
            ..
        }) => post_once(url, body).await,
        other => other,
    }
}

async fn post_once<T: DeserializeOwned>(url: &str, body: &impl Serialize) -> Result<T, ApiError> {
    let request = json::to_string(body)
        .and_then(|body| {
            Request::post(url)
                .header("content-type", "application/json")
                .body(body)
                .ok()
        })
        .ok_or(ApiError::unexplained(Cause::ServerError))?;
    answer(request.send().await).await
}

/// Sends `request` with no body and reads no answer. Declared JSON: the server's
/// same-origin rule asks it of every state change.
async fn send_bare(request: RequestBuilder) -> Result<(), ApiError> {
    let response = request
        .header("content-type", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

pub async fn categories() -> Result<Vec<Category>, ApiError> {
    get(paths::CATEGORIES).await
}

/// Which articles a list asks for: all, one category's or one tag's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listing<'a> {
    pub category: Option<&'a str>,
    pub tag: Option<&'a str>,
}

pub async fn articles(listing: Listing<'_>, page: u32) -> Result<ArticleList, ApiError> {
    let (category, tag) = (
        listing.category.unwrap_or_default(),
        listing.tag.unwrap_or_default(),
    );
    get(&paths::articles(category, tag, page)).await
}

/// Article `id`; when it came with the page and the page's load did not count the view
/// (a new reader's), the view is sent on, in the background.
pub async fn article(id: i64) -> Result<Article, ApiError> {
    let article = get(&paths::article(id)).await?;
    if first_view::take::<bool>(&paths::article_views(id)) == Some(true) {
        leptos::task::spawn_local(async move {
            // Best effort, as the server's own count: a lost view is no error.
            let _: Result<(), _> = send_bare(Request::post(&paths::article_views(id))).await;
        });
    }
    Ok(article)
}

/// What a search asks for, as the results page's address holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    pub q: String,
    pub category: String,
    pub from: String,
    pub to: String,
    pub page: u32,
}

pub async fn search(request: SearchRequest) -> Result<SearchResults, ApiError> {
    let page = request.page.max(1).to_string();
    let query = [
        ("q", request.q.as_str()),
        ("category", &request.category),
        ("from", &request.from),
        ("to", &request.to),
        ("page", &page),
    ];
    get(&format!("/api/search?{}", query_string(&query))).await
}

pub async fn rate(article_id: i64, point: u8) -> Result<RatingAccepted, ApiError> {
    post(
        &format!("/api/articles/{article_id}/ratings"),
        &NewRating { point },
    )
    .await
}

pub async fn session() -> Result<SessionInfo, ApiError> {
    get("/api/session").await
}

/// Signs in; `code` is the second step, for an account that has it.
pub async fn sign_in(
    username: String,
    password: String,
    code: Option<String>,
) -> Result<SessionInfo, ApiError> {
    let credentials = SignIn {
        username,
        password,
        code,
    };
    post("/api/session", &credentials).await
}

pub async fn keepalive() -> Result<SessionInfo, ApiError> {
    post("/api/session/keepalive", &()).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send_bare(Request::delete("/api/session")).await
}

pub async fn sidebar() -> Result<Sidebar, ApiError> {
    get("/api/sidebar").await
}

pub async fn reader_status() -> Result<ReaderStatus, ApiError> {
    get("/api/reader").await
}

pub async fn poll(id: i64) -> Result<Poll, ApiError> {
    get(&format!("/api/polls/{id}")).await
}

pub async fn polls() -> Result<Vec<Poll>, ApiError> {
    get("/api/polls").await
}

pub async fn vote(poll_id: i64, option_ids: Vec<i64>) -> Result<Poll, ApiError> {
    post(
        &format!("/api/polls/{poll_id}/votes"),
        &NewBallot { option_ids },
    )
    .await
}
