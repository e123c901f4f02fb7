use axum::{Json, extract::State, http::StatusCode};
use portal_contract::{Cause, NewBallot, Poll, minutes_until};
use time::OffsetDateTime;

use crate::{
    AppState,
    http::{ActingReader, ApiError, ClientNetwork, IdPath, JsonBody, ProblemDetails, Titled},
    reader::{Network, Reader},
    store::polls::{self, BallotOutcome, Voter},
};

const NO_POLL: &str = "Không tìm thấy cuộc bình chọn";

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

/// Every poll that has started, the featured first, then the newest, with its results
/// (those every reader sees, kept with the portal's frame: `web::SharedFrame`) and
/// `reader`'s choices (`None`: a reader this answer issues the cookie to, who has none).
pub(crate) async fn polls_seen_by(
    state: &AppState,
    reader: Option<&Reader>,
) -> Result<Vec<Poll>, ApiError> {
    let mut all = state.frame.reads(state).await?.polls.clone();
    if let Some(reader) = reader {
        polls::with_choices_of(&state.db, reader, &mut all).await?;
    }
    Ok(all)
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

/// `reader`'s ballot of `option_ids` in poll `id`, from `network`, under the rules of
/// every ballot (the API's and the poll's form); the results with it.
pub(crate) async fn cast(
    state: &AppState,
    reader: &Reader,
    network: &Network,
    id: i64,
    option_ids: &[i64],
) -> Result<Poll, ApiError> {
    let voter = Voter {
        reader,
        network,
        ballots_per_hour: state.settings.ballots_per_ip_per_hour,
    };
    match polls::vote(&state.writer, id, &voter, option_ids).await? {
        BallotOutcome::Cast => polls::get(&state.db, id, reader)
            .await?
            .ok_or(ApiError::not_found(NO_POLL)),
        BallotOutcome::NoSuchPoll => Err(ApiError::not_found(NO_POLL)),
        BallotOutcome::Ended => Err(ApiError::new(
            Cause::PollEnded,
            "Cuộc bình chọn đã kết thúc",
        )),
        BallotOutcome::Invalid(error) => {
            Err(ApiError::invalid(error.message(), format!("{error:?}")))
        }
        BallotOutcome::OnlyOnce => Err(ApiError::new(
            Cause::AlreadyVoted,
            "Bạn chỉ được bình chọn 1 lần",
        )),
        BallotOutcome::TooMany { retry_after_s } => Err(ApiError::too_many(
            "Có quá nhiều lượt bình chọn từ cùng một địa chỉ mạng, vui lòng thử lại sau",
            retry_after_s,
        )),
        BallotOutcome::TooSoon { ready_at } => {
            let minutes = minutes_until(OffsetDateTime::now_utc(), ready_at);
            Err(ApiError::new(
                Cause::VoteTooSoon,
                format!(
                    "Bạn đã bình chọn! Vui lòng đợi {minutes} phút sau để có thể bình chọn lại."
                ),
            ))
        }
    }
}
