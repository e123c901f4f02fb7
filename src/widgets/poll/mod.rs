//! One poll: its ballot, or its results after voting (or on "Kết quả").
//!
//! Choices are a fieldset with the question as legend (radios for one answer, checkboxes
//! for several). The ballot is checked here with the same rule the server applies, so a
//! wrong count is explained inline and nothing is sent. Results are text; the bars are
//! decoration, hidden from screen readers.

mod ballot;
mod results;

use leptos::{html, prelude::*, task::spawn_local};
use portal_contract::{Poll, check_ballot};

use crate::{api, loading::refusal_message};
use ballot::Ballot;
use results::PollResults;

const RECORDED: &str = "Hệ thống đã ghi nhận bình chọn của bạn.";

/// One poll: the ballot form, or its results.
#[component]
pub fn PollBox(poll: Poll) -> impl IntoView {
    let chosen = RwSignal::new(poll.my_choices.clone());
    let showing_results = RwSignal::new(!poll.is_open);
    let poll = RwSignal::new(poll);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let results_heading = NodeRef::<html::H3>::new();

    let show_results = move |announcement: String| {
        showing_results.set(true);
        status.set(announcement);
        request_animation_frame(move || {
            if let Some(heading) = results_heading.get_untracked() {
                let _ = heading.focus();
            }
        });
    };
    let submit = move || {
        let current = poll.get_untracked();
        let ids: Vec<i64> = current.options.iter().map(|o| o.id).collect();
        let ballot = chosen.get_untracked();
        if let Err(invalid) = check_ballot(&ballot, &ids, current.max_choices) {
            error.set(Some(invalid.message()));
            return;
        }
        error.set(None);
        sending.set(true);
        spawn_local(async move {
            match api::vote(current.id, ballot).await {
                Ok(results) => {
                    poll.set(results);
                    show_results(RECORDED.into());
                }
                Err(failure) => error.set(Some(refusal_message(&failure, "bình chọn"))),
            }
            sending.set(false);
        });
    };

    view! {
        <div class="poll">
            {move || if showing_results.get() {
                view! { <PollResults poll=poll.get() heading=results_heading on_back=move || showing_results.set(false)/> }.into_any()
            } else {
                view! {
                    <Ballot
                        poll=poll.get()
                        chosen
                        sending
                        error
                        on_submit=submit
                        on_results=move || show_results("Kết quả bình chọn".into())
                    />
                }
                .into_any()
            }}
            <p class="poll__status" role="status">{move || status.get()}</p>
        </div>
    }
}
