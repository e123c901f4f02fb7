//! The records of a content file, one kind per line, and the rules each must keep.

use serde::Deserialize;
use time::OffsetDateTime;

use crate::rules::{
    legacy::{self, Legacy},
    sanitize,
};

use portal_contract::{
    Site,
    content::{
        BlockRecord, CentrePageRecord, PersonRecord, PollRecord, PublicServicesRecord, UnitRecord,
        WeblinkRecord,
    },
    newsroom::DraftError,
};

use super::{
    rules::{self, check_filled, check_slug},
    sidebar::ShowcaseRecord,
};

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Category(CategoryRecord),
    Article(ArticleRecord),
    Poll(PollRecord),
    SidebarBlock(BlockRecord),
    Weblink(WeblinkRecord),
    PublicServices(PublicServicesRecord),
    Showcase(ShowcaseRecord),
    Site(Site),
    CentrePage(CentrePageRecord),
    Unit(UnitRecord),
    Person(PersonLine),
}

/// A person as a content file gives them, with the upload their photo became.
#[derive(Debug, Deserialize)]
#[serde(from = "PersonRecord")]
pub struct PersonLine {
    pub record: PersonRecord,
    /// Filed before the records are written.
    pub photo_id: Option<i64>,
}

impl From<PersonRecord> for PersonLine {
    fn from(record: PersonRecord) -> Self {
        Self {
            record,
            photo_id: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRecord {
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub position: i64,
    /// Its address on the NukeViet site (`/vi/news/{alias}/`), which then redirects here.
    #[serde(default)]
    pub legacy_path: Option<String>,
    /// The slug of the category it sits under, if any (one written before it).
    #[serde(default)]
    pub parent: Option<String>,
}

impl CategoryRecord {
    /// The NukeViet alias its old address names.
    pub fn legacy_alias(&self) -> Result<Option<String>, String> {
        let Some(path) = &self.legacy_path else {
            return Ok(None);
        };
        match legacy::parse_path(path) {
            Some(Legacy::Category { alias, page: 1 }) => Ok(Some(alias)),
            _ => Err(format!(
                "`legacy_path` `{path}` is not a NukeViet category address"
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRecord {
    pub slug: String,
    pub category: String,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub author: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default = "rules::yes")]
    pub allow_rating: bool,
    #[serde(deserialize_with = "rules::rfc3339")]
    pub published_at: OffsetDateTime,
    /// Its address on the NukeViet site (`/vi/news/{cat}/{alias}-{id}.html`)…
    #[serde(default)]
    pub legacy_path: Option<String>,
    /// …or its NukeViet id: either makes the old addresses redirect here.
    #[serde(default)]
    pub legacy_id: Option<i64>,
    /// The lead picture: a JPEG, PNG or WebP file's path, relative to the content file.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub image_caption: String,
    /// Attachments' paths, in the order the article lists them.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// The uploads those paths became, filed before the records are written.
    #[serde(skip)]
    pub filed: FiledFiles,
}

/// An article's files as filed: the lead picture's upload and the attachments'.
#[derive(Debug, Default)]
pub struct FiledFiles {
    pub picture_id: Option<i64>,
    pub attachment_ids: Vec<i64>,
}

impl ArticleRecord {
    /// The NukeViet id, from `legacy_id` or the old address (they must agree).
    pub fn legacy_id(&self) -> Result<Option<i64>, String> {
        let from_path = match &self.legacy_path {
            None => None,
            Some(path) => match legacy::parse_path(path) {
                Some(Legacy::Article { id }) => Some(id),
                _ => {
                    return Err(format!(
                        "`legacy_path` `{path}` is not a NukeViet article address"
                    ));
                }
            },
        };
        match (from_path, self.legacy_id) {
            (Some(a), Some(b)) if a != b => {
                Err(format!("`legacy_path` names id {a}, `legacy_id` {b}"))
            }
            (a, b) => Ok(a.or(b)),
        }
    }
}

impl Record {
    /// Whether the record keeps the rules; the reason when it does not.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Record::Category(c) => {
                check_slug(&c.slug)?;
                if let Some(parent) = &c.parent {
                    check_slug(parent)?;
                }
                c.legacy_alias()?;
                check_filled("title", &c.title)
            }
            Record::Article(a) => {
                check_slug(&a.slug)?;
                check_slug(&a.category)?;
                check_filled("title", &a.title)?;
                check_filled("summary", &a.summary)?;
                check_filled("body_html", &a.body_html)?;
                a.legacy_id()?;
                check_filled("author", &a.author)
            }
            Record::Poll(p) => p.check().map_err(reason),
            Record::SidebarBlock(b) => b.check().map_err(reason),
            Record::Weblink(w) => w.check().map_err(reason),
            Record::PublicServices(r) => r.check().map_err(reason),
            Record::Showcase(c) => c.check(),
            Record::Site(s) => s.check().map_err(reason),
            // Checked as it will be kept: a body of scripts alone has no text.
            Record::CentrePage(p) => CentrePageRecord {
                body_html: sanitize::article_html(&p.body_html),
                ..p.clone()
            }
            .check()
            .map_err(reason),
            Record::Unit(u) => u.check().map_err(reason),
            Record::Person(p) => p.record.check().map_err(reason),
        }
    }
}

/// A shared rule's refusal, as the import reports it: the field, then the words staff see.
fn reason(error: DraftError) -> String {
    format!("`{}`: {}", error.field, error.message)
}
