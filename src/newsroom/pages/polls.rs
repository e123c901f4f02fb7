//! `/quan-tri/binh-chon`: every poll, the newest first, with where it stands and how
//! many took part.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use portal_contract::{
    content::{EditedPoll, PollRecord},
    format::{date_line, machine_time, thousands},
    paths,
};
use time::OffsetDateTime;

use crate::{
    loading::{Loaded, retried},
    newsroom::{api as newsroom_api, form::now},
};

/// Where a poll stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotStarted,
    Open,
    Ended,
}

impl Phase {
    pub fn of(poll: &PollRecord, now: OffsetDateTime) -> Self {
        if poll.starts_at > now {
            Self::NotStarted
        } else if poll.ends_at.is_some_and(|end| end <= now) {
            Self::Ended
        } else {
            Self::Open
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Chưa bắt đầu",
            Self::Open => "Đang mở",
            Self::Ended => "Đã kết thúc",
        }
    }
}

#[component]
pub fn PollsPage() -> impl IntoView {
    let polls = retried(newsroom_api::polls);
    view! {
        <Title text="Bình chọn · Quản trị nội dung"/>
        <div class="newsroom-title">
            <h1 class="page-title">"Bình chọn"</h1>
            <A href=paths::newsroom_poll("moi") attr:class="button">"Thêm cuộc bình chọn"</A>
        </div>
        <Loaded data=polls let:polls>
            <PollTable polls/>
        </Loaded>
    }
}

#[component]
fn PollTable(polls: Vec<EditedPoll>) -> impl IntoView {
    if polls.is_empty() {
        return view! { <p role="status">"Chưa có cuộc bình chọn nào."</p> }.into_any();
    }
    let now = now();
    let rows = polls
        .into_iter()
        .map(|edited| {
            let choices: u64 = edited.votes.iter().sum();
            let poll = edited.poll;
            let phase = Phase::of(&poll, now).label();
            let question = poll.question;
            let ends = poll.ends_at.map(|end| {
                view! { <time datetime=machine_time(end)>{date_line(end)}</time> }
            });
            view! {
                <tr>
                    <td><A href=paths::newsroom_poll(&edited.id.to_string())>{question}</A></td>
                    <td>{phase}</td>
                    <td><time datetime=machine_time(poll.starts_at)>{date_line(poll.starts_at)}</time></td>
                    <td>{ends}</td>
                    <td>{thousands(choices)}</td>
                    <td>{thousands(edited.voters)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Danh sách cuộc bình chọn"</caption>
            <thead>
                <tr>
                    <th scope="col">"Câu hỏi"</th>
                    <th scope="col">"Trạng thái"</th>
                    <th scope="col">"Bắt đầu"</th>
                    <th scope="col">"Kết thúc"</th>
                    <th scope="col">"Lượt chọn"</th>
                    <th scope="col">"Người bình chọn"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
