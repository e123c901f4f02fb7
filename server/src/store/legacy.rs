//! Where the NukeViet addresses lead now.

use portal_contract::paths;

use super::{Db, engine::on};
use crate::rules::legacy::Legacy;

/// Where a NukeViet address leads now, if anywhere.
pub async fn new_address(db: &Db, legacy: Legacy) -> Result<Option<String>, sqlx::Error> {
    Ok(match legacy {
        Legacy::Article { id } => article_of(db, id).await?.map(paths::article),
        Legacy::Category { alias, page } => category_of(db, &alias).await?.map(|slug| match page {
            1 => paths::category(&slug),
            n => paths::list_page(&paths::category(&slug), n),
        }),
        Legacy::Feed { alias: None } => Some(paths::FEED.to_owned()),
        Legacy::Feed { alias: Some(alias) } => category_of(db, &alias)
            .await?
            .map(|slug| format!("{}/{slug}", paths::FEED)),
        Legacy::News => Some(paths::HOME.to_owned()),
        Legacy::Polls => Some(paths::POLLS.to_owned()),
        Legacy::Page { module, alias } => centre_page_of(db, &module, alias.as_deref())
            .await?
            .map(|slug| paths::centre_page(&slug)),
    })
}

/// Our slug of the page moved from NukeViet's page module `module` with `alias`, or,
/// without an alias, of that module's first page.
pub async fn centre_page_of(
    db: &Db,
    module: &str,
    alias: Option<&str>,
) -> Result<Option<String>, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT slug FROM centre_pages
         WHERE legacy_module = $1 AND (legacy_alias = $2 OR $3)
         ORDER BY position, id LIMIT 1"
    )
    .bind(module)
    .bind(alias.unwrap_or_default())
    .bind(alias.is_none())
    .fetch_optional(c)
    .await)
}

/// Our id of the article whose NukeViet id is `legacy_id`.
pub async fn article_of(db: &Db, legacy_id: i64) -> Result<Option<i64>, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT id FROM public_articles WHERE legacy_id = $1"
    )
    .bind(legacy_id)
    .fetch_optional(c)
    .await)
}

/// Our slug of the category whose NukeViet alias is `alias`.
pub async fn category_of(db: &Db, alias: &str) -> Result<Option<String>, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT slug FROM categories WHERE legacy_alias = $1"
    )
    .bind(alias)
    .fetch_optional(c)
    .await)
}
