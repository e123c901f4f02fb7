//! Two portal servers, each a process of its own, on one database: what one records the
//! other sees (search too, each server from its own index), nothing is counted twice, and a server killed under load loses no vote it
//! acknowledged. On PostgreSQL (as `cargo xtask test` runs it second) this is the cluster
//! of the README's "Scaling out", each server with its own uploads folder; on SQLite, two
//! servers on one machine sharing the file and the folder.

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use crate::common::{
    Node, TestDatabase, assert_exactly_one_accepted, concurrent_statuses, fresh_database,
};
use portal_contract::{Article, ArticleList, Poll, SearchResults, SessionInfo, UploadedFile};
use portal_server::{
    db::{self, Location},
    rules::auth::ReaderSeal,
    store::{Db, secrets},
};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::json;
use sqlx::Connection;
use tempfile::TempDir;

const FEATURED: &str = "san-pham-cnnttb-cap-tinh";

/// Two servers on one new database, and the readers' cookies they both accept.
struct Cluster {
    nodes: [Node; 2],
    seal: ReaderSeal,
    db: Db,
    client: Client,
    database: TestDatabase,
    _dir: TempDir,
}

impl Cluster {
    async fn start(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database = fresh_database(dir.path()).await;
        let static_dir = crate::common::write_static_files(dir.path());
        let uploads = |n: usize| -> PathBuf {
            match *database {
                // One machine: one folder.
                Location::Sqlite(_) => dir.path().join("uploads"),
                Location::Postgres(_) => dir.path().join(format!("uploads-{n}")),
            }
        };
        // The first fills the new database; the second finds it filled.
        let first = Node::start(&database, &uploads(0), &static_dir, args).await;
        let second = Node::start(&database, &uploads(1), &static_dir, args).await;
        let db = db::open(&database).await.unwrap();
        let seal = ReaderSeal::new(&secrets::reader_key(&db).await.unwrap());
        Self {
            nodes: [first, second],
            seal,
            db,
            client: Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
            database,
            _dir: dir,
        }
    }

    fn cookie(&self, reader: u32) -> String {
        let id = format!("00000000-0000-4000-a000-{reader:012x}");
        format!("kc_visitor={}", self.seal.seal(&id))
    }

    fn ballot(&self, node: usize, reader: u32, poll: &Poll, option: i64) -> RequestBuilder {
        self.client
            .post(self.nodes[node].url(&format!("/api/polls/{}/votes", poll.id)))
            .header("cookie", self.cookie(reader))
            .json(&json!({ "option_ids": [option] }))
    }

    /// The demo account's sign-in with `password` through `node`.
    async fn try_sign_in(&self, node: usize, password: &str) -> Response {
        self.client
            .post(self.nodes[node].url("/api/session"))
            .json(&json!({ "username": db::DEMO_USER.0, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// Signs the demo account in through `node`; the session cookie.
    async fn sign_in(&self, node: usize) -> String {
        let signed_in = self.try_sign_in(node, db::DEMO_USER.2).await;
        assert_eq!(signed_in.status(), 200);
        let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
        cookie.split(';').next().unwrap().to_owned()
    }

    /// A request through `node` with the session `cookie`, declared JSON as the API asks
    /// of state changes.
    fn as_signed_in(
        &self,
        node: usize,
        method: Method,
        path: &str,
        cookie: &str,
    ) -> RequestBuilder {
        self.client
            .request(method, self.nodes[node].url(path))
            .header("cookie", cookie)
            .header("content-type", "application/json")
    }

    /// GET `path` through `node` as reader `reader`.
    async fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        node: usize,
        reader: u32,
        path: &str,
    ) -> T {
        self.client
            .get(self.nodes[node].url(path))
            .header("cookie", self.cookie(reader))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn featured(&self, node: usize, reader: u32) -> Poll {
        let polls: Vec<Poll> = self.get_as(node, reader, "/api/polls").await;
        polls.into_iter().find(|p| p.slug == FEATURED).unwrap()
    }
}

#[tokio::test]
async fn a_ballot_cast_through_one_server_is_counted_once_and_seen_through_the_other() {
    let cluster = Cluster::start(&[]).await;
    let poll = cluster.featured(0, 1).await;
    let option = poll.options[2].id;
    let cast = cluster.ballot(0, 1, &poll, option).send().await.unwrap();
    assert_eq!(cast.status(), 201);
    let seen = cluster.featured(1, 1).await;
    assert_eq!((seen.total_votes, seen.voters), (1, 1));
    assert_eq!(seen.my_choices, [option]);
    let again = cluster.ballot(1, 1, &poll, option).send().await.unwrap();
    assert_eq!(
        again.status(),
        409,
        "the other server knows the reader voted"
    );
    assert_eq!(cluster.featured(0, 2).await.total_votes, 1);
}

#[tokio::test]
async fn an_article_changed_in_the_database_is_found_through_both_servers() {
    let cluster = Cluster::start(&[]).await;
    crate::common::execute(
        &cluster.db,
        "UPDATE articles SET title = 'Hội chợ Quynhluuxyz' WHERE slug = 'gom-su-truyen-thong-nang-tam'",
    )
    .await;
    for node in 0..2 {
        let started = std::time::Instant::now();
        loop {
            let found: SearchResults = cluster.get_as(node, 1, "/api/search?q=quynhluuxyz").await;
            if found.total == 1 {
                break;
            }
            // A quarter of a second as a rule; the bound is loose for a busy machine.
            assert!(started.elapsed() < Duration::from_secs(10), "node {node}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[tokio::test]
async fn a_session_signed_in_on_one_server_is_valid_on_the_other_with_the_same_expiry() {
    let cluster = Cluster::start(&[]).await;
    let cookie = cluster.sign_in(0).await;
    let info = |node| {
        cluster
            .as_signed_in(node, Method::GET, "/api/session", &cookie)
            .send()
    };
    let on_first: SessionInfo = info(0).await.unwrap().json().await.unwrap();
    let on_second: SessionInfo = info(1).await.unwrap().json().await.unwrap();
    assert_eq!(on_second.user.username, db::DEMO_USER.0);
    assert_eq!(
        (on_second.expires_at, on_second.ends_at),
        (on_first.expires_at, on_first.ends_at)
    );
    // A minute later, a keepalive through the second moves the expiry the first sees.
    crate::common::execute(
        &cluster.db,
        "UPDATE sessions SET expires_at = expires_at - 60000",
    )
    .await;
    let kept: SessionInfo = cluster
        .as_signed_in(1, Method::POST, "/api/session/keepalive", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(kept.expires_at > on_first.expires_at - time::Duration::seconds(30));
    let seen_by_first: SessionInfo = info(0).await.unwrap().json().await.unwrap();
    assert_eq!(seen_by_first.expires_at, kept.expires_at);
    let signed_out = cluster
        .as_signed_in(1, Method::DELETE, "/api/session", &cookie)
        .send()
        .await
        .unwrap();
    assert!(signed_out.status().is_success(), "{}", signed_out.status());
    assert_eq!(
        info(0).await.unwrap().status(),
        401,
        "signed out everywhere"
    );
}

#[tokio::test]
async fn both_servers_give_the_same_validators_and_count_a_reader_once() {
    let cluster = Cluster::start(&[]).await;
    let sidebar = |node: usize| cluster.client.get(cluster.nodes[node].url("/api/sidebar"));
    let first = sidebar(0).send().await.unwrap();
    let etag = first.headers()["etag"].clone();
    let again = sidebar(1)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        304,
        "the ETag comes from the data, not a server"
    );
    let list: ArticleList = cluster.get_as(0, 3, "/api/articles").await;
    let (cluster, path) = (&cluster, &format!("/api/articles/{}", list.items[0].id));
    let views = |node, reader| async move {
        let article: Article = cluster.get_as(node, reader, path).await;
        article.views
    };
    assert_eq!(views(0, 3).await, 1);
    assert_eq!(
        views(1, 3).await,
        1,
        "the other server knows the reader's view"
    );
    assert_eq!(views(1, 4).await, 2);
}

#[tokio::test]
async fn the_per_address_ballot_valve_holds_across_both_servers() {
    let cluster = Cluster::start(&["--ballots-per-ip-per-hour", "5"]).await;
    let poll = cluster.featured(0, 0).await;
    let option = poll.options[0].id;
    let requests =
        (1..=20).map(|reader| cluster.ballot((reader % 2) as usize, reader, &poll, option));
    let statuses = concurrent_statuses(requests).await;
    let accepted = statuses.iter().filter(|s| **s == 201).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((accepted, refused), (5, 15), "{statuses:?}");
    assert_eq!(cluster.featured(1, 0).await.total_votes, 5);
}

#[tokio::test]
async fn each_server_keeps_no_more_postgresql_connections_than_it_is_given() {
    let cluster = Cluster::start(&["--postgres-connections", "3"]).await;
    let Location::Postgres(url) = &*cluster.database else {
        return; // SQLite has no connections to count.
    };
    let poll = cluster.featured(0, 0).await;
    let option = poll.options[0].id;
    // Ballots from one network wait for each other, each holding its connection.
    let requests =
        (1..=40).map(|reader| cluster.ballot((reader % 2) as usize, reader, &poll, option));
    let statuses = concurrent_statuses(requests).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    cluster.db.close().await;
    let mut observer = sqlx::PgConnection::connect(url).await.unwrap();
    let servers: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_one(&mut observer)
    .await
    .unwrap();
    assert!((2..=6).contains(&servers), "{servers} connections");
}

#[tokio::test]
async fn failed_sign_ins_through_both_servers_lock_the_username_out_of_both() {
    let cluster = Cluster::start(&[]).await;
    for attempt in 0..5 {
        let failed = cluster.try_sign_in(attempt % 2, "sai-mat-khau").await;
        assert_eq!(failed.status(), 401);
    }
    for node in 0..2 {
        let locked = cluster.try_sign_in(node, db::DEMO_USER.2).await;
        assert_eq!(locked.status(), 429, "locked out on server {node}");
    }
}

#[tokio::test]
async fn a_racing_reader_split_over_both_servers_lands_exactly_one_vote() {
    let cluster = Cluster::start(&[]).await;
    let poll = cluster.featured(0, 7).await;
    let option = poll.options[1].id;
    let requests = (0..30).map(|n| cluster.ballot(n % 2, 7, &poll, option));
    assert_exactly_one_accepted(&concurrent_statuses(requests).await);
    let seen = cluster.featured(1, 7).await;
    assert_eq!((seen.total_votes, seen.voters), (1, 1));
    let stored = crate::common::integers(&cluster.db, "SELECT COUNT(*) FROM ballots").await;
    assert_eq!(stored, [1]);
}

#[tokio::test]
async fn a_file_uploaded_through_one_server_is_served_by_the_other() {
    let cluster = Cluster::start(&[]).await;
    let cookie = cluster.sign_in(0).await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".repeat(20_000);
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(pdf.clone()).file_name("Báo cáo.pdf"),
    );
    let uploaded = cluster
        .client
        .post(cluster.nodes[0].url("/api/newsroom/uploads"))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    let file: UploadedFile = uploaded.json().await.unwrap();
    let served = cluster
        .client
        .get(cluster.nodes[1].url(&file.url))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-length"], pdf.len().to_string());
    assert_eq!(served.bytes().await.unwrap(), pdf, "every byte, in order");
}

#[tokio::test]
async fn a_server_killed_under_write_load_loses_no_acknowledged_vote() {
    let mut cluster = Cluster::start(&["--ballots-per-ip-per-hour", "100000"]).await;
    let poll = cluster.featured(0, 0).await;
    let option = poll.options[3].id;
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let readers = 1..=400u32;
    let sends: Vec<_> = readers
        .clone()
        .map(|reader| {
            let node = (reader % 2) as usize;
            let request = cluster.ballot(node, reader, &poll, option);
            let acknowledged = acknowledged.clone();
            tokio::spawn(async move {
                let accepted = request
                    .send()
                    .await
                    .is_ok_and(|answer| answer.status() == 201);
                if accepted {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                }
                (node, reader, accepted)
            })
        })
        .collect();
    while acknowledged.load(Ordering::SeqCst) < 60 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    cluster.nodes[0].kill();
    let mut outcomes = Vec::new();
    for send in sends {
        outcomes.push(send.await.unwrap());
    }
    let (mut on_survivor, mut lost_with_the_killed) = (0, 0);
    for (node, _, accepted) in &outcomes {
        match (node, accepted) {
            (1, true) => on_survivor += 1,
            (1, false) => panic!("the surviving server refused or dropped a ballot"),
            (_, false) => lost_with_the_killed += 1,
            _ => {}
        }
    }
    assert_eq!(
        on_survivor, 200,
        "the other server served every ballot sent to it"
    );
    assert!(lost_with_the_killed > 0, "the kill came under load");
    let counted = cluster.featured(1, 0).await.total_votes;
    let accepted: Vec<u32> = outcomes
        .iter()
        .filter(|(_, _, accepted)| *accepted)
        .map(|(_, reader, _)| *reader)
        .collect();
    assert!(
        counted >= accepted.len() as u64,
        "{counted} counted, {} acknowledged",
        accepted.len()
    );
    for reader in accepted {
        let mine = cluster.featured(1, reader).await.my_choices;
        assert_eq!(mine, [option], "reader {reader}'s acknowledged ballot");
    }
}
