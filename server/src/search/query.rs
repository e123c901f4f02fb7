//! A reader's query as the index's: every term required (a phrase's words in a row), and
//! ranked as the portal ranks: every article with all the terms in its title first, then
//! relevance (BM25 over the article's text, the title counted twice), then newer first.
//!
//! A query of words only (the common case) ranks each group by tantivy's pruning
//! (Block-WAND: only the matches that may still reach the page are scored) and counts
//! every match without scoring, so a common word's tens of thousands of matches cost a
//! count, not a sort. A phrase, a category or days rank every match, in one pass that
//! counts them too. A scheduled article is passed over wherever it is met.

use std::{cmp::Ordering, cmp::Reverse, collections::BinaryHeap, ops::Bound};

use tantivy::{
    BitSet, DocId, Score, Searcher, SegmentReader, Term,
    query::{
        BooleanQuery, ConstScoreQuery, EnableScoring, Occur, PhraseQuery, Query, RangeQuery,
        TermQuery, Weight,
    },
    schema::{Field, IndexRecordOption},
};

use super::index::{Fields, pairs};
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

/// Results beyond this many are not ranked (a page past them is empty; the count
/// stands): ranking keeps the best `offset + limit` in memory, and a page number in an
/// address must not decide how much.
const DEEPEST: usize = 10_000;

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

/// Every term, in `field`.
fn all_in(field: Field, terms: &Terms) -> Vec<(Occur, Box<dyn Query>)> {
    terms
        .iter()
        .map(|term| (Occur::Must, term_in(field, term)))
        .collect()
}

/// Every term in the text; a phrase there also by its pairs of words (a filter the rare
/// pairs drive, so only their articles have the words' positions read).
fn all_in_text(fields: &Fields, terms: &Terms) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses = all_in(fields.text, terms);
    for phrase in terms.phrases() {
        for pair in pairs(&phrase) {
            let pair = Term::from_field_text(fields.pairs, &pair);
            clauses.push(only(TermQuery::new(pair, IndexRecordOption::Basic)));
        }
    }
    clauses
}

/// A clause that only narrows what is found: it adds nothing to a match's score.
fn only(query: impl Query) -> (Occur, Box<dyn Query>) {
    (
        Occur::Must,
        Box::new(ConstScoreQuery::new(Box::new(query), 0.0)),
    )
}

/// Whether an article the index holds is published later than `now` (a scheduled one).
fn any_later(searcher: &Searcher, now: i64) -> tantivy::Result<bool> {
    for segment in searcher.segment_readers() {
        let visible_from = segment.fast_fields().i64("visible_from")?;
        if visible_from.max_value() > now {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The articles published after `now` (scheduled).
fn later(fields: &Fields, now: i64) -> RangeQuery {
    let visible = |at| Term::from_field_i64(fields.visible_from, at);
    RangeQuery::new(Bound::Excluded(visible(now)), Bound::Unbounded)
}

/// The clauses that narrow a search to `filter`'s category and days: none when it names
/// neither (the common case, which leaves the query one of terms only, the kind tantivy
/// prunes best). Drafts and the bin have no text, so no query finds them; a scheduled
/// article is left out as it is met (see `rank_into`), or counted out.
fn narrowing(fields: &Fields, filter: Filter) -> Vec<(Occur, Box<dyn Query>)> {
    let mut clauses = Vec::new();
    if filter.from.is_some() || filter.until.is_some() {
        let visible = |at| Term::from_field_i64(fields.visible_from, at);
        let from = filter
            .from
            .map_or(Bound::Unbounded, |at| Bound::Included(visible(at)));
        let until = match filter.until {
            Some(until) if until <= filter.now => Bound::Excluded(visible(until)),
            _ => Bound::Included(visible(filter.now)),
        };
        clauses.push(only(RangeQuery::new(from, until)));
    }
    if let Some(category) = filter.category_id {
        let term = Term::from_field_i64(fields.category, category);
        clauses.push(only(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    clauses
}

/// A match's place in its group, greater first: relevance, then newer, then the larger id
/// (so every server ranks ties alike).
#[derive(Debug, Clone, Copy)]
struct Rank {
    score: Score,
    published: i64,
    id: i64,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.published.cmp(&other.published))
            .then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Rank {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rank {}

/// The best `k` matches seen so far.
struct Best {
    k: usize,
    heap: BinaryHeap<Reverse<Rank>>,
}

impl Best {
    fn new(k: usize) -> Self {
        Self {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn offer(&mut self, rank: Rank) {
        self.heap.push(Reverse(rank));
        if self.heap.len() > self.k {
            self.heap.pop();
        }
    }

    /// The score a match must pass to be offered: just under the k-th best's, so that a
    /// match of equal score and newer still comes in; none passes when none is wanted.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            _ if self.k == 0 => Score::MAX,
            Some(Reverse(kth)) if self.heap.len() == self.k => kth.score.next_down(),
            _ => Score::MIN,
        }
    }

    fn into_ranked(self) -> Vec<Rank> {
        let mut ranked: Vec<Rank> = self.heap.into_iter().map(|Reverse(rank)| rank).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        ranked
    }
}

/// The best matches so far of each group: the title matches, and the rest.
struct Groups {
    title: Best,
    rest: Best,
}

impl Groups {
    fn threshold(&self) -> Score {
        self.title.threshold().min(self.rest.threshold())
    }
}

/// Ranks the matches of `weight` published by `now` into `groups` by whether they are
/// title matches (`in_title`, a set a segment). Pruned (`prune`), only the matches that
/// may still place are scored, and what it returns counts only those; else every match
/// is, and it returns how many match, and how many of them in their title.
fn rank_into(
    searcher: &Searcher,
    weight: &dyn Weight,
    in_title: &[BitSet],
    groups: &mut Groups,
    prune: bool,
    now: i64,
) -> tantivy::Result<(u64, usize)> {
    let (mut total, mut titled) = (0, 0);
    let threshold = |groups: &Groups| {
        if prune {
            groups.threshold()
        } else {
            Score::MIN
        }
    };
    for (segment, in_title) in searcher.segment_readers().iter().zip(in_title) {
        let columns = segment.fast_fields();
        let published = columns.i64("visible_from")?.first_or_default_col(0);
        let id = columns.i64("id")?.first_or_default_col(0);
        weight.for_each_pruning(threshold(groups), segment, &mut |doc, score| {
            let published = published.get_val(doc);
            if !segment.is_deleted(doc) && published <= now {
                total += 1;
                let rank = Rank {
                    score,
                    published,
                    id: id.get_val(doc),
                };
                if in_title.contains(doc) {
                    titled += 1;
                    groups.title.offer(rank);
                } else {
                    groups.rest.offer(rank);
                }
            }
            threshold(groups)
        })?;
    }
    Ok((total, titled))
}

/// The live documents of `segment` published by `now` that `weight` matches.
fn matched(weight: &dyn Weight, segment: &SegmentReader, now: i64) -> tantivy::Result<BitSet> {
    let published = segment
        .fast_fields()
        .i64("visible_from")?
        .first_or_default_col(0);
    let mut found = BitSet::with_max_value(segment.max_doc());
    weight.for_each_no_score(segment, &mut |docs| {
        let visible = |doc: &&DocId| !segment.is_deleted(**doc) && published.get_val(**doc) <= now;
        for doc in docs.iter().filter(visible) {
            found.insert(*doc);
        }
    })?;
    Ok(found)
}

/// How many live documents `weight` matches.
fn count(searcher: &Searcher, weight: &dyn Weight) -> tantivy::Result<u64> {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| weight.count(segment).map(u64::from))
        .sum()
}

/// How many live documents the query of `clauses` matches, those `left_out` matches not
/// counted.
fn count_published(
    searcher: &Searcher,
    clauses: impl Fn() -> Vec<(Occur, Box<dyn Query>)>,
    left_out: Option<RangeQuery>,
) -> tantivy::Result<u64> {
    let unscored = EnableScoring::disabled_from_searcher(searcher);
    let count_of = |clauses| {
        count(
            searcher,
            BooleanQuery::new(clauses).weight(unscored)?.as_ref(),
        )
    };
    let all = count_of(clauses())?;
    let Some(left_out) = left_out else {
        return Ok(all);
    };
    let mut later = clauses();
    later.push(only(left_out));
    Ok(all - count_of(later)?)
}

/// The ids of the articles found in `window`, best first, and how many are found.
pub fn run(
    searcher: &Searcher,
    fields: &Fields,
    terms: &Terms,
    filter: Filter,
    window: Window,
) -> tantivy::Result<(Vec<i64>, u64)> {
    let narrowing = narrowing(fields, filter);
    let found_clauses = || {
        let mut found = all_in_text(fields, terms);
        found.extend(narrowing.iter().map(|(o, q)| (*o, q.box_clone())));
        found
    };
    let scheduled = any_later(searcher, filter.now)?.then(|| later(fields, filter.now));
    let wanted = window.offset.saturating_add(window.limit);
    if wanted > DEEPEST {
        return Ok((
            Vec::new(),
            count_published(searcher, found_clauses, scheduled)?,
        ));
    }
    let title = BooleanQuery::new(all_in(fields.title, terms));
    let title = title.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let in_title = searcher
        .segment_readers()
        .iter()
        .map(|segment| matched(title.as_ref(), segment, filter.now))
        .collect::<tantivy::Result<Vec<_>>>()?;
    // Pruning needs a query of terms only: no phrase, nothing narrowing it.
    let prunable = narrowing.is_empty() && terms.phrases().next().is_none();
    let (total, titled, groups) = if prunable {
        // Only published articles have a `title`, and each has its title in its text.
        let titled = in_title.iter().map(BitSet::len).sum();
        let groups = ranked_pruned(
            searcher, fields, terms, &in_title, titled, filter.now, window,
        )?;
        let total = count_published(searcher, found_clauses, scheduled)?;
        (total, titled, groups)
    } else {
        let mut groups = Groups {
            title: Best::new(wanted),
            rest: Best::new(wanted),
        };
        let found = BooleanQuery::new(found_clauses());
        let found = found.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let (total, titled) = rank_into(
            searcher,
            found.as_ref(),
            &in_title,
            &mut groups,
            false,
            filter.now,
        )?;
        (total, titled, groups)
    };
    let (title, rest) = (groups.title.into_ranked(), groups.rest.into_ranked());
    let at = |place: usize| match place.checked_sub(titled) {
        None => title.get(place),
        Some(after_titles) => rest.get(after_titles),
    };
    let ids = (window.offset..wanted).filter_map(at).map(|rank| rank.id);
    Ok((ids.collect(), total))
}

/// The groups of a query of terms only, each ranked by a pruned pass of its own: the
/// title matches (`titled` of them, few beside the rest) with the title as a filter, which
/// the rarest list drives; then the rest, leaving the title matches out.
fn ranked_pruned(
    searcher: &Searcher,
    fields: &Fields,
    terms: &Terms,
    in_title: &[BitSet],
    titled: usize,
    now: i64,
    window: Window,
) -> tantivy::Result<Groups> {
    let wanted = window.offset + window.limit;
    let scored = EnableScoring::enabled_from_searcher(searcher);
    let mut title_group = Groups {
        title: Best::new(if window.offset < titled {
            wanted.min(titled)
        } else {
            0
        }),
        rest: Best::new(0),
    };
    if title_group.title.k > 0 {
        let mut title_matches = all_in(fields.text, terms);
        let in_title_only = BooleanQuery::new(all_in(fields.title, terms));
        title_matches.push(only(in_title_only));
        let title_matches = BooleanQuery::new(title_matches).weight(scored)?;
        rank_into(
            searcher,
            title_matches.as_ref(),
            in_title,
            &mut title_group,
            true,
            now,
        )?;
    }
    let mut rest_group = Groups {
        title: Best::new(0),
        rest: Best::new(wanted.saturating_sub(titled)),
    };
    if rest_group.rest.k > 0 {
        let found = BooleanQuery::new(all_in(fields.text, terms)).weight(scored)?;
        rank_into(
            searcher,
            found.as_ref(),
            in_title,
            &mut rest_group,
            true,
            now,
        )?;
    }
    Ok(Groups {
        title: title_group.title,
        rest: rest_group.rest,
    })
}

/// The ids of every article (drafts and the bin too) with all `terms` in its title.
pub fn titled(searcher: &Searcher, fields: &Fields, terms: &Terms) -> tantivy::Result<Vec<i64>> {
    let either = [fields.title, fields.unpublished_title].map(|field| {
        let all = BooleanQuery::new(all_in(field, terms));
        (Occur::Should, Box::new(all) as Box<dyn Query>)
    });
    let title = BooleanQuery::new(either.into());
    let title = title.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut ids = Vec::new();
    for segment in searcher.segment_readers() {
        let id = segment.fast_fields().i64("id")?.first_or_default_col(0);
        title.for_each_no_score(segment, &mut |docs| {
            let live = docs.iter().filter(|doc| !segment.is_deleted(**doc));
            ids.extend(live.map(|doc| id.get_val(*doc)));
        })?;
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(score: Score, published: i64, id: i64) -> Rank {
        Rank {
            score,
            published,
            id,
        }
    }

    #[test]
    fn the_best_are_kept_by_relevance_then_newer_then_larger_id() {
        let mut best = Best::new(3);
        for offered in [
            rank(1.0, 5, 1),
            rank(3.0, 1, 2),
            rank(2.0, 1, 3),
            rank(2.0, 9, 4),
            rank(2.0, 9, 5),
            rank(0.5, 99, 6),
        ] {
            best.offer(offered);
        }
        let ids: Vec<i64> = best.into_ranked().iter().map(|r| r.id).collect();
        assert_eq!(ids, [2, 5, 4]);
    }

    #[test]
    fn a_full_heap_lets_a_tie_with_its_last_through() {
        let mut best = Best::new(2);
        assert_eq!(best.threshold(), Score::MIN, "not full: everything");
        best.offer(rank(2.0, 1, 1));
        best.offer(rank(1.5, 1, 2));
        assert!(best.threshold() < 1.5 && best.threshold() > 1.49);
    }
}
