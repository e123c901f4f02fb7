//! `/quan-tri/bai-viet/moi` and `/quan-tri/bai-viet/:id`: the article editor. Staff
//! write the article, choose when citizens see it (a draft, now, at a time to come, or
//! taken down), save, preview, move it to the bin, and restore a kept version.
//!
//! Nothing typed is lost: every change is kept in the tab (`draft_store`) until it is
//! saved, and offered back when the article is opened again (after an idle sign-out, a
//! reload); a save made from a version someone else has since replaced is refused, and
//! the page says whose save came first while the text stays as it is.

use gloo_timers::callback::Interval;
use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};
use portal_contract::{
    Category, Cause, UploadedFile,
    format::{clock_time, date_line, local_input, parse_local_input},
    newsroom::{ArticleDraft, ArticleState, EditedArticle, Revision, Status, version_tag},
    paths, words,
};
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, closure::Closure};

use crate::{
    api,
    loading::refusal_message,
    newsroom::{
        api::{self as newsroom_api, Versioned},
        compare::{Change, compare},
        draft_store::{self, Unsaved},
        form::{chosen_files, now},
        rich_text::{RichText, RichTextEditor},
        work::WorkInProgress,
    },
    request::ApiError,
    session::Auth,
};

/// When citizens see the article, as the editor chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Draft,
    Now,
    At,
    TakenDown,
}

impl When {
    fn of(draft: &ArticleDraft, now: time::OffsetDateTime) -> Self {
        match draft.status {
            Status::Draft => Self::Draft,
            Status::Unpublished => Self::TakenDown,
            Status::Published if draft.published_at.is_some_and(|at| at > now) => Self::At,
            Status::Published => Self::Now,
        }
    }
}

/// What the editor page holds; `Copy`, so every handler can have it.
#[derive(Clone, Copy)]
struct Editing {
    id: RwSignal<Option<i64>>,
    etag: RwSignal<Option<String>>,
    draft: RwSignal<ArticleDraft>,
    /// The article as last read or saved (its state, who saved it).
    saved: RwSignal<Option<EditedArticle>>,
    /// Changed since the last save.
    dirty: RwSignal<bool>,
    /// When unsaved changes last reached the server as an autosave.
    autosaved_at: RwSignal<Option<time::OffsetDateTime>>,
    saving: RwSignal<bool>,
    notice: RwSignal<Option<Notice>>,
    /// The uploaded files the draft names (or may name): their names and addresses.
    files: RwSignal<Vec<UploadedFile>>,
    /// Unsaved text from an earlier visit, offered back.
    offered: RwSignal<Option<Unsaved>>,
    body: StoredValue<Option<SendWrapper<RichText>>>,
}

/// What the page tells the editor after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    Saved(String),
    Refused(String),
    /// Someone saved first: who and when.
    Stale(String),
}

impl Editing {
    fn new() -> Self {
        Self {
            id: RwSignal::new(None),
            etag: RwSignal::new(None),
            draft: RwSignal::new(ArticleDraft::blank("")),
            saved: RwSignal::new(None),
            dirty: RwSignal::new(false),
            autosaved_at: RwSignal::new(None),
            saving: RwSignal::new(false),
            notice: RwSignal::new(None),
            files: RwSignal::new(Vec::new()),
            offered: RwSignal::new(None),
            body: StoredValue::new(None),
        }
    }

    /// Changes the draft as the editor typed; the change is kept in the tab at once.
    fn change(self, edit: impl FnOnce(&mut ArticleDraft)) {
        self.draft.update(edit);
        self.dirty.set(true);
        let unsaved = Unsaved {
            draft: self.draft.get_untracked(),
            etag: self.etag.get_untracked(),
        };
        draft_store::keep(self.id.get_untracked(), &unsaved);
    }

    /// Shows `versioned` as the saved article.
    fn show(self, versioned: Versioned<EditedArticle>) {
        self.id.set(Some(versioned.item.id));
        self.etag.set(Some(versioned.etag));
        self.draft.set(versioned.item.article.clone());
        self.files.set(versioned.item.files.clone());
        self.saved.set(Some(versioned.item));
        self.dirty.set(false);
        self.autosaved_at.set(None);
    }

    /// Puts `draft` in the form and the body editor (unsaved text, a kept version).
    fn take(self, draft: ArticleDraft) {
        let body = draft.body_html.clone();
        self.change(|current| *current = draft);
        self.body.with_value(|editor| {
            if let Some(editor) = editor {
                editor.set_html(&body);
            }
        });
    }
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let editing = Editing::new();
    let categories = RwSignal::new(Vec::new());
    let loaded = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let auth = expect_context::<Auth>();
    autosave_while_open(editing);
    Effect::new(move |_| {
        let Some(id) = params.read().get("id").and_then(|id| article_named(&id)) else {
            return failed.set(Some("Không tìm thấy bài viết.".to_owned()));
        };
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
            open(editing, id, &author, loaded, failed).await;
        });
    });
    let page = move || {
        if let Some(error) = failed.get() {
            return view! { <p role="alert">{error}</p> }.into_any();
        }
        if !loaded.get() {
            return view! { <p class="loading">"Đang tải…"</p> }.into_any();
        }
        // Read once: the form is built once, with its editor (a rebuilt form would reuse
        // the editor's element and start a second editor on it).
        let categories = categories.get_untracked();
        view! { <EditorForm editing categories/> }.into_any()
    };
    view! {
        <Title text=move || title_of(editing)/>
        <h1 class="page-title">{move || title_of(editing)}</h1>
        {page}
    }
}

/// The article an address names: `Some(None)` for "moi" (a new one), `None` for nothing.
fn article_named(id: &str) -> Option<Option<i64>> {
    match id {
        "moi" => Some(None),
        id => id.parse().ok().map(Some),
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
async fn open(
    editing: Editing,
    id: Option<i64>,
    author: &str,
    loaded: RwSignal<bool>,
    failed: RwSignal<Option<String>>,
) {
    match id {
        Some(id) => match newsroom_api::article(id).await {
            Ok(versioned) => editing.show(versioned),
            Err(error) => return failed.set(Some(refusal_message(&error, "bài viết"))),
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
    loaded.set(true);
}

/// How often the editor sends unsaved text to the server.
const AUTOSAVE_MS: u32 = 30_000;

/// Keeps unsaved changes on the server: every [`AUTOSAVE_MS`], when the idle notice
/// appears, and when the editor is left (another newsroom page, or the tab hidden or
/// closed). A new article becomes a draft on the server at its first autosave with a
/// title; until then its text is kept in the tab. The idle notice says where it stands.
fn autosave_while_open(editing: Editing) {
    let work = expect_context::<WorkInProgress>();
    let navigate = use_navigate();
    // The text last sent: the same text is not sent again.
    let sent = StoredValue::new(None::<ArticleDraft>);
    let autosave = move || {
        let Some(draft) = unsent(editing, sent) else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            if autosave_now(editing, &draft, navigate).await {
                // The page may have gone meanwhile: `try_` leaves it alone then.
                sent.try_set_value(Some(draft));
                editing.autosaved_at.try_set(Some(now()));
            }
        });
    };
    let timer = Interval::new(AUTOSAVE_MS, {
        let autosave = autosave.clone();
        move || autosave()
    });
    let timer = SendWrapper::new(timer);
    Effect::new({
        let autosave = autosave.clone();
        move |seen: Option<()>| {
            work.noticed.track();
            if seen.is_some() {
                autosave();
            }
        }
    });
    let leaving = leaving_listener(move || {
        let (id, etag) = (editing.id.get_untracked(), editing.etag.get_untracked());
        if let (Some(id), Some(etag), Some(draft)) = (id, etag, unsent(editing, sent)) {
            newsroom_api::autosave_keepalive(id, &etag, &draft);
            sent.set_value(Some(draft));
        }
    });
    Effect::new(move |_| {
        work.status.set(Some(status_line(editing)));
    });
    on_cleanup(move || {
        drop(timer);
        drop(leaving);
        if let Some(draft) = unsent(editing, sent) {
            let (id, etag) = (editing.id.get_untracked(), editing.etag.get_untracked());
            spawn_local(autosave_after_leaving(id.zip(etag), draft));
        }
        work.status.set(None);
    });
}

/// The autosave of an editor just left for another newsroom page, of the article and
/// version it names (the page's state is gone: a new article becomes a draft without it).
async fn autosave_after_leaving(version: Option<(i64, String)>, draft: ArticleDraft) {
    let (id, etag) = match version {
        Some(version) => version,
        None => match create_first_draft(&draft).await {
            Some(created) => (created.item.id, created.etag),
            None => return,
        },
    };
    let _ = newsroom_api::autosave(id, &etag, &draft).await;
}

/// Makes a new article with a title a draft on the server, whatever state was chosen (an
/// autosave never publishes), and moves its copy in the tab to its id; `None` for an
/// untitled article, or when the server refused.
async fn create_first_draft(draft: &ArticleDraft) -> Option<Versioned<EditedArticle>> {
    if draft.title.trim().is_empty() {
        return None;
    }
    let first = ArticleDraft {
        status: Status::Draft,
        published_at: None,
        ..draft.clone()
    };
    let created = newsroom_api::create(&first).await.ok()?;
    draft_store::forget(None);
    let unsaved = Unsaved {
        draft: draft.clone(),
        etag: Some(created.etag.clone()),
    };
    draft_store::keep(Some(created.item.id), &unsaved);
    Some(created)
}

/// The draft, when it has changes not yet sent.
fn unsent(editing: Editing, sent: StoredValue<Option<ArticleDraft>>) -> Option<ArticleDraft> {
    if !editing.dirty.get_untracked() || editing.saving.get_untracked() {
        return None;
    }
    let draft = editing.draft.get_untracked();
    let new = sent.with_value(|sent| sent.as_ref() != Some(&draft));
    new.then_some(draft)
}

/// Sends `draft` as the article's autosave; a new article with a title is first made a
/// draft on the server (never published by an autosave) and the address names it.
async fn autosave_now(
    editing: Editing,
    draft: &ArticleDraft,
    navigate: impl Fn(&str, NavigateOptions),
) -> bool {
    let id = match editing.id.get_untracked() {
        Some(id) => id,
        None => {
            let Some(id) = create_as_draft(editing, draft).await else {
                return false;
            };
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            navigate(&paths::newsroom_article(id), replace);
            id
        }
    };
    let Some(etag) = editing.etag.get_untracked() else {
        return false;
    };
    newsroom_api::autosave(id, &etag, draft).await.is_ok()
}

/// Creates the article from `draft` as a draft, keeping the form as typed (a publish
/// time or state chosen stays unsaved until "Lưu").
async fn create_as_draft(editing: Editing, draft: &ArticleDraft) -> Option<i64> {
    // A save meanwhile would create the article a second time: "Lưu" waits.
    editing.saving.set(true);
    let created = create_first_draft(draft).await;
    editing.saving.try_set(false);
    let versioned = created?;
    let id = versioned.item.id;
    editing.id.try_set(Some(id));
    editing.etag.try_set(Some(versioned.etag));
    editing.saved.try_set(Some(versioned.item));
    Some(id)
}

/// Where the work stands, as the idle notice says it.
fn status_line(editing: Editing) -> String {
    if !editing.dirty.get() {
        return "Bài viết của bạn đã được lưu.".to_owned();
    }
    match editing.autosaved_at.get() {
        Some(at) => format!(
            "Nội dung bạn đang soạn đã được lưu tự động lúc {}.",
            clock_time(at)
        ),
        None => "Nội dung bạn đang soạn chưa được lưu lên máy chủ; nó vẫn được giữ trong thẻ này."
            .to_owned(),
    }
}

/// Calls `leave` when the tab is hidden or the page goes away (a phone may never come
/// back to it); the listener goes when the returned value is dropped.
fn leaving_listener(leave: impl Fn() + 'static) -> impl Drop {
    struct Listener(SendWrapper<Closure<dyn Fn()>>);
    impl Drop for Listener {
        fn drop(&mut self) {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let _ = document.remove_event_listener_with_callback(
                    "visibilitychange",
                    self.0.as_ref().unchecked_ref(),
                );
            }
        }
    }
    let callback = Closure::<dyn Fn()>::new(move || {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            leave();
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            callback.as_ref().unchecked_ref(),
        );
    }
    Listener(SendWrapper::new(callback))
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
            <TextField editing id="tieu-de" label="Tiêu đề" required=true
                value=|d| d.title.clone() set=|d, v| d.title = v/>
            <TextField editing id="duong-dan" label="Đường dẫn (để trống: tạo từ tiêu đề)" required=false
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
                    on_refused=move |why| editing.notice.set(Some(Notice::Refused(why)))/>
            </div>
            <PictureField editing/>
            <AttachmentsField editing/>
            <TextField editing id="tac-gia" label="Tác giả" required=true
                value=|d| d.author.clone() set=|d, v| d.author = v/>
            <TextField editing id="nguon-tin" label="Nguồn tin" required=false
                value=|d| d.source.clone().unwrap_or_default()
                set=|d, v| d.source = Some(v).filter(|s: &String| !s.trim().is_empty())/>
            <TextField editing id="tu-khoa" label="Từ khóa (cách nhau bằng dấu phẩy)" required=false
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

/// Saves the draft: creates the article (its id) or saves over the version read.
async fn save(editing: Editing) -> Option<i64> {
    if editing.saving.get_untracked() {
        return None;
    }
    editing.saving.set(true);
    editing.notice.set(None);
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
            editing
                .notice
                .set(Some(Notice::Saved("Đã lưu bài viết.".to_owned())));
            created
        }
        Err(error) => {
            editing.notice.set(Some(refused(&error, id).await));
            None
        }
    }
}

async fn refused(error: &ApiError, id: Option<i64>) -> Notice {
    let stale = matches!(
        error,
        ApiError::Failed {
            cause: Cause::StaleVersion,
            ..
        }
    );
    let (true, Some(id)) = (stale, id) else {
        return Notice::Refused(refusal_message(error, "bài viết"));
    };
    match newsroom_api::article(id).await {
        Ok(latest) => Notice::Stale(format!(
            "{} đã lưu bài viết này lúc {} (phiên bản {}), sau khi bạn mở nó. Nội dung bạn đang soạn vẫn còn nguyên.",
            latest.item.updated_by.as_deref().unwrap_or("Người khác"),
            date_line(latest.item.updated_at),
            latest.item.version
        )),
        Err(_) => Notice::Stale(
            "Người khác đã lưu bài viết này sau khi bạn mở nó. Nội dung bạn đang soạn vẫn còn nguyên."
                .to_owned(),
        ),
    }
}

/// The result of the last action; after a refused stale save, the way to save anyway.
#[component]
fn Notices(editing: Editing) -> impl IntoView {
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
    move || {
        editing.notice.get().map(|notice| match notice {
            Notice::Saved(text) => view! { <p class="notice notice--done" role="status">{text}</p> }.into_any(),
            Notice::Refused(text) => view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any(),
            Notice::Stale(text) => view! {
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
            }
            .into_any(),
        })
    }
}

/// Unsaved text from an earlier visit: take it back, or drop it.
#[component]
fn OfferUnsaved(editing: Editing) -> impl IntoView {
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
fn StatusLine(editing: Editing) -> impl IntoView {
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

/// A one-line text field of the draft.
#[component]
fn TextField(
    editing: Editing,
    id: &'static str,
    label: &'static str,
    required: bool,
    value: fn(&ArticleDraft) -> String,
    set: fn(&mut ArticleDraft, String),
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" required=required
                prop:value=move || editing.draft.with(value)
                on:input=move |ev| editing.change(|d| set(d, event_target_value(&ev)))/>
        </div>
    }
}

#[component]
fn CategoryField(editing: Editing, categories: Vec<Category>) -> impl IntoView {
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
fn upload_chosen(editing: Editing, ev: leptos::ev::Event, then: impl Fn(UploadedFile) + 'static) {
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
                    editing
                        .notice
                        .set(Some(Notice::Refused(format!("{}: {why}", file.name()))));
                }
            }
        }
        editing.saving.set(false);
    });
}

fn file_named(editing: Editing, id: i64) -> Option<UploadedFile> {
    editing
        .files
        .with(|files| files.iter().find(|f| f.id == id).cloned())
}

/// The lead picture: chosen or dropped, shown small, with its caption; or none.
#[component]
fn PictureField(editing: Editing) -> impl IntoView {
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
            <TextField editing id="chu-thich-anh" label="Chú thích ảnh" required=false
                value=|d| d.picture_caption.clone() set=|d, v| d.picture_caption = v/>
        </fieldset>
    }
}

/// The attachments, in order: each with its type and size, and a way to take it off.
#[component]
fn AttachmentsField(editing: Editing) -> impl IntoView {
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
fn WhenField(editing: Editing) -> impl IntoView {
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

/// "Xem trước": the saved article as citizens will see it, in a new tab.
#[component]
fn Preview(editing: Editing) -> impl IntoView {
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
fn BinButton(editing: Editing) -> impl IntoView {
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
                    editing.notice.set(Some(Notice::Saved(text.to_owned())));
                }
                Ok(Err(error)) | Err(error) => {
                    editing
                        .notice
                        .set(Some(Notice::Refused(refusal_message(&error, "bài viết"))));
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
fn Revisions(editing: Editing) -> impl IntoView {
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
fn RevisionItem(editing: Editing, revision: Revision) -> impl IntoView {
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
        editing.notice.set(Some(Notice::Saved(
            "Đã đưa phiên bản cũ vào biểu mẫu; bấm “Lưu” để khôi phục.".to_owned(),
        )));
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
fn Differences(editing: Editing, kept: ArticleDraft) -> impl IntoView {
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
