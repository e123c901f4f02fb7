//! Reading articles and counting views: every query of the article views lives here.

use super::{
    Db, Engine,
    engine::{exec, on},
};
use portal_contract::{Article, ArticleLink, ArticleSummary, Category, PageRequest, RatingSummary};
use sqlx::FromRow;
use time::OffsetDateTime;

use super::{
    at,
    paged::{self, Bound},
    readers::{self, NewReaderCaps},
    uploads,
};
use crate::rules::reader::CountedReader;
use crate::uploads::article_files::ArticleFiles;

/// How many newer (and older) articles an article page lists.
const NEIGHBOURS: i64 = 10;

#[derive(FromRow)]
struct CategoryRow {
    category_id: i64,
    category_slug: String,
    category_title: String,
    category_parent_id: Option<i64>,
}

impl From<CategoryRow> for Category {
    fn from(row: CategoryRow) -> Self {
        Self {
            id: row.category_id,
            slug: row.category_slug,
            title: row.category_title,
            parent_id: row.category_parent_id,
        }
    }
}

#[derive(FromRow)]
pub(super) struct SummaryRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    published_at: i64,
    views: i64,
    #[sqlx(flatten)]
    category: CategoryRow,
    #[sqlx(flatten)]
    thumbnail: uploads::ThumbnailRow,
}

/// The columns of a [`SummaryRow`], of the article `a`, its category `c` and its lead
/// picture `t` (see [`SUMMARY_JOINS`]).
pub(super) fn summary_columns() -> String {
    format!(
        "a.id, a.slug, a.title, a.summary, a.published_at, a.views, {CATEGORY_COLUMNS},
         {}",
        uploads::THUMBNAIL_COLUMNS
    )
}

/// The category and lead picture of the article `a`.
pub(super) const SUMMARY_JOINS: &str = "JOIN categories c ON c.id = a.category_id
     LEFT JOIN uploads t ON t.id = a.picture_id";

impl From<SummaryRow> for ArticleSummary {
    fn from(row: SummaryRow) -> Self {
        Self {
            id: row.id,
            slug: row.slug,
            title: row.title,
            summary: row.summary,
            category: row.category.into(),
            published_at: at(row.published_at),
            views: count(row.views),
            thumbnail: row.thumbnail.thumbnail(),
        }
    }
}

#[derive(FromRow)]
struct ArticleRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    body_html: String,
    author: String,
    source: Option<String>,
    tags: String,
    published_at: i64,
    views: i64,
    allow_rating: bool,
    rating_total: i64,
    rating_count: i64,
    picture_id: Option<i64>,
    picture_caption: String,
    attachment_ids: String,
    #[sqlx(flatten)]
    category: CategoryRow,
}

#[derive(FromRow)]
struct LinkRow {
    id: i64,
    slug: String,
    title: String,
    published_at: i64,
}

impl From<LinkRow> for ArticleLink {
    fn from(row: LinkRow) -> Self {
        Self {
            id: row.id,
            slug: row.slug,
            title: row.title,
            published_at: at(row.published_at),
        }
    }
}

pub(super) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

pub(super) const CATEGORY_COLUMNS: &str =
    "c.id AS category_id, c.slug AS category_slug, c.title AS category_title,
     c.parent_id AS category_parent_id";

pub async fn categories(db: &Db) -> Result<Vec<Category>, sqlx::Error> {
    let rows: Vec<CategoryRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {CATEGORY_COLUMNS} FROM categories c ORDER BY c.position, c.id"
    ))
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(Category::from).collect())
}

/// Whether the database has any content yet (a new one has no category).
pub async fn has_categories(db: &Db) -> Result<bool, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM categories)"
    )
    .fetch_one(c)
    .await)
}

pub async fn category(db: &Db, slug: &str) -> Result<Option<Category>, sqlx::Error> {
    let row: Option<CategoryRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {CATEGORY_COLUMNS} FROM categories c WHERE c.slug = $1"
    ))
    .bind(slug)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(Category::from))
}

/// Which articles a list holds: all, one category's, or one tag's.
#[derive(Debug, Default, Clone)]
pub struct Listing {
    pub category_id: Option<i64>,
    pub tag: Option<String>,
}

/// The condition of a [`Listing`]: its category `$1` (and the categories under it) and tag
/// `$2`, either `NULL` for any.
fn listed(engine: Engine) -> String {
    format!(
        "($1 IS NULL OR a.category_id = $1
                     OR a.category_id IN (SELECT id FROM categories WHERE parent_id = $1))
         AND ($2 IS NULL OR $2 IN ({}))",
        engine.json_texts("a.tags")
    )
}

/// One page of the listed articles, newest first, and how many there are.
pub async fn list_articles(
    db: &Db,
    listing: &Listing,
    page: PageRequest,
) -> Result<(Vec<ArticleSummary>, u64), sqlx::Error> {
    let list = paged::List {
        columns: &summary_columns(),
        matching: &format!(
            "FROM public_articles a {SUMMARY_JOINS} WHERE {}",
            listed(db.engine())
        ),
        order: "a.published_at DESC, a.id DESC",
    };
    let filter = [
        Bound::Number(listing.category_id),
        Bound::Text(listing.tag.as_deref()),
    ];
    let (rows, total) = paged::fetch::<SummaryRow>(db, list, &filter, page).await?;
    Ok((rows.into_iter().map(ArticleSummary::from).collect(), total))
}

/// Whose articles a read may find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// What citizens see: published, its time come, not in the bin.
    ByCitizens,
    /// Any article, for the newsroom's preview.
    ByStaff,
}

/// The whole article with its newer and older neighbours (those citizens see), or `None`
/// when there is none. `my_rating` is left for the caller, who knows the reader.
pub async fn article(db: &Db, id: i64, seen: Seen) -> Result<Option<Article>, sqlx::Error> {
    let table = match seen {
        Seen::ByCitizens => "public_articles",
        Seen::ByStaff => "articles",
    };
    let row: Option<ArticleRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT a.id, a.slug, a.title, a.summary, a.body_html, a.author, a.source, a.tags,
                a.published_at, a.views, a.allow_rating, a.rating_total, a.rating_count,
                a.picture_id, a.picture_caption, a.attachment_ids, {CATEGORY_COLUMNS}
         FROM {table} a JOIN categories c ON c.id = a.category_id
         WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let newer = neighbours(db, &row, Direction::Newer).await?;
    let older = neighbours(db, &row, Direction::Older).await?;
    let picture = uploads::by_ids(db, &Vec::from_iter(row.picture_id)).await?;
    let attachment_ids: Vec<i64> = serde_json::from_str(&row.attachment_ids).unwrap_or_default();
    let files = ArticleFiles {
        picture: picture.into_iter().next(),
        caption: row.picture_caption,
        attachments: uploads::by_ids(db, &attachment_ids).await?,
    };
    Ok(Some(Article {
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        body_html: row.body_html,
        author: row.author,
        source: row.source,
        tags: serde_json::from_str(&row.tags).unwrap_or_default(),
        category: row.category.into(),
        published_at: at(row.published_at),
        views: count(row.views),
        newer,
        older,
        rating: RatingSummary::new(count(row.rating_total), count(row.rating_count)),
        allow_rating: row.allow_rating,
        my_rating: None,
        picture_html: files.picture_html(),
        attachments_html: files.attachments_html(),
    }))
}

enum Direction {
    Newer,
    Older,
}

async fn neighbours(
    db: &Db,
    of: &ArticleRow,
    direction: Direction,
) -> Result<Vec<ArticleLink>, sqlx::Error> {
    let (comparison, order) = match direction {
        Direction::Newer => (">", "ASC"),
        Direction::Older => ("<", "DESC"),
    };
    let rows: Vec<LinkRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT id, slug, title, published_at FROM public_articles
         WHERE category_id = $1 AND (published_at, id) {comparison} ($2, $3)
         ORDER BY published_at {order}, id {order}
         LIMIT $4"
    ))
    .bind(of.category.category_id)
    .bind(of.published_at)
    .bind(of.id)
    .bind(NEIGHBOURS)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(ArticleLink::from).collect())
}

/// A reader's view of an article counts once within this window.
const VIEW_WINDOW_S: i64 = 24 * 3600;

/// Whether citizens may read article `id` (it is published, and not in the bin).
pub async fn is_public(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM public_articles WHERE id = $1)"
    )
    .bind(id)
    .fetch_one(c)
    .await)
}

/// Counts a view of `article_id` by `counted` unless they were counted within the window
/// or are a new reader their network has no room for. Returns the new view count when
/// this view was counted.
pub async fn count_view(
    db: &Db,
    writer: &Db,
    article_id: i64,
    counted: &CountedReader,
    caps: NewReaderCaps,
) -> Result<Option<u64>, sqlx::Error> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let key = counted.reader.key();
    // A read first, so a reload (the common case) costs no write lock.
    let seen: bool = on!(db, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM article_views
                        WHERE article_id = $1 AND visitor = $2 AND seen_at > $3)",
    )
    .bind(article_id)
    .bind(&key)
    .bind(now - VIEW_WINDOW_S)
    .fetch_one(c)
    .await)?;
    if seen {
        return Ok(None);
    }
    let mut tx = writer.begin().await?;
    if !readers::admitted(&mut tx, counted, caps, now).await? {
        return Ok(None);
    }
    // The conditional upsert decides, so two racing first views still count once.
    let counted = exec!(&mut tx, |c| sqlx::query(
        "INSERT INTO article_views (article_id, visitor, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (article_id, visitor) DO UPDATE SET seen_at = excluded.seen_at
         WHERE article_views.seen_at <= $3 - $4",
    )
    .bind(article_id)
    .bind(&key)
    .bind(now)
    .bind(VIEW_WINDOW_S)
    .execute(c)
    .await)?
        == 1;
    if !counted {
        return Ok(None);
    }
    let views: i64 = on!(&mut tx, |c| sqlx::query_scalar(
        "UPDATE articles SET views = views + 1 WHERE id = $1 RETURNING views"
    )
    .bind(article_id)
    .fetch_one(c)
    .await)?;
    tx.commit().await?;
    Ok(Some(count(views)))
}

/// Forgets the views that no longer decide anything (older than the window).
pub async fn prune_views(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let pruned = exec!(db, |c| sqlx::query(
        "DELETE FROM article_views WHERE seen_at <= $1"
    )
    .bind(now - VIEW_WINDOW_S)
    .execute(c)
    .await)?;
    Ok(pruned)
}
