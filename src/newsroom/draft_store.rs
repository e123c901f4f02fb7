//! Unsaved text kept in the tab (`sessionStorage`: gone with the tab, never left on a
//! shared computer's disk), so that a sign-out by the idle timer, a reload or a crash
//! loses nothing: the editor offers it back when the article is opened again.

use portal_contract::newsroom::ArticleDraft;
use serde::{Deserialize, Serialize};

use crate::json;

/// What the editor had typed, and the version it was typed over (none for a new article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsaved {
    pub draft: ArticleDraft,
    pub etag: Option<String>,
}

/// The key of an article's unsaved text: its id, or none for a new article.
fn key(id: Option<i64>) -> String {
    match id {
        Some(id) => format!("kc-ban-nhap-{id}"),
        None => "kc-ban-nhap-moi".to_owned(),
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn keep(id: Option<i64>, unsaved: &Unsaved) {
    if let (Some(storage), Some(text)) = (storage(), json::to_string(unsaved)) {
        // A full storage only loses the safety net, never the text on screen.
        let _ = storage.set_item(&key(id), &text);
    }
}

pub fn kept(id: Option<i64>) -> Option<Unsaved> {
    let text = storage()?.get_item(&key(id)).ok()??;
    json::parse(&text)
}

pub fn forget(id: Option<i64>) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(id));
    }
}
