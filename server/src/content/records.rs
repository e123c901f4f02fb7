//! The records of a content file, one kind per line, and the rules each must keep.

use serde::Deserialize;
use time::OffsetDateTime;

use crate::legacy::{self, Legacy};

use super::{
    rules::{self, check_filled, check_slug},
    sidebar::{BlockRecord, PublicServicesRecord, ShowcaseRecord, WeblinkRecord},
    site::SiteRecord,
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
    Site(SiteRecord),
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollRecord {
    pub slug: String,
    pub question: String,
    #[serde(default)]
    pub link: Option<String>,
    pub max_choices: u32,
    #[serde(deserialize_with = "rules::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(default, deserialize_with = "rules::optional_rfc3339")]
    pub ends_at: Option<OffsetDateTime>,
    /// Absent: one ballot per reader.
    #[serde(default)]
    pub revote_after_minutes: Option<u32>,
    #[serde(default)]
    pub featured: bool,
    pub options: Vec<OptionRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionRecord {
    /// The option's stable key: a re-import matches options by it.
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub image: Option<String>,
    /// The slug of an article about this option.
    #[serde(default)]
    pub article: Option<String>,
}

impl Record {
    /// Whether the record keeps the rules; the reason when it does not.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Record::Category(c) => {
                check_slug(&c.slug)?;
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
            Record::Poll(p) => check_poll(p),
            Record::SidebarBlock(b) => b.check(),
            Record::Weblink(w) => w.check(),
            Record::PublicServices(r) => r.check(),
            Record::Showcase(c) => c.check(),
            Record::Site(s) => s.check(),
        }
    }
}

fn check_poll(poll: &PollRecord) -> Result<(), String> {
    check_slug(&poll.slug)?;
    check_filled("question", &poll.question)?;
    if poll.options.len() < 2 {
        return Err("a poll needs at least two options".into());
    }
    for (i, option) in poll.options.iter().enumerate() {
        check_slug(&option.slug)?;
        if poll.options[..i].iter().any(|o| o.slug == option.slug) {
            return Err(format!("option slug `{}` is used twice", option.slug));
        }
        check_filled("options[].title", &option.title)?;
        if let Some(article) = &option.article {
            check_slug(article)?;
        }
    }
    let options = u32::try_from(poll.options.len()).unwrap_or(u32::MAX);
    if !(1..=options).contains(&poll.max_choices) {
        return Err(format!("`max_choices` must be from 1 to {options}"));
    }
    if poll.ends_at.is_some_and(|end| end <= poll.starts_at) {
        return Err("`ends_at` must come after `starts_at`".into());
    }
    if poll.revote_after_minutes == Some(0) {
        return Err("`revote_after_minutes` must be 1 or more (or absent: vote once)".into());
    }
    Ok(())
}
