//! The centre's organisation and contacts: the directory in tree order, the people to
//! contact, and a content file's units and people checked, with their photos filed.

use crate::common::{TestServer, fresh_database, import_content, integers};
use portal_contract::{Contacts, Organisation, paths::api};
use portal_server::db;

#[tokio::test]
async fn the_directory_lists_units_under_their_parent_and_the_people_to_contact() {
    let server = TestServer::start().await;
    let organisation: Organisation = server.get(api::ORGANISATION).await.json().await.unwrap();
    let units: Vec<(u32, &str)> = organisation
        .units
        .iter()
        .map(|unit| (unit.depth, unit.slug.as_str()))
        .collect();
    assert_eq!(
        units,
        [
            (0, "ban-giam-doc"),
            (0, "phong-hanh-chinh-tong-hop"),
            (0, "phong-khuyen-cong"),
            (1, "to-thong-tin-tuyen-truyen"),
            (0, "phong-tu-van-phat-trien-cong-nghiep"),
        ]
    );
    let board: Vec<&str> = organisation.units[0]
        .people
        .iter()
        .map(|person| person.title.as_str())
        .collect();
    assert_eq!(board, ["Giám đốc", "Phó Giám đốc"]);

    let contacts: Contacts = server.get(api::CONTACTS).await.json().await.unwrap();
    assert_eq!(
        contacts.agency,
        "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"
    );
    assert_eq!(contacts.phone.as_deref(), Some("0203 3820 000"));
    let people: Vec<(&str, &str)> = contacts
        .people
        .iter()
        .map(|contact| (contact.person.name.as_str(), contact.unit.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("Nguyễn Văn A", "Ban Giám đốc"),
            ("Phạm Thị D", "Phòng Khuyến công"),
            ("Hoàng Văn E", "Tổ Thông tin – Tuyên truyền"),
        ]
    );
}

#[tokio::test]
async fn a_files_units_and_people_are_checked_and_their_photos_filed() {
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let uploads = dir.path().join("uploads");
    std::fs::write(
        dir.path().join("chan-dung.png"),
        crate::newsroom::png(300, 400),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ghi-chu.pdf"),
        b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
    )
    .unwrap();
    let file = dir.path().join("to-chuc.jsonl");
    // Slugs of their own: the server fills the database, which has no category, with the
    // demo content too.
    let unit = r#"{"kind":"unit","slug":"to-kiem-thu","name":"Tổ kiểm thử"}"#;
    let person = |photo: &str| {
        format!(
            r#"{{"kind":"person","slug":"nguoi-kiem-thu","unit":"to-kiem-thu","name":"Người Kiểm Thử","title":"Tổ trưởng","photo":"{photo}"}}"#
        )
    };
    let refused = |text: String, said: &str| {
        std::fs::write(&file, text).unwrap();
        let output = import_content(&database, &file, Some(&uploads));
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(stderr.contains(said), "{said} in {stderr}");
    };
    refused(
        format!("{unit}\n{}\n", person("ghi-chu.pdf")),
        "line 2: `photo` `ghi-chu.pdf` is not a JPEG, PNG or WebP picture",
    );
    refused(
        r#"{"kind":"unit","slug":"to","name":"Tổ","parent":"khong-co"}"#.to_owned(),
        "line 1: unknown unit `khong-co`",
    );
    refused(
        person("chan-dung.png"),
        "line 1: unknown unit `to-kiem-thu`",
    );
    let pool = db::open(&database).await.unwrap();
    assert_eq!(integers(&pool, "SELECT COUNT(*) FROM units").await, [0]);
    assert_eq!(integers(&pool, "SELECT COUNT(*) FROM people").await, [0]);

    std::fs::write(&file, format!("{unit}\n{}\n", person("chan-dung.png"))).unwrap();
    let output = import_content(&database, &file, Some(&uploads));
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(", 1 units, 1 people"));
    pool.close().await;
    let server = TestServer::on(database).await;
    let organisation: Organisation = server.get(api::ORGANISATION).await.json().await.unwrap();
    let unit = organisation
        .units
        .iter()
        .find(|u| u.slug == "to-kiem-thu")
        .unwrap();
    let photo = unit.people[0].photo.clone().unwrap();
    assert!(photo.url.starts_with("/tep/"), "{photo:?}");
    // A portrait stays one: the picture was read, not just named.
    assert!(photo.height > photo.width && photo.width > 0, "{photo:?}");
}
