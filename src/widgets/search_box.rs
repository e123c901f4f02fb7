//! The search box in the header: a GET form, so it works before (and without) the app.

use leptos::prelude::*;
use leptos_router::components::Form;
use portal_contract::QUERY_CHARS;

use crate::routes::SEARCH;

#[component]
pub fn SearchBox() -> impl IntoView {
    view! {
        <Form method="GET" action=SEARCH attr:class="search-box" attr:role="search">
            <label for="tu-khoa" class="visually-hidden">"Tìm kiếm"</label>
            <input
                id="tu-khoa"
                class="search-box__input"
                type="search"
                name="q"
                placeholder="Tìm kiếm…"
                minlength=*QUERY_CHARS.start()
                maxlength=*QUERY_CHARS.end()
                required
            />
            <button type="submit" class="search-box__button">"Tìm"</button>
        </Form>
    }
}
