//! "Trang trước · Trang N/M · Trang sau" under a paged list.

use leptos::prelude::*;
use leptos_router::components::A;

use portal_contract::words;

use crate::routes;

/// The pager of a list at `base` (an address, possibly with a query of its own).
#[component]
pub fn Pagination(base: String, page: u32, pages: u32) -> impl IntoView {
    let href = |n: u32| routes::list_page(&base, n);
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=words::PAGINATION_LABEL>
                {(page > 1).then(|| view! { <A href=href(page - 1) attr:rel="prev">{words::PREVIOUS_PAGE}</A> })}
                <span class="pagination__where">{words::page_of(page, pages)}</span>
                {(page < pages).then(|| view! { <A href=href(page + 1) attr:rel="next">{words::NEXT_PAGE}</A> })}
            </nav>
        }
    })
}
