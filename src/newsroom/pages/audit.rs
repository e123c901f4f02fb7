//! `/quan-tri/nhat-ky` (admins): the audit log of staff actions, the newest first, 50 a
//! page, narrowed by user, action and days. The address holds the filters; the log can
//! only be read.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal_contract::{
    PageRequest,
    audit::{ACTIONS, AuditEntry, AuditPage, action_label},
    format::{date_line, machine_time},
    paths,
};

use crate::{
    loading::{Loaded, retried},
    newsroom::api::{self as newsroom_api, AuditRequest},
    routes::query_string,
    widgets::{pagination::Pagination, search_box::navigate_on_submit},
};

fn use_audit_request() -> Memo<AuditRequest> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        let value = |key: &str| query.get(key).unwrap_or_default().trim().to_owned();
        AuditRequest {
            username: value("nguoi-dung"),
            action: value("thao-tac"),
            from: value("tu-ngay"),
            to: value("den-ngay"),
            page: value("trang").parse().unwrap_or(1),
        }
    })
}

/// The log's address for `request`, without its page (the pager adds it).
fn address(request: &AuditRequest) -> String {
    let query = query_string(&[
        ("nguoi-dung", &request.username),
        ("thao-tac", &request.action),
        ("tu-ngay", &request.from),
        ("den-ngay", &request.to),
    ]);
    format!("{}?{query}", paths::NEWSROOM_AUDIT)
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let request = use_audit_request();
    let entries = retried(move || {
        let request = request.get();
        async move { newsroom_api::audit(&request).await }
    });
    view! {
        <Title text="Nhật ký thao tác · Quản trị nội dung"/>
        <h1 class="page-title">"Nhật ký thao tác"</h1>
        {move || view! { <Filters request=request.get()/> }}
        <Loaded data=entries let:entries>
            <Entries entries request=request.get_untracked()/>
        </Loaded>
    }
}

/// User, action and days: a GET form the router follows.
#[component]
fn Filters(request: AuditRequest) -> impl IntoView {
    let actions = ACTIONS
        .iter()
        .map(|(key, label)| {
            let selected = request.action == *key;
            view! { <option value=*key selected=selected>{*label}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=paths::NEWSROOM_AUDIT class="search-filters" role="search"
            aria-label="Lọc nhật ký" on:submit=navigate_on_submit()>
            <div class="field">
                <label for="loc-nguoi-dung">"Tên đăng nhập"</label>
                <input id="loc-nguoi-dung" type="search" name="nguoi-dung" value=request.username/>
            </div>
            <div class="field">
                <label for="loc-thao-tac">"Thao tác"</label>
                <select id="loc-thao-tac" name="thao-tac">
                    <option value="">"Tất cả"</option>
                    {actions}
                </select>
            </div>
            <div class="field">
                <label for="loc-tu-ngay">"Từ ngày"</label>
                <input id="loc-tu-ngay" type="date" name="tu-ngay" value=request.from/>
            </div>
            <div class="field">
                <label for="loc-den-ngay">"Đến ngày"</label>
                <input id="loc-den-ngay" type="date" name="den-ngay" value=request.to/>
            </div>
            <button type="submit" class="button">"Lọc"</button>
        </form>
    }
}

#[component]
fn Entries(entries: AuditPage, request: AuditRequest) -> impl IntoView {
    if entries.items.is_empty() {
        return view! { <p role="status">"Không có thao tác nào."</p> }.into_any();
    }
    let pages = PageRequest::page_count(entries.total, entries.per_page);
    let lines = entries
        .items
        .into_iter()
        .map(|entry| view! { <Line entry/> })
        .collect_view();
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Nhật ký thao tác"</caption>
            <thead>
                <tr>
                    <th scope="col">"Thời gian"</th>
                    <th scope="col">"Tên đăng nhập"</th>
                    <th scope="col">"Thao tác"</th>
                    <th scope="col">"Đối tượng"</th>
                    <th scope="col">"Mạng"</th>
                </tr>
            </thead>
            <tbody>{lines}</tbody>
        </table>
        <Pagination base=address(&request) page=entries.page pages/>
    }
    .into_any()
}

#[component]
fn Line(entry: AuditEntry) -> impl IntoView {
    let action = action_label(&entry.action).to_owned();
    view! {
        <tr>
            <td><time datetime=machine_time(entry.at)>{date_line(entry.at)}</time></td>
            <td>{entry.username}</td>
            <td>{action}</td>
            <td>{entry.subject.unwrap_or_default()}</td>
            <td>{entry.network}</td>
        </tr>
    }
}
