//! The showcase cards of a content file (the sidebar's other records — blocks, linked
//! websites, public-service figures — are the contract's, as the newsroom edits them too).

use serde::Deserialize;

use super::rules::{check_filled, check_slug};

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

impl ShowcaseRecord {
    pub fn check(&self) -> Result<(), String> {
        check_slug(&self.slug)?;
        check_slug(&self.article)?;
        check_filled("title", &self.title)?;
        check_filled("image", &self.image)
    }
}
