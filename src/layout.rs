//! The frame of every page: header with the category menu, main column, sidebar, footer.

use leptos::{ev, html, prelude::*, task::spawn_local};
use leptos_router::{
    components::{A, Outlet},
    hooks::use_location,
};

use portal_contract::{
    format::{header_date, machine_date},
    paths, words,
};

use crate::{
    api, environment,
    idle::{NoWork, SessionNotices},
    loading::retried,
    routes::{self, FEED, HOME, PORTAL_NAME, sign_in_returning_to},
    session::{Auth, provide_auth},
    widgets::{
        search_box::SearchBox,
        sidebar::{FrameData, Sidebar, provide_visitor_figures},
    },
};

/// The full portal page; signed-in state lives here (embed pages have none).
#[component]
pub fn Layout() -> impl IntoView {
    provide_auth();
    let sidebar = retried(api::sidebar);
    let visitors = provide_visitor_figures();
    if api::visit_left_to_app() {
        // Effects run in the browser only.
        Effect::new(move |_| {
            spawn_local(async move {
                if let Ok(counted) = api::count_visit().await {
                    visitors.0.set(Some(counted));
                }
            });
        });
    }
    view! {
        <a class="skip-link" href="#noi-dung">{words::SKIP_TO_CONTENT}</a>
        <SessionNotices work=NoWork/>
        <header class="site-header">
            <div class="site-header__inner">
                <A href=HOME attr:class="site-name">
                    <span class="site-name__parent">{words::PARENT_AGENCY}</span>
                    <span class="site-name__title">{PORTAL_NAME}</span>
                </A>
                <Today/>
                <SearchBox/>
                <UserMenu/>
            </div>
            <CategoryMenu/>
        </header>
        <div class="page">
            <main id="noi-dung" class="content" tabindex="-1"><Outlet/></main>
            <Sidebar sidebar/>
        </div>
        <Footer sidebar/>
    }
}

/// The agency's information (as the server writes it, with the sidebar's data), the
/// credit line and the feed.
#[component]
fn Footer(sidebar: FrameData) -> impl IntoView {
    let agency = move || {
        sidebar
            .get()
            .and_then(Result::ok)
            .map(|data| data.footer_html)
    };
    view! {
        <footer class="site-footer">
            <div class="site-footer__site" inner_html=agency></div>
            <nav class="site-footer__links" aria-label=words::ABOUT_THE_CENTRE>
                <A href=paths::ORGANISATION>{words::ORGANISATION}</A>
                <A href=paths::CONTACTS>{words::CONTACTS}</A>
            </nav>
            <p>{words::FOOTER_CREDIT}</p>
            // A server document, not a route of the app: `rel="external"` keeps the
            // router from taking the click.
            <p><a class="feed-link" href=FEED rel="external">
                <img src="/images/rss.svg" alt="" width="16" height="16"/>
                {words::FOOTER_FEED}
            </a></p>
        </footer>
    }
}

/// Today's date, as the portal's day (Vietnam time): "Thứ tư, 02/12/2026".
#[component]
fn Today() -> impl IntoView {
    let now = environment::now();
    view! {
        <p class="site-header__date"><time datetime=machine_date(now)>{header_date(now)}</time></p>
    }
}

/// The signed-in user's name and "Thoát" (NukeViet's word for signing out), or "Đăng nhập".
#[component]
fn UserMenu() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let location = use_location();
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            auth.signed_out(None);
        });
    };
    move || {
        match auth.session.get() {
        Some(info) => view! {
            <div class="user-menu">
                // The newsroom is another app: a full load, not a route of this one.
                {info.user.role.map(|_| view! { <a href=paths::NEWSROOM rel="external">"Quản trị"</a> })}
                <span class="user-menu__name">{info.user.display_name}</span>
                <button type="button" class="user-menu__sign-out" on:click=sign_out>"Thoát"</button>
            </div>
        }
        .into_any(),
        None => {
            let href = sign_in_returning_to(&location.pathname.get(), &location.search.get());
            view! { <div class="user-menu"><a href=href>{words::SIGN_IN}</a></div> }.into_any()
        }
    }
    }
}

/// The menu: the home page, the centre's own pages it lists, the top-level categories;
/// while they cannot be loaded it offers the home page alone. On a phone it folds behind
/// the "Danh mục" button (see the style sheet).
#[component]
fn CategoryMenu() -> impl IntoView {
    let pages = retried(api::centre_pages);
    let categories = retried(api::categories);
    let items = move || {
        let pages = pages.get().and_then(Result::ok).unwrap_or_default();
        let pages = pages
            .into_iter()
            .filter(|page| page.in_menu)
            .map(|page| (routes::centre_page(&page.slug), page.title));
        let categories = categories.get().and_then(Result::ok).unwrap_or_default();
        let categories = categories
            .into_iter()
            .filter(|category| category.parent_id.is_none())
            .map(|category| (routes::category(&category.slug), category.title));
        pages
            .chain(categories)
            .map(|(href, title)| view! { <li><A href=href>{title}</A></li> })
            .collect_view()
    };
    let open = RwSignal::new(false);
    let toggle = NodeRef::<html::Button>::new();
    let location = use_location();
    // Choosing a page closes the menu.
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let close_on_escape = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <nav class="category-menu" aria-label=words::MENU_LABEL on:keydown=close_on_escape>
            <button
                type="button"
                class="category-menu__toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=words::MENU_LIST_ID
                node_ref=toggle
                on:click=move |_| open.update(|open| *open = !*open)
            >
                <span aria-hidden="true">"☰ "</span>{words::MENU_TOGGLE}
            </button>
            <ul id=words::MENU_LIST_ID class="category-menu__list">
                <li><A href=HOME exact=true>{words::HOME}</A></li>
                {items}
            </ul>
        </nav>
    }
}
