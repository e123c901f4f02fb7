//! Saving an article: a new one, a save over the version it was made from (a stale one
//! refused), the autosave of unsaved text, the bin.

use portal_contract::newsroom::{ArticleDraft, Autosaved, Status};
use time::OffsetDateTime;

use super::revisions::record_revision;
use crate::{
    rules::newsroom::{self, GivenText, StoredText, WantedSlug},
    store::{
        Db, Tx, at,
        engine::{exec, on},
        first_free_slug, slug_taken, uploads,
    },
};

/// Why a save was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveRefusal {
    UnknownCategory,
    /// The picture or an attachment is no uploaded file of its kind.
    UnknownFile,
    /// The slug the editor wrote is another article's.
    SlugTaken,
    /// The article was saved by someone else since the version the editor started from.
    Stale,
    NotFound,
}

/// Who saves, and when (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct Saver {
    pub user_id: i64,
    pub now: i64,
}

/// The columns a save writes, in the order [`bind_saved`] binds them.
const SAVED_COLUMNS: [&str; 16] = [
    "slug",
    "category_id",
    "title",
    "summary",
    "body_html",
    "author",
    "source",
    "tags",
    "published_at",
    "allow_rating",
    "status",
    "updated_at",
    "updated_by",
    "picture_id",
    "picture_caption",
    "attachment_ids",
];

/// Where a save puts the draft: its address, category and publish time.
struct Placed {
    slug: String,
    category_id: i64,
    published_at: i64,
}

/// Binds the values of [`SAVED_COLUMNS`] to `$query`, in that order (a macro: each engine's
/// query is its own type): the `$draft`'s stored `$text`, where it is `$placed`, by whom.
macro_rules! bind_saved {
    ($query:expr, $draft:expr, $text:expr, $placed:expr, $saver:expr) => {
        $query
            .bind($placed.slug)
            .bind($placed.category_id)
            .bind($text.title)
            .bind($text.summary)
            .bind($text.body_html)
            .bind($text.author)
            .bind($text.source)
            .bind(serde_json::to_string(&$text.tags).expect("strings serialize"))
            .bind($placed.published_at)
            .bind($draft.allow_rating)
            .bind($draft.status.as_str())
            .bind($saver.now)
            .bind($saver.user_id)
            .bind($draft.picture)
            .bind($text.picture_caption)
            .bind(serde_json::to_string(&$draft.attachments).expect("numbers serialize"))
    };
}

/// `$1, $2, …` for the saved columns.
fn saved_placeholders() -> impl Iterator<Item = String> {
    (1..=SAVED_COLUMNS.len()).map(|n| format!("${n}"))
}

/// Places `draft` for article `id` (none for a new one), published before as `before`:
/// its category by slug, a free address, the publish time to store.
async fn place(
    conn: &mut Tx,
    draft: &ArticleDraft,
    id: Option<i64>,
    before: Option<(Status, i64)>,
    now: i64,
) -> Result<Result<Placed, SaveRefusal>, sqlx::Error> {
    let Some(category_id) = category_id(&mut *conn, &draft.category).await? else {
        return Ok(Err(SaveRefusal::UnknownCategory));
    };
    if !uploads::are_known(&mut *conn, draft.picture, &draft.attachments).await? {
        return Ok(Err(SaveRefusal::UnknownFile));
    }
    Ok(free_slug(conn, draft, id).await?.map(|slug| Placed {
        slug,
        category_id,
        published_at: newsroom::publish_time(timestamp(draft), before, now),
    }))
}

/// A new article from `draft`; its id.
pub async fn create(
    writer: &Db,
    draft: &ArticleDraft,
    saver: Saver,
) -> Result<Result<i64, SaveRefusal>, sqlx::Error> {
    let mut tx = writer.begin().await?;
    let placed = match place(&mut tx, draft, None, None, saver.now).await? {
        Ok(placed) => placed,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let insert = format!(
        "INSERT INTO articles ({}, version) VALUES ({}, 1) RETURNING id",
        SAVED_COLUMNS.join(", "),
        saved_placeholders().collect::<Vec<_>>().join(", ")
    );
    let text = StoredText::from(GivenText::from(draft));
    let id: i64 = on!(&mut tx, |c| bind_saved!(
        sqlx::query_scalar(&insert),
        draft,
        text,
        placed,
        saver
    )
    .fetch_one(c)
    .await)?;
    record_revision(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Saves `draft` over article `id`, if its version is still `version`.
pub async fn update(
    writer: &Db,
    id: i64,
    version: i64,
    draft: &ArticleDraft,
    saver: Saver,
) -> Result<Result<(), SaveRefusal>, sqlx::Error> {
    let mut tx = writer.begin().await?;
    let before: Option<(i64, String, i64)> = on!(&mut tx, |c| sqlx::query_as(
        "SELECT version, status, published_at FROM articles WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some((current, status, published_at)) = before else {
        return Ok(Err(SaveRefusal::NotFound));
    };
    if current != version {
        return Ok(Err(SaveRefusal::Stale));
    }
    let before = Status::parse(&status).map(|status| (status, published_at));
    let placed = match place(&mut tx, draft, Some(id), before, saver.now).await? {
        Ok(placed) => placed,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let assignments: Vec<String> = SAVED_COLUMNS
        .iter()
        .zip(saved_placeholders())
        .map(|(column, placeholder)| format!("{column} = {placeholder}"))
        .collect();
    let n = SAVED_COLUMNS.len();
    // Conditional on the version read above: of two saves racing from one version (on
    // two servers), the second changes nothing and is refused.
    let update = format!(
        "UPDATE articles SET {}, version = version + 1 WHERE id = ${} AND version = ${}",
        assignments.join(", "),
        n + 1,
        n + 2
    );
    let text = StoredText::from(GivenText::from(draft));
    let saved = exec!(&mut tx, |c| bind_saved!(
        sqlx::query(&update),
        draft,
        text,
        placed,
        saver
    )
    .bind(id)
    .bind(version)
    .execute(c)
    .await)?;
    if saved == 0 {
        return Ok(Err(SaveRefusal::Stale));
    }
    exec!(&mut tx, |c| sqlx::query(
        "DELETE FROM article_autosaves WHERE article_id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(saver.user_id)
    .execute(c)
    .await)?;
    record_revision(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

fn timestamp(draft: &ArticleDraft) -> Option<i64> {
    draft.published_at.map(OffsetDateTime::unix_timestamp)
}

async fn category_id(conn: &mut Tx, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    on!(conn, |c| sqlx::query_scalar(
        "SELECT id FROM categories WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)
}

/// The slug to store: the editor's, refused when another article has it; or the one
/// made from the title, numbered until it is free.
async fn free_slug(
    conn: &mut Tx,
    draft: &ArticleDraft,
    id: Option<i64>,
) -> Result<Result<String, SaveRefusal>, sqlx::Error> {
    Ok(match newsroom::wanted_slug(draft) {
        WantedSlug::Given(slug) if slug_taken(conn, "articles", &slug, id).await? => {
            Err(SaveRefusal::SlugTaken)
        }
        WantedSlug::Given(slug) => Ok(slug),
        WantedSlug::Made(slug) => Ok(first_free_slug(conn, "articles", &slug, id).await?),
    })
}

/// Keeps what `saver` typed in article `id` from its version `base_version` and has not
/// saved; `false` when there is no such article.
pub async fn autosave(
    writer: &Db,
    id: i64,
    draft: &ArticleDraft,
    base_version: i64,
    saver: Saver,
) -> Result<bool, sqlx::Error> {
    let done = exec!(writer, |c| sqlx::query(
        "INSERT INTO article_autosaves (article_id, user_id, content, saved_at, base_version)
         SELECT id, $2, $3, $4, $5 FROM articles WHERE id = $1
         ON CONFLICT (article_id, user_id) DO UPDATE SET
             content = excluded.content, saved_at = excluded.saved_at,
             base_version = excluded.base_version",
    )
    .bind(id)
    .bind(saver.user_id)
    .bind(serde_json::to_string(draft).expect("plain data"))
    .bind(saver.now)
    .bind(base_version)
    .execute(c)
    .await)?;
    Ok(done == 1)
}

/// What `user_id` typed in article `id` and has not saved, if anything.
pub async fn autosaved(db: &Db, id: i64, user_id: i64) -> Result<Option<Autosaved>, sqlx::Error> {
    let row: Option<(String, i64, i64)> = on!(db, |c| {
        sqlx::query_as(
            "SELECT content, saved_at, base_version FROM article_autosaves
         WHERE article_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user_id)
        .fetch_optional(c)
        .await
    })?;
    Ok(row.and_then(|(content, saved_at, version)| {
        Some(Autosaved {
            article: serde_json::from_str(&content).ok()?,
            saved_at: at(saved_at),
            version,
        })
    }))
}

/// Moves article `id` into the bin (`true`), or out of it; `false` when there is no such
/// article.
pub async fn set_in_bin(writer: &Db, id: i64, in_bin: bool, now: i64) -> Result<bool, sqlx::Error> {
    let done = exec!(writer, |c| sqlx::query(
        "UPDATE articles SET deleted_at = CASE WHEN $2 THEN $3 END WHERE id = $1"
    )
    .bind(id)
    .bind(in_bin)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(done == 1)
}
