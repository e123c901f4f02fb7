//! What keeps every `/api` answer a clear problem, whatever arrives: a body limit, a
//! request timeout, load shedding past a concurrency limit, a panic catcher, and
//! problem bodies for the framework's own refusals (405, 408, 413, …).

use std::{any::Any, sync::Arc, time::Duration};

use axum::{
    Router,
    error_handling::HandleErrorLayer,
    extract::{DefaultBodyLimit, Request, State},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use portal_contract::{Cause, PROBLEM_CONTENT_TYPE};
use tokio::sync::Semaphore;
use tower::{BoxError, ServiceBuilder, limit::GlobalConcurrencyLimitLayer};
use tower_http::catch_panic::CatchPanicLayer;

use super::error::ApiError;

/// The largest request body the API reads.
pub const BODY_LIMIT_BYTES: usize = 16 * 1024;

/// Limits for the layers below.
#[derive(Debug, Clone)]
pub struct Limits {
    pub request_timeout: Duration,
    /// The places for requests served at once, shared by every route of every shielded
    /// router (a layer makes one service per route: a limit of its own would be per route).
    pub slots: Arc<Semaphore>,
}

impl Limits {
    pub fn of(state: &crate::AppState) -> Self {
        Self {
            request_timeout: Duration::from_secs(state.settings.request_timeout_s),
            slots: state.request_slots.clone(),
        }
    }
}

/// Wraps a router (the API's, the written pages') in the shield.
pub fn shield(router: Router, limits: Limits) -> Router {
    router
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(middleware::from_fn_with_state(
            limits.request_timeout,
            time_limit,
        ))
        .layer(middleware::from_fn(bare_errors_as_problems))
        .layer(CatchPanicLayer::custom(panic_as_problem))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async { overloaded() }))
                .load_shed()
                .layer(GlobalConcurrencyLimitLayer::with_semaphore(limits.slots)),
        )
}

/// How long an upload may take (over a slow line), where other requests get
/// `--request-timeout-s`.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// A request that takes longer than `limit` (an upload: [`UPLOAD_TIMEOUT`]) is answered
/// 408, as a problem by the layer outside.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let limit = if request.uri().path() == portal_contract::paths::api::UPLOADS {
        UPLOAD_TIMEOUT
    } else {
        limit
    };
    tokio::time::timeout(limit, next.run(request))
        .await
        .unwrap_or_else(|_| StatusCode::REQUEST_TIMEOUT.into_response())
}

fn overloaded() -> Response {
    crate::operations::metrics::shed();
    ApiError::new(
        Cause::Overloaded,
        "Máy chủ đang quá tải, vui lòng thử lại sau",
    )
    .retry_after(1)
    .into_response()
}

fn panic_as_problem(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::new(
        Cause::ServerError,
        "Máy chủ đang gặp sự cố, vui lòng thử lại sau",
    )
    .into_response()
}

/// The title of a refusal that the framework made without a body of ours.
fn bare_title(cause: Cause) -> &'static str {
    match cause {
        Cause::MethodNotAllowed => "Địa chỉ này không nhận phương thức yêu cầu đó",
        Cause::Timeout => "Yêu cầu mất quá nhiều thời gian, vui lòng thử lại",
        Cause::TooLarge => "Dữ liệu gửi lên quá lớn",
        Cause::NotFound => "Không tìm thấy địa chỉ này",
        Cause::UnsupportedMediaType => "Yêu cầu phải gửi dữ liệu dạng JSON",
        Cause::BadRequest | Cause::InvalidValue => "Yêu cầu không hợp lệ",
        _ => "Máy chủ đang gặp sự cố, vui lòng thử lại sau",
    }
}

async fn bare_errors_as_problems(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    // A problem, or a page of ours (the written not-found page), already says why.
    let is_ours = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value == PROBLEM_CONTENT_TYPE || value.starts_with("text/html"));
    if is_ours || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let cause = Cause::of_status(status.as_u16());
    let mut problem = ApiError::new(cause, bare_title(cause)).into_response();
    // Keep what the refusal said for clients (Allow on a 405, Retry-After).
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            problem.headers_mut().insert(name, value.clone());
        }
    }
    problem
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, http::StatusCode, routing::get};
    use tower::ServiceExt;

    fn limits() -> Limits {
        Limits {
            request_timeout: Duration::from_millis(50),
            slots: Arc::new(Semaphore::new(8)),
        }
    }

    async fn answer(router: Router, path: &str) -> Response {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        shield(router, limits()).oneshot(request).await.unwrap()
    }

    fn is_problem(response: &Response) -> bool {
        response.headers()[header::CONTENT_TYPE] == PROBLEM_CONTENT_TYPE
    }

    #[tokio::test]
    async fn the_places_are_shared_by_every_route() {
        let limits = limits();
        let _taken = limits.slots.clone().acquire_many_owned(8).await.unwrap();
        let router = Router::new().route("/other", get(|| async { "ok" }));
        let request = Request::builder()
            .uri("/other")
            .body(Body::empty())
            .unwrap();
        let response = shield(router, limits).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(is_problem(&response));
    }

    #[tokio::test]
    async fn a_slow_request_is_a_timeout_problem() {
        let slow = Router::new().route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        );
        let response = answer(slow, "/slow").await;
        assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
        assert!(is_problem(&response));
    }

    #[tokio::test]
    async fn a_panic_is_a_server_error_problem() {
        let broken = Router::new().route(
            "/broken",
            get(|| async {
                let stored: &[&str] = &[];
                stored[0]
            }),
        );
        let response = answer(broken, "/broken").await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(is_problem(&response));
    }

    #[tokio::test]
    async fn a_wrong_method_is_a_problem_that_keeps_allow() {
        let router = Router::new().route("/only-get", get(|| async { "ok" }));
        let request = Request::builder()
            .method("TRACE")
            .uri("/only-get")
            .body(Body::empty())
            .unwrap();
        let response = shield(router, limits()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert!(is_problem(&response));
        assert!(response.headers().contains_key(header::ALLOW));
    }
}
