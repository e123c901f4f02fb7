//! The portal's requests of the JSON API: each read a [`Read`], which the page may have
//! come with, and the votes and sign-in, on the one request layer (`request`).

use gloo_net::http::Request;
use std::marker::PhantomData;

use portal_contract::{
    Article, ArticleList, Category, Cause, CentrePage, CentrePageLink, Contacts, NewBallot,
    NewRating, Organisation, Poll, RatingAccepted, ReaderStatus, SearchResults, SessionInfo,
    Sidebar, SignIn, VisitorCounts, is_searchable, paths::api as paths,
    written_page::VISIT_LEFT_TO_APP,
};
use serde::de::DeserializeOwned;

use crate::{
    handed_over,
    request::{ApiError, get, post, send},
};

/// A read of the API: the answer the page came with, else a request. `T` is the answer.
pub struct Read<T> {
    /// The address, or why there is nothing to ask (the route's id is not a number, the
    /// words cannot be searched).
    target: Result<String, Cause>,
    answer: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned + Clone + 'static> Read<T> {
    fn at(path: String) -> Self {
        Self {
            target: Ok(path),
            answer: PhantomData,
        }
    }

    /// A read that is refused for `cause` without asking.
    pub fn refused(cause: Cause) -> Self {
        Self {
            target: Err(cause),
            answer: PhantomData,
        }
    }

    /// What is known without asking: the answer the page came with, or the refusal.
    pub fn known(&self) -> Option<Result<T, ApiError>> {
        match &self.target {
            Ok(path) => Some(handed_over::answer(path)?.map_err(ApiError::from)),
            Err(cause) => Some(Err(ApiError::unexplained(*cause))),
        }
    }

    /// Asks the server.
    pub async fn fetch(self) -> Result<T, ApiError> {
        match self.target {
            Ok(path) => get(&path).await,
            Err(cause) => Err(ApiError::unexplained(cause)),
        }
    }
}

pub fn categories() -> Read<Vec<Category>> {
    Read::at(paths::CATEGORIES.to_owned())
}

/// The centre's own pages, in their order (the menu shows some).
pub fn centre_pages() -> Read<Vec<CentrePageLink>> {
    Read::at(paths::CENTRE_PAGES.to_owned())
}

/// One of the centre's own pages (`slug` is a slug: `contract::newsroom::is_slug`).
pub fn centre_page(slug: &str) -> Read<CentrePage> {
    Read::at(paths::centre_page(slug))
}

/// The centre's units and their people.
pub fn organisation() -> Read<Organisation> {
    Read::at(paths::ORGANISATION.to_owned())
}

/// The centre's contacts and the people to contact.
pub fn contacts() -> Read<Contacts> {
    Read::at(paths::CONTACTS.to_owned())
}

/// Which articles a list asks for: all, one category's or one tag's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listing<'a> {
    pub category: Option<&'a str>,
    pub tag: Option<&'a str>,
}

pub fn articles(listing: Listing<'_>, page: u32) -> Read<ArticleList> {
    let (category, tag) = (
        listing.category.unwrap_or_default(),
        listing.tag.unwrap_or_default(),
    );
    Read::at(paths::articles(category, tag, page))
}

pub fn article(id: i64) -> Read<Article> {
    Read::at(paths::article(id))
}

/// Whether the page came with article `id` and its load did not count the view (a new
/// reader's): the app sends it then, with the cookie that answer issued.
pub fn view_left_to_app(id: i64) -> bool {
    matches!(
        handed_over::answer::<bool>(&paths::article_views(id)),
        Some(Ok(true))
    )
}

/// Whether the page's load did not count this reader's visit (see
/// `written_page::VISIT_LEFT_TO_APP`).
pub fn visit_left_to_app() -> bool {
    matches!(
        handed_over::answer::<bool>(VISIT_LEFT_TO_APP),
        Some(Ok(true))
    )
}

/// Counts the reader's visit; the figures with it.
pub async fn count_visit() -> Result<VisitorCounts, ApiError> {
    post(paths::VISITS, &()).await
}

/// Counts a view of article `id`: best effort, as the server's own count.
pub async fn count_view(id: i64) {
    let _ = send(Request::post(&paths::article_views(id))).await;
}

/// What a search asks for, as the results page's address holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    pub q: String,
    pub category: String,
    pub from: String,
    pub to: String,
    pub page: u32,
}

/// The search, when its words can be searched (else refused, not asked).
pub fn search(request: &SearchRequest) -> Read<SearchResults> {
    if !is_searchable(&request.q) {
        return Read::refused(Cause::InvalidValue);
    }
    Read::at(paths::search(
        &request.q,
        &request.category,
        &request.from,
        &request.to,
        request.page,
    ))
}

pub async fn rate(article_id: i64, point: u8) -> Result<RatingAccepted, ApiError> {
    post(&paths::article_ratings(article_id), &NewRating { point }).await
}

/// Who is signed in, as the page came with it: `None` for no one.
pub fn who_is_signed_in() -> Read<Option<SessionInfo>> {
    Read::at(paths::SESSION.to_owned())
}

/// Asks who is signed in (the server answers 401 for no one).
pub async fn session() -> Result<SessionInfo, ApiError> {
    get(paths::SESSION).await
}

/// Signs in; `code` is the second step, for an account that has it.
pub async fn sign_in(
    username: String,
    password: String,
    code: Option<String>,
) -> Result<SessionInfo, ApiError> {
    let credentials = SignIn {
        username,
        password,
        code,
    };
    post(paths::SESSION, &credentials).await
}

pub async fn keepalive() -> Result<SessionInfo, ApiError> {
    post(paths::KEEPALIVE, &()).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send(Request::delete(paths::SESSION)).await.map(drop)
}

pub fn sidebar() -> Read<Sidebar> {
    Read::at(paths::SIDEBAR.to_owned())
}

pub fn reader_status() -> Read<ReaderStatus> {
    Read::at(paths::READER.to_owned())
}

pub fn poll(id: i64) -> Read<Poll> {
    Read::at(paths::poll(id))
}

pub fn polls() -> Read<Vec<Poll>> {
    Read::at(paths::POLLS.to_owned())
}

pub async fn vote(poll_id: i64, option_ids: Vec<i64>) -> Result<Poll, ApiError> {
    post(&paths::poll_votes(poll_id), &NewBallot { option_ids }).await
}
