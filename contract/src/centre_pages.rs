//! The centre's own pages ("Giới thiệu", "Chức năng, nhiệm vụ" …) as readers read them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One of the centre's own pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CentrePage {
    pub slug: String,
    pub title: String,
    /// What search engines and shared links show of it.
    pub summary: String,
    /// Sanitized HTML.
    pub body_html: String,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
}

/// A link to one of the centre's pages, in their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CentrePageLink {
    pub slug: String,
    pub title: String,
    /// Whether the header's menu shows it.
    pub in_menu: bool,
}
