//! The home page: the latest articles of every category, a page at a time.

use leptos::prelude::*;

use portal_contract::words;

use crate::{
    api,
    loading::{Loaded, retried},
    routes::HOME,
    widgets::article_list::{PagedArticles, use_page_query},
};

#[component]
pub fn HomePage() -> impl IntoView {
    let page = use_page_query();
    let latest = retried(move || api::articles(api::Listing::default(), page()));
    view! {
        <h1 class="page-title">{words::LATEST}</h1>
        <Loaded data=latest let:page>
            <PagedArticles page base=HOME.to_owned()/>
        </Loaded>
    }
}
