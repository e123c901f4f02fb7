//! The rating's and the polls' forms, which work before the app and without JavaScript:
//! a plain POST to a page address, answered with a redirect back to the page the form was
//! on (Post/Redirect/Get), which shows what the post came to. When the app runs, it sends
//! the same choices to the JSON API instead.

use serde::{Deserialize, Serialize};

use crate::Problem;

/// The rating form's field: the point, 1 to 5 (the stars are its radios).
pub const POINT_FIELD: &str = "diem";
/// A ballot's field: an option's id, once per choice (the options are its radios or
/// checkboxes).
pub const CHOICE_FIELD: &str = "lua-chon";
/// A ballot's "Kết quả" button: posted with this name, the form asks for the results and
/// casts nothing.
pub const RESULTS_FIELD: &str = "ket-qua";
/// Both forms' hidden field: the page to return to (a path of this portal, with its query).
pub const RETURN_FIELD: &str = "quay-lai";

/// Where the rating form of article `id` posts.
pub fn rating_action(id: i64) -> String {
    format!("{}/danh-gia", crate::paths::article(id))
}

/// Where the ballot of poll `id` posts.
pub fn ballot_action(id: i64) -> String {
    format!("{}/{id}/phieu", crate::paths::POLLS)
}

/// The element a form's outcome is shown in: the redirect back names it, so the page
/// opens there.
pub fn rating_anchor() -> &'static str {
    "danh-gia"
}

/// The element of poll `id`'s box on a page.
pub fn poll_anchor(id: i64) -> String {
    format!("binh-chon-{id}")
}

/// What a form posted without the app came to, for the page it returns to to show (once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Posted {
    /// A rating of article `article`: taken (the point), or refused.
    Rating {
        article: i64,
        outcome: Result<u8, Problem>,
    },
    /// A ballot in poll `poll`: recorded, or refused.
    Ballot {
        poll: i64,
        outcome: Result<(), Problem>,
    },
    /// "Kết quả" of poll `poll`: the results were asked for.
    Results { poll: i64 },
}

impl Posted {
    /// The outcome of a rating of article `id`, if this is one.
    pub fn rating_of(&self, id: i64) -> Option<&Result<u8, Problem>> {
        match self {
            Self::Rating { article, outcome } if *article == id => Some(outcome),
            _ => None,
        }
    }

    /// Whether this concerns poll `id`; with the ballot's outcome (`None`: "Kết quả").
    pub fn poll_outcome(&self, id: i64) -> Option<Option<&Result<(), Problem>>> {
        match self {
            Self::Ballot { poll, outcome } if *poll == id => Some(Some(outcome)),
            Self::Results { poll } if *poll == id => Some(None),
            _ => None,
        }
    }

    /// The element of the page the outcome is shown in.
    pub fn anchor(&self) -> String {
        match self {
            Self::Rating { .. } => rating_anchor().to_owned(),
            Self::Ballot { poll, .. } | Self::Results { poll } => poll_anchor(*poll),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cause;

    #[test]
    fn actions_are_under_the_pages_they_serve() {
        assert_eq!(rating_action(7), "/bai-viet/7/danh-gia");
        assert_eq!(ballot_action(3), "/binh-chon/3/phieu");
    }

    #[test]
    fn an_outcome_belongs_to_its_own_widget_only() {
        let rated = Posted::Rating {
            article: 7,
            outcome: Ok(4),
        };
        assert_eq!(rated.rating_of(7), Some(&Ok(4)));
        assert_eq!(rated.rating_of(8), None);
        assert_eq!(rated.poll_outcome(7), None);
        let refused = Posted::Ballot {
            poll: 3,
            outcome: Err(Problem {
                cause: Cause::AlreadyVoted,
                title: "Bạn chỉ được bình chọn 1 lần".into(),
                status: 409,
                detail: None,
                request_id: None,
            }),
        };
        assert!(matches!(refused.poll_outcome(3), Some(Some(Err(_)))));
        assert_eq!(Posted::Results { poll: 3 }.poll_outcome(3), Some(None));
        assert_eq!(Posted::Results { poll: 3 }.anchor(), "binh-chon-3");
        assert_eq!(rated.anchor(), "danh-gia");
    }

    #[test]
    fn an_outcome_travels_as_json() {
        let posted = Posted::Rating {
            article: 7,
            outcome: Ok(5),
        };
        let json = serde_json::to_string(&posted).unwrap();
        assert_eq!(serde_json::from_str::<Posted>(&json).unwrap(), posted);
    }
}
