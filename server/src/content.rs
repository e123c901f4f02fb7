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

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Record {
    Category(CategoryRecord),
    Article(ArticleRecord),
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

fn yes() -> bool {
    true
}

/// Like `time::serde::rfc3339`, with an error that names the field and the expected form
/// (an internally tagged record loses serde's own field context).
fn rfc3339<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).map_err(|_| {
        serde::de::Error::custom(format!(
            "`published_at` must be an RFC 3339 date-time such as 2021-03-29T03:33:00+07:00, not `{text}`"
        ))
    })
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
    }
}

fn check_slug(slug: &str) -> Result<(), String> {
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

fn check_filled(field: &str, value: &str) -> Result<(), String> {
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
        assert!(
            reason.contains("`published_at` must be an RFC 3339"),
            "{reason}"
        );
    }
}
