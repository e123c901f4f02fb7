//! The server's side of the one tree: the portal's page at an address, rendered to HTML
//! by the components the browser then hydrates, from the answers they need.

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

/// The app's markup at `url` (a path with its query) for `request`, its components
/// reading `answers`. The page writes it in the `written_page::APP_ID` element.
pub fn app_html(url: &str, answers: Answers, request: Request) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(url));
        provide_context(answers);
        provide_context(request);
        view! { <App/> }.to_html()
    })
}
