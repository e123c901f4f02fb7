use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The media type of every error body (RFC 9457).
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Why a request was refused or failed: the problem's `type`, one name for each cause a
/// client may act on. Each cause has one HTTP status, used by the server to answer and by
/// clients that get no problem body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum Cause {
    #[serde(rename = "/problems/bad-request")]
    BadRequest,
    #[serde(rename = "/problems/invalid-value")]
    InvalidValue,
    /// No session, or it has expired.
    #[serde(rename = "/problems/signed-out")]
    SignedOut,
    #[serde(rename = "/problems/wrong-credentials")]
    WrongCredentials,
    /// The password was right; the account signs in in two steps: send it again with a
    /// code.
    #[serde(rename = "/problems/code-needed")]
    CodeNeeded,
    /// The second step's code is wrong, or was used already.
    #[serde(rename = "/problems/wrong-code")]
    WrongCode,
    /// A state-changing request from another site's page.
    #[serde(rename = "/problems/cross-site")]
    CrossSite,
    /// Signed in, but without the role the request needs.
    #[serde(rename = "/problems/forbidden")]
    Forbidden,
    /// Two-step sign-in is on already: turn it off before setting it up again.
    #[serde(rename = "/problems/two-step-enabled")]
    TwoStepEnabled,
    /// The portal asks two-step sign-in of staff, and this account has not set it up.
    #[serde(rename = "/problems/two-step-required")]
    TwoStepRequired,
    #[serde(rename = "/problems/rating-off")]
    RatingOff,
    #[serde(rename = "/problems/not-found")]
    NotFound,
    #[serde(rename = "/problems/already-rated")]
    AlreadyRated,
    /// The poll takes one ballot per reader, and this reader has cast it.
    #[serde(rename = "/problems/already-voted")]
    AlreadyVoted,
    /// The reader voted within the poll's cooldown.
    #[serde(rename = "/problems/vote-too-soon")]
    VoteTooSoon,
    #[serde(rename = "/problems/poll-ended")]
    PollEnded,
    /// Another article has the address the editor chose.
    #[serde(rename = "/problems/slug-taken")]
    SlugTaken,
    #[serde(rename = "/problems/username-taken")]
    UsernameTaken,
    /// A poll's option has ballots: it may be renamed, not removed or moved.
    #[serde(rename = "/problems/option-voted")]
    OptionVoted,
    /// An admin may not disable themself or give up their own admin role.
    #[serde(rename = "/problems/own-account")]
    OwnAccount,
    /// The change would leave the portal with no admin who can sign in.
    #[serde(rename = "/problems/last-admin")]
    LastAdmin,
    /// Someone saved the article since the version this save was made from.
    #[serde(rename = "/problems/stale-version")]
    StaleVersion,
    /// A save must name the version it was made from (If-Match).
    #[serde(rename = "/problems/version-required")]
    VersionRequired,
    /// A method the address does not answer.
    #[serde(rename = "/problems/method-not-allowed")]
    MethodNotAllowed,
    /// The server gave up waiting for the request.
    #[serde(rename = "/problems/timeout")]
    Timeout,
    /// The body is larger than the API takes.
    #[serde(rename = "/problems/too-large")]
    TooLarge,
    #[serde(rename = "/problems/unsupported-media-type")]
    UnsupportedMediaType,
    /// A valve or lock-out; the answer says when to try again (Retry-After).
    #[serde(rename = "/problems/too-many-requests")]
    TooManyRequests,
    /// A state change from an anonymous reader whose id was issued by this very answer:
    /// send it again (the cookie is now set).
    #[serde(rename = "/problems/new-reader")]
    NewReader,
    #[serde(rename = "/problems/server-error")]
    ServerError,
    /// The server sheds load (or is busy hashing passwords); see Retry-After.
    #[serde(rename = "/problems/overloaded")]
    Overloaded,
    /// A type this version of the contract does not know.
    #[serde(other)]
    Other,
}

impl Cause {
    /// The HTTP status that carries this cause.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::SignedOut | Self::WrongCredentials | Self::CodeNeeded | Self::WrongCode => 401,
            Self::CrossSite | Self::RatingOff | Self::Forbidden | Self::TwoStepRequired => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Timeout => 408,
            Self::AlreadyRated
            | Self::AlreadyVoted
            | Self::VoteTooSoon
            | Self::PollEnded
            | Self::SlugTaken
            | Self::UsernameTaken
            | Self::OptionVoted
            | Self::OwnAccount
            | Self::LastAdmin
            | Self::TwoStepEnabled => 409,
            Self::StaleVersion => 412,
            Self::TooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::InvalidValue => 422,
            Self::NewReader | Self::VersionRequired => 428,
            Self::TooManyRequests => 429,
            Self::ServerError | Self::Other => 500,
            Self::Overloaded => 503,
        }
    }

    /// The cause of an error status that came without a problem body (from a proxy, say).
    pub fn of_status(status: u16) -> Self {
        match status {
            400 => Self::BadRequest,
            401 => Self::SignedOut,
            403 => Self::CrossSite,
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            408 => Self::Timeout,
            412 => Self::StaleVersion,
            413 => Self::TooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::InvalidValue,
            428 => Self::NewReader,
            429 => Self::TooManyRequests,
            503 => Self::Overloaded,
            _ => Self::Other,
        }
    }

    /// Whether the reader's request was refused (a 4xx), rather than the server failing.
    pub fn is_refusal(self) -> bool {
        (400..500).contains(&self.status())
    }
}

/// An error as the API reports it (RFC 9457 "problem details").
///
/// `title` is Vietnamese and meant for the reader; `type` is a stable identifier for code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub cause: Cause,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request's id, as the server's log has it (for an error report).
    #[serde(default, rename = "requestId", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_travel_as_problem_types() {
        let problem = Problem {
            cause: Cause::AlreadyRated,
            title: "Bạn đã đánh giá bài viết này rồi".into(),
            status: 409,
            detail: None,
            request_id: None,
        };
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "/problems/already-rated");
        assert_eq!(serde_json::from_value::<Problem>(json).unwrap(), problem);
    }

    #[test]
    fn an_unknown_type_is_other() {
        let problem: Problem =
            serde_json::from_str(r#"{"type":"https://example.org/x","title":"x","status":418}"#)
                .unwrap();
        assert_eq!(problem.cause, Cause::Other);
    }

    #[test]
    fn every_cause_has_the_status_a_bare_answer_would_map_back_to() {
        for cause in [
            Cause::BadRequest,
            Cause::SignedOut,
            Cause::NotFound,
            Cause::MethodNotAllowed,
            Cause::Timeout,
            Cause::StaleVersion,
            Cause::TooLarge,
            Cause::UnsupportedMediaType,
            Cause::InvalidValue,
            Cause::NewReader,
            Cause::TooManyRequests,
            Cause::Overloaded,
        ] {
            assert_eq!(Cause::of_status(cause.status()), cause);
        }
        assert!(Cause::AlreadyVoted.is_refusal());
        assert!(!Cause::ServerError.is_refusal());
        assert_eq!(Cause::of_status(502), Cause::Other);
    }
}
