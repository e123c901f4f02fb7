//! What the IT officer runs the portal with: backups taken under write load that restore
//! every acknowledged vote, damaged backups refused, scheduled backups and their
//! retention, the health, readiness and metrics answers, request ids in problems and
//! logs, and a SIGTERM that cuts no request.

use std::{
    path::{Path, PathBuf},
    process::Output,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use portal_server::{Settings, db::Location, store::Db};
use serde_json::{Value, json};

use crate::{
    common::{
        ProcessSite, TestServer, assert_progress_ended, fresh_database, integers, issued_visitor,
        location_arg, problem, stored_files,
    },
    newsroom::{create, draft, png, save, upload},
};

const FEATURED: &str = "san-pham-cnnttb-cap-tinh";

/// `portal-server` with `args`, run to its end.
fn portal_server(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(args)
        .output()
        .unwrap()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `portal-server backup into` of `server`'s portal; the backup's folder.
fn back_up(server: &TestServer, into: &Path) -> PathBuf {
    let output = portal_server(&[
        "backup",
        path_arg(into),
        "--database",
        &location_arg(&server.location),
        "--uploads-dir",
        path_arg(&server.dir().join("uploads")),
    ]);
    assert!(output.status.success(), "{output:?}");
    let mut backups: Vec<PathBuf> = std::fs::read_dir(into)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = backups.pop().unwrap();
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(backup.join("manifest.json")).unwrap()).unwrap();
    if !manifest["files"].as_array().unwrap().is_empty() {
        assert_progress_ended(&String::from_utf8_lossy(&output.stderr), "files");
    }
    backup
}

fn restore(backup: &Path, to: &Location, uploads: &Path) -> Output {
    portal_server(&[
        "restore",
        path_arg(backup),
        "--database",
        &location_arg(to),
        "--uploads-dir",
        path_arg(uploads),
    ])
}

/// A server that lets one network cast as many ballots as the load needs.
async fn open_handed_server() -> TestServer {
    TestServer::with_settings(Settings {
        ballots_per_ip_per_hour: 1_000_000,
        ..Settings::default()
    })
    .await
}

/// One new reader's ballot for the featured poll; the reader's key when it was counted.
async fn one_ballot(server: &TestServer, poll: i64, option: i64) -> Option<String> {
    let reader = uuid::Uuid::new_v4().hyphenated().to_string();
    let response = server
        .post_as(&reader, &format!("/api/polls/{poll}/votes"))
        .json(&json!({ "option_ids": [option] }))
        .send()
        .await
        .ok()?;
    (response.status() == 201).then(|| format!("v:{reader}"))
}

/// The first option of the featured poll, and the poll.
async fn featured_option(server: &TestServer) -> (i64, i64) {
    let poll = server.poll_id(FEATURED).await;
    let read: Value = server
        .get(&format!("/api/polls/{poll}"))
        .await
        .json()
        .await
        .unwrap();
    (poll, read["options"][0]["id"].as_i64().unwrap())
}

/// Every ballot counted, with when its answer came.
type Acknowledged = Arc<Mutex<Vec<(String, Instant)>>>;

/// 32 readers voting and an editor saving, until `stop`.
fn write_load(
    server: &Arc<TestServer>,
    stop: &Arc<AtomicBool>,
    acknowledged: &Acknowledged,
    poll: (i64, i64),
    article: (i64, String, String),
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut tasks: Vec<_> = (0..32)
        .map(|_| {
            let (server, stop, acknowledged) = (server.clone(), stop.clone(), acknowledged.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(reader) = one_ballot(&server, poll.0, poll.1).await {
                        acknowledged.lock().unwrap().push((reader, Instant::now()));
                    }
                }
            })
        })
        .collect();
    let (server, stop) = (server.clone(), stop.clone());
    tasks.push(tokio::spawn(async move {
        let (id, mut etag, cookie) = article;
        let mut body = draft("Bản tin khuyến công");
        for round in 0.. {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            body["body"] = json!(format!("<p>Lần sửa thứ {round}</p>"));
            let saved = save(&server, &cookie, id, &etag, &body).await;
            assert_eq!(saved.status(), 200);
            etag = saved.headers()["etag"].to_str().unwrap().to_owned();
        }
    }));
    tasks
}

/// The bytes of the stored file `name`: from the uploads folder, or on PostgreSQL from
/// the database.
async fn file_bytes(db: &Db, uploads: &Path, name: &str) -> Vec<u8> {
    match db {
        Db::Sqlite(_) => std::fs::read(uploads.join(name)).unwrap(),
        Db::Postgres(pool) => {
            let chunks: Vec<Vec<u8>> =
                sqlx::query_scalar("SELECT bytes FROM file_chunks WHERE name = $1 ORDER BY seq")
                    .bind(name)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            chunks.concat()
        }
    }
}

#[tokio::test]
async fn a_backup_under_write_load_restores_every_vote_acknowledged_before_it_began() {
    let server = open_handed_server().await;
    let editor = server.editor_session().await;
    let picture = upload(&server, &editor, "hoi-cho.png", png(1600, 900)).await;
    let mut body = draft("Bản tin khuyến công");
    body["picture"] = json!(picture);
    let (article, etag) = create(&server, &editor, &body).await;
    let poll = featured_option(&server).await;
    let server = Arc::new(server);
    let (stop, acknowledged) = (Arc::new(AtomicBool::new(false)), Acknowledged::default());
    let load = write_load(
        &server,
        &stop,
        &acknowledged,
        poll,
        (article.id, etag, editor),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 64 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let began = Instant::now();
    let backups = tempfile::tempdir().unwrap();
    let taken = {
        let (server, into) = (server.clone(), backups.path().to_owned());
        tokio::task::spawn_blocking(move || back_up(&server, &into))
            .await
            .unwrap()
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.unwrap();
    }
    let before: Vec<String> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(reader, _)| reader.clone())
        .collect();
    assert!(before.len() >= 64, "the load cast {} ballots", before.len());

    let target_dir = tempfile::tempdir().unwrap();
    let target = fresh_database(target_dir.path()).await;
    let uploads = target_dir.path().join("uploads");
    let restored = restore(&taken, &target, &uploads);
    assert!(restored.status.success(), "{restored:?}");
    if matches!(*target, Location::Sqlite(_)) {
        assert_progress_ended(&String::from_utf8_lossy(&restored.stderr), "files");
    }
    let db = portal_server::db::open(&target).await.unwrap();
    let readers = ballot_readers(&db, poll.0).await;
    let missing = before.iter().filter(|r| !readers.contains(r)).count();
    assert_eq!(missing, 0, "acknowledged ballots lost");
    if let Db::Sqlite(pool) = &db {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(integrity, "ok");
    }
    same_files(&server, &db, &uploads).await;
}

/// The readers whose ballots for `poll` are stored.
async fn ballot_readers(db: &Db, poll: i64) -> Vec<String> {
    const READERS: &str = "SELECT reader FROM ballots WHERE poll_id = $1";
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(READERS).bind(poll).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(READERS).bind(poll).fetch_all(pool).await,
    }
    .unwrap()
}

/// Every file the portal keeps is in the restored portal, byte for byte.
async fn same_files(server: &TestServer, restored: &Db, uploads: &Path) {
    let source_uploads = server.dir().join("uploads");
    let names: Vec<String> = stored_files(&server.pool, &source_uploads)
        .await
        .into_iter()
        .filter(|name| !name.starts_with("tmp-"))
        .collect();
    assert!(names.len() >= 2, "the picture's sizes: {names:?}");
    for name in names {
        assert_eq!(
            file_bytes(restored, uploads, &name).await,
            file_bytes(&server.pool, &source_uploads, &name).await,
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_damaged_backup_fails_its_check_and_restores_nothing() {
    let server = TestServer::start().await;
    let editor = server.editor_session().await;
    upload(&server, &editor, "hoi-cho.png", png(800, 400)).await;
    let backups = tempfile::tempdir().unwrap();
    let taken = back_up(&server, backups.path());
    let verified = portal_server(&["backup", "--verify", path_arg(&taken)]);
    assert!(verified.status.success(), "{verified:?}");
    assert!(String::from_utf8_lossy(&verified.stdout).contains("is whole"));

    let manifest: Value =
        serde_json::from_slice(&std::fs::read(taken.join("manifest.json")).unwrap()).unwrap();
    let database = taken.join(manifest["database"]["name"].as_str().unwrap());
    let mut bytes = std::fs::read(&database).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&database, bytes).unwrap();
    let verified = portal_server(&["backup", "--verify", path_arg(&taken)]);
    assert!(!verified.status.success());
    assert!(
        String::from_utf8_lossy(&verified.stderr).contains("checksum"),
        "{verified:?}"
    );

    let target_dir = tempfile::tempdir().unwrap();
    let target = fresh_database(target_dir.path()).await;
    let uploads = target_dir.path().join("uploads");
    let restored = restore(&taken, &target, &uploads);
    assert!(!restored.status.success());
    assert!(
        !uploads.exists(),
        "nothing is written from a damaged backup"
    );
}

#[tokio::test]
async fn a_restore_never_overwrites_a_database_with_rows() {
    let server = TestServer::start().await;
    let backups = tempfile::tempdir().unwrap();
    let taken = back_up(&server, backups.path());
    let articles = integers(&server.pool, "SELECT COUNT(*) FROM articles").await;
    let restored = restore(&taken, &server.location, &server.dir().join("uploads"));
    assert!(!restored.status.success());
    let said = String::from_utf8_lossy(&restored.stderr);
    assert!(said.contains("has rows"), "{said}");
    assert_eq!(
        integers(&server.pool, "SELECT COUNT(*) FROM articles").await,
        articles
    );
    let not_a_backup = portal_server(&["backup", "--verify", path_arg(backups.path())]);
    assert!(!not_a_backup.status.success());
    assert!(String::from_utf8_lossy(&not_a_backup.stderr).contains("is not a backup"));
}

/// The backup folders in `dir`.
fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("portal-backup-"))
        .collect();
    names.sort();
    names
}

async fn readiness(base: &str) -> (u16, Value) {
    let response = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_server_takes_its_backups_on_schedule_and_keeps_the_newest() {
    let site = ProcessSite::new().await;
    let backups = tempfile::tempdir().unwrap();
    // A backup every 1.8 s, two kept.
    let node = site
        .start(&[
            "--backup-dir",
            path_arg(backups.path()),
            "--backup-every-hours",
            "0.0005",
            "--backup-keep",
            "2",
        ])
        .await;
    let mut seen = std::collections::BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while seen.len() < 4 && Instant::now() < deadline {
        seen.extend(backups_in(backups.path()));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen.len() >= 4, "backups taken: {seen:?}");
    let kept = backups_in(backups.path());
    assert!(kept.len() <= 2, "{kept:?}");
    let newest = backups.path().join(kept.last().unwrap());
    let verified = portal_server(&["backup", "--verify", path_arg(&newest)]);
    assert!(verified.status.success(), "{verified:?}");
    let (status, ready) = readiness(&node.base).await;
    assert_eq!((status, ready["backup"].as_str()), (200, Some("ok")));
}

#[tokio::test]
async fn a_failed_scheduled_backup_makes_the_server_not_ready() {
    let site = ProcessSite::new().await;
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("backups");
    std::fs::write(&not_a_folder, b"a file where the folder should be").unwrap();
    let node = site.start(&["--backup-dir", path_arg(&not_a_folder)]).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, ready) = readiness(&node.base).await;
        if status == 503 {
            assert_eq!(ready["ready"], false);
            assert_eq!(ready["database"], "ok");
            assert!(ready["backup"].as_str().unwrap().contains("failed"));
            break;
        }
        assert!(Instant::now() < deadline, "still ready: {ready}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let health = reqwest::get(node.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200, "the process itself is alive");
}

#[tokio::test]
async fn health_and_readiness_answer_without_a_cache() {
    let server = TestServer::start().await;
    let health = server.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(health.headers()["cache-control"], "no-store");
    let (status, ready) = readiness(&server.base).await;
    assert_eq!(status, 200);
    assert_eq!(
        ready,
        json!({ "ready": true, "database": "ok", "migrations": "ok", "backup": "not scheduled" })
    );
}

/// The metrics text, read from loopback.
async fn metrics(server: &TestServer) -> String {
    let response = server.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    response.text().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_votes_and_sign_ins_for_loopback_only() {
    let server = open_handed_server().await;
    let (poll, option) = featured_option(&server).await;
    assert!(one_ballot(&server, poll, option).await.is_some());
    let wrong = server
        .client
        .post(server.url("/api/session"))
        .json(&json!({ "username": "demo", "password": "sai-mat-khau" }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let text = metrics(&server).await;
    for expected in [
        "portal_ballots_total{outcome=\"accepted\"}",
        "portal_sign_ins_total{outcome=\"wrong-credentials\"}",
        "portal_http_requests_total{method=\"GET\",route=\"/api/polls/{id}\",status=\"200\"}",
        "portal_http_request_duration_seconds_bucket{route=\"/api/polls/{id}\",le=\"0.005\"}",
        "portal_db_connections{pool=\"write\",state=\"idle\"}",
        "portal_database_bytes ",
        "portal_uploads_bytes ",
        "portal_sessions_open ",
        "portal_http_requests_in_flight ",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let forwarded = server
        .client
        .get(server.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(forwarded.status(), 404, "a proxy's client is not loopback");

    let elsewhere = TestServer::with_settings(Settings {
        metrics_from: vec!["10.0.0.0/8".parse().unwrap()],
        ..Settings::default()
    })
    .await;
    assert_eq!(elsewhere.get("/metrics").await.status(), 404);
}

#[tokio::test]
async fn a_problem_carries_the_id_of_its_request() {
    let server = TestServer::start().await;
    let response = server.get("/api/articles/999999").await;
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = problem(response, 404).await;
    assert_eq!(body["requestId"], id.as_str());
    let handed = server
        .client
        .get(server.url("/api/articles/999999"))
        .header("x-request-id", "proxy-req-000123")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(handed, 404).await["requestId"], "proxy-req-000123");
}

#[tokio::test]
async fn json_logs_carry_each_requests_id() {
    let site = ProcessSite::new().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = site
        .command(&["--log-format", "json", "--port", &port.to_string()])
        .env("RUST_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/api/site");
    let client = reqwest::Client::new();
    let mut answered = false;
    for _ in 0..200 {
        let sent = client
            .get(&url)
            .header("x-request-id", "log-test-request-42")
            .send()
            .await;
        if sent.is_ok() {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(answered);
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.kill().unwrap();
    let output = server.wait_with_output().unwrap();
    let logs = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let line = logs
        .lines()
        .find(|line| line.contains("log-test-request-42"))
        .unwrap_or_else(|| panic!("no line with the request's id in\n{logs}"));
    let entry: Value = serde_json::from_str(line).unwrap();
    assert_eq!(entry["span"]["id"], "log-test-request-42");
    assert_eq!(entry["span"]["path"], "/api/site");
}

#[tokio::test]
async fn sigterm_under_write_load_cuts_no_request_and_loses_no_vote() {
    let site = ProcessSite::new().await;
    let mut node = site
        .start(&[
            "--ballots-per-ip-per-hour",
            "1000000",
            "--new-readers-per-network-per-hour",
            "1000000",
        ])
        .await;
    let polls: Value = reqwest::get(node.url("/api/polls"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let featured = &polls[0];
    let votes = format!("{}/api/polls/{}/votes", node.base, featured["id"]);
    let option = featured["options"][0]["id"].as_i64().unwrap();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let voters: Vec<_> = (0..32)
        .map(|_| {
            let (votes, acknowledged) = (votes.clone(), acknowledged.clone());
            tokio::spawn(async move { vote_until_refused(&votes, option, &acknowledged).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let status = node.terminate().await;
    assert!(status.success(), "{status:?}");
    for voter in voters {
        voter.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 32, "{} ballots", acknowledged.len());
    let db = portal_server::db::open(&site.database).await.unwrap();
    let poll = featured["id"].as_i64().unwrap();
    let stored = ballot_readers(&db, poll).await;
    let lost = acknowledged.iter().filter(|r| !stored.contains(r)).count();
    assert_eq!(lost, 0, "acknowledged ballots lost");
}

/// Votes as new readers (each on a new connection) until the server refuses connections;
/// every counted ballot's reader goes in `acknowledged`. A request that was sent and then
/// cut fails the test.
async fn vote_until_refused(url: &str, option: i64, acknowledged: &Mutex<Vec<String>>) {
    loop {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let mut reader = None;
        for _ in 0..2 {
            let sent = client
                .post(url)
                .header("origin", url.split("/api").next().unwrap())
                .json(&json!({ "option_ids": [option] }))
                .send()
                .await;
            let response = match sent {
                Err(error) if error.is_connect() => return,
                Err(error) => panic!("a request was cut: {error:?}"),
                Ok(response) => response,
            };
            match response.status().as_u16() {
                // A new reader's first ballot: the cookie is set, and it is sent again.
                428 => reader = issued_visitor(&response),
                201 => {
                    let reader = reader.take().expect("the first answer named the reader");
                    acknowledged.lock().unwrap().push(format!("v:{reader}"));
                    break;
                }
                other => panic!("a ballot was answered {other}"),
            }
        }
    }
}

#[tokio::test]
async fn an_sqlite_backup_restores_into_postgresql() {
    if crate::common::postgres_server().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::on(crate::common::TestDatabase::sqlite_in(dir.path())).await;
    let editor = server.editor_session().await;
    upload(&server, &editor, "hoi-cho.png", png(1200, 600)).await;
    let backups = tempfile::tempdir().unwrap();
    let taken = back_up(&server, backups.path());
    let target = fresh_database(dir.path()).await;
    let restored = restore(&taken, &target, &dir.path().join("unused"));
    assert!(restored.status.success(), "{restored:?}");
    assert_progress_ended(&String::from_utf8_lossy(&restored.stderr), "rows and files");
    let db = portal_server::db::open(&target).await.unwrap();
    for table in ["articles", "users", "polls", "uploads"] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        assert_eq!(
            integers(&db, &sql).await,
            integers(&server.pool, &sql).await,
            "{table}"
        );
    }
    same_files(&server, &db, &dir.path().join("unused")).await;
}

/// An upload whose bytes come slowly, holding a place while the sender lives; its answer
/// once it ends.
fn slow_upload(
    server: &TestServer,
    editor: &str,
) -> (
    tokio::sync::mpsc::UnboundedSender<Vec<u8>>,
    tokio::task::JoinHandle<reqwest::Result<reqwest::Response>>,
) {
    let (more, rest) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    more.send(png(64, 64)[..32].to_vec()).unwrap();
    let bytes = futures_util::stream::unfold(rest, |mut rest| async move {
        let chunk = rest.recv().await?;
        Some((Ok::<_, std::io::Error>(chunk), rest))
    });
    let part =
        reqwest::multipart::Part::stream(reqwest::Body::wrap_stream(bytes)).file_name("cham.png");
    let upload = server
        .client
        .post(server.url("/api/newsroom/uploads"))
        .header("cookie", editor)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send();
    (more, tokio::spawn(upload))
}

#[tokio::test]
async fn a_monitor_sees_the_truth_while_the_api_sheds_load() {
    let server = TestServer::with_settings(Settings {
        max_concurrent_requests: 1,
        ..Settings::default()
    })
    .await;
    let editor = server.editor_session().await;
    let (mut more, mut upload) = slow_upload(&server, &editor);
    let deadline = Instant::now() + Duration::from_secs(10);
    // Until the upload holds the one place (a probe that took it first sheds the upload,
    // which is then sent again).
    while server.get("/api/site").await.status() != 503 || upload.is_finished() {
        assert!(Instant::now() < deadline, "the API never shed a request");
        if upload.is_finished() {
            (more, upload) = slow_upload(&server, &editor);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(readiness(&server.base).await.0, 200);
    assert_eq!(server.get("/healthz").await.status(), 200);
    assert!(
        metrics(&server)
            .await
            .contains("portal_http_requests_shed_total")
    );
    drop(more);
    let _ = upload.await.unwrap();
}
