//! The portal's own rules, apart from the requests and the SQL that apply them: who
//! someone is (`auth`: passwords, sessions, two-step codes, the sealed reader cookie),
//! what stored HTML may hold (`sanitize`), how text is folded and matched for search
//! (`search`), NukeViet's old addresses (`legacy`), an article's states and slugs in the
//! newsroom (`newsroom`), how readers count (`reader`, `visitors`), the agency's part
//! of the footer (`footer`), and the order of the centre's units (`organisation`).

pub mod auth;
pub(crate) mod footer;
pub mod legacy;
pub mod newsroom;
pub(crate) mod organisation;
pub(crate) mod reader;
pub(crate) mod sanitize;
pub mod search;
pub mod visitors;
