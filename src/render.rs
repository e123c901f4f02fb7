//! The server's side of the one tree: the portal's page at an address, rendered to HTML
//! by the components the browser then hydrates, from the answers they need.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use portal_contract::Article;

use crate::{app::App, pages::article::ArticleText};
pub use crate::{environment::Request, handed_over::Answers};

/// What `article` says (its lead, picture, body, attachments, author and source), as its
/// page writes it: for the copy a reader saves.
pub fn article_text(article: Article) -> String {
    Owner::new().with(|| view! { <ArticleText article/> }.to_html())
}

/// The app rendered at an address.
pub struct Rendered {
    /// The markup, which the page writes in the `written_page::APP_ID` element.
    pub html: String,
    /// The lazy pages (`pages::lazy`, by name) it shows, whose wasm chunks the browser
    /// needs to take it over.
    pub lazy_pages: Vec<&'static str>,
}

/// The app at `url` (a path with its query) for `request`, its components reading
/// `answers`.
pub fn app_html(url: &str, answers: Answers, request: Request) -> Rendered {
    let lazy_pages = LazyPages::default();
    let html = Owner::new().with(|| {
        provide_context(RequestUrl::new(url));
        provide_context(answers);
        provide_context(request);
        provide_context(lazy_pages.clone());
        view! { <App/> }.to_html()
    });
    Rendered {
        html,
        lazy_pages: lazy_pages.0.lock().expect("never poisoned").clone(),
    }
}

/// The lazy pages a rendering used.
#[derive(Clone, Default)]
struct LazyPages(Arc<Mutex<Vec<&'static str>>>);

/// A lazy page named `name` is rendered.
pub fn used_lazy_page(name: &'static str) {
    if let Some(pages) = use_context::<LazyPages>() {
        pages.0.lock().expect("never poisoned").push(name);
    }
}
