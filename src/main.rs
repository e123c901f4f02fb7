//! The portal's single-page app: Leptos, rendered in the browser, fed by the JSON API.
//!
//! `app` is the route table; `pages/` one file per route, `widgets/` the parts pages are
//! made of, `layout` the frame around the portal's pages, `idle/` the signed-in idle
//! timer. `api` makes every request, `loading` shows data on its way, `routes` names
//! every address, `session` knows who is signed in, `format` writes dates and numbers.

mod api;
mod app;
mod format;
mod idle;
mod layout;
mod loading;
mod pages;
mod routes;
mod session;
mod widgets;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
