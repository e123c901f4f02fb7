//! What staff keep besides articles — the centre's own pages, its units and people,
//! polls, linked websites, the sidebar's blocks and the public-service figures — in the
//! one shape a content file's records and the newsroom's requests share, with the rules
//! both the import and the newsroom apply.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{
    format::plain_text,
    instant::parse_date,
    newsroom::{DraftError, MAX_BODY_BYTES, is_slug},
    site::check_contacts,
};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

const MAX_TEXT_CHARS: usize = 300;

fn yes() -> bool {
    true
}

fn refuse(field: &'static str, message: &'static str) -> Result<(), DraftError> {
    Err(DraftError { field, message })
}

/// Whether `text` has something besides spaces, within the length a title may have.
fn check_text(field: &'static str, text: &str) -> Result<(), DraftError> {
    if text.trim().is_empty() {
        return refuse(field, "Trường này không được để trống");
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return refuse(field, "Dài quá 300 ký tự");
    }
    Ok(())
}

fn check_slug(field: &'static str, slug: &str) -> Result<(), DraftError> {
    if is_slug(slug) {
        Ok(())
    } else {
        refuse(
            field,
            "Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối",
        )
    }
}

/// One of the centre's own pages ("Giới thiệu", "Chức năng, nhiệm vụ" …: NukeViet's
/// "page" module), at `/trang/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CentrePageRecord {
    pub slug: String,
    pub title: String,
    /// A sentence or two for search engines and shared links; empty: the body's start.
    #[serde(default)]
    pub summary: String,
    /// Sanitized by the server before it is kept, as an article's body.
    pub body_html: String,
    /// Its place among the pages, smallest first.
    #[serde(default)]
    pub position: i64,
    /// Whether the header's menu links to it.
    #[serde(default = "yes")]
    pub in_menu: bool,
}

impl CentrePageRecord {
    /// The first thing wrong with the page, if any.
    pub fn check(&self) -> Result<(), DraftError> {
        check_slug("slug", &self.slug)?;
        check_text("title", &self.title)?;
        if self.summary.chars().count() > MAX_SUMMARY_CHARS {
            return refuse("summary", "Dài quá 500 ký tự");
        }
        if plain_text(&self.body_html).trim().is_empty() {
            return refuse("body_html", "Trang cần có nội dung");
        }
        if self.body_html.len() > MAX_BODY_BYTES {
            return refuse("body_html", "Nội dung trang quá lớn (tối đa 1 MB)");
        }
        Ok(())
    }
}

/// The longest summary a centre's page may have, in characters.
pub const MAX_SUMMARY_CHARS: usize = 500;

/// One of the centre's units ("Ban Giám đốc", "Phòng Khuyến công" …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub slug: String,
    pub name: String,
    /// The slug of the unit it sits under (one written before it), if any.
    #[serde(default)]
    pub parent: Option<String>,
    /// Its place among its siblings, smallest first.
    #[serde(default)]
    pub position: i64,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl UnitRecord {
    /// The first thing wrong with the unit, if any: its phones and e-mail become links.
    pub fn check(&self) -> Result<(), DraftError> {
        check_slug("slug", &self.slug)?;
        check_text("name", &self.name)?;
        if let Some(parent) = &self.parent {
            check_slug("parent", parent)?;
            if *parent == self.slug {
                return refuse("parent", "Một đơn vị không thể trực thuộc chính nó");
            }
        }
        if let Some(address) = &self.address {
            check_text("address", address)?;
        }
        check_contacts([("phone", &self.phone), ("fax", &self.fax)], &self.email)
    }
}

/// Someone of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    pub slug: String,
    /// The slug of their unit.
    pub unit: String,
    pub name: String,
    /// Their position: "Giám đốc", "Trưởng phòng" …
    pub title: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// Their photo: in a content file, the picture's path beside the file (the import
    /// files it as an upload).
    #[serde(default)]
    pub photo: Option<String>,
    /// Their place in the unit, smallest first.
    #[serde(default)]
    pub position: i64,
    /// Whether "Liên hệ" lists them as someone to contact.
    #[serde(default)]
    pub contact: bool,
}

impl PersonRecord {
    /// The first thing wrong with the person, if any.
    pub fn check(&self) -> Result<(), DraftError> {
        check_slug("slug", &self.slug)?;
        check_slug("unit", &self.unit)?;
        check_text("name", &self.name)?;
        check_text("title", &self.title)?;
        check_contacts([("phone", &self.phone)], &self.email)
    }
}

/// A poll as staff write it; its options matched by their stable keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PollRecord {
    pub slug: String,
    pub question: String,
    /// A path to an article about the poll.
    #[serde(default)]
    pub link: Option<String>,
    pub max_choices: u32,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(default, with = "crate::instant::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<OffsetDateTime>,
    /// Absent: one ballot per reader.
    #[serde(default)]
    pub revote_after_minutes: Option<u32>,
    #[serde(default)]
    pub featured: bool,
    pub options: Vec<OptionRecord>,
}

/// One answer of a poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionRecord {
    /// The option's stable key: ballots stay with it whatever is renamed or reordered.
    pub slug: String,
    pub title: String,
    /// A path to a picture of the product.
    #[serde(default)]
    pub image: Option<String>,
    /// The slug of an article about this option.
    #[serde(default)]
    pub article: Option<String>,
}

impl PollRecord {
    /// The first thing wrong with the poll, if any.
    pub fn check(&self) -> Result<(), DraftError> {
        check_slug("slug", &self.slug)?;
        self.check_content()
    }

    /// The same, but for the slug: what a save of a stored poll (whose slug stays) or a
    /// new one (whose slug the server makes when empty) must pass.
    pub fn check_content(&self) -> Result<(), DraftError> {
        check_text("question", &self.question)?;
        if self.options.len() < 2 {
            return refuse("options", "Cuộc bình chọn cần ít nhất hai phương án");
        }
        for (i, option) in self.options.iter().enumerate() {
            check_slug("options", &option.slug)?;
            if self.options[..i].iter().any(|o| o.slug == option.slug) {
                return refuse("options", "Hai phương án trùng mã");
            }
            check_text("options", &option.title)?;
            if let Some(article) = &option.article {
                check_slug("options", article)?;
            }
            if option
                .image
                .as_deref()
                .is_some_and(|image| !is_site_path(image))
            {
                return refuse(
                    "options",
                    "Ảnh của phương án phải là một ảnh trên cổng (đường dẫn bắt đầu bằng /)",
                );
            }
        }
        if self.max_choices == 0 || self.max_choices as usize > self.options.len() {
            return refuse(
                "max_choices",
                "Số phương án được chọn phải từ 1 đến số phương án của cuộc bình chọn",
            );
        }
        if self.ends_at.is_some_and(|end| end <= self.starts_at) {
            return refuse("ends_at", "Thời điểm kết thúc phải sau thời điểm bắt đầu");
        }
        if self.revote_after_minutes == Some(0) {
            return refuse(
                "revote_after_minutes",
                "Thời gian chờ bình chọn lại phải từ 1 phút trở lên",
            );
        }
        Ok(())
    }

    /// A key for a new option, unlike every key the poll has.
    pub fn next_option_slug(&self) -> String {
        let taken = |n: usize| {
            let slug = format!("phuong-an-{n}");
            self.options.iter().any(|o| o.slug == slug)
        };
        let n = (self.options.len() + 1..).find(|n| !taken(*n)).unwrap_or(1);
        format!("phuong-an-{n}")
    }
}

/// A path on the portal itself (`/images/…`, `/tep/…`): never another host's address,
/// which would let a picture report who looks at the poll, nor the API (a picture must not
/// make the reader's browser call it), however a browser would resolve it (no dot
/// segments, plain or escaped).
pub fn is_site_path(path: &str) -> bool {
    let path_only = path.split(['?', '#']).next().unwrap_or_default();
    let mut segments = path_only.split('/').skip(1);
    let first = segments.clone().next().unwrap_or_default();
    path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 500
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && !first.eq_ignore_ascii_case("api")
        && !path_only.to_ascii_lowercase().contains("%2e")
        && segments.all(|segment| segment != "." && segment != "..")
}

/// A poll in the newsroom: as written, and its results so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EditedPoll {
    pub id: i64,
    pub poll: PollRecord,
    /// The choices cast for each option, in the options' order.
    pub votes: Vec<u64>,
    /// Distinct readers who voted.
    pub voters: u64,
}

impl EditedPoll {
    /// Whether an option has ballots: it may be renamed, but not removed or moved.
    pub fn is_voted(&self, slug: &str) -> bool {
        let index = self.poll.options.iter().position(|o| o.slug == slug);
        index.is_some_and(|i| self.votes.get(i).is_some_and(|v| *v > 0))
    }

    /// Whether `edited` options keep every option with ballots at its place: the only
    /// change of options a save may make (the editor offers no other).
    pub fn keeps_ballots(&self, edited: &[OptionRecord]) -> bool {
        self.poll
            .options
            .iter()
            .zip(&self.votes)
            .enumerate()
            .filter(|(_, (_, votes))| **votes > 0)
            .all(|(i, (option, _))| edited.get(i).is_some_and(|o| o.slug == option.slug))
    }
}

/// A linked website ("Liên kết Website").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WeblinkRecord {
    pub slug: String,
    /// The heading the link is listed under.
    pub group: String,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub position: i64,
    /// False: kept, but not shown to citizens.
    #[serde(default = "yes")]
    pub visible: bool,
}

impl WeblinkRecord {
    pub fn check(&self) -> Result<(), DraftError> {
        check_slug("slug", &self.slug)?;
        self.check_content()
    }

    /// The same, but for the slug (see [`PollRecord::check_content`]).
    pub fn check_content(&self) -> Result<(), DraftError> {
        check_text("group", &self.group)?;
        check_text("title", &self.title)?;
        if is_web_address(&self.url) {
            Ok(())
        } else {
            refuse(
                "url",
                "Địa chỉ phải là một địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://",
            )
        }
    }
}

/// A linked website in the newsroom, with the visits counted through the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EditedWeblink {
    pub id: i64,
    pub link: WeblinkRecord,
    pub visits: u64,
}

/// An absolute http(s) address of visible ASCII with a host: the only kind a weblink
/// may redirect to (anything else could not travel in a `Location` header).
pub fn is_web_address(url: &str) -> bool {
    if url.len() > 2_000 || !url.bytes().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(host, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            host
        } else {
            ""
        }
    });
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b))
}

/// The sidebar's blocks, as NukeViet names them.
pub const BLOCK_KINDS: [&str; 5] = [
    "poll",
    "public_services",
    "showcase",
    "weblinks",
    "visitors",
];

/// Where a sidebar block shows, under what title, if at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BlockRecord {
    /// One of `BLOCK_KINDS`.
    pub block: String,
    pub title: String,
    pub position: i64,
    #[serde(default = "yes")]
    pub visible: bool,
}

impl BlockRecord {
    pub fn check(&self) -> Result<(), DraftError> {
        if !BLOCK_KINDS.contains(&self.block.as_str()) {
            return refuse("block", "Không có khối này");
        }
        check_text("title", &self.title)
    }
}

/// A year's figures of online public services ("KQ DỊCH VỤ CÔNG TRỰC TUYẾN").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublicServicesRecord {
    pub year: i64,
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub in_progress: u32,
    /// YYYY-MM-DD.
    pub as_of: String,
}

impl PublicServicesRecord {
    pub fn check(&self) -> Result<(), DraftError> {
        if !(2000..=2200).contains(&self.year) {
            return refuse("year", "Năm không hợp lệ");
        }
        if parse_date(&self.as_of).is_none() {
            return refuse("as_of", "Ngày số liệu phải có dạng YYYY-MM-DD");
        }
        let accounted =
            u64::from(self.on_time) + u64::from(self.late) + u64::from(self.in_progress);
        if accounted > u64::from(self.received) {
            return refuse(
                "received",
                "Số hồ sơ đúng hạn, trễ hạn và đang xử lý cộng lại vượt quá số hồ sơ đã tiếp nhận",
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(max_choices: u32, slugs: &[&str]) -> PollRecord {
        PollRecord {
            slug: "san-pham".into(),
            question: "Sản phẩm nào?".into(),
            link: None,
            max_choices,
            starts_at: OffsetDateTime::UNIX_EPOCH,
            ends_at: None,
            revote_after_minutes: None,
            featured: false,
            options: slugs
                .iter()
                .map(|slug| OptionRecord {
                    slug: (*slug).into(),
                    title: format!("Phương án {slug}"),
                    image: None,
                    article: None,
                })
                .collect(),
        }
    }

    fn centre_page(body_html: &str) -> CentrePageRecord {
        CentrePageRecord {
            slug: "gioi-thieu".into(),
            title: "Giới thiệu".into(),
            summary: String::new(),
            body_html: body_html.into(),
            position: 0,
            in_menu: true,
        }
    }

    #[test]
    fn a_centre_page_needs_a_slug_a_title_and_text() {
        assert_eq!(centre_page("<p>Trung tâm</p>").check(), Ok(()));
        assert_eq!(
            field(centre_page("<p> </p><img src=\"/a.png\">").check()),
            "body_html"
        );
        let big = centre_page(&format!("<p>{}</p>", "x".repeat(MAX_BODY_BYTES)));
        assert_eq!(field(big.check()), "body_html");
        let untitled = CentrePageRecord {
            title: " ".into(),
            ..centre_page("<p>a</p>")
        };
        assert_eq!(field(untitled.check()), "title");
        let bad_slug = CentrePageRecord {
            slug: "Giới thiệu".into(),
            ..centre_page("<p>a</p>")
        };
        assert_eq!(field(bad_slug.check()), "slug");
        let long_summary = CentrePageRecord {
            summary: "a".repeat(501),
            ..centre_page("<p>a</p>")
        };
        assert_eq!(field(long_summary.check()), "summary");
    }

    #[test]
    fn units_and_people_need_names_and_contacts_that_link() {
        let unit = UnitRecord {
            slug: "phong-khuyen-cong".into(),
            name: "Phòng Khuyến công".into(),
            parent: Some("ban-giam-doc".into()),
            position: 1,
            address: None,
            phone: Some("0203 3820 002".into()),
            fax: None,
            email: Some("pkc@example.gov.vn".into()),
        };
        assert_eq!(unit.check(), Ok(()));
        let own_parent = UnitRecord {
            parent: Some("phong-khuyen-cong".into()),
            ..unit.clone()
        };
        assert_eq!(field(own_parent.check()), "parent");
        let bad_fax = UnitRecord {
            fax: Some("gọi tôi".into()),
            ..unit.clone()
        };
        assert_eq!(field(bad_fax.check()), "fax");
        let person = PersonRecord {
            slug: "nguyen-van-a".into(),
            unit: "ban-giam-doc".into(),
            name: "Nguyễn Văn A".into(),
            title: "Giám đốc".into(),
            phone: None,
            email: Some("a@example.gov.vn".into()),
            photo: None,
            position: 0,
            contact: true,
        };
        assert_eq!(person.check(), Ok(()));
        let untitled = PersonRecord {
            title: "".into(),
            ..person.clone()
        };
        assert_eq!(field(untitled.check()), "title");
        let bad_email = PersonRecord {
            email: Some("a@b\"onclick".into()),
            ..person
        };
        assert_eq!(field(bad_email.check()), "email");
    }

    fn field(result: Result<(), DraftError>) -> &'static str {
        result.expect_err("refused").field
    }

    #[test]
    fn a_poll_needs_two_distinct_options_and_a_sane_maximum() {
        assert_eq!(poll(1, &["a", "b"]).check(), Ok(()));
        assert_eq!(field(poll(1, &["a"]).check()), "options");
        assert_eq!(field(poll(1, &["a", "a"]).check()), "options");
        assert_eq!(field(poll(3, &["a", "b"]).check()), "max_choices");
        assert_eq!(field(poll(0, &["a", "b"]).check()), "max_choices");
        let mut ends_first = poll(1, &["a", "b"]);
        ends_first.ends_at = Some(OffsetDateTime::UNIX_EPOCH);
        assert_eq!(field(ends_first.check()), "ends_at");
        let mut no_cooldown = poll(1, &["a", "b"]);
        no_cooldown.revote_after_minutes = Some(0);
        assert_eq!(field(no_cooldown.check()), "revote_after_minutes");
    }

    #[test]
    fn an_option_s_picture_is_one_of_the_portal_s() {
        let mut pictured = poll(1, &["a", "b"]);
        pictured.options[0].image = Some("/tep/ab12.png".into());
        assert_eq!(pictured.check(), Ok(()));
        for elsewhere in [
            "https://tracker.example/x.png",
            "//tracker.example/x.png",
            "x.png",
            "/a b.png",
            "/\\\\evil/x",
            "/api/session",
            "/API/session?x=1",
            "/./api/session",
            "/tep/../api/session",
            "/%2e/api/session",
            "/%2E%2E/api/session",
            "/\tevil",
        ] {
            pictured.options[0].image = Some(elsewhere.into());
            assert_eq!(field(pictured.check()), "options", "{elsewhere}");
        }
    }

    #[test]
    fn options_with_ballots_keep_their_place() {
        let saved = EditedPoll {
            id: 1,
            poll: poll(1, &["a", "b", "c"]),
            votes: vec![0, 3, 0],
            voters: 3,
        };
        let options = |slugs: &[&str]| poll(1, slugs).options;
        assert!(saved.is_voted("b") && !saved.is_voted("a"));
        assert!(saved.keeps_ballots(&options(&["a", "b", "c"])));
        assert!(saved.keeps_ballots(&options(&["c", "b", "a"])), "around it");
        assert!(
            saved.keeps_ballots(&options(&["a", "b"])),
            "one without ballots gone"
        );
        assert!(
            saved.keeps_ballots(&options(&["a", "b", "c", "d"])),
            "one added"
        );
        assert!(!saved.keeps_ballots(&options(&["b", "a", "c"])), "moved");
        assert!(!saved.keeps_ballots(&options(&["a", "c"])), "removed");
    }

    #[test]
    fn a_new_option_gets_a_key_no_option_has() {
        assert_eq!(poll(1, &["a", "b"]).next_option_slug(), "phuong-an-3");
        let taken = poll(1, &["phuong-an-3", "b"]);
        assert_eq!(taken.next_option_slug(), "phuong-an-4");
    }

    #[test]
    fn weblinks_go_to_absolute_web_addresses_only() {
        assert!(is_web_address("https://moit.gov.vn/"));
        assert!(is_web_address("http://127.0.0.1:8080/trang"));
        assert!(is_web_address("https://www.thuathienhue.gov.vn"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("/bai-viet/1"));
        assert!(!is_web_address("ftp://example.gov.vn/"));
        assert!(!is_web_address("not a url"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https://x/#\u{1}"), "a control character");
        assert!(!is_web_address("https://bộ.vn/"), "not ASCII");
        assert!(!is_web_address("https://x/a\tb"));
        assert!(!is_web_address("https://x:port/"));
    }

    #[test]
    fn public_service_figures_add_up() {
        let figures = PublicServicesRecord {
            year: 2026,
            received: 10,
            on_time: 7,
            late: 1,
            in_progress: 2,
            as_of: "2026-12-01".into(),
        };
        assert_eq!(figures.check(), Ok(()));
        let too_many = PublicServicesRecord {
            late: 2,
            ..figures.clone()
        };
        assert_eq!(field(too_many.check()), "received");
        let bad_date = PublicServicesRecord {
            as_of: "01/12/2026".into(),
            ..figures
        };
        assert_eq!(field(bad_date.check()), "as_of");
    }
}
