//! The sign-in form: username and password, then, for an account that signs in in two
//! steps, the code of the authenticator app (or a recovery code); the refusal shown in the
//! form. What follows a sign-in is the page's to say (the portal goes back where the
//! reader came from, the newsroom opens in place).

use leptos::{html, prelude::*, task::spawn_local};
use portal_contract::{Cause, SessionInfo};

use crate::{
    api::{self, ApiError},
    loading::refusal_message,
    session::Auth,
};

/// What the form keeps of a refusal: the field it empties, and whether the code is asked.
fn after_refusal(failure: &ApiError) -> Refused {
    match failure {
        ApiError::Failed {
            cause: Cause::CodeNeeded,
            ..
        } => Refused::AskCode,
        ApiError::Failed {
            cause: Cause::WrongCode,
            ..
        } => Refused::WrongCode,
        _ => Refused::Other,
    }
}

enum Refused {
    /// The password was right; the account needs its code.
    AskCode,
    /// The code was wrong or used: type another, the password stays.
    WrongCode,
    /// Anything else: the password is typed again.
    Other,
}

#[component]
pub fn SignInForm(
    /// Called once signed in (the session is already known to [`Auth`]).
    #[prop(into)]
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let asking_code = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let code_input = NodeRef::<html::Input>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        error.set(None);
        let second_step = asking_code.get_untracked().then(|| code.get_untracked());
        spawn_local(async move {
            let credentials = (username.get_untracked(), password.get_untracked());
            match api::sign_in(credentials.0, credentials.1, second_step).await {
                Ok(info) => {
                    auth.signed_in(info.clone());
                    on_signed_in.run(info);
                }
                Err(failure) => {
                    code.set(String::new());
                    match after_refusal(&failure) {
                        Refused::AskCode => asking_code.set(true),
                        Refused::WrongCode => error.set(Some(refusal_message(&failure, "mã"))),
                        Refused::Other => {
                            password.set(String::new());
                            error.set(Some(refusal_message(&failure, "thông tin đăng nhập")));
                        }
                    }
                    request_animation_frame(move || {
                        if let Some(input) = code_input.get_untracked() {
                            let _ = input.focus();
                        }
                    });
                }
            }
            sending.set(false);
        });
    };

    view! {
        <form class="sign-in" on:submit=submit>
            <p class="sign-in__error" role="alert">{move || error.get()}</p>
            <div class="field" class:field--hidden=asking_code>
                <label for="ten-dang-nhap">"Tên đăng nhập"</label>
                <input id="ten-dang-nhap" name="username" autocomplete="username" required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))/>
            </div>
            <div class="field" class:field--hidden=asking_code>
                <label for="mat-khau">"Mật khẩu"</label>
                <input id="mat-khau" name="password" type="password" autocomplete="current-password" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <Show when=move || asking_code.get()>
                <div class="field">
                    <label for="ma-xac-thuc">"Mã xác thực"</label>
                    <p class="field__hint" id="ma-xac-thuc-goi-y">
                        "Nhập mã 6 chữ số trong ứng dụng xác thực trên điện thoại của bạn, hoặc một mã khôi phục."
                    </p>
                    <input id="ma-xac-thuc" name="code" autocomplete="one-time-code" required
                        aria-describedby="ma-xac-thuc-goi-y" node_ref=code_input
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))/>
                </div>
            </Show>
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if asking_code.get() { "Xác nhận" } else { "Đăng nhập" }}
            </button>
        </form>
    }
}
