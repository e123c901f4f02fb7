//! `/dang-nhap`: the sign-in form, then back to the page the reader came from (a full
//! load for the newsroom, which is another app).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{routes::safe_return_path, widgets::sign_in_form::SignInForm};

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let back = move |_| {
        let back = safe_return_path(query.read_untracked().get("quay-lai").as_deref());
        if back.starts_with(portal_contract::paths::NEWSROOM) {
            let _ = window().location().assign(&back);
        } else {
            navigate(&back, Default::default());
        }
    };
    view! {
        <Title text="Đăng nhập"/>
        <h1 class="page-title">"Đăng nhập"</h1>
        <SignInForm on_signed_in=back/>
    }
}
