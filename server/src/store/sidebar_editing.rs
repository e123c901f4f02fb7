//! The newsroom's sidebar: linked websites (added, changed, reordered, hidden), the
//! blocks' order, titles and visibility, and each year's public-service figures. Writes
//! that a content file makes too go through the import's upserts.

use super::{
    Db,
    engine::{exec, on},
};
use portal_contract::content::{BlockRecord, EditedWeblink, PublicServicesRecord, WeblinkRecord};
use sqlx::FromRow;

use super::{first_free_slug, import};

#[derive(FromRow)]
struct WeblinkRow {
    id: i64,
    slug: String,
    grouping: String,
    title: String,
    url: String,
    position: i64,
    visible: bool,
    visits: i64,
}

impl From<WeblinkRow> for EditedWeblink {
    fn from(row: WeblinkRow) -> Self {
        Self {
            id: row.id,
            link: WeblinkRecord {
                slug: row.slug,
                group: row.grouping,
                title: row.title,
                url: row.url,
                position: row.position,
                visible: row.visible,
            },
            visits: row.visits.unsigned_abs(),
        }
    }
}

const WEBLINK_SELECT: &str =
    "SELECT id, slug, grouping, title, url, position, visible, visits FROM weblinks";

/// Every linked website, hidden ones too, in the order citizens see them.
pub async fn weblinks(db: &Db) -> Result<Vec<EditedWeblink>, sqlx::Error> {
    let rows: Vec<WeblinkRow> = on!(db, |c| sqlx::query_as(&format!(
        "{WEBLINK_SELECT} ORDER BY position, id"
    ))
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(EditedWeblink::from).collect())
}

async fn weblink(db: &Db, id: i64) -> Result<Option<EditedWeblink>, sqlx::Error> {
    let row: Option<WeblinkRow> = on!(db, |c| sqlx::query_as(&format!(
        "{WEBLINK_SELECT} WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?;
    Ok(row.map(EditedWeblink::from))
}

/// Adds a link after every other, under its slug or the first free `slug-2`, `slug-3`, …
pub async fn add_weblink(
    writer: &Db,
    mut link: WeblinkRecord,
) -> Result<EditedWeblink, sqlx::Error> {
    let mut tx = writer.begin().await?;
    link.slug = first_free_slug(&mut tx, "weblinks", &link.slug, None).await?;
    link.position = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM weblinks"
    )
    .fetch_one(c)
    .await)?;
    let id = import::upsert_weblink(&mut tx, &link).await?;
    tx.commit().await?;
    Ok(weblink(writer, id).await?.expect("the link just added"))
}

/// Changes link `id` (its slug and place stay as they are); `None` when there is none.
pub async fn change_weblink(
    writer: &Db,
    id: i64,
    link: &WeblinkRecord,
) -> Result<Option<EditedWeblink>, sqlx::Error> {
    exec!(writer, |c| sqlx::query(
        "UPDATE weblinks SET grouping = $1, title = $2, url = $3, visible = $4 WHERE id = $5"
    )
    .bind(link.group.trim())
    .bind(link.title.trim())
    .bind(&link.url)
    .bind(link.visible)
    .bind(id)
    .execute(c)
    .await)?;
    weblink(writer, id).await
}

/// Puts the links in the order of `ids` (links it does not name keep their place
/// after them); `false`, and nothing changed, when it names a link that does not exist.
pub async fn order_weblinks(writer: &Db, ids: &[i64]) -> Result<bool, sqlx::Error> {
    let mut tx = writer.begin().await?;
    let others = i64::try_from(ids.len()).unwrap_or(i64::MAX);
    exec!(&mut tx, |c| sqlx::query(
        "UPDATE weblinks SET position = position + $1"
    )
    .bind(others)
    .execute(c)
    .await)?;
    for (position, id) in (0_i64..).zip(ids) {
        let moved = exec!(&mut tx, |c| sqlx::query(
            "UPDATE weblinks SET position = $1 WHERE id = $2"
        )
        .bind(position)
        .bind(id)
        .execute(c)
        .await)?;
        if moved == 0 {
            return Ok(false);
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Every block placement, in order.
pub async fn blocks(db: &Db) -> Result<Vec<BlockRecord>, sqlx::Error> {
    let rows: Vec<(String, String, i64, bool)> = on!(db, |c| sqlx::query_as(
        "SELECT kind, title, position, visible FROM sidebar_blocks ORDER BY position, kind",
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(block, title, position, visible)| BlockRecord {
            block,
            title,
            position,
            visible,
        })
        .collect())
}

/// Writes every placement in one transaction, each at its place in `blocks`.
pub async fn set_blocks(writer: &Db, blocks: &[BlockRecord]) -> Result<(), sqlx::Error> {
    let mut tx = writer.begin().await?;
    for (position, block) in (0_i64..).zip(blocks) {
        let placed = BlockRecord {
            position,
            ..block.clone()
        };
        import::upsert_block(&mut tx, &placed).await?;
    }
    tx.commit().await
}

/// Every year's figures, the latest year first.
pub async fn public_services(db: &Db) -> Result<Vec<PublicServicesRecord>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, i64, i64, String)> = on!(db, |c| sqlx::query_as(
        "SELECT year, received, on_time, late, in_progress, as_of FROM public_service_results
         ORDER BY year DESC",
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(
            |(year, received, on_time, late, in_progress, as_of)| PublicServicesRecord {
                year,
                received: count(received),
                on_time: count(on_time),
                late: count(late),
                in_progress: count(in_progress),
                as_of,
            },
        )
        .collect())
}

pub async fn set_public_services(
    writer: &Db,
    figures: &PublicServicesRecord,
) -> Result<(), sqlx::Error> {
    let mut tx = writer.begin().await?;
    import::upsert_public_services(&mut tx, figures).await?;
    tx.commit().await
}

/// A stored count (never negative: the table checks it).
fn count(stored: i64) -> u32 {
    u32::try_from(stored).unwrap_or(0)
}
