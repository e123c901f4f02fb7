//! The centre's own pages: the API's reads, and a content file's pages checked, sanitized
//! and kept by slug.

use std::path::Path;

use crate::common::{TestServer, fresh_database, import_content, integers, problem, texts};
use portal_contract::{CentrePage, CentrePageLink, paths::api};
use portal_server::db::{self, Location};

#[tokio::test]
async fn the_api_lists_the_pages_in_order_and_answers_each() {
    let server = TestServer::start().await;
    let links: Vec<CentrePageLink> = server.get(api::CENTRE_PAGES).await.json().await.unwrap();
    let slugs: Vec<(&str, bool)> = links
        .iter()
        .map(|link| (link.slug.as_str(), link.in_menu))
        .collect();
    assert_eq!(
        slugs,
        [
            ("gioi-thieu", true),
            ("chuc-nang-nhiem-vu", true),
            ("quy-che-cong-thong-tin", false)
        ]
    );
    let page: CentrePage = server
        .get(&api::centre_page("gioi-thieu"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.title, "Giới thiệu");
    assert!(page.body_html.starts_with("<p>Trung tâm Khuyến công"));
    let missing = problem(server.get(&api::centre_page("khong-co")).await, 404).await;
    assert_eq!(missing["title"], "Không tìm thấy trang");
}

fn import(database: &Location, file: &Path) -> std::process::Output {
    import_content(database, file, None)
}

#[tokio::test]
async fn a_files_pages_are_sanitized_kept_by_slug_and_refused_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let file = dir.path().join("pages.jsonl");
    let page = |title: &str, body: &str| {
        format!(
            r#"{{"kind":"centre_page","slug":"gioi-thieu","title":"{title}","body_html":"{body}","position":3}}"#
        )
    };
    std::fs::write(
        &file,
        page(
            "Giới thiệu",
            "<p onclick=\\\"x()\\\">Chữ</p><script>x()</script>",
        ),
    )
    .unwrap();
    let output = import(&database, &file);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(", 1 pages"));
    let pool = db::open(&database).await.unwrap();
    let stored = texts(&pool, "SELECT body_html FROM centre_pages").await;
    assert_eq!(stored, [Some("<p>Chữ</p>".to_owned())], "stored sanitized");
    std::fs::write(&file, page("Về chúng tôi", "<p>Mới</p>")).unwrap();
    assert!(import(&database, &file).status.success());
    assert_eq!(
        integers(&pool, "SELECT COUNT(*) FROM centre_pages").await,
        [1]
    );
    let stored = texts(&pool, "SELECT title, body_html FROM centre_pages").await;
    assert_eq!(
        stored,
        [Some("Về chúng tôi".into()), Some("<p>Mới</p>".into())]
    );

    // A page with no text is refused with its line, and nothing of the file is written.
    let broken = format!(
        "{}\n{}\n",
        page("Khác", "<p>Khác</p>"),
        page("Trống", "<p> </p>")
    );
    std::fs::write(&file, broken).unwrap();
    let output = import(&database, &file);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2:"), "{stderr}");
    assert!(stderr.contains("Trang cần có nội dung"), "{stderr}");
    assert_eq!(
        integers(&pool, "SELECT COUNT(*) FROM centre_pages").await,
        [1]
    );
    let stored = texts(&pool, "SELECT title FROM centre_pages").await;
    assert_eq!(stored, [Some("Về chúng tôi".to_owned())]);
    pool.close().await;
}
