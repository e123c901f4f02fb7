//! The index on disk: its fields, what it was built from (kept in each commit), and the
//! writes that apply articles to it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::{
    Index, IndexWriter, TantivyDocument, Term,
    directory::MmapDirectory,
    schema::{FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions},
    tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer},
};

use crate::{rules::search::fold, store::search::Indexed};
use portal_contract::format::plain_text;

/// Bumped when the fields or their analysis change: an index of another layout is built
/// again.
const LAYOUT: u32 = 1;

/// The text is folded before it is indexed (`rules::search::fold`), so the tokenizer only
/// splits it into words, as `Terms::parse` splits a query; a word longer than a query can
/// be is left out.
const FOLDED: &str = "folded";
const LONGEST_WORD: usize = 256;

/// An article's fields; the text ones in the order of their weight below.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// 1 when citizens may find it (once `published` has come), else 0.
    pub public: Field,
    pub category: Field,
    pub published: Field,
    pub title: Field,
    pub lead: Field,
    pub body: Field,
    pub author: Field,
    pub source: Field,
    pub tags: Field,
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
            public: schema.add_i64_field("public", INDEXED),
            category: schema.add_i64_field("category", INDEXED | FAST),
            published: schema.add_i64_field("published", INDEXED | FAST),
            title: schema.add_text_field("title", text.clone()),
            lead: schema.add_text_field("lead", text.clone()),
            body: schema.add_text_field("body", text.clone()),
            author: schema.add_text_field("author", text.clone()),
            source: schema.add_text_field("source", text.clone()),
            tags: schema.add_text_field("tags", text),
        };
        (schema.build(), fields)
    }

    /// The text fields with how much a match in each counts (the title most, then the
    /// tags, the lead, the author and source, the body).
    pub fn weighted(&self) -> [(Field, f32); 6] {
        [
            (self.title, 10.0),
            (self.lead, 4.0),
            (self.body, 1.0),
            (self.author, 2.0),
            (self.source, 2.0),
            (self.tags, 5.0),
        ]
    }

    fn document(&self, article: &Indexed) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_i64(self.id, article.id);
        doc.add_i64(self.public, i64::from(article.public));
        doc.add_i64(self.category, article.category_id);
        doc.add_i64(self.published, article.published_at);
        doc.add_text(self.title, fold(&article.title));
        doc.add_text(self.lead, fold(&article.summary));
        doc.add_text(self.body, fold(&plain_text(&article.body_html)));
        doc.add_text(self.author, fold(&article.author));
        doc.add_text(
            self.source,
            fold(article.source.as_deref().unwrap_or_default()),
        );
        doc.add_text(self.tags, fold(&article.tags().join(" ")));
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

/// Opens the index in `dir`, or makes an empty one there; with what it was built from,
/// `None` when it is empty or of another layout (and so to be built again).
pub fn open(dir: &Path) -> tantivy::Result<(Index, Fields, Option<Built>)> {
    std::fs::create_dir_all(dir)?;
    let (schema, fields) = Fields::schema();
    let directory = MmapDirectory::open(dir)?;
    let index = match Index::open_or_create(directory, schema.clone()) {
        Ok(index) => index,
        // Another layout's index (its schema differs): made again.
        Err(tantivy::TantivyError::SchemaError(_)) => {
            std::fs::remove_dir_all(dir)?;
            std::fs::create_dir_all(dir)?;
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
    let built = index
        .load_metas()?
        .payload
        .and_then(|payload| serde_json::from_str::<Built>(&payload).ok())
        .filter(|built| built.layout == LAYOUT);
    Ok((index, fields, built))
}

/// Memory the writer may fill before it writes a segment (tantivy's least is 15 MB).
const WRITER_MEMORY: usize = 32_000_000;

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
