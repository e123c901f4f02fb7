//! The sidebar: its blocks, their order and titles as the backend sends them.

use leptos::prelude::*;
use portal_contract::SidebarBlock;

use crate::{
    api, loading::track_retry, poll::PollPanel, public_services::PublicServices,
    showcase::Showcase, weblinks::Weblinks,
};

#[component]
pub fn Sidebar() -> impl IntoView {
    let sidebar = LocalResource::new(|| {
        track_retry();
        api::sidebar()
    });
    let blocks = move || match sidebar.get() {
        None => ().into_any(),
        Some(Err(_)) => {
            view! { <p class="block__note">"Chưa tải được các tiện ích."</p> }.into_any()
        }
        Some(Ok(sidebar)) => sidebar
            .blocks
            .into_iter()
            .map(block)
            .collect_view()
            .into_any(),
    };
    view! { <aside class="sidebar" aria-label="Tiện ích">{blocks}</aside> }
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

/// A titled sidebar block; `id` ties the heading to the region for screen readers.
#[component]
pub fn Block(
    id: &'static str,
    title: String,
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-tieu-de");
    let labelled_by = heading.clone();
    view! {
        <section class=format!("block {class}") aria-labelledby=labelled_by>
            <h2 class="block__title" id=heading>{title}</h2>
            {children()}
        </section>
    }
}
