//! A category page: its articles, newest first, a page at a time (`?trang=N`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api,
    loading::{Loaded, retried},
    routes,
    widgets::article_list::{PagedArticles, use_page_query},
};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = use_page_query();
    let list = retried(move || {
        let (slug, page) = (slug(), page());
        async move { api::articles(Some(&slug), page).await }
    });
    view! {
        <Loaded data=list let:page>
            {
                let title = page.category.as_ref().map(|c| c.title.clone()).unwrap_or_default();
                view! {
                    <Title text=title.clone()/>
                    <h1 class="page-title">{title}</h1>
                    <PagedArticles page base=routes::category(&slug())/>
                }
            }
        </Loaded>
    }
}
