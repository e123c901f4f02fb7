use axum::{Json, extract::State, http::StatusCode};
use portal_contract::{Cause, NewRating, RatingAccepted};

use crate::{
    AppState,
    http::{ActingReader, ApiError, ClientNetwork, IdPath, JsonBody, ProblemDetails, Titled},
    reader::{Network, Reader},
    store::ratings::{self, RatingOutcome, RatingValve},
};

const INVALID: &str = "Đánh giá không hợp lệ";

impl Titled for NewRating {
    const INVALID_TITLE: &'static str = INVALID;
}

/// Rates an article: one rating per reader, 1 to 5 stars.
///
/// 403: rating is off for this article; 404: no such article; 409: this reader already
/// rated it; 422: not an integer from 1 to 5, or malformed JSON; 428: the reader's id was
/// issued by this answer (send again); 429: too many readers from one address (see
/// Retry-After).
#[utoipa::path(post, path = "/api/articles/{id}/ratings", tag = "ratings", params(IdPath), request_body = NewRating, responses(
    (status = 201, body = RatingAccepted, description = "Recorded; the new summary"),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn rate_article(
    State(state): State<AppState>,
    ActingReader(reader): ActingReader,
    ClientNetwork(network): ClientNetwork,
    IdPath(id): IdPath,
    JsonBody(rating): JsonBody<NewRating>,
) -> Result<(StatusCode, Json<RatingAccepted>), ApiError> {
    let accepted = rate(&state, &reader, &network, id, rating).await?;
    Ok((StatusCode::CREATED, Json(accepted)))
}

/// `reader`'s `rating` of article `id`, from `network`, under the rules of every rating
/// (the API's and the article page's form).
pub(crate) async fn rate(
    state: &AppState,
    reader: &Reader,
    network: &Network,
    id: i64,
    rating: NewRating,
) -> Result<RatingAccepted, ApiError> {
    if !rating.is_valid() {
        return Err(ApiError::invalid(
            INVALID,
            "point must be an integer from 1 to 5",
        ));
    }
    let valve = RatingValve {
        per_article: state.settings.ratings_per_ip_per_hour,
        all_articles: state.settings.ratings_per_ip_per_hour_all_articles,
    };
    match ratings::add(&state.writer, id, reader, network, rating.point, valve).await? {
        RatingOutcome::Added(summary) => Ok(RatingAccepted {
            rating: summary,
            my_rating: rating.point,
        }),
        RatingOutcome::AlreadyRated => Err(ApiError::new(
            Cause::AlreadyRated,
            "Bạn đã đánh giá bài viết này rồi",
        )),
        RatingOutcome::NoSuchArticle => Err(ApiError::not_found("Không tìm thấy bài viết")),
        RatingOutcome::RatingOff => Err(ApiError::new(
            Cause::RatingOff,
            "Bài viết này không nhận đánh giá",
        )),
        RatingOutcome::TooMany { retry_after_s } => Err(ApiError::too_many(
            "Có quá nhiều lượt đánh giá từ cùng một địa chỉ mạng, vui lòng thử lại sau",
            retry_after_s,
        )),
    }
}
