//! The search box in the header: a GET form, so it works before (and without) the app;
//! with the app, submitting it is a navigation of the router.

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::use_navigate;
use portal_contract::{QUERY_CHARS, words};
use wasm_bindgen::JsCast;

use crate::routes::SEARCH;

/// Turns the submit of a GET form into the router's navigation to its action with its
/// fields as the query (what the browser would load, without reloading the app).
pub fn navigate_on_submit() -> impl Fn(SubmitEvent) + Clone + 'static {
    let navigate = use_navigate();
    move |ev: SubmitEvent| {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let query = web_sys::FormData::new_with_form(&form)
            .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data))
            .map(|params| String::from(params.to_string()));
        if let Ok(query) = query {
            ev.prevent_default();
            navigate(
                &format!("{}?{query}", action_path(&form)),
                Default::default(),
            );
        }
    }
}

/// The form's action as a path of this site (the browser gives it absolute).
fn action_path(form: &web_sys::HtmlFormElement) -> String {
    let origin = window().location().origin().unwrap_or_default();
    let action = form.action();
    action.strip_prefix(&origin).unwrap_or(SEARCH).to_owned()
}

#[component]
pub fn SearchBox() -> impl IntoView {
    view! {
        <form method="get" action=SEARCH class="search-box" role="search" on:submit=navigate_on_submit()>
            <label for="tu-khoa" class="visually-hidden">{words::SEARCH_LABEL}</label>
            <input
                id="tu-khoa"
                class="search-box__input"
                type="search"
                name="q"
                placeholder=words::SEARCH_PLACEHOLDER
                minlength=*QUERY_CHARS.start()
                maxlength=*QUERY_CHARS.end()
                required
            />
            <button type="submit" class="search-box__button">{words::SEARCH_BUTTON}</button>
        </form>
    }
}
