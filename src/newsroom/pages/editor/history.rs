//! An article's history: the preview, the bin, the kept versions and how each differs
//! from the current one.

use leptos::{prelude::*, task::spawn_local};
use portal_contract::{
    format::date_line,
    newsroom::{ArticleDraft, ArticleState, Revision},
    paths,
};

use super::state::Editing;
use crate::{
    loading::refusal_message,
    newsroom::{
        api as newsroom_api,
        compare::{Change, compare},
        form::Outcome,
    },
};

/// "Xem trước": the saved article as citizens will see it, in a new tab.
#[component]
pub(super) fn Preview(editing: Editing) -> impl IntoView {
    move || {
        editing.id.get().map(|id| {
            view! {
                <a class="button button--secondary" href=paths::preview(id) target="_blank" rel="noopener">
                    "Xem trước (bản đã lưu, thẻ mới)"
                </a>
            }
        })
    }
}

/// Moves the saved article into the bin, or out of it.
#[component]
pub(super) fn BinButton(editing: Editing) -> impl IntoView {
    let toggle = move |_| {
        spawn_local(async move {
            let Some(id) = editing.id.get_untracked() else {
                return;
            };
            let in_bin = editing
                .saved
                .with_untracked(|s| s.as_ref().is_some_and(|s| s.in_bin));
            let moved = if in_bin {
                newsroom_api::restore(id).await
            } else {
                newsroom_api::move_to_bin(id).await
            };
            match moved.and(Ok(newsroom_api::article(id).await)) {
                Ok(Ok(latest)) => {
                    editing.saved.set(Some(latest.item));
                    let text = if in_bin {
                        "Đã khôi phục bài viết khỏi thùng rác."
                    } else {
                        "Đã chuyển bài viết vào thùng rác."
                    };
                    editing.tell(Outcome::Done(text.to_owned()));
                }
                Ok(Err(error)) | Err(error) => {
                    editing.tell(Outcome::Refused(refusal_message(&error, "bài viết")));
                }
            }
        });
    };
    move || {
        editing.saved.get().map(|saved| {
            let label = if saved.in_bin { "Khôi phục từ thùng rác" } else { "Chuyển vào thùng rác" };
            view! { <p><button type="button" class="button button--secondary" on:click=toggle>{label}</button></p> }
        })
    }
}

/// Every kept version: who saved it and when, what it said, and the way to take it back
/// into the form (saving it then makes it the newest version).
#[component]
pub(super) fn Revisions(editing: Editing) -> impl IntoView {
    let revisions = LocalResource::new(move || {
        let id = editing.id.get();
        let _version = editing.saved.with(|s| s.as_ref().map(|s| s.version));
        async move {
            match id {
                Some(id) => newsroom_api::revisions(id).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    move || {
        let list = revisions.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|revision| view! { <RevisionItem editing revision/> })
                .collect_view();
            view! {
                <section class="revisions" aria-labelledby="cac-phien-ban">
                    <h2 id="cac-phien-ban">"Các phiên bản đã lưu"</h2>
                    <ol class="revisions__list">{items}</ol>
                </section>
            }
        })
    }
}

#[component]
pub(super) fn RevisionItem(editing: Editing, revision: Revision) -> impl IntoView {
    let current = editing
        .saved
        .with_untracked(|s| s.as_ref().map(|s| s.version))
        == Some(revision.version);
    let by = revision
        .saved_by
        .clone()
        .unwrap_or_else(|| "nhập từ tệp".to_owned());
    let heading = format!(
        "Phiên bản {} · {} · {by}",
        revision.version,
        date_line(revision.saved_at)
    );
    let draft = revision.article.clone();
    let kept = revision.article.clone();
    let restore = move |_| {
        editing.take(draft.clone());
        editing.tell(Outcome::Done(
            "Đã đưa phiên bản cũ vào biểu mẫu; bấm “Lưu” để khôi phục.".to_owned(),
        ));
    };
    let state = ArticleState::of(
        revision.article.status,
        revision.article.published_at.unwrap_or(revision.saved_at),
        revision.saved_at,
    );
    view! {
        <li class="revisions__item">
            <details>
                <summary>{heading}{current.then_some(" (hiện tại)")}</summary>
                <div class="revisions__text">
                    <p><strong>{revision.article.title}</strong>{format!(" · {}", state.label())}</p>
                    <p>{revision.article.summary}</p>
                    // Stored bodies passed the server's allow-list.
                    <div inner_html=revision.article.body_html></div>
                </div>
                {(!current).then(|| view! {
                    <Differences editing kept=kept.clone()/>
                    <button type="button" class="button button--secondary" on:click=restore.clone()>"Khôi phục phiên bản này"</button>
                })}
            </details>
        </li>
    }
}

/// How the current version differs from the `kept` one, field by field: words taken out
/// struck through, words put in underlined, each also said in words for screen readers.
#[component]
pub(super) fn Differences(editing: Editing, kept: ArticleDraft) -> impl IntoView {
    let changes = editing.saved.with_untracked(|saved| {
        saved
            .as_ref()
            .map(|saved| compare(&kept, &saved.article))
            .unwrap_or_default()
    });
    if changes.is_empty() {
        return view! { <p class="compare">"Nội dung giống phiên bản hiện tại."</p> }.into_any();
    }
    let fields = changes
        .into_iter()
        .map(|changes| {
            let runs = changes
                .runs
                .into_iter()
                .map(|(change, text)| match change {
                    Change::Kept => view! { <span>{text}</span> }.into_any(),
                    Change::Removed => view! {
                        <del><span class="visually-hidden">"[bỏ: "</span>{text}<span class="visually-hidden">"]"</span></del>
                    }
                    .into_any(),
                    Change::Added => view! {
                        <ins><span class="visually-hidden">"[thêm: "</span>{text}<span class="visually-hidden">"]"</span></ins>
                    }
                    .into_any(),
                })
                .collect_view();
            view! {
                <div class="compare__field">
                    <h4 class="compare__name">{changes.field}</h4>
                    <p class="compare__text">{runs}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="compare">
            <h3 class="compare__title">"Phiên bản hiện tại khác phiên bản này ở:"</h3>
            {fields}
        </div>
    }
    .into_any()
}
