//! "Bình chọn SẢN PHẨM CNNTTB": the featured poll in the sidebar.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};
use portal_contract::Poll;

use super::block::Block;
use crate::{
    api,
    loading::{Loaded, retried},
    routes::POLLS,
    widgets::poll::PollBox,
};

/// The poll the panel shows: the first open featured one, else the first open one.
pub fn featured(polls: Vec<Poll>) -> Option<Poll> {
    let open = || polls.iter().filter(|p| p.is_open);
    let chosen = open().find(|p| p.featured).or_else(|| open().next())?.id;
    polls.into_iter().find(|p| p.id == chosen)
}

/// The sidebar panel with the featured poll; left out on the page of all polls, which
/// shows the same poll already.
#[component]
pub fn PollPanel(title: String) -> impl IntoView {
    let location = use_location();
    move || {
        let title = title.clone();
        (location.pathname.get() != POLLS).then(|| view! { <FeaturedPoll title/> })
    }
}

#[component]
fn FeaturedPoll(title: String) -> impl IntoView {
    let polls = retried(api::polls);
    view! {
        <Block id="binh-chon" title class="poll-panel">
            <Loaded data=polls failure_note="Chưa tải được cuộc bình chọn." let:polls>
                {match featured(polls) {
                    Some(poll) => view! { <PollBox poll/> }.into_any(),
                    None => view! { <p class="block__note">"Hiện chưa có cuộc bình chọn nào."</p> }.into_any(),
                }}
            </Loaded>
            <p class="block__more"><A href=POLLS>"Xem tất cả các cuộc bình chọn"</A></p>
        </Block>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn poll(id: i64, featured: bool, is_open: bool) -> Poll {
        Poll {
            id,
            slug: format!("p{id}"),
            question: "?".into(),
            link: None,
            max_choices: 1,
            starts_at: datetime!(2026-01-01 00:00 +7),
            ends_at: None,
            revote: portal_contract::RevotePolicy::Once,
            featured,
            is_open,
            options: vec![],
            total_votes: 1234,
            voters: 7,
            my_choices: vec![],
        }
    }

    #[test]
    fn the_panel_prefers_an_open_featured_poll() {
        let polls = vec![
            poll(1, false, true),
            poll(2, true, false),
            poll(3, true, true),
        ];
        assert_eq!(featured(polls).map(|p| p.id), Some(3));
        let polls = vec![poll(1, true, false), poll(2, false, true)];
        assert_eq!(featured(polls).map(|p| p.id), Some(2));
        assert_eq!(featured(vec![poll(1, true, false)]), None);
    }
}
