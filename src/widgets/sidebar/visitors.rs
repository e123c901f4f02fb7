//! "Thống kê truy cập": the counter of provincial portals, with figures the server keeps
//! (each reader once a day; "online" is seen in the last five minutes).

use leptos::prelude::*;
use portal_contract::{VisitorCounts, format::thousands};

use super::block::Block;

#[component]
pub fn Visitors(title: String, counts: VisitorCounts) -> impl IntoView {
    let rows = [
        ("Đang truy cập", counts.online),
        ("Hôm nay", counts.today),
        ("Tháng hiện tại", counts.this_month),
        ("Tổng lượt truy cập", counts.total),
    ]
    .into_iter()
    .map(|(name, count)| view! { <dt>{name}</dt><dd>{thousands(count)}</dd> })
    .collect_view();
    view! {
        <Block id="thong-ke" title class="visitors">
            <dl class="visitors__figures">{rows}</dl>
        </Block>
    }
}
