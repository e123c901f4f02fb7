//! A category page: its articles, newest first, a page at a time (`?trang=N`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api,
    loading::{Loaded, retried},
    routes,
    widgets::{
        article_list::{PagedArticles, use_page_query},
        breadcrumb::{Breadcrumb, Crumb},
    },
};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = use_page_query();
    let list = retried(move || {
        let (slug, page) = (slug(), page());
        async move {
            let listing = api::Listing {
                category: Some(&slug),
                tag: None,
            };
            api::articles(listing, page).await
        }
    });
    view! {
        <Loaded data=list let:page>
            {
                let title = page.category.as_ref().map(|c| c.title.clone()).unwrap_or_default();
                view! {
                    <Title text=title.clone()/>
                    <Breadcrumb crumbs=vec![Crumb::here(title.clone())]/>
                    <h1 class="page-title">{title}</h1>
                    <PagedArticles page base=routes::category(&slug())/>
                }
            }
        </Loaded>
    }
}
