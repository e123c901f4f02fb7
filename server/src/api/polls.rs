use axum::{
    Json,
    extract::{Path, State, rejection::JsonRejection},
    http::StatusCode,
};
use axum_extra::extract::WithRejection;
use portal_contract::{NewBallot, Poll, Problem, minutes_until};
use time::OffsetDateTime;

use crate::{
    AppState,
    problem::ApiError,
    reader::Reader,
    store::polls::{self, VoteOutcome},
};

const NO_POLL: &str = "Không tìm thấy cuộc bình chọn";

/// Every poll that has started, open and closed, with results; the featured first.
#[utoipa::path(get, path = "/api/polls", tag = "polls", responses((status = 200, body = Vec<Poll>)))]
pub async fn list_polls(
    State(state): State<AppState>,
    reader: Reader,
) -> Result<Json<Vec<Poll>>, ApiError> {
    Ok(Json(polls::list(&state.db, &reader).await?))
}

/// One poll with its results and this reader's choices. A poll that has not started is 404.
#[utoipa::path(
    get,
    path = "/api/polls/{id}",
    tag = "polls",
    params(("id" = i64, Path, description = "The poll id")),
    responses(
        (status = 200, body = Poll),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_poll(
    State(state): State<AppState>,
    reader: Reader,
    WithRejection(Path(id), _): WithRejection<Path<i64>, ApiError>,
) -> Result<Json<Poll>, ApiError> {
    polls::get(&state.db, id, &reader)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound(NO_POLL))
}

/// Casts a ballot. A poll that has ended answers 409 "Cuộc bình chọn đã kết thúc".
#[utoipa::path(
    post,
    path = "/api/polls/{id}/votes",
    tag = "polls",
    params(("id" = i64, Path, description = "The poll id")),
    request_body = NewBallot,
    responses(
        (status = 201, body = Poll, description = "Recorded; the results"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The request came from another site"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such poll, or not started"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Voted already (within the poll's policy), or the poll has ended"),
        (status = 415, body = Problem, content_type = "application/problem+json", description = "The body is not JSON"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "None, too many, repeated or unknown options, or malformed JSON"),
    )
)]
pub async fn cast_ballot(
    State(state): State<AppState>,
    reader: Reader,
    WithRejection(Path(id), _): WithRejection<Path<i64>, ApiError>,
    body: Result<Json<NewBallot>, JsonRejection>,
) -> Result<(StatusCode, Json<Poll>), ApiError> {
    let Json(ballot) = body.map_err(|rejection| ApiError::Unprocessable {
        title: "Phương án bình chọn không hợp lệ".into(),
        detail: rejection.body_text(),
    })?;
    match polls::vote(&state.writer, id, &reader, &ballot.option_ids).await? {
        VoteOutcome::Cast => {
            let poll = polls::get(&state.db, id, &reader)
                .await?
                .ok_or(ApiError::NotFound(NO_POLL))?;
            Ok((StatusCode::CREATED, Json(poll)))
        }
        VoteOutcome::NoSuchPoll => Err(ApiError::NotFound(NO_POLL)),
        VoteOutcome::Ended => Err(ApiError::Conflict("Cuộc bình chọn đã kết thúc".into())),
        VoteOutcome::Invalid(error) => Err(ApiError::Unprocessable {
            title: error.message().into(),
            detail: format!("{error:?}"),
        }),
        VoteOutcome::OnlyOnce => Err(ApiError::Conflict("Bạn chỉ được bình chọn 1 lần".into())),
        VoteOutcome::TooSoon { ready_at } => {
            let minutes = minutes_until(OffsetDateTime::now_utc(), ready_at);
            Err(ApiError::Conflict(
                format!(
                    "Bạn đã bình chọn! Vui lòng đợi {minutes} phút sau để có thể bình chọn lại."
                )
                .into(),
            ))
        }
    }
}
