//! RSS feeds, the sitemap and robots.txt: checked with real parsers, not by strings.

use crate::common::TestServer;
use portal_server::Settings;
use rss::{Channel, validation::Validate};

/// The document at `path`; shared caches may keep it only when the portal's address is
/// configured (`--public-url`), not taken from the request.
async fn text(server: &TestServer, path: &str, content_type: &str) -> String {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], content_type, "{path}");
    let caching = response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_owned();
    let configured = server.base_is_public();
    let expected = if configured {
        "public, max-age=300"
    } else {
        "private, no-cache"
    };
    assert_eq!(caching, expected, "{path}");
    response.text().await.unwrap()
}

async fn feed(server: &TestServer, path: &str) -> Channel {
    let xml = text(server, path, "application/rss+xml; charset=utf-8").await;
    let channel = Channel::read_from(xml.as_bytes()).unwrap();
    channel.validate().unwrap();
    channel
}

async fn public_server() -> TestServer {
    TestServer::with_settings(Settings {
        public_url: Some("https://khuyencong.example.gov.vn".into()),
        ..Settings::default()
    })
    .await
}

#[tokio::test]
async fn the_feed_has_the_newest_articles_with_vietnam_dates() {
    let server = public_server().await;
    let channel = feed(&server, "/rss").await;
    assert_eq!(channel.title(), "Trung tâm Khuyến công");
    assert_eq!(channel.link(), "https://khuyencong.example.gov.vn/");
    assert_eq!(channel.language(), Some("vi"));
    let items = channel.items();
    assert_eq!(items.len(), 14, "all 14 demo articles (at most 20)");
    let seed = items
        .iter()
        .find(|i| {
            i.title()
                .is_some_and(|t| t.starts_with("Bộ Công Thương ban hành Chỉ thị"))
        })
        .unwrap();
    assert_eq!(seed.pub_date(), Some("Mon, 29 Mar 2021 03:33:00 +0700"));
    let link = seed.link().unwrap();
    assert!(
        link.starts_with("https://khuyencong.example.gov.vn/bai-viet/"),
        "{link}"
    );
    assert_eq!(
        seed.guid().map(|g| (g.value(), g.is_permalink())),
        Some((link, true))
    );
    assert!(seed.description().is_some_and(|d| !d.is_empty()));
    let dates: Vec<_> = items
        .iter()
        .map(|i| {
            time::OffsetDateTime::parse(
                i.pub_date().unwrap(),
                &time::format_description::well_known::Rfc2822,
            )
            .unwrap()
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[tokio::test]
async fn each_category_has_its_feed() {
    let server = public_server().await;
    let channel = feed(&server, "/rss/chinh-sach").await;
    assert_eq!(
        channel.title(),
        "Trung tâm Khuyến công — Văn bản, chính sách"
    );
    assert!(!channel.items().is_empty());
    assert!(
        channel
            .items()
            .iter()
            .all(|i| i.categories()[0].name() == "Văn bản, chính sách")
    );
    let missing = server.get("/rss/khong-co").await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_sitemap_lists_every_article_category_centre_page_and_the_polls() {
    let server = public_server().await;
    let xml = text(&server, "/sitemap.xml", "application/xml; charset=utf-8").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(
        urlset.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = urlset
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let base = "https://khuyencong.example.gov.vn";
    assert!(locs.contains(&format!("{base}/").as_str()));
    assert!(locs.contains(&format!("{base}/binh-chon").as_str()));
    assert!(locs.contains(&format!("{base}/chuyen-muc/chinh-sach").as_str()));
    assert!(locs.contains(&format!("{base}/trang/gioi-thieu").as_str()));
    assert!(locs.contains(&format!("{base}/co-cau-to-chuc").as_str()));
    assert!(locs.contains(&format!("{base}/lien-he").as_str()));
    assert_eq!(locs.iter().filter(|l| l.contains("/bai-viet/")).count(), 14);
    let lastmods: Vec<&str> = urlset
        .descendants()
        .filter(|n| n.has_tag_name("lastmod"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(lastmods.len(), locs.len());
    assert!(
        lastmods
            .iter()
            .all(|d| d.len() == 10 && d.as_bytes()[4] == b'-'),
        "{lastmods:?}"
    );
    assert_eq!(
        server.get("/sitemap/2").await.status(),
        404,
        "one part only"
    );
}

#[tokio::test]
async fn robots_names_the_sitemap_and_keeps_crawlers_out_of_the_api() {
    let server = TestServer::start().await;
    let robots = text(&server, "/robots.txt", "text/plain; charset=utf-8").await;
    assert!(robots.contains("Disallow: /api/"), "{robots}");
    assert!(robots.contains("Disallow: /quan-tri"), "{robots}");
    // Every citizens' page may be crawled; an embed page names its full page as canonical.
    assert!(
        !robots.contains("/dang-nhap") && !robots.contains("/nhung/"),
        "{robots}"
    );
    let host = server.base.trim_start_matches("http://");
    assert!(
        robots.contains(&format!("Sitemap: http://{host}/sitemap.xml")),
        "{robots}"
    );
}

#[tokio::test]
async fn a_forged_host_shapes_no_public_document() {
    let forged = |server: &TestServer, path: &'static str| {
        server
            .client
            .get(server.url(path))
            .header("host", "evil.example")
            .send()
    };
    let public = public_server().await;
    for path in ["/rss", "/sitemap.xml", "/robots.txt"] {
        let answer = forged(&public, path).await.unwrap();
        assert_eq!(answer.headers()["cache-control"], "public, max-age=300");
        let body = answer.text().await.unwrap();
        assert!(!body.contains("evil.example"), "{path}: {body}");
    }
    let unconfigured = TestServer::start().await;
    for path in ["/rss", "/sitemap.xml", "/robots.txt"] {
        let answer = forged(&unconfigured, path).await.unwrap();
        assert_eq!(
            answer.headers()["cache-control"],
            "private, no-cache",
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_feed_and_the_sitemap_follow_every_change_of_what_they_list() {
    let server = public_server().await;
    let before = feed(&server, "/rss").await.items().len();
    let sitemap = text(&server, "/sitemap.xml", "application/xml; charset=utf-8").await;
    let newest = server
        .article_id("chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong")
        .await;
    let address = format!("/bai-viet/{newest}</loc>");
    assert!(sitemap.contains(&address));
    // Binned (no save, no new version): gone from both at once.
    crate::common::execute(
        &server.pool,
        &format!("UPDATE articles SET deleted_at = 1 WHERE id = {newest}"),
    )
    .await;
    assert_eq!(feed(&server, "/rss").await.items().len(), before - 1);
    let sitemap = text(&server, "/sitemap.xml", "application/xml; charset=utf-8").await;
    assert!(!sitemap.contains(&address));
}

#[tokio::test]
async fn the_documents_have_the_api_s_shield() {
    let server = TestServer::start().await;
    // A refusal the framework makes comes out as a problem, as on the API.
    for path in ["/sitemap/mot", "/rss/khong-co"] {
        let refused = server.get(path).await;
        assert!(refused.status().is_client_error(), "{path}");
        assert_eq!(
            refused.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    let posted = server.client.post(server.url("/rss")).send().await.unwrap();
    assert_eq!(posted.status(), 405);
    assert_eq!(posted.headers()["content-type"], "application/problem+json");
}
