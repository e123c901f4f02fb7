//! `/quan-tri/binh-chon/moi` and `/quan-tri/binh-chon/:id`: a poll's question, dates,
//! how many options a reader may choose, whether they may vote again, and its options;
//! its results; "Kết thúc ngay". An option with ballots may be renamed, but the page
//! offers no way to remove or move it (the server refuses one anyway).

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};
use portal_contract::{
    content::{EditedPoll, OptionRecord, PollRecord},
    format::{local_input, parse_local_input, percent_vi, thousands},
    paths, percent_hundredths,
};

use super::polls::Phase;
use crate::{
    loading::refusal_message,
    newsroom::{
        api::{self as newsroom_api, Versioned},
        form::{Check, Input, Outcome, OutcomeLine, chosen_files, moved, now},
        opening::{Named, Opened, Opening},
    },
    request::ApiError,
};

/// What the page holds; `Copy`, so every handler can have it.
#[derive(Clone, Copy)]
struct PollEditing {
    poll: RwSignal<PollRecord>,
    /// The poll as last read or saved, with its results; `None` for a new one.
    saved: RwSignal<Option<EditedPoll>>,
    /// Its version, which a save names.
    etag: RwSignal<Option<String>>,
    outcome: RwSignal<Option<Outcome>>,
}

impl PollEditing {
    fn id(self) -> Option<i64> {
        self.saved.with(|saved| saved.as_ref().map(|s| s.id))
    }

    fn show(self, edited: Versioned<EditedPoll>) {
        self.poll.set(edited.item.poll.clone());
        self.saved.set(Some(edited.item));
        self.etag.set(Some(edited.etag));
    }

    /// The saved poll's id and version, for a save (`None` for a new poll).
    fn saving(self) -> Option<(i64, String)> {
        self.id().zip(self.etag.get_untracked())
    }

    /// Whether the options `edit` would leave keep every ballot where it is.
    fn allows(self, edit: impl Fn(&mut Vec<OptionRecord>)) -> bool {
        let mut options = self.poll.with(|p| p.options.clone());
        edit(&mut options);
        self.saved
            .with(|saved| saved.as_ref().is_none_or(|s| s.keeps_ballots(&options)))
    }
}

fn blank_poll() -> PollRecord {
    let option = |n: u32| OptionRecord {
        slug: format!("phuong-an-{n}"),
        title: String::new(),
        image: None,
        article: None,
    };
    PollRecord {
        slug: String::new(),
        question: String::new(),
        link: None,
        max_choices: 1,
        starts_at: now(),
        ends_at: None,
        revote_after_minutes: None,
        featured: false,
        options: vec![option(1), option(2)],
    }
}

#[component]
pub fn PollEditorPage() -> impl IntoView {
    let editing = PollEditing {
        poll: RwSignal::new(blank_poll()),
        saved: RwSignal::new(None),
        etag: RwSignal::new(None),
        outcome: RwSignal::new(None),
    };
    let named = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let opening = Opening::new();
    match Named::parse(&named) {
        Some(Named::New) => opening.loaded.set(true),
        Some(Named::Stored(id)) => spawn_local(async move {
            match newsroom_api::poll(id).await {
                Ok(edited) => editing.show(edited),
                Err(error) => opening
                    .failed
                    .set(Some(refusal_message(&error, "cuộc bình chọn"))),
            }
            opening.loaded.set(true);
        }),
        None => opening
            .failed
            .set(Some("Không tìm thấy cuộc bình chọn.".to_owned())),
    }
    let title = move || match editing.id() {
        Some(_) => "Sửa cuộc bình chọn",
        None => "Thêm cuộc bình chọn",
    };
    view! {
        <Title text=move || format!("{} · Quản trị nội dung", title())/>
        <h1 class="page-title">{title}</h1>
        <Opened opening>
            <PollForm editing/>
            <Results editing/>
        </Opened>
    }
}

#[component]
fn PollForm(editing: PollEditing) -> impl IntoView {
    let poll = editing.poll;
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The server makes a new poll's slug and keeps a stored one's.
        if let Err(error) = poll.with_untracked(PollRecord::check_content) {
            editing
                .outcome
                .set(Some(Outcome::Refused(error.message.to_owned())));
            return;
        }
        let navigate = navigate.clone();
        let saving = editing.saving();
        let id = editing.id();
        spawn_local(async move {
            let saving = saving.as_ref().map(|(id, etag)| (*id, etag.as_str()));
            let result = newsroom_api::save_poll(saving, &poll.get_untracked()).await;
            editing.outcome.set(Some(Outcome::of(
                &result,
                "Đã lưu cuộc bình chọn.",
                "cuộc bình chọn",
            )));
            if let Ok(edited) = result {
                let created = edited.item.id;
                editing.show(edited);
                if id.is_none() {
                    let replace = NavigateOptions {
                        replace: true,
                        ..Default::default()
                    };
                    navigate(&paths::newsroom_poll(&created.to_string()), replace);
                }
            }
        });
    };
    view! {
        <form class="newsroom-form" on:submit=submit novalidate>
            <p class="field__hint">{move || editing.saved.with(|s| s.as_ref().map(|s| Phase::of(&s.poll, now()).label()))}</p>
            <Input record=poll id="cau-hoi" label="Câu hỏi" required=true
                value=|p| p.question.clone() set=|p, v| p.question = v/>
            <Input record=poll id="so-lua-chon" label="Số phương án mỗi người được chọn" kind="number"
                value=|p| p.max_choices.to_string() set=|p, v| p.max_choices = v.trim().parse().unwrap_or(0)/>
            <Input record=poll id="bat-dau" label="Bắt đầu (giờ Việt Nam)" kind="datetime-local" required=true
                value=|p| local_input(p.starts_at)
                set=|p, v| if let Some(at) = parse_local_input(&v) { p.starts_at = at }/>
            <Input record=poll id="ket-thuc" label="Kết thúc (giờ Việt Nam; để trống nếu chưa định)" kind="datetime-local"
                value=|p| p.ends_at.map(local_input).unwrap_or_default()
                set=|p, v| p.ends_at = parse_local_input(&v)/>
            <Input record=poll id="binh-chon-lai" label="Cho bình chọn lại sau (phút; để trống: mỗi người một lần)" kind="number"
                value=|p| p.revote_after_minutes.map(|m| m.to_string()).unwrap_or_default()
                set=|p, v| p.revote_after_minutes = v.trim().parse().ok()/>
            <Check record=poll id="noi-bat" label="Hiện ở khối Bình chọn SẢN PHẨM CNNTTB (nổi bật)"
                value=|p| p.featured set=|p, v| p.featured = v/>
            <OptionsField editing/>
            <OutcomeLine outcome=editing.outcome/>
            <div class="article-editor__actions">
                <button type="submit" class="button">"Lưu"</button>
                <CloseButton editing/>
            </div>
        </form>
    }
}

#[component]
fn OptionsField(editing: PollEditing) -> impl IntoView {
    let poll = editing.poll;
    let slugs = move || poll.with(|p| p.options.iter().map(|o| o.slug.clone()).collect::<Vec<_>>());
    let add = move |_| {
        poll.update(|p| {
            let slug = p.next_option_slug();
            p.options.push(OptionRecord {
                slug,
                title: String::new(),
                image: None,
                article: None,
            });
        });
    };
    view! {
        <fieldset class="poll-options">
            <legend>"Phương án"</legend>
            <For each=slugs key=|slug| slug.clone() let:slug>
                <OptionRow editing slug/>
            </For>
            <button type="button" class="button button--secondary" on:click=add>"Thêm phương án"</button>
        </fieldset>
    }
}

#[component]
fn OptionRow(editing: PollEditing, slug: String) -> impl IntoView {
    let poll = editing.poll;
    let key = StoredValue::new(slug.clone());
    let index = move || {
        key.with_value(|slug| poll.with(|p| p.options.iter().position(|o| &o.slug == slug)))
    };
    let edit = move |change: &dyn Fn(&mut Vec<OptionRecord>, usize)| {
        if let Some(i) = index() {
            poll.update(|p| change(&mut p.options, i));
        }
    };
    let allowed = move |change: fn(&mut Vec<OptionRecord>, usize)| {
        index().is_some_and(|i| editing.allows(|options| change(options, i)))
    };
    let up: fn(&mut Vec<OptionRecord>, usize) = |o, i| moved(o, i, -1);
    let down: fn(&mut Vec<OptionRecord>, usize) = |o, i| moved(o, i, 1);
    let remove: fn(&mut Vec<OptionRecord>, usize) = |o, i| drop(o.remove(i));
    let is_first = move || index() == Some(0);
    let is_last = move || index().is_some_and(|i| i + 1 == poll.with(|p| p.options.len()));
    let votes = move || {
        editing.saved.with(|saved| {
            let saved = saved.as_ref()?;
            let at =
                key.with_value(|slug| saved.poll.options.iter().position(|o| &o.slug == slug))?;
            let votes = *saved.votes.get(at)?;
            Some(format!("{} lượt chọn", thousands(votes)))
        })
    };
    let id = format!("phuong-an-{slug}");
    view! {
        <div class="poll-option">
            <label for=id.clone()>{move || format!("Phương án {}", index().map_or(0, |i| i + 1))}</label>
            <input id=id type="text" required
                prop:value=move || index().map(|i| poll.with(|p| p.options[i].title.clone()))
                on:input=move |ev| {
                    let title = event_target_value(&ev);
                    edit(&|o, i| o[i].title = title.clone());
                }/>
            <span class="poll-option__votes">{votes}</span>
            <button type="button" class="button button--secondary"
                disabled=move || is_first() || !allowed(up) on:click=move |_| edit(&|o, i| up(o, i))>"Lên"</button>
            <button type="button" class="button button--secondary"
                disabled=move || is_last() || !allowed(down) on:click=move |_| edit(&|o, i| down(o, i))>"Xuống"</button>
            <button type="button" class="button button--secondary"
                disabled=move || !allowed(remove) on:click=move |_| edit(&|o, i| remove(o, i))>"Xóa"</button>
            <OptionExtras editing key/>
        </div>
    }
}

/// An option's picture (uploaded as the articles' are) and the article about it.
#[component]
fn OptionExtras(editing: PollEditing, key: StoredValue<String>) -> impl IntoView {
    let poll = editing.poll;
    let read = move |field: fn(&OptionRecord) -> Option<String>| {
        key.with_value(|slug| {
            poll.with(|p| p.options.iter().find(|o| &o.slug == slug).and_then(field))
        })
    };
    let write = move |change: Box<dyn Fn(&mut OptionRecord)>| {
        key.with_value(|slug| {
            poll.update(|p| {
                p.options
                    .iter_mut()
                    .filter(|o| &o.slug == slug)
                    .for_each(&change)
            });
        });
    };
    let upload = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_files(&ev).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            match newsroom_api::upload(&file).await {
                Ok(uploaded) if uploaded.picture => {
                    write(Box::new(move |o| o.image = Some(uploaded.url.clone())))
                }
                Ok(_) => editing.outcome.set(Some(Outcome::Refused(
                    "Ảnh của phương án phải là ảnh JPEG, PNG hoặc WebP".to_owned(),
                ))),
                Err(error) => editing
                    .outcome
                    .set(Some(Outcome::Refused(refusal_message(&error, "ảnh")))),
            }
        });
    };
    let number = move || {
        key.with_value(|slug| poll.with(|p| p.options.iter().position(|o| &o.slug == slug)))
            .map_or(0, |i| i + 1)
    };
    let slug = key.get_value();
    let (picture_id, article_id) = (format!("anh-{slug}"), format!("bai-viet-{slug}"));
    let picture = move || {
        read(|o| o.image.clone()).map(|src| {
            view! {
                <span class="upload__chosen">
                    <img class="upload__thumbnail" src=src alt="" width="40" height="40"/>
                    <button type="button" class="button button--secondary"
                        aria-label=move || format!("Bỏ ảnh của phương án {}", number())
                        on:click=move |_| write(Box::new(|o| o.image = None))>"Bỏ ảnh"</button>
                </span>
            }
        })
    };
    view! {
        <div class="poll-option__extras">
            {picture}
            <label for=picture_id.clone()>{move || format!("Ảnh của phương án {} (JPEG, PNG, WebP)", number())}</label>
            <input id=picture_id type="file" accept="image/jpeg,image/png,image/webp" on:change=upload/>
            <label for=article_id.clone()>{move || format!("Bài viết giới thiệu phương án {} (đường dẫn của bài, không bắt buộc)", number())}</label>
            <input id=article_id type="text"
                prop:value=move || read(|o| o.article.clone()).unwrap_or_default()
                on:input=move |ev| {
                    let text = event_target_value(&ev).trim().to_owned();
                    write(Box::new(move |o| o.article = Some(text.clone()).filter(|t| !t.is_empty())));
                }/>
        </div>
    }
}

/// "Kết thúc ngay", for a saved poll that is open.
#[component]
fn CloseButton(editing: PollEditing) -> impl IntoView {
    let close = move |_| {
        let Some(id) = editing.id() else { return };
        spawn_local(async move {
            let result: Result<Versioned<EditedPoll>, ApiError> =
                newsroom_api::close_poll(id).await;
            editing.outcome.set(Some(Outcome::of(
                &result,
                "Đã kết thúc cuộc bình chọn.",
                "yêu cầu",
            )));
            if let Ok(edited) = result {
                editing.show(edited);
            }
        });
    };
    let open = move || {
        editing.saved.with(|s| {
            s.as_ref()
                .is_some_and(|s| Phase::of(&s.poll, now()) == Phase::Open)
        })
    };
    move || {
        open().then(|| view! {
        <button type="button" class="button button--secondary" on:click=close>"Kết thúc ngay"</button>
    })
    }
}

/// The results so far: each option's choices and share, the total and the voters.
#[component]
fn Results(editing: PollEditing) -> impl IntoView {
    move || {
        editing.saved.get().map(|saved| {
            let shares = percent_hundredths(&saved.votes);
            let total: u64 = saved.votes.iter().sum();
            let rows = saved
                .poll
                .options
                .iter()
                .zip(saved.votes.iter().zip(shares))
                .map(|(option, (votes, share))| view! {
                    <tr>
                        <td>{option.title.clone()}</td>
                        <td>{thousands(*votes)}</td>
                        <td>{percent_vi(share)}</td>
                    </tr>
                })
                .collect_view();
            view! {
                <h2>"Kết quả"</h2>
                <table class="newsroom-table">
                    <caption class="visually-hidden">"Kết quả bình chọn"</caption>
                    <thead>
                        <tr><th scope="col">"Phương án"</th><th scope="col">"Lượt chọn"</th><th scope="col">"Tỷ lệ"</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p>{format!("Tổng số: {} lượt chọn của {} người bình chọn", thousands(total), thousands(saved.voters))}</p>
            }
        })
    }
}
