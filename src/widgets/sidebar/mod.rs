//! The sidebar: its blocks, their order and titles as the backend sends them.

mod block;
mod poll_panel;
mod public_services;
mod showcase;
mod visitors;
mod weblinks;

use leptos::prelude::*;
use portal_contract::SidebarBlock;

use portal_contract::words;

use crate::loading::{Fetched, Loaded};
use poll_panel::PollPanel;
use public_services::PublicServices;
use showcase::Showcase;
use visitors::Visitors;
pub use visitors::provide_visitor_figures;
use weblinks::Weblinks;

/// The answer of `/api/sidebar`, which the footer shares.
pub type FrameData = Fetched<portal_contract::Sidebar>;

#[component]
pub fn Sidebar(sidebar: FrameData) -> impl IntoView {
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
        SidebarBlock::PublicServices {
            title,
            results,
            portal_url,
        } => view! { <PublicServices title results portal_url/> }.into_any(),
        SidebarBlock::Showcase { title, items } => view! { <Showcase title items/> }.into_any(),
        SidebarBlock::Weblinks { title, groups } => view! { <Weblinks title groups/> }.into_any(),
        SidebarBlock::Visitors { title, counts } => view! { <Visitors title counts/> }.into_any(),
    }
}
