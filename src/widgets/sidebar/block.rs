//! The frame of every sidebar block.

use leptos::prelude::*;

/// A titled sidebar block; `id` ties the heading to the region for screen readers.
#[component]
pub fn Block(
    id: &'static str,
    title: String,
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-tieu-de");
    let labelled_by = heading.clone();
    view! {
        <section class=format!("block {class}") aria-labelledby=labelled_by>
            <h2 class="block__title" id=heading>{title}</h2>
            {children()}
        </section>
    }
}
