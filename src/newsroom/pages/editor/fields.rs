//! The form's fields: text, category, the lead picture and attachments (uploaded as
//! chosen), and when citizens see the article.

use leptos::{prelude::*, task::spawn_local};
use portal_contract::{
    Category, UploadedFile,
    format::{local_input, parse_local_input},
    newsroom::Status,
    words,
};

use super::state::{Editing, When};
use crate::{
    loading::refusal_message,
    newsroom::{
        api as newsroom_api,
        form::{Input, Outcome, chosen_files, now},
    },
};

#[component]
pub(super) fn CategoryField(editing: Editing, categories: Vec<Category>) -> impl IntoView {
    let options = categories
        .into_iter()
        .map(|category| {
            let slug = category.slug.clone();
            let selected = move || editing.draft.with(|d| d.category == slug);
            view! { <option value=category.slug selected=selected>{category.title}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="chuyen-muc">"Chuyên mục"</label>
            <select id="chuyen-muc" on:change=move |ev| editing.change(|d| d.category = event_target_value(&ev))>
                {options}
            </select>
        </div>
    }
}

/// The files chosen in a file field, each uploaded in turn; `then` gets each upload.
/// A refusal (a type the portal does not take, a file too large) is shown as the notice.
pub(super) fn upload_chosen(
    editing: Editing,
    ev: leptos::ev::Event,
    then: impl Fn(UploadedFile) + 'static,
) {
    let chosen = chosen_files(&ev);
    spawn_local(async move {
        editing.saving.set(true);
        for file in chosen {
            match newsroom_api::upload(&file).await {
                Ok(uploaded) => {
                    editing.files.update(|files| files.push(uploaded.clone()));
                    then(uploaded);
                }
                Err(error) => {
                    let why = refusal_message(&error, "tệp");
                    editing.tell(Outcome::Refused(format!("{}: {why}", file.name())));
                }
            }
        }
        editing.saving.set(false);
    });
}

pub(super) fn file_named(editing: Editing, id: i64) -> Option<UploadedFile> {
    editing
        .files
        .with(|files| files.iter().find(|f| f.id == id).cloned())
}

/// The lead picture: chosen or dropped, shown small, with its caption; or none.
#[component]
pub(super) fn PictureField(editing: Editing) -> impl IntoView {
    let chosen = move || {
        let id = editing.draft.with(|d| d.picture)?;
        let file = file_named(editing, id)?;
        Some(view! {
            <p class="upload__chosen">
                <img class="upload__thumbnail" src=file.url alt="" width="120"/>
                <span>{file.name}</span>
                <button type="button" class="button button--secondary"
                    on:click=move |_| editing.change(|d| d.picture = None)>"Bỏ ảnh"</button>
            </p>
        })
    };
    view! {
        <fieldset class="upload">
            <legend>"Ảnh đại diện"</legend>
            {chosen}
            <div class="field">
                <label for="anh-dai-dien">"Chọn hoặc thả ảnh (JPEG, PNG, WebP)"</label>
                <input id="anh-dai-dien" type="file" accept="image/jpeg,image/png,image/webp"
                    on:change=move |ev| upload_chosen(editing, ev, move |file| editing.change(|d| d.picture = Some(file.id)))/>
            </div>
            <Input record=editing.draft changed=move || editing.changed() id="chu-thich-anh" label="Chú thích ảnh" required=false
                value=|d| d.picture_caption.clone() set=|d, v| d.picture_caption = v/>
        </fieldset>
    }
}

/// The attachments, in order: each with its type and size, and a way to take it off.
#[component]
pub(super) fn AttachmentsField(editing: Editing) -> impl IntoView {
    let listed = move || {
        editing
            .draft
            .with(|d| d.attachments.clone())
            .into_iter()
            .filter_map(|id| file_named(editing, id))
            .map(|file| {
                let id = file.id;
                let facts = words::attachment_facts(&file.label, file.size);
                view! {
                    <li>
                        <a href=file.url.clone() target="_blank" rel="noopener">{file.name.clone()}</a>{facts}" "
                        <button type="button" class="button button--secondary"
                            on:click=move |_| editing.change(|d| d.attachments.retain(|a| *a != id))>
                            {format!("Bỏ tệp {}", file.name)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="upload">
            <legend>{words::ATTACHMENTS}</legend>
            <ul class="attachments__list">{listed}</ul>
            <div class="field">
                <label for="tep-dinh-kem-moi">"Chọn hoặc thả tệp (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, ZIP)"</label>
                <input id="tep-dinh-kem-moi" type="file" multiple
                    accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.zip"
                    on:change=move |ev| upload_chosen(editing, ev, move |file| editing.change(|d| d.attachments.push(file.id)))/>
            </div>
        </fieldset>
    }
}

/// When citizens see the article: kept as a draft, now, at a time to come, or taken down.
#[component]
pub(super) fn WhenField(editing: Editing) -> impl IntoView {
    let when = move || editing.draft.with(|d| When::of(d, now()));
    let choose = move |choice: When| {
        editing.change(|d| match choice {
            When::Draft => d.status = Status::Draft,
            When::TakenDown => d.status = Status::Unpublished,
            // The server keeps the first publish time of an article published before.
            When::Now => {
                d.status = Status::Published;
                d.published_at = None;
            }
            When::At => {
                d.status = Status::Published;
                d.published_at = Some(now() + time::Duration::hours(1));
            }
        });
    };
    let choices = [
        (When::Draft, "luu-nhap", "Lưu nháp (chưa đăng)"),
        (When::Now, "dang-ngay", "Đăng ngay"),
        (When::At, "hen-gio", "Hẹn giờ đăng"),
        (
            When::TakenDown,
            "go-bai",
            "Gỡ bài (không hiển thị với bạn đọc)",
        ),
    ]
    .map(|(choice, id, label)| {
        view! {
            <div class="field field--check">
                <input type="radio" name="khi-dang" id=id prop:checked=move || when() == choice
                    on:change=move |_| choose(choice)/>
                <label for=id>{label}</label>
            </div>
        }
    });
    let at = move || {
        (when() == When::At).then(|| {
            let value = editing
                .draft
                .with(|d| d.published_at.map(local_input).unwrap_or_default());
            view! {
                <div class="field">
                    <label for="thoi-gian-dang">"Thời gian đăng (giờ Việt Nam)"</label>
                    <input id="thoi-gian-dang" type="datetime-local" prop:value=value
                        on:change=move |ev| {
                            let at = parse_local_input(&event_target_value(&ev));
                            editing.change(|d| d.published_at = at);
                        }/>
                </div>
            }
        })
    };
    view! {
        <fieldset class="article-editor__when">
            <legend>"Đăng bài"</legend>
            {choices}
            {at}
        </fieldset>
    }
}
