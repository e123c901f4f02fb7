//! The sign-in form: username and password, then, for an account that signs in in two
//! steps, the code of the authenticator app (or a recovery code); the refusal shown in the
//! form. What follows a sign-in is the page's to say (the portal goes back where the
//! reader came from, the newsroom opens in place).

use leptos::{html, prelude::*, task::spawn_local};
use portal_contract::{Cause, SessionInfo};

use crate::{
    api, environment::in_browser, loading::refusal_message, request::ApiError, session::Auth,
};

/// Where scripts do not run: signing in needs the app.
const NEEDS_SCRIPT: &str = "Cần bật JavaScript để đăng nhập.";

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

fn value_of(input: NodeRef<html::Input>) -> String {
    input
        .get_untracked()
        .map(|input| input.value())
        .unwrap_or_default()
}

fn clear(input: NodeRef<html::Input>) {
    if let Some(input) = input.get_untracked() {
        input.set_value("");
    }
}

#[component]
pub fn SignInForm(
    /// Called once signed in (the session is already known to [`Auth`]).
    #[prop(into)]
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    // The fields own what is typed (read when sent): what a reader types before the app
    // has taken the page over stays.
    let username_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();
    let asking_code = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let code_input = NodeRef::<html::Input>::new();
    // Until the app runs the page, the form cannot be sent (it would post nowhere).
    let running = in_browser();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        error.set(None);
        let second_step = asking_code.get_untracked().then(|| value_of(code_input));
        let (username, password) = (value_of(username_input), value_of(password_input));
        spawn_local(async move {
            match api::sign_in(username, password, second_step).await {
                Ok(info) => {
                    auth.signed_in(info.clone());
                    on_signed_in.run(info);
                }
                Err(failure) => {
                    clear(code_input);
                    match after_refusal(&failure) {
                        Refused::AskCode => asking_code.set(true),
                        Refused::WrongCode => error.set(Some(refusal_message(&failure, "mã"))),
                        Refused::Other => {
                            clear(password_input);
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
        <p class="needs-script">{NEEDS_SCRIPT}</p>
        <form class="sign-in" method="post" on:submit=submit>
            <p class="sign-in__error" role="alert">{move || error.get()}</p>
            <div class="field" class:field--hidden=asking_code>
                <label for="ten-dang-nhap">"Tên đăng nhập"</label>
                <input id="ten-dang-nhap" name="username" autocomplete="username" required
                    node_ref=username_input/>
            </div>
            <div class="field" class:field--hidden=asking_code>
                <label for="mat-khau">"Mật khẩu"</label>
                <input id="mat-khau" name="password" type="password" autocomplete="current-password" required
                    node_ref=password_input/>
            </div>
            <Show when=move || asking_code.get()>
                <div class="field">
                    <label for="ma-xac-thuc">"Mã xác thực"</label>
                    <p class="field__hint" id="ma-xac-thuc-goi-y">
                        "Nhập mã 6 chữ số trong ứng dụng xác thực trên điện thoại của bạn, hoặc một mã khôi phục."
                    </p>
                    <input id="ma-xac-thuc" name="code" autocomplete="one-time-code" required
                        aria-describedby="ma-xac-thuc-goi-y" node_ref=code_input/>
                </div>
            </Show>
            <button type="submit" class="button" disabled=move || sending.get() || !running.get()>
                {move || if asking_code.get() { "Xác nhận" } else { "Đăng nhập" }}
            </button>
        </form>
    }
}
