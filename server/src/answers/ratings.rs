//! A reader's rating of an article, under the rules of every rating.

use portal_contract::{Cause, NewRating, RatingAccepted};

use crate::{
    AppState,
    http::ApiError,
    rules::reader::{Network, Reader},
    store::ratings::{self, RatingOutcome, RatingValve},
};

/// The title of a refused rating.
pub const INVALID: &str = "Đánh giá không hợp lệ";

/// `reader`'s `rating` of article `id`, from `network`, under the rules of every rating
/// (the API's and the article page's form).
pub async fn rate(
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
