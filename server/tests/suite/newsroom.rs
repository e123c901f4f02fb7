//! The newsroom over HTTP: roles, writing and saving articles (stale saves refused),
//! scheduling, revisions, the bin, and the admins' users.

use crate::common::{TestServer, problem};
use portal_contract::{
    audit::AuditPage,
    newsroom::{ArticleRows, Autosaved, EditedArticle, Revision, Role, StaffMember},
};
use portal_server::{db::DEMO_USER, store::users};
use reqwest::{Method, Response};
use serde_json::{Value, json};

const ADMIN: (&str, &str) = ("quantri", "mat-khau-quan-tri");
const CITIZEN: (&str, &str) = ("congdan", "mat-khau-cong-dan");

/// Every newsroom route, with a path that names an existing article or user.
const NEWSROOM_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/newsroom/articles"),
    ("POST", "/api/newsroom/articles"),
    ("GET", "/api/newsroom/articles/1"),
    ("PUT", "/api/newsroom/articles/1"),
    ("DELETE", "/api/newsroom/articles/1"),
    ("POST", "/api/newsroom/articles/1/restore"),
    ("GET", "/api/newsroom/articles/1/revisions"),
    ("GET", "/api/newsroom/polls"),
    ("POST", "/api/newsroom/polls"),
    ("GET", "/api/newsroom/polls/1"),
    ("PUT", "/api/newsroom/polls/1"),
    ("POST", "/api/newsroom/polls/1/close"),
    ("GET", "/api/newsroom/weblinks"),
    ("POST", "/api/newsroom/weblinks"),
    ("PUT", "/api/newsroom/weblinks/1"),
    ("PUT", "/api/newsroom/weblinks/order"),
    ("GET", "/api/newsroom/blocks"),
    ("PUT", "/api/newsroom/blocks"),
    ("GET", "/api/newsroom/public-services"),
    ("PUT", "/api/newsroom/public-services"),
    ("GET", "/api/newsroom/users"),
    ("POST", "/api/newsroom/users"),
    ("PATCH", "/api/newsroom/users/1"),
    ("DELETE", "/api/newsroom/users/1/two-step"),
    ("GET", "/api/newsroom/audit"),
];

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// A server with the demo content, an admin and a user without a role.
pub(crate) async fn newsroom() -> TestServer {
    let server = TestServer::start().await;
    let (name, password) = ADMIN;
    users::upsert_user(
        &server.pool,
        name,
        "Quản trị",
        password,
        now(),
        Some(Role::Admin),
    )
    .await
    .unwrap();
    let (name, password) = CITIZEN;
    users::upsert_user(&server.pool, name, "Công dân", password, now(), None)
        .await
        .unwrap();
    server
}

pub(crate) async fn admin(server: &TestServer) -> String {
    server.session_of(ADMIN.0, ADMIN.1).await
}

pub(crate) fn draft(title: &str) -> Value {
    json!({
        "title": title,
        "category": "tin-hoat-dong",
        "summary": "Tóm tắt của bài viết.",
        "body_html": "<p>Nội dung <strong>chính</strong>.</p><script>alert(1)</script>",
        "author": "Phòng Khuyến công",
        "tags": ["hội chợ"],
        "status": "draft",
    })
}

/// Creates an article from `body`; its state and ETag.
pub(crate) async fn create(
    server: &TestServer,
    cookie: &str,
    body: &Value,
) -> (EditedArticle, String) {
    let response = send_json(server, "POST", "/api/newsroom/articles", cookie, body).await;
    assert_eq!(response.status(), 201);
    edited(response).await
}

/// `body` sent by `method` to `path` with the session `cookie`.
async fn send_json(
    server: &TestServer,
    method: &str,
    path: &str,
    cookie: &str,
    body: &Value,
) -> Response {
    server
        .as_signed_in(method, path, cookie)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// GET `path` with the session `cookie`, read as JSON.
pub(crate) async fn read<T: serde::de::DeserializeOwned>(
    server: &TestServer,
    path: &str,
    cookie: &str,
) -> T {
    let response = server
        .as_signed_in("GET", path, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

pub(crate) async fn edited(response: Response) -> (EditedArticle, String) {
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    (response.json().await.unwrap(), etag)
}

pub(crate) async fn save(
    server: &TestServer,
    cookie: &str,
    id: i64,
    etag: &str,
    body: &Value,
) -> Response {
    server
        .as_signed_in("PUT", &format!("/api/newsroom/articles/{id}"), cookie)
        .header("if-match", etag)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Whether a citizen finds article `id` anywhere: its page, the lists, search, the feed,
/// the sitemap.
async fn citizens_see(server: &TestServer, id: i64, title: &str) -> bool {
    server.search_caught_up().await;
    let page = server.get(&format!("/api/articles/{id}")).await.status() == 200;
    let written = server.get(&format!("/bai-viet/{id}")).await.status() == 200;
    let listed = server
        .get("/api/articles?per_page=50")
        .await
        .text()
        .await
        .unwrap();
    let found = server
        .get(&format!("/api/search?q={}", urlencode(title)))
        .await
        .text()
        .await
        .unwrap();
    let feed = server.get("/rss").await.text().await.unwrap();
    let sitemap = server.get("/sitemap.xml").await.text().await.unwrap();
    let address = format!("/bai-viet/{id}<");
    let everywhere = [
        page,
        written,
        listed.contains(title),
        found.contains(&format!("\"id\":{id},")),
        feed.contains(title),
        sitemap.contains(&address),
    ];
    assert!(
        everywhere.iter().all(|seen| *seen) || everywhere.iter().all(|seen| !*seen),
        "seen in some places only: {everywhere:?}"
    );
    page
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn a_draft_is_for_staff_only_until_published() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let title = "Đoàn công tác thăm làng nghề mây tre đan";
    let (article, etag) = create(&server, &cookie, &draft(title)).await;
    assert_eq!(etag, "\"v1\"");
    assert_eq!(
        article.article.slug,
        "doan-cong-tac-tham-lang-nghe-may-tre-dan"
    );
    assert_eq!(
        article.state,
        portal_contract::newsroom::ArticleState::Draft
    );
    assert_eq!(article.updated_by.as_deref(), Some(DEMO_USER.1));
    assert!(
        !article.article.body_html.contains("script"),
        "sanitized on save: {}",
        article.article.body_html
    );
    assert!(!citizens_see(&server, article.id, title).await);

    let mut published = draft(title);
    published["status"] = json!("published");
    let response = save(&server, &cookie, article.id, &etag, &published).await;
    assert_eq!(response.status(), 200);
    let (article, etag) = edited(response).await;
    assert_eq!(etag, "\"v2\"");
    assert_eq!(
        article.state,
        portal_contract::newsroom::ArticleState::Published
    );
    assert!(citizens_see(&server, article.id, title).await);
}

#[tokio::test]
async fn a_scheduled_article_appears_when_its_time_comes() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let title = "Hội thảo chuyển đổi số cho cơ sở công nghiệp nông thôn";
    let soon = time::OffsetDateTime::now_utc() + time::Duration::seconds(2);
    let mut body = draft(title);
    body["status"] = json!("published");
    body["published_at"] = json!(
        soon.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    );
    let (article, _) = create(&server, &cookie, &body).await;
    assert_eq!(
        article.state,
        portal_contract::newsroom::ArticleState::Scheduled
    );
    assert!(!citizens_see(&server, article.id, title).await);
    let scheduled: ArticleRows =
        read(&server, "/api/newsroom/articles?state=scheduled", &cookie).await;
    assert_eq!(
        scheduled.items.iter().map(|row| row.id).collect::<Vec<_>>(),
        [article.id]
    );

    tokio::time::sleep(std::time::Duration::from_millis(3_100)).await;
    assert!(citizens_see(&server, article.id, title).await);
}

#[tokio::test]
async fn of_saves_racing_from_one_version_exactly_one_is_kept() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let title = "Bài viết nhiều lần lưu cùng lúc";
    let (article, etag) = create(&server, &cookie, &draft(title)).await;
    let path = format!("/api/newsroom/articles/{}", article.id);
    let saves = (0..10).map(|n| {
        let mut body = draft(title);
        body["summary"] = json!(format!("Bản thứ {n}."));
        server
            .as_signed_in("PUT", &path, &cookie)
            .header("if-match", &etag)
            .json(&body)
    });
    let statuses = crate::common::concurrent_statuses(saves).await;
    let kept = statuses.iter().filter(|s| **s == 200).count();
    let stale = statuses.iter().filter(|s| **s == 412).count();
    assert_eq!((kept, stale), (1, 9), "{statuses:?}");
    let (_, etag) = edited(
        server
            .as_signed_in("GET", &path, &cookie)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(etag, "\"v2\"", "one save, one new version");
}

#[tokio::test]
async fn a_stale_save_is_refused_and_names_the_save_that_came_first() {
    let server = newsroom().await;
    let first = server.editor_session().await;
    let second = admin(&server).await;
    let (article, etag) = create(&server, &first, &draft("Bài viết hai người cùng sửa")).await;
    let mut body = draft("Bài viết hai người cùng sửa");
    body["summary"] = json!("Bản của quản trị.");
    assert_eq!(
        save(&server, &second, article.id, &etag, &body)
            .await
            .status(),
        200
    );

    body["summary"] = json!("Bản của biên tập viên.");
    let refused = problem(save(&server, &first, article.id, &etag, &body).await, 412).await;
    assert_eq!(refused["type"], "/problems/stale-version");
    assert!(
        refused["detail"].as_str().unwrap().contains("Quản trị"),
        "{refused}"
    );

    let missing = send_json(
        &server,
        "PUT",
        &format!("/api/newsroom/articles/{}", article.id),
        &first,
        &body,
    )
    .await;
    assert_eq!(
        problem(missing, 428).await["type"],
        "/problems/version-required"
    );

    let (current, _) = edited(
        server
            .as_signed_in(
                "GET",
                &format!("/api/newsroom/articles/{}", article.id),
                &first,
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(current.article.summary, "Bản của quản trị.");
}

#[tokio::test]
async fn every_save_is_kept_and_a_revision_can_be_restored() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (article, etag) = create(&server, &cookie, &draft("Bản đầu tiên")).await;
    let response = save(&server, &cookie, article.id, &etag, &draft("Bản thứ hai")).await;
    let (_, etag) = edited(response).await;

    let path = format!("/api/newsroom/articles/{}/revisions", article.id);
    let revisions: Vec<Revision> = read(&server, &path, &cookie).await;
    let kept: Vec<_> = revisions
        .iter()
        .map(|r| (r.version, r.article.title.as_str(), r.saved_by.as_deref()))
        .collect();
    assert_eq!(
        kept,
        [
            (2, "Bản thứ hai", Some(DEMO_USER.1)),
            (1, "Bản đầu tiên", Some(DEMO_USER.1))
        ]
    );

    let first = serde_json::to_value(&revisions[1].article).unwrap();
    let (restored, _) = edited(save(&server, &cookie, article.id, &etag, &first).await).await;
    assert_eq!(
        (restored.version, restored.article.title.as_str()),
        (3, "Bản đầu tiên")
    );
    assert_eq!(restored.article.slug, article.article.slug);
}

#[tokio::test]
async fn an_article_in_the_bin_is_hidden_until_restored() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let id = server.article_id("tap-huan-thuong-mai-dien-tu").await;
    let title =
        "Tập huấn kỹ năng bán hàng trên sàn thương mại điện tử cho cơ sở công nghiệp nông thôn";
    assert!(citizens_see(&server, id, title).await);
    let path = format!("/api/newsroom/articles/{id}");
    assert_eq!(
        server
            .as_signed_in("DELETE", &path, &cookie)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert!(!citizens_see(&server, id, title).await);

    let listed = |state: &'static str| {
        let cookie = cookie.clone();
        let server = &server;
        async move {
            let rows: ArticleRows = read(
                server,
                &format!("/api/newsroom/articles?per_page=50{state}"),
                &cookie,
            )
            .await;
            rows.items.iter().any(|row| row.id == id)
        }
    };
    assert!(!listed("").await);
    assert!(listed("&state=bin").await);

    let restore = format!("/api/newsroom/articles/{id}/restore");
    assert_eq!(
        server
            .as_signed_in("POST", &restore, &cookie)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert!(citizens_see(&server, id, title).await);
    assert!(listed("").await);
}

#[tokio::test]
async fn the_list_filters_by_state_category_and_title_words() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (draft_article, _) =
        create(&server, &cookie, &draft("Làng nghề gốm men rạn Bát Tràng")).await;
    let rows = |query: &'static str| {
        let cookie = cookie.clone();
        let server = &server;
        async move {
            let rows: ArticleRows =
                read(server, &format!("/api/newsroom/articles?{query}"), &cookie).await;
            rows
        }
    };
    let all = rows("per_page=50").await;
    assert!(all.total > 1);
    assert_eq!(all.items[0].id, draft_article.id, "latest change first");
    let drafts = rows("state=draft").await;
    assert_eq!(
        drafts.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [draft_article.id]
    );
    server.search_caught_up().await;
    let by_title = rows("q=gom%20men").await;
    assert_eq!(
        by_title.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [draft_article.id]
    );
    let other_category = rows("category=chinh-sach&state=draft").await;
    assert_eq!(other_category.total, 0);
    problem(
        server
            .as_signed_in("GET", "/api/newsroom/articles?state=xoa", &cookie)
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
}

#[tokio::test]
async fn slugs_are_made_free_and_a_taken_one_is_refused() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (first, _) = create(&server, &cookie, &draft("Cùng một tiêu đề")).await;
    let (second, _) = create(&server, &cookie, &draft("Cùng một tiêu đề")).await;
    assert_eq!(first.article.slug, "cung-mot-tieu-de");
    assert_eq!(second.article.slug, "cung-mot-tieu-de-2");

    let mut taken = draft("Khác");
    taken["slug"] = json!("cung-mot-tieu-de");
    let response = send_json(&server, "POST", "/api/newsroom/articles", &cookie, &taken).await;
    assert_eq!(problem(response, 409).await["type"], "/problems/slug-taken");

    taken["slug"] = json!("Có Dấu");
    let response = send_json(&server, "POST", "/api/newsroom/articles", &cookie, &taken).await;
    assert_eq!(problem(response, 422).await["detail"], "slug");

    let mut unknown = draft("Chuyên mục lạ");
    unknown["category"] = json!("khong-co");
    let response = send_json(&server, "POST", "/api/newsroom/articles", &cookie, &unknown).await;
    assert_eq!(
        problem(response, 422).await["title"],
        "Chuyên mục không tồn tại"
    );
}

#[tokio::test]
async fn a_long_article_is_taken_beyond_the_api_s_small_body_limit() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let mut long = draft("Bài viết dài");
    long["body_html"] = json!(format!("<p>{}</p>", "Khuyến công. ".repeat(20_000)));
    let (article, _) = create(&server, &cookie, &long).await;
    assert!(article.article.body_html.len() > 200_000);

    let mut too_long = draft("Bài viết quá dài");
    too_long["body_html"] = json!("x".repeat(3 * 1024 * 1024));
    let response = send_json(
        &server,
        "POST",
        "/api/newsroom/articles",
        &cookie,
        &too_long,
    )
    .await;
    problem(response, 413).await;
}

#[tokio::test]
async fn only_staff_reach_the_newsroom_and_only_admins_the_users() {
    let server = newsroom().await;
    let citizen = server.session_of(CITIZEN.0, CITIZEN.1).await;
    let editor = server.editor_session().await;
    for (method, path) in NEWSROOM_ROUTES {
        let anonymous = server
            .client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                server.url(path),
            )
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            problem(anonymous, 401).await["type"],
            "/problems/signed-out",
            "{method} {path}"
        );
        let refused = send_json(&server, method, path, &citizen, &json!({})).await;
        assert_eq!(
            problem(refused, 403).await["type"],
            "/problems/forbidden",
            "{method} {path}"
        );
        if path.starts_with("/api/newsroom/users") || path.starts_with("/api/newsroom/audit") {
            let refused = send_json(&server, method, path, &editor, &json!({})).await;
            assert_eq!(
                problem(refused, 403).await["type"],
                "/problems/forbidden",
                "{method} {path}"
            );
        }
    }
}

#[tokio::test]
async fn admins_add_disable_and_enable_users_and_reset_passwords() {
    let server = newsroom().await;
    let cookie = admin(&server).await;
    let new_user = json!({
        "username": "bientap2", "display_name": "Biên tập viên 2",
        "role": "editor", "password": "mat-khau-moi-1"
    });
    let response = send_json(&server, "POST", "/api/newsroom/users", &cookie, &new_user).await;
    assert_eq!(response.status(), 201);
    let added: StaffMember = response.json().await.unwrap();
    assert_eq!((added.role, added.disabled), (Some(Role::Editor), false));
    let again = send_json(&server, "POST", "/api/newsroom/users", &cookie, &new_user).await;
    assert_eq!(
        problem(again, 409).await["type"],
        "/problems/username-taken"
    );
    let mut short = new_user.clone();
    short["username"] = json!("bientap3");
    short["password"] = json!("ngan");
    let refused = send_json(&server, "POST", "/api/newsroom/users", &cookie, &short).await;
    assert_eq!(problem(refused, 422).await["detail"], "password");

    let their_session = server.session_of("bientap2", "mat-khau-moi-1").await;
    let path = format!("/api/newsroom/users/{}", added.id);
    let disable = json!({ "disabled": true });
    let changed: StaffMember = send_json(&server, "PATCH", &path, &cookie, &disable)
        .await
        .json()
        .await
        .unwrap();
    assert!(changed.disabled);
    let ended = server
        .as_signed_in("GET", "/api/newsroom/articles", &their_session)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 401, "disabling ends their sessions");
    let sign_in = server
        .client
        .post(server.url("/api/session"))
        .json(&json!({ "username": "bientap2", "password": "mat-khau-moi-1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), 401, "a disabled user cannot sign in");

    let enable = json!({ "disabled": false, "password": "mat-khau-moi-2" });
    send_json(&server, "PATCH", &path, &cookie, &enable).await;
    server.session_of("bientap2", "mat-khau-moi-2").await;

    let users: Vec<StaffMember> = read(&server, "/api/newsroom/users", &cookie).await;
    assert!(
        users
            .iter()
            .any(|u| u.username == "bientap2" && !u.disabled)
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themself_out() {
    let server = newsroom().await;
    let cookie = admin(&server).await;
    let users: Vec<StaffMember> = read(&server, "/api/newsroom/users", &cookie).await;
    let me = users.iter().find(|u| u.username == ADMIN.0).unwrap();
    let path = format!("/api/newsroom/users/{}", me.id);
    for change in [
        json!({ "disabled": true }),
        json!({ "role": "editor" }),
        json!({ "role": null }),
    ] {
        let refused = send_json(&server, "PATCH", &path, &cookie, &change).await;
        assert_eq!(
            problem(refused, 409).await["type"],
            "/problems/own-account",
            "{change}"
        );
    }
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let server = newsroom().await;
    let first = admin(&server).await;
    let second_admin = json!({
        "username": "quantri2", "display_name": "Quản trị 2",
        "role": "admin", "password": "mat-khau-quan-tri-2"
    });
    let response = send_json(
        &server,
        "POST",
        "/api/newsroom/users",
        &first,
        &second_admin,
    )
    .await;
    let second: StaffMember = response.json().await.unwrap();
    let second_cookie = server.session_of("quantri2", "mat-khau-quan-tri-2").await;
    let users: Vec<StaffMember> = read(&server, "/api/newsroom/users", &first).await;
    let first_id = users.iter().find(|u| u.username == ADMIN.0).unwrap().id;
    let demote = |cookie: &str, id: i64| {
        server
            .as_signed_in("PATCH", &format!("/api/newsroom/users/{id}"), cookie)
            .json(&json!({ "role": null }))
    };
    let mut statuses = crate::common::concurrent_statuses([
        demote(&first, second.id),
        demote(&second_cookie, first_id),
    ])
    .await;
    statuses.sort_unstable();
    // The later one finds its author no admin any more (403) or no admin left (409).
    assert!(
        statuses == [200, 403] || statuses == [200, 409],
        "{statuses:?}"
    );
    let admins = crate::common::integers(
        &server.pool,
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled",
    )
    .await;
    assert_eq!(admins, [1]);
}

/// Uploads `bytes` as `name`; the file's id.
pub(crate) async fn upload(server: &TestServer, cookie: &str, name: &str, bytes: Vec<u8>) -> i64 {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let response = server
        .client
        .post(server.url("/api/newsroom/uploads"))
        .header("cookie", cookie)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{name}");
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(width, height)
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

#[tokio::test]
async fn an_article_shows_its_lead_picture_and_attachments() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let picture = upload(&server, &cookie, "hoi-cho.png", png(1200, 600)).await;
    let pdf = upload(
        &server,
        &cookie,
        "Kế hoạch.pdf",
        b"%PDF-1.4\n%%EOF\n".to_vec(),
    )
    .await;
    let mut body = draft("Bài viết có ảnh và tệp đính kèm");
    body["status"] = json!("published");
    body["picture"] = json!(picture);
    body["picture_caption"] = json!("Gian hàng tại hội chợ");
    body["attachments"] = json!([pdf]);
    let (article, _) = create(&server, &cookie, &body).await;
    assert_eq!(
        article.files.iter().map(|f| f.id).collect::<Vec<_>>(),
        [picture, pdf]
    );

    let shown: portal_contract::Article = server
        .get(&format!("/api/articles/{}", article.id))
        .await
        .json()
        .await
        .unwrap();
    let lead = &article.files[0];
    let picture_html = &shown.picture_html;
    assert!(
        picture_html.contains(&format!("src=\"{}\"", lead.url)),
        "{picture_html}"
    );
    assert!(
        picture_html.contains("width=\"1200\" height=\"600\""),
        "{picture_html}"
    );
    assert!(picture_html.contains("<figcaption>Gian hàng tại hội chợ</figcaption>"));
    let attachments_html = &shown.attachments_html;
    assert!(attachments_html.contains("Tệp đính kèm"));
    assert!(
        attachments_html.contains("Kế hoạch.pdf</a> (PDF, 1 KB)"),
        "{attachments_html}"
    );

    let page = server
        .get(&format!("/bai-viet/{}", article.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(picture_html.as_str()) && page.contains(attachments_html.as_str()));

    // Lists show the picture's smallest copy, sized, in the API and the written page alike.
    let list: portal_contract::ArticleList =
        server.get("/api/articles").await.json().await.unwrap();
    let thumbnail = list.items[0].thumbnail.clone().expect("a thumbnail");
    let copy = lead.url.replace(".png", "-480.png");
    assert_eq!(
        (thumbnail.url.as_str(), thumbnail.width, thumbnail.height),
        (copy.as_str(), 480, 240)
    );
    assert_eq!(server.get(&copy).await.status(), 200);
    let home = server.get("/").await.text().await.unwrap();
    assert!(
        home.contains(&format!(
            "<img src=\"{copy}\" width=\"480\" height=\"240\" alt=\"\""
        )) && home.contains("class=\"article-card__thumbnail\""),
        "{home}"
    );
    assert!(
        list.items[1].thumbnail.is_none(),
        "an article without a picture"
    );
}

#[tokio::test]
async fn an_article_names_only_uploaded_files_of_their_kind() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let pdf = upload(&server, &cookie, "a.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()).await;
    for (picture, attachments) in [
        (json!(pdf), json!([])),
        (json!(null), json!([999])),
        (json!(12345), json!([])),
    ] {
        let mut body = draft("Tệp lạ");
        body["picture"] = picture;
        body["attachments"] = attachments;
        let refused = send_json(&server, "POST", "/api/newsroom/articles", &cookie, &body).await;
        assert_eq!(
            problem(refused, 422).await["detail"],
            "picture, attachments"
        );
    }
}

#[tokio::test]
async fn an_autosave_keeps_the_editor_s_text_until_their_next_save() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let other = admin(&server).await;
    let (article, etag) = create(&server, &cookie, &draft("Bài viết tự lưu")).await;
    let path = format!("/api/newsroom/articles/{}/autosave", article.id);
    let missing = server
        .as_signed_in("GET", &path, &cookie)
        .send()
        .await
        .unwrap();
    problem(missing, 404).await;

    let typed = draft("Bài viết tự lưu, đang sửa dở");
    let unversioned = send_json(&server, "PUT", &path, &cookie, &typed).await;
    problem(unversioned, 428).await;
    let kept = autosave(&server, &cookie, &path, &etag, &typed).await;
    assert_eq!(kept.status(), 204);
    let autosaved: Value = read(&server, &path, &cookie).await;
    assert_eq!(
        autosaved["article"]["title"],
        "Bài viết tự lưu, đang sửa dở"
    );
    let (current, current_etag) = edited(
        server
            .as_signed_in(
                "GET",
                &format!("/api/newsroom/articles/{}", article.id),
                &cookie,
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (current.article.title.as_str(), current_etag.as_str()),
        ("Bài viết tự lưu", etag.as_str())
    );
    let theirs = server
        .as_signed_in("GET", &path, &other)
        .send()
        .await
        .unwrap();
    problem(theirs, 404).await;

    assert_eq!(
        save(&server, &cookie, article.id, &etag, &typed)
            .await
            .status(),
        200
    );
    let gone = server
        .as_signed_in("GET", &path, &cookie)
        .send()
        .await
        .unwrap();
    problem(gone, 404).await;
    let nowhere = autosave(
        &server,
        &cookie,
        "/api/newsroom/articles/999999/autosave",
        &etag,
        &typed,
    )
    .await;
    problem(nowhere, 404).await;
}

async fn autosave(
    server: &TestServer,
    cookie: &str,
    path: &str,
    etag: &str,
    typed: &Value,
) -> Response {
    server
        .as_signed_in("PUT", path, cookie)
        .header("if-match", etag)
        .json(typed)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_autosave_made_before_a_colleague_s_save_restores_as_a_stale_save() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let colleague = admin(&server).await;
    let (article, first) = create(&server, &cookie, &draft("Bài viết hai người sửa")).await;
    let path = format!("/api/newsroom/articles/{}/autosave", article.id);
    let typed = draft("Bài viết hai người sửa, bản của tôi");
    assert_eq!(
        autosave(&server, &cookie, &path, &first, &typed)
            .await
            .status(),
        204
    );
    let theirs = draft("Bài viết hai người sửa, bản của đồng nghiệp");
    let saved = save(&server, &colleague, article.id, &first, &theirs).await;
    assert_eq!(saved.status(), 200);

    let autosaved: Autosaved = read(&server, &path, &cookie).await;
    assert_eq!(
        autosaved.version, article.version,
        "made from the first version"
    );
    let restored = save(
        &server,
        &cookie,
        article.id,
        &portal_contract::newsroom::version_tag(autosaved.version),
        &serde_json::to_value(&autosaved.article).unwrap(),
    )
    .await;
    assert_eq!(
        problem(restored, 412).await["type"],
        "/problems/stale-version"
    );
    let current: EditedArticle = read(
        &server,
        &format!("/api/newsroom/articles/{}", article.id),
        &cookie,
    )
    .await;
    assert_eq!(
        current.article.title,
        "Bài viết hai người sửa, bản của đồng nghiệp"
    );
}

#[tokio::test]
async fn the_preview_is_for_staff_and_tells_others_nothing() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let (article, _) = create(&server, &cookie, &draft("Bản nháp chưa ai được đọc")).await;
    let path = format!("/quan-tri/xem-truoc/{}", article.id);

    let shown = server
        .as_signed_in("GET", &path, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["cache-control"], "no-store");
    assert_eq!(shown.headers()["x-robots-tag"], "noindex");
    let page = shown.text().await.unwrap();
    assert!(page.contains("Bản nháp chưa ai được đọc"));
    assert!(!page.contains("/boot.js"), "no app takes the preview over");

    let signed_out = server.get(&path).await;
    assert_eq!(signed_out.status(), 303);
    let citizen = server.session_of(CITIZEN.0, CITIZEN.1).await;
    let refused = server
        .as_signed_in("GET", &path, &citizen)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    assert!(
        !refused
            .text()
            .await
            .unwrap()
            .contains("Bản nháp chưa ai được đọc")
    );
}

#[tokio::test]
async fn a_date_the_portal_cannot_show_is_refused_and_the_list_still_reads() {
    let server = newsroom().await;
    let cookie = server.editor_session().await;
    let mut body = draft("Bài viết đặt lịch năm 9999");
    body["status"] = json!("published");
    body["published_at"] = json!("9999-12-31T23:00:00Z");
    let refused = send_json(&server, "POST", "/api/newsroom/articles", &cookie, &body).await;
    let problem = crate::common::problem(refused, 422).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("1970 to 2999"),
        "{problem}"
    );
    let _: ArticleRows = read(&server, "/api/newsroom/articles", &cookie).await;
}

/// The audit log as the admin `cookie` reads it with `query`.
async fn audit_log(server: &TestServer, cookie: &str, query: &str) -> AuditPage {
    read(server, &format!("/api/newsroom/audit?{query}"), cookie).await
}

#[tokio::test]
async fn staff_actions_leave_a_trail_admins_read_and_nobody_edits() {
    let server = newsroom().await;
    let admin_cookie = admin(&server).await;
    let editor = server.editor_session().await;
    let (article, etag) = create(&server, &editor, &draft("Bài viết có nhật ký")).await;
    let saved = save(
        &server,
        &editor,
        article.id,
        &etag,
        &draft("Bài viết có nhật ký, sửa"),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let wrong = server
        .client
        .post(server.url("/api/session"))
        .json(&json!({ "username": ADMIN.0, "password": "doan-sai" }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);

    let all = audit_log(&server, &admin_cookie, "per_page=50").await;
    let actions: Vec<(&str, &str)> = all
        .items
        .iter()
        .map(|e| (e.username.as_str(), e.action.as_str()))
        .collect();
    let (editor_name, ..) = DEMO_USER;
    for expected in [
        (ADMIN.0, "sign-in"),
        (editor_name, "sign-in"),
        (editor_name, "article-create"),
        (editor_name, "article-save"),
        (ADMIN.0, "sign-in-failed"),
    ] {
        assert!(actions.contains(&expected), "{expected:?} in {actions:?}");
    }
    let saved_entry = all
        .items
        .iter()
        .find(|e| e.action == "article-save")
        .unwrap();
    assert_eq!(
        saved_entry.subject.as_deref(),
        Some(format!("/api/newsroom/articles/{}", article.id).as_str())
    );
    assert_eq!(saved_entry.network, "127.0.0.1");
    assert!(
        all.items.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    assert!(!actions.iter().any(|(_, a)| a.contains("autosave")));

    let only_saves = audit_log(&server, &admin_cookie, "action=article-save").await;
    assert_eq!(only_saves.total, 1);
    let theirs = audit_log(
        &server,
        &admin_cookie,
        &format!("username={}", editor_name.to_uppercase()),
    )
    .await;
    assert!(theirs.items.iter().all(|e| e.username == editor_name) && theirs.total >= 3);
    let tomorrow = (time::OffsetDateTime::now_utc() + time::Duration::days(2)).date();
    let later = audit_log(&server, &admin_cookie, &format!("from={tomorrow}")).await;
    assert_eq!(later.total, 0);

    let refused = server
        .as_signed_in("GET", "/api/newsroom/audit", &editor)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403, "editors do not read it");
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        let changed = send_json(
            &server,
            method,
            "/api/newsroom/audit",
            &admin_cookie,
            &json!({}),
        )
        .await;
        assert_eq!(changed.status(), 405, "{method}");
    }
    let entries = crate::common::integers(&server.pool, "SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(
        entries[0],
        i64::try_from(audit_log(&server, &admin_cookie, "").await.total).unwrap()
    );
}

#[tokio::test]
async fn the_audit_log_keeps_entries_for_its_retention() {
    let server = newsroom().await;
    admin(&server).await;
    crate::common::execute(
        &server.pool,
        "UPDATE audit_log SET at = at - 400 * 24 * 3600 WHERE action = 'sign-in'",
    )
    .await;
    server.editor_session().await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let pruned = portal_server::store::audit::prune(&server.pool, now, 365)
        .await
        .unwrap();
    assert_eq!(pruned, 1);
    let left = crate::common::integers(&server.pool, "SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(left, [1]);
}

#[tokio::test]
async fn a_change_that_would_leave_no_enabled_admin_is_refused_by_the_store() {
    // The second of two racing demotions, each of which passed the handler's checks as
    // the other's author was still an admin: the store is where it is refused.
    let server = newsroom().await;
    let admin_id =
        crate::common::integers(&server.pool, "SELECT id FROM users WHERE role = 'admin'").await;
    assert_eq!(admin_id.len(), 1);
    for update in [
        users::UserUpdate {
            display_name: None,
            role: Some(None),
            disabled: None,
            password_hash: None,
        },
        users::UserUpdate {
            display_name: None,
            role: None,
            disabled: Some(true),
            password_hash: None,
        },
    ] {
        let changed = users::change(&server.pool, admin_id[0], &update)
            .await
            .unwrap();
        assert!(matches!(changed, users::Changed::LastAdmin), "{changed:?}");
    }
    let admins = crate::common::integers(
        &server.pool,
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled",
    )
    .await;
    assert_eq!(admins, [1]);
}
