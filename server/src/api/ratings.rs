use axum::{
    Json,
    extract::{ConnectInfo, Path, State, rejection::JsonRejection},
    http::StatusCode,
};
use axum_extra::extract::WithRejection;
use portal_contract::{NewRating, Problem, RatingAccepted};
use std::net::SocketAddr;

use crate::{
    AppState,
    problem::ApiError,
    reader::Reader,
    store::ratings::{self, Outcome},
};

const INVALID: &str = "Đánh giá không hợp lệ";

fn invalid(detail: impl Into<String>) -> ApiError {
    ApiError::Unprocessable {
        title: INVALID.into(),
        detail: detail.into(),
    }
}

/// Rates an article: one rating per reader, 1 to 5 stars.
#[utoipa::path(
    post,
    path = "/api/articles/{id}/ratings",
    tag = "ratings",
    params(("id" = i64, Path, description = "The article id")),
    request_body = NewRating,
    responses(
        (status = 201, body = RatingAccepted, description = "Recorded; the new summary"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "Rating is off for this article, or the request came from another site"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such article"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "This reader already rated the article"),
        (status = 415, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Not an integer from 1 to 5, or malformed JSON"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many readers from one address; see Retry-After"),
    )
)]
pub async fn rate_article(
    State(state): State<AppState>,
    reader: Reader,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    WithRejection(Path(id), _): WithRejection<Path<i64>, ApiError>,
    body: Result<Json<NewRating>, JsonRejection>,
) -> Result<(StatusCode, Json<RatingAccepted>), ApiError> {
    let Json(rating) = body.map_err(|rejection| invalid(rejection.body_text()))?;
    if !rating.is_valid() {
        return Err(invalid("point must be an integer from 1 to 5"));
    }
    let limit = state.settings.ratings_per_ip_per_hour;
    match ratings::add(&state.writer, id, &reader, peer.ip(), rating.point, limit).await? {
        Outcome::Added(summary) => Ok((
            StatusCode::CREATED,
            Json(RatingAccepted {
                rating: summary,
                my_rating: rating.point,
            }),
        )),
        Outcome::AlreadyRated => Err(ApiError::Conflict(
            "Bạn đã đánh giá bài viết này rồi".into(),
        )),
        Outcome::NoSuchArticle => Err(ApiError::NotFound("Không tìm thấy bài viết")),
        Outcome::RatingOff => Err(ApiError::Forbidden("Bài viết này không nhận đánh giá")),
        Outcome::TooMany { retry_after_s } => Err(ApiError::TooManyRequests {
            title: "Có quá nhiều lượt đánh giá từ cùng một địa chỉ mạng, vui lòng thử lại sau",
            retry_after_s,
        }),
    }
}
