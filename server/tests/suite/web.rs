//! The app's files, cache rules, security headers and the OpenAPI document.

use std::collections::BTreeSet;

use crate::common::{API_ROUTES, HASHED_ASSET, TestServer, issued_visitor};

#[tokio::test]
async fn an_address_that_is_neither_a_file_nor_a_page_is_the_written_not_found_page() {
    // Every citizens' address is a page the server writes (see pages.rs); the app's shell
    // itself is only `/index.html`, revalidated.
    let server = TestServer::start().await;
    for path in ["/khong-co", "/chuyen-muc", "/bai-viet/1/khac"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            response.headers()["cache-control"],
            "private, no-cache",
            "{path}"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains("Không tìm thấy trang"), "{path}: {html}");
    }
    let shell = server.get("/index.html").await;
    assert_eq!(shell.headers()["cache-control"], "no-cache");
    assert!(shell.text().await.unwrap().contains("<title>SPA</title>"));
}

#[tokio::test]
async fn the_page_itself_issues_the_reader_cookie() {
    // The app's first API calls run in parallel; they must all carry one reader id.
    let server = TestServer::start().await;
    for path in ["/", "/index.html", "/bai-viet/1"] {
        assert!(issued_visitor(&server.get(path).await).is_some(), "{path}");
    }
    let known = server
        .get_as("7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", "/bai-viet/1")
        .await;
    assert_eq!(issued_visitor(&known), None);
    let asset = server.get(&format!("/{HASHED_ASSET}")).await;
    assert_eq!(
        issued_visitor(&asset),
        None,
        "cacheable assets set no cookie"
    );
}

#[tokio::test]
async fn hashed_assets_are_cached_for_good() {
    let server = TestServer::start().await;
    let response = server.get(&format!("/{HASHED_ASSET}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let server = TestServer::start().await;
    for path in ["/", "/api/categories", "/api/khong-co"] {
        let response = server.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "SAMEORIGIN");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
    }
}

#[tokio::test]
async fn precompressed_files_are_sent_when_present() {
    let server = TestServer::start().await;
    let dist = server.dir().join("dist");
    std::fs::write(dist.join("index.html.br"), b"brotli bytes").unwrap();
    let response = server
        .client
        .get(server.url("/index.html"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"brotli bytes");
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let server = TestServer::start().await;
    let response = server.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let doc: serde_json::Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = API_ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(documented, routed);
}

#[tokio::test]
async fn the_document_lists_the_answers_of_the_shared_plumbing() {
    let server = TestServer::start().await;
    let doc: serde_json::Value = server.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["components"]["responses"]["ProblemDetails"].is_object());
    for (method, path) in API_ROUTES {
        let responses = &doc["paths"][path][method]["responses"];
        let lists =
            |status: &str| responses[status]["$ref"] == "#/components/responses/ProblemDetails";
        assert_eq!(
            lists("400"),
            // Ids in the path, and the routes whose query has numbers.
            path.contains("{id}")
                || (*method == "get"
                    && [
                        "/api/articles",
                        "/api/search",
                        "/api/newsroom/articles",
                        "/api/newsroom/audit",
                    ]
                    .contains(path)),
            "{method} {path}"
        );
        let changes_state = *method != "get";
        assert_eq!(lists("415"), changes_state, "{method} {path}");
        assert_eq!(lists("413"), changes_state, "{method} {path}");
        assert!(lists("408") && lists("503"), "{method} {path}");
        assert!(!changes_state || lists("403"), "{method} {path}");
    }
}

#[tokio::test]
async fn every_documented_route_is_served() {
    let server = TestServer::start().await;
    for (method, path) in API_ROUTES {
        let url = server.url(&path.replace("{id}", "1").replace("{slug}", "gioi-thieu"));
        let request = match *method {
            "get" => server.client.get(url),
            "post" => server.client.post(url).json(&serde_json::json!({})),
            "put" => server.client.put(url).json(&serde_json::json!({})),
            "patch" => server.client.patch(url).json(&serde_json::json!({})),
            "delete" => server.client.delete(url),
            other => panic!("no test request for {other}"),
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert!(![404, 405].contains(&status), "{method} {path}: {status}");
        if response.status().is_redirection() || status == 204 {
            continue;
        }
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .contains("json"),
            "{method} {path}"
        );
    }
}

/// Every `$ref` in `value`, with where it stands.
fn references<'a>(value: &'a serde_json::Value, at: String, found: &mut Vec<(String, &'a str)>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, inner) in object {
                match (key.as_str(), inner) {
                    ("$ref", serde_json::Value::String(target)) => found.push((at.clone(), target)),
                    _ => references(inner, format!("{at}/{key}"), found),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                references(inner, format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn every_reference_of_the_document_resolves_and_every_operation_says_its_success() {
    let server = TestServer::start().await;
    let doc: serde_json::Value = server.get("/api/openapi.json").await.json().await.unwrap();
    let mut found = Vec::new();
    references(&doc, String::new(), &mut found);
    assert!(!found.is_empty());
    for (at, target) in found {
        let pointer = target
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{at}: {target}"));
        assert!(
            doc.pointer(pointer).is_some(),
            "{at} refers to {target}, which is not there"
        );
    }
    for (method, path) in API_ROUTES {
        let responses = doc["paths"][path][method]["responses"].as_object().unwrap();
        let succeeds = responses
            .keys()
            .any(|status| status.starts_with('2') || status.starts_with('3'));
        assert!(succeeds, "{method} {path} documents no success");
    }
}

#[tokio::test]
async fn every_documented_bound_of_a_query_is_enforced() {
    let server = crate::newsroom::newsroom().await;
    let admin = crate::newsroom::admin(&server).await;
    let doc: serde_json::Value = server.get("/api/openapi.json").await.json().await.unwrap();
    let mut checked = 0;
    for (method, path) in API_ROUTES.iter().filter(|(method, _)| *method == "get") {
        let parameters = doc["paths"][path][method]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for parameter in parameters.iter().filter(|p| p["in"] == "query") {
            let name = parameter["name"].as_str().unwrap();
            let schema = &parameter["schema"];
            let beyond = [
                schema["maximum"].as_i64().map(|max| max + 1),
                schema["minimum"].as_i64().map(|min| min - 1),
            ];
            for value in beyond.into_iter().flatten() {
                // Search needs words to look for.
                let query = format!("q=khuyen+cong&{name}={value}");
                let url = format!("{}?{query}", path.replace("{id}", "1"));
                let answer = server
                    .as_signed_in("GET", &url, &admin)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(answer.status(), 422, "{method} {url}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "{checked} bounds checked");
}
