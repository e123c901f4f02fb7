//! Request plumbing, shared by every route: problems (`error`), extractors (`extract`),
//! the middleware that finds the reader (`visitor`, `session`) and guards state changes
//! (`same_origin`), what keeps every answer a problem (`shield`), the security headers
//! (`headers`) and the built SPA's files (`site`).

pub mod error;
pub mod extract;
pub mod headers;
pub mod same_origin;
pub mod session;
pub mod shield;
pub mod site;
pub mod visitor;

pub use error::{ApiError, ProblemDetails};
pub use extract::{ActingReader, ClientNetwork, IdPath, JsonBody, SignedIn, Titled, Viewer};
