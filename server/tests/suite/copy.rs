//! `portal-server copy-to`: an SQLite portal in use copied into a new PostgreSQL
//! database answers as it did (readers, staff, votes, files, search), and a copy that
//! would lose or overwrite anything is refused. These run where the run has a PostgreSQL
//! server, as the test command's second run of this suite does.

use std::process::Output;

use portal_contract::Poll;
use serde_json::{Value, json};

use crate::{
    common::{
        TestDatabase, TestServer, assert_progress_ended, execute, fresh_database, integers,
        location_arg, postgres_server,
    },
    newsroom::{create, draft, png, upload},
};

const FEATURED: &str = "san-pham-cnnttb-cap-tinh";
const READER: &str = "00000000-0000-4000-8000-000000000001";

/// `portal-server copy-to to --database from --uploads-dir uploads`.
fn copy(from: &TestServer, to: &TestDatabase) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .arg("copy-to")
        .arg(location_arg(to))
        .arg("--database")
        .arg(location_arg(&from.location))
        .arg("--uploads-dir")
        .arg(from.dir().join("uploads"))
        .output()
        .unwrap()
}

/// An SQLite portal, and a new PostgreSQL database to copy it into (none on a run
/// without a PostgreSQL server).
async fn sqlite_portal_and_postgres() -> Option<(TestServer, TestDatabase, tempfile::TempDir)> {
    postgres_server()?;
    let dir = tempfile::tempdir().unwrap();
    let source = TestServer::on(TestDatabase::sqlite_in(dir.path())).await;
    let target = fresh_database(dir.path()).await;
    Some((source, target, dir))
}

/// How many rows `table` of `database` has.
async fn rows(database: &TestDatabase, table: &str) -> i64 {
    let pool = portal_server::db::open(database).await.unwrap();
    let count = integers(&pool, &format!("SELECT COUNT(*) FROM {table}")).await[0];
    pool.close().await;
    count
}

/// What a citizen reads at `path` (the body, which the ETag hashes).
async fn reads(server: &TestServer, path: &str) -> Value {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_portal_in_use_answers_the_same_after_its_copy() {
    let Some((source, target, _dir)) = sqlite_portal_and_postgres().await else {
        return;
    };
    let editor = source.editor_session().await;
    let picture = upload(&source, &editor, "hoi-cho.png", png(1200, 600)).await;
    let mut body = draft("Hội chợ hàng công nghiệp nông thôn tiêu biểu");
    body["status"] = json!("published");
    body["picture"] = json!(picture);
    let (article, _) = create(&source, &editor, &body).await;
    let rated = source
        .post_as(READER, &format!("/api/articles/{}/ratings", article.id))
        .json(&json!({ "point": 4 }))
        .send()
        .await
        .unwrap();
    assert_eq!(rated.status(), 201);
    let featured = source.poll_id(FEATURED).await;
    let poll: Poll =
        serde_json::from_value(reads(&source, &format!("/api/polls/{featured}")).await).unwrap();
    let voted = source
        .post_as(READER, &format!("/api/polls/{featured}/votes"))
        .json(&json!({ "option_ids": [poll.options[2].id] }))
        .send()
        .await
        .unwrap();
    assert_eq!(voted.status(), 201);

    let output = copy(&source, &target);
    assert!(output.status.success(), "{output:?}");
    assert_progress_ended(&String::from_utf8_lossy(&output.stderr), "rows and files");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("ballots: 1") && report.contains("ratings: 1"),
        "{report}"
    );
    let copied = TestServer::on(target).await;

    for path in [
        "/api/articles?per_page=50".to_owned(),
        format!("/api/articles/{}", article.id),
        format!("/api/polls/{featured}"),
        "/api/sidebar".to_owned(),
        "/api/site".to_owned(),
        "/api/pages".to_owned(),
        "/api/pages/gioi-thieu".to_owned(),
        "/api/organisation".to_owned(),
        "/api/contacts".to_owned(),
    ] {
        assert_eq!(
            reads(&copied, &path).await,
            reads(&source, &path).await,
            "{path}"
        );
    }
    // Search is indexed anew from the copied articles (each engine ranks in its own way).
    let found = reads(&copied, "/api/search?q=hoi+cho+tieu+bieu").await;
    assert_eq!(found["items"][0]["article"]["id"], article.id);
    // The files: served from the database, byte for byte.
    let shown = reads(&copied, &format!("/api/articles/{}", article.id)).await;
    let html = shown["picture_html"].as_str().unwrap();
    let src = html
        .split("src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let bytes = |server: &TestServer| {
        let url = server.url(src);
        async move { reqwest::get(url).await.unwrap().bytes().await.unwrap() }
    };
    assert_eq!(bytes(&copied).await, bytes(&source).await);
    // The reader's cookie, sealed by the SQLite portal, still names them: a second rating
    // is a repeat.
    let again = copied
        .client
        .post(copied.url(&format!("/api/articles/{}/ratings", article.id)))
        .header("cookie", source.visitor_cookie(READER))
        .json(&json!({ "point": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    // The editor stays signed in, and what is written next gets ids of its own.
    let session = copied
        .as_signed_in("GET", "/api/session", &editor)
        .send()
        .await
        .unwrap();
    assert_eq!(session.status(), 200);
    let (next, _) = create(&copied, &editor, &draft("Bài viết sau khi chuyển")).await;
    assert!(next.id > article.id, "{} after {}", next.id, article.id);
}

#[tokio::test]
async fn a_copy_into_a_database_with_rows_is_refused_and_changes_nothing() {
    let Some((source, target, _dir)) = sqlite_portal_and_postgres().await else {
        return;
    };
    // A server started on it has given it the demo content and an editor.
    let in_use = TestServer::on(target.clone()).await;
    let editor = in_use.editor_session().await;
    create(&in_use, &editor, &draft("Bài viết chỉ có ở PostgreSQL")).await;
    let before = rows(&target, "articles").await;
    let output = copy(&source, &target);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(rows(&target, "articles").await, before);
}

#[tokio::test]
async fn a_table_postgresql_lacks_stops_the_copy_before_it_writes() {
    let Some((source, target, _dir)) = sqlite_portal_and_postgres().await else {
        return;
    };
    execute(&source.pool, "CREATE TABLE notes (text TEXT)").await;
    let output = copy(&source, &target);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("table notes"), "{stderr}");
    assert_eq!(rows(&target, "users").await, 0);
}

#[tokio::test]
async fn a_column_postgresql_lacks_stops_the_copy_before_it_writes() {
    let Some((source, target, _dir)) = sqlite_portal_and_postgres().await else {
        return;
    };
    execute(&source.pool, "ALTER TABLE articles ADD COLUMN notes TEXT").await;
    let output = copy(&source, &target);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("column articles.notes"), "{stderr}");
    assert_eq!(rows(&target, "users").await, 0);
}

#[tokio::test]
async fn a_missing_uploaded_file_stops_the_copy() {
    let Some((source, target, _dir)) = sqlite_portal_and_postgres().await else {
        return;
    };
    let editor = source.editor_session().await;
    upload(&source, &editor, "hoi-cho.png", png(800, 400)).await;
    // The picture is kept at two widths; the full one, stored last, goes missing.
    let uploads = source.dir().join("uploads");
    let mut kept: Vec<String> = std::fs::read_dir(&uploads)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    kept.sort();
    assert_eq!(kept.len(), 2, "{kept:?}");
    let missing = kept.pop().unwrap();
    std::fs::remove_file(uploads.join(&missing)).unwrap();
    let output = copy(&source, &target);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{missing} is missing")),
        "{stderr}"
    );
    // Not even the file stored before it is left behind.
    assert_eq!(rows(&target, "file_chunks").await, 0);
    assert_eq!(rows(&target, "uploads").await, 0);
}
