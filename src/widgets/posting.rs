//! What the rating's and the polls' forms share, as forms that post without the app
//! (`portal_contract::forms`): the field naming the page to come back to, and what the
//! post just before this page came to.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_contract::{
    forms::{self, Posted},
    written_page::POSTED,
};

use crate::handed_over;

/// This page's address (its path and query), as the router has it.
pub fn this_page() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let location = use_location();
    move || format!("{}{}", location.pathname.get(), location.search.get())
}

/// The hidden field that brings the reader back to this page once the form is posted.
#[component]
pub fn ReturnHere() -> impl IntoView {
    view! { <input type="hidden" name=forms::RETURN_FIELD value=this_page()/> }
}

/// What the form posted just before this page came to, if the page came with it (its
/// first render only).
pub fn posted() -> Option<Posted> {
    handed_over::answer::<Posted>(POSTED)?.ok()
}
