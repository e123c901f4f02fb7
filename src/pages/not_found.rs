//! The page for an address that leads nowhere: an unknown route or article.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use portal_contract::words;

use crate::routes::HOME;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text=words::NOT_FOUND_TITLE/>
        <section class="not-found">
            <h1>{words::NOT_FOUND_TITLE}</h1>
            <p>{words::NOT_FOUND_TEXT}</p>
            <p><A href=HOME>{words::BACK_HOME}</A></p>
        </section>
    }
}
