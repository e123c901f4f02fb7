//! Importing content files: JSON Lines, one record per line (`records`, `sidebar`), each
//! checked by the rules in `rules`; the files an article or a person names are filed by
//! `files`.
//!
//! The whole file is parsed and checked before anything is written, and written in one
//! transaction (by `store::import`), so a broken file changes nothing. Records are
//! upserted by slug, so importing the same file twice changes nothing either.

pub(crate) mod files;
pub mod records;
mod rules;
pub mod sidebar;

use std::{fmt, path::Path};

pub use rules::check_slug;

use crate::{
    operations::{Progress, Tally},
    store::{Db, import as store},
};
use records::Record;

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
    pub pages: usize,
    pub units: usize,
    pub people: usize,
    pub sidebar: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} categories, {} articles",
            self.categories, self.articles
        )?;
        for (count, kind) in [
            (self.pages, "pages"),
            (self.units, "units"),
            (self.people, "people"),
        ] {
            if count > 0 {
                write!(f, ", {count} {kind}")?;
            }
        }
        Ok(())
    }
}

impl ImportReport {
    fn count(&mut self, record: &Record) {
        let counter = match record {
            Record::Category(_) => &mut self.categories,
            Record::Article(_) => &mut self.articles,
            Record::Poll(_) => &mut self.polls,
            Record::CentrePage(_) => &mut self.pages,
            Record::Unit(_) => &mut self.units,
            Record::Person(_) => &mut self.people,
            _ => &mut self.sidebar,
        };
        *counter += 1;
    }
}

/// Where an import finds the files its articles name by path, and where it keeps them.
pub struct FileSource<'a> {
    /// Paths are relative to this folder (the content file's).
    pub base: &'a Path,
    pub uploads_dir: &'a Path,
    /// The largest file taken, in bytes (as for uploads).
    pub limit: u64,
}

/// Imports `text` (JSON Lines; blank lines are skipped) into the database; a record that
/// names files is refused (see [`import_with_files`]).
pub async fn import(pool: &Db, text: &str) -> Result<ImportReport, ImportError> {
    run(pool, text, None, &mut ()).await
}

/// Imports `text`, filing the pictures and attachments its articles name from `source`
/// as staff uploads are filed (type from content, pictures re-encoded). Files are filed
/// before the records are written: a refused file names its line and nothing is written
/// (a file already filed stays, kept once by its hash as every upload is).
pub async fn import_with_files(
    pool: &Db,
    text: &str,
    source: &FileSource<'_>,
    progress: &mut dyn Progress,
) -> Result<ImportReport, ImportError> {
    run(pool, text, Some(source), progress).await
}

/// Parses, files every record's files (the slow part, told to `progress` record by
/// record), then writes the records in one transaction.
async fn run(
    pool: &Db,
    text: &str,
    source: Option<&FileSource<'_>>,
    progress: &mut dyn Progress,
) -> Result<ImportReport, ImportError> {
    let mut records = parse(text)?;
    let mut tally = Tally::new(records.len() as u64, progress);
    for (line, record) in &mut records {
        let invalid = |reason| ImportError::Invalid {
            line: *line,
            reason,
        };
        match record {
            Record::Article(article) => {
                article.filed = files::file_all(pool, source, article)
                    .await
                    .map_err(invalid)?;
            }
            Record::Person(person) => {
                if let Some(path) = &person.record.photo {
                    let id = files::file_photo(pool, source, path).await;
                    person.photo_id = Some(id.map_err(invalid)?);
                }
            }
            _ => {}
        }
        tally.add(1);
    }
    let mut tx = pool.begin().await?;
    let mut report = ImportReport::default();
    for (line, record) in records {
        if let Err(reason) = store::upsert(&mut tx, &record).await? {
            return Err(ImportError::Invalid { line, reason });
        }
        report.count(&record);
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
            record
                .check()
                .map_err(|reason| ImportError::Invalid { line, reason })?;
            Ok((line, record))
        })
        .collect()
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
        let two = r#"{"slug":"a","title":"A"},{"slug":"b","title":"B"}"#;
        assert!(parse(&poll(1, two)).is_ok());
        let (_, reason) = invalid_line(&poll(3, two));
        assert!(reason.starts_with("`max_choices`: "), "{reason}");
        let (_, reason) = invalid_line(&poll(1, r#"{"slug":"a","title":"A"}"#));
        assert!(reason.contains("cần ít nhất hai phương án"), "{reason}");
        let twice = r#"{"slug":"a","title":"A"},{"slug":"a","title":"B"}"#;
        let (_, reason) = invalid_line(&poll(1, twice));
        assert!(reason.contains("Hai phương án trùng mã"), "{reason}");
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
        let beyond = line.replace("29/03/2021", "9999-12-31T23:00:00Z");
        let (_, reason) = invalid_line(&beyond);
        assert!(reason.contains("from 1970 to 2999"), "{reason}");
    }
}
