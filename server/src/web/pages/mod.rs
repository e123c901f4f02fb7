//! The portal's pages, written by the server with the app's own components
//! (`portal::render`), which the browser then hydrates: every citizens' route, the embed
//! pages and the newsroom's preview. Each page is rendered from the answers its
//! components need — the server's own reads, not HTTP, the reader's own rating, ballots
//! and session included — which go to the browser with it (`written_page::DATA_ID`), so
//! hydration asks for nothing again. Every page reads and navigates without JavaScript,
//! and previews with its own title and picture when shared.

mod chunks;
mod head;
mod saved;
mod shared_frame;
mod shell;

use std::{collections::HashMap, path::Path, sync::Arc};

use axum::{
    Router,
    extract::{FromRef, FromRequestParts, Path as UrlPath, State},
    http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use portal::render::{Answers, Request};
use portal_contract::{
    Article, ArticleList, Cause, CentrePage, PageRequest, Poll, ReaderStatus, SearchResults,
    SidebarBlock,
    font_size::{self, FontSize},
    format,
    forms::Posted,
    is_searchable,
    newsroom::is_slug,
    page_in_address,
    paths::{self, api},
    words,
    written_page::{APP_ID, DATA_ID, POSTED, VISIT_LEFT_TO_APP},
};
use serde::Serialize;

use super::forms;
use crate::{
    AppState,
    answers::{
        articles::{article_list, read_article},
        centre_pages::read_centre_page,
        organisation::{read_contacts, read_organisation},
        polls::polls_seen_by,
        search::{SearchQuery, found},
        session::session_info,
        sidebar::count_visitor,
    },
    http::{
        ApiError, Staff, Viewer,
        session::Session,
        shield::{Limits, shield},
        visitor::Visitor,
        with_reader_and_session,
    },
    rules::reader::{CountedReader, Reader},
    store::{articles as store, polls},
};
use chunks::Chunks;
use head::{Head, PORTAL_PICTURE, first_picture};
pub use shared_frame::{SharedFrame, note_changes};
pub use shell::Shell;

/// What the page handlers share: the state and the app's shell.
#[derive(Clone)]
pub struct Pages {
    state: AppState,
    shell: Arc<Shell>,
    /// The shell without the app, for the newsroom's preview.
    preview_shell: Arc<Shell>,
    chunks: Arc<Chunks>,
}

impl FromRef<Pages> for AppState {
    fn from_ref(pages: &Pages) -> Self {
        pages.state.clone()
    }
}

impl Pages {
    pub fn new(state: AppState, static_dir: &Path) -> Self {
        let index_html = std::fs::read_to_string(static_dir.join("index.html")).ok();
        let shell = index_html
            .as_deref()
            .and_then(Shell::cut)
            .unwrap_or_else(Shell::bare);
        let chunks = Chunks::load(static_dir, index_html.as_deref().unwrap_or_default());
        Self {
            state,
            preview_shell: Arc::new(shell.without_scripts()),
            shell: Arc::new(shell),
            chunks: Arc::new(chunks),
        }
    }
}

/// The written pages, with the reader and session cookies and the shield of the API.
pub fn router(pages: Pages) -> Router {
    let state = pages.state.clone();
    let routes = Router::new()
        .route(paths::HOME, get(home))
        .route("/chuyen-muc/{slug}", get(category))
        .route("/the/{tag}", get(tag))
        .route("/trang/{slug}", get(centre_page))
        .route(paths::ORGANISATION, get(organisation))
        .route(paths::CONTACTS, get(contacts))
        .route("/bai-viet/{id}", get(article))
        .route("/bai-viet/{id}/luu", get(saved_article))
        .route(paths::SEARCH, get(search))
        .route(paths::POLLS, get(all_polls))
        .route(paths::SIGN_IN, get(sign_in))
        .route("/nhung/bai-viet/{id}", get(embedded_article))
        .route("/nhung/binh-chon/{id}", get(embedded_poll))
        .route("/quan-tri/xem-truoc/{id}", get(preview))
        .with_state(pages);
    shield(with_reader_and_session(routes, &state), Limits::of(&state))
}

/// Who a page is written for and at what address.
pub struct Asked {
    /// The path and query, as the app's router reads them.
    url: String,
    headers: HeaderMap,
    reader: Reader,
    /// The reader whose visit and view the page's load counts (`None`: one this very
    /// answer issues the cookie to, whose app counts them).
    viewer: Option<CountedReader>,
    session: Option<Session>,
    visitor_is_new: bool,
    /// What a form posted just before came to (the post redirected here).
    posted: Option<Posted>,
}

impl<S: Send + Sync> FromRequestParts<S> for Asked
where
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ok(reader) = Reader::from_request_parts(parts, state).await;
        let Ok(Viewer(viewer)) = Viewer::from_request_parts(parts, state).await;
        let visitor = parts.extensions.get::<Visitor>();
        Ok(Self {
            url: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), ToString::to_string),
            headers: parts.headers.clone(),
            reader,
            viewer,
            session: parts.extensions.get::<Session>().cloned(),
            visitor_is_new: visitor.is_none_or(|visitor| visitor.is_new),
            posted: forms::posted_of(&parts.headers),
        })
    }
}

impl Asked {
    /// The reader whose ballots a page shows: none for one this answer issues the cookie
    /// to, who has cast none.
    fn voter(&self) -> Option<&Reader> {
        let new = self.reader.is_anonymous() && self.visitor_is_new;
        (!new).then_some(&self.reader)
    }
}

/// What frames a page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// The portal's header, sidebar and footer.
    Portal,
    /// An embed page: the content alone.
    Embed,
    /// The portal's frame, for staff, with no app.
    Preview,
}

/// One page to write: what it shows and says of itself.
struct Written {
    status: StatusCode,
    frame: Frame,
    head: Head,
    /// The answers its own content needs (the frame's are added).
    answers: Answers,
}

impl Written {
    fn new(head: Head, answers: Answers) -> Self {
        Self {
            status: StatusCode::OK,
            frame: Frame::Portal,
            head,
            answers,
        }
    }
}

impl Pages {
    fn base_url(&self, headers: &HeaderMap) -> String {
        super::base_url(&self.state, headers)
    }

    /// A head with the portal's picture, at the request's address.
    fn plain_head(&self, asked: &Asked, title: &str) -> Head {
        let base_url = self.base_url(&asked.headers);
        Head {
            title: title.to_owned(),
            description: title.to_owned(),
            url: format!("{base_url}{}", asked.url),
            picture: format!("{base_url}{PORTAL_PICTURE}"),
            article: None,
        }
    }

    /// `page` at `url`, rendered by the app inside the app's shell.
    async fn respond(&self, asked: &Asked, url: &str, page: Written) -> Result<Response, ApiError> {
        let answers = match page.frame {
            // A reader's first page cannot tell whether their browser keeps the cookie
            // this answer issues in a frame: the app asks, with it.
            Frame::Embed if asked.session.is_none() && asked.visitor_is_new => page.answers,
            Frame::Embed => page
                .answers
                .with(api::READER.to_owned(), ReaderStatus { known: true }),
            Frame::Portal => {
                self.frame_answers(asked, asked.viewer.as_ref(), url, page.answers)
                    .await?
            }
            // Staff looking at a draft: no visit to count, no app to count it.
            Frame::Preview => self.frame_answers(asked, None, url, page.answers).await?,
        };
        let answers = match &asked.posted {
            Some(posted) => answers.with(POSTED.to_owned(), posted.clone()),
            None => answers,
        };
        let font_size = font_size_of(&asked.headers);
        let request = Request {
            origin: self.base_url(&asked.headers),
            font_size,
        };
        let json = answers.script_safe_json();
        let rendered = portal::render::app_html(url, answers, request);
        let (shell, data, chunks) = match page.frame {
            Frame::Preview => (&self.preview_shell, String::new(), String::new()),
            _ => (
                &self.shell,
                format!(r#"<script type="application/json" id="{DATA_ID}">{json}</script>"#),
                self.chunks.attribute(&rendered.lazy_pages),
            ),
        };
        let markup = rendered.html;
        let body = format!(r#"<div id="{APP_ID}"{chunks}>{markup}</div>{data}"#);
        let root = format!("{}=\"{}\"", font_size::ATTRIBUTE, font_size.value());
        let html = shell.page(&root, &page.head.tags().into_string(), &body);
        let mut response = (page.status, Html(html)).into_response();
        // The page holds this reader's own rating, ballots and session: no shared cache
        // may keep it.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        // The outcome of a post is shown once.
        if asked.posted.is_some() {
            let cleared = forms::cleared(&self.state, url);
            response.headers_mut().append(header::SET_COOKIE, cleared);
        }
        Ok(response)
    }

    /// `answers` and what the portal's frame shows: the menu's categories, the sidebar
    /// and footer (the visit of `visitor` counted: none, the app counts it, when it
    /// runs), the featured poll, who is signed in.
    async fn frame_answers(
        &self,
        asked: &Asked,
        visitor: Option<&CountedReader>,
        url: &str,
        answers: Answers,
    ) -> Result<Answers, ApiError> {
        let state = &self.state;
        if let Some(visitor) = visitor {
            count_visitor(state, visitor).await;
        }
        let frame = state.frame.reads(state).await?;
        let shows_poll = frame
            .sidebar
            .blocks
            .iter()
            .any(|block| matches!(block, SidebarBlock::Poll { .. }));
        let mut answers = answers
            .with(api::CENTRE_PAGES.to_owned(), frame.centre_pages.clone())
            .with(api::CATEGORIES.to_owned(), frame.categories.clone())
            .with(
                api::SESSION.to_owned(),
                asked.session.as_ref().map(|s| session_info(state, s)),
            )
            .with(api::SIDEBAR.to_owned(), frame.sidebar.clone());
        if visitor.is_none() {
            answers = answers.with(VISIT_LEFT_TO_APP.to_owned(), true);
        }
        // The panel is left out of the page of all polls, which has them already.
        if shows_poll && !url.starts_with(paths::POLLS) && !answers.has(api::POLLS) {
            let all = polls_seen_by(state, asked.voter()).await?;
            answers = answers.with(api::POLLS.to_owned(), all);
        }
        Ok(answers)
    }

    /// The not-found page, with its 404: an address no route of the app matches, or one
    /// it refuses by itself (an id that is not a number).
    pub async fn not_found(&self, asked: &Asked) -> Result<Response, ApiError> {
        self.missing(asked, Answers::default()).await
    }

    /// The not-found page of a route whose read found nothing: `answers` say so (see
    /// [`Self::not_found_by`]), so the app's page shows it as the server's does.
    async fn missing(&self, asked: &Asked, answers: Answers) -> Result<Response, ApiError> {
        let mut head = self.plain_head(asked, words::NOT_FOUND_TITLE);
        head.description = words::NOT_FOUND_TEXT.to_owned();
        let page = Written {
            status: StatusCode::NOT_FOUND,
            ..Written::new(head, answers)
        };
        self.respond(asked, &asked.url, page).await
    }

    /// The not-found page of a route whose read of `path` (a `T`) was refused as `error`.
    async fn not_found_by<T: Serialize + Clone + Send + Sync + 'static>(
        &self,
        asked: &Asked,
        path: String,
        error: &ApiError,
    ) -> Result<Response, ApiError> {
        let answers = Answers::default().with_failure::<T>(path, error.problem());
        self.missing(asked, answers).await
    }

    /// A list page: the home page (`slug` and `tag` empty), a category's or a tag's.
    async fn list(&self, asked: &Asked, of: List<'_>) -> Result<Response, ApiError> {
        let number = page_in_address(page_asked(asked).as_deref());
        let page = PageRequest::new(Some(i64::from(number)), None).expect("a page from 1");
        let (category, tag) = of.filters();
        let path = api::articles(category, tag, number);
        let list = match article_list(&self.state, Some(category), Some(tag.to_owned()), page).await
        {
            Err(error) if is_not_found(&error) => {
                return self.not_found_by::<ArticleList>(asked, path, &error).await;
            }
            other => other?,
        };
        let heading = match of {
            List::Home => words::LATEST.to_owned(),
            List::Category(_) => list
                .category
                .as_ref()
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            List::Tag(tag) => words::tag_heading(tag),
        };
        let answers = Answers::default().with(path, list);
        let head = self.plain_head(asked, &heading);
        self.respond(asked, &asked.url, Written::new(head, answers))
            .await
    }

    /// Article `id` (the path's text) as the reader reads it, the view counted by the
    /// page's load when it can be; `Err` with the not-found page when there is none.
    async fn find_article(
        &self,
        asked: &Asked,
        id: &str,
    ) -> Result<Result<(Article, Answers), Response>, ApiError> {
        let Ok(id) = id.parse::<i64>() else {
            return Ok(Err(self.not_found(asked).await?));
        };
        let viewer = asked.viewer.clone();
        let counted = viewer.is_some();
        let article = match read_article(&self.state, &asked.reader, viewer, id).await {
            Err(error) if is_not_found(&error) => {
                let not_found = self.not_found_by::<Article>(asked, api::article(id), &error);
                return Ok(Err(not_found.await?));
            }
            other => other?,
        };
        let mut answers = Answers::default().with(api::article(id), article.clone());
        // A reader without a cookie from an earlier answer is not counted by the page's
        // load: the app sends the view with the cookie this answer issues (a client that
        // runs no app never counts).
        if !counted {
            answers = answers.with(api::article_views(id), true);
        }
        Ok(Ok((article, answers)))
    }

    /// Article `id` (the path's text) in `frame`, or the not-found page.
    async fn article(&self, asked: &Asked, id: &str, frame: Frame) -> Result<Response, ApiError> {
        let (article, answers) = match self.find_article(asked, id).await? {
            Ok(found) => found,
            Err(not_found) => return Ok(not_found),
        };
        let page = Written {
            frame,
            ..Written::new(self.article_head(asked, &article), answers)
        };
        self.respond(asked, &asked.url, page).await
    }

    /// One of the centre's own pages, or the not-found page.
    async fn centre_page(&self, asked: &Asked, slug: &str) -> Result<Response, ApiError> {
        if !is_slug(slug) {
            return self.not_found(asked).await;
        }
        let page = match read_centre_page(&self.state, slug).await {
            Err(error) if is_not_found(&error) => {
                let path = api::centre_page(slug);
                return self.not_found_by::<CentrePage>(asked, path, &error).await;
            }
            other => other?,
        };
        let mut head = self.plain_head(asked, &page.title);
        head.description = if page.summary.is_empty() {
            format::plain_text(&page.body_html)
        } else {
            page.summary.clone()
        };
        let answers = Answers::default().with(api::centre_page(slug), page);
        self.respond(asked, &asked.url, Written::new(head, answers))
            .await
    }

    /// A page titled `title` showing the answer `answer` of `path`.
    async fn titled<T: Serialize + Clone + Send + Sync + 'static>(
        &self,
        asked: &Asked,
        title: &str,
        path: &str,
        answer: T,
    ) -> Result<Response, ApiError> {
        let head = self.plain_head(asked, title);
        let answers = Answers::default().with(path.to_owned(), answer);
        self.respond(asked, &asked.url, Written::new(head, answers))
            .await
    }

    fn article_head(&self, asked: &Asked, article: &Article) -> Head {
        let base_url = self.base_url(&asked.headers);
        Head {
            title: article.title.clone(),
            description: article.summary.clone(),
            url: format!("{base_url}{}", paths::article(article.id)),
            picture: picture_of(article, &base_url),
            article: Some(article.clone()),
        }
    }
}

fn is_not_found(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Refused {
            cause: Cause::NotFound,
            ..
        }
    )
}

/// `?trang=` of the request.
fn page_asked(asked: &Asked) -> Option<String> {
    query_of(&asked.url).remove("trang")
}

fn query_of(url: &str) -> HashMap<String, String> {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Which list a list page shows.
enum List<'a> {
    Home,
    Category(&'a str),
    Tag(&'a str),
}

impl List<'_> {
    /// The `category` and `tag` of its API request.
    fn filters(&self) -> (&str, &str) {
        match *self {
            Self::Home => ("", ""),
            Self::Category(slug) => (slug, ""),
            Self::Tag(tag) => ("", tag),
        }
    }
}

async fn home(State(pages): State<Pages>, asked: Asked) -> Result<Response, ApiError> {
    pages.list(&asked, List::Home).await
}

async fn category(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(slug): UrlPath<String>,
) -> Result<Response, ApiError> {
    pages.list(&asked, List::Category(&slug)).await
}

async fn tag(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(tag): UrlPath<String>,
) -> Result<Response, ApiError> {
    pages.list(&asked, List::Tag(&tag)).await
}

async fn centre_page(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(slug): UrlPath<String>,
) -> Result<Response, ApiError> {
    pages.centre_page(&asked, &slug).await
}

async fn organisation(State(pages): State<Pages>, asked: Asked) -> Result<Response, ApiError> {
    let organisation = read_organisation(&pages.state).await?;
    let (title, path) = (words::ORGANISATION, api::ORGANISATION);
    pages.titled(&asked, title, path, organisation).await
}

async fn contacts(State(pages): State<Pages>, asked: Asked) -> Result<Response, ApiError> {
    let contacts = read_contacts(&pages.state).await?;
    let (title, path) = (words::CONTACTS, api::CONTACTS);
    pages.titled(&asked, title, path, contacts).await
}

async fn article(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    pages.article(&asked, &id, Frame::Portal).await
}

async fn embedded_article(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    pages.article(&asked, &id, Frame::Embed).await
}

async fn embedded_poll(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    let Ok(id) = id.parse() else {
        return pages.not_found(&asked).await;
    };
    let Some(poll) = polls::get(&pages.state.db, id, &asked.reader).await? else {
        let error = ApiError::not_found("Không tìm thấy cuộc bình chọn");
        return pages
            .not_found_by::<Poll>(&asked, api::poll(id), &error)
            .await;
    };
    let mut head = pages.plain_head(&asked, &poll.question);
    // Search engines list the page of all polls, not the frame partner sites show.
    head.url = format!("{}{}", pages.base_url(&asked.headers), paths::POLLS);
    let page = Written {
        frame: Frame::Embed,
        ..Written::new(head, Answers::default().with(api::poll(poll.id), poll))
    };
    pages.respond(&asked, &asked.url, page).await
}

/// `/tim-kiem`: the results of the words in the address, or the page that asks for them.
async fn search(State(pages): State<Pages>, asked: Asked) -> Result<Response, ApiError> {
    let mut query = query_of(&asked.url);
    let mut take = |key: &str| query.remove(key).unwrap_or_default();
    let (words, category, from, to) = (
        take("q").trim().to_owned(),
        take("chuyen-muc"),
        take("tu-ngay"),
        take("den-ngay"),
    );
    let page_number = take("trang").parse::<u32>().unwrap_or(1).max(1);
    let head = pages.plain_head(&asked, &format!("Tìm kiếm: {words}"));
    if !is_searchable(&words) {
        return pages
            .respond(&asked, &asked.url, Written::new(head, Answers::default()))
            .await;
    }
    let path = api::search(&words, &category, &from, &to, page_number);
    let search = SearchQuery {
        q: words,
        category: Some(category),
        from: Some(from),
        to: Some(to),
        page: Some(i64::from(page_number)),
    };
    let (status, answers) = match found(&pages.state, &search).await {
        Ok(results) => (StatusCode::OK, Answers::default().with(path, results)),
        // A refusal (an unknown category, a bad date) is written as the app shows it.
        Err(error @ ApiError::Refused { .. }) => {
            let problem = error.problem();
            let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
            let answers = Answers::default().with_failure::<SearchResults>(path, problem);
            (status, answers)
        }
        Err(error) => return Err(error),
    };
    let page = Written {
        status,
        ..Written::new(head, answers)
    };
    pages.respond(&asked, &asked.url, page).await
}

/// `/binh-chon`: every poll, with this reader's ballots.
async fn all_polls(State(pages): State<Pages>, asked: Asked) -> Result<Response, ApiError> {
    let all = polls_seen_by(&pages.state, asked.voter()).await?;
    let head = pages.plain_head(&asked, "Các cuộc bình chọn");
    let answers = Answers::default().with(api::POLLS.to_owned(), all);
    pages
        .respond(&asked, &asked.url, Written::new(head, answers))
        .await
}

async fn sign_in(State(pages): State<Pages>, asked: Asked) -> Result<Response, ApiError> {
    let head = pages.plain_head(&asked, words::SIGN_IN);
    pages
        .respond(&asked, &asked.url, Written::new(head, Answers::default()))
        .await
}

/// "Xem trước": article `id` in whatever state, written as citizens will see it, for
/// staff only — a reader signed out is sent to sign in, anyone else gets the not-found
/// page (a draft's existence is not told). No app takes it over, no view is counted,
/// no search engine or cache keeps it.
async fn preview(
    State(pages): State<Pages>,
    asked: Asked,
    staff: Result<Staff, ApiError>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    match staff {
        Ok(_) => {}
        Err(ApiError::Refused {
            cause: Cause::SignedOut,
            ..
        }) => return Ok(Redirect::to(&paths::sign_in_returning_to(&asked.url)).into_response()),
        Err(_) => return pages.not_found(&asked).await,
    }
    let found = match id.parse() {
        Ok(id) => store::article(&pages.state.db, id, store::Seen::ByStaff).await?,
        Err(_) => None,
    };
    let Some(article) = found else {
        return pages.not_found(&asked).await;
    };
    let url = paths::article(article.id);
    let page = Written {
        frame: Frame::Preview,
        ..Written::new(
            pages.article_head(&asked, &article),
            Answers::default().with(api::article(article.id), article),
        )
    };
    let mut response = pages.respond(&asked, &url, page).await?;
    let answer = response.headers_mut();
    answer.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    Ok(response)
}

/// "Lưu bài viết này": the article as a file to keep. Saving is not a view.
async fn saved_article(
    State(pages): State<Pages>,
    asked: Asked,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    let found = match id.parse() {
        Ok(id) => read_article(&pages.state, &asked.reader, None, id).await,
        Err(_) => Err(ApiError::not_found("Không tìm thấy bài viết")),
    };
    let article = match found {
        Err(ApiError::Refused {
            cause: Cause::NotFound,
            ..
        }) => return pages.not_found(&asked).await,
        other => other?,
    };
    let address = format!(
        "{}{}",
        pages.base_url(&asked.headers),
        paths::article(article.id)
    );
    // `--public-url` is checked at start; only a request's odd Host header can fail here.
    let url = url::Url::parse(&address)
        .map_err(|_| ApiError::bad_request("the Host header does not make an address"))?;
    Ok(saved::download(article, &url))
}

/// The size the reader chose for articles' text ("Cỡ chữ").
fn font_size_of(headers: &HeaderMap) -> FontSize {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .map(FontSize::from_cookie_header)
        .find(|size| *size != FontSize::Normal)
        .unwrap_or_default()
}

/// The article's first picture (absolute), else the portal's. Previews show no SVG.
fn picture_of(article: &Article, base_url: &str) -> String {
    let raster = first_picture(&article.body_html).filter(|src| !src.ends_with(".svg"));
    match raster {
        Some(src) if src.starts_with("https://") || src.starts_with("http://") => src.to_owned(),
        Some(src) if src.starts_with('/') => format!("{base_url}{src}"),
        _ => format!("{base_url}{PORTAL_PICTURE}"),
    }
}
