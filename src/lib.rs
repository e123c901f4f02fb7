//! The portal's single-page apps: Leptos, rendered in the browser, fed by the JSON API.
//! Two bundles are built from this library: the citizens' portal (`src/main.rs`) and the
//! staff's newsroom (`src/bin/newsroom.rs`, `newsroom/`), so that nothing only staff use
//! rides in the citizens' wasm.
//!
//! `app` is the route table; `pages/` one file per route, `widgets/` the parts pages are
//! made of, `layout` the frame around the portal's pages, `idle/` the signed-in idle
//! timer. `api` makes every request, `first_view` takes over from the page the server
//! wrote, `loading` shows data on its way, `routes` names every address, `session` knows
//! who is signed in.

mod api;
mod app;
mod first_view;
mod idle;
mod json;
mod layout;
mod loading;
mod newsroom;
mod pages;
mod routes;
mod session;
mod widgets;

/// Starts the citizens' portal, taking over the page the server wrote when there is one.
pub fn portal() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    match first_view::app_root() {
        Some(root) => leptos::mount::mount_to(root, app::App).forget(),
        None => leptos::mount::mount_to_body(app::App),
    }
}

/// Starts the newsroom, the staff's app under `/quan-tri`.
pub fn newsroom() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(newsroom::App);
}
