//! The routes and the page frame around them.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    article::ArticlePage,
    category::CategoryPage,
    embed::{EmbedArticle, EmbedLayout, EmbedPoll},
    home::HomePage,
    layout::Layout,
    loading::provide_retry,
    not_found::NotFound,
    poll::PollsPage,
    sign_in::SignInPage,
};

/// The portal's name, as the header and the home page title show it.
pub const PORTAL_NAME: &str = "Trung tâm Khuyến công";

#[component]
fn FullArticle() -> impl IntoView {
    view! { <ArticlePage/> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_retry();
    view! {
        <Title text=PORTAL_NAME/>
        <Router>
            <Routes fallback=NotFound>
                <ParentRoute path=path!("/nhung") view=EmbedLayout>
                    <Route path=path!("/bai-viet/:id") view=EmbedArticle/>
                    <Route path=path!("/binh-chon/:id") view=EmbedPoll/>
                </ParentRoute>
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/chuyen-muc/:slug") view=CategoryPage/>
                    <Route path=path!("/bai-viet/:id") view=FullArticle/>
                    <Route path=path!("/binh-chon") view=PollsPage/>
                    <Route path=path!("/dang-nhap") view=SignInPage/>
                    <Route path=path!("/*any") view=NotFound/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
