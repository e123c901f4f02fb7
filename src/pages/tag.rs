//! `/the/{tag}`: the articles that carry a tag, newest first, a page at a time.

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
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let tag = move || params.read().get("tag").unwrap_or_default();
    let page = use_page_query();
    let list = retried(move || {
        let (tag, page) = (tag(), page());
        async move {
            let listing = api::Listing {
                category: None,
                tag: Some(&tag),
            };
            api::articles(listing, page).await
        }
    });
    view! {
        <Loaded data=list let:page>
            {
                let heading = format!("Từ khóa: {}", tag());
                view! {
                    <Title text=heading.clone()/>
                    <Breadcrumb crumbs=vec![Crumb::here(heading.clone())]/>
                    <h1 class="page-title">{heading}</h1>
                    <PagedArticles page base=routes::tag(&tag())/>
                }
            }
        </Loaded>
    }
}
