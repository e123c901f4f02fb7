//! Who rates or votes: the signed-in user, or the anonymous reader of the visitor cookie.
//! (`http::extract` finds it in a request.)

/// The reader a rating or ballot belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    /// A signed-in user.
    User(i64),
    /// An anonymous reader, known by the visitor cookie.
    Visitor(String),
}

impl Reader {
    /// The key stored with a rating or ballot; the prefix keeps the kinds of reader apart.
    pub fn key(&self) -> String {
        match self {
            Self::User(id) => format!("u:{id}"),
            Self::Visitor(id) => format!("v:{id}"),
        }
    }

    pub fn is_anonymous(&self) -> bool {
        matches!(self, Self::Visitor(_))
    }
}
