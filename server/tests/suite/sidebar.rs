//! `GET /api/sidebar` with its ETag, and weblink visits with their redirect.

use crate::common::{TestServer, problem};
use portal_contract::{Sidebar, SidebarBlock};

fn visitor(n: u32) -> String {
    format!("00000000-0000-4000-a000-{n:012x}")
}

async fn sidebar(server: &TestServer) -> Sidebar {
    let response = server.get("/api/sidebar").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn weblink_ids(sidebar: &Sidebar) -> Vec<(i64, String, u64)> {
    sidebar
        .blocks
        .iter()
        .find_map(|block| match block {
            SidebarBlock::Weblinks { groups, .. } => Some(
                groups
                    .iter()
                    .flat_map(|g| g.links.iter().map(|l| (l.id, l.url.clone(), l.visits)))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap()
}

#[tokio::test]
async fn every_visible_block_comes_in_order_with_its_data() {
    let server = TestServer::start().await;
    let sidebar = sidebar(&server).await;
    let kinds: Vec<&str> = sidebar
        .blocks
        .iter()
        .map(|b| match b {
            SidebarBlock::PublicServices { .. } => "public_services",
            SidebarBlock::Poll { .. } => "poll",
            SidebarBlock::Showcase { .. } => "showcase",
            SidebarBlock::Weblinks { .. } => "weblinks",
            SidebarBlock::Visitors { .. } => "visitors",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "public_services",
            "poll",
            "showcase",
            "weblinks",
            "visitors"
        ]
    );
    for block in &sidebar.blocks {
        match block {
            SidebarBlock::PublicServices {
                title,
                results,
                portal_url,
            } => {
                assert_eq!(title, "KQ DỊCH VỤ CÔNG TRỰC TUYẾN");
                assert_eq!(
                    portal_url.as_deref(),
                    Some("https://dichvucong.example.gov.vn/"),
                    "the site's public-services portal"
                );
                let results = results.unwrap();
                assert_eq!((results.year, results.received), (2026, 1284));
                assert_eq!(results.on_time_rate_hundredths(), 9925);
            }
            SidebarBlock::Poll { title } => assert_eq!(title, "Bình chọn SẢN PHẨM CNNTTB"),
            SidebarBlock::Showcase { title, items } => {
                assert_eq!(title, "Tiềm năng, thế mạnh và các sản phẩm thương mại");
                assert_eq!(items.len(), 4);
                assert!(items.iter().all(|i| {
                    i.link
                        .as_deref()
                        .is_some_and(|l| l.starts_with("/bai-viet/"))
                }));
            }
            SidebarBlock::Weblinks { title, groups } => {
                assert_eq!(title, "Liên kết Website");
                let names: Vec<_> = groups.iter().map(|g| g.title.as_str()).collect();
                assert_eq!(
                    names,
                    ["Cơ quan Trung ương", "Cơ quan địa phương", "Đối tác"]
                );
                assert_eq!(groups.iter().map(|g| g.links.len()).sum::<usize>(), 9);
            }
            SidebarBlock::Visitors { title, counts } => {
                assert_eq!(title, "Thống kê truy cập");
                assert_eq!(counts.total, 0, "a request without an issued reader");
            }
        }
    }
}

#[tokio::test]
async fn an_editor_can_reorder_and_hide_blocks() {
    let server = TestServer::start().await;
    let edit = concat!(
        r#"{"kind":"sidebar_block","block":"weblinks","title":"Liên kết","position":0}"#,
        "\n",
        r#"{"kind":"sidebar_block","block":"showcase","title":"Sản phẩm","position":9,"visible":false}"#,
    );
    portal_server::content::import(&server.pool, edit)
        .await
        .unwrap();
    let sidebar = sidebar(&server).await;
    assert_eq!(sidebar.blocks.len(), 4);
    assert!(
        matches!(&sidebar.blocks[0], SidebarBlock::Weblinks { title, .. } if title == "Liên kết")
    );
    assert!(
        !sidebar
            .blocks
            .iter()
            .any(|b| matches!(b, SidebarBlock::Showcase { .. }))
    );
}

async fn sidebar_if_none_match(server: &TestServer, etag: &str) -> reqwest::Response {
    server
        .client
        .get(server.url("/api/sidebar"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_repeat_view_costs_a_304() {
    let server = TestServer::start().await;
    let first = server.get("/api/sidebar").await;
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = sidebar_if_none_match(&server, &etag).await;
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], etag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());

    // A counted visit changes the figures, so the old ETag no longer matches.
    let (id, _, _) = weblink_ids(&sidebar(&server).await)[0].clone();
    server
        .get_as(&visitor(1), &format!("/api/weblinks/{id}/visit"))
        .await;
    let changed = sidebar_if_none_match(&server, &etag).await;
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"], etag.as_str());
}

#[tokio::test]
async fn a_visit_redirects_to_the_stored_address_and_counts_once_an_hour() {
    let server = TestServer::start().await;
    let (id, url, visits) = weblink_ids(&sidebar(&server).await)[0].clone();
    assert_eq!(visits, 0);
    for _ in 0..3 {
        let response = server
            .get_as(&visitor(1), &format!("/api/weblinks/{id}/visit"))
            .await;
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], url.as_str());
        assert_eq!(response.headers()["cache-control"], "no-store");
    }
    server
        .get_as(&visitor(2), &format!("/api/weblinks/{id}/visit"))
        .await;
    assert_eq!(weblink_ids(&sidebar(&server).await)[0].2, 2);

    // An hour later the same visitor counts again.
    crate::common::execute(
        &server.pool,
        "UPDATE weblink_visitors SET last_counted_at = last_counted_at - 3600",
    )
    .await;
    server
        .get_as(&visitor(1), &format!("/api/weblinks/{id}/visit"))
        .await;
    assert_eq!(weblink_ids(&sidebar(&server).await)[0].2, 3);
}

#[tokio::test]
async fn no_open_redirect_and_unknown_links_are_404() {
    let server = TestServer::start().await;
    let (id, url, _) = weblink_ids(&sidebar(&server).await)[0].clone();
    let tricked = server
        .get(&format!(
            "/api/weblinks/{id}/visit?url=https://evil.example/&next=https://evil.example/"
        ))
        .await;
    assert_eq!(tricked.headers()["location"], url.as_str());
    let body = problem(server.get("/api/weblinks/999999/visit").await, 404).await;
    assert_eq!(body["title"], "Không tìm thấy liên kết");
    problem(
        server
            .get("/api/weblinks/https:%2F%2Fevil.example/visit")
            .await,
        400,
    )
    .await;
}

#[tokio::test]
async fn weblinks_must_point_to_web_addresses() {
    let server = TestServer::start().await;
    let bad =
        r#"{"kind":"weblink","slug":"x","group":"G","title":"X","url":"javascript:alert(1)"}"#;
    let error = portal_server::content::import(&server.pool, bad)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("line 1: `url`"), "{error}");
}

#[tokio::test]
async fn link_addresses_are_visible_ascii_and_a_bad_stored_one_never_panics() {
    let server = TestServer::start().await;
    let control =
        r#"{"kind":"weblink","slug":"x","group":"G","title":"X","url":"https://x/#\u0001"}"#;
    let error = portal_server::content::import(&server.pool, control)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("line 1: `url`"), "{error}");
    // A row written before this rule: the visit is a 404 problem, not a dropped answer.
    let (id, _, _) = weblink_ids(&sidebar(&server).await)[0].clone();
    crate::common::execute(
        &server.pool,
        &format!("UPDATE weblinks SET url = 'https://x/#\u{1}' WHERE id = {id}"),
    )
    .await;
    problem(server.get(&format!("/api/weblinks/{id}/visit")).await, 404).await;
}

async fn counts_as(server: &TestServer, reader: &str) -> portal_contract::VisitorCounts {
    let sidebar: Sidebar = server
        .get_as(reader, "/api/sidebar")
        .await
        .json()
        .await
        .unwrap();
    sidebar
        .blocks
        .into_iter()
        .find_map(|block| match block {
            SidebarBlock::Visitors { counts, .. } => Some(counts),
            _ => None,
        })
        .unwrap()
}

#[tokio::test]
async fn the_counter_counts_each_reader_once_a_day() {
    let server = TestServer::start().await;
    let first = counts_as(&server, &visitor(1)).await;
    assert_eq!(
        (first.online, first.today, first.this_month, first.total),
        (1, 1, 1, 1),
        "a new reader counts at once"
    );
    let again = counts_as(&server, &visitor(1)).await;
    assert_eq!(again, first, "the same reader, the same day: no change");
    let second = counts_as(&server, &visitor(2)).await;
    assert_eq!((second.online, second.today, second.total), (2, 2, 2));

    // Yesterday's readers: forgotten by the sweep once the day is over, their number kept.
    crate::common::execute(
        &server.pool,
        "UPDATE visitors_of_day SET day = '2000-01-01', last_seen = 0",
    )
    .await;
    crate::common::execute(
        &server.pool,
        "UPDATE visitors_by_day SET day = '2000-01-01'",
    )
    .await;
    let swept = portal_server::maintenance::sweep(&server.pool)
        .await
        .unwrap();
    assert_eq!(swept.visitors, 2);
    let next_day = counts_as(&server, &visitor(1)).await;
    assert_eq!(
        (
            next_day.online,
            next_day.today,
            next_day.this_month,
            next_day.total
        ),
        (1, 1, 1, 3),
        "a new day counts the reader again"
    );
}

#[tokio::test]
async fn racing_first_views_count_a_reader_once() {
    let server = TestServer::start().await;
    let reader = visitor(7);
    let cookie = server.visitor_cookie(&reader);
    let statuses = crate::common::concurrent_statuses((0..20).map(|_| {
        server
            .client
            .get(server.url("/api/sidebar"))
            .header("cookie", cookie.clone())
    }))
    .await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let counts = counts_as(&server, &reader).await;
    assert_eq!((counts.today, counts.total), (1, 1));
}

#[tokio::test]
async fn the_site_record_fills_the_footer_and_is_checked() {
    let server = TestServer::start().await;
    let site: portal_contract::Site = server.get("/api/site").await.json().await.unwrap();
    assert!(site.demo, "the demo content says so");
    assert_eq!(site.email.as_deref(), Some("khuyencong@example.gov.vn"));
    for bad in [
        r#"{"kind":"site","agency":"","governing_body":"Sở"}"#,
        r#"{"kind":"site","agency":"A","governing_body":"Sở","email":"a@b.vn?x=1"}"#,
        r#"{"kind":"site","agency":"A","governing_body":"Sở","public_services_url":"javascript:alert(1)"}"#,
    ] {
        assert!(
            portal_server::content::import(&server.pool, bad)
                .await
                .is_err(),
            "{bad}"
        );
    }
    let edit = r#"{"kind":"site","agency":"Trung tâm Khuyến công tỉnh","governing_body":"Sở Công Thương tỉnh"}"#;
    portal_server::content::import(&server.pool, edit)
        .await
        .unwrap();
    let site: portal_contract::Site = server.get("/api/site").await.json().await.unwrap();
    assert_eq!(site.agency, "Trung tâm Khuyến công tỉnh");
    assert_eq!((site.email, site.demo), (None, false));
}
