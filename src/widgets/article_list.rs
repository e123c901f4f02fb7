//! Lists of article summaries, as the home and category pages show them, with their pager.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use portal_contract::{ArticleList as Page, ArticleSummary, PageRequest, page_in_address};

use super::pagination::Pagination;
use portal_contract::format::{date_line, machine_time};

use portal_contract::words;

use crate::routes;

/// The page asked for in `?trang=N`; 1 when absent or not a page number.
pub fn use_page_query() -> impl Fn() -> u32 + Copy {
    let query = use_query_map();
    move || page_in_address(query.read().get("trang").as_deref())
}

/// One page of articles and the pager below it; `base` is the list's own address.
#[component]
pub fn PagedArticles(page: Page, base: String) -> impl IntoView {
    let pages = PageRequest::page_count(page.total, page.per_page);
    view! {
        <ArticleList items=page.items/>
        <Pagination base page=page.page pages/>
    }
}

#[component]
fn ArticleList(items: Vec<ArticleSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{words::NO_ARTICLES}</p> }.into_any();
    }
    let entries = items
        .into_iter()
        .map(|item| {
            let thumbnail = item.thumbnail.map(|picture| view! {
                <img class="article-card__thumbnail" src=picture.url width=picture.width
                    height=picture.height alt="" loading="lazy" decoding="async"/>
            });
            view! {
                <li class="article-card">
                    {thumbnail}
                    <h2 class="article-card__title"><A href=routes::article(item.id)>{item.title}</A></h2>
                    <p class="article-card__date">
                        <time datetime=machine_time(item.published_at)>{date_line(item.published_at)}</time>
                        <span class="article-card__views">{words::viewed(item.views)}</span>
                    </p>
                    <p class="article-card__summary">{item.summary}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="article-list">{entries}</ul> }.into_any()
}
