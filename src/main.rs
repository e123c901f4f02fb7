//! The portal's single-page app: Leptos, rendered in the browser, fed by the JSON API.
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
mod pages;
mod routes;
mod session;
mod widgets;

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    match first_view::app_root() {
        Some(root) => leptos::mount::mount_to(root, app::App).forget(),
        None => leptos::mount::mount_to_body(app::App),
    }
}
