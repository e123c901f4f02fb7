//! Whatever arrives, every `/api` answer is a clear 4xx problem: no 5xx, no dropped
//! connection, no panic (the OpenAPI document will be used to fuzz every route).

use crate::common::{API_ROUTES, TestServer, concurrent, problem};
use portal_server::Settings;
use reqwest::Method;

/// Ids that are not an id: not a number, too large for one, empty, odd characters.
const BAD_IDS: &[&str] = &[
    "abc",
    "99999999999999999999",
    "-1",
    "0",
    "1.5",
    "%00",
    "%F0%9F%98%80",
];

/// Bodies a client may send that are not what the route takes.
const BAD_BODIES: &[&str] = &[
    "",
    "{",
    "null",
    "[]",
    "\"x\"",
    "{\"point\": \"năm\"}",
    "{\"point\": 1e400}",
    "{\"option_ids\": [1, 1, 1]}",
    "{\"option_ids\": [-9223372036854775808]}",
    "{\"username\": 1, \"password\": []}",
];

fn is_problem(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get("content-type")
        .is_some_and(|v| v == "application/problem+json")
}

async fn send(
    server: &TestServer,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> reqwest::Response {
    // A reader the server issued, so state changes get as far as their bodies.
    let reader = server.visitor_cookie("3f2e1d0c-9b8a-4765-8432-10fedcba9876");
    let mut request = server
        .client
        .request(
            Method::from_bytes(method.as_bytes()).unwrap(),
            server.url(path),
        )
        .header("cookie", reader);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_owned());
    }
    request
        .send()
        .await
        .expect("an answer, not a dropped connection")
}

#[tokio::test]
async fn no_route_fails_or_panics_on_malformed_input() {
    let server = TestServer::start().await;
    for (method, route) in API_ROUTES {
        let paths: Vec<String> = if route.contains("{id}") {
            BAD_IDS.iter().map(|id| route.replace("{id}", id)).collect()
        } else {
            vec![
                (*route).to_owned(),
                format!("{route}?page=abc&per_page=-1&category=%FF"),
            ]
        };
        let bodies: Vec<Option<&str>> = match *method {
            "get" => vec![None],
            _ => BAD_BODIES.iter().copied().map(Some).collect(),
        };
        for path in &paths {
            for body in &bodies {
                let response = send(&server, method, path, *body).await;
                let status = response.status().as_u16();
                assert!(status < 500, "{method} {path} {body:?}: {status}");
                if status >= 400 {
                    assert!(is_problem(&response), "{method} {path} {body:?}: {status}");
                }
            }
        }
    }
}

#[tokio::test]
async fn wrong_methods_are_405_problems() {
    let server = TestServer::start().await;
    for (method, path) in [
        ("PUT", "/api/categories"),
        ("TRACE", "/api/articles/1"),
        ("PATCH", "/api/session"),
        ("FROB", "/api/polls"),
    ] {
        let response = send(&server, method, path, None).await;
        assert!(response.headers().contains_key("allow"), "{method} {path}");
        let body = problem(response, 405).await;
        assert_eq!(
            body["type"], "/problems/method-not-allowed",
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn unknown_paths_and_wrong_types_are_problems() {
    let server = TestServer::start().await;
    problem(server.get("/api/khong-co/1").await, 404).await;
    let as_form = server
        .client
        .post(server.url("/api/articles/1/ratings"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("point=5")
        .send()
        .await
        .unwrap();
    problem(as_form, 415).await;
}

#[tokio::test]
async fn a_body_over_16_kib_is_a_413_problem() {
    let server = TestServer::start().await;
    let padding = "x".repeat(20 * 1024);
    let body = format!("{{\"point\": 5, \"padding\": \"{padding}\"}}");
    let response = send(&server, "POST", "/api/articles/1/ratings", Some(&body)).await;
    let body = problem(response, 413).await;
    assert_eq!(body["type"], "/problems/too-large");
}

#[tokio::test]
async fn load_beyond_the_concurrency_limit_is_shed_with_503() {
    let server = TestServer::with_settings(Settings {
        max_concurrent_requests: 1,
        ..Settings::default()
    })
    .await;
    // Sign-ins hash a password: slow enough that parallel ones overlap.
    let requests = (0..12).map(|i| {
        server.client.post(server.url("/api/session")).json(
            &serde_json::json!({ "username": format!("khach-{i}"), "password": "sai-mat-khau" }),
        )
    });
    let responses: Vec<_> = concurrent(requests)
        .await
        .iter()
        .map(|r| {
            let retry = r.headers().contains_key("retry-after");
            (r.status().as_u16(), is_problem(r), retry)
        })
        .collect();
    let shed: Vec<_> = responses.iter().filter(|r| r.0 == 503).collect();
    assert!(
        !shed.is_empty(),
        "{:?}",
        responses.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    assert!(
        shed.iter().all(|r| r.1 && r.2),
        "503s are problems with Retry-After"
    );
    assert!(responses.iter().all(|r| [401, 503].contains(&r.0)));
}
