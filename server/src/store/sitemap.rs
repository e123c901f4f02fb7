//! What the sitemap lists: every published article, every category, the centre's own
//! pages, its organisation and contacts, the home page and the polls page, each with when
//! it last changed.

use super::{Db, engine::on};
use portal_contract::paths;

use time::OffsetDateTime;

use super::at;

/// One address of the sitemap.
pub struct Entry {
    pub path: String,
    pub lastmod: OffsetDateTime,
}

pub async fn entries(db: &Db) -> Result<Vec<Entry>, sqlx::Error> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let newest: Option<i64> = on!(db, |c| sqlx::query_scalar(
        "SELECT MAX(published_at) FROM public_articles WHERE published_at <= $1"
    )
    .bind(now)
    .fetch_one(c)
    .await)?;
    let polls: Option<i64> = on!(db, |c| sqlx::query_scalar(
        "SELECT MAX(starts_at) FROM polls WHERE starts_at <= $1"
    )
    .bind(now)
    .fetch_one(c)
    .await)?;
    let mut entries = vec![Entry {
        path: paths::HOME.to_owned(),
        lastmod: at(newest.unwrap_or(0)),
    }];
    if let Some(polls) = polls {
        entries.push(Entry {
            path: paths::POLLS.to_owned(),
            lastmod: at(polls),
        });
    }
    let pages: Vec<(String, i64)> = on!(db, |c| sqlx::query_as(
        "SELECT slug, updated_at FROM centre_pages ORDER BY position, id"
    )
    .fetch_all(c)
    .await)?;
    entries.extend(pages.into_iter().map(|(slug, updated)| Entry {
        path: paths::centre_page(&slug),
        lastmod: at(updated),
    }));
    if let Some(changed) = super::organisation::last_change(db).await? {
        for path in [paths::ORGANISATION, paths::CONTACTS] {
            entries.push(Entry {
                path: path.to_owned(),
                lastmod: at(changed),
            });
        }
    }
    let categories: Vec<(String, Option<i64>)> = on!(db, |c| sqlx::query_as(
        "SELECT c.slug, (SELECT MAX(published_at) FROM public_articles a
                         WHERE a.category_id = c.id AND a.published_at <= $1)
         FROM categories c ORDER BY c.position, c.id",
    )
    .bind(now)
    .fetch_all(c)
    .await)?;
    entries.extend(categories.into_iter().map(|(slug, newest)| Entry {
        path: paths::category(&slug),
        lastmod: at(newest.unwrap_or(0)),
    }));
    let articles: Vec<(i64, i64)> = on!(db, |c| {
        sqlx::query_as(
        "SELECT id, published_at FROM public_articles WHERE published_at <= $1 ORDER BY published_at DESC, id DESC",
    )
    .bind(now)
    .fetch_all(c).await
    })?;
    entries.extend(articles.into_iter().map(|(id, published)| Entry {
        path: paths::article(id),
        lastmod: at(published),
    }));
    Ok(entries)
}

/// A mark of everything the feeds and the sitemap list: it changes whenever an article
/// is saved, published (its time come included), binned or restored, a poll opens, a
/// category changes, one of the centre's pages is added or saved, or its directory
/// changes. Cheap (one query): the documents are built again only when it moves.
pub async fn last_change(db: &Db) -> Result<String, sqlx::Error> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    type Marks = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let marks: Marks = on!(db, |c| sqlx::query_as(
        "SELECT
             (SELECT COALESCE(MAX(updated_at), 0) FROM articles),
             (SELECT COUNT(*) FROM public_articles WHERE published_at <= $1),
             (SELECT COALESCE(MAX(published_at), 0) FROM public_articles WHERE published_at <= $1),
             (SELECT COALESCE(MAX(starts_at), 0) FROM polls WHERE starts_at <= $1),
             (SELECT COUNT(*) FROM categories),
             (SELECT CAST(COALESCE(SUM(LENGTH(slug) + LENGTH(title) + position), 0) AS BIGINT)
              FROM categories),
             (SELECT COUNT(*) FROM centre_pages),
             (SELECT COALESCE(MAX(updated_at), 0) FROM centre_pages),
             (SELECT COUNT(*) FROM units),
             (SELECT COALESCE(MAX(updated_at), 0) FROM units),
             (SELECT COALESCE(MAX(updated_at), 0) FROM people)",
    )
    .bind(now)
    .fetch_one(c)
    .await)?;
    Ok(format!("{marks:?}"))
}
