//! Where the NukeViet addresses lead now.

use sqlx::SqlitePool;

/// Our id of the article whose NukeViet id is `legacy_id`.
pub async fn article_of(db: &SqlitePool, legacy_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM public_articles WHERE legacy_id = ?")
        .bind(legacy_id)
        .fetch_optional(db)
        .await
}

/// Our slug of the category whose NukeViet alias is `alias`.
pub async fn category_of(db: &SqlitePool, alias: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT slug FROM categories WHERE legacy_alias = ?")
        .bind(alias)
        .fetch_optional(db)
        .await
}
