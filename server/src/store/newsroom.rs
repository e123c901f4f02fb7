//! The newsroom's queries: articles in every state, saves that keep each version, the
//! bin. Citizens' queries never come here (they read the `public_articles` view).

use super::{
    Db, Tx,
    engine::{exec, on},
};
use portal_contract::{
    PageRequest,
    newsroom::{
        ArticleDraft, ArticleRow, ArticleState, Autosaved, EditedArticle, Revision, Shelf, Status,
    },
};
use sqlx::FromRow;
use time::OffsetDateTime;

use super::{
    at, first_free_slug,
    paged::{self, Bound},
    search, slug_taken, uploads,
};
use crate::{rules::newsroom, rules::sanitize, rules::search::Terms};

/// Which articles the newsroom's list holds.
#[derive(Debug, Default, Clone)]
pub struct RowFilter {
    /// One state, or the bin; `None` for every article out of the bin.
    pub shelf: Option<Shelf>,
    pub category_id: Option<i64>,
    /// Words the title must have.
    pub title_terms: Option<Terms>,
}

/// Where article `a` stands at `$3` (now): its state, or the bin.
const SHELF: &str = "CASE WHEN a.deleted_at IS NOT NULL THEN 'bin'
     WHEN a.status = 'published' AND a.published_at > $3 THEN 'scheduled'
     ELSE a.status END";

#[derive(FromRow)]
struct ListedRow {
    id: i64,
    title: String,
    status: String,
    deleted_at: Option<i64>,
    category: String,
    author: String,
    published_at: i64,
    updated_at: i64,
}

fn state_of(status: &str, published_at: i64, now: i64) -> ArticleState {
    let status = Status::parse(status).unwrap_or(Status::Draft);
    ArticleState::of(status, at(published_at), at(now))
}

/// One page of the articles `filter` names, latest change first, and how many there are.
pub async fn list(
    db: &Db,
    filter: &RowFilter,
    page: PageRequest,
    now: i64,
) -> Result<(Vec<ArticleRow>, u64), sqlx::Error> {
    let title_matches = search::title_matches(db.engine(), "$2");
    let title_query = filter
        .title_terms
        .as_ref()
        .map(|terms| search::query_of(db.engine(), terms));
    let list = paged::List {
        columns: "a.id, a.title, a.status, a.deleted_at, c.title AS category, a.author,
                  a.published_at, a.updated_at",
        matching: &format!(
            "FROM articles a JOIN categories c ON c.id = a.category_id
             WHERE ($1 IS NULL OR a.category_id = $1)
               AND ($2 IS NULL OR a.id IN ({title_matches}))
               AND (CASE WHEN $4 IS NULL THEN a.deleted_at IS NULL ELSE {SHELF} = $4 END)"
        ),
        order: "a.updated_at DESC, a.id DESC",
    };
    let filter = [
        Bound::Number(filter.category_id),
        Bound::Text(title_query.as_deref()),
        Bound::Number(Some(now)),
        Bound::Text(filter.shelf.map(Shelf::as_str)),
    ];
    let (rows, total) = paged::fetch::<ListedRow>(db, list, &filter, page).await?;
    let items = rows
        .into_iter()
        .map(|row| ArticleRow {
            id: row.id,
            state: state_of(&row.status, row.published_at, now),
            in_bin: row.deleted_at.is_some(),
            title: row.title,
            category: row.category,
            author: row.author,
            published_at: at(row.published_at),
            updated_at: at(row.updated_at),
        })
        .collect();
    Ok((items, total))
}

#[derive(FromRow)]
struct DraftRow {
    title: String,
    slug: String,
    category: String,
    summary: String,
    body_html: String,
    author: String,
    source: Option<String>,
    tags: String,
    status: String,
    published_at: i64,
    allow_rating: bool,
    picture_id: Option<i64>,
    picture_caption: String,
    attachment_ids: String,
}

impl From<DraftRow> for ArticleDraft {
    fn from(row: DraftRow) -> Self {
        Self {
            title: row.title,
            slug: row.slug,
            category: row.category,
            summary: row.summary,
            body_html: row.body_html,
            author: row.author,
            source: row.source,
            tags: serde_json::from_str(&row.tags).unwrap_or_default(),
            status: Status::parse(&row.status).unwrap_or(Status::Draft),
            published_at: Some(at(row.published_at)),
            allow_rating: row.allow_rating,
            picture: row.picture_id,
            picture_caption: row.picture_caption,
            attachments: serde_json::from_str(&row.attachment_ids).unwrap_or_default(),
        }
    }
}

#[derive(FromRow)]
struct EditedRow {
    id: i64,
    version: i64,
    deleted_at: Option<i64>,
    updated_at: i64,
    updated_by: Option<String>,
    #[sqlx(flatten)]
    draft: DraftRow,
}

const DRAFT_COLUMNS: &str = "a.title, a.slug, c.slug AS category, a.summary, a.body_html,
     a.author, a.source, a.tags, a.status, a.published_at, a.allow_rating, a.picture_id,
     a.picture_caption, a.attachment_ids";

/// Article `id` as the newsroom edits it, in or out of the bin.
pub async fn edited(db: &Db, id: i64, now: i64) -> Result<Option<EditedArticle>, sqlx::Error> {
    let row: Option<EditedRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT a.id, a.version, a.deleted_at, a.updated_at, u.display_name AS updated_by,
                {DRAFT_COLUMNS}
         FROM articles a JOIN categories c ON c.id = a.category_id
         LEFT JOIN users u ON u.id = a.updated_by
         WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let article = ArticleDraft::from(row.draft);
    let named: Vec<i64> = article
        .picture
        .into_iter()
        .chain(article.attachments.iter().copied())
        .collect();
    Ok(Some(EditedArticle {
        id: row.id,
        version: row.version,
        state: ArticleState::of(
            article.status,
            article.published_at.unwrap_or(at(now)),
            at(now),
        ),
        in_bin: row.deleted_at.is_some(),
        updated_at: at(row.updated_at),
        updated_by: row.updated_by,
        files: uploads::by_ids(db, &named).await?,
        article,
    }))
}

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
/// query is its own type).
macro_rules! bind_saved {
    ($query:expr, $draft:expr, $placed:expr, $saver:expr) => {
        $query
            .bind($placed.slug)
            .bind($placed.category_id)
            .bind($draft.title.trim())
            .bind($draft.summary.trim())
            .bind(sanitize::article_html(&$draft.body_html))
            .bind($draft.author.trim())
            .bind(source($draft))
            .bind(tags($draft))
            .bind($placed.published_at)
            .bind($draft.allow_rating)
            .bind($draft.status.as_str())
            .bind($saver.now)
            .bind($saver.user_id)
            .bind($draft.picture)
            .bind($draft.picture_caption.trim())
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
    let id: i64 = on!(&mut tx, |c| bind_saved!(
        sqlx::query_scalar(&insert),
        draft,
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
    let saved = exec!(&mut tx, |c| bind_saved!(
        sqlx::query(&update),
        draft,
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

fn source(draft: &ArticleDraft) -> Option<&str> {
    draft
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn tags(draft: &ArticleDraft) -> String {
    let tags: Vec<&str> = draft
        .tags
        .iter()
        .map(|tag| tag.trim())
        .filter(|tag| !tag.is_empty())
        .collect();
    serde_json::to_string(&tags).expect("a list of strings serializes")
}

async fn category_id(conn: &mut Tx, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    on!(conn, |c| sqlx::query_scalar(
        "SELECT id FROM categories WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(c)
    .await)
}

/// The slug to store: the editor's, refused when another article has it; or one made
/// from the title, numbered until it is free.
async fn free_slug(
    conn: &mut Tx,
    draft: &ArticleDraft,
    id: Option<i64>,
) -> Result<Result<String, SaveRefusal>, sqlx::Error> {
    if !draft.slug.is_empty() {
        let taken = slug_taken(conn, "articles", &draft.slug, id).await?;
        return Ok(if taken {
            Err(SaveRefusal::SlugTaken)
        } else {
            Ok(draft.slug.clone())
        });
    }
    let made = newsroom::slug_from_title(&draft.title).unwrap_or_else(|| "bai-viet".to_owned());
    Ok(Ok(first_free_slug(conn, "articles", &made, id).await?))
}

/// Keeps article `id` as it now stands as a revision, and indexes it for search (the
/// citizens' search finds only what `public_articles` shows). Used by every write of an
/// article: the newsroom's saves and the import.
pub async fn record_revision(conn: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    let row: (i64, i64, Option<i64>) = on!(&mut *conn, |c| sqlx::query_as(
        "SELECT version, updated_at, updated_by FROM articles WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?;
    let draft: DraftRow = on!(&mut *conn, |c| sqlx::query_as(&format!(
        "SELECT {DRAFT_COLUMNS} FROM articles a JOIN categories c ON c.id = a.category_id
         WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_one(c)
    .await)?;
    let content = serde_json::to_string(&ArticleDraft::from(draft)).expect("plain data");
    let (version, saved_at, saved_by) = row;
    exec!(&mut *conn, |c| {
        sqlx::query(
            "INSERT INTO article_revisions (article_id, version, content, saved_at, saved_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (article_id, version) DO UPDATE SET content = excluded.content,
             saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        )
        .bind(id)
        .bind(version)
        .bind(content)
        .bind(saved_at)
        .bind(saved_by)
        .execute(c)
        .await
    })?;
    search::index_article(conn, id).await
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

#[derive(FromRow)]
struct RevisionRow {
    version: i64,
    content: String,
    saved_at: i64,
    saved_by: Option<String>,
}

impl From<RevisionRow> for Revision {
    fn from(row: RevisionRow) -> Self {
        Self {
            version: row.version,
            saved_at: at(row.saved_at),
            saved_by: row.saved_by,
            article: serde_json::from_str(&row.content).expect("revisions are stored drafts"),
        }
    }
}

const REVISION_COLUMNS: &str = "r.version, r.content, r.saved_at, u.display_name AS saved_by
     FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by";

/// Every kept version of article `id`, newest first.
pub async fn revisions(db: &Db, id: i64) -> Result<Vec<Revision>, sqlx::Error> {
    let rows: Vec<RevisionRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} WHERE r.article_id = $1 ORDER BY r.version DESC"
    ))
    .bind(id)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(Revision::from).collect())
}

/// Version `version` of article `id`, if it was kept.
pub async fn revision(db: &Db, id: i64, version: i64) -> Result<Option<Revision>, sqlx::Error> {
    let row: Option<RevisionRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} WHERE r.article_id = $1 AND r.version = $2"
    ))
    .bind(id)
    .bind(version)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(Revision::from))
}
