use axum::{Json, extract::State, http::StatusCode};
use portal_contract::{NewRating, RatingAccepted};

use crate::{
    AppState,
    answers::ratings::{INVALID, rate},
    http::{ActingReader, ApiError, ClientNetwork, IdPath, JsonBody, ProblemDetails, Titled},
};

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
