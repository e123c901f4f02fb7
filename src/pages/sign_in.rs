//! `/dang-nhap`: the sign-in form, then back to the page the reader came from.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{api, loading::refusal_message, routes::safe_return_path, session::Auth};

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let query = use_query_map();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        error.set(None);
        let back = safe_return_path(query.read_untracked().get("quay-lai").as_deref());
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::sign_in(username.get_untracked(), password.get_untracked()).await {
                Ok(info) => {
                    auth.signed_in(info);
                    navigate(&back, Default::default());
                }
                Err(failure) => {
                    password.set(String::new());
                    error.set(Some(refusal_message(&failure, "thông tin đăng nhập")));
                }
            }
            sending.set(false);
        });
    };

    view! {
        <Title text="Đăng nhập"/>
        <h1 class="page-title">"Đăng nhập"</h1>
        <form class="sign-in" on:submit=submit>
            <p class="sign-in__error" role="alert">{move || error.get()}</p>
            <div class="field">
                <label for="ten-dang-nhap">"Tên đăng nhập"</label>
                <input id="ten-dang-nhap" name="username" autocomplete="username" required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="mat-khau">"Mật khẩu"</label>
                <input id="mat-khau" name="password" type="password" autocomplete="current-password" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button" disabled=move || sending.get()>"Đăng nhập"</button>
        </form>
    }
}
