//! `/nhung/binh-chon/{id}`: one poll, with a link to the portal's polls page.

use leptos::prelude::*;
use leptos_meta::Title;
use portal_contract::Poll;

use super::frame::{CookiesBlocked, FrameCookies};
use crate::{api, loading::page_by_id, routes::POLLS, widgets::poll::PollBox};

#[component]
pub fn EmbedPoll() -> impl IntoView {
    page_by_id(api::poll, |poll| view! { <EmbeddedPoll poll/> })
}

#[component]
fn EmbeddedPoll(poll: Poll) -> impl IntoView {
    let cookies = expect_context::<FrameCookies>();
    let question = poll.question.clone();
    let body = move || {
        if cookies.0.get() == Some(false) {
            view! { <CookiesBlocked href=POLLS.to_owned()/> }.into_any()
        } else {
            view! { <PollBox poll=poll.clone()/> }.into_any()
        }
    };
    view! {
        <Title text=question/>
        <section class="block embed__poll" aria-label="Bình chọn">{body}</section>
        <p class="embed__more">
            <a href=POLLS target="_blank" rel="noopener">"Xem trên cổng thông tin"</a>
        </p>
    }
}
