//! The newsroom (`/quan-tri`): staff list, write, preview, schedule and publish articles,
//! keep the polls and the sidebar; admins keep the users.
//! It is its own bundle (`src/bin/newsroom.rs`, `newsroom.html`), with the rich-text
//! editor's script, so none of it rides in the citizens' wasm.
//!
//! `layout` is the frame (who is signed in, the idle notice, the staff-only gate),
//! `pages/` one file per route, `api` every newsroom request, `form` the fields and
//! notices the forms share, `rich_text` the editor of an article's body, `draft_store`
//! the unsaved text kept in the tab, `work` what the idle notice says of the editor's
//! work.

mod api;
mod compare;
mod draft_store;
mod form;
mod layout;
mod opening;
mod pages;
mod rich_text;
mod work;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{loading::provide_retry, pages::not_found::NotFound};
use layout::NewsroomLayout;
use pages::{
    articles::ArticlesPage, audit::AuditPage, editor::EditorPage, poll_editor::PollEditorPage,
    polls::PollsPage, sidebar::SidebarPage, two_step::TwoStepPage, users::UsersPage,
};

/// The newsroom's title, in the header and every page's title.
const NEWSROOM_NAME: &str = "Quản trị nội dung";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_retry();
    view! {
        <Title text=NEWSROOM_NAME/>
        <Router>
            <Routes fallback=NotFound>
                <ParentRoute path=path!("/quan-tri") view=NewsroomLayout>
                    <Route path=path!("") view=ArticlesPage/>
                    // One route for a new article ("moi") and a saved one, so that the
                    // editor stays as it is when a first save gives the article its address.
                    <Route path=path!("/bai-viet/:id") view=EditorPage/>
                    <Route path=path!("/binh-chon") view=PollsPage/>
                    <Route path=path!("/binh-chon/:id") view=PollEditorPage/>
                    <Route path=path!("/khoi-ben") view=SidebarPage/>
                    <Route path=path!("/nguoi-dung") view=UsersPage/>
                    <Route path=path!("/nhat-ky") view=AuditPage/>
                    <Route path=path!("/xac-thuc-hai-buoc") view=TwoStepPage/>
                    <Route path=path!("/*any") view=NotFound/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
