//! "Thống kê truy cập": the counter of provincial portals, with figures the server keeps
//! (each reader once a day; "online" is seen in the last five minutes).

use leptos::prelude::*;
use portal_contract::{VisitorCounts, format::thousands};

use super::block::Block;

/// Newer figures than the sidebar's: those the app got when it counted the reader's
/// visit (a new reader's first page).
#[derive(Clone, Copy)]
pub struct VisitorFigures(pub RwSignal<Option<VisitorCounts>>);

pub fn provide_visitor_figures() -> VisitorFigures {
    let figures = VisitorFigures(RwSignal::new(None));
    provide_context(figures);
    figures
}

#[component]
pub fn Visitors(title: String, counts: VisitorCounts) -> impl IntoView {
    let newer = use_context::<VisitorFigures>();
    let shown = move || newer.and_then(|newer| newer.0.get()).unwrap_or(counts);
    let row = move |name: &'static str, count: fn(VisitorCounts) -> u64| {
        view! { <dt>{name}</dt><dd>{move || thousands(count(shown()))}</dd> }
    };
    let rows = (
        row("Đang truy cập", |c| c.online),
        row("Hôm nay", |c| c.today),
        row("Tháng hiện tại", |c| c.this_month),
        row("Tổng lượt truy cập", |c| c.total),
    );
    view! {
        <Block id="thong-ke" title class="visitors">
            <dl class="visitors__figures">{rows}</dl>
        </Block>
    }
}
