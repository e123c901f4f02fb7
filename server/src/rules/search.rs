//! Search as citizens type it: without diacritics, in any case, on a phone without
//! Vietnamese input. Text is indexed and queried in one folded form (`fold`); SQLite's
//! the search index (`crate::search`) finds and ranks, and `snippet` marks the matches
//! in the text as written.

use unicode_normalization::UnicodeNormalization;

/// One character without its diacritics, in its case: "ệ" as "e", "đ" as "d", "Đ" as "D".
fn base_char(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'đ' => 'd',
        'Đ' => 'D',
        c => c,
    };
    base.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
}

/// The folded form of one character: lower case, without diacritics, "đ" as "d".
fn fold_char(c: char) -> impl Iterator<Item = char> {
    base_char(c).flat_map(char::to_lowercase)
}

/// `text` without diacritics, in its own case ("Kế hoạch" as "Ke hoach").
pub fn without_marks(text: &str) -> String {
    text.chars().flat_map(base_char).collect()
}

/// The form text is indexed and searched in.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(fold_char).collect()
}

/// The words of folded text: what lies between the characters that are not letters or
/// digits. The query and the index split text alike by this.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// What the reader asked for: words that must all match, and phrases (in quotes) that
/// must match as written; each folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms(Vec<String>);

impl Terms {
    pub fn parse(query: &str) -> Self {
        let mut terms = Vec::new();
        for (i, part) in query.split('"').enumerate() {
            let inside_quotes = i % 2 == 1;
            let folded = fold(part);
            let words = words(&folded).map(str::to_owned).collect::<Vec<_>>();
            match (inside_quotes, words.is_empty()) {
                (_, true) => {}
                (true, false) => terms.push(words.join(" ")),
                (false, false) => terms.extend(words),
            }
        }
        Self(terms)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The terms: a word, or a phrase's words separated by one space.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The terms that are phrases, each as its words.
    pub fn phrases(&self) -> impl Iterator<Item = Vec<&str>> {
        self.iter()
            .map(|term| term.split(' ').collect::<Vec<_>>())
            .filter(|words| words.len() > 1)
    }

    /// Every word of every term, for marking.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0.iter().flat_map(|term| term.split(' '))
    }
}

/// `text` folded, with the char range of the original that each folded char came from.
fn folded_with_origins(text: &str) -> (Vec<char>, Vec<(usize, usize)>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        for f in fold_char(c) {
            folded.push(f);
            origins.push((start, start + c.len_utf8()));
        }
    }
    (folded, origins)
}

/// Where in the original `text` the words of `terms` stand, as whole words: byte ranges.
fn matches(text: &str, terms: &Terms) -> Vec<(usize, usize)> {
    let (folded, origins) = folded_with_origins(text);
    let is_word = |i: usize| folded.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut found = Vec::new();
    for word in terms.words() {
        let word: Vec<char> = word.chars().collect();
        if word.is_empty() || word.len() > folded.len() {
            continue;
        }
        for at in 0..=folded.len() - word.len() {
            let end = at + word.len();
            let starts_word = at == 0 || !is_word(at - 1);
            let whole = starts_word && !is_word(end);
            if whole && folded[at..end] == word[..] {
                found.push((origins[at].0, origins[end - 1].1));
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Characters of context a snippet shows around its first match, on each side.
const CONTEXT_CHARS: usize = 80;

/// HTML: a passage of `text` around the first match of `terms`, the matched words in
/// `<mark>` as written in the article, everything else escaped; the start of the text
/// when nothing matches.
pub fn snippet(text: &str, terms: &Terms) -> String {
    let found = matches(text, terms);
    let first = found.first().map_or(0, |(start, _)| *start);
    let start = text[..first]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS)
        .map_or(0, |(i, _)| i);
    let end = text[first..]
        .char_indices()
        .nth(2 * CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| first + i);
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    let mut at = start;
    for (from, to) in found {
        if from < at || to > end {
            continue;
        }
        html.push_str(&escape(&text[at..from]));
        html.push_str("<mark>");
        html.push_str(&escape(&text[from..to]));
        html.push_str("</mark>");
        at = to;
    }
    html.push_str(&escape(&text[at..end]));
    if end < text.len() {
        html.push('…');
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_diacritics_and_makes_d_of_dd() {
        assert_eq!(fold("KHUYẾN CÔNG"), "khuyen cong");
        assert_eq!(fold("khuyến công"), "khuyen cong");
        assert_eq!(fold("Đẩy mạnh đào tạo"), "day manh dao tao");
        assert_eq!(fold("Chỉ thị 04/CT-BCT"), "chi thi 04/ct-bct");
    }

    #[test]
    fn words_must_all_match_and_quotes_keep_a_phrase() {
        let terms = Terms::parse(r#"chi thi "khuyến công" 2021"#);
        assert_eq!(
            terms,
            Terms(vec![
                "chi".into(),
                "thi".into(),
                "khuyen cong".into(),
                "2021".into()
            ])
        );
        assert!(Terms::parse(r#" " ", - "#).is_empty());
    }

    #[test]
    fn query_syntax_is_only_words_and_phrases_keep_their_order() {
        let terms = Terms::parse("NEAR(a b) OR title:x* & !b | -e \"Khuyến  công\" (đ)");
        assert_eq!(
            terms.iter().collect::<Vec<_>>(),
            [
                "near",
                "a",
                "b",
                "or",
                "title",
                "x",
                "b",
                "e",
                "khuyen cong",
                "d"
            ]
        );
    }

    #[test]
    fn snippets_mark_whole_words_as_written() {
        let text = "Bộ Công Thương ban hành Chỉ thị về đẩy mạnh khuyến công.";
        let html = snippet(text, &Terms::parse("chi thi KHUYEN cong"));
        assert_eq!(
            html,
            "Bộ <mark>Công</mark> Thương ban hành <mark>Chỉ</mark> <mark>thị</mark> về đẩy mạnh <mark>khuyến</mark> <mark>công</mark>."
        );
        assert_eq!(
            snippet("Congress", &Terms::parse("cong")),
            "Congress",
            "whole words only"
        );
    }

    #[test]
    fn snippets_escape_the_text_and_cut_around_the_match() {
        let long = format!("{} <b>mốc</b> {}", "trước ".repeat(40), "sau ".repeat(60));
        let html = snippet(&long, &Terms::parse("moc"));
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(
            html.contains("&lt;b&gt;<mark>mốc</mark>&lt;/b&gt;"),
            "{html}"
        );
        assert!(html.chars().count() < 2 * long.chars().count() / 3);
    }
}
