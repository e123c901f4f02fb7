//! Moving a NukeViet site onto the portal with `portal-server import-nukeviet`: a real
//! MariaDB holding NukeViet's own tables (`fixtures/nukeviet.sql`) and an uploads folder,
//! moved into the portal's database on either engine, and checked through the API and the
//! written pages. The test run names its MariaDB in `PORTAL_TEST_MARIADB`.

use std::{path::Path, process::Output};

use crate::{
    common::{
        MariadbDatabase, TestServer, assert_progress_ended, integers, location_arg, mariadb_server,
        texts,
    },
    newsroom::{draft, edited, save},
};
use portal_contract::{Article, CentrePage, Organisation, Poll};
use serde_json::json;
use tempfile::TempDir;

const SITE: &str = include_str!("../fixtures/nukeviet.sql");

/// The old site: its database and its `uploads/` folder.
struct OldSite {
    db: MariadbDatabase,
    uploads: TempDir,
}

async fn old_site() -> Option<OldSite> {
    let Some(server) = mariadb_server() else {
        eprintln!("PORTAL_TEST_MARIADB is not set: the NukeViet move is not tested here");
        return None;
    };
    let db = MariadbDatabase::create(&server, SITE).await;
    let uploads = tempfile::tempdir().unwrap();
    let news = uploads.path().join("news/2024_05");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("anh-dai-dien.png"),
        crate::newsroom::png(640, 360),
    )
    .unwrap();
    std::fs::write(news.join("gian-hang.png"), crate::newsroom::png(320, 200)).unwrap();
    let about = uploads.path().join("about");
    std::fs::create_dir_all(&about).unwrap();
    std::fs::write(about.join("so-do.png"), crate::newsroom::png(400, 300)).unwrap();
    let organs = uploads.path().join("organs/2024_05");
    std::fs::create_dir_all(&organs).unwrap();
    std::fs::write(organs.join("chan-dung.png"), crate::newsroom::png(300, 400)).unwrap();
    std::fs::write(
        news.join("ke-hoach.pdf"),
        b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
    )
    .unwrap();
    // A web page with a PDF's name: refused by its content.
    std::fs::write(
        news.join("trang-web.pdf"),
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    )
    .unwrap();
    Some(OldSite { db, uploads })
}

/// `portal-server import-nukeviet` from `old` into `database` (with `args` added).
fn import_into(
    database: &str,
    uploads_dir: &Path,
    old: &OldSite,
    url: &str,
    args: &[&str],
) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["import-nukeviet", url, "--uploads-from"])
        .arg(old.uploads.path())
        .arg("--database")
        .arg(database)
        .arg("--uploads-dir")
        .arg(uploads_dir)
        .args(args)
        .output()
        .unwrap()
}

/// The move of `old` into `server`'s database; its report.
fn import(server: &TestServer, old: &OldSite, args: &[&str]) -> String {
    let output = import_into(
        &location_arg(&server.location),
        &server.dir().join("uploads"),
        old,
        &old.db.url,
        args,
    );
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    let progress = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{report}\n{progress}");
    assert_progress_ended(&progress, "articles");
    report
}

/// The report's counts of `kind`: added, updated, unchanged, kept.
fn counts(report: &str, kind: &str) -> Vec<u64> {
    let line = report
        .lines()
        .find(|line| line.split_whitespace().next() == Some(kind))
        .unwrap_or_else(|| panic!("no {kind} line in\n{report}"));
    line.split_whitespace()
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect()
}

/// The portal's id of the article moved from NukeViet's `legacy_id`, by its old address
/// (which redirects to it).
async fn moved_id(server: &TestServer, old_path: &str) -> i64 {
    let response = server.get(old_path).await;
    assert_eq!(response.status(), 301, "{old_path}");
    let location = response.headers()["location"].to_str().unwrap();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

async fn column(server: &TestServer, sql: &str) -> String {
    texts(&server.pool, sql).await[0]
        .clone()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_nukeviet_site_moves_with_its_files_counts_and_states_and_nothing_hostile() {
    let Some(old) = old_site().await else { return };
    let server = TestServer::start().await;
    let moved_rows = "SELECT COUNT(*) FROM articles WHERE legacy_id BETWEEN 101 AND 199";

    let dry = import(&server, &old, &["--dry-run"]);
    assert!(dry.contains("dry run: nothing was written"), "{dry}");
    assert_eq!(counts(&dry, "articles"), [6, 0, 0, 0], "{dry}");
    assert_eq!(integers(&server.pool, moved_rows).await, [0]);

    let report = import(&server, &old, &[]);
    assert_eq!(counts(&report, "categories"), [3, 0, 0, 0], "{report}");
    assert_eq!(counts(&report, "articles"), [6, 0, 0, 0], "{report}");
    assert_eq!(counts(&report, "polls"), [1, 0, 0, 0], "{report}");
    // "hội chợ" is a tag of the demo content already; "thủ công mỹ nghệ" is new.
    assert_eq!(counts(&report, "tags"), [1, 0, 1, 0], "{report}");
    assert_eq!(counts(&report, "links"), [2, 0, 0, 0], "{report}");
    for refusal in [
        "article 106: its category 99 does not exist",
        "file of article 101: `news/2024_05/trang-web.pdf`",
        "file of article 101: cannot read `news/2024_05/khong-co.pdf`",
        "file of article 107: `../../../etc/passwd` is not a path in the uploads folder",
        "file of article 107: `../secret.pdf` is not a path in the uploads folder",
        "poll 2: ",
        "link 3: ",
    ] {
        assert!(report.contains(refusal), "{refusal}\n{report}");
    }
    assert!(report.contains("Nguyễn Văn Hùng, Trần Thị Lan"), "{report}");
    assert_eq!(integers(&server.pool, moved_rows).await, [6]);

    let id = moved_id(
        &server,
        "/vi/news/tin-khuyen-cong/hoi-cho-hang-thu-cong-2024-101.html",
    )
    .await;
    let article: Article = server
        .get(&format!("/api/articles/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        article.title,
        "Hội chợ hàng thủ công mỹ nghệ Bắc Giang 2024"
    );
    assert_eq!(article.slug, "hoi-cho-hang-thu-cong-2024");
    assert_eq!(article.category.slug, "tin-khuyen-cong");
    assert_eq!(article.author, "Nguyễn Văn Hùng");
    assert_eq!(article.source.as_deref(), Some("Báo Công Thương"));
    assert_eq!(article.tags, ["hội chợ", "thủ công mỹ nghệ"]);
    assert!(article.views >= 1234, "{}", article.views);
    assert_eq!((article.rating.total, article.rating.count), (45, 10));
    assert!(
        article.picture_html.contains("/tep/"),
        "{}",
        article.picture_html
    );
    assert!(article.picture_html.contains("Khai mạc hội chợ"));
    assert_eq!(
        article.attachments_html.matches("/tep/").count(),
        1,
        "{}",
        article.attachments_html
    );
    let body = &article.body_html;
    assert_eq!(body.matches("src=\"/tep/").count(), 1, "{body}");
    assert!(body.contains("href=\"/tep/"), "{body}");
    for hostile in [
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "/uploads/",
    ] {
        assert!(!body.contains(hostile), "{hostile} in {body}");
    }
    let second = moved_id(
        &server,
        "/vi/news/khuyen-cong-dia-phuong/hoi-cho-hang-thu-cong-2024-105.html",
    )
    .await;
    let linking: Article = server
        .get(&format!("/api/articles/{second}"))
        .await
        .json()
        .await
        .unwrap();
    let later = integers(
        &server.pool,
        "SELECT id FROM articles WHERE legacy_id = 107",
    )
    .await[0];
    for link in [
        format!("href=\"/bai-viet/{id}\""),
        format!("href=\"/bai-viet/{later}\""),
        "href=\"/chuyen-muc/khuyen-cong-dia-phuong\"".to_owned(),
        "/vi/news/tin-khuyen-cong/ban-nhap-chua-duyet-102.html".to_owned(),
        "https://moit.gov.vn/vi/news/tin/bai-khac-5.html".to_owned(),
    ] {
        assert!(
            linking.body_html.contains(&link),
            "{link} in {}",
            linking.body_html
        );
    }
    assert!(report.contains("pointed at the portal: 3"), "{report}");
    let written = server
        .get(&format!("/bai-viet/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(written.contains("Hội chợ hàng thủ công mỹ nghệ Bắc Giang 2024"));

    let state = |legacy: i64| format!("SELECT status FROM articles WHERE legacy_id = {legacy}");
    assert_eq!(column(&server, &state(102)).await, "draft");
    assert_eq!(column(&server, &state(103)).await, "published");
    assert_eq!(
        integers(
            &server.pool,
            "SELECT published_at FROM articles WHERE legacy_id = 103"
        )
        .await,
        [4_102_444_800],
        "scheduled"
    );
    assert_eq!(column(&server, &state(104)).await, "unpublished");
    assert_eq!(
        column(&server, "SELECT slug FROM articles WHERE legacy_id = 105").await,
        "hoi-cho-hang-thu-cong-2024-2"
    );
    assert_eq!(
        integers(
            &server.pool,
            "SELECT COUNT(*) FROM articles WHERE legacy_id = 107 AND picture_id IS NULL"
        )
        .await,
        [1]
    );
    let categories: Vec<portal_contract::Category> =
        server.get("/api/categories").await.json().await.unwrap();
    let of = |slug: &str| categories.iter().find(|c| c.slug == slug).unwrap().clone();
    let (parent, child) = (of("tin-khuyen-cong"), of("khuyen-cong-dia-phuong"));
    assert_eq!((parent.parent_id, child.parent_id), (None, Some(parent.id)));
    let listed = server
        .get("/api/articles?category=tin-khuyen-cong&per_page=50")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains("Hội chợ hàng thủ công (bài thứ hai)"),
        "a child's article: {listed}"
    );
    let home = server.get("/").await.text().await.unwrap();
    let menu = &home[home.find("category-menu__list").unwrap()..];
    let menu = &menu[..menu.find("</ul>").unwrap()];
    assert!(
        menu.contains("Tin khuyến công") && !menu.contains("Khuyến công địa phương"),
        "{menu}"
    );

    let polls: Vec<Poll> = server.get("/api/polls").await.json().await.unwrap();
    let poll = polls.iter().find(|p| p.slug == "binh-chon-1").unwrap();
    let votes: Vec<u64> = poll.options.iter().map(|o| o.votes).collect();
    assert_eq!(votes, [10, 20, 5]);
    assert_eq!(poll.total_votes, 35);
    assert_eq!(poll.link.as_deref(), Some("/chuyen-muc/tin-khuyen-cong"));
    assert_eq!(
        poll.options[0].link.as_deref(),
        Some(format!("/bai-viet/{id}").as_str())
    );
    assert_eq!(poll.options[1].link, None);
    let sidebar = server.get("/api/sidebar").await.text().await.unwrap();
    assert!(sidebar.contains("Bộ Công Thương") && sidebar.contains("Cơ quan nhà nước"));
    assert!(!sidebar.contains("Trang đã ẩn") && !sidebar.contains("javascript:"));
    assert_eq!(
        integers(
            &server.pool,
            "SELECT visits FROM weblinks WHERE slug = 'lien-ket-1'"
        )
        .await,
        [50]
    );

    // The page module's pages: the demo's slugs taken, so numbered; the hidden one, the
    // one with no text and the module without a table told.
    assert_eq!(counts(&report, "pages"), [2, 0, 0, 0], "{report}");
    for told in [
        "page 3 (`trang-da-an`) of `about` is hidden on the old site: not moved",
        "page 4: `body_html`: Trang cần có nội dung",
        "the page module `quy-dinh` has no table: its pages were not moved",
    ] {
        assert!(report.contains(told), "{told} in\n{report}");
    }
    for (old_path, new_path) in [
        ("/vi/about/gioi-thieu.html", "/trang/gioi-thieu-2"),
        ("/about/gioi-thieu.html", "/trang/gioi-thieu-2"),
        (
            "/index.php?language=vi&nv=about&op=gioi-thieu",
            "/trang/gioi-thieu-2",
        ),
        // The module's own address: its first page.
        ("/vi/about/", "/trang/chuc-nang-nhiem-vu-2"),
    ] {
        let response = server.get(old_path).await;
        assert_eq!(response.status(), 301, "{old_path}");
        assert_eq!(response.headers()["location"], new_path, "{old_path}");
    }
    assert_eq!(server.get("/vi/about/khong-co.html").await.status(), 404);
    let page: CentrePage = server
        .get("/api/pages/gioi-thieu-2")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.title, "Giới thiệu chung");
    assert_eq!(page.summary, "Về Trung tâm .");
    assert!(!page.body_html.contains("script") && !page.body_html.contains("onerror"));
    let picture = page.body_html.split("src=\"").nth(1).unwrap();
    assert!(picture.starts_with("/tep/"), "{}", page.body_html);

    // The organs module: the child after its parent; hidden ones and contacts that make no
    // link told; a photo filed, a path out of the uploads folder refused.
    assert_eq!(counts(&report, "units"), [2, 0, 0, 0], "{report}");
    assert_eq!(counts(&report, "people"), [2, 0, 0, 0], "{report}");
    for told in [
        "unit 3 (Phòng đã giải thể) is hidden on the old site: not moved",
        "unit 2: its phone `0203.3820.101 (máy lẻ 5)` makes no link: left out",
        "unit 2: its e-mail `thu ky at khuyencong` makes no link: left out",
        "person 12: their e-mail `lan@` makes no link: left out",
        "person 13 (Người đã nghỉ) is hidden on the old site: not moved",
        "person 14: their unit 3 did not move",
        "file of person 12: `../../../etc/passwd` is not a path in the uploads folder",
    ] {
        assert!(report.contains(told), "{told} in\n{report}");
    }
    let organisation: Organisation = server.get("/api/organisation").await.json().await.unwrap();
    let moved: Vec<(u32, &str, Option<&str>)> = organisation
        .units
        .iter()
        .filter(|unit| unit.slug.starts_with("don-vi-"))
        .map(|unit| (unit.depth, unit.name.as_str(), unit.fax.as_deref()))
        .collect();
    assert_eq!(
        moved,
        [
            (0, "Ban Giám đốc Trung tâm", None),
            (1, "Tổ Thư ký", Some("0203 3820 109"))
        ]
    );
    let director = &organisation
        .units
        .iter()
        .find(|u| u.slug == "don-vi-1")
        .unwrap()
        .people[0];
    assert_eq!(director.title, "Giám đốc");
    assert_eq!(director.phone.as_deref(), Some("0913 000 011"));
    assert!(director.photo.as_ref().unwrap().url.starts_with("/tep/"));

    let again = import(&server, &old, &[]);
    assert_eq!(counts(&again, "articles"), [0, 0, 6, 0], "{again}");
    assert_eq!(counts(&again, "pages"), [0, 0, 2, 0], "{again}");
    assert_eq!(counts(&again, "units"), [0, 2, 0, 0], "{again}");
    assert_eq!(
        integers(&server.pool, "SELECT COUNT(*) FROM people").await,
        [6 + 2],
        "the demo's six and the two moved, nothing doubled"
    );
    assert_eq!(
        integers(&server.pool, moved_rows).await,
        [6],
        "nothing doubled"
    );
}

#[tokio::test]
async fn a_second_move_brings_what_changed_there_and_keeps_what_staff_changed_here() {
    let Some(old) = old_site().await else { return };
    let server = TestServer::start().await;
    import(&server, &old, &[]);
    let id = integers(
        &server.pool,
        "SELECT id FROM articles WHERE legacy_id = 103",
    )
    .await[0];
    let cookie = server.editor_session().await;
    let current = server
        .as_signed_in("GET", &format!("/api/newsroom/articles/{id}"), &cookie)
        .send()
        .await
        .unwrap();
    let (_, etag) = edited(current).await;
    let mut staff_change = draft("Biên tập viên đã sửa bài này");
    staff_change["category"] = json!("tin-khuyen-cong");
    assert_eq!(
        save(&server, &cookie, id, &etag, &staff_change)
            .await
            .status(),
        200
    );
    old.db
        .execute(
            "UPDATE nv4_vi_news_rows SET title = 'Hội chợ 2024: bản sửa', edittime = edittime + 60 WHERE id IN (101, 103);
             INSERT INTO nv4_vi_news_rows (id, catid, listcatid, author, addtime, edittime, status, publtime, title, alias, hometext)
                 VALUES (108, 1, '1', 'Lê Văn Bình', 1700000500, 1700000500, 1, 1700000500, 'Bài mới sau lần chuyển đầu', 'bai-moi', 'Mới.');
             INSERT INTO nv4_vi_news_detail (id, description, bodyhtml) VALUES (108, '', '<p>Mới.</p>');",
        )
        .await;

    let report = import(&server, &old, &[]);
    assert_eq!(counts(&report, "articles"), [1, 1, 4, 1], "{report}");
    let title = |legacy: i64| format!("SELECT title FROM articles WHERE legacy_id = {legacy}");
    assert_eq!(column(&server, &title(101)).await, "Hội chợ 2024: bản sửa");
    assert_eq!(
        column(&server, &title(103)).await,
        "Biên tập viên đã sửa bài này"
    );
    assert_eq!(
        column(&server, &title(108)).await,
        "Bài mới sau lần chuyển đầu"
    );
}

#[tokio::test]
async fn bad_input_is_refused_clearly_and_writes_nothing() {
    let Some(old) = old_site().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("portal.db");
    let uploads = dir.path().join("uploads");
    let wrong_password = old.db.url.replacen(":portal-test@", ":sai-mat-khau@", 1);
    let empty = MariadbDatabase::create(&mariadb_server().unwrap(), "SELECT 1;").await;
    let cases: [(&str, &[&str], &str); 5] = [
        (&wrong_password, &[], "the user name or password is wrong"),
        (
            &old.db.url,
            &["--prefix", "nv3"],
            "it has nv4_vi_news_rows: check --prefix and --lang",
        ),
        (
            &old.db.url,
            &["--prefix", "nv4; DROP TABLE x"],
            "is not a NukeViet prefix",
        ),
        (&empty.url, &[], "it holds no NukeViet news module"),
        ("http://not-mysql/", &[], "is not a MySQL address"),
    ];
    for (url, args, expected) in cases {
        let output = import_into(database.to_str().unwrap(), &uploads, &old, url, args);
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{url} {args:?}");
        assert!(said.contains(expected), "{expected}\n{said}");
        assert!(
            !said.contains("portal-test"),
            "the password is never shown: {said}"
        );
        assert!(!database.exists(), "nothing written for {url} {args:?}");
    }
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args([
            "import-nukeviet",
            &old.db.url,
            "--uploads-from",
            "/khong/co/thu-muc",
        ])
        .arg("--database")
        .arg(&database)
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("uploads folder /khong/co/thu-muc does not exist")
    );
    assert!(!database.exists());
}
