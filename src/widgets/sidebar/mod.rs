//! The sidebar: its blocks, their order and titles as the backend sends them.

mod block;
mod poll_panel;
mod public_services;
mod showcase;
mod weblinks;

use leptos::prelude::*;
use portal_contract::SidebarBlock;

use portal_contract::words;

use crate::{
    api,
    loading::{Loaded, retried},
};
use poll_panel::PollPanel;
use public_services::PublicServices;
use showcase::Showcase;
use weblinks::Weblinks;

#[component]
pub fn Sidebar() -> impl IntoView {
    let sidebar = retried(api::sidebar);
    view! {
        <aside class="sidebar" aria-label=words::SIDEBAR_LABEL>
            <Loaded data=sidebar quiet=true failure_note="Chưa tải được các tiện ích." let:sidebar>
                {sidebar.blocks.into_iter().map(block).collect_view()}
            </Loaded>
        </aside>
    }
}

fn block(block: SidebarBlock) -> AnyView {
    match block {
        SidebarBlock::Poll { title } => view! { <PollPanel title/> }.into_any(),
        SidebarBlock::PublicServices { title, results } => {
            view! { <PublicServices title results/> }.into_any()
        }
        SidebarBlock::Showcase { title, items } => view! { <Showcase title items/> }.into_any(),
        SidebarBlock::Weblinks { title, groups } => view! { <Weblinks title groups/> }.into_any(),
    }
}
