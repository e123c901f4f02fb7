//! `/sitemap.xml` (an index of parts beyond 50,000 addresses) and `/robots.txt`.

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use portal_contract::paths;
use time::{OffsetDateTime, format_description::well_known::Iso8601, macros::offset};

use super::{
    documents::{Base, document},
    xml_escape,
};
use crate::{AppState, http::ApiError, store::sitemap as store};

/// The most addresses one sitemap file may list (the protocol's limit).
pub const URLS_PER_FILE: usize = 50_000;

/// How many files `urls` addresses take: 1 (a plain sitemap) or more (an index of them).
pub fn files_for(urls: usize) -> usize {
    urls.div_ceil(URLS_PER_FILE).max(1)
}

fn day(at: OffsetDateTime) -> String {
    let day = at.to_offset(offset!(+7)).date();
    day.format(&Iso8601::DATE).unwrap_or_default()
}

fn urlset(base: &str, entries: &[store::Entry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in entries {
        xml.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(&format!("{base}{}", entry.path)),
            day(entry.lastmod)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn index(base: &str, files: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in 1..=files {
        xml.push_str(&format!(
            "<sitemap><loc>{base}/sitemap/{part}</loc></sitemap>\n"
        ));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

const XML: &str = "application/xml; charset=utf-8";

/// Every published article, category and centre page, the home page and the polls page.
pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let base = Base::of(&state, &headers);
    let build = || async {
        let entries = store::entries(&state.db).await?;
        Ok(match files_for(entries.len()) {
            1 => urlset(&base.url, &entries),
            files => index(&base.url, files),
        })
    };
    let documents = &state.documents;
    documents
        .answer(&state, "/sitemap.xml", &base, XML, build)
        .await
}

/// Part `part` (from 1) of a sitemap too large for one file.
pub async fn sitemap_part(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(part): Path<usize>,
) -> Result<Response, ApiError> {
    let base = Base::of(&state, &headers);
    let build = || async {
        let entries = store::entries(&state.db).await?;
        let start = part.checked_sub(1).map(|p| p * URLS_PER_FILE);
        let chunk = start
            .filter(|start| *start < entries.len())
            .map(|start| &entries[start..(start + URLS_PER_FILE).min(entries.len())])
            .ok_or(ApiError::not_found(
                "Không tìm thấy phần này của sơ đồ trang",
            ))?;
        Ok(urlset(&base.url, chunk))
    };
    let name = format!("/sitemap/{part}");
    let documents = &state.documents;
    documents.answer(&state, &name, &base, XML, build).await
}

/// Every citizens' page may be crawled (an embed page names its full page as canonical,
/// so search engines list that one); the API and the newsroom may not.
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = Base::of(&state, &headers);
    let body = format!(
        "User-agent: *\nDisallow: /api/\nDisallow: {}\n\nSitemap: {}/sitemap.xml\n",
        paths::NEWSROOM,
        base.url
    );
    document("text/plain; charset=utf-8", body, &base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beyond_fifty_thousand_addresses_the_sitemap_is_an_index() {
        assert_eq!(files_for(0), 1);
        assert_eq!(files_for(50_000), 1);
        assert_eq!(files_for(50_001), 2);
        assert_eq!(files_for(120_000), 3);
        let index = index("https://kc.example", 2);
        assert!(
            index.contains("<loc>https://kc.example/sitemap/2</loc>"),
            "{index}"
        );
    }
}
