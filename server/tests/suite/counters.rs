//! Views and link visits: counted only for readers the server issued before, never at the
//! cost of the read, and their per-reader rows pruned once they decide nothing.

use crate::common::TestServer;
use portal_contract::{Article, Sidebar, SidebarBlock};

const READER: &str = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
const ARTICLE: &str = "ho-tro-may-moc-che-bien-che";

/// Runs the sweep; what it deleted.
async fn sweep(server: &TestServer) -> portal_server::maintenance::Swept {
    portal_server::maintenance::sweep(&server.pool)
        .await
        .unwrap()
}

/// Ages every row of `table` by `seconds` (in its time column `column`).
async fn age(server: &TestServer, table: &str, column: &str, seconds: i64) {
    crate::common::execute(
        &server.pool,
        &format!("UPDATE {table} SET {column} = {column} - {seconds}"),
    )
    .await;
}

async fn views(server: &TestServer, id: i64) -> u64 {
    let article: Article = server
        .get_as(READER, &format!("/api/articles/{id}"))
        .await
        .json()
        .await
        .unwrap();
    article.views
}

async fn first_weblink(server: &TestServer) -> (i64, u64) {
    let sidebar: Sidebar = server.get("/api/sidebar").await.json().await.unwrap();
    sidebar
        .blocks
        .iter()
        .find_map(|block| match block {
            SidebarBlock::Weblinks { groups, .. } => groups
                .first()
                .and_then(|g| g.links.first())
                .map(|l| (l.id, l.visits)),
            _ => None,
        })
        .unwrap()
}

#[tokio::test]
async fn a_cookieless_visit_redirects_but_is_not_counted() {
    let server = TestServer::start().await;
    let (id, before) = first_weblink(&server).await;
    let response = server.get(&format!("/api/weblinks/{id}/visit")).await;
    assert_eq!(response.status(), 302);
    assert_eq!(first_weblink(&server).await.1, before);
    server
        .get_as(READER, &format!("/api/weblinks/{id}/visit"))
        .await;
    assert_eq!(first_weblink(&server).await.1, before + 1);
}

#[tokio::test]
async fn a_failed_count_never_fails_the_read() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let (link, _) = first_weblink(&server).await;
    for table in ["article_views", "weblink_visitors"] {
        crate::common::execute(&server.pool, &format!("DROP TABLE {table}")).await;
    }
    let read = server.get_as(READER, &format!("/api/articles/{id}")).await;
    assert_eq!(read.status(), 200);
    let visit = server
        .get_as(READER, &format!("/api/weblinks/{link}/visit"))
        .await;
    assert_eq!(visit.status(), 302);
}

#[tokio::test]
async fn a_reader_counts_again_a_day_later_and_old_rows_are_pruned() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    assert_eq!(views(&server, id).await, 1);
    assert_eq!(views(&server, id).await, 1, "once within the day");
    age(&server, "article_views", "seen_at", 24 * 3600).await;
    assert_eq!(
        sweep(&server).await.views,
        1,
        "the day-old row decides nothing"
    );
    assert_eq!(views(&server, id).await, 2, "a new day, a new view");
    assert_eq!(sweep(&server).await.views, 0, "today's row stays");
}

#[tokio::test]
async fn expired_sessions_and_old_visits_are_swept() {
    let server = TestServer::start().await;
    crate::common::execute(
        &server.pool,
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ends_at)
         SELECT 'stale', id, 0, 1, 2 FROM users LIMIT 1",
    )
    .await;
    let (link, _) = first_weblink(&server).await;
    server
        .get_as(READER, &format!("/api/weblinks/{link}/visit"))
        .await;
    age(&server, "weblink_visitors", "last_counted_at", 3600).await;
    let swept = sweep(&server).await;
    assert_eq!((swept.sessions, swept.visits), (1, 1));
}

/// A client minting readers: each asks for a cookie, then reads and visits with it.
async fn flood(server: &TestServer, readers: u32, forwarded_for: impl Fn(u32) -> String) {
    let id = server.article_id(ARTICLE).await;
    let (link, _) = first_weblink(server).await;
    for n in 0..readers {
        let minted = server
            .client
            .get(server.url("/"))
            .header("x-forwarded-for", forwarded_for(n))
            .send()
            .await
            .unwrap();
        let reader = crate::common::issued_visitor(&minted).unwrap();
        for path in [
            format!("/api/articles/{id}"),
            "/api/sidebar".to_owned(),
            format!("/api/weblinks/{link}/visit"),
        ] {
            let answer = server
                .client
                .get(server.url(&path))
                .header("cookie", server.visitor_cookie(&reader))
                .header("x-forwarded-for", forwarded_for(n))
                .send()
                .await
                .unwrap();
            assert!(answer.status().is_success() || answer.status() == 302);
        }
    }
}

/// Views, today's visitors and link visits (all start at 0 on a new database), and the
/// per-reader rows behind them.
async fn counted(server: &TestServer) -> [i64; 6] {
    let count = |sql: &'static str| crate::common::integers(&server.pool, sql);
    [
        count("SELECT CAST(SUM(views) AS BIGINT) FROM articles").await[0],
        count("SELECT CAST(COALESCE(SUM(visitors), 0) AS BIGINT) FROM visitors_by_day").await[0],
        count("SELECT CAST(SUM(visits) AS BIGINT) FROM weblinks").await[0],
        count("SELECT COUNT(*) FROM article_views").await[0],
        count("SELECT COUNT(*) FROM visitors_of_day").await[0],
        count("SELECT COUNT(*) FROM weblink_visitors").await[0],
    ]
}

fn capped(per_network: u32, per_wide_network: u32) -> portal_server::Settings {
    portal_server::Settings {
        new_readers: portal_server::store::readers::NewReaderCaps {
            per_network,
            per_wide_network,
        },
        trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        ..Default::default()
    }
}

#[tokio::test]
async fn a_network_minting_readers_moves_the_counts_and_grows_the_rows_only_up_to_its_cap() {
    let server = TestServer::with_settings(capped(5, 1000)).await;
    let base = counted(&server).await;
    flood(&server, 40, |_| "198.51.100.7".to_owned()).await;
    let after = counted(&server).await;
    let grown: Vec<i64> = after.iter().zip(base).map(|(a, b)| a - b).collect();
    assert_eq!(grown, [5; 6], "views, visitors, visits and their rows");
    // Readers it brought before still count, and other networks are not held back.
    flood(&server, 3, |_| "203.0.113.9".to_owned()).await;
    assert_eq!(counted(&server).await[0], after[0] + 3);
}

#[tokio::test]
async fn the_64s_of_one_ipv6_48_share_a_wider_cap() {
    let server = TestServer::with_settings(capped(5, 8)).await;
    let base = counted(&server).await;
    flood(&server, 20, |n| format!("2001:db8:7:{n:x}::1")).await;
    assert_eq!(counted(&server).await[0] - base[0], 8);
    flood(&server, 2, |n| format!("2001:db8:8:{n:x}::1")).await;
    assert_eq!(counted(&server).await[0] - base[0], 10, "another /48");
}
