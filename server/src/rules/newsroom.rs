//! The newsroom's rules that need no database: an article's address made from its title
//! (or the editor's own), when a save publishes it, and what a save stores of the text.

use portal_contract::newsroom::{ArticleDraft, MAX_SLUG_CHARS, Status};

use crate::rules::{sanitize, search::fold};

/// The address of an article called `title`: its words without diacritics ("đ" as "d"),
/// lower case, joined by "-", cut at a word within the slug limit. `None` when the title
/// has no letter or digit to make one of.
pub fn slug_from_title(title: &str) -> Option<String> {
    let folded = fold(title);
    let mut slug = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if slug.len() + word.len() + 1 > MAX_SLUG_CHARS {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    (!slug.is_empty()).then_some(slug)
}

/// The `n`-th address to try for a made slug that is taken: `slug-2`, `slug-3`, …
pub fn numbered(slug: &str, n: u32) -> String {
    let suffix = format!("-{n}");
    let keep = slug.len().min(MAX_SLUG_CHARS - suffix.len());
    format!("{}{suffix}", slug[..keep].trim_end_matches('-'))
}

/// The publish time (Unix seconds) a save stores: the time asked for; else, for an article
/// that was published before, the time it was first published (a correction does not
/// move it to the top); else now.
pub fn publish_time(requested: Option<i64>, before: Option<(Status, i64)>, now: i64) -> i64 {
    match (requested, before) {
        (Some(at), _) => at,
        (None, Some((Status::Published | Status::Unpublished, at))) => at,
        (None, _) => now,
    }
}

/// The address a save asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WantedSlug {
    /// The editor's own, refused when another article has it.
    Given(String),
    /// Made from the title (or "bai-viet" for a title without letters), numbered until
    /// it is free.
    Made(String),
}

pub fn wanted_slug(draft: &ArticleDraft) -> WantedSlug {
    if draft.slug.is_empty() {
        WantedSlug::Made(slug_from_title(&draft.title).unwrap_or_else(|| "bai-viet".to_owned()))
    } else {
        WantedSlug::Given(draft.slug.clone())
    }
}

/// An article's text as an editor or a content file gives it.
pub struct GivenText<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body_html: &'a str,
    pub author: &'a str,
    pub source: Option<&'a str>,
    pub tags: &'a [String],
    pub picture_caption: &'a str,
}

impl<'a> From<&'a ArticleDraft> for GivenText<'a> {
    fn from(draft: &'a ArticleDraft) -> Self {
        Self {
            title: &draft.title,
            summary: &draft.summary,
            body_html: &draft.body_html,
            author: &draft.author,
            source: draft.source.as_deref(),
            tags: &draft.tags,
            picture_caption: &draft.picture_caption,
        }
    }
}

/// What every write of an article (a save, an import) stores of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredText {
    pub title: String,
    pub summary: String,
    /// Sanitized: only the HTML the portal allows.
    pub body_html: String,
    pub author: String,
    /// `None` for none, or only spaces.
    pub source: Option<String>,
    /// Without spaces around them, and without empty ones.
    pub tags: Vec<String>,
    pub picture_caption: String,
}

impl From<GivenText<'_>> for StoredText {
    fn from(given: GivenText<'_>) -> Self {
        let trimmed = |text: &str| text.trim().to_owned();
        Self {
            title: trimmed(given.title),
            summary: trimmed(given.summary),
            body_html: sanitize::article_html(given.body_html),
            author: trimmed(given.author),
            source: (given.source.map(str::trim))
                .filter(|source| !source.is_empty())
                .map(str::to_owned),
            tags: (given.tags.iter().map(|tag| tag.trim()))
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned)
                .collect(),
            picture_caption: trimmed(given.picture_caption),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_an_ascii_address() {
        assert_eq!(
            slug_from_title("Đoàn công tác Sở Công Thương thăm Hội chợ 2026!").as_deref(),
            Some("doan-cong-tac-so-cong-thuong-tham-hoi-cho-2026")
        );
        assert_eq!(
            slug_from_title("  Ưu đãi — “khuyến công”  ").as_deref(),
            Some("uu-dai-khuyen-cong")
        );
        assert_eq!(slug_from_title("!!! ???"), None);
    }

    #[test]
    fn a_long_title_is_cut_at_a_word() {
        let slug = slug_from_title(&"khuyến công ".repeat(40)).unwrap();
        assert!(slug.len() <= MAX_SLUG_CHARS);
        assert!(slug.len() > MAX_SLUG_CHARS - "khuyen-".len(), "{slug}");
        assert!(
            slug.split('-')
                .all(|word| ["khuyen", "cong"].contains(&word)),
            "{slug}"
        );
        assert!(portal_contract::newsroom::is_slug(&slug));
    }

    #[test]
    fn taken_slugs_are_numbered_within_the_limit() {
        assert_eq!(numbered("hoi-cho", 2), "hoi-cho-2");
        let long = "a".repeat(MAX_SLUG_CHARS);
        let numbered = numbered(&long, 12);
        assert_eq!(numbered.len(), MAX_SLUG_CHARS);
        assert!(numbered.ends_with("-12"));
    }

    #[test]
    fn a_correction_keeps_the_first_publish_time() {
        assert_eq!(
            publish_time(Some(50), Some((Status::Published, 10)), 99),
            50
        );
        assert_eq!(publish_time(None, Some((Status::Published, 10)), 99), 10);
        assert_eq!(publish_time(None, Some((Status::Unpublished, 10)), 99), 10);
        assert_eq!(publish_time(None, Some((Status::Draft, 10)), 99), 99);
        assert_eq!(publish_time(None, None, 99), 99);
    }

    #[test]
    fn a_save_asks_for_the_editors_address_or_one_made_from_the_title() {
        let draft = |title: &str, slug: &str| ArticleDraft {
            title: title.to_owned(),
            slug: slug.to_owned(),
            ..ArticleDraft::blank("")
        };
        let given = wanted_slug(&draft("Tin mới", "tin-rieng"));
        assert_eq!(given, WantedSlug::Given("tin-rieng".to_owned()));
        let made = wanted_slug(&draft("Tin mới", ""));
        assert_eq!(made, WantedSlug::Made("tin-moi".to_owned()));
        let fallback = wanted_slug(&draft("—", ""));
        assert_eq!(fallback, WantedSlug::Made("bai-viet".to_owned()));
    }

    #[test]
    fn a_save_stores_the_text_trimmed_its_body_sanitized_and_no_empty_source_or_tag() {
        let draft = ArticleDraft {
            title: "  Tin mới ".to_owned(),
            body_html: "<p>Nội dung</p><script>alert(1)</script>".to_owned(),
            source: Some("   ".to_owned()),
            tags: vec![" khuyến công ".to_owned(), " ".to_owned()],
            ..ArticleDraft::blank(" Phòng Khuyến công ")
        };
        let stored = StoredText::from(GivenText::from(&draft));
        assert_eq!(
            (stored.title.as_str(), stored.author.as_str()),
            ("Tin mới", "Phòng Khuyến công")
        );
        assert_eq!(stored.body_html, "<p>Nội dung</p>");
        assert_eq!(
            (stored.source, stored.tags),
            (None, vec!["khuyến công".to_owned()])
        );
    }
}
