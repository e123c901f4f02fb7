use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::RatingSummary;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A news category ("chuyên mục").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Category {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// The category this one sits under: the menu shows only the top level, and a
    /// category's page lists its children's articles too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
}

/// An article as it appears in lists: home, category pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: Category,
    /// RFC 3339, UTC.
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
    /// How many readers viewed it ("Đã xem").
    pub views: u64,
    /// Its lead picture, small, for lists.
    pub thumbnail: Option<Thumbnail>,
}

/// A picture's smallest copy, with its size so that a list keeps its place while it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Thumbnail {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// One page of articles, newest first, with the total so the reader can page through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArticleList {
    /// The category the list was filtered by, if any.
    pub category: Option<Category>,
    pub items: Vec<ArticleSummary>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// A newer or older article of the same category, as listed under an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArticleLink {
    pub id: i64,
    pub slug: String,
    pub title: String,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
}

/// A whole article, as the article page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Article {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// The lead ("hometext"), plain text.
    pub summary: String,
    /// Sanitized HTML: safe to insert as is.
    pub body_html: String,
    pub author: String,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub category: Category,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
    pub views: u64,
    /// Up to ten newer articles of the same category, the nearest first.
    pub newer: Vec<ArticleLink>,
    /// Up to ten older articles of the same category, the nearest first.
    pub older: Vec<ArticleLink>,
    pub rating: RatingSummary,
    /// Whether readers may rate this article.
    pub allow_rating: bool,
    /// This reader's own rating, if they rated it.
    pub my_rating: Option<u8>,
    /// The lead picture with its caption, as HTML the server wrote (empty for none).
    #[serde(default)]
    pub picture_html: String,
    /// "Tệp đính kèm", as HTML the server wrote (empty for none).
    #[serde(default)]
    pub attachments_html: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_travel_as_rfc3339_utc() {
        let link = ArticleLink {
            id: 1,
            slug: "a".into(),
            title: "A".into(),
            published_at: datetime!(2021-03-28 20:33 UTC),
        };
        let json = serde_json::to_value(&link).unwrap();
        assert_eq!(json["published_at"], "2021-03-28T20:33:00Z");
        let back: ArticleLink = serde_json::from_value(json).unwrap();
        assert_eq!(back, link);
    }
}
