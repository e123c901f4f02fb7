//! The sidebar blocks and their data; weblink visits.

use super::{
    Db,
    engine::{exec, on},
};
use portal_contract::{
    PublicServiceResults, ShowcaseItem, SidebarBlock, Site, Weblink, WeblinkGroup, paths,
};
use sqlx::FromRow;
use time::{Date, OffsetDateTime, macros::format_description};

use super::{
    readers::{self, NewReaderCaps},
    visitors,
};
use crate::rules::reader::CountedReader;

/// A visitor's visits to one link count once within this window.
const VISIT_WINDOW_S: i64 = 3600;

#[derive(FromRow)]
struct BlockRow {
    kind: String,
    title: String,
}

#[derive(FromRow)]
struct WeblinkRow {
    id: i64,
    grouping: String,
    title: String,
    url: String,
    visits: i64,
}

#[derive(FromRow)]
struct ResultsRow {
    year: i64,
    received: i64,
    on_time: i64,
    late: i64,
    in_progress: i64,
    as_of: String,
}

#[derive(FromRow)]
struct ShowcaseRow {
    title: String,
    image: String,
    article_id: Option<i64>,
}

/// Every visible block, in order, with its data; the counter's figures as at `now`, the
/// public-services link from `site`.
pub async fn blocks(db: &Db, now: i64, site: &Site) -> Result<Vec<SidebarBlock>, sqlx::Error> {
    let rows: Vec<BlockRow> = on!(db, |c| sqlx::query_as(
        "SELECT kind, title FROM sidebar_blocks WHERE visible ORDER BY position, kind",
    )
    .fetch_all(c)
    .await)?;
    let mut blocks = Vec::with_capacity(rows.len());
    for BlockRow { kind, title } in rows {
        blocks.push(match kind.as_str() {
            "weblinks" => SidebarBlock::Weblinks {
                title,
                groups: weblink_groups(db).await?,
            },
            "public_services" => SidebarBlock::PublicServices {
                title,
                results: public_service_results(db).await?,
                portal_url: site.public_services_url.clone(),
            },
            "visitors" => SidebarBlock::Visitors {
                title,
                counts: visitors::counts(db, now).await?,
            },
            "showcase" => SidebarBlock::Showcase {
                title,
                items: showcase(db).await?,
            },
            _ => SidebarBlock::Poll { title },
        });
    }
    Ok(blocks)
}

async fn weblink_groups(db: &Db) -> Result<Vec<WeblinkGroup>, sqlx::Error> {
    // Groups come in the order of their first link.
    let rows: Vec<WeblinkRow> = on!(db, |c| sqlx::query_as(
        "SELECT w.id, w.grouping, w.title, w.url, w.visits FROM weblinks w
         JOIN (SELECT grouping, MIN(position) AS first FROM weblinks WHERE visible
               GROUP BY grouping) g
           ON g.grouping = w.grouping
         WHERE w.visible
         ORDER BY g.first, w.grouping, w.position, w.id",
    )
    .fetch_all(c)
    .await)?;
    let mut groups: Vec<WeblinkGroup> = Vec::new();
    for row in rows {
        let link = Weblink {
            id: row.id,
            title: row.title,
            url: row.url,
            visits: row.visits.unsigned_abs(),
        };
        match groups.last_mut() {
            Some(group) if group.title == row.grouping => group.links.push(link),
            _ => groups.push(WeblinkGroup {
                title: row.grouping,
                links: vec![link],
            }),
        }
    }
    Ok(groups)
}

/// This year's figures (in Vietnam), or the latest year's when this year has none yet.
async fn public_service_results(db: &Db) -> Result<Option<PublicServiceResults>, sqlx::Error> {
    let this_year = OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+7))
        .year();
    let row: Option<ResultsRow> = on!(db, |c| sqlx::query_as(
        "SELECT year, received, on_time, late, in_progress, as_of FROM public_service_results
         WHERE year <= $1 ORDER BY year DESC LIMIT 1",
    )
    .bind(this_year)
    .fetch_optional(c)
    .await)?;
    Ok(row.and_then(|row| {
        Some(PublicServiceResults {
            year: i32::try_from(row.year).ok()?,
            received: row.received.unsigned_abs(),
            on_time: row.on_time.unsigned_abs(),
            late: row.late.unsigned_abs(),
            in_progress: row.in_progress.unsigned_abs(),
            as_of: parse_date(&row.as_of)?,
        })
    }))
}

/// `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

async fn showcase(db: &Db) -> Result<Vec<ShowcaseItem>, sqlx::Error> {
    let rows: Vec<ShowcaseRow> = on!(db, |c| sqlx::query_as(
        "SELECT s.title, s.image, a.id AS article_id FROM showcase_items s
         LEFT JOIN public_articles a ON a.slug = s.article_slug
         ORDER BY s.position, s.id",
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|row| ShowcaseItem {
            title: row.title,
            image: row.image,
            link: row.article_id.map(paths::article),
        })
        .collect())
}

/// The stored address of weblink `id`; `None` for an unknown link.
pub async fn weblink_url(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT url FROM weblinks WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

/// Counts a visit to weblink `id` unless `counted` had one counted within the hour (or is a
/// new reader their network has no room for); whether it did.
pub async fn count_visit(
    db: &Db,
    id: i64,
    counted: &CountedReader,
    caps: NewReaderCaps,
) -> Result<bool, sqlx::Error> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut tx = db.begin().await?;
    if !readers::admitted(&mut tx, counted, caps, now).await? {
        return Ok(false);
    }
    let counted = exec!(&mut tx, |c| {
        sqlx::query(
        "INSERT INTO weblink_visitors (weblink_id, visitor, last_counted_at) VALUES ($1, $2, $3)
         ON CONFLICT (weblink_id, visitor) DO UPDATE SET last_counted_at = excluded.last_counted_at
         WHERE weblink_visitors.last_counted_at <= $3 - $4",
    )
    .bind(id)
    .bind(counted.reader.key())
    .bind(now)
    .bind(VISIT_WINDOW_S)
    .execute(c).await
    })? == 1;
    if counted {
        exec!(&mut tx, |c| sqlx::query(
            "UPDATE weblinks SET visits = visits + 1 WHERE id = $1"
        )
        .bind(id)
        .execute(c)
        .await)?;
    }
    tx.commit().await?;
    Ok(counted)
}

/// Forgets the visits that no longer decide anything (older than the window).
pub async fn prune_visits(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let pruned = exec!(db, |c| sqlx::query(
        "DELETE FROM weblink_visitors WHERE last_counted_at <= $1"
    )
    .bind(now - VISIT_WINDOW_S)
    .execute(c)
    .await)?;
    Ok(pruned)
}
