//! Sidebar records of a content file: block placements, linked websites, public-service
//! figures and showcase cards.

use axum::http::Uri;
use serde::Deserialize;
use sqlx::SqliteConnection;

use super::{check_filled, check_slug};
use crate::store::sidebar::parse_date;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRecord {
    /// poll, public_services, showcase or weblinks.
    block: String,
    title: String,
    position: i64,
    #[serde(default = "super::yes")]
    visible: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeblinkRecord {
    slug: String,
    /// The heading the link is listed under.
    group: String,
    title: String,
    url: String,
    #[serde(default)]
    position: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicServicesRecord {
    year: i64,
    received: u32,
    on_time: u32,
    late: u32,
    in_progress: u32,
    /// YYYY-MM-DD.
    as_of: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowcaseRecord {
    slug: String,
    title: String,
    image: String,
    /// The slug of the article the card links to.
    article: String,
    #[serde(default)]
    position: i64,
}

const BLOCKS: [&str; 4] = ["poll", "public_services", "showcase", "weblinks"];

impl BlockRecord {
    pub fn check(&self) -> Result<(), String> {
        if !BLOCKS.contains(&self.block.as_str()) {
            return Err(format!("`block` must be one of {}", BLOCKS.join(", ")));
        }
        check_filled("title", &self.title)
    }

    pub async fn upsert(&self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO sidebar_blocks (kind, title, position, visible) VALUES (?, ?, ?, ?)
             ON CONFLICT (kind) DO UPDATE SET
                 title = excluded.title, position = excluded.position, visible = excluded.visible",
        )
        .bind(&self.block)
        .bind(self.title.trim())
        .bind(self.position)
        .bind(self.visible)
        .execute(conn)
        .await?;
        Ok(())
    }
}

/// An absolute http(s) address: the only kind a weblink may redirect to.
fn check_url(url: &str) -> Result<(), String> {
    let parsed: Uri = url
        .parse()
        .map_err(|_| format!("`url` `{url}` is not an address"))?;
    let web = matches!(parsed.scheme_str(), Some("http" | "https"));
    if web && parsed.host().is_some() {
        Ok(())
    } else {
        Err(format!(
            "`url` `{url}` must be an absolute http or https address"
        ))
    }
}

impl WeblinkRecord {
    pub fn check(&self) -> Result<(), String> {
        check_slug(&self.slug)?;
        check_filled("group", &self.group)?;
        check_filled("title", &self.title)?;
        check_url(&self.url)
    }

    pub async fn upsert(&self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO weblinks (slug, grouping, title, url, position) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (slug) DO UPDATE SET
                 grouping = excluded.grouping, title = excluded.title, url = excluded.url,
                 position = excluded.position",
        )
        .bind(&self.slug)
        .bind(self.group.trim())
        .bind(self.title.trim())
        .bind(&self.url)
        .bind(self.position)
        .execute(conn)
        .await?;
        Ok(())
    }
}

impl PublicServicesRecord {
    pub fn check(&self) -> Result<(), String> {
        if parse_date(&self.as_of).is_none() {
            return Err(format!(
                "`as_of` `{}` must be a date YYYY-MM-DD",
                self.as_of
            ));
        }
        let accounted =
            u64::from(self.on_time) + u64::from(self.late) + u64::from(self.in_progress);
        if accounted > u64::from(self.received) {
            return Err("on_time + late + in_progress exceed `received`".into());
        }
        Ok(())
    }

    pub async fn upsert(&self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO public_service_results (year, received, on_time, late, in_progress, as_of)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (year) DO UPDATE SET
                 received = excluded.received, on_time = excluded.on_time, late = excluded.late,
                 in_progress = excluded.in_progress, as_of = excluded.as_of",
        )
        .bind(self.year)
        .bind(self.received)
        .bind(self.on_time)
        .bind(self.late)
        .bind(self.in_progress)
        .bind(&self.as_of)
        .execute(conn)
        .await?;
        Ok(())
    }
}

impl ShowcaseRecord {
    pub fn check(&self) -> Result<(), String> {
        check_slug(&self.slug)?;
        check_slug(&self.article)?;
        check_filled("title", &self.title)?;
        check_filled("image", &self.image)
    }

    pub async fn upsert(&self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO showcase_items (slug, title, image, article_slug, position)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (slug) DO UPDATE SET
                 title = excluded.title, image = excluded.image,
                 article_slug = excluded.article_slug, position = excluded.position",
        )
        .bind(&self.slug)
        .bind(self.title.trim())
        .bind(&self.image)
        .bind(&self.article)
        .bind(self.position)
        .execute(conn)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn weblinks_go_to_absolute_web_addresses_only() {
        assert!(check_url("https://moit.gov.vn/").is_ok());
        assert!(check_url("http://127.0.0.1:8080/trang").is_ok());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("/bai-viet/1").is_err());
        assert!(check_url("ftp://example.gov.vn/").is_err());
        assert!(check_url("not a url").is_err());
    }
}
