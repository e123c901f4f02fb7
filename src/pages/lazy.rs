//! Pages whose code the citizens' bundle fetches only when a reader goes there: each is a
//! `LazyRoute` whose view comes from a function the release build splits into a wasm
//! chunk of its own (`#[lazy]`, feature `hydrate`; the build's split step, in xtask). The
//! server renders them as any page (their view is ready at once) and names the page's
//! chunks in it, for the browser to fetch beside the main module (`public/boot.js`); the
//! dev loop (`csr`, unsplit) calls the same functions directly.

/// `lazy_page!(Route, module, Page)`: `Route` is the route's view (`Lazy::<Route>`);
/// `module` holds the split function that makes `Page` (named after it, so each page's
/// chunk has a name of its own).
macro_rules! lazy_page {
    ($route:ident, $module:ident, $page:path) => {
        mod $module {
            use leptos::prelude::*;

            #[cfg_attr(feature = "hydrate", leptos::lazy($module))]
            pub async fn view() -> AnyView {
                #[cfg(feature = "ssr")]
                crate::render::used_lazy_page(stringify!($module));
                view! { <$page/> }.into_any()
            }
        }

        pub struct $route;

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> leptos::prelude::AnyView {
                $module::view().await
            }

            /// Hydration waits for this, so the page's chunk is there before the page
            /// the server wrote is taken over.
            async fn preload() {
                #[cfg(feature = "hydrate")]
                $module::__preload_view().await;
            }
        }
    };
}

lazy_page!(SearchRoute, search_page, crate::pages::search::SearchPage);
lazy_page!(PollsRoute, polls_page, crate::pages::polls::PollsPage);
lazy_page!(SignInRoute, sign_in_page, crate::pages::sign_in::SignInPage);
lazy_page!(TagRoute, tag_page, crate::pages::tag::TagPage);
lazy_page!(HomeRoute, home_page, crate::pages::home::HomePage);
lazy_page!(
    CategoryRoute,
    category_page,
    crate::pages::category::CategoryPage
);
lazy_page!(
    CentrePageRoute,
    centre_page,
    crate::pages::centre_page::CentrePageView
);
lazy_page!(
    OrganisationRoute,
    organisation_page,
    crate::pages::organisation::OrganisationPage
);
lazy_page!(
    ContactsRoute,
    contacts_page,
    crate::pages::contacts::ContactsPage
);
lazy_page!(
    EmbedArticleRoute,
    embed_article_page,
    crate::pages::embed::EmbedArticle
);
lazy_page!(
    EmbedPollRoute,
    embed_poll_page,
    crate::pages::embed::EmbedPoll
);
