//! Every API error leaves the server as `application/problem+json`: a named cause (the
//! contract's [`Cause`], which decides the status) and a Vietnamese title.

use std::borrow::Cow;

use axum::{
    Json,
    extract::rejection::QueryRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{Cause, PROBLEM_CONTENT_TYPE, Problem, newsroom::DraftError};
use utoipa::ToResponse;

/// An error a handler can return.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Refused (or failed) for `cause`; `title` is for the reader.
    #[error("{cause:?}: {title}")]
    Refused {
        cause: Cause,
        title: Cow<'static, str>,
        detail: Option<String>,
        retry_after_s: Option<u64>,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
}

impl ApiError {
    pub fn new(cause: Cause, title: impl Into<Cow<'static, str>>) -> Self {
        Self::Refused {
            cause,
            title: title.into(),
            detail: None,
            retry_after_s: None,
        }
    }

    pub fn not_found(title: &'static str) -> Self {
        Self::new(Cause::NotFound, title)
    }

    /// A value the reader sent that breaks a rule: `title` says which, `detail` how.
    pub fn invalid(title: impl Into<Cow<'static, str>>, detail: impl Into<String>) -> Self {
        Self::new(Cause::InvalidValue, title).with_detail(detail)
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(Cause::BadRequest, "Yêu cầu không hợp lệ").with_detail(detail)
    }

    /// A state change asked from another site's page (the classic CSRF): refused before
    /// anything is read or written.
    pub fn cross_site() -> Self {
        Self::new(Cause::CrossSite, "Yêu cầu từ trang web khác bị từ chối")
    }

    pub fn not_json() -> Self {
        Self::new(
            Cause::UnsupportedMediaType,
            "Yêu cầu phải gửi dữ liệu dạng JSON",
        )
        .with_detail("Content-Type must be application/json")
    }

    /// Too many requests; the reader may try again after `retry_after_s`.
    pub fn too_many(title: &'static str, retry_after_s: u64) -> Self {
        Self::new(Cause::TooManyRequests, title).retry_after(retry_after_s)
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        if let Self::Refused { retry_after_s, .. } = &mut self {
            *retry_after_s = Some(seconds);
        }
        self
    }

    pub fn with_detail(mut self, more: impl Into<String>) -> Self {
        if let Self::Refused { detail, .. } = &mut self {
            *detail = Some(more.into());
        }
        self
    }

    /// The problem this error is reported as.
    pub fn problem(&self) -> Problem {
        let (cause, title, detail) = match self {
            Self::Refused {
                cause,
                title,
                detail,
                ..
            } => (*cause, title.as_ref(), detail.clone()),
            Self::Database(_) | Self::Search(_) => (
                Cause::ServerError,
                "Máy chủ đang gặp sự cố, vui lòng thử lại sau",
                None,
            ),
        };
        Problem {
            cause,
            title: title.to_owned(),
            status: cause.status(),
            detail,
            request_id: super::request_id::current(),
        }
    }
}

impl ApiError {
    /// The problem this error is reported as, a failure of the server logged on the way
    /// (every answer that reports an error, as a problem or in a page, goes through here).
    pub fn reported(&self) -> Problem {
        match self {
            Self::Database(error) => tracing::error!(%error, "database error"),
            Self::Search(error) => tracing::error!(%error, "search error"),
            Self::Refused { .. } => {}
        }
        self.problem()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.reported();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let cause = problem.cause;
        let mut response = (status, Json(problem)).into_response();
        // For the metrics, which count refusals by cause.
        response.extensions_mut().insert(cause);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        );
        if let Self::Refused {
            retry_after_s: Some(seconds),
            ..
        } = self
        {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A rule of the contract refused a field: 422 with the rule's words as the title and
/// the field as the detail.
impl From<DraftError> for ApiError {
    fn from(error: DraftError) -> Self {
        Self::invalid(error.message, error.field)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::bad_request(rejection.body_text())
    }
}

/// The OpenAPI response every error status of every route refers to.
#[derive(ToResponse)]
#[response(
    description = "A problem (RFC 9457): `type` names the cause, `title` says it in Vietnamese",
    content_type = "application/problem+json"
)]
pub struct ProblemDetails(#[allow(dead_code)] Problem);

/// The answer for an `/api` path that no route serves.
pub async fn unknown_api_route() -> ApiError {
    ApiError::not_found("Không tìm thấy địa chỉ này")
}
