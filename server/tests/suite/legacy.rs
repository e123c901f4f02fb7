//! The NukeViet site's addresses answer 301 to the new pages, with real NukeViet 4
//! address shapes; an address that names nothing is the portal's 404 page.

use crate::common::TestServer;

const OLD_CONTENT: &str = r#"{"kind":"category","slug":"tin-hoat-dong","title":"Tin hoạt động","position":1,"legacy_path":"/vi/news/tin-tuc-hoat-dong/"}
{"kind":"article","slug":"chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong","category":"chinh-sach","title":"Bộ Công Thương ban hành Chỉ thị về việc đẩy mạnh các hoạt động khuyến công, tạo động lực mới cho phát triển công nghiệp nông thôn giai đoạn 2021 - 2025.","summary":"Ngày 19/02/2021, Bộ Công Thương ban hành Chỉ thị số 04/CT-BCT.","body_html":"<p>Nội dung.</p>","author":"Ban Giám đốc - TTKC","published_at":"2021-03-29T03:33:00+07:00","legacy_path":"/vi/news/van-ban-chinh-sach/bo-cong-thuong-ban-hanh-chi-thi-ve-viec-day-manh-cac-hoat-dong-khuyen-cong-1234.html"}"#;

async fn server_with_old_addresses() -> TestServer {
    let server = TestServer::start().await;
    portal_server::content::import(&server.pool, OLD_CONTENT)
        .await
        .unwrap();
    server
}

async fn location(server: &TestServer, path: &str) -> String {
    let response = server.get(path).await;
    assert_eq!(response.status(), 301, "{path}");
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn old_article_addresses_lead_to_the_article() {
    let server = server_with_old_addresses().await;
    let id = server
        .article_id("chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong")
        .await;
    let article = format!("/bai-viet/{id}");
    for path in [
        "/vi/news/van-ban-chinh-sach/bo-cong-thuong-ban-hanh-chi-thi-ve-viec-day-manh-cac-hoat-dong-khuyen-cong-1234.html",
        "/news/van-ban-chinh-sach/bo-cong-thuong-ban-hanh-chi-thi-1234.html",
        "/vi/news/chuyen-muc-khac/ten-cu-1234.html",
        "/index.php?language=vi&nv=news&op=van-ban-chinh-sach/bo-cong-thuong-ban-hanh-chi-thi-1234",
        "/index.php?language=vi&nv=news&op=van-ban-chinh-sach%2Fbo-cong-thuong-1234",
    ] {
        assert_eq!(location(&server, path).await, article, "{path}");
    }
}

#[tokio::test]
async fn old_category_feed_and_poll_addresses_lead_to_their_pages() {
    let server = server_with_old_addresses().await;
    assert_eq!(
        location(&server, "/vi/news/tin-tuc-hoat-dong/").await,
        "/chuyen-muc/tin-hoat-dong"
    );
    assert_eq!(
        location(&server, "/vi/news/tin-tuc-hoat-dong/page-2/").await,
        "/chuyen-muc/tin-hoat-dong?trang=2"
    );
    assert_eq!(location(&server, "/vi/news/rss/").await, "/rss");
    assert_eq!(
        location(&server, "/vi/news/rss/tin-tuc-hoat-dong/").await,
        "/rss/tin-hoat-dong"
    );
    assert_eq!(location(&server, "/vi/voting/").await, "/binh-chon");
    assert_eq!(
        location(&server, "/index.php?language=vi&nv=voting").await,
        "/binh-chon"
    );
    assert_eq!(location(&server, "/vi/news/").await, "/");
}

#[tokio::test]
async fn an_old_address_that_names_nothing_is_the_portals_404() {
    let server = server_with_old_addresses().await;
    for path in [
        "/vi/news/van-ban-chinh-sach/khong-co-bai-nay-99999.html",
        "/vi/news/khong-co-chuyen-muc/",
        "/index.php?language=vi&nv=news&op=https://evil.example/x-1",
        "/index.php?language=vi&nv=users&op=logout",
        "/vi/news/%2F%2Fevil.example/",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(!response.headers().contains_key("location"), "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("<title>Không tìm thấy trang</title>"),
            "the portal's not-found page: {path}"
        );
    }
}

#[tokio::test]
async fn a_legacy_path_that_is_not_a_nukeviet_address_is_refused_at_import() {
    let server = TestServer::start().await;
    let bad = r#"{"kind":"category","slug":"x","title":"X","legacy_path":"/x/y/z"}"#;
    let error = portal_server::content::import(&server.pool, bad)
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("not a NukeViet category address"),
        "{error}"
    );
}
