//! A category page: its articles, newest first, a page at a time (`?trang=N`).

use leptos::prelude::*;

use super::listing::{ListOf, ListPage};

#[component]
pub fn CategoryPage() -> impl IntoView {
    view! { <ListPage of=ListOf::Category/> }
}
