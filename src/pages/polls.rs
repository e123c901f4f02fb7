//! `/binh-chon`: every poll, open and closed.

use leptos::prelude::*;
use leptos_meta::Title;
use portal_contract::Poll;

use crate::{
    api,
    loading::{Loaded, retried},
    widgets::{
        breadcrumb::{Breadcrumb, Crumb},
        poll::PollBox,
    },
};

#[component]
pub fn PollsPage() -> impl IntoView {
    let polls = retried(api::polls);
    view! {
        <Title text="Các cuộc bình chọn"/>
        <Breadcrumb crumbs=vec![Crumb::here("Bình chọn")]/>
        <h1 class="page-title">"Các cuộc bình chọn"</h1>
        <Loaded data=polls let:polls>
            {
                let (open, closed): (Vec<_>, Vec<_>) = polls.into_iter().partition(|p| p.is_open);
                view! {
                    <PollGroup heading="Đang diễn ra" polls=open/>
                    <PollGroup heading="Đã kết thúc" polls=closed/>
                }
            }
        </Loaded>
    }
}

#[component]
fn PollGroup(heading: &'static str, polls: Vec<Poll>) -> impl IntoView {
    (!polls.is_empty()).then(|| {
        let boxes = polls
            .into_iter()
            .map(|poll| view! { <div class="block"><PollBox poll/></div> })
            .collect_view();
        view! { <section class="poll-group"><h2>{heading}</h2>{boxes}</section> }
    })
}
