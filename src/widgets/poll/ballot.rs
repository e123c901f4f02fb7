//! The ballot: the question as legend, the options as radios or checkboxes. A form that
//! posts where the app does not run (`portal_contract::forms`).

use leptos::{ev::SubmitEvent, prelude::*};
use portal_contract::{Poll, forms};
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement};

use crate::widgets::posting::ReturnHere;

/// The choices after the reader ticks or unticks `option`.
fn toggled(chosen: &[i64], option: i64, checked: bool, single: bool) -> Vec<i64> {
    match (single, checked) {
        (true, _) => vec![option],
        (false, true) if !chosen.contains(&option) => [chosen, &[option]].concat(),
        (false, true) => chosen.to_vec(),
        (false, false) => chosen.iter().copied().filter(|id| *id != option).collect(),
    }
}

/// The choices the submitted form holds, as the browser would post them.
fn choices_in(ev: &SubmitEvent) -> Vec<i64> {
    let form = ev
        .target()
        .and_then(|target| target.dyn_into::<HtmlFormElement>().ok());
    let Some(data) = form.and_then(|form| FormData::new_with_form(&form).ok()) else {
        return Vec::new();
    };
    data.get_all(forms::CHOICE_FIELD)
        .iter()
        .filter_map(|value| value.as_string()?.parse().ok())
        .collect()
}

#[component]
pub fn Ballot(
    poll: Poll,
    chosen: RwSignal<Vec<i64>>,
    sending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    on_submit: impl Fn(Vec<i64>) + Copy + 'static,
    on_results: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let single = poll.max_choices == 1;
    let action = forms::ballot_action(poll.id);
    let name = format!("binh-chon-{}", poll.id);
    let error_id = format!("{name}-loi");
    let hint = (!single).then(|| {
        view! { <p class="poll__hint">{format!("Chọn tối đa {} phương án.", poll.max_choices)}</p> }
    });
    let options = poll
        .options
        .into_iter()
        .map(|option| {
            let id = option.id;
            let input_id = format!("{name}-{id}");
            view! {
                <li class="poll__option">
                    <input
                        type=if single { "radio" } else { "checkbox" }
                        id=input_id.clone()
                        name=forms::CHOICE_FIELD
                        value=id
                        // The form owns the ticks: a tick made before the app took the
                        // page over stays, and is sent (see `choices_in`).
                        checked=chosen.read_untracked().contains(&id)
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            chosen.update(|c| *c = toggled(c, id, checked, single));
                        }
                    />
                    <label for=input_id>
                        {option.image.map(|src| view! { <img src=src alt="" width="40" height="40"/> })}
                        <span>{option.title}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <form class="poll__form" method="post" action=action on:submit=move |ev| { ev.prevent_default(); on_submit(choices_in(&ev)); }>
            <ReturnHere/>
            <fieldset disabled=move || sending.get() aria-describedby=error_id.clone()>
                <legend class="poll__question">{poll.question}</legend>
                {hint}
                <ul class="poll__options">{options}</ul>
            </fieldset>
            <p class="poll__error" id=error_id role="alert">{move || error.get()}</p>
            <div class="poll__actions">
                <button type="submit" class="button" disabled=move || sending.get()>"Bình chọn"</button>
                <button
                    type="submit"
                    name=forms::RESULTS_FIELD
                    value="1"
                    class="button button--secondary"
                    on:click=move |ev| { ev.prevent_default(); on_results(); }
                >"Kết quả"</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::toggled;

    #[test]
    fn radios_replace_and_checkboxes_add_or_remove() {
        assert_eq!(toggled(&[1], 2, true, true), [2]);
        assert_eq!(toggled(&[1], 2, true, false), [1, 2]);
        assert_eq!(toggled(&[1, 2], 2, true, false), [1, 2]);
        assert_eq!(toggled(&[1, 2], 1, false, false), [2]);
    }
}
