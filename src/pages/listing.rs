//! What the category and tag pages share: the articles of one category or one tag,
//! newest first, a page at a time (`?trang=N`), under a breadcrumb and a heading.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use portal_contract::ArticleList;

use portal_contract::words;

use crate::{
    api,
    loading::{Loaded, retried},
    routes,
    widgets::{
        article_list::{PagedArticles, use_page_query},
        breadcrumb::{Breadcrumb, Crumb},
    },
};

/// Whose articles a page lists; the route's parameter names which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOf {
    /// `:slug` of a category.
    Category,
    /// `:tag`, as the articles write it.
    Tag,
}

impl ListOf {
    fn param(self) -> &'static str {
        match self {
            Self::Category => "slug",
            Self::Tag => "tag",
        }
    }

    fn listing(self, key: &str) -> api::Listing<'_> {
        match self {
            Self::Category => api::Listing {
                category: Some(key),
                tag: None,
            },
            Self::Tag => api::Listing {
                category: None,
                tag: Some(key),
            },
        }
    }

    fn heading(self, key: &str, page: &ArticleList) -> String {
        match self {
            Self::Category => page
                .category
                .as_ref()
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            Self::Tag => words::tag_heading(key),
        }
    }

    fn address(self, key: &str) -> String {
        match self {
            Self::Category => routes::category(key),
            Self::Tag => routes::tag(key),
        }
    }
}

#[component]
pub fn ListPage(of: ListOf) -> impl IntoView {
    let params = use_params_map();
    let key = move || params.read().get(of.param()).unwrap_or_default();
    let page = use_page_query();
    let list = retried(move || api::articles(of.listing(&key()), page()));
    view! {
        <Loaded data=list let:page>
            {
                let heading = of.heading(&key(), &page);
                view! {
                    <Title text=heading.clone()/>
                    <Breadcrumb crumbs=vec![Crumb::here(heading.clone())]/>
                    <h1 class="page-title">{heading}</h1>
                    <PagedArticles page base=of.address(&key())/>
                }
            }
        </Loaded>
    }
}
