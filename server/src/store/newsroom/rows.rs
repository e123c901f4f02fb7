//! The newsroom's reads of articles: a page of the list, one article as it is edited.

use portal_contract::{
    PageRequest,
    newsroom::{ArticleDraft, ArticleRow, ArticleState, EditedArticle, Shelf, Status},
};
use sqlx::FromRow;

use crate::store::{
    Db, at,
    engine::on,
    paged::{self, Bound},
    uploads,
};

/// Which articles the newsroom's list holds.
#[derive(Debug, Default, Clone)]
pub struct RowFilter {
    /// One state, or the bin; `None` for every article out of the bin.
    pub shelf: Option<Shelf>,
    pub category_id: Option<i64>,
    /// The articles whose titles have the words asked for (`SearchIndex::titled`).
    pub titled: Option<Vec<i64>>,
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
    let titled = filter
        .titled
        .as_ref()
        .map(|ids| serde_json::to_string(ids).expect("numbers"));
    let titled_ids = db.engine().json_integers("$2");
    let list = paged::List {
        columns: "a.id, a.title, a.status, a.deleted_at, c.title AS category, a.author,
                  a.published_at, a.updated_at",
        matching: &format!(
            "FROM articles a JOIN categories c ON c.id = a.category_id
             WHERE ($1 IS NULL OR a.category_id = $1)
               AND ($2 IS NULL OR a.id IN ({titled_ids}))
               AND (CASE WHEN $4 IS NULL THEN a.deleted_at IS NULL ELSE {SHELF} = $4 END)"
        ),
        order: "a.updated_at DESC, a.id DESC",
    };
    let filter = [
        Bound::Number(filter.category_id),
        Bound::Text(titled.as_deref()),
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
pub(super) struct DraftRow {
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

pub(super) const DRAFT_COLUMNS: &str =
    "a.title, a.slug, c.slug AS category, a.summary, a.body_html,
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
