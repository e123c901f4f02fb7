//! Sidebar records of a content file: block placements, linked websites, public-service
//! figures and showcase cards.

use serde::Deserialize;

use super::rules::{check_filled, check_slug, check_url, yes};
use crate::store::sidebar::parse_date;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRecord {
    /// poll, public_services, showcase, weblinks or visitors.
    pub block: String,
    pub title: String,
    pub position: i64,
    #[serde(default = "yes")]
    pub visible: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeblinkRecord {
    pub slug: String,
    /// The heading the link is listed under.
    pub group: String,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub position: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicServicesRecord {
    pub year: i64,
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub in_progress: u32,
    /// YYYY-MM-DD.
    pub as_of: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowcaseRecord {
    pub slug: String,
    pub title: String,
    pub image: String,
    /// The slug of the article the card links to.
    pub article: String,
    #[serde(default)]
    pub position: i64,
}

const BLOCKS: [&str; 5] = [
    "poll",
    "public_services",
    "showcase",
    "weblinks",
    "visitors",
];

impl BlockRecord {
    pub fn check(&self) -> Result<(), String> {
        if !BLOCKS.contains(&self.block.as_str()) {
            return Err(format!("`block` must be one of {}", BLOCKS.join(", ")));
        }
        check_filled("title", &self.title)
    }
}

impl WeblinkRecord {
    pub fn check(&self) -> Result<(), String> {
        check_slug(&self.slug)?;
        check_filled("group", &self.group)?;
        check_filled("title", &self.title)?;
        check_url(&self.url)
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
}

impl ShowcaseRecord {
    pub fn check(&self) -> Result<(), String> {
        check_slug(&self.slug)?;
        check_slug(&self.article)?;
        check_filled("title", &self.title)?;
        check_filled("image", &self.image)
    }
}
