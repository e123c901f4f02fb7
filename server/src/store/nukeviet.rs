//! The writes of a move from NukeViet, each in the caller's transaction, through the
//! content import's upserts. A moved article remembers the NukeViet edit it came from and
//! the portal version it made, so a later run updates only what changed there, and leaves
//! alone what staff changed here since.

use portal_contract::{
    content::{CentrePageRecord, PollRecord, UnitRecord, WeblinkRecord},
    newsroom::Status,
};

use std::collections::HashSet;

use super::{
    Db, Engine, Tx,
    engine::{exec, on},
    first_free_slug, import, slug_taken,
};
use crate::{
    content::records::{ArticleRecord, CategoryRecord, PersonLine},
    rules::sanitize,
};

/// What a move did with one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
    /// Changed in the newsroom since the last move: left as staff made it.
    KeptStaffChange,
}

/// An article as NukeViet had it, with what the content record does not carry.
pub struct MovedArticle {
    pub record: ArticleRecord,
    pub legacy_id: i64,
    /// NukeViet's `edittime`.
    pub edited_at: i64,
    pub status: Status,
    pub views: i64,
    pub rating_total: i64,
    pub rating_count: i64,
}

/// Upserts a category by its slug.
pub async fn category(tx: &mut Tx, record: &CategoryRecord) -> Result<Outcome, sqlx::Error> {
    let before: Option<(String, i64, Option<String>)> = on!(&mut *tx, |c| sqlx::query_as(
        "SELECT c.title, c.position, p.slug FROM categories c
         LEFT JOIN categories p ON p.id = c.parent_id WHERE c.slug = $1"
    )
    .bind(&record.slug)
    .fetch_optional(c)
    .await)?;
    let outcome = match before {
        None => Outcome::Added,
        Some((title, position, parent))
            if title == record.title.trim()
                && position == record.position
                && parent == record.parent =>
        {
            return Ok(Outcome::Unchanged);
        }
        Some(_) => Outcome::Updated,
    };
    import::upsert_category(tx, record).await?;
    Ok(outcome)
}

/// What a move must do with the article moved before from NukeViet's `legacy_id`: `None`
/// when it must be written (new, or changed there since); else why it is left alone.
pub async fn standing(
    tx: &mut Tx,
    legacy_id: i64,
    edited_at: i64,
) -> Result<Option<Outcome>, sqlx::Error> {
    let before: Option<(i64, i64, i64)> = on!(&mut *tx, |c| sqlx::query_as(
        "SELECT m.edited_at, m.version, a.version
         FROM moved_articles m JOIN articles a ON a.id = m.article_id
         WHERE m.legacy_id = $1",
    )
    .bind(legacy_id)
    .fetch_optional(c)
    .await)?;
    Ok(match before {
        Some((_, moved_version, version)) if version != moved_version => {
            Some(Outcome::KeptStaffChange)
        }
        Some((moved_edit, ..)) if moved_edit == edited_at => Some(Outcome::Unchanged),
        _ => None,
    })
}

/// Moves an article: added under a free address, updated when NukeViet's copy changed
/// since the last move and staff have not changed it, else left. `None` when its category
/// is unknown.
pub async fn article(
    tx: &mut Tx,
    moved: &mut MovedArticle,
) -> Result<Option<Outcome>, sqlx::Error> {
    if let Some(left) = standing(tx, moved.legacy_id, moved.edited_at).await? {
        return Ok(Some(left));
    }
    let slug: Option<String> = on!(&mut *tx, |c| sqlx::query_scalar(
        "SELECT a.slug FROM moved_articles m JOIN articles a ON a.id = m.article_id
         WHERE m.legacy_id = $1",
    )
    .bind(moved.legacy_id)
    .fetch_optional(c)
    .await)?;
    let outcome = match slug {
        Some(slug) => {
            moved.record.slug = slug;
            Outcome::Updated
        }
        None => {
            moved.record.slug = first_free_slug(tx, "articles", &moved.record.slug, None).await?;
            Outcome::Added
        }
    };
    let Some(id) = import::upsert_article(tx, &moved.record).await? else {
        return Ok(None);
    };
    // Counts carried over never go down: what the portal counted since stays.
    let version: i64 = on!(&mut *tx, |c| sqlx::query_scalar(
        "UPDATE articles SET status = $2,
             views = CASE WHEN views > $3 THEN views ELSE $3 END,
             rating_total = CASE WHEN rating_count > $5 THEN rating_total ELSE $4 END,
             rating_count = CASE WHEN rating_count > $5 THEN rating_count ELSE $5 END
         WHERE id = $1 RETURNING version",
    )
    .bind(id)
    .bind(moved.status.as_str())
    .bind(moved.views)
    .bind(moved.rating_total)
    .bind(moved.rating_count)
    .fetch_one(c)
    .await)?;
    exec!(&mut *tx, |c| sqlx::query(
        "INSERT INTO moved_articles (legacy_id, article_id, edited_at, version)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (legacy_id) DO UPDATE SET article_id = excluded.article_id,
             edited_at = excluded.edited_at, version = excluded.version",
    )
    .bind(moved.legacy_id)
    .bind(id)
    .bind(moved.edited_at)
    .bind(version)
    .execute(c)
    .await)?;
    Ok(Some(outcome))
}

/// Upserts a poll with the votes NukeViet counted (per option, by the options' slugs, and
/// `voters` in all); `Err` with the reason the poll's upsert refuses.
pub async fn poll(
    tx: &mut Tx,
    record: &PollRecord,
    carried: &[i64],
    voters: i64,
) -> Result<Result<Outcome, String>, sqlx::Error> {
    let existed: bool = on!(&mut *tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM polls WHERE slug = $1)"
    )
    .bind(&record.slug)
    .fetch_one(c)
    .await)?;
    let poll_id = match import::upsert_poll(tx, record).await? {
        Ok(id) => id,
        Err(reason) => return Ok(Err(reason)),
    };
    for (option, votes) in record.options.iter().zip(carried) {
        exec!(&mut *tx, |c| sqlx::query(
            "UPDATE poll_options SET carried_votes = $3 WHERE poll_id = $1 AND slug = $2"
        )
        .bind(poll_id)
        .bind(&option.slug)
        .bind(votes)
        .execute(c)
        .await)?;
    }
    exec!(&mut *tx, |c| sqlx::query(
        "UPDATE polls SET carried_voters = $2 WHERE id = $1"
    )
    .bind(poll_id)
    .bind(voters)
    .execute(c)
    .await)?;
    Ok(Ok(if existed {
        Outcome::Updated
    } else {
        Outcome::Added
    }))
}

/// Upserts a linked website, with NukeViet's visits when they are more than the portal's.
pub async fn weblink(
    tx: &mut Tx,
    record: &WeblinkRecord,
    visits: i64,
) -> Result<Outcome, sqlx::Error> {
    let existed: bool = on!(&mut *tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM weblinks WHERE slug = $1)"
    )
    .bind(&record.slug)
    .fetch_one(c)
    .await)?;
    let id = import::upsert_weblink(tx, record).await?;
    exec!(&mut *tx, |c| sqlx::query(
        "UPDATE weblinks SET visits = CASE WHEN visits > $2 THEN visits ELSE $2 END WHERE id = $1"
    )
    .bind(id)
    .bind(visits)
    .execute(c)
    .await)?;
    Ok(if existed {
        Outcome::Updated
    } else {
        Outcome::Added
    })
}

/// Writes a page of NukeViet's page module `module` (its alias `alias`): the page moved
/// from there before is updated where it changed (its slug, and whether the menu lists
/// it, stay as they are here); a new one gets `record`'s slug, numbered if taken.
pub async fn centre_page(
    tx: &mut Tx,
    record: &CentrePageRecord,
    module: &str,
    alias: &str,
) -> Result<Outcome, sqlx::Error> {
    let body_html = sanitize::article_html(&record.body_html);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let moved: Option<(i64, String, String, String, i64)> = on!(&mut *tx, |c| sqlx::query_as(
        "SELECT id, title, summary, body_html, position FROM centre_pages
         WHERE legacy_module = $1 AND legacy_alias = $2"
    )
    .bind(module)
    .bind(alias)
    .fetch_optional(c)
    .await)?;
    let Some((id, title, summary, body, position)) = moved else {
        let slug = first_free_slug(&mut *tx, "centre_pages", &record.slug, None).await?;
        exec!(&mut *tx, |c| sqlx::query(
            "INSERT INTO centre_pages (slug, title, summary, body_html, position, in_menu,
                                       updated_at, legacy_module, legacy_alias)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )
        .bind(&slug)
        .bind(&record.title)
        .bind(&record.summary)
        .bind(&body_html)
        .bind(record.position)
        .bind(record.in_menu)
        .bind(now)
        .bind(module)
        .bind(alias)
        .execute(c)
        .await)?;
        return Ok(Outcome::Added);
    };
    let kept = (title.as_str(), summary.as_str(), body.as_str(), position);
    if kept == (&record.title, &record.summary, &body_html, record.position) {
        return Ok(Outcome::Unchanged);
    }
    exec!(&mut *tx, |c| sqlx::query(
        "UPDATE centre_pages SET title = $2, summary = $3, body_html = $4, position = $5,
                                 version = version + 1, updated_at = $6
         WHERE id = $1"
    )
    .bind(id)
    .bind(&record.title)
    .bind(&record.summary)
    .bind(&body_html)
    .bind(record.position)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(Outcome::Updated)
}

/// Upserts a unit of the organs module; `Err` with the reason when its parent is unknown.
pub async fn unit(
    tx: &mut Tx,
    record: &UnitRecord,
) -> Result<Result<Outcome, String>, sqlx::Error> {
    let existed = slug_taken(&mut *tx, "units", &record.slug, None).await?;
    let written = import::upsert_unit(tx, record).await?;
    Ok(written.map(|()| added_or_updated(existed)))
}

/// Upserts a person of the organs module; `Err` with the reason when their unit is unknown.
pub async fn person(
    tx: &mut Tx,
    line: &PersonLine,
) -> Result<Result<Outcome, String>, sqlx::Error> {
    let existed = slug_taken(&mut *tx, "people", &line.record.slug, None).await?;
    let written = import::upsert_person(tx, line).await?;
    Ok(written.map(|()| added_or_updated(existed)))
}

fn added_or_updated(existed: bool) -> Outcome {
    if existed {
        Outcome::Updated
    } else {
        Outcome::Added
    }
}

/// The id and body of the article moved from NukeViet's `legacy_id`.
pub async fn body_of(db: &Db, legacy_id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    on!(db, |c| sqlx::query_as(
        "SELECT a.id, a.body_html FROM moved_articles m JOIN articles a ON a.id = m.article_id
         WHERE m.legacy_id = $1"
    )
    .bind(legacy_id)
    .fetch_optional(c)
    .await)
}

/// Sets a moved article's body, as part of the move that wrote it (its version stays the
/// one the move recorded).
pub async fn set_body(db: &Db, id: i64, body_html: &str) -> Result<(), sqlx::Error> {
    exec!(db, |c| sqlx::query(
        "UPDATE articles SET body_html = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(body_html)
    .execute(c)
    .await)?;
    Ok(())
}

/// The id and slug of the article citizens read that was moved from NukeViet's
/// `legacy_id`.
pub async fn public_article(
    tx: &mut Tx,
    legacy_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    on!(tx, |c| sqlx::query_as(
        "SELECT id, slug FROM public_articles WHERE legacy_id = $1"
    )
    .bind(legacy_id)
    .fetch_optional(c)
    .await)
}

/// The slug of the category moved from NukeViet's alias `alias`.
pub async fn category_of_alias(tx: &mut Tx, alias: &str) -> Result<Option<String>, sqlx::Error> {
    on!(tx, |c| sqlx::query_scalar(
        "SELECT slug FROM categories WHERE legacy_alias = $1"
    )
    .bind(alias)
    .fetch_optional(c)
    .await)
}

/// Every tag of the portal's articles.
pub async fn tags(tx: &mut Tx) -> Result<HashSet<String>, sqlx::Error> {
    // Each engine's function that turns a JSON array into rows of its texts.
    let texts = match tx.engine() {
        Engine::Sqlite => "json_each(a.tags)",
        Engine::Postgres => "jsonb_array_elements_text(CAST(a.tags AS jsonb)) AS value",
    };
    let tags: Vec<String> = on!(tx, |c| sqlx::query_scalar(&format!(
        "SELECT DISTINCT value FROM articles a, {texts}"
    ))
    .fetch_all(c)
    .await)?;
    Ok(tags.into_iter().collect())
}

/// Whether any featured poll is there (the move features the newest open one when not).
pub async fn any_featured_poll(tx: &mut Tx) -> Result<bool, sqlx::Error> {
    on!(tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM polls WHERE featured)"
    )
    .fetch_one(c)
    .await)
}
