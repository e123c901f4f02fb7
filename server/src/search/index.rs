//! The index on disk: its fields, what it was built from (kept in each commit), and the
//! writes that apply articles to it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::{
    Directory, Index, IndexWriter, TantivyDocument, Term,
    directory::{DirectoryLock, Lock, MmapDirectory},
    schema::{FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions},
    tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer, WhitespaceTokenizer},
};

use crate::{
    rules::search::{fold, words},
    store::search::Indexed,
};
use portal_contract::format::plain_text;

/// Bumped when the fields or their analysis change: an index of another layout is built
/// again.
const LAYOUT: u32 = 1;

/// The text is folded before it is indexed (`rules::search::fold`), so the tokenizer only
/// splits it into words, as `Terms::parse` splits a query; a word longer than a query can
/// be is left out.
const FOLDED: &str = "folded";
const LONGEST_WORD: usize = 256;
/// The pairs of neighbouring words, written `a_b` and split only at spaces.
const PAIRS: &str = "pairs";

/// An article's fields. Citizens' queries match and score its words in one field, `text`
/// (one posting list a word: a query over six fields did six times the work), and look in
/// `title` for the title matches, which rank first. Drafts and articles in the bin have
/// only `unpublished_title` (the newsroom's list finds them by it), so no citizen's query
/// finds them.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// When citizens may find it: its publication time (published articles only).
    pub visible_from: Field,
    pub category: Field,
    pub title: Field,
    pub unpublished_title: Field,
    /// The title (twice: a title word counts more), lead, body, author, source and tags,
    /// each a value of its own, so that no phrase runs from one into the next.
    pub text: Field,
    /// Every two neighbouring words of the text (see [`pairs`]): a phrase's pairs are rare
    /// where its words are common, so only the few articles with all of them have their
    /// words' positions read.
    pub pairs: Field,
}

/// How each two neighbouring `words` are indexed in [`Fields::pairs`] (`a_b`).
pub fn pairs<'a>(words: &'a [&str]) -> impl Iterator<Item = String> + 'a {
    words.windows(2).map(|two| format!("{}_{}", two[0], two[1]))
}

/// The pairs of neighbouring words of folded `text`, as the index splits it.
fn pairs_of(text: &str) -> String {
    let words: Vec<&str> = words(text)
        .filter(|word| word.len() <= LONGEST_WORD)
        .collect();
    pairs(&words).collect::<Vec<_>>().join(" ")
}

impl Fields {
    fn schema() -> (Schema, Self) {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(FOLDED)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Self {
            id: schema.add_i64_field("id", INDEXED | FAST),
            visible_from: schema.add_i64_field("visible_from", INDEXED | FAST),
            category: schema.add_i64_field("category", INDEXED | FAST),
            title: schema.add_text_field("title", text.clone()),
            unpublished_title: schema.add_text_field("unpublished_title", text.clone()),
            text: schema.add_text_field("text", text),
            pairs: schema.add_text_field(
                "pairs",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(PAIRS)
                        .set_index_option(IndexRecordOption::Basic),
                ),
            ),
        };
        (schema.build(), fields)
    }

    fn document(&self, article: &Indexed) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_i64(self.id, article.id);
        let title = fold(&article.title);
        if !article.public {
            doc.add_text(self.unpublished_title, title);
            return doc;
        }
        doc.add_text(self.title, &title);
        doc.add_i64(self.visible_from, article.published_at);
        doc.add_i64(self.category, article.category_id);
        let source = article.source.as_deref().unwrap_or_default();
        for part in [
            title.clone(),
            title,
            fold(&article.summary),
            fold(&plain_text(&article.body_html)),
            fold(&article.author),
            fold(source),
            fold(&article.tags().join(" ")),
        ] {
            doc.add_text(self.pairs, pairs_of(&part));
            doc.add_text(self.text, part);
        }
        doc
    }
}

/// What an index was built from, kept with each of its commits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Built {
    layout: u32,
    /// The database's log (`store::search::LogHead::epoch`).
    pub epoch: String,
    /// The last change of the log applied.
    pub through: i64,
}

impl Built {
    pub fn new(epoch: &str, through: i64) -> Self {
        Self {
            layout: LAYOUT,
            epoch: epoch.to_owned(),
            through,
        }
    }
}

/// The index folder's lock, held by the server that keeps its index there for as long as
/// it runs (released by the system if it dies).
const IN_USE: &str = ".portal-server.lock";

/// An index opened, and the lock that keeps other servers out of its folder.
pub struct Opened {
    pub index: Index,
    pub fields: Fields,
    /// What it was built from, `None` when it is empty or of another layout (and so to be
    /// built again).
    pub built: Option<Built>,
    pub in_use: DirectoryLock,
}

/// Refuses a folder another server keeps its index in: two writers would each find the
/// other's changes missing and build again, without end.
fn hold(directory: &MmapDirectory) -> tantivy::Result<DirectoryLock> {
    let lock = Lock {
        filepath: IN_USE.into(),
        is_blocking: false,
    };
    directory.acquire_lock(&lock).map_err(|error| {
        let why = "another server keeps its search index in this folder: give each server its own (--search-index-dir)";
        tantivy::TantivyError::LockFailure(error, Some(why.to_owned()))
    })
}

/// Removes every file of the folder `dir` but its lock.
fn empty(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() != IN_USE {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Opens the index in `dir`, or makes an empty one there.
pub fn open(dir: &Path) -> tantivy::Result<Opened> {
    std::fs::create_dir_all(dir)?;
    let (schema, fields) = Fields::schema();
    let directory = MmapDirectory::open(dir)?;
    let in_use = hold(&directory)?;
    let index = match Index::open_or_create(directory, schema.clone()) {
        Ok(index) => index,
        // Another layout's index (its schema differs): made again.
        Err(tantivy::TantivyError::SchemaError(_)) => {
            empty(dir)?;
            Index::create_in_dir(dir, schema)?
        }
        Err(other) => return Err(other),
    };
    index.tokenizers().register(
        FOLDED,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .build(),
    );
    index
        .tokenizers()
        .register(PAIRS, TextAnalyzer::from(WhitespaceTokenizer::default()));
    let built = index
        .load_metas()?
        .payload
        .and_then(|payload| serde_json::from_str::<Built>(&payload).ok())
        .filter(|built| built.layout == LAYOUT);
    Ok(Opened {
        index,
        fields,
        built,
        in_use,
    })
}

/// Memory the writer may fill before it writes a segment: tantivy's least (15 MB, a third
/// of it taken at once), which the server's memory budget leaves room for.
const WRITER_MEMORY: usize = 15_000_000;

/// Writes to the index: articles replaced or removed, then committed with what the index
/// is then built from.
pub struct Writing {
    writer: IndexWriter,
    fields: Fields,
}

impl Writing {
    pub fn start(index: &Index, fields: Fields) -> tantivy::Result<Self> {
        Ok(Self {
            writer: index.writer_with_num_threads(1, WRITER_MEMORY)?,
            fields,
        })
    }

    pub fn clear(&mut self) -> tantivy::Result<()> {
        self.writer.delete_all_documents().map(drop)
    }

    /// Removes article `id` (an `add` of it after this stands).
    pub fn remove(&mut self, id: i64) {
        self.writer
            .delete_term(Term::from_field_i64(self.fields.id, id));
    }

    pub fn add(&mut self, article: &Indexed) -> tantivy::Result<()> {
        self.writer
            .add_document(self.fields.document(article))
            .map(drop)
    }

    /// Commits, and waits for the merges it started (a writer dropped earlier would
    /// abandon them, and small segments would pile up).
    pub fn commit(mut self, built: &Built) -> tantivy::Result<()> {
        let mut commit = self.writer.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(built).expect("plain data"));
        commit.commit()?;
        self.writer.wait_merging_threads()
    }
}
