//! Where the NukeViet addresses lead now.

use super::{Db, engine::on};
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
