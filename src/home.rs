//! The home page: the latest articles of every category, a page at a time.

use leptos::prelude::*;

use crate::{
    api,
    article_list::{PagedArticles, use_page_query},
    loading::{LoadFailed, Loading, track_retry},
};

#[component]
pub fn HomePage() -> impl IntoView {
    let page = use_page_query();
    let latest = LocalResource::new(move || {
        track_retry();
        api::articles(None, page())
    });
    view! {
        <h1 class="page-title">"Tin mới nhất"</h1>
        {move || match latest.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Ok(page)) => view! { <PagedArticles page base="/".to_owned()/> }.into_any(),
            Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
        }}
    }
}
