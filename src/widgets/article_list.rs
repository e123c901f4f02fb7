//! Lists of article summaries, as the home and category pages show them, with their pager.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use portal_contract::{ArticleList as Page, ArticleSummary, PageRequest};

use super::pagination::Pagination;
use crate::{
    format::{date_line, thousands},
    routes,
};

/// The page asked for in `?trang=N`; 1 when absent or not a page number.
pub fn use_page_query() -> impl Fn() -> u32 + Copy {
    let query = use_query_map();
    move || {
        query
            .read()
            .get("trang")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }
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
        return view! { <p class="empty">"Chưa có bài viết nào."</p> }.into_any();
    }
    let entries = items
        .into_iter()
        .map(|item| {
            view! {
                <li class="article-card">
                    <h2 class="article-card__title"><A href=routes::article(item.id)>{item.title}</A></h2>
                    <p class="article-card__date">
                        <time datetime=item.published_at.to_string()>{date_line(item.published_at)}</time>
                        <span class="article-card__views">{format!("Đã xem: {}", thousands(item.views))}</span>
                    </p>
                    <p class="article-card__summary">{item.summary}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="article-list">{entries}</ul> }.into_any()
}
