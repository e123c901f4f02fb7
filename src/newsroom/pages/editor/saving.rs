//! Saving and what it tells: "Lưu", a refused stale save (and saving over it), unsaved
//! text from an earlier visit offered back, the article's state line.

use leptos::{prelude::*, task::spawn_local};
use portal_contract::{Cause, format::date_line, paths};

use super::state::Editing;
use crate::{
    loading::refusal_message,
    newsroom::{
        api as newsroom_api,
        draft_store::{self, Unsaved},
        form::{Outcome, OutcomeLine},
    },
    request::ApiError,
};

/// Saves the draft: creates the article (its id) or saves over the version read.
pub(super) async fn save(editing: Editing) -> Option<i64> {
    if editing.saving.get_untracked() {
        return None;
    }
    editing.saving.set(true);
    editing.hush();
    let draft = editing.draft.get_untracked();
    let id = editing.id.get_untracked();
    let result = match (id, editing.etag.get_untracked()) {
        (Some(id), Some(etag)) => newsroom_api::save(id, &etag, &draft).await,
        _ => newsroom_api::create(&draft).await,
    };
    editing.saving.set(false);
    match result {
        Ok(versioned) => {
            let created = id.is_none().then_some(versioned.item.id);
            draft_store::forget(id);
            editing.show(versioned);
            editing.tell(Outcome::Done("Đã lưu bài viết.".to_owned()));
            created
        }
        Err(error) => {
            refused(editing, &error, id).await;
            None
        }
    }
}

/// Tells why a save of article `id` was refused: when someone saved first, who and when.
async fn refused(editing: Editing, error: &ApiError, id: Option<i64>) {
    let stale = matches!(
        error,
        ApiError::Failed {
            cause: Cause::StaleVersion,
            ..
        }
    );
    let (true, Some(id)) = (stale, id) else {
        return editing.tell(Outcome::Refused(refusal_message(error, "bài viết")));
    };
    let stale = match newsroom_api::article(id).await {
        Ok(latest) => format!(
            "{} đã lưu bài viết này lúc {} (phiên bản {}), sau khi bạn mở nó. Nội dung bạn đang soạn vẫn còn nguyên.",
            latest.item.updated_by.as_deref().unwrap_or("Người khác"),
            date_line(latest.item.updated_at),
            latest.item.version
        ),
        Err(_) => "Người khác đã lưu bài viết này sau khi bạn mở nó. Nội dung bạn đang soạn vẫn còn nguyên."
            .to_owned(),
    };
    editing.tell_stale(stale);
}

/// The result of the last action; after a refused stale save, the way to save anyway.
#[component]
pub(super) fn Notices(editing: Editing) -> impl IntoView {
    let overwrite = move |_| {
        spawn_local(async move {
            let Some(id) = editing.id.get_untracked() else {
                return;
            };
            if let Ok(latest) = newsroom_api::article(id).await {
                editing.etag.set(Some(latest.etag));
                save(editing).await;
            }
        });
    };
    let stale = move || {
        editing.stale.get().map(|text| view! {
            <div class="notice notice--error" role="alert">
                <p>{text}</p>
                <p>
                    {editing.id.get_untracked().map(|id| view! {
                        <a href=paths::preview(id) target="_blank" rel="noopener">"Xem bản mới nhất (thẻ mới)"</a>
                    })}
                    " "
                    <button type="button" class="button button--secondary" on:click=overwrite>
                        "Lưu đè bằng nội dung của tôi"
                    </button>
                </p>
            </div>
        })
    };
    view! { <OutcomeLine outcome=editing.outcome/> {stale} }
}

/// Unsaved text from an earlier visit: take it back, or drop it.
#[component]
pub(super) fn OfferUnsaved(editing: Editing) -> impl IntoView {
    move || {
        editing.offered.get().map(|unsaved| {
            let restore = {
                let Unsaved { draft, etag } = unsaved.clone();
                move |_| {
                    // Saved, it names the version it was made from: a colleague's later
                    // save is then refused as stale and shown, not overwritten.
                    if let Some(etag) = etag.clone() {
                        editing.etag.set(Some(etag));
                    }
                    editing.take(draft.clone());
                    editing.offered.set(None);
                }
            };
            let drop = move |_| {
                draft_store::forget(editing.id.get_untracked());
                editing.offered.set(None);
            };
            view! {
                <div class="notice notice--warning" role="region" aria-label="Nội dung chưa lưu">
                    <p>"Có nội dung bạn đã soạn nhưng chưa lưu (“" {unsaved.draft.title} "”)."</p>
                    <button type="button" class="button" on:click=restore>"Khôi phục nội dung chưa lưu"</button>
                    " "
                    <button type="button" class="button button--secondary" on:click=drop>"Bỏ nội dung đó"</button>
                </div>
            }
        })
    }
}

/// The article's state and who saved it last.
#[component]
pub(super) fn StatusLine(editing: Editing) -> impl IntoView {
    move || {
        editing.saved.get().map(|saved| {
            let state = if saved.in_bin {
                "Trong thùng rác"
            } else {
                saved.state.label()
            };
            let by = saved.updated_by.unwrap_or_else(|| "nhập từ tệp".to_owned());
            view! {
                <p class="article-editor__status">
                    {format!("Trạng thái: {state} · Phiên bản {} · Lưu lần cuối: {} ({by})",
                        saved.version, date_line(saved.updated_at))}
                </p>
            }
        })
    }
}
