//! Sign-in, sign-out, session rotation, lock-out, idle expiry and keepalive over HTTP.

use crate::common::{ProcessSite, TestServer, problem};
use portal_contract::SessionInfo;
use portal_server::{
    Settings,
    db::{self, DEMO_USER},
};
use reqwest::{Response, cookie::CookieStore};
use serde_json::json;

const ARTICLE: &str = "tap-huan-thuong-mai-dien-tu";

async fn sign_in(server: &TestServer, username: &str, password: &str) -> Response {
    server
        .client
        .post(server.url("/api/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

/// Signs in as the demo user; the session cookie ("kc_session=…").
async fn demo_session(server: &TestServer) -> String {
    let (username, _, password) = DEMO_USER;
    let response = sign_in(server, username, password).await;
    assert_eq!(response.status(), 200);
    session_cookie(&response).expect("a session cookie")
}

fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kc_session=") && !v.starts_with("kc_session=;"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

async fn with_cookie(
    server: &TestServer,
    method: reqwest::Method,
    path: &str,
    cookie: &str,
) -> Response {
    server
        .client
        .request(method, server.url(path))
        .header("cookie", cookie)
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap()
}

async fn session(server: &TestServer, cookie: &str) -> Response {
    with_cookie(server, reqwest::Method::GET, "/api/session", cookie).await
}

#[tokio::test]
async fn signing_in_and_out() {
    let server = TestServer::start().await;
    let (username, display_name, password) = DEMO_USER;
    let response = sign_in(&server, username, password).await;
    assert_eq!(response.status(), 200);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.contains("Secure"),
        "plain http in tests: {set_cookie}"
    );
    let cookie = session_cookie(&response).unwrap();
    let info: SessionInfo = response.json().await.unwrap();
    assert_eq!(info.user.display_name, display_name);
    assert_eq!((info.idle_timeout_s, info.warning_s), (1800, 60));
    assert!((1799..=1800).contains(&(info.expires_at - info.now).whole_seconds()));

    let current: SessionInfo = session(&server, &cookie).await.json().await.unwrap();
    assert_eq!(current.user.username, username);
    assert_eq!(
        current.expires_at, info.expires_at,
        "reading the session does not extend it"
    );

    let out = with_cookie(&server, reqwest::Method::DELETE, "/api/session", &cookie).await;
    assert_eq!(out.status(), 204);
    assert!(
        out.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("kc_session=;")
    );
    problem(session(&server, &cookie).await, 401).await;
    let stored: i64 =
        crate::common::integers(&server.pool, "SELECT COUNT(*) FROM sessions").await[0];
    assert_eq!(stored, 0, "sign-out deletes the session on the server");
}

#[tokio::test]
async fn wrong_credentials_say_nothing_about_the_username() {
    let server = TestServer::start().await;
    let wrong_password = problem(sign_in(&server, "demo", "sai-mat-khau").await, 401).await;
    let unknown_user = problem(sign_in(&server, "khong-co-ai", "sai-mat-khau").await, 401).await;
    assert_eq!(
        wrong_password["title"],
        "Tên đăng nhập hoặc mật khẩu không đúng"
    );
    // The same answer but for the id of the request.
    let without_id = |mut problem: serde_json::Value| {
        problem.as_object_mut().unwrap().remove("requestId");
        problem
    };
    assert_eq!(without_id(wrong_password), without_id(unknown_user));
    problem(sign_in(&server, "", "x").await, 422).await;
    problem(server.get("/api/session").await, 401).await;
}

#[tokio::test]
async fn every_sign_in_gets_a_new_session_id() {
    let server = TestServer::start().await;
    let first = demo_session(&server).await;
    let (username, _, password) = DEMO_USER;
    let again = server
        .client
        .post(server.url("/api/session"))
        .header("cookie", &first)
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    let second = session_cookie(&again).unwrap();
    assert_ne!(first, second);
    problem(session(&server, &first).await, 401).await;
    assert_eq!(session(&server, &second).await.status(), 200);
}

#[tokio::test]
async fn five_failures_lock_a_username_out_for_fifteen_minutes() {
    let server = TestServer::start().await;
    let (username, _, password) = DEMO_USER;
    for _ in 0..5 {
        problem(sign_in(&server, username, "sai-mat-khau").await, 401).await;
    }
    let locked = sign_in(&server, username, password).await;
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    problem(locked, 429).await;
    // Another username from the same address is not locked.
    problem(sign_in(&server, "nguoi-khac", "x").await, 401).await;
    // Fifteen minutes later the user may sign in again.
    crate::common::execute(&server.pool, "UPDATE sign_in_failures SET at = at - 900").await;
    assert_eq!(sign_in(&server, username, password).await.status(), 200);
}

#[tokio::test]
async fn keepalive_extends_and_idle_sessions_expire() {
    let server = TestServer::start().await;
    let cookie = demo_session(&server).await;
    // As if the session had been idle for 25 minutes.
    crate::common::execute(
        &server.pool,
        "UPDATE sessions SET expires_at = expires_at - 25 * 60 * 1000",
    )
    .await;
    let before: SessionInfo = session(&server, &cookie).await.json().await.unwrap();
    assert!((before.expires_at - before.now).whole_seconds() <= 300);
    let extended = with_cookie(
        &server,
        reqwest::Method::POST,
        "/api/session/keepalive",
        &cookie,
    )
    .await;
    assert_eq!(extended.status(), 200);
    let after: SessionInfo = extended.json().await.unwrap();
    assert!((after.expires_at - after.now).whole_seconds() >= 1799);

    crate::common::execute(
        &server.pool,
        "UPDATE sessions SET expires_at = expires_at - 31 * 60 * 1000",
    )
    .await;
    let expired = session(&server, &cookie).await;
    assert!(
        expired.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("kc_session=;")
    );
    problem(expired, 401).await;
    problem(
        with_cookie(
            &server,
            reqwest::Method::POST,
            "/api/session/keepalive",
            &cookie,
        )
        .await,
        401,
    )
    .await;
    let reading = with_cookie(&server, reqwest::Method::GET, "/api/articles", &cookie).await;
    assert_eq!(reading.status(), 200, "a stale cookie never blocks reading");
    assert!(
        reading.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("kc_session=;"),
        "the stale cookie is cleared"
    );
    let (username, _, password) = DEMO_USER;
    let fresh = server
        .client
        .post(server.url("/api/session"))
        .header("cookie", &cookie)
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        fresh.status(),
        200,
        "one can sign in again with a stale cookie"
    );
}

#[tokio::test]
async fn every_public_read_answers_a_stale_cookie_as_a_guest() {
    let server = TestServer::start().await;
    let stale = "kc_session=0000000000000000000000000000000000000000000000000000000000000000";
    for path in [
        "/api/categories",
        "/api/articles",
        "/api/articles/1",
        "/api/polls",
        "/api/polls/1",
        "/api/sidebar",
        "/api/reader",
        "/",
        "/bai-viet/1",
    ] {
        let response = with_cookie(&server, reqwest::Method::GET, path, stale).await;
        assert_eq!(response.status(), 200, "{path}");
    }
    problem(session(&server, stale).await, 401).await;
}

#[tokio::test]
async fn signing_in_over_a_stale_cookie_leaves_the_new_session_in_the_jar() {
    let server = TestServer::start().await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let url = server.url("/").parse().unwrap();
    jar.add_cookie_str("kc_session=stale-token-from-yesterday; Path=/", &url);
    let browser = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    let (username, _, password) = DEMO_USER;
    let signed_in = browser
        .post(server.url("/api/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let held = jar.cookies(&url).unwrap();
    let held = held.to_str().unwrap();
    assert!(held.contains("kc_session="), "{held}");
    assert!(!held.contains("stale-token-from-yesterday"), "{held}");
    let now = browser
        .get(server.url("/api/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(now.status(), 200, "the jar holds the new session");
}

#[tokio::test]
async fn the_idle_timeout_is_a_setting() {
    let server = TestServer::with_settings(Settings {
        idle_timeout_s: 120,
        ..Settings::default()
    })
    .await;
    let cookie = demo_session(&server).await;
    let info: SessionInfo = session(&server, &cookie).await.json().await.unwrap();
    assert_eq!(info.idle_timeout_s, 120);
    assert!((info.expires_at - info.now).whole_seconds() <= 120);
}

#[tokio::test]
async fn a_signed_in_reader_rates_as_the_user() {
    let server = TestServer::start().await;
    let cookie = demo_session(&server).await;
    let list: portal_contract::ArticleList = server
        .get("/api/articles?per_page=50")
        .await
        .json()
        .await
        .unwrap();
    let id = list.items.iter().find(|a| a.slug == ARTICLE).unwrap().id;
    let rate = |visitor: &'static str| {
        server
            .client
            .post(server.url(&format!("/api/articles/{id}/ratings")))
            .header(
                "cookie",
                format!("{cookie}; {}", server.visitor_cookie(visitor)),
            )
            .json(&json!({ "point": 4 }))
            .send()
    };
    assert_eq!(
        rate("00000000-0000-4000-8000-000000000001")
            .await
            .unwrap()
            .status(),
        201
    );
    // Another browser (another visitor cookie) of the same user is the same reader.
    assert_eq!(
        rate("00000000-0000-4000-8000-000000000002")
            .await
            .unwrap()
            .status(),
        409
    );
}

#[tokio::test]
async fn secure_cookies_are_host_prefixed() {
    let server = TestServer::with_settings(Settings {
        secure_cookies: true,
        ..Settings::default()
    })
    .await;
    let (username, _, password) = DEMO_USER;
    let response = sign_in(&server, username, password).await;
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(set_cookie.starts_with("__Host-kc_session="), "{set_cookie}");
    assert!(
        set_cookie.contains("Secure") && set_cookie.contains("Path=/"),
        "{set_cookie}"
    );
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
}

#[tokio::test]
async fn forty_racing_guesses_check_at_most_five_passwords() {
    let server = TestServer::start().await;
    let guesses = (0..40).map(|i| {
        server
            .client
            .post(server.url("/api/session"))
            .json(&json!({ "username": "demo", "password": format!("doan-{i}") }))
    });
    let statuses = crate::common::concurrent_statuses(guesses).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert!(checked <= 5, "{checked} passwords checked: {statuses:?}");
    // The rest were locked out, or shed while every core was hashing (503).
    assert!(
        statuses.iter().all(|s| [401, 429, 503].contains(s)),
        "{statuses:?}"
    );
    let (username, _, password) = DEMO_USER;
    if checked == 5 {
        problem(sign_in(&server, username, password).await, 429).await;
    }
}

#[tokio::test]
async fn one_address_is_throttled_across_usernames() {
    let server = TestServer::start().await;
    for i in 0..20 {
        let response = sign_in(&server, &format!("nguoi-{i}"), "sai-mat-khau").await;
        assert_eq!(response.status(), 401, "guess {i}");
    }
    let body = problem(sign_in(&server, "nguoi-moi", "sai-mat-khau").await, 429).await;
    assert_eq!(body["type"], "/problems/too-many-requests");
}

async fn failure_rows(server: &TestServer) -> i64 {
    crate::common::integers(&server.pool, "SELECT COUNT(*) FROM sign_in_failures").await[0]
}

#[tokio::test]
async fn overlong_credentials_are_refused_before_any_work() {
    let server = TestServer::start().await;
    let long_name = "a".repeat(65);
    let long_password = "b".repeat(1025);
    for (username, password) in [(long_name.as_str(), "x"), ("demo", long_password.as_str())] {
        let body = problem(sign_in(&server, username, password).await, 422).await;
        assert_eq!(body["title"], "Tên đăng nhập hoặc mật khẩu quá dài");
    }
    assert_eq!(failure_rows(&server).await, 0, "nothing was written");
    let longest = "ă".repeat(64);
    problem(sign_in(&server, &longest, &"c".repeat(1024)).await, 401).await;
}

#[tokio::test]
async fn failures_older_than_the_window_are_deleted() {
    let server = TestServer::start().await;
    crate::common::execute(
        &server.pool,
        "INSERT INTO sign_in_failures (username, ip, at) VALUES ('cu', '127.0.0.1', 1)",
    )
    .await;
    problem(sign_in(&server, "moi", "sai-mat-khau").await, 401).await;
    assert_eq!(
        failure_rows(&server).await,
        1,
        "only the new failure is kept"
    );
}

#[tokio::test]
async fn keepalive_never_passes_the_absolute_end() {
    let server = TestServer::start().await;
    let cookie = demo_session(&server).await;
    let info: SessionInfo = session(&server, &cookie).await.json().await.unwrap();
    let lifetime = info.ends_at - info.now;
    assert!(
        (lifetime.whole_minutes() - 12 * 60).abs() <= 1,
        "{lifetime}"
    );
    // Eleven hours and fifty-nine minutes later, with the idle timer still far off:
    crate::common::execute(
        &server.pool,
        &format!(
            "UPDATE sessions SET ends_at = {} + 60 * 1000",
            info.now.unix_timestamp() * 1000
        ),
    )
    .await;
    let extended = with_cookie(
        &server,
        reqwest::Method::POST,
        "/api/session/keepalive",
        &cookie,
    )
    .await;
    let after: SessionInfo = extended.json().await.unwrap();
    assert_eq!(after.expires_at, after.ends_at, "capped at the end");
    assert!((after.ends_at - after.now).whole_seconds() <= 60);
}

#[tokio::test]
async fn the_session_lifetime_is_a_setting() {
    let server = TestServer::with_settings(Settings {
        session_max_hours: 1,
        idle_timeout_s: 2 * 3600,
        ..Settings::default()
    })
    .await;
    let cookie = demo_session(&server).await;
    let info: SessionInfo = session(&server, &cookie).await.json().await.unwrap();
    assert_eq!(
        info.expires_at, info.ends_at,
        "the idle timeout cannot outlast it"
    );
    assert!(((info.ends_at - info.now).whole_minutes() - 60).abs() <= 1);
}

#[tokio::test]
async fn a_new_password_ends_the_users_sessions() {
    let server = TestServer::start().await;
    let cookie = demo_session(&server).await;
    assert_eq!(session(&server, &cookie).await.status(), 200);
    let mut add_user = std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["add-user", "demo", "--display-name", "Cán bộ", "--database"])
        .arg(crate::common::location_arg(&server.location))
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add_user
        .stdin
        .take()
        .unwrap()
        .write_all(b"mat-khau-moi-2026\n")
        .unwrap();
    assert!(add_user.wait().unwrap().success());
    problem(session(&server, &cookie).await, 401).await;
}

#[tokio::test]
async fn secure_cookies_bring_hsts_and_a_secure_reader_cookie() {
    let server = TestServer::with_settings(Settings {
        secure_cookies: true,
        ..Settings::default()
    })
    .await;
    for path in ["/", "/api/categories"] {
        let response = server.get(path).await;
        assert_eq!(
            response.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
        let reader = response.headers()["set-cookie"].to_str().unwrap();
        assert!(
            reader.starts_with("kc_visitor=") && reader.contains("Secure"),
            "{reader}"
        );
    }
    let plain = TestServer::start().await;
    let response = plain.get("/").await;
    assert!(!response.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn per_reader_answers_are_never_stored_by_caches() {
    let server = TestServer::start().await;
    let cookie = demo_session(&server).await;
    for path in [
        "/api/session",
        "/api/articles/1",
        "/api/polls",
        "/api/polls/1",
        "/api/reader",
    ] {
        let response = with_cookie(&server, reqwest::Method::GET, path, &cookie).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
}

#[tokio::test]
async fn the_demo_account_never_reaches_a_public_server() {
    let dir = tempfile::tempdir().unwrap();
    let public_database = crate::common::fresh_database(&dir.path().join("public")).await;
    let public = db::open(&public_database).await.unwrap();
    db::seed_if_empty(&public, db::Reach::Network)
        .await
        .unwrap();
    let users = crate::common::integers(&public, "SELECT COUNT(*) FROM users").await[0];
    assert_eq!(users, 0, "no demo account beyond loopback");
    let local_database = crate::common::fresh_database(&dir.path().join("local")).await;
    let local = db::open(&local_database).await.unwrap();
    db::seed_if_empty(&local, db::Reach::Loopback)
        .await
        .unwrap();
    let refusal = db::refuse_public_demo_account(&local).await.unwrap_err();
    assert!(refusal.to_string().contains("add-user demo"), "{refusal}");
    db::refuse_public_demo_account(&public).await.unwrap();
}

/// The README's deployment: a TLS proxy on the same machine, the server on loopback.
const BEHIND_A_TLS_PROXY: &[&str] = &["--secure-cookies", "--trusted-proxies", "127.0.0.1"];

#[tokio::test]
async fn a_loopback_server_told_of_its_proxy_creates_no_demo_account() {
    let site = ProcessSite::new().await;
    let server = site.start(BEHIND_A_TLS_PROXY).await;
    let (username, _, password) = db::DEMO_USER;
    let refused = reqwest::Client::new()
        .post(server.url("/api/session"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let db = db::open(&site.database).await.unwrap();
    assert_eq!(
        crate::common::integers(&db, "SELECT COUNT(*) FROM users").await,
        [0]
    );
}

#[tokio::test]
async fn a_server_told_of_its_proxy_refuses_to_start_with_the_demo_password() {
    let site = ProcessSite::new().await;
    drop(site.start(&[]).await);
    for deployment in [
        BEHIND_A_TLS_PROXY,
        &["--public-url", "https://khuyencong.example.gov.vn"],
    ] {
        let refused = site
            .command(deployment)
            .args(["--port", "0"])
            .output()
            .unwrap();
        assert!(!refused.status.success(), "{deployment:?} started");
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(said.contains("add-user demo"), "{said}");
    }
}

#[tokio::test]
async fn behind_a_proxy_on_a_dual_stack_server_each_client_is_its_own_network() {
    let site = ProcessSite::new().await;
    // On `::`, the proxy at 127.0.0.1 arrives as ::ffff:127.0.0.1.
    let args = ["--addr", "::", "--trusted-proxies", "127.0.0.1"];
    let server = site.start(&args).await;
    let client = reqwest::Client::new();
    let guess = |from: &'static str, username: String| {
        client
            .post(server.url("/api/session"))
            .header("x-forwarded-for", from)
            .json(&json!({ "username": username, "password": "sai-mat-khau" }))
            .send()
    };
    for i in 0..20 {
        let response = guess("198.51.100.1", format!("nguoi-{i}")).await.unwrap();
        assert_eq!(response.status(), 401, "guess {i}");
    }
    let locked = guess("198.51.100.1", "nguoi-moi".into()).await.unwrap();
    assert_eq!(locked.status(), 429);
    let colleague = guess("198.51.100.2", "nguoi-moi".into()).await.unwrap();
    assert_eq!(colleague.status(), 401, "another client behind the proxy");
}

#[tokio::test]
async fn a_flood_of_guesses_from_many_networks_stops_at_a_hundred_but_not_the_user_s_office() {
    let server = TestServer::with_settings(Settings {
        trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        ..Settings::default()
    })
    .await;
    let (username, _, password) = DEMO_USER;
    let from = |network: &str, password: &str| {
        server
            .client
            .post(server.url("/api/session"))
            .header("x-forwarded-for", network)
            .json(&json!({ "username": username, "password": password }))
            .send()
    };
    // The user's office, where they signed in before.
    let office = "198.51.100.20";
    assert_eq!(from(office, password).await.unwrap().status(), 200);
    // 100 guesses, four from each of 25 networks (under each network's own lock-out).
    for n in 0..100 {
        let network = format!("203.0.{}.1", n / 4);
        let guess = from(&network, "doan-sai").await.unwrap();
        assert_eq!(guess.status(), 401, "guess {n}");
    }
    let held_back = from("203.0.200.1", password).await.unwrap();
    assert_eq!(
        held_back.status(),
        429,
        "a new network, even with the password"
    );
    assert!(held_back.headers().contains_key("retry-after"));
    assert_eq!(
        from(office, password).await.unwrap().status(),
        200,
        "the office is not locked out"
    );
}
