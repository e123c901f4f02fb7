//! Pieces every newsroom form shares: a labelled field bound to the record being edited,
//! the line that says how the last action went, the files a file field was given, and the
//! browser's clock.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::{loading::refusal_message, request::ApiError};

/// The files chosen in a file field (which is emptied, so that choosing the same file
/// again is a change too).
pub fn chosen_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let chosen = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    chosen
}

/// Moves the item at `from` by `step` (−1 up, 1 down) when there is room.
pub fn moved<T>(items: &mut [T], from: usize, step: isize) {
    if let Some(to) = from.checked_add_signed(step).filter(|to| *to < items.len()) {
        items.swap(from, to);
    }
}

/// The browser's time.
pub fn now() -> time::OffsetDateTime {
    let ms = js_sys::Date::now() as i128;
    time::OffsetDateTime::from_unix_timestamp_nanos(ms * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// How the last action went, in the staff's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done(String),
    Refused(String),
}

impl Outcome {
    /// `Done(done)` for a success, else the server's refusal of `what`.
    pub fn of<T>(result: &Result<T, ApiError>, done: &str, what: &str) -> Self {
        match result {
            Ok(_) => Self::Done(done.to_owned()),
            Err(error) => Self::Refused(refusal_message(error, what)),
        }
    }
}

/// The outcome, read out by screen readers as it changes (a refusal at once).
#[component]
pub fn OutcomeLine(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    move || {
        outcome.get().map(|outcome| match outcome {
            Outcome::Done(text) => {
                view! { <p class="notice notice--done" role="status">{text}</p> }.into_any()
            }
            Outcome::Refused(text) => {
                view! { <p class="notice notice--error" role="alert">{text}</p> }.into_any()
            }
        })
    }
}

/// A labelled input of `record`: `value` reads it, `set` writes what was typed, and
/// `changed` (if given) is told after each change.
#[component]
pub fn Input<T: Send + Sync + 'static>(
    record: RwSignal<T>,
    id: &'static str,
    label: &'static str,
    value: fn(&T) -> String,
    set: fn(&mut T, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] changed: Option<Callback<()>>,
) -> impl IntoView {
    let input = move |ev| {
        record.update(|r| set(r, event_target_value(&ev)));
        if let Some(changed) = changed {
            changed.run(());
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind required=required
                prop:value=move || record.with(value) on:input=input/>
        </div>
    }
}

/// A labelled checkbox of `record`.
#[component]
pub fn Check<T: Send + Sync + 'static>(
    record: RwSignal<T>,
    id: &'static str,
    label: &'static str,
    value: fn(&T) -> bool,
    set: fn(&mut T, bool),
) -> impl IntoView {
    view! {
        <div class="field field--check">
            <input id=id type="checkbox" prop:checked=move || record.with(value)
                on:change=move |ev| record.update(|r| set(r, event_target_checked(&ev)))/>
            <label for=id>{label}</label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::moved;

    #[test]
    fn an_item_moves_one_place_within_the_list() {
        let mut items = ['a', 'b', 'c'];
        moved(&mut items, 1, -1);
        assert_eq!(items, ['b', 'a', 'c']);
        moved(&mut items, 1, 1);
        assert_eq!(items, ['b', 'c', 'a']);
        moved(&mut items, 0, -1);
        moved(&mut items, 2, 1);
        assert_eq!(items, ['b', 'c', 'a'], "no room: nothing moves");
    }
}
