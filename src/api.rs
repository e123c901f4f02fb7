//! Talking to the JSON API: one GET helper that turns every failure into a [`LoadError`].

use gloo_net::http::{Request, RequestBuilder};
use portal_contract::{Article, ArticleList, Category, Problem};
use serde::de::DeserializeOwned;

/// Why data could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The server answered 404.
    NotFound,
    /// No answer: the network or the server is down.
    Unreachable,
    /// The server answered with an error; its Vietnamese title when it sent one.
    Failed(Option<String>),
}

async fn get<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, LoadError> {
    let response = request.send().await.map_err(|_| LoadError::Unreachable)?;
    match response.status() {
        200..=299 => response.json().await.map_err(|_| LoadError::Failed(None)),
        404 => Err(LoadError::NotFound),
        _ => {
            let problem = response.json::<Problem>().await.ok();
            Err(LoadError::Failed(problem.map(|p| p.title)))
        }
    }
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
