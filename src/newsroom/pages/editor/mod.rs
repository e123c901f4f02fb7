//! `/quan-tri/bai-viet/moi` and `/quan-tri/bai-viet/:id`: the article editor. Staff
//! write the article, choose when citizens see it (a draft, now, at a time to come, or
//! taken down), save, preview, move it to the bin, and restore a kept version.
//!
//! Nothing typed is lost: every change is kept in the tab (`draft_store`) until it is
//! saved, and offered back when the article is opened again (after an idle sign-out, a
//! reload); a save made from a version someone else has since replaced is refused, and
//! the page says whose save came first while the text stays as it is.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};
use portal_contract::{
    Category,
    newsroom::{ArticleDraft, version_tag},
    paths,
};
use send_wrapper::SendWrapper;

use crate::{
    api,
    loading::refusal_message,
    newsroom::{
        api as newsroom_api,
        draft_store::{self, Unsaved},
        form::{Input, Outcome},
        opening::{Named, Opened, Opening},
        rich_text::RichTextEditor,
    },
    session::Auth,
};

mod autosave;
mod fields;
mod history;
mod saving;
mod state;

use autosave::autosave_while_open;
use fields::{AttachmentsField, CategoryField, PictureField, WhenField};
use history::{BinButton, Preview, Revisions};
use saving::{Notices, OfferUnsaved, StatusLine, save};
use state::Editing;

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let editing = Editing::new();
    let categories = RwSignal::new(Vec::new());
    let opening = Opening::new();
    let auth = expect_context::<Auth>();
    autosave_while_open(editing);
    Effect::new(move |_| {
        let Some(named) = params.read().get("id").and_then(|id| Named::parse(&id)) else {
            return opening
                .failed
                .set(Some("Không tìm thấy bài viết.".to_owned()));
        };
        let id = named.id();
        if id.is_some() && editing.id.get_untracked() == id {
            return; // the address now names the article this page just created
        }
        let author = auth
            .session
            .get_untracked()
            .map(|info| info.user.display_name)
            .unwrap_or_default();
        spawn_local(async move {
            categories.set(api::categories().fetch().await.unwrap_or_default());
            open(editing, id, &author, opening).await;
        });
    });
    view! {
        <Title text=move || title_of(editing)/>
        <h1 class="page-title">{move || title_of(editing)}</h1>
        // Built once it has opened, with the categories read then (a rebuilt form would
        // reuse the body editor's element and start a second editor on it).
        <Opened opening>
            <EditorForm editing categories=categories.get_untracked()/>
        </Opened>
    }
}

fn title_of(editing: Editing) -> String {
    match editing.id.get() {
        Some(_) => "Sửa bài viết".to_owned(),
        None => "Viết bài mới".to_owned(),
    }
}

/// Reads the article (or starts a new one, by `author`), then offers unsaved text kept
/// from before.
async fn open(editing: Editing, id: Option<i64>, author: &str, opening: Opening) {
    match id {
        Some(id) => match newsroom_api::article(id).await {
            Ok(versioned) => editing.show(versioned),
            Err(error) => {
                return opening
                    .failed
                    .set(Some(refusal_message(&error, "bài viết")));
            }
        },
        None => editing.draft.set(ArticleDraft::blank(author)),
    }
    let kept = match (draft_store::kept(id), id) {
        (Some(kept), _) => Some(kept),
        (None, Some(id)) => newsroom_api::autosaved(id)
            .await
            .ok()
            .map(|autosaved| Unsaved {
                draft: autosaved.article,
                etag: Some(version_tag(autosaved.version)),
            }),
        (None, None) => None,
    };
    let current = editing.draft.get_untracked();
    editing
        .offered
        .set(kept.filter(|kept| kept.draft != current));
    opening.loaded.set(true);
}

#[component]
fn EditorForm(editing: Editing, categories: Vec<Category>) -> impl IntoView {
    if let Some(first) = categories.first()
        && editing.draft.with_untracked(|d| d.category.is_empty())
    {
        editing.draft.update(|d| d.category = first.slug.clone());
    }
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(created) = save(editing).await {
                let options = NavigateOptions {
                    replace: true,
                    ..Default::default()
                };
                navigate(&paths::newsroom_article(created), options);
            }
        });
    };
    let initial_body = editing.draft.with_untracked(|d| d.body_html.clone());
    view! {
        <OfferUnsaved editing/>
        <form class="article-editor" on:submit=submit novalidate>
            <StatusLine editing/>
            <Input record=editing.draft changed=move || editing.changed() id="tieu-de" label="Tiêu đề" required=true
                value=|d| d.title.clone() set=|d, v| d.title = v/>
            <Input record=editing.draft changed=move || editing.changed() id="duong-dan" label="Đường dẫn (để trống: tạo từ tiêu đề)" required=false
                value=|d| d.slug.clone() set=|d, v| d.slug = v/>
            <CategoryField editing categories/>
            <div class="field">
                <label for="tom-tat">"Tóm tắt"</label>
                <textarea id="tom-tat" rows="3"
                    prop:value=move || editing.draft.with(|d| d.summary.clone())
                    on:input=move |ev| editing.change(|d| d.summary = event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <span class="field__label" id="noi-dung-nhan">"Nội dung"</span>
                <RichTextEditor labelled_by="noi-dung-nhan" initial=initial_body
                    on_change=move |html| editing.change(|d| d.body_html = html)
                    ready=move |editor| editing.body.set_value(Some(SendWrapper::new(editor)))
                    on_refused=move |why| editing.tell(Outcome::Refused(why))/>
            </div>
            <PictureField editing/>
            <AttachmentsField editing/>
            <Input record=editing.draft changed=move || editing.changed() id="tac-gia" label="Tác giả" required=true
                value=|d| d.author.clone() set=|d, v| d.author = v/>
            <Input record=editing.draft changed=move || editing.changed() id="nguon-tin" label="Nguồn tin" required=false
                value=|d| d.source.clone().unwrap_or_default()
                set=|d, v| d.source = Some(v).filter(|s: &String| !s.trim().is_empty())/>
            <Input record=editing.draft changed=move || editing.changed() id="tu-khoa" label="Từ khóa (cách nhau bằng dấu phẩy)" required=false
                value=|d| d.tags.join(", ")
                set=|d, v| d.tags = v.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect()/>
            <div class="field field--check">
                <input id="cho-danh-gia" type="checkbox"
                    prop:checked=move || editing.draft.with(|d| d.allow_rating)
                    on:change=move |ev| editing.change(|d| d.allow_rating = event_target_checked(&ev))/>
                <label for="cho-danh-gia">"Cho phép bạn đọc đánh giá bài viết"</label>
            </div>
            <WhenField editing/>
            <Notices editing/>
            <div class="article-editor__actions">
                <button type="submit" class="button" disabled=move || editing.saving.get()>"Lưu"</button>
                <Preview editing/>
            </div>
        </form>
        <BinButton editing/>
        <Revisions editing/>
    }
}
