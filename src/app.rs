//! The route table: the full portal under `Layout`, the embed pages under `EmbedLayout`.
//! Each pattern matches an address built in `routes`.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    Lazy,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    layout::Layout,
    loading::provide_retry,
    pages::{
        article::ArticlePage,
        embed::EmbedLayout,
        lazy::{
            CategoryRoute, CentrePageRoute, ContactsRoute, EmbedArticleRoute, EmbedPollRoute,
            HomeRoute, OrganisationRoute, PollsRoute, SearchRoute, SignInRoute, TagRoute,
        },
        not_found::NotFound,
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
                    <Route path=path!("/bai-viet/:id") view={Lazy::<EmbedArticleRoute>::new()}/>
                    <Route path=path!("/binh-chon/:id") view={Lazy::<EmbedPollRoute>::new()}/>
                </ParentRoute>
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()}/>
                    <Route path=path!("/chuyen-muc/:slug") view={Lazy::<CategoryRoute>::new()}/>
                    <Route path=path!("/bai-viet/:id") view=ArticlePage/>
                    <Route path=path!("/binh-chon") view={Lazy::<PollsRoute>::new()}/>
                    <Route path=path!("/tim-kiem") view={Lazy::<SearchRoute>::new()}/>
                    <Route path=path!("/the/:tag") view={Lazy::<TagRoute>::new()}/>
                    <Route path=path!("/trang/:slug") view={Lazy::<CentrePageRoute>::new()}/>
                    <Route path=path!("/co-cau-to-chuc") view={Lazy::<OrganisationRoute>::new()}/>
                    <Route path=path!("/lien-he") view={Lazy::<ContactsRoute>::new()}/>
                    <Route path=path!("/dang-nhap") view={Lazy::<SignInRoute>::new()}/>
                    <Route path=path!("/*any") view=NotFound/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
