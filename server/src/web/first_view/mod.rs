//! The first view: the portal's pages answered already written — an article, the home
//! page, a category's or a tag's list, or the not-found page (with its 404) — inside the
//! SPA's shell. The page reads and navigates without JavaScript, previews with its own
//! title and picture when shared, and hands the SPA the API answers it was written from
//! (`first_view::DATA_ID`), so the app's first render needs no request.

mod head;
mod markup;
mod saved;
mod shell;

use std::{collections::BTreeMap, path::Path, sync::Arc};

use axum::{
    Router,
    extract::{Path as UrlPath, Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use maud::{Markup, PreEscaped, html};
use portal_contract::{
    Article, Category, Cause, PageRequest,
    first_view::{APP_ID, DATA_ID, MARKUP_ID},
    font_size::{self, FontSize},
    page_in_address, paths, words,
};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::{
    AppState,
    api::articles::{article_list, read_article},
    http::{
        ApiError, Staff, Viewer,
        shield::{Limits, shield},
        with_reader_and_session,
    },
    reader::{CountedReader, Reader},
    store::{articles as store, site},
};
use head::{Head, PORTAL_PICTURE, first_picture, script_safe_json};
use markup::Frame;
pub use shell::Shell;

/// What the page handlers share: the state and the SPA's shell.
#[derive(Clone)]
pub struct Pages {
    state: AppState,
    shell: Arc<Shell>,
    /// The shell without the app, for the newsroom's preview.
    preview_shell: Arc<Shell>,
}

impl axum::extract::FromRef<Pages> for AppState {
    fn from_ref(pages: &Pages) -> Self {
        pages.state.clone()
    }
}

impl Pages {
    pub fn new(state: AppState, static_dir: &Path) -> Self {
        let shell = Shell::load(&static_dir.join("index.html"));
        Self {
            state,
            preview_shell: Arc::new(shell.without_scripts()),
            shell: Arc::new(shell),
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
        .route("/bai-viet/{id}", get(article))
        .route("/bai-viet/{id}/luu", get(saved_article))
        .route("/quan-tri/xem-truoc/{id}", get(preview))
        .with_state(pages);
    shield(with_reader_and_session(routes, &state), Limits::of(&state))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    trang: Option<String>,
}

/// The API answers a page was written from, by their `paths::api` address.
#[derive(Default)]
struct Answers(BTreeMap<String, Box<RawValue>>);

impl Answers {
    fn with(mut self, path: String, answer: &impl serde::Serialize) -> Self {
        let json = serde_json::value::to_raw_value(answer).expect("plain data serializes");
        self.0.insert(path, json);
        self
    }
}

/// One written page: what it shows and says of itself.
struct Written<'a> {
    status: StatusCode,
    head: Head<'a>,
    main: Markup,
    answers: Answers,
}

impl Pages {
    fn base_url(&self, headers: &HeaderMap) -> String {
        super::base_url(&self.state, headers)
    }

    /// `page` in the portal's frame (the menu's categories, handed over too, and the
    /// footer's agency), inside the SPA's shell.
    async fn respond(
        &self,
        headers: &HeaderMap,
        path: &str,
        page: Written<'_>,
    ) -> Result<Response, ApiError> {
        self.respond_in(&self.shell, headers, path, page).await
    }

    async fn respond_in(
        &self,
        shell: &Shell,
        headers: &HeaderMap,
        path: &str,
        page: Written<'_>,
    ) -> Result<Response, ApiError> {
        let categories = store::categories(&self.state.db).await?;
        let site = site::site(&self.state.db).await?;
        let answers = page
            .answers
            .with(paths::api::CATEGORIES.to_owned(), &categories);
        let frame = markup::frame(
            &Frame {
                path,
                categories: &categories,
                site: &site,
            },
            page.main,
        );
        let body = html! {
            div id=(MARKUP_ID) { (frame) }
            div id=(APP_ID) hidden {}
            script type="application/json" id=(DATA_ID) { (PreEscaped(script_safe_json(&answers.0))) }
        };
        let root = format!(
            "{}=\"{}\"",
            font_size::ATTRIBUTE,
            font_size_of(headers).value()
        );
        let html = shell.page(&root, &page.head.tags().into_string(), &body.into_string());
        let mut response = (page.status, Html(html)).into_response();
        // The page holds this reader's own rating: no shared cache may keep it.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        Ok(response)
    }

    /// The not-found page, with its 404.
    pub async fn not_found(&self, path: &str, headers: &HeaderMap) -> Result<Response, ApiError> {
        let page = Written {
            status: StatusCode::NOT_FOUND,
            head: Head {
                title: words::NOT_FOUND_TITLE,
                description: words::NOT_FOUND_TEXT,
                url: format!("{}{path}", self.base_url(headers)),
                picture: format!("{}{PORTAL_PICTURE}", self.base_url(headers)),
                article: None,
            },
            main: markup::not_found(),
            answers: Answers::default(),
        };
        self.respond(headers, path, page).await
    }

    /// A list page: the home page (`slug` and `tag` empty), a category's or a tag's.
    async fn list(
        &self,
        headers: &HeaderMap,
        of: List<'_>,
        trang: Option<&str>,
    ) -> Result<Response, ApiError> {
        let number = page_in_address(trang);
        let page = PageRequest::new(Some(i64::from(number)), None).expect("a page from 1");
        let (category, tag) = of.filters();
        let list = match article_list(&self.state, Some(category), Some(tag.to_owned()), page).await
        {
            Err(ApiError::Refused {
                cause: Cause::NotFound,
                ..
            }) => {
                return self.not_found(&of.address(), headers).await;
            }
            other => other?,
        };
        let heading = of.heading(list.category.as_ref());
        let base = of.address();
        let path = if number > 1 {
            paths::list_page(&base, number)
        } else {
            base.clone()
        };
        let base_url = self.base_url(headers);
        let page = Written {
            status: StatusCode::OK,
            head: Head {
                title: &heading,
                description: &heading,
                url: format!("{base_url}{path}"),
                picture: format!("{base_url}{PORTAL_PICTURE}"),
                article: None,
            },
            main: markup::list(&heading, !matches!(of, List::Home), &list, &base),
            answers: Answers::default().with(paths::api::articles(category, tag, number), &list),
        };
        self.respond(headers, &path, page).await
    }
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

    fn address(&self) -> String {
        match *self {
            Self::Home => paths::HOME.to_owned(),
            Self::Category(slug) => paths::category(slug),
            Self::Tag(tag) => paths::tag(tag),
        }
    }

    fn heading(&self, category: Option<&Category>) -> String {
        match *self {
            Self::Home => words::LATEST.to_owned(),
            Self::Category(_) => category.map(|c| c.title.clone()).unwrap_or_default(),
            Self::Tag(tag) => words::tag_heading(tag),
        }
    }
}

async fn home(
    State(pages): State<Pages>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    pages
        .list(&headers, List::Home, query.trang.as_deref())
        .await
}

async fn category(
    State(pages): State<Pages>,
    headers: HeaderMap,
    UrlPath(slug): UrlPath<String>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    pages
        .list(&headers, List::Category(&slug), query.trang.as_deref())
        .await
}

async fn tag(
    State(pages): State<Pages>,
    headers: HeaderMap,
    UrlPath(tag): UrlPath<String>,
    Query(query): Query<ListQuery>,
) -> Result<Response, ApiError> {
    pages
        .list(&headers, List::Tag(&tag), query.trang.as_deref())
        .await
}

/// Article `id` (the path's text) as `reader` reads it, the view counted for `viewer`;
/// `Err` with the not-found page when there is no such article.
async fn find_article(
    pages: &Pages,
    headers: &HeaderMap,
    reader: &Reader,
    viewer: Option<CountedReader>,
    id: &str,
) -> Result<Result<Article, Response>, ApiError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(Err(pages
            .not_found(&format!("/bai-viet/{id}"), headers)
            .await?));
    };
    match read_article(&pages.state, reader, viewer, id).await {
        Err(ApiError::Refused {
            cause: Cause::NotFound,
            ..
        }) => Ok(Err(pages.not_found(&paths::article(id), headers).await?)),
        other => Ok(Ok(other?)),
    }
}

async fn article(
    State(pages): State<Pages>,
    headers: HeaderMap,
    reader: Reader,
    Viewer(viewer): Viewer,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    // A reader without a cookie from an earlier answer is not counted by the page's
    // load: the app is told so, and sends the view with the cookie this answer issues
    // (a client that runs no app never counts).
    let counted = viewer.is_some();
    let article = match find_article(&pages, &headers, &reader, viewer, &id).await? {
        Ok(article) => article,
        Err(not_found) => return Ok(not_found),
    };
    let path = paths::article(article.id);
    let mut page = article_page(&pages, &headers, &article);
    if !counted {
        page.answers = page
            .answers
            .with(paths::api::article_views(article.id), &true);
    }
    pages.respond(&headers, &path, page).await
}

/// The written page of `article`, at its citizens' address.
fn article_page<'a>(pages: &Pages, headers: &HeaderMap, article: &'a Article) -> Written<'a> {
    let base_url = pages.base_url(headers);
    let url = format!("{base_url}{}", paths::article(article.id));
    Written {
        status: StatusCode::OK,
        main: markup::article(article, &url, font_size_of(headers)),
        head: Head {
            title: &article.title,
            description: &article.summary,
            url,
            picture: picture_of(article, &base_url),
            article: Some(article),
        },
        answers: Answers::default().with(paths::api::article(article.id), article),
    }
}

/// "Xem trước": article `id` in whatever state, written as citizens will see it, for
/// staff only — a reader signed out is sent to sign in, anyone else gets the not-found
/// page (a draft's existence is not told). No app takes it over, no view is counted,
/// no search engine or cache keeps it.
async fn preview(
    State(pages): State<Pages>,
    headers: HeaderMap,
    staff: Result<Staff, ApiError>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    let path = format!("{}/xem-truoc/{id}", paths::NEWSROOM);
    match staff {
        Ok(_) => {}
        Err(ApiError::Refused {
            cause: Cause::SignedOut,
            ..
        }) => return Ok(Redirect::to(&paths::sign_in_returning_to(&path)).into_response()),
        Err(_) => return pages.not_found(&path, &headers).await,
    }
    let found = match id.parse() {
        Ok(id) => store::article(&pages.state.db, id, store::Seen::ByStaff).await?,
        Err(_) => None,
    };
    let Some(article) = found else {
        return pages.not_found(&path, &headers).await;
    };
    let page = article_page(&pages, &headers, &article);
    let mut response = pages
        .respond_in(
            &pages.preview_shell,
            &headers,
            &paths::article(article.id),
            page,
        )
        .await?;
    let answer = response.headers_mut();
    answer.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    Ok(response)
}

/// "Lưu bài viết này": the article as a file to keep. Saving is not a view.
async fn saved_article(
    State(pages): State<Pages>,
    headers: HeaderMap,
    reader: Reader,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    let article = match find_article(&pages, &headers, &reader, None, &id).await? {
        Ok(article) => article,
        Err(not_found) => return Ok(not_found),
    };
    let address = format!("{}{}", pages.base_url(&headers), paths::article(article.id));
    // `--public-url` is checked at start; only a request's odd Host header can fail here.
    let url = url::Url::parse(&address)
        .map_err(|_| ApiError::bad_request("the Host header does not make an address"))?;
    Ok(saved::download(&article, &url))
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
