//! "Liên kết Website": linked sites by group, each opening in a new tab through our
//! counting redirect.

use leptos::prelude::*;
use portal_contract::WeblinkGroup;

use crate::{format::thousands, sidebar::Block};

/// Where a link points: our redirect, which counts the visit.
pub fn visit_href(id: i64) -> String {
    format!("/api/weblinks/{id}/visit")
}

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
                            <a href=visit_href(link.id) target="_blank" rel="noopener noreferrer">
                                {link.title}
                                <span class="visually-hidden">" (mở trong thẻ mới)"</span>
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

#[cfg(test)]
mod tests {
    #[test]
    fn links_go_through_the_counting_redirect() {
        assert_eq!(super::visit_href(7), "/api/weblinks/7/visit");
    }
}
