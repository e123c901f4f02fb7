//! What the newsroom's editors share as they open: an address that names a new record
//! (`…/moi`) or a stored one (its id), and a page that shows why it could not open, that
//! it is loading, or the editor.

use leptos::prelude::*;

/// What an editor's address names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// `moi`: a record to start.
    New,
    /// The stored record with this id.
    Stored(i64),
}

impl Named {
    /// What the address's last part names; `None` for nothing the editor can open.
    pub fn parse(part: &str) -> Option<Self> {
        match part {
            "moi" => Some(Self::New),
            id => id.parse().ok().map(Self::Stored),
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            Self::New => None,
            Self::Stored(id) => Some(id),
        }
    }
}

/// Where an editor stands as it opens: read (or started), or refused with the reason.
#[derive(Clone, Copy)]
pub struct Opening {
    pub loaded: RwSignal<bool>,
    pub failed: RwSignal<Option<String>>,
}

impl Opening {
    pub fn new() -> Self {
        Self {
            loaded: RwSignal::new(false),
            failed: RwSignal::new(None),
        }
    }
}

/// The editor (the children, built once it has opened); until then "Đang tải…", or why
/// it cannot open.
#[component]
pub fn Opened(opening: Opening, children: ChildrenFn) -> impl IntoView {
    move || {
        if let Some(error) = opening.failed.get() {
            return view! { <p role="alert">{error}</p> }.into_any();
        }
        if !opening.loaded.get() {
            return view! { <p class="loading">"Đang tải…"</p> }.into_any();
        }
        children().into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::Named;

    #[test]
    fn an_editors_address_names_a_new_record_or_a_stored_one() {
        assert_eq!(Named::parse("moi"), Some(Named::New));
        assert_eq!(Named::parse("42"), Some(Named::Stored(42)));
        assert_eq!(Named::parse("42").and_then(Named::id), Some(42));
        assert_eq!(Named::New.id(), None);
        assert_eq!(Named::parse("bai-viet"), None);
        assert_eq!(Named::parse(""), None);
    }
}
