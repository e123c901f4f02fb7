//! Importing content files: JSON Lines, one category or article per line.
//!
//! The whole file is parsed and checked before anything is written, and written in one
//! transaction, so a broken file changes nothing. Records are upserted by slug, so
//! importing the same file twice changes nothing either.

use std::fmt;

use serde::Deserialize;
use sqlx::{SqliteConnection, SqlitePool};
use time::OffsetDateTime;

use crate::sanitize;

mod sidebar;

use sidebar::{BlockRecord, PublicServicesRecord, ShowcaseRecord, WeblinkRecord};

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Record {
    Category(CategoryRecord),
    Article(ArticleRecord),
    Poll(PollRecord),
    SidebarBlock(BlockRecord),
    Weblink(WeblinkRecord),
    PublicServices(PublicServicesRecord),
    Showcase(ShowcaseRecord),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryRecord {
    slug: String,
    title: String,
    #[serde(default)]
    position: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleRecord {
    slug: String,
    category: String,
    title: String,
    summary: String,
    body_html: String,
    author: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default = "yes")]
    allow_rating: bool,
    #[serde(deserialize_with = "rfc3339")]
    published_at: OffsetDateTime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PollRecord {
    slug: String,
    question: String,
    #[serde(default)]
    link: Option<String>,
    max_choices: u32,
    #[serde(deserialize_with = "rfc3339")]
    starts_at: OffsetDateTime,
    #[serde(default, deserialize_with = "optional_rfc3339")]
    ends_at: Option<OffsetDateTime>,
    /// Absent: one ballot per reader.
    #[serde(default)]
    revote_after_minutes: Option<u32>,
    #[serde(default)]
    featured: bool,
    options: Vec<OptionRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionRecord {
    title: String,
    #[serde(default)]
    image: Option<String>,
    /// The slug of an article about this option.
    #[serde(default)]
    article: Option<String>,
}

pub(super) fn yes() -> bool {
    true
}

/// Like `time::serde::rfc3339`, with an error that names the field and the expected form
/// (an internally tagged record loses serde's own field context).
fn rfc3339<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).map_err(|_| {
        serde::de::Error::custom(format!(
            "dates must be RFC 3339 date-times such as 2021-03-29T03:33:00+07:00, not `{text}`"
        ))
    })
}

fn optional_rfc3339<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    rfc3339(deserializer).map(Some)
}

/// Why a file was refused; nothing of it was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: {reason}")]
    Invalid { line: usize, reason: String },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// What an import wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub categories: usize,
    pub articles: usize,
    pub polls: usize,
    pub sidebar: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} categories, {} articles",
            self.categories, self.articles
        )
    }
}

/// Imports `text` (JSON Lines; blank lines are skipped) into the database.
pub async fn import(pool: &SqlitePool, text: &str) -> Result<ImportReport, ImportError> {
    let records = parse(text)?;
    let mut tx = pool.begin().await?;
    let mut report = ImportReport::default();
    for (line, record) in records {
        match record {
            Record::Category(category) => {
                upsert_category(&mut tx, &category).await?;
                report.categories += 1;
            }
            Record::Article(article) => {
                upsert_article(&mut tx, line, &article).await?;
                report.articles += 1;
            }
            Record::Poll(poll) => {
                upsert_poll(&mut tx, &poll).await?;
                report.polls += 1;
            }
            Record::SidebarBlock(block) => {
                block.upsert(&mut tx).await?;
                report.sidebar += 1;
            }
            Record::Weblink(link) => {
                link.upsert(&mut tx).await?;
                report.sidebar += 1;
            }
            Record::PublicServices(results) => {
                results.upsert(&mut tx).await?;
                report.sidebar += 1;
            }
            Record::Showcase(card) => {
                card.upsert(&mut tx).await?;
                report.sidebar += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}

fn parse(text: &str) -> Result<Vec<(usize, Record)>, ImportError> {
    text.lines()
        .enumerate()
        .map(|(index, raw)| (index + 1, raw.trim()))
        .filter(|(_, raw)| !raw.is_empty())
        .map(|(line, raw)| {
            let record: Record = serde_json::from_str(raw).map_err(|err| ImportError::Invalid {
                line,
                reason: err.to_string(),
            })?;
            check(&record).map_err(|reason| ImportError::Invalid { line, reason })?;
            Ok((line, record))
        })
        .collect()
}

fn check(record: &Record) -> Result<(), String> {
    match record {
        Record::Category(c) => {
            check_slug(&c.slug)?;
            check_filled("title", &c.title)
        }
        Record::Article(a) => {
            check_slug(&a.slug)?;
            check_slug(&a.category)?;
            check_filled("title", &a.title)?;
            check_filled("summary", &a.summary)?;
            check_filled("body_html", &a.body_html)?;
            check_filled("author", &a.author)
        }
        Record::Poll(p) => check_poll(p),
        Record::SidebarBlock(b) => b.check(),
        Record::Weblink(w) => w.check(),
        Record::PublicServices(r) => r.check(),
        Record::Showcase(c) => c.check(),
    }
}

fn check_poll(poll: &PollRecord) -> Result<(), String> {
    check_slug(&poll.slug)?;
    check_filled("question", &poll.question)?;
    if poll.options.len() < 2 {
        return Err("a poll needs at least two options".into());
    }
    for option in &poll.options {
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

pub(super) fn check_slug(slug: &str) -> Result<(), String> {
    let well_formed = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "slug `{slug}` must be lowercase ASCII letters, digits and '-'"
        ))
    }
}

pub(super) fn check_filled(field: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("`{field}` is empty"))
    } else {
        Ok(())
    }
}

async fn upsert_category(
    conn: &mut SqliteConnection,
    category: &CategoryRecord,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO categories (slug, title, position) VALUES (?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, position = excluded.position",
    )
    .bind(&category.slug)
    .bind(category.title.trim())
    .bind(category.position)
    .execute(conn)
    .await?;
    Ok(())
}

async fn upsert_article(
    conn: &mut SqliteConnection,
    line: usize,
    article: &ArticleRecord,
) -> Result<(), ImportError> {
    let category_id: Option<i64> = sqlx::query_scalar("SELECT id FROM categories WHERE slug = ?")
        .bind(&article.category)
        .fetch_optional(&mut *conn)
        .await?;
    let category_id = category_id.ok_or_else(|| ImportError::Invalid {
        line,
        reason: format!("unknown category `{}`", article.category),
    })?;
    let tags = serde_json::to_string(&article.tags).expect("a list of strings serializes");
    sqlx::query(
        "INSERT INTO articles
             (slug, category_id, title, summary, body_html, author, source, tags, published_at,
              allow_rating)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (slug) DO UPDATE SET
             category_id = excluded.category_id, title = excluded.title,
             summary = excluded.summary, body_html = excluded.body_html,
             author = excluded.author, source = excluded.source, tags = excluded.tags,
             published_at = excluded.published_at, allow_rating = excluded.allow_rating",
    )
    .bind(&article.slug)
    .bind(category_id)
    .bind(article.title.trim())
    .bind(article.summary.trim())
    .bind(sanitize::article_html(&article.body_html))
    .bind(article.author.trim())
    .bind(
        article
            .source
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    )
    .bind(tags)
    .bind(article.published_at.unix_timestamp())
    .bind(article.allow_rating)
    .execute(conn)
    .await?;
    Ok(())
}

async fn upsert_poll(conn: &mut SqliteConnection, poll: &PollRecord) -> Result<(), sqlx::Error> {
    let poll_id: i64 = sqlx::query_scalar(
        "INSERT INTO polls
             (slug, question, link, max_choices, starts_at, ends_at, revote_after_minutes, featured)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
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
    .bind(poll.max_choices)
    .bind(poll.starts_at.unix_timestamp())
    .bind(poll.ends_at.map(OffsetDateTime::unix_timestamp))
    .bind(poll.revote_after_minutes)
    .bind(poll.featured)
    .fetch_one(&mut *conn)
    .await?;
    // Options are matched by position, so ballots already cast keep pointing at them.
    for (position, option) in poll.options.iter().enumerate() {
        sqlx::query(
            "INSERT INTO poll_options (poll_id, position, title, image, article_slug)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (poll_id, position) DO UPDATE SET
                 title = excluded.title, image = excluded.image,
                 article_slug = excluded.article_slug",
        )
        .bind(poll_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(option.title.trim())
        .bind(&option.image)
        .bind(&option.article)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid_line(text: &str) -> (usize, String) {
        match parse(text) {
            Err(ImportError::Invalid { line, reason }) => (line, reason),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn the_demo_content_parses() {
        let records = parse(crate::db::DEMO_CONTENT).unwrap();
        let articles = records
            .iter()
            .filter(|(_, r)| matches!(r, Record::Article(_)))
            .count();
        assert!(articles >= 12, "only {articles} demo articles");
    }

    #[test]
    fn polls_need_options_and_a_sane_maximum() {
        let poll = |max: u32, options: &str| {
            format!(
                r#"{{"kind":"poll","slug":"p","question":"Q?","max_choices":{max},"starts_at":"2021-01-01T00:00:00Z","options":[{options}]}}"#
            )
        };
        let two = r#"{"title":"A"},{"title":"B"}"#;
        assert!(parse(&poll(1, two)).is_ok());
        let (_, reason) = invalid_line(&poll(3, two));
        assert!(
            reason.contains("`max_choices` must be from 1 to 2"),
            "{reason}"
        );
        let (_, reason) = invalid_line(&poll(1, r#"{"title":"A"}"#));
        assert!(reason.contains("at least two options"), "{reason}");
    }

    #[test]
    fn syntax_errors_name_their_line() {
        let text = "{\"kind\":\"category\",\"slug\":\"a\",\"title\":\"A\"}\n\n{not json\n";
        let (line, reason) = invalid_line(text);
        assert_eq!(line, 3);
        assert!(reason.contains("key must be a string"), "{reason}");
    }

    #[test]
    fn missing_and_unknown_fields_are_refused() {
        let (line, reason) = invalid_line(r#"{"kind":"category","slug":"a"}"#);
        assert_eq!(line, 1);
        assert!(reason.contains("missing field `title`"), "{reason}");
        let (_, reason) =
            invalid_line(r#"{"kind":"category","slug":"a","title":"A","colour":"red"}"#);
        assert!(reason.contains("unknown field `colour`"), "{reason}");
    }

    #[test]
    fn bad_slugs_and_empty_titles_are_refused() {
        let (_, reason) = invalid_line(r#"{"kind":"category","slug":"Tin Tức","title":"A"}"#);
        assert!(reason.contains("slug"), "{reason}");
        let (_, reason) = invalid_line(r#"{"kind":"category","slug":"a","title":"  "}"#);
        assert!(reason.contains("`title` is empty"), "{reason}");
    }

    #[test]
    fn dates_must_be_rfc3339() {
        let line = r#"{"kind":"article","slug":"a","category":"c","title":"T","summary":"S","body_html":"<p>b</p>","author":"X","published_at":"29/03/2021"}"#;
        let (_, reason) = invalid_line(line);
        assert!(reason.contains("must be RFC 3339 date-times"), "{reason}");
    }
}
