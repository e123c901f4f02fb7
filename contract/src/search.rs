use serde::{Deserialize, Serialize};

use crate::ArticleSummary;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Results shown on one page of a search.
pub const SEARCH_PER_PAGE: u32 = 10;

/// The length (in characters) a search query may have.
pub const QUERY_CHARS: std::ops::RangeInclusive<usize> = 2..=200;

/// Whether `query` may be searched for: 2 to 200 characters, spaces at the ends aside.
pub fn is_searchable(query: &str) -> bool {
    QUERY_CHARS.contains(&query.trim().chars().count())
}

/// One article found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// HTML: a passage of the article with the matched words in `<mark>`; the rest is
    /// escaped text, safe to insert as is.
    pub snippet_html: String,
}

/// One page of search results, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SearchResults {
    pub query: String,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<SearchHit>,
}

#[cfg(test)]
mod tests {
    use super::is_searchable;

    #[test]
    fn queries_have_two_to_two_hundred_characters() {
        assert!(!is_searchable("a"));
        assert!(!is_searchable("  a  "));
        assert!(is_searchable("đè"));
        assert!(is_searchable(&"ă".repeat(200)));
        assert!(!is_searchable(&"ă".repeat(201)));
    }
}
