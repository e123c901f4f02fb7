//! A reader's query as the index's: every term required, in any field (a phrase's words in
//! a row), and ranked as the portal ranks: a match in the title first, then relevance
//! (BM25, by field weight), then newer first.

use std::{ops::Bound, sync::Arc};

use tantivy::{
    BitSet, DocId, Score, Searcher, SegmentReader, Term,
    collector::{Count, TopDocs},
    query::{
        BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Occur, PhraseQuery, Query, RangeQuery,
        TermQuery, Weight,
    },
    schema::{Field, IndexRecordOption},
};

use super::index::Fields;
use crate::rules::search::Terms;

/// What narrows a search besides its words.
#[derive(Debug, Default, Clone, Copy)]
pub struct Filter {
    pub category_id: Option<i64>,
    /// Published at or after (Unix seconds).
    pub from: Option<i64>,
    /// Published before (Unix seconds).
    pub until: Option<i64>,
    /// Now: what is published later is not found.
    pub now: i64,
}

/// Which results: the first to skip, and how many.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
}

/// One term of the query in `field`: its word, or its words in a row.
fn term_in(field: Field, term: &str) -> Box<dyn Query> {
    let words: Vec<Term> = term
        .split(' ')
        .map(|word| Term::from_field_text(field, word))
        .collect();
    match <[Term; 1]>::try_from(words) {
        Ok([word]) => Box::new(TermQuery::new(word, IndexRecordOption::WithFreqs)),
        Err(words) => Box::new(PhraseQuery::new(words)),
    }
}

/// Every term, each in any of the text fields (weighted).
fn anywhere(fields: &Fields, terms: &Terms) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|term| {
                let any_field = BooleanQuery::new(
                    fields
                        .weighted()
                        .into_iter()
                        .map(|(field, weight)| {
                            let query = BoostQuery::new(term_in(field, term), weight);
                            (Occur::Should, Box::new(query) as Box<dyn Query>)
                        })
                        .collect(),
                );
                (Occur::Must, Box::new(any_field) as Box<dyn Query>)
            })
            .collect(),
    )
}

/// Every term in the title.
fn in_title(fields: &Fields, terms: &Terms) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|term| (Occur::Must, term_in(fields.title, term)))
            .collect(),
    )
}

/// A clause that only narrows what is found: it adds nothing to a match's score.
fn only(query: impl Query) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(query), 0.0)))
}

fn published(fields: &Fields, from: Bound<i64>, until: Bound<i64>) -> RangeQuery {
    let term = |at| Term::from_field_i64(fields.published, at);
    RangeQuery::new(from.map(term), until.map(term))
}

/// The terms, within the filter: what is found.
fn matching(fields: &Fields, terms: &Terms, filter: Filter) -> BooleanQuery {
    let public = Term::from_field_i64(fields.public, 1);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, Box::new(anywhere(fields, terms))),
        only(TermQuery::new(public, IndexRecordOption::Basic)),
        only(published(fields, Bound::Unbounded, Bound::Included(filter.now))),
    ];
    if let Some(category) = filter.category_id {
        let term = Term::from_field_i64(fields.category, category);
        clauses.push(only(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    if filter.from.is_some() || filter.until.is_some() {
        let from = filter.from.map_or(Bound::Unbounded, Bound::Included);
        let until = filter.until.map_or(Bound::Unbounded, Bound::Excluded);
        clauses.push(only(published(fields, from, until)));
    }
    BooleanQuery::new(clauses)
}

/// How results are ordered, best first (compared field by field, greater first).
#[derive(Debug, Clone, PartialEq, PartialOrd)]
struct Rank {
    in_title: bool,
    score: Score,
    published: i64,
    id: i64,
}

/// The documents of `segment` that `title` matches.
fn title_matches(title: &dyn Weight, segment: &SegmentReader) -> BitSet {
    let mut found = BitSet::with_max_value(segment.max_doc());
    title
        .for_each_no_score(segment, &mut |docs| {
            for doc in docs {
                found.insert(*doc);
            }
        })
        .expect("the title's postings are readable");
    found
}

/// Results beyond this many are not ranked (a page past them is empty; the count
/// stands): ranking keeps the best `offset + limit` in memory, and a page number in an
/// address must not decide how much.
const DEEPEST: usize = 10_000;

/// The ids of the articles found in `window`, best first, and how many are found.
pub fn run(
    searcher: &Searcher,
    fields: &Fields,
    terms: &Terms,
    filter: Filter,
    window: Window,
) -> tantivy::Result<(Vec<i64>, u64)> {
    let query = matching(fields, terms, filter);
    if window.offset.saturating_add(window.limit) > DEEPEST {
        return Ok((Vec::new(), searcher.search(&query, &Count)? as u64));
    }
    let title: Arc<dyn Weight> = Arc::from(
        in_title(fields, terms).weight(EnableScoring::disabled_from_searcher(searcher))?,
    );
    let ranked = TopDocs::with_limit(window.limit.max(1))
        .and_offset(window.offset)
        .tweak_score(move |segment: &SegmentReader| {
            let in_title = title_matches(title.as_ref(), segment);
            let columns = segment.fast_fields();
            let published = columns.i64("published").expect("a fast field");
            let id = columns.i64("id").expect("a fast field");
            let (published, id) = (published.first_or_default_col(0), id.first_or_default_col(0));
            move |doc: DocId, score: Score| Rank {
                in_title: in_title.contains(doc),
                score,
                published: published.get_val(doc),
                id: id.get_val(doc),
            }
        });
    let (found, count) = searcher.search(&query, &(ranked, Count))?;
    let ids = found.into_iter().map(|(rank, _)| rank.id);
    Ok((ids.take(window.limit).collect(), count as u64))
}

/// The ids of every article (drafts and the bin too) with all `terms` in its title.
pub fn titled(searcher: &Searcher, fields: &Fields, terms: &Terms) -> tantivy::Result<Vec<i64>> {
    let title = in_title(fields, terms).weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut ids = Vec::new();
    for segment in searcher.segment_readers() {
        let id = segment.fast_fields().i64("id")?.first_or_default_col(0);
        title.for_each_no_score(segment, &mut |docs| {
            let alive = docs.iter().filter(|doc| !segment.is_deleted(**doc));
            ids.extend(alive.map(|doc| id.get_val(*doc)));
        })?;
    }
    Ok(ids)
}
