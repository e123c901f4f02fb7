//! The one request layer both bundles use: a request sent, its answer read, and every
//! failure as an [`ApiError`] that keeps the server's named cause. The portal's reads
//! and votes (`api`) and the newsroom's requests (`newsroom::api`) are written on it.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::{Cause, Problem};
use serde::{Serialize, de::DeserializeOwned};

use crate::json;

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
    pub fn unexplained(cause: Cause) -> Self {
        Self::Failed { cause, title: None }
    }
}

impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        Self::Failed {
            cause: problem.cause,
            title: Some(problem.title),
        }
    }
}

/// The error an unsuccessful answer stands for: its problem's cause and title, else the
/// cause its status implies.
async fn failure(response: Response) -> ApiError {
    match json::parse::<Problem>(&response.text().await.unwrap_or_default()) {
        Some(problem) => problem.into(),
        None => ApiError::unexplained(Cause::of_status(response.status())),
    }
}

/// The answer of a request sent, when it is a success.
pub async fn checked(sent: Result<Response, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = sent.map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(response)
    } else {
        Err(failure(response).await)
    }
}

/// The JSON body of a successful answer.
pub async fn read<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    let text = response.text().await.unwrap_or_default();
    json::parse(&text).ok_or(ApiError::unexplained(Cause::ServerError))
}

/// GETs `path` and reads its answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    read(&checked(Request::get(path).send().await).await?).await
}

/// Sends `request` with no body, declared JSON (the server's same-origin rule asks it of
/// every state change).
pub async fn send(request: RequestBuilder) -> Result<Response, ApiError> {
    let request = request.header("content-type", "application/json");
    checked(request.send().await).await
}

/// Sends `request` with `payload` as JSON.
pub async fn send_json(
    request: RequestBuilder,
    payload: &impl Serialize,
) -> Result<Response, ApiError> {
    let text = json::to_string(payload).ok_or(ApiError::unexplained(Cause::ServerError))?;
    let request = request
        .header("content-type", "application/json")
        .body(text)
        .map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    checked(request.send().await).await
}

/// POSTs `payload` to `path` and reads the answer; sent again once when the server had
/// not issued this reader's cookie yet (that answer did, so the same request now
/// carries it).
pub async fn post<T: DeserializeOwned>(
    path: &str,
    payload: &impl Serialize,
) -> Result<T, ApiError> {
    let once = async || read(&send_json(Request::post(path), payload).await?).await;
    match once().await {
        Err(ApiError::Failed {
            cause: Cause::NewReader,
            ..
        }) => once().await,
        other => other,
    }
}
