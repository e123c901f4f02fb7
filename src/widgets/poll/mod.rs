//! One poll: its ballot, or its results after voting (or on "Kết quả").
//!
//! Choices are a fieldset with the question as legend (radios for one answer, checkboxes
//! for several). The ballot is checked here with the same rule the server applies, so a
//! wrong count is explained inline and nothing is sent. Results are text; the bars are
//! decoration, hidden from screen readers.

mod ballot;
mod results;

use leptos::{html, prelude::*, task::spawn_local};
use portal_contract::{Poll, Problem, check_ballot, forms};

use crate::{api, loading::refusal_message, request::ApiError, widgets::posting::posted};
use ballot::Ballot;
use results::PollResults;

const RECORDED: &str = "Hệ thống đã ghi nhận bình chọn của bạn.";
const RESULTS: &str = "Kết quả bình chọn";

/// How the box opens: showing the results (a closed poll, or after the form posted just
/// before), with what was said (`posted`: the ballot's outcome, `None` for "Kết quả").
fn opening(
    is_open: bool,
    posted: Option<Option<&Result<(), Problem>>>,
) -> (bool, String, Option<String>) {
    match posted {
        Some(None) => (true, RESULTS.into(), None),
        Some(Some(Ok(()))) => (true, RECORDED.into(), None),
        Some(Some(Err(problem))) => {
            let refusal = ApiError::from(problem.clone());
            (
                !is_open,
                String::new(),
                Some(refusal_message(&refusal, "bình chọn")),
            )
        }
        None => (!is_open, String::new(), None),
    }
}

/// One poll: the ballot form, or its results.
#[component]
pub fn PollBox(poll: Poll) -> impl IntoView {
    let posted = posted();
    let (showing_results, status, error) = opening(
        poll.is_open,
        posted
            .as_ref()
            .and_then(|posted| posted.poll_outcome(poll.id)),
    );
    let anchor = forms::poll_anchor(poll.id);
    let chosen = RwSignal::new(poll.my_choices.clone());
    let showing_results = RwSignal::new(showing_results);
    let poll = RwSignal::new(poll);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(error);
    let status = RwSignal::new(status);
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
    let submit = move |ballot: Vec<i64>| {
        let current = poll.get_untracked();
        let ids: Vec<i64> = current.options.iter().map(|o| o.id).collect();
        chosen.set(ballot.clone());
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
        <div class="poll" id=anchor>
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
                        on_results=move || show_results(RESULTS.into())
                    />
                }
                .into_any()
            }}
            <p class="poll__status" role="status">{move || status.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use portal_contract::Cause;

    use super::*;

    #[test]
    fn the_box_opens_on_what_the_form_posted_just_before() {
        assert_eq!(opening(true, None), (false, String::new(), None));
        assert_eq!(opening(false, None), (true, String::new(), None));
        assert_eq!(opening(true, Some(None)), (true, RESULTS.to_owned(), None));
        assert_eq!(
            opening(true, Some(Some(&Ok(())))),
            (true, RECORDED.to_owned(), None)
        );
        let once = Problem {
            cause: Cause::AlreadyVoted,
            title: "Bạn chỉ được bình chọn 1 lần".into(),
            status: 409,
            detail: None,
            request_id: None,
        };
        assert_eq!(
            opening(true, Some(Some(&Err(once)))),
            (
                false,
                String::new(),
                Some("Bạn chỉ được bình chọn 1 lần".to_owned())
            )
        );
    }
}
