//! The sign-in form: username and password, the refusal shown in the form; what follows a
//! sign-in is the page's to say (the portal goes back where the reader came from, the
//! newsroom opens in place).

use leptos::{prelude::*, task::spawn_local};
use portal_contract::SessionInfo;

use crate::{api, loading::refusal_message, session::Auth};

#[component]
pub fn SignInForm(
    /// Called once signed in (the session is already known to [`Auth`]).
    #[prop(into)]
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
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
        spawn_local(async move {
            match api::sign_in(username.get_untracked(), password.get_untracked()).await {
                Ok(info) => {
                    auth.signed_in(info.clone());
                    on_signed_in.run(info);
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
