use axum::{Json, extract::State, http::StatusCode};
use portal_contract::{NewBallot, Poll};

use crate::{
    AppState,
    answers::polls::{NO_POLL, cast, polls_seen_by},
    http::{ActingReader, ApiError, ClientNetwork, IdPath, JsonBody, ProblemDetails, Titled},
    rules::reader::Reader,
    store::polls::{self},
};

impl Titled for NewBallot {
    const INVALID_TITLE: &'static str = "Phương án bình chọn không hợp lệ";
}

/// Every poll that has started, open and closed, with results; the featured first.
#[utoipa::path(get, path = "/api/polls", tag = "polls", responses((status = 200, body = Vec<Poll>)))]
pub async fn list_polls(
    State(state): State<AppState>,
    reader: Reader,
) -> Result<Json<Vec<Poll>>, ApiError> {
    Ok(Json(polls_seen_by(&state, Some(&reader)).await?))
}

/// One poll with its results and this reader's choices. A poll that has not started is 404.
#[utoipa::path(get, path = "/api/polls/{id}", tag = "polls", params(IdPath), responses(
    (status = 200, body = Poll),
    (status = 404, response = ProblemDetails),
))]
pub async fn get_poll(
    State(state): State<AppState>,
    reader: Reader,
    IdPath(id): IdPath,
) -> Result<Json<Poll>, ApiError> {
    polls::get(&state.db, id, &reader)
        .await?
        .map(Json)
        .ok_or(ApiError::not_found(NO_POLL))
}

/// Casts a ballot.
///
/// 404: no such poll, or not started; 409: voted already (within the poll's policy), or
/// the poll has ended ("Cuộc bình chọn đã kết thúc"); 422: none, too many, repeated or
/// unknown options, or malformed JSON; 428: the reader's id was issued by this answer
/// (send again); 429: too many anonymous ballots from one address within the hour (see
/// Retry-After).
#[utoipa::path(post, path = "/api/polls/{id}/votes", tag = "polls", params(IdPath), request_body = NewBallot, responses(
    (status = 201, body = Poll, description = "Recorded; the results"),
    (status = 404, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
    (status = 429, response = ProblemDetails),
))]
pub async fn cast_ballot(
    State(state): State<AppState>,
    ActingReader(reader): ActingReader,
    ClientNetwork(network): ClientNetwork,
    IdPath(id): IdPath,
    JsonBody(ballot): JsonBody<NewBallot>,
) -> Result<(StatusCode, Json<Poll>), ApiError> {
    let poll = cast(&state, &reader, &network, id, &ballot.option_ids).await?;
    Ok((StatusCode::CREATED, Json(poll)))
}
