use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::newsroom::Role;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The body of `POST /api/session` (signing in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignIn {
    pub username: String,
    pub password: String,
    /// The second step, for an account that has it: the code the authenticator app
    /// shows, or one of the account's recovery codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Where an account stands with two-step sign-in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TwoStep {
    /// A sign-in asks for a code after the password.
    pub enabled: bool,
    /// The portal asks it of this account: until it is enabled, the session may only set
    /// it up.
    pub required: bool,
}

impl TwoStep {
    /// The account must set up two-step sign-in before it does anything else.
    pub fn must_set_up(self) -> bool {
        self.required && !self.enabled
    }
}

/// A secret offered for two-step sign-in (`POST /api/session/two-step/setup`), to be
/// confirmed with a first code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TwoStepSetup {
    /// The secret in base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://` address the QR code carries.
    pub uri: String,
    /// The QR code, as an SVG image.
    pub qr_svg: String,
}

/// The proof a change of two-step sign-in asks for: the password again, and a code
/// (of the offered secret when enabling, of the account's otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TwoStepProof {
    pub password: String,
    pub code: String,
}

/// Recovery codes: each signs in once in place of an app's code. Shown once only; the
/// server keeps their hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Staff have one; a citizen's account has none.
    pub role: Option<Role>,
}

/// A live session, as the server sees it. The client keeps its idle deadline at
/// `expires_at - now` from its own clock, which corrects any clock offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionInfo {
    pub user: SessionUser,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: OffsetDateTime,
    /// The absolute end of the session: no keepalive moves `expires_at` past it.
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: OffsetDateTime,
    /// The idle time after which a session expires.
    pub idle_timeout_s: u64,
    /// How long before expiry the client warns.
    pub warning_s: u64,
    /// The server's clock when it answered.
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub now: OffsetDateTime,
    /// Two-step sign-in for this account.
    #[serde(default)]
    pub two_step: TwoStep,
}

/// How long before expiry the idle notice shows (NukeViet's 60 seconds).
pub const WARNING_S: u64 = 60;

/// What `GET /api/reader` answers: whether this request came with a reader the server
/// knew. An embed page asks, to find out whether the browser keeps our cookie there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReaderStatus {
    pub known: bool,
}
