//! The polls as a reader sees them, and a reader's ballot under the rules of every ballot.

use portal_contract::{Cause, Poll, minutes_until};
use time::OffsetDateTime;

use crate::{
    AppState,
    http::ApiError,
    rules::reader::{Network, Reader},
    store::polls::{self, BallotOutcome, Voter},
};

pub const NO_POLL: &str = "Không tìm thấy cuộc bình chọn";

/// Every poll that has started, the featured first, then the newest, with its results
/// (those every reader sees, kept with the portal's frame: `web::SharedFrame`) and
/// `reader`'s choices (`None`: a reader this answer issues the cookie to, who has none).
pub async fn polls_seen_by(
    state: &AppState,
    reader: Option<&Reader>,
) -> Result<Vec<Poll>, ApiError> {
    let mut all = state.frame.reads(state).await?.polls.clone();
    if let Some(reader) = reader {
        polls::with_choices_of(&state.db, reader, &mut all).await?;
    }
    Ok(all)
}

/// `reader`'s ballot of `option_ids` in poll `id`, from `network`, under the rules of
/// every ballot (the API's and the poll's form); the results with it.
pub async fn cast(
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
