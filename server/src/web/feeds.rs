//! RSS 2.0: the 20 newest articles, of all categories (`/rss`) or of one.

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use portal_contract::{ArticleSummary, PORTAL_NAME, PageRequest, paths};
use rss::{Channel, Guid, Item};
use time::{format_description::well_known::Rfc2822, macros::offset};

use super::documents::Base;
use crate::{AppState, http::ApiError, store::articles};

/// Articles a feed carries.
const FEED_ITEMS: u32 = 20;

fn item(base: &str, article: &ArticleSummary) -> Item {
    let link = format!("{base}{}", paths::article(article.id));
    let mut item = Item::default();
    item.set_title(article.title.clone());
    item.set_link(link.clone());
    item.set_guid(Guid {
        value: link,
        permalink: true,
    });
    item.set_description(article.summary.clone());
    item.set_categories(vec![rss::Category {
        name: article.category.title.clone(),
        domain: None,
    }]);
    item.set_pub_date(
        article
            .published_at
            .to_offset(offset!(+7))
            .format(&Rfc2822)
            .ok(),
    );
    item
}

/// The feed of `category` (all articles: `None`), kept until an article changes.
async fn feed(
    state: &AppState,
    headers: &HeaderMap,
    category: Option<portal_contract::Category>,
) -> Result<Response, ApiError> {
    let base = Base::of(state, headers);
    let name = match &category {
        Some(c) => format!("{}/{}", paths::FEED, c.slug),
        None => paths::FEED.to_owned(),
    };
    let build = || build_feed(state, &base.url, category);
    state
        .documents
        .answer(
            state,
            &name,
            &base,
            "application/rss+xml; charset=utf-8",
            build,
        )
        .await
}

async fn build_feed(
    state: &AppState,
    base: &str,
    category: Option<portal_contract::Category>,
) -> Result<String, ApiError> {
    let page = PageRequest::new(Some(1), Some(i64::from(FEED_ITEMS)))
        .expect("the feed's page is in range");
    let listing = articles::Listing {
        category_id: category.as_ref().map(|c| c.id),
        tag: None,
    };
    let (newest, _) = articles::list_articles(&state.db, &listing, page).await?;
    let mut channel = Channel::default();
    let (title, link) = match &category {
        Some(c) => (
            format!("{PORTAL_NAME} — {}", c.title),
            paths::category(&c.slug),
        ),
        None => (PORTAL_NAME.to_owned(), paths::HOME.to_owned()),
    };
    channel.set_title(title);
    channel.set_link(format!("{base}{link}"));
    channel.set_description(format!("Tin mới nhất của {PORTAL_NAME}"));
    channel.set_language("vi".to_owned());
    channel.set_items(newest.iter().map(|a| item(base, a)).collect::<Vec<_>>());
    Ok(channel.to_string())
}

pub async fn all(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    feed(&state, &headers, None).await
}

pub async fn of_category(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    let category = articles::category(&state.db, &slug)
        .await?
        .ok_or(ApiError::not_found("Không tìm thấy chuyên mục"))?;
    feed(&state, &headers, Some(category)).await
}
