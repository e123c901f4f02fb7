//! The newsroom's polls: staff list them with their results, add and change them (an
//! option with ballots may be renamed but not removed or moved), and close one now.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use portal_contract::{
    Cause,
    content::{EditedPoll, PollRecord},
};

use super::versions;
use crate::{
    AppState,
    http::{ApiError, IdPath, JsonBody, ProblemDetails, Staff, Titled},
    rules::newsroom::slug_from_title,
    store::poll_editing::{self as store, PollSave},
};

impl Titled for PollRecord {
    const INVALID_TITLE: &'static str = "Cuộc bình chọn không hợp lệ";
}

/// Every poll with its results, whether it has started or not, the newest first.
///
/// 401: not signed in; 403: not staff.
#[utoipa::path(get, path = "/api/newsroom/polls", tag = "newsroom", responses(
    (status = 200, body = Vec<EditedPoll>),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
))]
pub async fn list_edited_polls(
    State(state): State<AppState>,
    _: Staff,
) -> Result<Json<Vec<EditedPoll>>, ApiError> {
    Ok(Json(store::list(&state.db).await?))
}

/// Adds a poll; an empty slug is made from the question, a taken one numbered.
///
/// 401, 403; 422: a field is refused.
#[utoipa::path(post, path = "/api/newsroom/polls", tag = "newsroom", request_body = PollRecord, responses(
    (status = 201, body = EditedPoll, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn create_poll(
    State(state): State<AppState>,
    _: Staff,
    JsonBody(mut poll): JsonBody<PollRecord>,
) -> Result<Response, ApiError> {
    if poll.slug.is_empty() {
        poll.slug = slug_from_title(&poll.question).unwrap_or_else(|| "binh-chon".to_owned());
    }
    poll.check()?;
    let created = answer(store::create(&state.writer, poll).await?)?;
    Ok((StatusCode::CREATED, created).into_response())
}

/// A turn at changing poll `id` (see `versions`).
async fn turn(state: &AppState, id: i64) -> Result<crate::store::Turn, ApiError> {
    Ok(state.writer.turn(&format!("poll {id}")).await?)
}

/// One poll with its results.
///
/// 401, 403; 404: no such poll.
#[utoipa::path(get, path = "/api/newsroom/polls/{id}", tag = "newsroom", params(IdPath), responses(
    (status = 200, body = EditedPoll, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn get_edited_poll(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let poll = store::get(&state.db, id).await?.ok_or_else(not_found)?;
    Ok(versions::versioned(&poll, &poll.poll))
}

/// Saves a poll as the body says, over the version `If-Match` names; its slug stays the
/// one it has.
///
/// 401, 403, 404; 409: an option with ballots would be removed or moved; 412: someone
/// changed it since; 422; 428: no If-Match.
#[utoipa::path(put, path = "/api/newsroom/polls/{id}", tag = "newsroom", params(IdPath,
    ("If-Match" = String, Header, description = "The ETag of the version this save was made from")),
    request_body = PollRecord, responses(
    (status = 200, body = EditedPoll, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
    (status = 409, response = ProblemDetails),
    (status = 412, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
    (status = 428, response = ProblemDetails),
))]
pub async fn save_poll(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
    headers: HeaderMap,
    JsonBody(poll): JsonBody<PollRecord>,
) -> Result<Response, ApiError> {
    let named = versions::named(&headers)?;
    // The slug in the body does not count: the stored one is kept.
    poll.check_content()?;
    let _turn = turn(&state, id).await?;
    let current = store::get(&state.db, id).await?.ok_or_else(not_found)?;
    versions::check(&current.poll, &named)?;
    answer(store::update(&state.writer, id, poll).await?)
}

/// Ends an open poll now: citizens see its results only.
///
/// 401, 403, 404.
#[utoipa::path(post, path = "/api/newsroom/polls/{id}/close", tag = "newsroom", params(IdPath), responses(
    (status = 200, body = EditedPoll, headers(("ETag" = String, description = "The version, for If-Match"))),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 404, response = ProblemDetails),
))]
pub async fn close_poll(
    State(state): State<AppState>,
    _: Staff,
    IdPath(id): IdPath,
) -> Result<Response, ApiError> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let _turn = turn(&state, id).await?;
    answer(store::close(&state.writer, id, now).await?)
}

/// The poll as saved, with its new version.
fn answer(save: PollSave) -> Result<Response, ApiError> {
    match save {
        PollSave::Saved(poll) => Ok(versions::versioned(&poll, &poll.poll)),
        PollSave::NotFound => Err(not_found()),
        PollSave::OptionVoted(reason) => Err(ApiError::new(Cause::OptionVoted, reason)),
    }
}

fn not_found() -> ApiError {
    ApiError::not_found("Không tìm thấy cuộc bình chọn")
}
