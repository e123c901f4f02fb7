//! A category page: its articles, newest first, a page at a time (`?trang=N`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::{self, LoadError},
    article_list::{PagedArticles, use_page_query},
    loading::{LoadFailed, Loading, track_retry},
    not_found::NotFound,
};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = use_page_query();
    let list = LocalResource::new(move || {
        track_retry();
        let (slug, page) = (slug(), page());
        async move { api::articles(Some(&slug), page).await }
    });
    move || match list.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(LoadError::NotFound)) => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
        Some(Ok(page)) => {
            let title = page
                .category
                .as_ref()
                .map(|c| c.title.clone())
                .unwrap_or_default();
            let base = format!("/chuyen-muc/{}", slug());
            view! {
                <Title text=title.clone()/>
                <h1 class="page-title">{title}</h1>
                <PagedArticles page base/>
            }
            .into_any()
        }
    }
}
