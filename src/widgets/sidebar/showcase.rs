//! "Tiềm năng, thế mạnh và các sản phẩm thương mại": picture cards linking to articles.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_contract::ShowcaseItem;

use super::block::Block;

#[component]
pub fn Showcase(title: String, items: Vec<ShowcaseItem>) -> impl IntoView {
    let cards = items
        .into_iter()
        .filter_map(|item| {
            // A card whose article is gone would lead nowhere: leave it out.
            let href = item.link?;
            Some(view! {
                <li class="showcase__card">
                    <A href=href>
                        <img src=item.image alt="" width="64" height="64" loading="lazy"/>
                        <span>{item.title}</span>
                    </A>
                </li>
            })
        })
        .collect_view();
    view! {
        <Block id="tiem-nang" title class="showcase">
            <ul class="showcase__cards">{cards}</ul>
        </Block>
    }
}
