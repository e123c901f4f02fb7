//! The newsroom's polls and sidebar over HTTP: polls added, changed (an option with
//! ballots keeps its place), closed; linked websites added, changed, reordered, hidden;
//! the blocks and the public-service figures set — each seen by citizens at once.

use crate::{
    common::{TestServer, problem},
    newsroom::read,
};
use portal_contract::{
    Poll, Sidebar, SidebarBlock,
    content::{EditedPoll, EditedWeblink, PublicServicesRecord},
};
use reqwest::Response;
use serde_json::{Value, json};

/// `body` sent by an editor; a change (`PUT`) names the version they just read.
async fn send(server: &TestServer, method: &str, path: &str, body: &Value) -> Response {
    let cookie = server.editor_session().await;
    let mut request = server.as_signed_in(method, path, &cookie);
    if method == "PUT" {
        request = request.header("if-match", version(server, &cookie, path).await);
    }
    request.json(body).send().await.unwrap()
}

/// Where the version of what `path` changes is read: the poll itself, or the whole list
/// of links, blocks or figures.
fn versioned_at(path: &str) -> &str {
    match path {
        path if path.starts_with("/api/newsroom/weblinks") => "/api/newsroom/weblinks",
        path => path,
    }
}

/// The version (ETag) of what `path` changes, as staff read it now ("" for none).
async fn version(server: &TestServer, cookie: &str, path: &str) -> String {
    let read = server
        .as_signed_in("GET", versioned_at(path), cookie)
        .send()
        .await
        .unwrap();
    read.headers()
        .get("etag")
        .map_or(String::new(), |tag| tag.to_str().unwrap().to_owned())
}

fn new_poll() -> Value {
    json!({
        "slug": "",
        "question": "Đặc sản nào của huyện?",
        "max_choices": 1,
        "starts_at": "2026-01-01T00:00:00+07:00",
        "options": [
            {"slug": "phuong-an-1", "title": "Mật ong"},
            {"slug": "phuong-an-2", "title": "Chè"},
        ],
    })
}

/// A reader the server could have issued (the ballot API takes no other).
const READER: &str = "00000000-0000-4000-9000-000000000001";

/// Adds `poll` through the newsroom; the poll as added.
async fn add_poll(server: &TestServer, poll: &Value) -> EditedPoll {
    let added = send(server, "POST", "/api/newsroom/polls", poll).await;
    assert_eq!(added.status(), 201);
    added.json().await.unwrap()
}

async fn citizens_poll(server: &TestServer, id: i64) -> Poll {
    server
        .get(&format!("/api/polls/{id}"))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn staff_add_a_poll_and_citizens_vote_in_it() {
    let server = TestServer::start().await;
    let created = add_poll(&server, &new_poll()).await;
    assert_eq!(
        created.poll.slug, "dac-san-nao-cua-huyen",
        "made from the question"
    );
    assert_eq!(created.votes, [0, 0]);

    let again = add_poll(&server, &new_poll()).await;
    assert_eq!(
        again.poll.slug, "dac-san-nao-cua-huyen-2",
        "never over another poll"
    );

    let poll = citizens_poll(&server, created.id).await;
    assert_eq!(poll.question, "Đặc sản nào của huyện?");
    let ballot = server
        .post_as(READER, &format!("/api/polls/{}/votes", created.id))
        .json(&json!({"option_ids": [poll.options[1].id]}))
        .send()
        .await
        .unwrap();
    assert_eq!(ballot.status(), 201);
    let read: EditedPoll = send(
        &server,
        "GET",
        &format!("/api/newsroom/polls/{}", created.id),
        &json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!((read.votes.clone(), read.voters), (vec![0, 1], 1));
    assert!(read.is_voted("phuong-an-2") && !read.is_voted("phuong-an-1"));
}

#[tokio::test]
async fn an_option_with_ballots_is_renamed_but_never_removed_or_moved() {
    let server = TestServer::start().await;
    let created = add_poll(&server, &new_poll()).await;
    let path = format!("/api/newsroom/polls/{}", created.id);
    let poll = citizens_poll(&server, created.id).await;
    server
        .post_as(READER, &format!("/api/polls/{}/votes", created.id))
        .json(&json!({"option_ids": [poll.options[0].id]}))
        .send()
        .await
        .unwrap();

    let mut edited = new_poll();
    edited["options"] =
        json!([{"slug": "phuong-an-2", "title": "Chè"}, {"slug": "phuong-an-3", "title": "Gốm"}]);
    let removed = send(&server, "PUT", &path, &edited).await;
    let body = problem(removed, 409).await;
    assert_eq!(body["type"], "/problems/option-voted");
    assert!(
        body["title"].as_str().unwrap().contains("không thể xóa"),
        "{body}"
    );

    edited["options"] = json!([{"slug": "phuong-an-2", "title": "Chè"}, {"slug": "phuong-an-1", "title": "Mật ong"}]);
    let moved = send(&server, "PUT", &path, &edited).await;
    assert_eq!(problem(moved, 409).await["type"], "/problems/option-voted");

    edited["options"] = json!([
        {"slug": "phuong-an-1", "title": "Mật ong rừng"},
        {"slug": "phuong-an-3", "title": "Gốm"},
    ]);
    edited["max_choices"] = json!(2);
    edited["slug"] = json!("mot-ma-khac");
    let saved = send(&server, "PUT", &path, &edited).await;
    assert_eq!(saved.status(), 200);
    let saved: EditedPoll = saved.json().await.unwrap();
    assert_eq!(saved.poll.slug, "dac-san-nao-cua-huyen", "the slug stays");
    assert_eq!(saved.votes, [1, 0], "the ballot stays with its option");
    let poll = citizens_poll(&server, created.id).await;
    assert_eq!(poll.options[0].title, "Mật ong rừng");
    assert_eq!(poll.max_choices, 2);

    edited["options"] = json!([
        {"slug": "phuong-an-1", "title": "Mật ong", "image": "https://tracker.example/pixel.png"},
        {"slug": "phuong-an-3", "title": "Gốm"},
    ]);
    let body = problem(send(&server, "PUT", &path, &edited).await, 422).await;
    assert_eq!(
        body["title"],
        "Ảnh của phương án phải là một ảnh trên cổng (đường dẫn bắt đầu bằng /)"
    );
    edited["options"] = json!([{"slug": "phuong-an-1", "title": "Mật ong"}]);
    let body = problem(send(&server, "PUT", &path, &edited).await, 422).await;
    assert_eq!(body["title"], "Cuộc bình chọn cần ít nhất hai phương án");
    let missing = send(&server, "PUT", "/api/newsroom/polls/999", &new_poll()).await;
    problem(missing, 404).await;
}

#[tokio::test]
async fn closing_a_poll_ends_its_voting_now() {
    let server = TestServer::start().await;
    let created = add_poll(&server, &new_poll()).await;
    let closed = send(
        &server,
        "POST",
        &format!("/api/newsroom/polls/{}/close", created.id),
        &json!({}),
    )
    .await;
    assert_eq!(closed.status(), 200);
    let closed: EditedPoll = closed.json().await.unwrap();
    assert!(closed.poll.ends_at.is_some());
    let poll = citizens_poll(&server, created.id).await;
    assert!(!poll.is_open);
    let ballot = server
        .post_as(READER, &format!("/api/polls/{}/votes", created.id))
        .json(&json!({"option_ids": [poll.options[0].id]}))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(ballot, 409).await["type"], "/problems/poll-ended");

    // A poll set to start later, closed now, shows its (empty) results at once.
    let mut later = new_poll();
    later["starts_at"] = json!("2099-01-01T00:00:00+07:00");
    let later = add_poll(&server, &later).await;
    assert_eq!(
        server
            .get(&format!("/api/polls/{}", later.id))
            .await
            .status(),
        404
    );
    send(
        &server,
        "POST",
        &format!("/api/newsroom/polls/{}/close", later.id),
        &json!({}),
    )
    .await;
    assert!(!citizens_poll(&server, later.id).await.is_open);
}

async fn sidebar(server: &TestServer) -> Sidebar {
    server.get("/api/sidebar").await.json().await.unwrap()
}

fn weblink_titles(sidebar: &Sidebar) -> Vec<String> {
    sidebar
        .blocks
        .iter()
        .find_map(|block| match block {
            SidebarBlock::Weblinks { groups, .. } => Some(
                groups
                    .iter()
                    .flat_map(|g| g.links.iter().map(|l| l.title.clone()))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn staff_add_reorder_and_hide_linked_websites() {
    let server = TestServer::start().await;
    let link = json!({"slug": "", "group": "Đối tác", "title": "Hiệp hội Làng nghề", "url": "https://langnghe.example.vn/"});
    let added = send(&server, "POST", "/api/newsroom/weblinks", &link).await;
    assert_eq!(added.status(), 201);
    let added: EditedWeblink = added.json().await.unwrap();
    assert_eq!(added.link.slug, "hiep-hoi-lang-nghe");
    assert_eq!(
        weblink_titles(&sidebar(&server).await).last().unwrap(),
        "Hiệp hội Làng nghề"
    );

    let links: Vec<EditedWeblink> = send(&server, "GET", "/api/newsroom/weblinks", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    let mut order: Vec<i64> = links.iter().map(|l| l.id).collect();
    order.rotate_right(1);
    let ordered = send(
        &server,
        "PUT",
        "/api/newsroom/weblinks/order",
        &json!(order),
    )
    .await;
    assert_eq!(ordered.status(), 200);
    assert_eq!(
        weblink_titles(&sidebar(&server).await)[0],
        "Hiệp hội Làng nghề"
    );

    let hidden = json!({"slug": "x", "group": "Đối tác", "title": "Hiệp hội Làng nghề", "url": "https://langnghe.example.vn/", "visible": false});
    let changed = send(
        &server,
        "PUT",
        &format!("/api/newsroom/weblinks/{}", added.id),
        &hidden,
    )
    .await;
    assert_eq!(changed.status(), 200);
    let changed: EditedWeblink = changed.json().await.unwrap();
    assert_eq!(changed.link.slug, "hiep-hoi-lang-nghe", "the slug stays");
    assert!(!weblink_titles(&sidebar(&server).await).contains(&"Hiệp hội Làng nghề".to_owned()));

    let script =
        json!({"slug": "", "group": "Đối tác", "title": "X", "url": "javascript:alert(1)"});
    let body = problem(
        send(&server, "POST", "/api/newsroom/weblinks", &script).await,
        422,
    )
    .await;
    assert_eq!(
        body["title"],
        "Địa chỉ phải là một địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://"
    );
    let unknown = send(
        &server,
        "PUT",
        "/api/newsroom/weblinks/order",
        &json!([999]),
    )
    .await;
    problem(unknown, 422).await;
}

#[tokio::test]
async fn staff_order_title_and_hide_the_sidebar_blocks() {
    let server = TestServer::start().await;
    let blocks = json!([
        {"block": "weblinks", "title": "Liên kết", "position": 0},
        {"block": "poll", "title": "Bình chọn SẢN PHẨM CNNTTB", "position": 0},
        {"block": "public_services", "title": "KQ DỊCH VỤ CÔNG TRỰC TUYẾN", "position": 0, "visible": false},
        {"block": "showcase", "title": "Tiềm năng", "position": 0},
        {"block": "visitors", "title": "Thống kê truy cập", "position": 0},
    ]);
    let set = send(&server, "PUT", "/api/newsroom/blocks", &blocks).await;
    assert_eq!(set.status(), 200);
    let titles: Vec<String> = sidebar(&server)
        .await
        .blocks
        .iter()
        .map(|block| match block {
            SidebarBlock::Poll { title }
            | SidebarBlock::PublicServices { title, .. }
            | SidebarBlock::Showcase { title, .. }
            | SidebarBlock::Weblinks { title, .. }
            | SidebarBlock::Visitors { title, .. } => title.clone(),
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Liên kết",
            "Bình chọn SẢN PHẨM CNNTTB",
            "Tiềm năng",
            "Thống kê truy cập"
        ]
    );

    let twice = json!([{"block": "poll", "title": "A", "position": 0}, {"block": "poll", "title": "B", "position": 1}]);
    problem(
        send(&server, "PUT", "/api/newsroom/blocks", &twice).await,
        422,
    )
    .await;
    let unknown = json!([{"block": "quang-cao", "title": "A", "position": 0}]);
    problem(
        send(&server, "PUT", "/api/newsroom/blocks", &unknown).await,
        422,
    )
    .await;
}

#[tokio::test]
async fn staff_set_a_years_public_service_figures() {
    let server = TestServer::start().await;
    // The block shows this year's figures (in Vietnam).
    let year = time::OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+7))
        .year();
    let figures = |received: u32| {
        json!({"year": year, "received": received, "on_time": 10, "late": 1, "in_progress": 1,
               "as_of": format!("{year}-01-31")})
    };
    let set = send(
        &server,
        "PUT",
        "/api/newsroom/public-services",
        &figures(12),
    )
    .await;
    assert_eq!(set.status(), 200);
    let years: Vec<PublicServicesRecord> = set.json().await.unwrap();
    assert_eq!((years[0].year, years[0].received), (i64::from(year), 12));
    let shown = sidebar(&server)
        .await
        .blocks
        .into_iter()
        .find_map(|b| match b {
            SidebarBlock::PublicServices { results, .. } => results,
            _ => None,
        });
    assert_eq!(shown.map(|r| (r.year, r.received)), Some((year, 12)));

    let body = problem(
        send(&server, "PUT", "/api/newsroom/public-services", &figures(1)).await,
        422,
    )
    .await;
    assert_eq!(body["detail"], "received");
}

/// A change of each kind, and one that changes what the first would be made from.
const CHANGES: &[(&str, &str)] = &[
    (
        "/api/newsroom/blocks",
        r#"[{"block": "weblinks", "title": "Liên kết", "position": 0}]"#,
    ),
    (
        "/api/newsroom/public-services",
        r#"{"year": 2026, "received": 10, "on_time": 8, "late": 1, "in_progress": 1, "as_of": "2026-11-30"}"#,
    ),
    ("/api/newsroom/weblinks/order", "[]"),
];

#[tokio::test]
async fn a_change_made_from_a_version_someone_changed_since_is_refused() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let poll = add_poll(&server, &new_poll()).await;
    let poll_path = format!("/api/newsroom/polls/{}", poll.id);
    let mut changes: Vec<(String, Value)> = CHANGES
        .iter()
        .map(|(path, body)| ((*path).to_owned(), serde_json::from_str(body).unwrap()))
        .collect();
    changes.push((poll_path.clone(), new_poll()));
    let links: Vec<EditedWeblink> = read(&server, "/api/newsroom/weblinks", &cookie).await;
    let link = &links[0];
    changes.push((
        format!("/api/newsroom/weblinks/{}", link.id),
        serde_json::to_value(&link.link).unwrap(),
    ));
    for (path, body) in &changes {
        let read_at = version(&server, &cookie, path).await;
        assert!(!read_at.is_empty(), "{path} has a version");
        let unversioned = server
            .as_signed_in("PUT", path, &cookie)
            .json(body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            problem(unversioned, 428).await["type"],
            "/problems/version-required",
            "{path}"
        );
        // A colleague changes it first…
        let mut theirs = body.clone();
        if let Some(year) = theirs.get_mut("received") {
            *year = json!(20);
        } else if let Some(question) = theirs.get_mut("question") {
            *question = json!("Câu hỏi của đồng nghiệp?");
        } else if let Some(title) = theirs.get_mut("title") {
            *title = json!("Liên kết của đồng nghiệp");
        } else if let Some(first) = theirs.get_mut(0) {
            first["title"] = json!("Liên kết của đồng nghiệp");
        }
        let first = send(&server, "PUT", path, &theirs).await;
        assert_eq!(first.status(), 200, "{path}");
        if *path == "/api/newsroom/weblinks/order" {
            // Reordering nothing changes nothing: the version stands.
            let same = server
                .as_signed_in("PUT", path, &cookie)
                .header("if-match", &read_at);
            assert_eq!(same.json(body).send().await.unwrap().status(), 200);
            continue;
        }
        // …so a change made from what was read before is refused, and theirs stays.
        let stale = server
            .as_signed_in("PUT", path, &cookie)
            .header("if-match", &read_at);
        let refused = stale.json(body).send().await.unwrap();
        assert_eq!(
            problem(refused, 412).await["type"],
            "/problems/stale-version",
            "{path}"
        );
    }
    let kept: EditedPoll = read(&server, &poll_path, &cookie).await;
    assert_eq!(kept.poll.question, "Câu hỏi của đồng nghiệp?");
}

#[tokio::test]
async fn ballots_and_visits_do_not_make_staff_s_versions_stale() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let poll = add_poll(&server, &new_poll()).await;
    let poll_path = format!("/api/newsroom/polls/{}", poll.id);
    let (poll_at, links_at) = (
        version(&server, &cookie, &poll_path).await,
        version(&server, &cookie, "/api/newsroom/weblinks").await,
    );
    let citizens = citizens_poll(&server, poll.id).await;
    let cast = server
        .post_as(READER, &format!("/api/polls/{}/votes", poll.id))
        .json(&json!({"option_ids": [citizens.options[0].id]}))
        .send()
        .await
        .unwrap();
    assert_eq!(cast.status(), 201);
    let links: Vec<EditedWeblink> = read(&server, "/api/newsroom/weblinks", &cookie).await;
    server
        .get_as(READER, &format!("/api/weblinks/{}/visit", links[0].id))
        .await;
    assert_eq!(version(&server, &cookie, &poll_path).await, poll_at);
    assert_eq!(
        version(&server, &cookie, "/api/newsroom/weblinks").await,
        links_at
    );
}
