//! `GET /api/sidebar` with its ETag, and weblink visits with their redirect.

mod common;

use common::{TestServer, problem};
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
        })
        .collect();
    assert_eq!(kinds, ["public_services", "poll", "showcase", "weblinks"]);
    for block in &sidebar.blocks {
        match block {
            SidebarBlock::PublicServices { title, results } => {
                assert_eq!(title, "KQ DỊCH VỤ CÔNG TRỰC TUYẾN");
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
    assert_eq!(sidebar.blocks.len(), 3);
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
    sqlx::query("UPDATE weblink_visitors SET last_counted_at = last_counted_at - 3600")
        .execute(&server.pool)
        .await
        .unwrap();
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
    assert!(error.to_string().contains("visible ASCII"), "{error}");
    // A row written before this rule: the visit is a 404 problem, not a dropped answer.
    let (id, _, _) = weblink_ids(&sidebar(&server).await)[0].clone();
    sqlx::query("UPDATE weblinks SET url = 'https://x/#' || char(1) WHERE id = ?")
        .bind(id)
        .execute(&server.pool)
        .await
        .unwrap();
    problem(server.get(&format!("/api/weblinks/{id}/visit")).await, 404).await;
}
