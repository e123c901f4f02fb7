//! How a kept version of an article differs from the current one: field by field, in runs
//! of words kept, taken out and put in. The plain core of the revisions' compare view.

use portal_contract::{format::plain_text, newsroom::ArticleDraft};
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Kept,
    Removed,
    Added,
}

/// One field that differs, as runs of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChanges {
    /// The field's name, as the editor labels it.
    pub field: &'static str,
    pub runs: Vec<(Change, String)>,
}

/// The fields in which `new` differs from `old`; none when they read the same.
pub fn compare(old: &ArticleDraft, new: &ArticleDraft) -> Vec<FieldChanges> {
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, before), (_, after))| before != after)
        .map(|((field, before), (_, after))| FieldChanges {
            field,
            runs: word_runs(&before, &after),
        })
        .collect()
}

/// The fields a reader sees, as text (the body without its markup).
fn fields(draft: &ArticleDraft) -> [(&'static str, String); 8] {
    [
        ("Tiêu đề", draft.title.clone()),
        ("Đường dẫn", draft.slug.clone()),
        ("Chuyên mục", draft.category.clone()),
        ("Tóm tắt", draft.summary.clone()),
        ("Nội dung", plain_text(&draft.body_html)),
        ("Tác giả", draft.author.clone()),
        ("Nguồn tin", draft.source.clone().unwrap_or_default()),
        ("Từ khóa", draft.tags.join(", ")),
    ]
}

fn word_runs(before: &str, after: &str) -> Vec<(Change, String)> {
    let diff = TextDiff::from_words(before, after);
    let mut runs: Vec<(Change, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Kept,
            ChangeTag::Delete => Change::Removed,
            ChangeTag::Insert => Change::Added,
        };
        match runs.last_mut() {
            Some((last, text)) if *last == kind => text.push_str(change.value()),
            _ => runs.push((kind, change.value().to_owned())),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, body: &str) -> ArticleDraft {
        ArticleDraft {
            title: title.to_owned(),
            body_html: body.to_owned(),
            ..ArticleDraft::blank("Phòng Khuyến công")
        }
    }

    #[test]
    fn the_same_text_has_no_changes() {
        let a = draft("Hội chợ", "<p>Nội dung</p>");
        let b = draft("Hội chợ", "<p><strong>Nội dung</strong></p>");
        assert_eq!(
            compare(&a, &b),
            [],
            "markup alone is no change a reader sees"
        );
    }

    #[test]
    fn changed_words_are_runs_of_removed_and_added() {
        let old = draft("Hội chợ năm 2025", "<p>Khai mạc sáng nay.</p>");
        let new = draft("Hội chợ năm 2026", "<p>Khai mạc sáng nay.</p>");
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "Tiêu đề");
        assert_eq!(
            changes[0].runs,
            [
                (Change::Kept, "Hội chợ năm ".to_owned()),
                (Change::Removed, "2025".to_owned()),
                (Change::Added, "2026".to_owned()),
            ]
        );
    }

    #[test]
    fn the_body_is_compared_as_text() {
        let old = draft("T", "<p>Hai trăm gian hàng.</p>");
        let new = draft("T", "<p>Hai trăm năm mươi gian hàng.</p>");
        let changes = compare(&old, &new);
        assert_eq!(changes[0].field, "Nội dung");
        assert!(
            changes[0]
                .runs
                .contains(&(Change::Added, "năm mươi ".to_owned())),
            "{:?}",
            changes[0].runs
        );
    }
}
