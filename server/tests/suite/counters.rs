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
