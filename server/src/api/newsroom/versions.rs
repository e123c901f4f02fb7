//! The versions of what staff edit besides articles (a poll, the linked websites, the
//! blocks, the public-service figures): an ETag that hashes what they edit (never what
//! citizens add to it, such as ballots or visits). A change names the version it was
//! made from in `If-Match` and is refused (412) when someone changed it since, so two
//! members of staff never overwrite each other unseen.

use axum::{
    Json,
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
};
use portal_contract::Cause;
use serde::Serialize;

use crate::http::{ApiError, etag::tag_of};

/// The version `If-Match` names: 428 without one.
pub fn named(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get(header::IF_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(|tag| tag.trim().trim_start_matches("W/").to_owned())
        .ok_or_else(|| {
            ApiError::new(Cause::VersionRequired, "Cần cho biết phiên bản đang sửa")
                .with_detail("send the ETag of what was read as If-Match")
        })
}

/// Refuses (412) a change made from `named` when the current version is another.
pub fn check(edited: &impl Serialize, named: &str) -> Result<(), ApiError> {
    if tag_of(edited) == named {
        Ok(())
    } else {
        Err(ApiError::new(
            Cause::StaleVersion,
            "Đã có người lưu thay đổi khác trước bạn; hãy tải lại trang để xem bản mới nhất",
        ))
    }
}

/// `answer` as JSON with the version of `edited` (the part of it staff edit).
pub fn versioned(answer: impl Serialize, edited: &impl Serialize) -> Response {
    let tag = HeaderValue::from_str(&tag_of(edited)).expect("hex is ASCII");
    ([(header::ETAG, tag)], Json(answer)).into_response()
}
