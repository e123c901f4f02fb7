//! A poll's results: figures as text, bars as decoration.

use leptos::{html, prelude::*};
use leptos_router::components::A;
use portal_contract::{Poll, PollOption};
use time::OffsetDateTime;

use portal_contract::format::{date_line, percent_vi, thousands};

use crate::widgets::posting::this_page;

const ENDED: &str = "Cuộc bình chọn đã kết thúc";

/// "Tổng số: 12 lượt - Tính từ: Thứ năm - 01/01/2026 00:00".
pub fn total_line(total_votes: u64, since: OffsetDateTime) -> String {
    format!(
        "Tổng số: {} lượt - Tính từ: {}",
        thousands(total_votes),
        date_line(since)
    )
}

#[component]
pub fn PollResults(
    poll: Poll,
    heading: NodeRef<html::H3>,
    on_back: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let total = total_line(poll.total_votes, poll.starts_at);
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
            {poll.is_open.then(|| view! { <BackToBallot on_back/> })}
        </div>
    }
}

/// "Quay lại bình chọn": the ballot again. Where the app does not run (the results were
/// the answer to a form, at the poll's anchor), a link that loads this page anew: without
/// the anchor, or the browser would only scroll.
#[component]
fn BackToBallot(on_back: impl Fn() + Copy + 'static) -> impl IntoView {
    view! {
        <a
            class="button button--secondary"
            href=this_page()
            on:click=move |ev| { ev.prevent_default(); on_back(); }
        >"Quay lại bình chọn"</a>
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
    use super::total_line;
    use time::macros::datetime;

    #[test]
    fn the_total_line_reads_as_nukeviets() {
        assert_eq!(
            total_line(1234, datetime!(2026-01-01 00:00 +7)),
            "Tổng số: 1.234 lượt - Tính từ: Thứ năm - 01/01/2026 00:00"
        );
    }
}
