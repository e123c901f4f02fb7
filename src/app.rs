//! The routes and the page frame around them.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    article::ArticlePage, category::CategoryPage, home::HomePage, layout::Layout,
    loading::provide_retry, not_found::NotFound, poll::PollsPage, session::provide_auth,
    sign_in::SignInPage,
};

/// The portal's name, as the header and the home page title show it.
pub const PORTAL_NAME: &str = "Trung tâm Khuyến công";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_retry();
    provide_auth();
    view! {
        <Title text=PORTAL_NAME/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/chuyen-muc/:slug") view=CategoryPage/>
                    <Route path=path!("/bai-viet/:id") view=ArticlePage/>
                    <Route path=path!("/binh-chon") view=PollsPage/>
                    <Route path=path!("/dang-nhap") view=SignInPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
