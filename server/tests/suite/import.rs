//! The `import` subcommand: idempotent upserts, and broken files refused whole.

use std::path::Path;

use crate::common::{assert_progress_ended, fresh_database, import_content, integers, texts};
use portal_server::db::{self, Location};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content/demo.jsonl");

fn import(database: &Location, file: &Path) -> std::process::Output {
    import_content(database, file, None)
}

async fn count(database: &Location, table: &str) -> i64 {
    let pool = db::open(database).await.unwrap();
    let n = integers(&pool, &format!("SELECT COUNT(*) FROM {table}")).await[0];
    pool.close().await;
    n
}

#[tokio::test]
async fn importing_the_same_file_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    for _ in 0..2 {
        let output = import(&database, Path::new(DEMO));
        assert!(output.status.success(), "{output:?}");
        assert_progress_ended(&String::from_utf8_lossy(&output.stderr), "records");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("imported 4 categories, 14 articles"),
            "{stdout}"
        );
    }
    assert_eq!(count(&database, "categories").await, 4);
    assert_eq!(count(&database, "articles").await, 14);
}

#[tokio::test]
async fn an_import_updates_articles_by_slug() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    assert!(import(&database, Path::new(DEMO)).status.success());
    let update = dir.path().join("update.jsonl");
    std::fs::write(
        &update,
        r#"{"kind":"article","slug":"tap-huan-thuong-mai-dien-tu","category":"dao-tao-tap-huan","title":"Tiêu đề mới","summary":"S","body_html":"<p>B</p><script>x()</script>","author":"A","published_at":"2021-05-27T08:00:00+07:00"}"#,
    )
    .unwrap();
    assert!(import(&database, &update).status.success());
    assert_eq!(count(&database, "articles").await, 14);
    let pool = db::open(&database).await.unwrap();
    let stored = texts(
        &pool,
        "SELECT title, body_html FROM articles WHERE slug = 'tap-huan-thuong-mai-dien-tu'",
    )
    .await;
    assert_eq!(stored[0].as_deref(), Some("Tiêu đề mới"));
    assert_eq!(stored[1].as_deref(), Some("<p>B</p>"), "stored sanitized");
}

#[tokio::test]
async fn a_broken_file_is_refused_with_its_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(
        &broken,
        concat!(
            r#"{"kind":"category","slug":"moi","title":"Mới"}"#,
            "\n",
            r#"{"kind":"article","slug":"a","category":"moi","title":"T","summary":"S","body_html":"<p>B</p>","author":"A","published_at":"2021-01-01T00:00:00Z"}"#,
            "\n\n",
            r#"{"kind":"article","slug":"b","category":"khong-co","title":"T","summary":"S","body_html":"<p>B</p>","author":"A","published_at":"2021-01-01T00:00:00Z"}"#,
            "\n",
        ),
    )
    .unwrap();
    let output = import(&database, &broken);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 4: unknown category `khong-co`"),
        "{stderr}"
    );
    assert_eq!(count(&database, "categories").await, 0);
    assert_eq!(count(&database, "articles").await, 0);

    std::fs::write(
        &broken,
        "{\"kind\":\"category\",\"slug\":\"x\",\"title\":\"X\"}\n{oops\n",
    )
    .unwrap();
    let output = import(&database, &broken);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2:"), "{stderr}");
    assert_eq!(count(&database, "categories").await, 0);
}

fn import_with_uploads(database: &Location, file: &Path, uploads: &Path) -> std::process::Output {
    import_content(database, file, Some(uploads))
}

fn article_with_files(slug: &str, files: &str) -> String {
    format!(
        r#"{{"kind":"article","slug":"{slug}","category":"tin-hoat-dong","title":"Bài có ảnh","summary":"S","body_html":"<p>B</p>","author":"A","published_at":"2021-01-01T00:00:00Z",{files}}}"#
    )
}

#[tokio::test]
async fn an_article_s_picture_and_attachments_are_filed_from_their_paths() {
    let dir = tempfile::tempdir().unwrap();
    let (database, uploads) = (fresh_database(dir.path()).await, dir.path().join("uploads"));
    assert!(import(&database, Path::new(DEMO)).status.success());
    std::fs::create_dir(dir.path().join("anh")).unwrap();
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(1000, 500)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    std::fs::write(dir.path().join("anh/hoi-cho.png"), png.into_inner()).unwrap();
    std::fs::write(dir.path().join("Kế hoạch.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let content = dir.path().join("bai.jsonl");
    let files =
        r#""image":"anh/hoi-cho.png","image_caption":"Gian hàng","attachments":["Kế hoạch.pdf"]"#;
    std::fs::write(&content, article_with_files("bai-co-anh", files)).unwrap();
    let output = import_with_uploads(&database, &content, &uploads);
    assert!(output.status.success(), "{output:?}");

    let pool = db::open(&database).await.unwrap();
    let stored = texts(
        &pool,
        "SELECT a.picture_caption, a.attachment_ids, u.name FROM articles a
         JOIN uploads u ON u.id = a.picture_id WHERE a.slug = 'bai-co-anh'",
    )
    .await;
    let [caption, attachments, picture] = [0, 1, 2].map(|i| stored[i].clone().unwrap());
    assert_eq!(
        (caption.as_str(), picture.as_str()),
        ("Gian hàng", "hoi-cho.png")
    );
    let pdf = texts(
        &pool,
        "SELECT name, CAST(created_by AS TEXT) FROM uploads WHERE kind = 'attachment'",
    )
    .await;
    assert_eq!(pdf, [Some("Kế hoạch.pdf".to_owned()), None]);
    assert_eq!(
        attachments.matches(',').count(),
        0,
        "one attachment: {attachments}"
    );
    assert_eq!(
        crate::common::stored_files(&pool, &uploads).await.len(),
        4,
        "the PDF, the picture and its 480 and 960 px copies, no temporary file"
    );
    pool.close().await;

    // A renamed HTML file is refused by its content, with its line; nothing is written.
    std::fs::write(
        dir.path().join("trang.pdf"),
        b"<!DOCTYPE html><script>x()</script>",
    )
    .unwrap();
    let hostile = format!(
        "{}\n{}",
        article_with_files("bai-khac", r#""image":"anh/hoi-cho.png""#),
        article_with_files("bai-doc-hai", r#""attachments":["trang.pdf"]"#)
    );
    std::fs::write(&content, hostile).unwrap();
    let output = import_with_uploads(&database, &content, &uploads);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 2: `trang.pdf`: Chỉ nhận ảnh JPEG"),
        "{stderr}"
    );
    assert_eq!(
        count(&database, "articles").await,
        15,
        "neither article written"
    );
}
