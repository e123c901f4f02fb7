//! Every budget of the bench, in one place: change a figure here and the table follows.

/// First-load transfer, brotli, in KB (the written article page, JS, wasm, CSS).
pub const FIRST_LOAD_BROTLI_KB: f64 = 120.0;
/// Time to article text: the written page against a static page of the same article.
pub const TEXT_TIME_RATIO: f64 = 1.2;
/// Lighthouse (mobile) on every citizens' page: accessibility, best practices and SEO
/// scores, at least…
pub const LIGHTHOUSE_SCORE: u32 = 100;
/// …performance, at least…
pub const LIGHTHOUSE_PERFORMANCE: u32 = 98;
/// …and the largest paint against the static copy's in the same run, at most.
pub const LIGHTHOUSE_LCP_RATIO: f64 = 1.2;
/// Cumulative layout shift of a load, the SPA's takeover included.
pub const LAYOUT_SHIFT: f64 = 0.05;
/// Full pages (`GET /bai-viet/{id}`): requests per second, at least…
pub const PAGE_READS_PER_S: f64 = 3000.0;
/// …with a p99 of at most this many milliseconds.
pub const PAGE_READ_P99_MS: f64 = 25.0;
/// Reads (`GET /api/articles/{id}`, `GET /api/sidebar`): requests per second, at least…
pub const READS_PER_S: f64 = 5000.0;
/// …with a p99 of at most this many milliseconds.
pub const READ_P99_MS: f64 = 20.0;
/// Votes (rating or ballot POSTs) of distinct readers accepted per second, at least.
pub const VOTES_PER_S: f64 = 1000.0;
/// Search over the generated corpus on SQLite: p99 in milliseconds, at most…
pub const SEARCH_P99_MS: f64 = 50.0;
/// …and searches answered a second, at least.
pub const SEARCHES_PER_S: f64 = 200.0;
/// Search over the corpus on PostgreSQL: p99 in milliseconds, at most.
pub const SEARCH_P99_MS_POSTGRES: f64 = 100.0;
/// Server memory at its peak under load, in MB.
pub const PEAK_RSS_MB: f64 = 64.0;
/// How much the server's memory may grow while it takes a 10 MB upload, in MB: well under
/// the file's size, since it streams to disk.
pub const UPLOAD_GROWTH_MB: f64 = 4.0;

/// The NukeViet move's memory at its end, as a multiple of its peak a quarter of the way:
/// it reads a page of rows at a time, so it should stay flat however large the site.
pub const MOVE_MEMORY_GROWTH: f64 = 1.25;

/// A figure's verdict against its budget, as the table shows it.
pub struct Verdict {
    pub budget: String,
    pub met: bool,
}

pub fn at_most(value: f64, limit: f64, unit: &str) -> Verdict {
    Verdict {
        budget: format!("≤ {limit}{unit}"),
        met: value <= limit,
    }
}
