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
