//! Who rates or votes: the signed-in user when there is one, else the anonymous visitor.

use std::convert::Infallible;

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{session::Session, visitor::Visitor};

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

impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(Self::User(session.user.id));
        }
        let visitor = parts
            .extensions
            .get::<Visitor>()
            .expect("the visitor middleware runs before every API handler");
        Ok(Self::Visitor(visitor.id.clone()))
    }
}
