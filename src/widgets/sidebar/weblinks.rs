//! "Liên kết Website": linked sites by group, each opening in a new tab through our
//! counting redirect.

use leptos::prelude::*;
use portal_contract::{WeblinkGroup, words};

use super::block::Block;
use portal_contract::format::thousands;

use crate::routes::weblink_visit;

#[component]
pub fn Weblinks(title: String, groups: Vec<WeblinkGroup>) -> impl IntoView {
    let groups = groups
        .into_iter()
        .map(|group| {
            let links = group
                .links
                .into_iter()
                .map(|link| {
                    view! {
                        <li class="weblink">
                            <a href=weblink_visit(link.id) target="_blank" rel="noopener noreferrer">
                                {link.title}
                                <span class="visually-hidden">{words::NEW_TAB}</span>
                            </a>
                            <span class="weblink__visits">{format!("Lượt truy cập: {}", thousands(link.visits))}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 class="weblinks__group">{group.title}</h3>
                <ul class="weblinks__list">{links}</ul>
            }
        })
        .collect_view();
    view! { <Block id="lien-ket" title class="weblinks">{groups}</Block> }
}
