//! The centre's own pages: their links in order, and one page as readers read it.

use portal_contract::{CentrePage, CentrePageLink};
use sqlx::FromRow;

use super::{Db, at, engine::on};

/// Every page's link, in the pages' order.
pub async fn links(db: &Db) -> Result<Vec<CentrePageLink>, sqlx::Error> {
    let rows: Vec<(String, String, bool)> = on!(db, |c| sqlx::query_as(
        "SELECT slug, title, in_menu FROM centre_pages ORDER BY position, id"
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, in_menu)| CentrePageLink {
            slug,
            title,
            in_menu,
        })
        .collect())
}

#[derive(FromRow)]
struct PageRow {
    slug: String,
    title: String,
    summary: String,
    body_html: String,
    updated_at: i64,
}

/// The page at `slug`, if there is one.
pub async fn page(db: &Db, slug: &str) -> Result<Option<CentrePage>, sqlx::Error> {
    let row: Option<PageRow> = on!(db, |c| sqlx::query_as(
        "SELECT slug, title, summary, body_html, updated_at FROM centre_pages WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(|row| CentrePage {
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        body_html: row.body_html,
        updated_at: at(row.updated_at),
    }))
}
