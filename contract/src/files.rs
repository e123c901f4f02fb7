//! Files staff uploaded, as the newsroom and the article page show them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A file staff uploaded: a picture (resized, its metadata gone) or an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UploadedFile {
    pub id: i64,
    /// Its address on the portal.
    pub url: String,
    /// True for a picture, false for an attachment.
    pub picture: bool,
    /// The name it was uploaded with.
    pub name: String,
    /// "JPEG", "PDF", "DOCX", …
    pub label: String,
    /// Bytes, as stored.
    pub size: u64,
    /// A picture's width and height as stored.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A picture's resized copies, for `<img srcset>` ("…-480.jpg 480w, …").
    pub srcset: Option<String>,
}
