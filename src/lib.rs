//! The portal's apps, in Leptos. Two bundles are built from this library: the citizens'
//! portal (`src/main.rs`) and the staff's newsroom (`src/bin/newsroom.rs`, `newsroom/`),
//! so that nothing only staff use rides in the citizens' wasm. The server renders the
//! citizens' pages with the same components (`render`, feature `ssr`), and the portal's
//! bundle hydrates them (feature `hydrate`); with `csr` it renders from nothing (the dev
//! loop, and the newsroom).
//!
//! `app` is the route table; `pages/` one file per route, `widgets/` the parts pages are
//! made of, `layout` the frame around the portal's pages, `idle/` the signed-in idle
//! timer. `api` makes every request, `handed_over` keeps the answers the page came with,
//! `loading` shows data on its way, `environment` is what a page knows of where it is
//! shown, `routes` names every address, `session` knows who is signed in.

mod api;
mod app;
mod environment;
mod handed_over;
mod idle;
mod json;
mod layout;
mod loading;
mod newsroom;
mod pages;
#[cfg(feature = "ssr")]
pub mod render;
mod request;
mod routes;
mod session;
mod widgets;

/// Starts the citizens' portal: hydrates the page the server wrote, or (in the dev loop,
/// whose page is empty) renders it.
pub fn portal() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    #[cfg(feature = "hydrate")]
    if let Some(root) = handed_over::app_root() {
        // Asynchronous: the page's own wasm chunk (`pages::lazy`) is fetched first.
        return wasm_bindgen_futures::spawn_local(async move {
            leptos::mount::hydrate_from_async(root, app::App)
                .await
                .forget();
            handed_over::forget();
            app_runs();
        });
    }
    leptos::mount::mount_to_body(app::App);
    app_runs();
}

/// Marks `<html>`: the app answers the page's forms and buttons now (`public/boot.js`
/// stands in until then; the browser tests wait for it).
fn app_runs() {
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-app", "");
    }
}

/// Starts the newsroom, the staff's app under `/quan-tri`.
pub fn newsroom() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(newsroom::App);
}
