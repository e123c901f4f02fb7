//! "Cỡ chữ" (A− A A+): the article's text in three sizes. The reader's choice is kept
//! in a cookie, so the server writes the page already at that size (no jump), and
//! `public/boot.js` sets it on `<html>` when a size button is pressed (each button
//! carries its size in `data-font-choice` and what to announce in `data-announce`).

/// The cookie that keeps the choice, and the attribute of `<html>` that applies it.
pub const COOKIE: &str = "font-size";
pub const ATTRIBUTE: &str = "data-font-size";
/// The name of the group of buttons.
pub const LABEL: &str = "Cỡ chữ";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FontSize {
    Smaller,
    #[default]
    Normal,
    Larger,
}

impl FontSize {
    pub const ALL: [Self; 3] = [Self::Smaller, Self::Normal, Self::Larger];

    /// The value of the cookie and of the attribute.
    pub fn value(self) -> &'static str {
        match self {
            Self::Smaller => "small",
            Self::Normal => "normal",
            Self::Larger => "large",
        }
    }

    pub fn from_value(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|size| size.value() == value)
    }

    /// The button's face, as on NukeViet's and most provincial portals.
    pub fn face(self) -> &'static str {
        match self {
            Self::Smaller => "A−",
            Self::Normal => "A",
            Self::Larger => "A+",
        }
    }

    /// What the button does, in its tooltip and read after its face ("A−").
    pub fn name(self) -> &'static str {
        match self {
            Self::Smaller => "Chữ nhỏ",
            Self::Normal => "Chữ vừa",
            Self::Larger => "Chữ lớn",
        }
    }

    /// Said in the live region once the size is chosen.
    pub fn announcement(self) -> &'static str {
        match self {
            Self::Smaller => "Đã chọn cỡ chữ nhỏ.",
            Self::Normal => "Đã chọn cỡ chữ vừa.",
            Self::Larger => "Đã chọn cỡ chữ lớn.",
        }
    }

    /// The size a request's `Cookie` header asks for; the normal one without a valid
    /// choice.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE)
            .and_then(|(_, value)| Self::from_value(value.trim()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_names_one_of_three_sizes() {
        assert_eq!(
            FontSize::from_cookie_header("reader=abc; font-size=large; x=1"),
            FontSize::Larger
        );
        assert_eq!(
            FontSize::from_cookie_header("font-size=small"),
            FontSize::Smaller
        );
        assert_eq!(FontSize::from_cookie_header(""), FontSize::Normal);
        assert_eq!(
            FontSize::from_cookie_header("font-size=huge"),
            FontSize::Normal,
            "an unknown size is the normal one"
        );
        assert_eq!(
            FontSize::from_cookie_header("old-font-size=large"),
            FontSize::Normal,
            "only our cookie counts"
        );
    }

    #[test]
    fn every_size_reads_back_from_its_value() {
        for size in FontSize::ALL {
            assert_eq!(FontSize::from_value(size.value()), Some(size));
        }
    }
}
