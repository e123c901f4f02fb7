//! What a move did, item by item, for the IT officer to read before the day of the switch.

use std::{
    collections::{BTreeSet, HashSet},
    fmt,
};

use crate::store::nukeviet::Outcome;

/// The kinds of item a move counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Category,
    Article,
    Tag,
    Poll,
    Weblink,
    Page,
    Unit,
    Person,
    File,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Category,
        Kind::Article,
        Kind::Tag,
        Kind::Poll,
        Kind::Weblink,
        Kind::Page,
        Kind::Unit,
        Kind::Person,
        Kind::File,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Category => "categories",
            Kind::Article => "articles",
            Kind::Tag => "tags",
            Kind::Poll => "polls",
            Kind::Weblink => "links",
            Kind::Page => "pages",
            Kind::Unit => "units",
            Kind::Person => "people",
            Kind::File => "files",
        }
    }

    fn one(self) -> &'static str {
        match self {
            Kind::Category => "category",
            Kind::Article => "article",
            Kind::Tag => "tag",
            Kind::Poll => "poll",
            Kind::Weblink => "link",
            Kind::Page => "page",
            Kind::Unit => "unit",
            Kind::Person => "person",
            Kind::File => "file",
        }
    }
}

/// How many of one kind each outcome had.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub kept: u64,
}

/// An item left behind, with its NukeViet id and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub kind: Kind,
    /// The NukeViet id of the item, or for a file of the article or page it belongs to.
    pub id: i64,
    /// For a file, the kind of item it belongs to.
    pub of: Option<Kind>,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub dry_run: bool,
    counts: [Counts; 9],
    /// The tags the portal had before the move, and those the move has counted.
    pub tags_before: HashSet<String>,
    tags_seen: HashSet<String>,
    pub refused: Vec<Refusal>,
    /// NukeViet's authors, for the admin to add as staff.
    pub authors: BTreeSet<String>,
    pub notes: Vec<String>,
    /// Links inside bodies to the old site's addresses, pointed at the portal's pages.
    pub relinked: u64,
    /// The files filed so far, by their path in the uploads folder: one many articles
    /// show is read and counted once.
    pub files_filed: std::collections::HashMap<String, portal_contract::UploadedFile>,
}

impl Report {
    pub fn new(dry_run: bool) -> Self {
        Self {
            dry_run,
            ..Self::default()
        }
    }

    pub fn count(&mut self, kind: Kind, outcome: Outcome) {
        let counts = &mut self.counts[kind as usize];
        match outcome {
            Outcome::Added => counts.added += 1,
            Outcome::Updated => counts.updated += 1,
            Outcome::Unchanged => counts.unchanged += 1,
            Outcome::KeptStaffChange => counts.kept += 1,
        }
    }

    /// Counts the tags of an article: each once, as added when the portal had none such.
    pub fn count_tags(&mut self, tags: &[String]) {
        for tag in tags {
            if self.tags_seen.insert(tag.clone()) {
                let outcome = if self.tags_before.contains(tag) {
                    Outcome::Unchanged
                } else {
                    Outcome::Added
                };
                self.count(Kind::Tag, outcome);
            }
        }
    }

    pub fn counts(&self, kind: Kind) -> Counts {
        self.counts[kind as usize]
    }

    pub fn refuse(&mut self, kind: Kind, id: i64, reason: impl Into<String>) {
        self.refused.push(Refusal {
            kind,
            id,
            of: None,
            reason: reason.into(),
        });
    }

    /// A file of item `id` (a `of`) left behind.
    pub fn refuse_file(&mut self, of: Kind, id: i64, reason: impl Into<String>) {
        self.refused.push(Refusal {
            kind: Kind::File,
            id,
            of: Some(of),
            reason: reason.into(),
        });
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            writeln!(f, "dry run: nothing was written")?;
        }
        writeln!(
            f,
            "{:<12}{:>8}{:>9}{:>11}{:>24}",
            "", "added", "updated", "unchanged", "kept (staff changed)"
        )?;
        for kind in Kind::ALL {
            let c = self.counts(kind);
            writeln!(
                f,
                "{:<12}{:>8}{:>9}{:>11}{:>24}",
                kind.name(),
                c.added,
                c.updated,
                c.unchanged,
                c.kept
            )?;
        }
        writeln!(
            f,
            "links inside articles to the old site, pointed at the portal: {}",
            self.relinked
        )?;
        if self.refused.is_empty() {
            writeln!(f, "refused: none")?;
        } else {
            writeln!(f, "refused ({}):", self.refused.len())?;
            for refusal in &self.refused {
                let what = match refusal.of {
                    Some(of) => format!("{} of {}", refusal.kind.one(), of.one()),
                    None => refusal.kind.one().to_owned(),
                };
                writeln!(f, "  {what} {}: {}", refusal.id, refusal.reason)?;
            }
        }
        if !self.authors.is_empty() {
            let authors: Vec<&str> = self.authors.iter().map(String::as_str).collect();
            writeln!(
                f,
                "NukeViet's authors (staff accounts are not moved; add those who still write \
                 with `portal-server add-user`): {}",
                authors.join(", ")
            )?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}
