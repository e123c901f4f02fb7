//! Extractors whose rejections are the project's problems.

use axum::{
    Json,
    extract::{FromRequest, FromRequestParts, Path, Request, rejection::JsonRejection},
    http::{StatusCode, request::Parts},
};
use utoipa::IntoParams;

use portal_contract::Cause;

use super::{error::ApiError, session::Session, visitor::Visitor};
use crate::reader::Reader;

/// The numeric `{id}` of a route's path; a path whose id is not a number is a 400.
#[derive(IntoParams)]
#[into_params(names("id"), parameter_in = Path)]
pub struct IdPath(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<i64>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
        Ok(Self(id))
    }
}

/// The signed-in user when there is one, else the anonymous visitor.
impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(Self::User(session.user.id));
        }
        let visitor = parts
            .extensions
            .get::<Visitor>()
            .expect("the visitor middleware runs before every API handler");
        Ok(Self::Visitor(visitor.id.clone()))
    }
}

/// The request's live session; without one the answer is 401 (`SignedOut`).
pub struct SignedIn(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .map(Self)
            .ok_or_else(signed_out)
    }
}

pub fn signed_out() -> ApiError {
    ApiError::new(
        Cause::SignedOut,
        "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn",
    )
}

/// A request body type with the title its refusal carries ("Đánh giá không hợp lệ", …).
pub trait Titled {
    const INVALID_TITLE: &'static str;
}

/// A JSON body; one that does not parse or has the wrong shape is a 422 with `T`'s title.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: Titled,
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(body)) => Ok(Self(body)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::new(Cause::TooLarge, "Dữ liệu gửi lên quá lớn")
                    .with_detail(rejection.body_text()))
            }
            Err(rejection) => Err(ApiError::invalid(T::INVALID_TITLE, rejection.body_text())),
        }
    }
}
