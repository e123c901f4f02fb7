//! The route table: the full portal under `Layout`, the embed pages under `EmbedLayout`.
//! Each pattern matches an address built in `routes`.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    layout::Layout,
    loading::provide_retry,
    pages::{
        article::ArticlePage,
        category::CategoryPage,
        embed::{EmbedArticle, EmbedLayout, EmbedPoll},
        home::HomePage,
        not_found::NotFound,
        polls::PollsPage,
        search::SearchPage,
        sign_in::SignInPage,
        tag::TagPage,
    },
    routes::PORTAL_NAME,
};

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
                    <Route path=path!("/bai-viet/:id") view=ArticlePage/>
                    <Route path=path!("/binh-chon") view=PollsPage/>
                    <Route path=path!("/tim-kiem") view=SearchPage/>
                    <Route path=path!("/the/:tag") view=TagPage/>
                    <Route path=path!("/dang-nhap") view=SignInPage/>
                    <Route path=path!("/*any") view=NotFound/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
