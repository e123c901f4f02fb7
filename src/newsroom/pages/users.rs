//! `/quan-tri/nguoi-dung` (admins): every user with their role and state; an admin adds
//! staff, changes a role, disables and re-enables a user (which ends their sessions),
//! sets a new password, and resets a lost two-step sign-in.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use portal_contract::newsroom::{
    MIN_PASSWORD_CHARS, NewStaffMember, Role, StaffChange, StaffMember,
};

use crate::{
    loading::{Loaded, retried},
    newsroom::{
        api as newsroom_api,
        form::{Input, Outcome, OutcomeLine},
    },
};

/// The roles an admin can give, as the page names them ("" for none).
const ROLES: [(&str, &str); 3] = [
    ("editor", "Biên tập viên"),
    ("admin", "Quản trị viên"),
    ("", "Không có quyền quản trị"),
];

fn role_value(role: Option<Role>) -> &'static str {
    role.map_or("", Role::as_str)
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let users = retried(newsroom_api::users);
    let outcome = RwSignal::new(None::<Outcome>);
    let reload = move || users.refetch();
    view! {
        <Title text="Người dùng · Quản trị nội dung"/>
        <h1 class="page-title">"Người dùng"</h1>
        <OutcomeLine outcome/>
        <Loaded data=users let:users>
            <UserTable users outcome reload/>
        </Loaded>
        <AddUser outcome reload/>
    }
}

#[component]
fn UserTable(
    users: Vec<StaffMember>,
    outcome: RwSignal<Option<Outcome>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let rows = users
        .into_iter()
        .map(|user| view! { <UserRow user outcome reload/> })
        .collect_view();
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Danh sách người dùng"</caption>
            <thead>
                <tr>
                    <th scope="col">"Tên đăng nhập"</th>
                    <th scope="col">"Tên hiển thị"</th>
                    <th scope="col">"Quyền"</th>
                    <th scope="col">"Trạng thái"</th>
                    <th scope="col">"Xác thực hai bước"</th>
                    <th scope="col">"Thao tác"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Sends `change` for user `id`, says how it went, and reads the list again.
fn change(
    id: i64,
    change: StaffChange,
    done: &'static str,
    outcome: RwSignal<Option<Outcome>>,
    reload: impl Fn() + 'static,
) {
    spawn_local(async move {
        let result = newsroom_api::change_user(id, &change).await;
        outcome.set(Some(Outcome::of(&result, done, "thay đổi")));
        reload();
    });
}

#[component]
fn UserRow(
    user: StaffMember,
    outcome: RwSignal<Option<Outcome>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = user.id;
    let current = role_value(user.role);
    let roles = ROLES.map(|(value, label)| {
        view! { <option value=value selected=value == current>{label}</option> }
    });
    let set_role = move |ev| {
        let role = Role::parse(&event_target_value(&ev));
        let role_change = StaffChange {
            role: Some(role),
            ..StaffChange::default()
        };
        change(id, role_change, "Đã đổi quyền.", outcome, reload);
    };
    let disabled = user.disabled;
    let toggle = move |_| {
        let toggled = StaffChange {
            disabled: Some(!disabled),
            ..StaffChange::default()
        };
        let done = if disabled {
            "Đã mở khóa tài khoản."
        } else {
            "Đã khóa tài khoản."
        };
        change(id, toggled, done, outcome, reload);
    };
    let password = RwSignal::new(String::new());
    let set_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_password = StaffChange {
            password: Some(password.get_untracked()),
            ..StaffChange::default()
        };
        password.set(String::new());
        change(id, new_password, "Đã đặt mật khẩu mới.", outcome, reload);
    };
    let username = user.username.clone();
    let reset_two_step = move |_| {
        let question = format!(
            "Đặt lại xác thực hai bước của {username}? Người này sẽ bị đăng xuất và cài đặt lại từ đầu."
        );
        if window().confirm_with_message(&question) != Ok(true) {
            return;
        }
        spawn_local(async move {
            let result = newsroom_api::reset_two_step(id).await;
            outcome.set(Some(Outcome::of(
                &result,
                "Đã đặt lại xác thực hai bước.",
                "thay đổi",
            )));
            reload();
        });
    };
    let two_step = user.two_step;
    let role_id = format!("quyen-{id}");
    let password_id = format!("mat-khau-{id}");
    view! {
        <tr>
            <td>{user.username.clone()}</td>
            <td>{user.display_name}</td>
            <td>
                <label for=role_id.clone() class="visually-hidden">{format!("Quyền của {}", user.username)}</label>
                <select id=role_id on:change=set_role>{roles}</select>
            </td>
            <td>{if disabled { "Đã khóa" } else { "Đang hoạt động" }}</td>
            <td>{if two_step { "Đã bật" } else { "Chưa bật" }}</td>
            <td>
                <button type="button" class="button button--secondary" on:click=toggle>
                    {if disabled { "Mở khóa" } else { "Khóa" }}
                </button>
                {two_step.then(|| view! {
                    <button type="button" class="button button--secondary" on:click=reset_two_step>
                        "Đặt lại xác thực hai bước"
                    </button>
                })}
                <details class="user-password">
                    <summary>"Đặt lại mật khẩu"</summary>
                    <form on:submit=set_password>
                        <label for=password_id.clone()>{format!("Mật khẩu mới cho {}", user.username)}</label>
                        <input id=password_id type="password" autocomplete="new-password"
                            minlength=MIN_PASSWORD_CHARS required
                            prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                        <button type="submit" class="button">"Đặt mật khẩu"</button>
                    </form>
                </details>
            </td>
        </tr>
    }
}

fn blank_user() -> NewStaffMember {
    NewStaffMember {
        username: String::new(),
        display_name: String::new(),
        role: Some(Role::Editor),
        password: String::new(),
    }
}

#[component]
fn AddUser(
    outcome: RwSignal<Option<Outcome>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let user = RwSignal::new(blank_user());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let result = newsroom_api::add_user(&user.get_untracked()).await;
            outcome.set(Some(Outcome::of(
                &result,
                "Đã thêm người dùng.",
                "người dùng mới",
            )));
            if result.is_ok() {
                user.set(blank_user());
                reload();
            }
        });
    };
    let roles = ROLES.map(|(value, label)| view! { <option value=value>{label}</option> });
    view! {
        <h2>"Thêm người dùng"</h2>
        <form class="newsroom-form" on:submit=submit>
            <Input record=user id="nguoi-dung-moi" label="Tên đăng nhập" required=true
                value=|u| u.username.clone() set=|u, v| u.username = v/>
            <Input record=user id="ten-hien-thi" label="Tên hiển thị" required=true
                value=|u| u.display_name.clone() set=|u, v| u.display_name = v/>
            <Input record=user id="mat-khau-moi" label="Mật khẩu (ít nhất 8 ký tự)" kind="password" required=true
                value=|u| u.password.clone() set=|u, v| u.password = v/>
            <div class="field">
                <label for="quyen-moi">"Quyền"</label>
                <select id="quyen-moi"
                    on:change=move |ev| user.update(|u| u.role = Role::parse(&event_target_value(&ev)))
                    prop:value=move || user.with(|u| role_value(u.role))>
                    {roles}
                </select>
            </div>
            <button type="submit" class="button">"Thêm người dùng"</button>
        </form>
    }
}
