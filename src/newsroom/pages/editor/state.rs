//! What the editor page holds (`Editing`, `Copy` so every handler can have it), what it
//! tells the editor after an action, and when citizens see the article as chosen.

use leptos::prelude::*;
use portal_contract::{
    UploadedFile,
    newsroom::{ArticleDraft, EditedArticle, Status},
};
use send_wrapper::SendWrapper;

use crate::newsroom::{
    api::Versioned,
    draft_store::{self, Unsaved},
    form::Outcome,
    rich_text::RichText,
};

/// When citizens see the article, as the editor chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    Draft,
    Now,
    At,
    TakenDown,
}

impl When {
    pub(super) fn of(draft: &ArticleDraft, now: time::OffsetDateTime) -> Self {
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
pub(super) struct Editing {
    pub(super) id: RwSignal<Option<i64>>,
    pub(super) etag: RwSignal<Option<String>>,
    pub(super) draft: RwSignal<ArticleDraft>,
    /// The article as last read or saved (its state, who saved it).
    pub(super) saved: RwSignal<Option<EditedArticle>>,
    /// Changed since the last save.
    pub(super) dirty: RwSignal<bool>,
    /// When unsaved changes last reached the server as an autosave.
    pub(super) autosaved_at: RwSignal<Option<time::OffsetDateTime>>,
    pub(super) saving: RwSignal<bool>,
    /// How the last action went.
    pub(super) outcome: RwSignal<Option<Outcome>>,
    /// A save refused because someone saved first: who and when.
    pub(super) stale: RwSignal<Option<String>>,
    /// The uploaded files the draft names (or may name): their names and addresses.
    pub(super) files: RwSignal<Vec<UploadedFile>>,
    /// Unsaved text from an earlier visit, offered back.
    pub(super) offered: RwSignal<Option<Unsaved>>,
    pub(super) body: StoredValue<Option<SendWrapper<RichText>>>,
}

impl Editing {
    pub(super) fn new() -> Self {
        Self {
            id: RwSignal::new(None),
            etag: RwSignal::new(None),
            draft: RwSignal::new(ArticleDraft::blank("")),
            saved: RwSignal::new(None),
            dirty: RwSignal::new(false),
            autosaved_at: RwSignal::new(None),
            saving: RwSignal::new(false),
            outcome: RwSignal::new(None),
            stale: RwSignal::new(None),
            files: RwSignal::new(Vec::new()),
            offered: RwSignal::new(None),
            body: StoredValue::new(None),
        }
    }

    /// Changes the draft as the editor typed; the change is kept in the tab at once.
    pub(super) fn change(self, edit: impl FnOnce(&mut ArticleDraft)) {
        self.draft.update(edit);
        self.changed();
    }

    /// The draft was changed as the editor typed: it is kept in the tab at once.
    pub(super) fn changed(self) {
        self.dirty.set(true);
        let unsaved = Unsaved {
            draft: self.draft.get_untracked(),
            etag: self.etag.get_untracked(),
        };
        draft_store::keep(self.id.get_untracked(), &unsaved);
    }

    /// Tells how the last action went.
    pub(super) fn tell(self, outcome: Outcome) {
        self.stale.set(None);
        self.outcome.set(Some(outcome));
    }

    /// Tells that a save was refused because someone saved first (`text`: who and when).
    pub(super) fn tell_stale(self, text: String) {
        self.outcome.set(None);
        self.stale.set(Some(text));
    }

    /// Forgets what was told: an action starts.
    pub(super) fn hush(self) {
        self.outcome.set(None);
        self.stale.set(None);
    }

    /// Shows `versioned` as the saved article.
    pub(super) fn show(self, versioned: Versioned<EditedArticle>) {
        self.id.set(Some(versioned.item.id));
        self.etag.set(Some(versioned.etag));
        self.draft.set(versioned.item.article.clone());
        self.files.set(versioned.item.files.clone());
        self.saved.set(Some(versioned.item));
        self.dirty.set(false);
        self.autosaved_at.set(None);
    }

    /// Puts `draft` in the form and the body editor (unsaved text, a kept version).
    pub(super) fn take(self, draft: ArticleDraft) {
        let body = draft.body_html.clone();
        self.change(|current| *current = draft);
        self.body.with_value(|editor| {
            if let Some(editor) = editor {
                editor.set_html(&body);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use portal_contract::newsroom::{ArticleDraft, Status};
    use time::macros::datetime;

    use super::When;

    #[test]
    fn citizens_see_an_article_now_at_its_time_or_not_at_all() {
        let now = datetime!(2026-12-07 9:00 +7);
        let with = |status, published_at| ArticleDraft {
            status,
            published_at,
            ..ArticleDraft::blank("")
        };
        let earlier = Some(datetime!(2026-12-01 9:00 +7));
        let later = Some(datetime!(2026-12-08 9:00 +7));
        assert_eq!(When::of(&with(Status::Draft, later), now), When::Draft);
        assert_eq!(When::of(&with(Status::Published, None), now), When::Now);
        assert_eq!(When::of(&with(Status::Published, earlier), now), When::Now);
        assert_eq!(When::of(&with(Status::Published, later), now), When::At);
        assert_eq!(
            When::of(&with(Status::Unpublished, earlier), now),
            When::TakenDown
        );
    }
}
