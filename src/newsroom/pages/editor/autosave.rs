//! The autosave: unsaved text sent to the server every half minute, when the idle notice
//! appears and when the editor is left; a new article becomes a draft at its first
//! autosave with a title. What the idle notice says of the work.

use gloo_timers::callback::Interval;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{NavigateOptions, hooks::use_navigate};
use portal_contract::{
    format::clock_time,
    newsroom::{ArticleDraft, EditedArticle, Status},
    paths,
};
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, closure::Closure};

use super::state::Editing;
use crate::newsroom::{
    api::{self as newsroom_api, Versioned},
    draft_store::{self, Unsaved},
    form::now,
    work::WorkInProgress,
};

/// How often the editor sends unsaved text to the server.
pub(super) const AUTOSAVE_MS: u32 = 30_000;

/// Keeps unsaved changes on the server: every [`AUTOSAVE_MS`], when the idle notice
/// appears, and when the editor is left (another newsroom page, or the tab hidden or
/// closed). A new article becomes a draft on the server at its first autosave with a
/// title; until then its text is kept in the tab. The idle notice says where it stands.
pub(super) fn autosave_while_open(editing: Editing) {
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
pub(super) async fn autosave_after_leaving(version: Option<(i64, String)>, draft: ArticleDraft) {
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
pub(super) async fn create_first_draft(draft: &ArticleDraft) -> Option<Versioned<EditedArticle>> {
    let first = first_draft(draft)?;
    let created = newsroom_api::create(&first).await.ok()?;
    draft_store::forget(None);
    let unsaved = Unsaved {
        draft: draft.clone(),
        etag: Some(created.etag.clone()),
    };
    draft_store::keep(Some(created.item.id), &unsaved);
    Some(created)
}

/// What a new article's first autosave creates: `draft` kept as a draft, whatever state
/// and time were chosen (an autosave never publishes); `None` while it has no title to
/// be listed by.
fn first_draft(draft: &ArticleDraft) -> Option<ArticleDraft> {
    (!draft.title.trim().is_empty()).then(|| ArticleDraft {
        status: Status::Draft,
        published_at: None,
        ..draft.clone()
    })
}

/// The draft, when it has changes not yet sent.
pub(super) fn unsent(
    editing: Editing,
    sent: StoredValue<Option<ArticleDraft>>,
) -> Option<ArticleDraft> {
    let draft = editing.draft.get_untracked();
    let changed = editing.dirty.get_untracked();
    let saving = editing.saving.get_untracked();
    sent.with_value(|sent| is_unsent(&draft, changed, saving, sent.as_ref()))
        .then_some(draft)
}

/// Whether `draft` is still to be sent: changed since the last save, no save under way
/// (it sends the text itself), and not the text last sent.
fn is_unsent(
    draft: &ArticleDraft,
    changed: bool,
    saving: bool,
    sent: Option<&ArticleDraft>,
) -> bool {
    changed && !saving && sent != Some(draft)
}

/// Sends `draft` as the article's autosave; a new article with a title is first made a
/// draft on the server (never published by an autosave) and the address names it.
pub(super) async fn autosave_now(
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
pub(super) async fn create_as_draft(editing: Editing, draft: &ArticleDraft) -> Option<i64> {
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
pub(super) fn status_line(editing: Editing) -> String {
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
pub(super) fn leaving_listener(leave: impl Fn() + 'static) -> impl Drop {
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

#[cfg(test)]
mod tests {
    use portal_contract::newsroom::{ArticleDraft, Status};
    use time::macros::datetime;

    use super::{first_draft, is_unsent};

    fn titled(title: &str) -> ArticleDraft {
        ArticleDraft {
            title: title.to_owned(),
            ..ArticleDraft::blank("Phòng Khuyến công")
        }
    }

    #[test]
    fn a_new_article_becomes_a_draft_at_its_first_autosave_once_it_has_a_title() {
        assert_eq!(first_draft(&titled("  ")), None, "nothing to list it by");
        let scheduled = ArticleDraft {
            status: Status::Published,
            published_at: Some(datetime!(2030-01-01 8:00 +7)),
            ..titled("Hội chợ hàng công nghiệp nông thôn")
        };
        let first = first_draft(&scheduled).expect("titled");
        assert_eq!((first.status, first.published_at), (Status::Draft, None));
        assert_eq!(first.title, scheduled.title);
    }

    #[test]
    fn only_changed_text_not_sent_yet_and_not_being_saved_is_sent() {
        let draft = titled("Tin mới");
        assert!(is_unsent(&draft, true, false, None));
        assert!(
            !is_unsent(&draft, false, false, None),
            "unchanged since the save"
        );
        assert!(!is_unsent(&draft, true, true, None), "the save sends it");
        assert!(
            !is_unsent(&draft, true, false, Some(&draft)),
            "sent already"
        );
        assert!(is_unsent(&draft, true, false, Some(&titled("Tin cũ"))));
    }
}
