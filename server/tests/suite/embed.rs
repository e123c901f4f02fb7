//! Framing rules per route and configuration, and the reader cookie in embed pages.

use crate::common::TestServer;
use portal_server::Settings;
use reqwest::Response;

fn csp(response: &Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned()
}

fn frame_ancestors(response: &Response) -> String {
    csp(response)
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("frame-ancestors "))
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn full_pages_may_be_framed_only_by_ourselves() {
    let server = TestServer::with_settings(Settings {
        embed_origins: vec!["https://soct.example.gov.vn".into()],
        ..Settings::default()
    })
    .await;
    for path in ["/", "/bai-viet/1", "/binh-chon", "/api/categories"] {
        let response = server.get(path).await;
        assert_eq!(frame_ancestors(&response), "'self'", "{path}");
        assert_eq!(
            response.headers()["x-frame-options"],
            "SAMEORIGIN",
            "{path}"
        );
    }
}

#[tokio::test]
async fn embed_pages_may_be_framed_by_the_allow_list() {
    let server = TestServer::with_settings(Settings {
        embed_origins: vec![
            "https://soct.example.gov.vn".into(),
            "http://localhost:8080".into(),
        ],
        ..Settings::default()
    })
    .await;
    for path in ["/nhung/bai-viet/1", "/nhung/binh-chon/1"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            frame_ancestors(&response),
            "'self' https://soct.example.gov.vn http://localhost:8080",
            "{path}"
        );
        assert!(
            response.headers().get("x-frame-options").is_none(),
            "{path}"
        );
        assert!(!csp(&response).contains("unsafe-inline"));
    }
}

#[tokio::test]
async fn by_default_embed_pages_are_only_for_our_own_origin() {
    let server = TestServer::start().await;
    let response = server.get("/nhung/bai-viet/1").await;
    assert_eq!(frame_ancestors(&response), "'self'");
    assert!(response.headers().get("x-frame-options").is_none());
}

#[tokio::test]
async fn embed_pages_issue_a_partitioned_third_party_cookie() {
    let server = TestServer::start().await;
    let embed = server.get("/nhung/bai-viet/1").await;
    let cookie = embed.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("kc_visitor="), "{cookie}");
    for attribute in ["SameSite=None", "Secure", "Partitioned", "HttpOnly"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    let framed_api = server
        .client
        .get(server.url("/api/categories"))
        .header("sec-fetch-dest", "iframe")
        .send()
        .await
        .unwrap();
    assert!(
        framed_api.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Partitioned")
    );
    let page = server.get("/bai-viet/1").await;
    let cookie = page.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("SameSite=Lax") && !cookie.contains("Partitioned"),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_reader_status_says_whether_the_cookie_came_back() {
    let server = TestServer::start().await;
    let fresh: serde_json::Value = server.get("/api/reader").await.json().await.unwrap();
    assert_eq!(fresh["known"], false);
    let known: serde_json::Value = server
        .get_as("7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", "/api/reader")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(known["known"], true);
}
