//! `/quan-tri/xac-thuc-hai-buoc`: a member of staff's two-step sign-in. Off: set it up
//! (scan the QR code, confirm with the password and a first code, keep the recovery
//! codes, shown once). On: new recovery codes, or turn it off (not where the portal
//! requires it). Where the portal requires it, the newsroom opens nothing else until it
//! is on.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use portal_contract::{TwoStep, TwoStepProof, TwoStepSetup};

use crate::{
    api,
    loading::refusal_message,
    newsroom::{
        api as newsroom_api,
        form::{Outcome, OutcomeLine},
    },
    session::Auth,
};

#[component]
pub fn TwoStepPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let outcome = RwSignal::new(None::<Outcome>);
    // Kept here, not in the session: the codes stay on screen until the user says they
    // have kept them, whatever the session does meanwhile.
    let codes = RwSignal::new(None::<Vec<String>>);
    let state = Memo::new(move |_| {
        auth.session
            .with(|s| s.as_ref().map(|info| info.two_step).unwrap_or_default())
    });
    view! {
        <Title text="Xác thực hai bước · Quản trị nội dung"/>
        <h1 class="page-title">"Xác thực hai bước"</h1>
        <OutcomeLine outcome/>
        {move || match (codes.get(), state.get()) {
            (Some(list), _) => view! { <RecoveryCodesShown list codes/> }.into_any(),
            (None, TwoStep { enabled: true, required }) => {
                view! { <Manage required outcome codes/> }.into_any()
            }
            (None, TwoStep { required, .. }) => view! { <SetUp required outcome codes/> }.into_any(),
        }}
    }
}

/// Reads the session again, so the page and the gate know what changed.
fn refresh_session(auth: Auth) {
    spawn_local(async move {
        if let Ok(info) = api::session().await {
            auth.signed_in(info);
        }
    });
}

#[component]
fn SetUp(
    required: bool,
    outcome: RwSignal<Option<Outcome>>,
    codes: RwSignal<Option<Vec<String>>>,
) -> impl IntoView {
    let offered = RwSignal::new(None::<TwoStepSetup>);
    let begin = move |_| {
        spawn_local(async move {
            match newsroom_api::offer_two_step().await {
                Ok(setup) => {
                    outcome.set(None);
                    offered.set(Some(setup));
                }
                Err(error) => {
                    outcome.set(Some(Outcome::Refused(refusal_message(&error, "yêu cầu"))))
                }
            }
        });
    };
    let confirm = move |proof: TwoStepProof| {
        spawn_local(async move {
            match newsroom_api::enable_two_step(&proof).await {
                Ok(recovery) => {
                    outcome.set(Some(Outcome::Done("Đã bật xác thực hai bước.".into())));
                    codes.set(Some(recovery.codes));
                }
                Err(error) => outcome.set(Some(Outcome::Refused(refusal_message(&error, "mã")))),
            }
        });
    };
    view! {
        {required.then(|| view! {
            <p class="notice notice--warning">
                "Cổng thông tin yêu cầu cán bộ bật xác thực hai bước trước khi quản trị nội dung."
            </p>
        })}
        <p>
            "Khi bật, mỗi lần đăng nhập bạn nhập thêm mã 6 chữ số do ứng dụng xác thực trên điện thoại tạo ra "
            "(Google Authenticator, Microsoft Authenticator, FreeOTP…): người biết mật khẩu của bạn cũng không đăng nhập được."
        </p>
        {move || match offered.get() {
            None => view! {
                <button type="button" class="button" on:click=begin>"Bắt đầu cài đặt"</button>
            }.into_any(),
            Some(setup) => view! {
                <Offered setup/>
                <ProofForm action="Bật xác thực hai bước" id="bat" on_proof=confirm/>
            }.into_any(),
        }}
    }
}

/// The secret offered: its QR code, and the key to type by hand.
#[component]
fn Offered(setup: TwoStepSetup) -> impl IntoView {
    let key = grouped(&setup.secret);
    view! {
        <h2>"1. Thêm tài khoản vào ứng dụng xác thực"</h2>
        <p>"Quét mã QR bằng ứng dụng xác thực trên điện thoại."</p>
        <div class="two-step__qr" role="img"
            aria-label="Mã QR để thêm tài khoản vào ứng dụng xác thực" inner_html=setup.qr_svg></div>
        <p>"Không quét được? Nhập mã khoá này vào ứng dụng: " <code class="two-step__key">{key}</code></p>
        <h2>"2. Xác nhận bằng mã đầu tiên"</h2>
    }
}

/// `text` in groups of four letters, as a key is easiest to type.
fn grouped(text: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
fn Manage(
    required: bool,
    outcome: RwSignal<Option<Outcome>>,
    codes: RwSignal<Option<Vec<String>>>,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let renew = move |proof: TwoStepProof| {
        spawn_local(async move {
            match newsroom_api::renew_recovery_codes(&proof).await {
                Ok(recovery) => {
                    outcome.set(Some(Outcome::Done("Đã tạo mã khôi phục mới.".into())));
                    codes.set(Some(recovery.codes));
                }
                Err(error) => outcome.set(Some(Outcome::Refused(refusal_message(&error, "mã")))),
            }
        });
    };
    let turn_off = move |proof: TwoStepProof| {
        spawn_local(async move {
            let result = newsroom_api::disable_two_step(&proof).await;
            outcome.set(Some(Outcome::of(
                &result,
                "Đã tắt xác thực hai bước.",
                "mã",
            )));
            if result.is_ok() {
                refresh_session(auth);
            }
        });
    };
    view! {
        <p class="notice">"Xác thực hai bước đang bật cho tài khoản của bạn."</p>
        <h2>"Tạo mã khôi phục mới"</h2>
        <p>"Các mã khôi phục cũ sẽ không dùng được nữa."</p>
        <ProofForm action="Tạo mã khôi phục mới" id="ma-moi" on_proof=renew/>
        {(!required).then(|| view! {
            <h2>"Tắt xác thực hai bước"</h2>
            <ProofForm action="Tắt xác thực hai bước" id="tat" on_proof=turn_off/>
        })}
    }
}

/// The password and a code, as every change of two-step sign-in asks.
#[component]
fn ProofForm(
    /// What the form does, on its button.
    action: &'static str,
    /// Tells its fields' ids from those of the page's other forms.
    id: &'static str,
    #[prop(into)] on_proof: Callback<TwoStepProof>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let (password_id, code_id) = (format!("{id}-mat-khau"), format!("{id}-ma"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_proof.run(TwoStepProof {
            password: password.get_untracked(),
            code: code.get_untracked(),
        });
        code.set(String::new());
    };
    view! {
        <form class="newsroom-form two-step__proof" on:submit=submit>
            <div class="field">
                <label for=password_id.clone()>"Mật khẩu"</label>
                <input id=password_id type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=code_id.clone()>"Mã xác thực"</label>
                <input id=code_id autocomplete="one-time-code" required
                    prop:value=code on:input=move |ev| code.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">{action}</button>
        </form>
    }
}

/// The recovery codes, this once, until the user says they have kept them.
#[component]
fn RecoveryCodesShown(list: Vec<String>, codes: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let kept = move |_| {
        codes.set(None);
        refresh_session(auth);
    };
    let items = list
        .into_iter()
        .map(|code| view! { <li><code>{code}</code></li> })
        .collect_view();
    view! {
        <h2>"Mã khôi phục"</h2>
        <p class="notice notice--warning">
            "Lưu các mã này ở nơi an toàn (in ra giấy hoặc lưu trong trình quản lý mật khẩu). "
            "Khi không có điện thoại, mỗi mã đăng nhập được một lần thay cho mã xác thực. "
            "Các mã chỉ hiện lần này."
        </p>
        <ol class="two-step__codes">{items}</ol>
        <button type="button" class="button" on:click=kept>"Tôi đã lưu các mã khôi phục"</button>
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn a_key_is_shown_in_groups_of_four() {
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
        assert_eq!(grouped(""), "");
    }
}
