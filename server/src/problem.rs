//! Every API error leaves the server as `application/problem+json` with a Vietnamese title.

use std::borrow::Cow;

use axum::{
    Json,
    extract::rejection::{PathRejection, QueryRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{PROBLEM_CONTENT_TYPE, Problem};

/// An error a handler can return; each variant knows its status and its reader-facing title.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found: {0}")]
    NotFound(&'static str),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unprocessable: {title}")]
    Unprocessable {
        title: Cow<'static, str>,
        detail: String,
    },
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error("conflict: {0}")]
    Conflict(Cow<'static, str>),
    #[error("too many requests: {title}")]
    TooManyRequests {
        title: &'static str,
        retry_after_s: u64,
    },
    #[error("the body must be JSON")]
    UnsupportedMediaType,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Database(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn problem(&self) -> Problem {
        let (kind, title, detail): (_, &str, _) = match self {
            Self::NotFound(title) => ("not-found", title, None),
            Self::BadRequest(detail) => {
                ("bad-request", "Yêu cầu không hợp lệ", Some(detail.clone()))
            }
            Self::Unprocessable { title, detail } => ("invalid-value", title, Some(detail.clone())),
            Self::Unauthorized(title) => ("unauthorized", title, None),
            Self::Forbidden(title) => ("forbidden", title, None),
            Self::Conflict(title) => ("conflict", title, None),
            Self::TooManyRequests { title, .. } => ("too-many-requests", title, None),
            Self::UnsupportedMediaType => (
                "unsupported-media-type",
                "Yêu cầu phải gửi dữ liệu dạng JSON",
                Some("Content-Type must be application/json".to_owned()),
            ),
            Self::Database(_) => (
                "server-error",
                "Máy chủ đang gặp sự cố, vui lòng thử lại sau",
                None,
            ),
        };
        Problem {
            kind: format!("/problems/{kind}"),
            title: title.to_owned(),
            status: self.status().as_u16(),
            detail,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Database(err) = &self {
            tracing::error!(error = %err, "database error");
        }
        let mut response = (self.status(), Json(self.problem())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        );
        if let Self::TooManyRequests { retry_after_s, .. } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
        }
        response
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::BadRequest(rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::BadRequest(rejection.body_text())
    }
}

/// The answer for an `/api` path that no route serves.
pub async fn unknown_api_route() -> ApiError {
    ApiError::NotFound("Không tìm thấy địa chỉ này")
}
