//! `/the/{tag}`: the articles that carry a tag, newest first, a page at a time.

use leptos::prelude::*;

use super::listing::{ListOf, ListPage};

#[component]
pub fn TagPage() -> impl IntoView {
    view! { <ListPage of=ListOf::Tag/> }
}
