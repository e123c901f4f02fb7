//! The portal's single-page app: Leptos, rendered in the browser, fed by the JSON API.

mod api;
mod app;
mod article;
mod article_list;
mod category;
mod embed;
mod format;
mod home;
mod idle;
mod layout;
mod loading;
mod not_found;
mod poll;
mod public_services;
mod rating;
mod session;
mod showcase;
mod sidebar;
mod sign_in;
mod weblinks;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
