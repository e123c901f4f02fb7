//! `/trang/{slug}`: one of the centre's own pages ("Giới thiệu", "Chức năng, nhiệm vụ" …).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use portal_contract::{
    Cause, CentrePage,
    format::{machine_date, short_date},
    newsroom::is_slug,
    words,
};

use crate::{
    api::{self, Read},
    loading::{Loaded, retried},
    widgets::breadcrumb::{Breadcrumb, Crumb},
};

#[component]
pub fn CentrePageView() -> impl IntoView {
    let params = use_params_map();
    let page = retried(move || {
        match params
            .with(|params| params.get("slug"))
            .filter(|slug| is_slug(slug))
        {
            Some(slug) => api::centre_page(&slug),
            None => Read::refused(Cause::NotFound),
        }
    });
    view! { <Loaded data=page let:page><CentrePageText page/></Loaded> }
}

#[component]
fn CentrePageText(page: CentrePage) -> impl IntoView {
    let updated = page.updated_at;
    view! {
        <Title text=page.title.clone()/>
        <Breadcrumb crumbs=vec![Crumb::here(page.title.clone())]/>
        <article class="centre-page">
            <h1 class="page-title">{page.title}</h1>
            // Sanitized by the server when it was saved.
            <div class="article__body" inner_html=page.body_html></div>
            <p class="centre-page__updated">
                {words::UPDATED} <time datetime=machine_date(updated)>{short_date(updated)}</time>
            </p>
        </article>
    }
}
