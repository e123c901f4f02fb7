//! The rating's and the polls' forms, posted without the app (JavaScript off, or the wasm
//! not there yet): the same rules as the JSON API (`answers::ratings::rate`,
//! `answers::polls::cast`), then a redirect (303) back to the page the form was on, which
//! shows what the post came to once. The outcome travels in a short-lived cookie that the
//! next written page reads ([`posted_of`]) and clears ([`cleared`]).

use axum::{
    Form, Router,
    extract::{FromRequest, FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::post,
};
use axum_extra::extract::CookieJar;
use portal_contract::{
    NewBallot, NewRating, Problem,
    forms::{self, Posted},
    paths,
};

use crate::{
    AppState,
    answers::{polls::cast, ratings::rate},
    http::{
        ActingReader, ApiError, ClientNetwork, IdPath, Titled,
        same_origin::from_our_site,
        shield::{Limits, shield},
        visitor::reader_side_cookie,
        with_reader_and_session,
    },
    rules::reader::{Network, Reader},
};

/// The cookie that carries a post's outcome to the page it returns to.
const POSTED_COOKIE: &str = "kc_posted";
/// Long enough for the redirect to be followed on a slow phone, short enough that a page
/// opened later does not show it.
const POSTED_LIFETIME: time::Duration = time::Duration::seconds(60);

/// The forms' routes, with the reader's cookies and the pages' shield.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route("/bai-viet/{id}/danh-gia", post(rating_form))
        .route("/binh-chon/{id}/phieu", post(ballot_form))
        .with_state(state.clone());
    shield(with_reader_and_session(routes, &state), Limits::of(&state))
}

/// A form posted to item `id` (an article, a poll) from one of our pages: who sends it
/// (refused, as the API refuses it, when this very answer issues their cookie), from which
/// network, and its fields in order (a ballot repeats its choice field). Another site's
/// form is refused (403) before anything is read or written.
struct FormPost {
    acting: Result<Reader, Problem>,
    network: Network,
    id: i64,
    fields: Vec<(String, String)>,
}

impl FromRequest<AppState> for FormPost {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        if !from_our_site(&parts.headers) {
            return Err(ApiError::cross_site().into_response());
        }
        let acting = ActingReader::from_request_parts(&mut parts, state)
            .await
            .map(|ActingReader(reader)| reader)
            .map_err(|refused| refused.problem());
        let Ok(ClientNetwork(network)) = ClientNetwork::from_request_parts(&mut parts, state).await;
        let IdPath(id) = IdPath::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let request = Request::from_parts(parts, body);
        let fields = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_or_else(|_| Vec::new(), |Form(fields)| fields);
        Ok(Self {
            acting,
            network,
            id,
            fields,
        })
    }
}

impl FormPost {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// `POST /bai-viet/{id}/danh-gia`: the rating form of article `id`.
async fn rating_form(State(state): State<AppState>, post: FormPost) -> Response {
    let point = post
        .field(forms::POINT_FIELD)
        .and_then(|point| point.parse().ok());
    let outcome = match (&post.acting, point) {
        (Err(refused), _) => Err(refused.clone()),
        (Ok(_), None) => Err(ApiError::invalid(
            NewRating::INVALID_TITLE,
            "diem must be an integer from 1 to 5",
        )
        .problem()),
        (Ok(reader), Some(point)) => reported(
            rate(&state, reader, &post.network, post.id, NewRating { point })
                .await
                .map(|accepted| accepted.my_rating),
        ),
    };
    let posted = Posted::Rating {
        article: post.id,
        outcome,
    };
    back(&state, &post, &paths::article(post.id), &posted)
}

/// `POST /binh-chon/{id}/phieu`: the ballot of poll `id`, or its "Kết quả" button.
async fn ballot_form(State(state): State<AppState>, post: FormPost) -> Response {
    let posted = if post.field(forms::RESULTS_FIELD).is_some() {
        Posted::Results { poll: post.id }
    } else {
        let choices: Result<Vec<i64>, _> = post
            .fields
            .iter()
            .filter(|(key, _)| key == forms::CHOICE_FIELD)
            .map(|(_, value)| value.parse::<i64>())
            .collect();
        let outcome = match (&post.acting, choices) {
            (Err(refused), _) => Err(refused.clone()),
            (Ok(_), Err(_)) => Err(ApiError::invalid(
                NewBallot::INVALID_TITLE,
                "lua-chon must be option ids",
            )
            .problem()),
            (Ok(reader), Ok(choices)) => reported(
                cast(&state, reader, &post.network, post.id, &choices)
                    .await
                    .map(|_| ()),
            ),
        };
        Posted::Ballot {
            poll: post.id,
            outcome,
        }
    };
    back(&state, &post, paths::POLLS, &posted)
}

/// The problem a refusal is shown as; a failure of the server is logged, as the API's are.
fn reported<T>(outcome: Result<T, ApiError>) -> Result<T, Problem> {
    outcome.map_err(|error| error.reported())
}

/// The redirect back to the page the form was on (`fallback` without one), at the
/// widget, with the outcome's cookie.
fn back(state: &AppState, post: &FormPost, fallback: &str, posted: &Posted) -> Response {
    let page = post.field(forms::RETURN_FIELD).map_or_else(
        || fallback.to_owned(),
        |raw| paths::safe_return_path(Some(raw)),
    );
    let location = HeaderValue::from_str(&format!("{page}#{}", posted.anchor()))
        .unwrap_or_else(|_| HeaderValue::from_static(paths::HOME));
    let json = serde_json::to_string(posted).expect("plain data serializes");
    let value: String = url::form_urlencoded::byte_serialize(json.as_bytes()).collect();
    let cookie = posted_cookie(state, value, &page, POSTED_LIFETIME);
    let headers = [(header::LOCATION, location), (header::SET_COOKIE, cookie)];
    (StatusCode::SEE_OTHER, headers).into_response()
}

/// The outcome cookie for a page at `path`, set like the reader's own cookie there.
fn posted_cookie(
    state: &AppState,
    value: String,
    path: &str,
    lifetime: time::Duration,
) -> HeaderValue {
    let secure = state.settings.secure_cookies;
    reader_side_cookie(
        POSTED_COOKIE,
        value,
        paths::is_embed(path),
        secure,
        lifetime,
    )
}

/// What the form posted just before this request came to, if its cookie came with it.
pub fn posted_of(headers: &HeaderMap) -> Option<Posted> {
    let jar = CookieJar::from_headers(headers);
    let raw = jar.get(POSTED_COOKIE)?.value().to_owned();
    let (json, _) = url::form_urlencoded::parse(raw.as_bytes()).next()?;
    serde_json::from_str(&json).ok()
}

/// The outcome cookie's removal, once a page of `path` has shown it.
pub fn cleared(state: &AppState, path: &str) -> HeaderValue {
    posted_cookie(state, String::new(), path, time::Duration::ZERO)
}
