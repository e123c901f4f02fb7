//! Uploads over HTTP: types decided by content, pictures re-encoded (no EXIF) and
//! resized, attachments served under their Vietnamese names, limits, roles.

use std::io::Cursor;

use futures_util::StreamExt;

use crate::common::{ProcessSite, TestServer, problem};
use portal_contract::UploadedFile;
use portal_server::{Settings, store::users};
use reqwest::{
    Response,
    multipart::{Form, Part},
};

async fn upload(server: &TestServer, cookie: &str, name: &str, bytes: Vec<u8>) -> Response {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    server
        .client
        .post(server.url("/api/newsroom/uploads"))
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn uploaded(response: Response) -> UploadedFile {
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

/// A JPEG `width` × `height` with an EXIF block that names a place (GPS), as phones write.
fn photo_with_gps(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let exif =
        b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1aGPS 21.0285N 105.8542E";
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    app1.extend_from_slice(exif);
    [&jpeg[..2], &app1, &jpeg[2..]].concat()
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn stored_files(server: &TestServer) -> Vec<String> {
    crate::common::stored_files(&server.pool, &server.dir().join("uploads")).await
}

#[tokio::test]
async fn a_photo_loses_its_gps_and_is_kept_at_several_widths() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let photo = photo_with_gps(2000, 1000);
    assert!(photo.windows(4).any(|w| w == b"Exif"));
    let file = uploaded(upload(&server, &cookie, "Ảnh hội chợ.JPG", photo).await).await;
    assert!(file.picture);
    assert_eq!(
        (file.label.as_str(), file.width, file.height),
        ("JPEG", Some(1600), Some(800))
    );
    assert_eq!(file.name, "Ảnh hội chợ.JPG");
    let srcset = file.srcset.clone().unwrap();
    let addresses: Vec<&str> = srcset
        .split(", ")
        .map(|c| c.split(' ').next().unwrap())
        .collect();
    assert_eq!(addresses.len(), 3, "{srcset}");
    assert!(srcset.ends_with(&format!("{} 1600w", file.url)), "{srcset}");
    for address in addresses {
        let served = server.get(address).await;
        assert_eq!(served.status(), 200, "{address}");
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        assert_eq!(served.headers()["x-content-type-options"], "nosniff");
        assert!(
            served.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        assert!(served.headers().get("content-disposition").is_none());
        let bytes = served.bytes().await.unwrap();
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{address} keeps EXIF"
        );
        assert!(
            !bytes.windows(3).any(|w| w == b"GPS"),
            "{address} keeps GPS"
        );
        image::load_from_memory(&bytes).unwrap();
    }
    assert!(
        !stored_files(&server)
            .await
            .iter()
            .any(|name| name.starts_with("tmp-"))
    );
}

#[tokio::test]
async fn a_pdf_opens_in_the_browser_under_its_vietnamese_name_and_is_kept_once() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let file = uploaded(
        upload(
            &server,
            &cookie,
            "Kế hoạch khuyến công 2026.pdf",
            PDF.to_vec(),
        )
        .await,
    )
    .await;
    assert_eq!(
        (file.picture, file.label.as_str(), file.size),
        (false, "PDF", PDF.len() as u64)
    );
    let served = server.get(&file.url).await;
    assert_eq!(served.headers()["content-type"], "application/pdf");
    assert_eq!(
        served.headers()["content-disposition"],
        "inline; filename=\"Ke hoach khuyen cong 2026.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20khuy%E1%BA%BFn%20c%C3%B4ng%202026.pdf"
    );
    assert_eq!(served.bytes().await.unwrap(), PDF);

    let again = uploaded(upload(&server, &cookie, "ban-sao.pdf", PDF.to_vec()).await).await;
    assert_eq!(again.id, file.id, "the same content is the same file");
    assert_eq!(stored_files(&server).await.len(), 1);
}

#[tokio::test]
async fn an_office_file_is_downloaded() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let zip =
        b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x0b\0\0\0[Content_Types].xml"
            .to_vec();
    let file = uploaded(upload(&server, &cookie, "Mẫu đơn.docx", zip).await).await;
    assert_eq!(file.label, "DOCX");
    let served = server.get(&file.url).await;
    assert!(
        served.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
}

#[tokio::test]
async fn a_renamed_html_or_svg_file_is_refused_and_nothing_is_kept() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    for (name, content) in [
        (
            "anh.jpg",
            &b"<!DOCTYPE html><html><body><script>alert(1)</script>"[..],
        ),
        ("van-ban.pdf", b"<html><body>x</body></html>"),
        (
            "logo.png",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ),
    ] {
        let refused = problem(upload(&server, &cookie, name, content.to_vec()).await, 415).await;
        assert_eq!(
            refused["type"], "/problems/unsupported-media-type",
            "{name}"
        );
        assert!(
            refused["title"]
                .as_str()
                .unwrap()
                .starts_with("Chỉ nhận ảnh JPEG"),
            "{name}"
        );
    }
    assert_eq!(stored_files(&server).await, Vec::<String>::new());
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_413() {
    let settings = Settings {
        max_upload_bytes: 100 * 1024,
        ..Settings::default()
    };
    let server = TestServer::with_settings(settings).await;
    let cookie = server.editor_session().await;
    let mut big = PDF.to_vec();
    big.resize(300 * 1024, b' ');
    let refused = problem(upload(&server, &cookie, "lon.pdf", big).await, 413).await;
    assert_eq!(refused["title"], "Tệp lớn hơn giới hạn 100 KB");
    let mut just_over = PDF.to_vec();
    just_over.resize(100 * 1024 + 1, b' ');
    problem(
        upload(&server, &cookie, "vua-qua.pdf", just_over).await,
        413,
    )
    .await;
    assert!(
        !stored_files(&server)
            .await
            .iter()
            .any(|name| name.starts_with("tmp-"))
    );
    let mut within = PDF.to_vec();
    within.resize(100 * 1024, b' ');
    uploaded(upload(&server, &cookie, "vua.pdf", within).await).await;
}

#[tokio::test]
async fn only_staff_upload() {
    let server = TestServer::start().await;
    let anonymous = upload(&server, "kc_session=none", "a.pdf", PDF.to_vec()).await;
    problem(anonymous, 401).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    users::upsert_user(
        &server.pool,
        "congdan",
        "Công dân",
        "mat-khau-cong-dan",
        now,
        None,
    )
    .await
    .unwrap();
    let citizen = server.session_of("congdan", "mat-khau-cong-dan").await;
    problem(upload(&server, &citizen, "a.pdf", PDF.to_vec()).await, 403).await;
}

#[tokio::test]
async fn on_postgresql_a_file_whose_row_is_refused_is_not_kept() {
    let server = TestServer::start().await;
    if !matches!(server.pool, portal_server::store::Db::Postgres(_)) {
        return; // SQLite keeps files in the folder, outside its transactions.
    }
    let cookie = server.editor_session().await;
    crate::common::execute(
        &server.pool,
        "ALTER TABLE uploads ADD CONSTRAINT refuse_all CHECK (size < 0) NOT VALID",
    )
    .await;
    problem(
        upload(&server, &cookie, "ke-hoach.pdf", PDF.to_vec()).await,
        500,
    )
    .await;
    assert_eq!(stored_files(&server).await, Vec::<String>::new());
}

/// Every copy (each width) of `file` as served.
async fn served_copies(server: &TestServer, file: &UploadedFile) -> Vec<Vec<u8>> {
    let srcset = file.srcset.clone().unwrap();
    let mut copies = Vec::new();
    for address in srcset.split(", ").map(|c| c.split(' ').next().unwrap()) {
        let served = server.get(address).await;
        assert_eq!(served.status(), 200, "{address}");
        copies.push(served.bytes().await.unwrap().to_vec());
    }
    copies
}

#[tokio::test]
async fn one_picture_uploaded_eight_times_at_once_is_kept_whole_once() {
    let photo = photo_with_gps(2400, 1600);
    // The copies as one upload alone makes them (re-encoding is deterministic).
    let alone = TestServer::start().await;
    let cookie = alone.editor_session().await;
    let single = uploaded(upload(&alone, &cookie, "anh.jpg", photo.clone()).await).await;
    let expected = served_copies(&alone, &single).await;

    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let uploads = (0..8).map(|_| {
        let form = Form::new().part("file", Part::bytes(photo.clone()).file_name("anh.jpg"));
        server
            .client
            .post(server.url("/api/newsroom/uploads"))
            .header("cookie", &cookie)
            .multipart(form)
    });
    let mut ids = Vec::new();
    for answer in crate::common::concurrent(uploads).await {
        ids.push(uploaded(answer).await.id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one file");
    let file = uploaded(upload(&server, &cookie, "anh.jpg", photo).await).await;
    assert_eq!(
        served_copies(&server, &file).await,
        expected,
        "every copy whole"
    );
    let kept = stored_files(&server).await;
    assert!(
        !kept.iter().any(|name| name.starts_with("tmp-")),
        "{kept:?}"
    );
}

#[tokio::test]
async fn an_upload_its_client_abandons_leaves_no_temporary_file() {
    let server = TestServer::start().await;
    let cookie = server.editor_session().await;
    let boundary = "kc-boundary";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let first: Result<Vec<u8>, std::io::Error> = Ok([head.as_bytes(), PDF].concat());
    // The rest of the body never comes.
    let body = futures_util::stream::iter([first]).chain(futures_util::stream::pending());
    let request = server
        .client
        .post(server.url("/api/newsroom/uploads"))
        .header("cookie", &cookie)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(reqwest::Body::wrap_stream(body));
    let sending = tokio::spawn(request.send());
    let temporaries = || async {
        let names = stored_files(&server).await;
        names.iter().filter(|name| name.starts_with("tmp-")).count()
    };
    let mut started = false;
    for _ in 0..100 {
        started = temporaries().await > 0;
        if started {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(started, "the upload began");
    sending.abort();
    let mut left = usize::MAX;
    for _ in 0..250 {
        left = temporaries().await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(left, 0, "the temporary file is removed");
}

/// A PNG of 12,000 × 10,000 transparent pixels: two megabytes sent, 458 MiB decoded.
fn decompression_bomb() -> Vec<u8> {
    use image::{
        ExtendedColorType, ImageEncoder,
        codecs::png::{CompressionType, FilterType, PngEncoder},
    };
    let (width, height) = (12_000, 10_000);
    let pixels = vec![0u8; width as usize * height as usize * 4];
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&pixels, width, height, ExtendedColorType::Rgba8)
        .unwrap();
    png
}

#[tokio::test]
async fn several_decompression_bombs_at_once_are_decoded_within_the_memory_budget() {
    let site = ProcessSite::new().await;
    let server = site.start(&[]).await;
    let client = reqwest::Client::new();
    let (username, _, password) = portal_server::db::DEMO_USER;
    let signed_in = client
        .post(server.url("/api/session"))
        .json(&serde_json::json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let bomb = decompression_bomb();
    assert!(bomb.len() < 4 * 1024 * 1024, "{} bytes", bomb.len());
    let before = server.peak_memory_mib();
    let uploads = (0..4).map(|n| {
        let form = Form::new().part(
            "file",
            Part::bytes(bomb.clone()).file_name(format!("bom-{n}.png")),
        );
        client
            .post(server.url("/api/newsroom/uploads"))
            .header("cookie", &cookie)
            .multipart(form)
    });
    for answer in crate::common::concurrent(uploads).await {
        assert_eq!(answer.status(), 201, "a large picture is still taken");
    }
    let peak = server.peak_memory_mib();
    // One picture decoded at a time: its 458 MiB and its copies, not four times that.
    assert!(
        peak - before < 900,
        "the server grew from {before} to {peak} MiB"
    );
}
