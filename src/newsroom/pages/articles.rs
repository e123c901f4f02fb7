//! `/quan-tri`: every article, latest change first, narrowed by state (or the bin),
//! category and words of the title; twenty a page. The address holds the filters, so a
//! list can be reloaded and gone back to.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};
use portal_contract::{
    Category, PageRequest,
    format::{date_line, machine_time, short_date},
    newsroom::{ArticleRow, ArticleRows, ArticleState, Shelf},
    paths,
};

use crate::{
    api,
    loading::{Loaded, retried},
    newsroom::api::{self as newsroom_api, RowsRequest},
    routes::query_string,
    widgets::{
        category_select::CategorySelect, pagination::Pagination, search_box::navigate_on_submit,
    },
};

/// The shelves the list can show, as the state filter offers them.
const SHELVES: [(Shelf, &str); 5] = [
    (Shelf::Draft, "Bản nháp"),
    (Shelf::Scheduled, "Hẹn giờ đăng"),
    (Shelf::Published, "Đã đăng"),
    (Shelf::Unpublished, "Đã gỡ"),
    (Shelf::Bin, "Thùng rác"),
];

fn shelf_named(name: &str) -> Option<Shelf> {
    SHELVES
        .iter()
        .map(|(shelf, _)| *shelf)
        .find(|shelf| shelf.as_str() == name)
}

fn use_rows_request() -> Memo<RowsRequest> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        let value = |key: &str| query.get(key).unwrap_or_default();
        RowsRequest {
            shelf: shelf_named(&value("trang-thai")),
            category: value("chuyen-muc"),
            q: value("q").trim().to_owned(),
            page: value("trang").parse().unwrap_or(1),
        }
    })
}

/// The list's address for `request`, without its page (the pager adds it).
fn address(request: &RowsRequest) -> String {
    let query = query_string(&[
        ("trang-thai", request.shelf.map_or("", Shelf::as_str)),
        ("chuyen-muc", &request.category),
        ("q", &request.q),
    ]);
    format!("{}?{query}", paths::NEWSROOM)
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    let request = use_rows_request();
    let categories = retried(api::categories);
    let rows = retried(move || {
        let request = request.get();
        async move { newsroom_api::rows(&request).await }
    });
    view! {
        <Title text="Bài viết · Quản trị nội dung"/>
        <div class="newsroom-title">
            <h1 class="page-title">"Bài viết"</h1>
            <A href=paths::NEWSROOM_NEW_ARTICLE attr:class="button">"Viết bài mới"</A>
        </div>
        {move || {
            let categories = categories.get().and_then(Result::ok).unwrap_or_default();
            view! { <Filters request=request.get() categories/> }
        }}
        <Loaded data=rows let:rows>
            <Rows rows request=request.get_untracked()/>
        </Loaded>
    }
}

/// State, category and words of the title: a GET form the router follows.
#[component]
fn Filters(request: RowsRequest, categories: Vec<Category>) -> impl IntoView {
    let shelves = SHELVES
        .iter()
        .map(|(shelf, label)| {
            let selected = request.shelf == Some(*shelf);
            view! { <option value=shelf.as_str() selected=selected>{*label}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=paths::NEWSROOM class="search-filters" role="search"
            aria-label="Lọc bài viết" on:submit=navigate_on_submit()>
            <div class="field">
                <label for="loc-trang-thai">"Trạng thái"</label>
                <select id="loc-trang-thai" name="trang-thai">
                    <option value="">"Tất cả (trừ thùng rác)"</option>
                    {shelves}
                </select>
            </div>
            <CategorySelect id="loc-chuyen-muc" name="chuyen-muc" categories selected=request.category/>
            <div class="field">
                <label for="loc-tieu-de">"Tiêu đề có từ"</label>
                <input id="loc-tieu-de" type="search" name="q" value=request.q/>
            </div>
            <button type="submit" class="button">"Lọc"</button>
        </form>
    }
}

#[component]
fn Rows(rows: ArticleRows, request: RowsRequest) -> impl IntoView {
    if rows.items.is_empty() {
        return view! { <p role="status">"Không có bài viết nào."</p> }.into_any();
    }
    let pages = PageRequest::page_count(rows.total, rows.per_page);
    let lines = rows
        .items
        .into_iter()
        .map(|row| view! { <Line row/> })
        .collect_view();
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Danh sách bài viết"</caption>
            <thead>
                <tr>
                    <th scope="col">"Tiêu đề"</th>
                    <th scope="col">"Trạng thái"</th>
                    <th scope="col">"Chuyên mục"</th>
                    <th scope="col">"Tác giả"</th>
                    <th scope="col">"Thời gian đăng"</th>
                    <th scope="col">"Sửa lần cuối"</th>
                </tr>
            </thead>
            <tbody>{lines}</tbody>
        </table>
        <Pagination base=address(&request) page=rows.page pages/>
    }
    .into_any()
}

#[component]
fn Line(row: ArticleRow) -> impl IntoView {
    let state = if row.in_bin {
        "Thùng rác"
    } else {
        row.state.label()
    };
    let scheduled = row.state == ArticleState::Scheduled;
    view! {
        <tr>
            <td><A href=paths::newsroom_article(row.id)>{row.title}</A></td>
            <td class=move || if scheduled { "newsroom-state newsroom-state--scheduled" } else { "newsroom-state" }>{state}</td>
            <td>{row.category}</td>
            <td>{row.author}</td>
            <td><time datetime=machine_time(row.published_at)>{date_line(row.published_at)}</time></td>
            <td><time datetime=machine_time(row.updated_at)>{short_date(row.updated_at)}</time></td>
        </tr>
    }
}
