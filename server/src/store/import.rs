//! The writes of a content import, one upsert per kind of record, all in the caller's
//! transaction.

use super::{
    Tx,
    engine::{exec, on},
};
use portal_contract::{
    Site,
    content::{
        BlockRecord, CentrePageRecord, PollRecord, PublicServicesRecord, UnitRecord, WeblinkRecord,
    },
};

use time::OffsetDateTime;

use crate::{
    content::{
        records::{ArticleRecord, CategoryRecord, PersonLine, Record},
        sidebar::ShowcaseRecord,
    },
    rules::{
        newsroom::{GivenText, StoredText},
        sanitize,
    },
    store::newsroom,
};

/// Writes one record (an upsert by its key); `Err` with the reason when it names
/// something the database does not have.
pub async fn upsert(conn: &mut Tx, record: &Record) -> Result<Result<(), String>, sqlx::Error> {
    match record {
        Record::Category(category) => upsert_category(conn, category).await?,
        Record::Article(article) => {
            if upsert_article(conn, article).await?.is_none() {
                return Ok(Err(format!("unknown category `{}`", article.category)));
            }
        }
        Record::Poll(poll) => return Ok(upsert_poll(conn, poll).await?.map(|_| ())),
        Record::SidebarBlock(block) => upsert_block(conn, block).await?,
        Record::Weblink(link) => {
            upsert_weblink(conn, link).await?;
        }
        Record::PublicServices(results) => upsert_public_services(conn, results).await?,
        Record::Showcase(card) => upsert_showcase(conn, card).await?,
        Record::Site(site) => upsert_site(conn, site).await?,
        Record::CentrePage(page) => upsert_centre_page(conn, page).await?,
        Record::Unit(unit) => return upsert_unit(conn, unit).await,
        Record::Person(person) => return upsert_person(conn, person).await,
    }
    Ok(Ok(()))
}

pub(crate) async fn upsert_category(
    conn: &mut Tx,
    category: &CategoryRecord,
) -> Result<(), sqlx::Error> {
    exec!(conn, |c| sqlx::query(
        "INSERT INTO categories (slug, title, position, legacy_alias, parent_id)
         VALUES ($1, $2, $3, $4, (SELECT id FROM categories WHERE slug = $5 AND slug <> $1))
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, position = excluded.position,
             legacy_alias = excluded.legacy_alias, parent_id = excluded.parent_id",
    )
    .bind(&category.slug)
    .bind(category.title.trim())
    .bind(category.position)
    .bind(category.legacy_alias().ok().flatten())
    .bind(&category.parent)
    .execute(c)
    .await)?;
    Ok(())
}

/// Upserts an article; its id, or `None` (and nothing written) when its category is
/// unknown.
pub(crate) async fn upsert_article(
    conn: &mut Tx,
    article: &ArticleRecord,
) -> Result<Option<i64>, sqlx::Error> {
    let category_id: Option<i64> = on!(&mut *conn, |c| sqlx::query_scalar(
        "SELECT id FROM categories WHERE slug = $1"
    )
    .bind(&article.category)
    .fetch_optional(c)
    .await)?;
    let Some(category_id) = category_id else {
        return Ok(None);
    };
    let text = StoredText::from(GivenText {
        title: &article.title,
        summary: &article.summary,
        body_html: &article.body_html,
        author: &article.author,
        source: article.source.as_deref(),
        tags: &article.tags,
        picture_caption: &article.image_caption,
    });
    let id: i64 = on!(&mut *conn, |c| sqlx::query_scalar(
        "INSERT INTO articles
             (slug, category_id, title, summary, body_html, author, source, tags, published_at,
              allow_rating, legacy_id, picture_id, picture_caption, attachment_ids, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (slug) DO UPDATE SET
             category_id = excluded.category_id, title = excluded.title,
             summary = excluded.summary, body_html = excluded.body_html,
             author = excluded.author, source = excluded.source, tags = excluded.tags,
             published_at = excluded.published_at, allow_rating = excluded.allow_rating,
             legacy_id = excluded.legacy_id, picture_id = excluded.picture_id,
             picture_caption = excluded.picture_caption,
             attachment_ids = excluded.attachment_ids, version = articles.version + 1,
             updated_at = excluded.updated_at, updated_by = NULL
         RETURNING id",
    )
    .bind(&article.slug)
    .bind(category_id)
    .bind(text.title)
    .bind(text.summary)
    .bind(text.body_html)
    .bind(text.author)
    .bind(text.source)
    .bind(serde_json::to_string(&text.tags).expect("strings serialize"))
    .bind(article.published_at.unix_timestamp())
    .bind(article.allow_rating)
    .bind(article.legacy_id().ok().flatten())
    .bind(article.filed.picture_id)
    .bind(text.picture_caption)
    .bind(serde_json::to_string(&article.filed.attachment_ids).expect("a list of ids serializes"))
    .bind(OffsetDateTime::now_utc().unix_timestamp())
    .fetch_one(c)
    .await)?;
    // A newsroom save made from the version before this import is now stale.
    newsroom::record_revision(conn, id).await?;
    Ok(Some(id))
}

/// Upserts a poll and its options, matched by their slugs. An option that has ballots
/// keeps its place: removing or moving it is refused (`Err` with the reason), so an
/// import never moves a vote. The poll's id.
pub(crate) async fn upsert_poll(
    conn: &mut Tx,
    poll: &PollRecord,
) -> Result<Result<i64, String>, sqlx::Error> {
    let poll_id: i64 = on!(&mut *conn, |c| sqlx::query_scalar(
        "INSERT INTO polls
             (slug, question, link, max_choices, starts_at, ends_at, revote_after_minutes, featured)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (slug) DO UPDATE SET
             question = excluded.question, link = excluded.link,
             max_choices = excluded.max_choices, starts_at = excluded.starts_at,
             ends_at = excluded.ends_at, revote_after_minutes = excluded.revote_after_minutes,
             featured = excluded.featured
         RETURNING id",
    )
    .bind(&poll.slug)
    .bind(poll.question.trim())
    .bind(&poll.link)
    .bind(i64::from(poll.max_choices))
    .bind(poll.starts_at.unix_timestamp())
    .bind(poll.ends_at.map(OffsetDateTime::unix_timestamp))
    .bind(poll.revote_after_minutes.map(i64::from))
    .bind(poll.featured)
    .fetch_one(c)
    .await)?;
    let voted: Vec<(String, i64)> = on!(&mut *conn, |c| sqlx::query_as(
        "SELECT o.slug, o.position FROM poll_options o
         WHERE o.poll_id = $1 AND (o.carried_votes > 0
             OR EXISTS (SELECT 1 FROM ballot_choices c WHERE c.option_id = o.id))",
    )
    .bind(poll_id)
    .fetch_all(c)
    .await)?;
    let new_position = |slug: &str| poll.options.iter().position(|o| o.slug == slug);
    for (slug, position) in &voted {
        match new_position(slug) {
            None => {
                return Ok(Err(format!(
                    "Phương án `{slug}` đã có lượt bình chọn nên không thể xóa"
                )));
            }
            Some(p) if i64::try_from(p).ok() != Some(*position) => {
                return Ok(Err(format!(
                    "Phương án `{slug}` đã có lượt bình chọn nên không thể đổi vị trí"
                )));
            }
            Some(_) => {}
        }
    }
    let slugs = serde_json::to_string(&poll.options.iter().map(|o| &o.slug).collect::<Vec<_>>())
        .expect("a list of strings serializes");
    let kept = conn.engine().json_texts("$2");
    exec!(&mut *conn, |c| {
        sqlx::query(&format!(
            "DELETE FROM poll_options WHERE poll_id = $1 AND slug NOT IN ({kept})"
        ))
        .bind(poll_id)
        .bind(slugs)
        .execute(c)
        .await
    })?;
    // Out of the way first, so options can trade places without a clash of positions.
    exec!(&mut *conn, |c| sqlx::query(
        "UPDATE poll_options SET position = -1 - position WHERE poll_id = $1"
    )
    .bind(poll_id)
    .execute(c)
    .await)?;
    for (position, option) in poll.options.iter().enumerate() {
        exec!(&mut *conn, |c| sqlx::query(
            "INSERT INTO poll_options (poll_id, slug, position, title, image, article_slug)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (poll_id, slug) DO UPDATE SET
                 position = excluded.position, title = excluded.title, image = excluded.image,
                 article_slug = excluded.article_slug",
        )
        .bind(poll_id)
        .bind(&option.slug)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(option.title.trim())
        .bind(&option.image)
        .bind(&option.article)
        .execute(c)
        .await)?;
    }
    Ok(Ok(poll_id))
}

pub(crate) async fn upsert_block(conn: &mut Tx, block: &BlockRecord) -> Result<(), sqlx::Error> {
    exec!(conn, |c| sqlx::query(
        "INSERT INTO sidebar_blocks (kind, title, position, visible) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind) DO UPDATE SET
             title = excluded.title, position = excluded.position, visible = excluded.visible",
    )
    .bind(&block.block)
    .bind(block.title.trim())
    .bind(block.position)
    .bind(block.visible)
    .execute(c)
    .await)?;
    Ok(())
}

/// Upserts a linked website by its slug; its id.
pub(crate) async fn upsert_weblink(
    conn: &mut Tx,
    link: &WeblinkRecord,
) -> Result<i64, sqlx::Error> {
    on!(conn, |c| sqlx::query_scalar(
        "INSERT INTO weblinks (slug, grouping, title, url, position, visible)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (slug) DO UPDATE SET
             grouping = excluded.grouping, title = excluded.title, url = excluded.url,
             position = excluded.position, visible = excluded.visible
         RETURNING id",
    )
    .bind(&link.slug)
    .bind(link.group.trim())
    .bind(link.title.trim())
    .bind(&link.url)
    .bind(link.position)
    .bind(link.visible)
    .fetch_one(c)
    .await)
}

pub(crate) async fn upsert_public_services(
    conn: &mut Tx,
    results: &PublicServicesRecord,
) -> Result<(), sqlx::Error> {
    exec!(conn, |c| sqlx::query(
        "INSERT INTO public_service_results (year, received, on_time, late, in_progress, as_of)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year) DO UPDATE SET
             received = excluded.received, on_time = excluded.on_time, late = excluded.late,
             in_progress = excluded.in_progress, as_of = excluded.as_of",
    )
    .bind(results.year)
    .bind(i64::from(results.received))
    .bind(i64::from(results.on_time))
    .bind(i64::from(results.late))
    .bind(i64::from(results.in_progress))
    .bind(&results.as_of)
    .execute(c)
    .await)?;
    Ok(())
}

async fn upsert_showcase(conn: &mut Tx, card: &ShowcaseRecord) -> Result<(), sqlx::Error> {
    exec!(conn, |c| sqlx::query(
        "INSERT INTO showcase_items (slug, title, image, article_slug, position)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (slug) DO UPDATE SET
             title = excluded.title, image = excluded.image,
             article_slug = excluded.article_slug, position = excluded.position",
    )
    .bind(&card.slug)
    .bind(card.title.trim())
    .bind(&card.image)
    .bind(&card.article)
    .bind(card.position)
    .execute(c)
    .await)?;
    Ok(())
}

async fn upsert_centre_page(conn: &mut Tx, page: &CentrePageRecord) -> Result<(), sqlx::Error> {
    exec!(conn, |c| sqlx::query(
        "INSERT INTO centre_pages (slug, title, summary, body_html, position, in_menu, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (slug) DO UPDATE SET
             title = excluded.title, summary = excluded.summary, body_html = excluded.body_html,
             position = excluded.position, in_menu = excluded.in_menu,
             version = centre_pages.version + 1, updated_at = excluded.updated_at",
    )
    .bind(&page.slug)
    .bind(page.title.trim())
    .bind(page.summary.trim())
    .bind(sanitize::article_html(&page.body_html))
    .bind(page.position)
    .bind(page.in_menu)
    .bind(OffsetDateTime::now_utc().unix_timestamp())
    .execute(c)
    .await)?;
    Ok(())
}

/// Upserts a unit; `Err` with the reason (nothing written) when its parent is unknown.
pub(crate) async fn upsert_unit(
    conn: &mut Tx,
    unit: &UnitRecord,
) -> Result<Result<(), String>, sqlx::Error> {
    let parent_id = match &unit.parent {
        None => None,
        Some(parent) => match id_of(conn, "units", parent).await? {
            Some(id) => Some(id),
            None => return Ok(Err(format!("unknown unit `{parent}`"))),
        },
    };
    let text = |field: &Option<String>| field.as_deref().map(str::trim).map(str::to_owned);
    exec!(conn, |c| {
        sqlx::query(
        "INSERT INTO units (slug, name, parent_id, position, address, phone, fax, email, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (slug) DO UPDATE SET
             name = excluded.name, parent_id = excluded.parent_id,
             position = excluded.position, address = excluded.address, phone = excluded.phone,
             fax = excluded.fax, email = excluded.email, updated_at = excluded.updated_at",
    )
    .bind(&unit.slug)
    .bind(unit.name.trim())
    .bind(parent_id)
    .bind(unit.position)
    .bind(text(&unit.address))
    .bind(text(&unit.phone))
    .bind(text(&unit.fax))
    .bind(text(&unit.email))
    .bind(OffsetDateTime::now_utc().unix_timestamp())
    .execute(c)
    .await
    })?;
    Ok(Ok(()))
}

/// Upserts a person; `Err` with the reason (nothing written) when their unit is unknown.
pub(crate) async fn upsert_person(
    conn: &mut Tx,
    line: &PersonLine,
) -> Result<Result<(), String>, sqlx::Error> {
    let person = &line.record;
    let Some(unit_id) = id_of(conn, "units", &person.unit).await? else {
        return Ok(Err(format!("unknown unit `{}`", person.unit)));
    };
    exec!(conn, |c| sqlx::query(
        "INSERT INTO people (slug, unit_id, name, title, phone, email, photo_id, position,
                             contact, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (slug) DO UPDATE SET
             unit_id = excluded.unit_id, name = excluded.name, title = excluded.title,
             phone = excluded.phone, email = excluded.email, photo_id = excluded.photo_id,
             position = excluded.position, contact = excluded.contact,
             updated_at = excluded.updated_at",
    )
    .bind(&person.slug)
    .bind(unit_id)
    .bind(person.name.trim())
    .bind(person.title.trim())
    .bind(person.phone.as_deref().map(str::trim))
    .bind(person.email.as_deref().map(str::trim))
    .bind(line.photo_id)
    .bind(person.position)
    .bind(person.contact)
    .bind(OffsetDateTime::now_utc().unix_timestamp())
    .execute(c)
    .await)?;
    Ok(Ok(()))
}

/// The id of the row of `table` with `slug`, if any.
async fn id_of(conn: &mut Tx, table: &'static str, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    let query = format!("SELECT id FROM {table} WHERE slug = $1");
    on!(conn, |c| sqlx::query_scalar(&query)
        .bind(slug)
        .fetch_optional(c)
        .await)
}

async fn upsert_site(conn: &mut Tx, site: &Site) -> Result<(), sqlx::Error> {
    exec!(conn, |c| sqlx::query(
        "INSERT INTO site (id, agency, governing_body, address, phone, fax, email, responsible,
                           licence, public_services_url, demo)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET
             agency = excluded.agency, governing_body = excluded.governing_body,
             address = excluded.address, phone = excluded.phone, fax = excluded.fax,
             email = excluded.email, responsible = excluded.responsible,
             licence = excluded.licence, public_services_url = excluded.public_services_url,
             demo = excluded.demo",
    )
    .bind(site.agency.trim())
    .bind(site.governing_body.trim())
    .bind(&site.address)
    .bind(&site.phone)
    .bind(&site.fax)
    .bind(&site.email)
    .bind(&site.responsible)
    .bind(&site.licence)
    .bind(&site.public_services_url)
    .bind(site.demo)
    .execute(c)
    .await)?;
    Ok(())
}
