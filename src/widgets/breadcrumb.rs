//! "Trang nhất › {chuyên mục}": where a page stands, as NukeViet shows it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use portal_contract::words;

use crate::routes::HOME;

/// One step of the trail: a label, and the address of its page (none for this page).
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(label: impl Into<String>, href: String) -> Self {
        Self {
            label: label.into(),
            href: Some(href),
        }
    }

    pub fn here(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: None,
        }
    }
}

/// The trail from the home page ("Trang nhất") to `crumbs`; the last is this page
/// (`aria-current`).
#[component]
pub fn Breadcrumb(crumbs: Vec<Crumb>) -> impl IntoView {
    let last = crumbs.len();
    let steps = crumbs
        .into_iter()
        .enumerate()
        .map(|(i, crumb)| {
            let current = (i + 1 == last).then_some("page");
            let label = match crumb.href {
                Some(href) => {
                    view! { <A href=href attr:aria-current=current>{crumb.label}</A> }.into_any()
                }
                None => view! { <span aria-current=current>{crumb.label}</span> }.into_any(),
            };
            view! { <li><span class="breadcrumb__sep" aria-hidden="true">"›"</span>{label}</li> }
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label=words::BREADCRUMB_LABEL>
            <ol>
                <li><A href=HOME>{words::HOME}</A></li>
                {steps}
            </ol>
        </nav>
    }
}

/// A page reached from the home page alone, titled `title`: the tab's title, the trail
/// and the heading.
#[component]
pub fn PageHeading(title: &'static str) -> impl IntoView {
    view! {
        <Title text=title/>
        <Breadcrumb crumbs=vec![Crumb::here(title)]/>
        <h1 class="page-title">{title}</h1>
    }
}
