//! The newsroom's rules that need no database: an article's address made from its title,
//! and when a save publishes it.

use portal_contract::newsroom::{MAX_SLUG_CHARS, Status};

use crate::rules::search::fold;

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
}
