//! Talking to the JSON API: every failure becomes a [`LoadError`].

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::{
    Article, ArticleList, Category, NewBallot, NewRating, Poll, Problem, RatingAccepted,
    ReaderStatus, SessionInfo, Sidebar, SignIn,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a request did not give what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The server answered 404.
    NotFound,
    /// No answer: the network or the server is down.
    Unreachable,
    /// The server refused or failed; with its Vietnamese title when it sent one.
    Failed { status: u16, title: Option<String> },
}

async fn answer<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, LoadError> {
    let response = response.map_err(|_| LoadError::Unreachable)?;
    let status = response.status();
    match status {
        200..=299 => response.json().await.map_err(|_| LoadError::Failed {
            status,
            title: None,
        }),
        404 => Err(LoadError::NotFound),
        _ => {
            let problem = response.json::<Problem>().await.ok();
            Err(LoadError::Failed {
                status,
                title: problem.map(|p| p.title),
            })
        }
    }
}

async fn get<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, LoadError> {
    answer(request.send().await).await
}

pub async fn categories() -> Result<Vec<Category>, LoadError> {
    get(Request::get("/api/categories")).await
}

pub async fn articles(category: Option<&str>, page: u32) -> Result<ArticleList, LoadError> {
    let page = page.to_string();
    let query = [("category", category.unwrap_or_default()), ("page", &page)];
    get(Request::get("/api/articles").query(query)).await
}

pub async fn article(id: i64) -> Result<Article, LoadError> {
    get(Request::get(&format!("/api/articles/{id}"))).await
}

async fn post<T: DeserializeOwned>(url: &str, body: &impl Serialize) -> Result<T, LoadError> {
    let request = Request::post(url)
        .json(body)
        .map_err(|_| LoadError::Failed {
            status: 0,
            title: None,
        })?;
    answer(request.send().await).await
}

pub async fn rate(article_id: i64, point: u8) -> Result<RatingAccepted, LoadError> {
    post(
        &format!("/api/articles/{article_id}/ratings"),
        &NewRating { point },
    )
    .await
}

pub async fn session() -> Result<SessionInfo, LoadError> {
    get(Request::get("/api/session")).await
}

pub async fn sign_in(username: String, password: String) -> Result<SessionInfo, LoadError> {
    post("/api/session", &SignIn { username, password }).await
}

pub async fn keepalive() -> Result<SessionInfo, LoadError> {
    post("/api/session/keepalive", &()).await
}

pub async fn sign_out() -> Result<(), LoadError> {
    // State-changing requests carry the JSON content type (see the server's same-origin rule).
    let response = Request::delete("/api/session")
        .header("content-type", "application/json")
        .send()
        .await
        .map_err(|_| LoadError::Unreachable)?;
    match response.status() {
        200..=299 => Ok(()),
        status => Err(LoadError::Failed {
            status,
            title: None,
        }),
    }
}

pub async fn sidebar() -> Result<Sidebar, LoadError> {
    get(Request::get("/api/sidebar")).await
}

pub async fn reader_status() -> Result<ReaderStatus, LoadError> {
    get(Request::get("/api/reader")).await
}

pub async fn poll(id: i64) -> Result<Poll, LoadError> {
    get(Request::get(&format!("/api/polls/{id}"))).await
}

pub async fn polls() -> Result<Vec<Poll>, LoadError> {
    get(Request::get("/api/polls")).await
}

pub async fn vote(poll_id: i64, option_ids: Vec<i64>) -> Result<Poll, LoadError> {
    post(
        &format!("/api/polls/{poll_id}/votes"),
        &NewBallot { option_ids },
    )
    .await
}
