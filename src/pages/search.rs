//! `/tim-kiem?q=…`: search results, ten a page, with filters by category and by days.
//! Everything the page shows is in its address, so it can be shared, reloaded and gone
//! back to.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};
use portal_contract::{
    Category, PageRequest, QUERY_CHARS, SearchHit, SearchResults, is_searchable,
};

use portal_contract::format::{date_line, machine_time, thousands};

use crate::{
    api::{self, SearchRequest},
    loading::{Loaded, retried},
    routes::{self, SEARCH, query_string},
    widgets::{
        breadcrumb::{Breadcrumb, Crumb},
        category_select::CategorySelect,
        pagination::Pagination,
        search_box::navigate_on_submit,
    },
};

/// The search the address asks for.
fn use_search_request() -> Memo<SearchRequest> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        let value = |key: &str| query.get(key).unwrap_or_default();
        SearchRequest {
            q: value("q").trim().to_owned(),
            category: value("chuyen-muc"),
            from: value("tu-ngay"),
            to: value("den-ngay"),
            page: value("trang").parse().unwrap_or(1),
        }
    })
}

/// This search's address, without its page (the pager adds it).
fn address(request: &SearchRequest) -> String {
    let query = query_string(&[
        ("q", &request.q),
        ("chuyen-muc", &request.category),
        ("tu-ngay", &request.from),
        ("den-ngay", &request.to),
    ]);
    format!("{SEARCH}?{query}")
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let request = use_search_request();
    let categories = retried(api::categories);
    // Words that cannot be searched are not asked: the page explains the rule instead.
    let results = retried(move || api::search(&request.read()));
    let body = move || {
        let current = request.get();
        if is_searchable(&current.q) {
            view! {
                <Loaded data=results let:found>
                    <Results found request=current.clone()/>
                </Loaded>
            }
            .into_any()
        } else if current.q.is_empty() {
            view! { <p class="search__tip">"Nhập từ khóa để tìm các bài viết của cổng thông tin."</p> }.into_any()
        } else {
            view! { <p class="search__tip" role="alert">"Từ khóa tìm kiếm phải có từ 2 đến 200 ký tự."</p> }.into_any()
        }
    };
    view! {
        <Title text=move || format!("Tìm kiếm: {}", request.get().q)/>
        <Breadcrumb crumbs=vec![Crumb::here("Tìm kiếm")]/>
        <h1 class="page-title">"Tìm kiếm"</h1>
        {move || view! { <Filters request=request.get() categories=categories.get().and_then(Result::ok).unwrap_or_default()/> }}
        {body}
    }
}

/// The words again, with the category and the days to narrow them to.
#[component]
fn Filters(request: SearchRequest, categories: Vec<Category>) -> impl IntoView {
    view! {
        <form method="get" action=SEARCH class="search-filters" role="search" aria-label="Tìm kiếm nâng cao" on:submit=navigate_on_submit()>
            <div class="field">
                <label for="tim-tu-khoa">"Từ khóa"</label>
                <input id="tim-tu-khoa" type="search" name="q" value=request.q
                    minlength=*QUERY_CHARS.start() maxlength=*QUERY_CHARS.end() required/>
            </div>
            <CategorySelect id="tim-chuyen-muc" name="chuyen-muc" categories selected=request.category/>
            <div class="field">
                <label for="tim-tu-ngay">"Từ ngày"</label>
                <input id="tim-tu-ngay" type="date" name="tu-ngay" value=request.from/>
            </div>
            <div class="field">
                <label for="tim-den-ngay">"Đến ngày"</label>
                <input id="tim-den-ngay" type="date" name="den-ngay" value=request.to/>
            </div>
            <button type="submit" class="button">"Tìm kiếm"</button>
        </form>
    }
}

#[component]
fn Results(found: SearchResults, request: SearchRequest) -> impl IntoView {
    if found.items.is_empty() {
        return view! {
            <div class="search__none" role="status">
                <p>{format!("Không tìm thấy kết quả nào cho “{}”.", found.query)}</p>
                <p>"Gợi ý: kiểm tra lại chính tả, dùng ít từ hơn hoặc từ khóa chung hơn, hoặc bỏ bớt bộ lọc chuyên mục và ngày."</p>
            </div>
        }
        .into_any();
    }
    let pages = PageRequest::page_count(found.total, found.per_page);
    let hits = found
        .items
        .into_iter()
        .map(|hit| view! { <Hit hit/> })
        .collect_view();
    view! {
        <p class="search__count" role="status">
            {format!("Tìm thấy {} kết quả cho “{}”", thousands(found.total), found.query)}
        </p>
        <ol class="search__results">{hits}</ol>
        <Pagination base=address(&request) page=found.page pages/>
    }
    .into_any()
}

#[component]
fn Hit(hit: SearchHit) -> impl IntoView {
    let article = hit.article;
    view! {
        <li class="search-hit">
            <h2 class="search-hit__title"><A href=routes::article(article.id)>{article.title}</A></h2>
            <p class="search-hit__meta">
                <time datetime=machine_time(article.published_at)>{date_line(article.published_at)}</time>
                " · "
                <A href=routes::category(&article.category.slug)>{article.category.title}</A>
            </p>
            // The server escapes the text and adds only <mark>.
            <p class="search-hit__snippet" inner_html=hit.snippet_html></p>
        </li>
    }
}
