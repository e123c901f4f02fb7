//! The newsroom's contract: who may do what, an article as the editor writes it, its
//! states and revisions, and the checks a draft must pass (the editor shows them as the
//! staff type; the server applies them on every save).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::UploadedFile;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A staff member's role. A user without one (a citizen's account) reaches no newsroom
/// API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes and publishes content.
    Editor,
    /// Content, and the users.
    Admin,
}

impl Role {
    /// The name the database and the command line use.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "editor" => Some(Self::Editor),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// What the editor chose for an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not for citizens yet.
    Draft,
    /// For citizens from its publish time on.
    Published,
    /// Taken down after it was published.
    Unpublished,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Unpublished => "unpublished",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "draft" => Some(Self::Draft),
            "published" => Some(Self::Published),
            "unpublished" => Some(Self::Unpublished),
            _ => None,
        }
    }
}

/// Where an article stands for citizens, as the newsroom's list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ArticleState {
    Draft,
    /// Published, but its time has not come: invisible to citizens, feeds and search.
    Scheduled,
    Published,
    Unpublished,
}

impl ArticleState {
    /// The state of an article with `status` and publish time `published_at`, at `now`.
    pub fn of(status: Status, published_at: OffsetDateTime, now: OffsetDateTime) -> Self {
        match status {
            Status::Draft => Self::Draft,
            Status::Unpublished => Self::Unpublished,
            Status::Published if published_at > now => Self::Scheduled,
            Status::Published => Self::Published,
        }
    }

    /// The word the newsroom shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Bản nháp",
            Self::Scheduled => "Hẹn giờ đăng",
            Self::Published => "Đã đăng",
            Self::Unpublished => "Đã gỡ",
        }
    }
}

/// What the newsroom's list can be narrowed to: one state, or the bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Shelf {
    Draft,
    Scheduled,
    Published,
    Unpublished,
    Bin,
}

impl Shelf {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
            Self::Unpublished => "unpublished",
            Self::Bin => "bin",
        }
    }
}

/// An article as the editor writes it: the body of a create or a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArticleDraft {
    pub title: String,
    /// Lower-case ASCII words joined by "-"; empty to make it from the title.
    #[serde(default)]
    pub slug: String,
    /// The category's slug.
    pub category: String,
    /// The lead ("hometext").
    #[serde(default)]
    pub summary: String,
    /// HTML; the server keeps only what its allow-list admits.
    #[serde(default)]
    pub body_html: String,
    pub author: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub status: Status,
    /// When citizens may read it (a time to come schedules it); absent: when it is
    /// first published.
    #[serde(default, with = "crate::instant::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub published_at: Option<OffsetDateTime>,
    #[serde(default = "yes")]
    pub allow_rating: bool,
    /// The lead picture (an uploaded picture's id) and its caption.
    #[serde(default)]
    pub picture: Option<i64>,
    #[serde(default)]
    pub picture_caption: String,
    /// Uploaded attachments' ids, in the order the article lists them.
    #[serde(default)]
    pub attachments: Vec<i64>,
}

fn yes() -> bool {
    true
}

impl ArticleDraft {
    /// A new article's draft, written by `author`, with nothing else filled in.
    pub fn blank(author: &str) -> Self {
        Self {
            title: String::new(),
            slug: String::new(),
            category: String::new(),
            summary: String::new(),
            body_html: String::new(),
            author: author.to_owned(),
            source: None,
            tags: Vec::new(),
            status: Status::Draft,
            published_at: None,
            allow_rating: true,
            picture: None,
            picture_caption: String::new(),
            attachments: Vec::new(),
        }
    }
}

pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 2_000;
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 100;
pub const MAX_SLUG_CHARS: usize = 200;
pub const MAX_CAPTION_CHARS: usize = 300;
pub const MAX_ATTACHMENTS: usize = 20;

/// Why a draft cannot be saved: the field and the words the editor shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    pub field: &'static str,
    pub message: &'static str,
}

impl ArticleDraft {
    /// The first thing wrong with the draft, if any.
    pub fn check(&self) -> Result<(), DraftError> {
        let refuse = |field, message| Err(DraftError { field, message });
        let chars = |text: &str| text.chars().count();
        if self.title.trim().is_empty() {
            return refuse("title", "Bài viết cần có tiêu đề");
        }
        if chars(&self.title) > MAX_TITLE_CHARS {
            return refuse("title", "Tiêu đề dài quá 300 ký tự");
        }
        if !self.slug.is_empty() && !is_slug(&self.slug) {
            return refuse(
                "slug",
                "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối",
            );
        }
        if self.category.trim().is_empty() {
            return refuse("category", "Hãy chọn chuyên mục");
        }
        if chars(&self.summary) > MAX_SUMMARY_CHARS {
            return refuse("summary", "Phần tóm tắt dài quá 2.000 ký tự");
        }
        if self.body_html.len() > MAX_BODY_BYTES {
            return refuse("body_html", "Nội dung bài viết quá lớn (tối đa 1 MB)");
        }
        if self.author.trim().is_empty() {
            return refuse("author", "Bài viết cần có tác giả");
        }
        let source = self.source.as_deref().unwrap_or_default();
        if chars(&self.author) > MAX_NAME_CHARS || chars(source) > MAX_NAME_CHARS {
            return refuse("author", "Tên tác giả hoặc nguồn tin dài quá 200 ký tự");
        }
        if chars(&self.picture_caption) > MAX_CAPTION_CHARS {
            return refuse("picture_caption", "Chú thích ảnh dài quá 300 ký tự");
        }
        if self.attachments.len() > MAX_ATTACHMENTS {
            return refuse("attachments", "Tối đa 20 tệp đính kèm");
        }
        let long_tag = self.tags.iter().any(|tag| chars(tag) > MAX_TAG_CHARS);
        if self.tags.len() > MAX_TAGS || long_tag {
            return refuse("tags", "Tối đa 20 từ khóa, mỗi từ khóa không quá 100 ký tự");
        }
        Ok(())
    }
}

/// Whether `text` is a slug: lower-case ASCII letters and digits in words joined by
/// single hyphens.
pub fn is_slug(text: &str) -> bool {
    text.len() <= MAX_SLUG_CHARS
        && !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The ETag of an article's `version`, which a save names in `If-Match`.
pub fn version_tag(version: i64) -> String {
    format!("\"v{version}\"")
}

/// An article in the newsroom: what was written, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EditedArticle {
    pub id: i64,
    /// Goes up by one with every save; a save names the version it was made from
    /// (`If-Match`), and a stale one is refused.
    pub version: i64,
    pub article: ArticleDraft,
    pub state: ArticleState,
    /// In the bin: invisible to citizens until restored.
    pub in_bin: bool,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
    /// Who saved the current version (absent for imported content).
    pub updated_by: Option<String>,
    /// The lead picture and the attachments the article names, as uploaded.
    pub files: Vec<UploadedFile>,
}

/// A line of the newsroom's list of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArticleRow {
    pub id: i64,
    pub title: String,
    pub state: ArticleState,
    pub in_bin: bool,
    /// The category's title.
    pub category: String,
    pub author: String,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
}

/// One page of the newsroom's list, newest change first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArticleRows {
    pub items: Vec<ArticleRow>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// What an editor typed in an article and had not saved, kept on the server by the
/// editor's autosave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Autosaved {
    pub article: ArticleDraft,
    /// The version the editor was changing: restored and saved, a colleague's later save
    /// is not overwritten unseen (the save names this version and is refused as stale).
    pub version: i64,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub saved_at: OffsetDateTime,
}

/// A kept version of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Revision {
    pub version: i64,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub saved_at: OffsetDateTime,
    pub saved_by: Option<String>,
    pub article: ArticleDraft,
}

/// A staff member, as the admins' list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffMember {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Option<Role>,
    pub disabled: bool,
    /// Signs in in two steps (an admin may reset it).
    #[serde(default)]
    pub two_step: bool,
}

/// The body of adding a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewStaffMember {
    pub username: String,
    pub display_name: String,
    pub role: Option<Role>,
    pub password: String,
}

/// The body of changing a user: only what is present changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffChange {
    #[serde(default)]
    pub display_name: Option<String>,
    /// `null` takes the role away.
    #[serde(default, with = "double_option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Role>))]
    pub role: Option<Option<Role>>,
    #[serde(default)]
    pub disabled: Option<bool>,
    /// A new password; it ends the user's sessions.
    #[serde(default)]
    pub password: Option<String>,
}

/// A field that may be absent (no change) or `null` (cleared).
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// The least a password must be, for new users and new passwords alike.
pub const MIN_PASSWORD_CHARS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn draft() -> ArticleDraft {
        ArticleDraft {
            title: "Hội chợ hàng công nghiệp nông thôn".into(),
            category: "tin-hoat-dong".into(),
            summary: "Tóm tắt".into(),
            body_html: "<p>Nội dung</p>".into(),
            tags: vec!["hội chợ".into()],
            ..ArticleDraft::blank("Phòng Khuyến công")
        }
    }

    #[test]
    fn a_published_article_is_scheduled_until_its_time() {
        let now = datetime!(2026-12-04 10:00 UTC);
        let later = datetime!(2026-12-04 10:01 UTC);
        assert_eq!(
            ArticleState::of(Status::Published, later, now),
            ArticleState::Scheduled
        );
        assert_eq!(
            ArticleState::of(Status::Published, now, now),
            ArticleState::Published
        );
        assert_eq!(
            ArticleState::of(Status::Draft, now, later),
            ArticleState::Draft
        );
        assert_eq!(
            ArticleState::of(Status::Unpublished, now, later),
            ArticleState::Unpublished
        );
    }

    #[test]
    fn a_draft_needs_a_title_a_category_and_an_author() {
        assert_eq!(draft().check(), Ok(()));
        let untitled = ArticleDraft {
            title: "  ".into(),
            ..draft()
        };
        assert_eq!(untitled.check().unwrap_err().field, "title");
        let nameless = ArticleDraft {
            author: String::new(),
            ..draft()
        };
        assert_eq!(nameless.check().unwrap_err().field, "author");
        let homeless = ArticleDraft {
            category: String::new(),
            ..draft()
        };
        assert_eq!(homeless.check().unwrap_err().field, "category");
    }

    #[test]
    fn lengths_are_bounded() {
        let long_title = ArticleDraft {
            title: "â".repeat(MAX_TITLE_CHARS + 1),
            ..draft()
        };
        assert_eq!(long_title.check().unwrap_err().field, "title");
        let exact = ArticleDraft {
            title: "â".repeat(MAX_TITLE_CHARS),
            ..draft()
        };
        assert_eq!(exact.check(), Ok(()));
        let big_body = ArticleDraft {
            body_html: "x".repeat(MAX_BODY_BYTES + 1),
            ..draft()
        };
        assert_eq!(big_body.check().unwrap_err().field, "body_html");
        let many_tags = ArticleDraft {
            tags: vec!["a".into(); MAX_TAGS + 1],
            ..draft()
        };
        assert_eq!(many_tags.check().unwrap_err().field, "tags");
    }

    #[test]
    fn slugs_are_lower_case_ascii_words() {
        assert!(is_slug("hoi-cho-2026"));
        for bad in [
            "",
            "Hoi-cho",
            "hội-chợ",
            "hoi--cho",
            "-hoi",
            "hoi-",
            "hoi cho",
            "a/b",
        ] {
            assert!(!is_slug(bad), "{bad}");
            let draft = ArticleDraft {
                slug: bad.into(),
                ..draft()
            };
            assert_eq!(draft.check().is_err(), !bad.is_empty(), "{bad}");
        }
    }

    #[test]
    fn a_role_change_tells_absent_from_null() {
        let change: StaffChange = serde_json::from_str(r#"{"role":null}"#).unwrap();
        assert_eq!(change.role, Some(None));
        let change: StaffChange = serde_json::from_str(r#"{"role":"admin"}"#).unwrap();
        assert_eq!(change.role, Some(Some(Role::Admin)));
        let change: StaffChange = serde_json::from_str("{}").unwrap();
        assert_eq!(change.role, None);
    }

    #[test]
    fn a_draft_reads_with_defaults() {
        let draft: ArticleDraft = serde_json::from_str(
            r#"{"title":"T","category":"c","author":"A","status":"published"}"#,
        )
        .unwrap();
        assert!(draft.allow_rating);
        assert_eq!(draft.published_at, None);
        assert_eq!(draft.slug, "");
    }
}
