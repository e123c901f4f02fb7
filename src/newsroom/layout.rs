//! The newsroom's frame: its header (the newsroom's pages, the portal, who is signed in,
//! "Thoát"), the idle notice, and the gate: staff see the page, a signed-out reader the
//! sign-in form in its place, a user without a role a refusal.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::{A, Outlet, Redirect},
    hooks::use_location,
};
use portal_contract::{PORTAL_NAME, newsroom::Role, paths, words};

use super::{NEWSROOM_NAME, work::WorkInProgress};
use crate::{
    api,
    idle::SessionNotices,
    session::{Auth, provide_auth},
    widgets::sign_in_form::SignInForm,
};

#[component]
pub fn NewsroomLayout() -> impl IntoView {
    provide_auth();
    let work = WorkInProgress::new();
    provide_context(work);
    view! {
        <a class="skip-link" href="#noi-dung">{words::SKIP_TO_CONTENT}</a>
        <SessionNotices work/>
        <header class="newsroom-header">
            <p class="newsroom-header__name">
                <a href=paths::HOME rel="external">{PORTAL_NAME}</a>" · "{NEWSROOM_NAME}
            </p>
            <nav class="newsroom-header__menu" aria-label="Quản trị">
                <A href=paths::NEWSROOM exact=true>"Bài viết"</A>
                <A href=paths::NEWSROOM_NEW_ARTICLE>"Viết bài mới"</A>
                <A href=paths::NEWSROOM_POLLS>"Bình chọn"</A>
                <A href=paths::NEWSROOM_SIDEBAR>"Khối bên"</A>
                <AdminsLink/>
            </nav>
            <StaffMenu/>
        </header>
        <main id="noi-dung" class="newsroom-main" tabindex="-1">
            <Gate/>
        </main>
    }
}

/// "Người dùng" and "Nhật ký", for admins only.
#[component]
fn AdminsLink() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let admin = move || {
        auth.session.with(|s| {
            s.as_ref()
                .is_some_and(|info| info.user.role == Some(Role::Admin))
        })
    };
    move || {
        admin().then(|| {
            view! {
                <A href=paths::NEWSROOM_USERS>"Người dùng"</A>
                <A href=paths::NEWSROOM_AUDIT>"Nhật ký"</A>
            }
        })
    }
}

/// Who is signed in, and "Thoát".
#[component]
fn StaffMenu() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            auth.signed_out(None);
        });
    };
    move || {
        auth.session.get().map(|info| {
            view! {
                <div class="user-menu">
                    <span class="user-menu__name">{info.user.display_name}</span>
                    <A href=paths::NEWSROOM_TWO_STEP>"Xác thực hai bước"</A>
                    <button type="button" class="user-menu__sign-out" on:click=sign_out>"Thoát"</button>
                </div>
            }
        })
    }
}

/// The page for staff (only the two-step page for staff who must set it up first); the
/// sign-in form for a reader signed out; a refusal otherwise.
#[component]
fn Gate() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let location = use_location();
    // Only a change of who is signed in, or of whether they are held to the two-step
    // page, re-renders the page: a keepalive must not reset the editor, nor turning
    // two-step sign-in on hide the recovery codes.
    let access = Memo::new(move |_| {
        auth.session.with(|s| {
            s.as_ref().map(|info| {
                let elsewhere = location
                    .pathname
                    .with(|path| path != paths::NEWSROOM_TWO_STEP);
                (info.user.role, info.two_step.must_set_up() && elsewhere)
            })
        })
    });
    move || {
        if !auth.known.get() {
            return view! { <p class="loading">"Đang tải…"</p> }.into_any();
        }
        match access.get() {
            Some((Some(_), true)) => view! { <Redirect path=paths::NEWSROOM_TWO_STEP/> }.into_any(),
            Some((Some(_), false)) => view! { <Outlet/> }.into_any(),
            Some((None, _)) => view! {
                <h1 class="page-title">{NEWSROOM_NAME}</h1>
                <p role="alert">"Tài khoản của bạn không có quyền quản trị nội dung."</p>
            }
            .into_any(),
            None => view! {
                <h1 class="page-title">"Đăng nhập để quản trị nội dung"</h1>
                <SignInForm on_signed_in=|_| ()/>
            }
            .into_any(),
        }
    }
}
