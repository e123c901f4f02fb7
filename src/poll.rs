//! The product-voting panel ("Bình chọn SẢN PHẨM CNNTTB") and the page of all polls.
//!
//! Choices are a fieldset with the question as legend (radios for one answer, checkboxes
//! for several). The ballot is checked here with the same rule the server applies, so a
//! wrong count is explained inline and nothing is sent. Results are text; the bars are
//! decoration, hidden from screen readers.

use leptos::{html, prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_location};
use portal_contract::{Poll, PollOption, check_ballot};

use crate::{
    api,
    format::{date_line, percent_vi, thousands},
    loading::{LoadFailed, Loading, refusal_message, track_retry},
    sidebar::Block,
};

pub const POLLS_PATH: &str = "/binh-chon";
const RECORDED: &str = "Hệ thống đã ghi nhận bình chọn của bạn.";
const ENDED: &str = "Cuộc bình chọn đã kết thúc";

/// The poll the panel shows: the first open featured one, else the first open one.
pub fn featured(polls: Vec<Poll>) -> Option<Poll> {
    let open = || polls.iter().filter(|p| p.is_open);
    let chosen = open().find(|p| p.featured).or_else(|| open().next())?.id;
    polls.into_iter().find(|p| p.id == chosen)
}

/// The choices after the reader ticks or unticks `option`.
pub fn toggled(chosen: &[i64], option: i64, checked: bool, single: bool) -> Vec<i64> {
    match (single, checked) {
        (true, _) => vec![option],
        (false, true) if !chosen.contains(&option) => [chosen, &[option]].concat(),
        (false, true) => chosen.to_vec(),
        (false, false) => chosen.iter().copied().filter(|id| *id != option).collect(),
    }
}

/// "Tổng số: 12 lượt - Tính từ: Thứ năm - 01/01/2026 00:00".
pub fn total_line(poll: &Poll) -> String {
    format!(
        "Tổng số: {} lượt - Tính từ: {}",
        thousands(poll.total_votes),
        date_line(poll.starts_at)
    )
}

/// The sidebar panel with the featured poll; left out on the page of all polls, which
/// shows the same poll already.
#[component]
pub fn PollPanel(title: String) -> impl IntoView {
    let location = use_location();
    move || {
        let title = title.clone();
        (location.pathname.get() != POLLS_PATH).then(|| view! { <FeaturedPoll title/> })
    }
}

#[component]
fn FeaturedPoll(title: String) -> impl IntoView {
    let polls = LocalResource::new(|| {
        track_retry();
        api::polls()
    });
    view! {
        <Block id="binh-chon" title class="poll-panel">
            {move || match polls.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(_)) => view! { <p class="block__note">"Chưa tải được cuộc bình chọn."</p> }.into_any(),
                Some(Ok(polls)) => match featured(polls) {
                    Some(poll) => view! { <PollBox poll/> }.into_any(),
                    None => view! { <p class="block__note">"Hiện chưa có cuộc bình chọn nào."</p> }.into_any(),
                },
            }}
            <p class="block__more"><A href=POLLS_PATH>"Xem tất cả các cuộc bình chọn"</A></p>
        </Block>
    }
}

/// `/binh-chon`: every poll, open and closed.
#[component]
pub fn PollsPage() -> impl IntoView {
    let polls = LocalResource::new(|| {
        track_retry();
        api::polls()
    });
    let group = |heading: &'static str, polls: Vec<Poll>| {
        (!polls.is_empty()).then(|| {
            let boxes = polls
                .into_iter()
                .map(|poll| view! { <div class="block"><PollBox poll/></div> })
                .collect_view();
            view! { <section class="poll-group"><h2>{heading}</h2>{boxes}</section> }
        })
    };
    view! {
        <Title text="Các cuộc bình chọn"/>
        <h1 class="page-title">"Các cuộc bình chọn"</h1>
        {move || match polls.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
            Some(Ok(polls)) => {
                let (open, closed): (Vec<_>, Vec<_>) = polls.into_iter().partition(|p| p.is_open);
                view! {
                    {group("Đang diễn ra", open)}
                    {group("Đã kết thúc", closed)}
                }
                .into_any()
            }
        }}
    }
}

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

#[component]
fn Ballot(
    poll: Poll,
    chosen: RwSignal<Vec<i64>>,
    sending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    on_submit: impl Fn() + Copy + 'static,
    on_results: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let single = poll.max_choices == 1;
    let name = format!("binh-chon-{}", poll.id);
    let error_id = format!("{name}-loi");
    let hint = (!single).then(|| {
        view! { <p class="poll__hint">{format!("Chọn tối đa {} phương án.", poll.max_choices)}</p> }
    });
    let options = poll
        .options
        .into_iter()
        .map(|option| {
            let id = option.id;
            let input_id = format!("{name}-{id}");
            view! {
                <li class="poll__option">
                    <input
                        type=if single { "radio" } else { "checkbox" }
                        id=input_id.clone()
                        name=name.clone()
                        value=id
                        prop:checked=move || chosen.read().contains(&id)
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            chosen.update(|c| *c = toggled(c, id, checked, single));
                        }
                    />
                    <label for=input_id>
                        {option.image.map(|src| view! { <img src=src alt="" width="40" height="40"/> })}
                        <span>{option.title}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <form class="poll__form" on:submit=move |ev| { ev.prevent_default(); on_submit(); }>
            <fieldset disabled=move || sending.get() aria-describedby=error_id.clone()>
                <legend class="poll__question">{poll.question}</legend>
                {hint}
                <ul class="poll__options">{options}</ul>
            </fieldset>
            <p class="poll__error" id=error_id role="alert">{move || error.get()}</p>
            <div class="poll__actions">
                <button type="submit" class="button" disabled=move || sending.get()>"Bình chọn"</button>
                <button type="button" class="button button--secondary" on:click=move |_| on_results()>"Kết quả"</button>
            </div>
        </form>
    }
}

#[component]
fn PollResults(
    poll: Poll,
    heading: NodeRef<html::H3>,
    on_back: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let total = total_line(&poll);
    let mine = poll.my_choices.clone();
    let rows = poll
        .options
        .into_iter()
        .map(|option| {
            let is_mine = mine.contains(&option.id);
            view! { <ResultRow option is_mine/> }
        })
        .collect_view();
    view! {
        <div class="poll-results">
            <h3 class="poll-results__question" tabindex="-1" node_ref=heading>{poll.question}</h3>
            {(!poll.is_open).then(|| view! { <p class="poll-results__ended">{ENDED}</p> })}
            <ul class="poll-results__options">{rows}</ul>
            <p class="poll-results__total">{total}</p>
            <p class="poll-results__voters">{format!("Số người đã bình chọn: {}", thousands(poll.voters))}</p>
            {poll.is_open.then(|| view! {
                <button type="button" class="button button--secondary" on:click=move |_| on_back()>"Quay lại bình chọn"</button>
            })}
        </div>
    }
}

#[component]
fn ResultRow(option: PollOption, is_mine: bool) -> impl IntoView {
    let name = match option.link {
        Some(href) => view! { <A href=href>{option.title}</A> }.into_any(),
        None => view! { <span>{option.title}</span> }.into_any(),
    };
    let figures = format!(
        "{}% ({} lượt)",
        percent_vi(option.percent_hundredths),
        thousands(option.votes)
    );
    view! {
        <li class="poll-results__option" class:poll-results__option--mine=is_mine>
            <span class="poll-results__name">
                {name}
                {is_mine.then(|| view! { <strong class="poll-results__mine">" ✓ Lựa chọn của bạn"</strong> })}
            </span>
            <span class="poll-results__figures">{figures}</span>
            <progress class="poll-results__bar" max="10000" value=option.percent_hundredths aria-hidden="true"></progress>
        </li>
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

    #[test]
    fn radios_replace_and_checkboxes_add_or_remove() {
        assert_eq!(toggled(&[1], 2, true, true), [2]);
        assert_eq!(toggled(&[1], 2, true, false), [1, 2]);
        assert_eq!(toggled(&[1, 2], 2, true, false), [1, 2]);
        assert_eq!(toggled(&[1, 2], 1, false, false), [2]);
    }

    #[test]
    fn the_total_line_reads_as_nukeviets() {
        assert_eq!(
            total_line(&poll(1, true, true)),
            "Tổng số: 1.234 lượt - Tính từ: Thứ năm - 01/01/2026 00:00"
        );
    }
}
