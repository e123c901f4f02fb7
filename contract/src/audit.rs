//! The audit log of staff actions: what each entry says, and the words the newsroom
//! shows for each kind of action.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One action of a member of staff, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
    /// Who acted (the username typed, for a failed sign-in).
    pub username: String,
    /// What kind of action (one of [`ACTIONS`]).
    pub action: String,
    /// What it acted on: the address of the record, if any.
    pub subject: Option<String>,
    /// The network it came from (an IPv4 address, an IPv6 /64).
    pub network: String,
}

/// A page of the log, the newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Every kind of action the log keeps, with the words the newsroom shows for it.
pub const ACTIONS: &[(&str, &str)] = &[
    ("sign-in", "Đăng nhập"),
    ("sign-in-failed", "Đăng nhập sai mật khẩu"),
    ("sign-out", "Đăng xuất"),
    ("two-step-failed", "Nhập sai mã xác thực"),
    ("recovery-code-used", "Đăng nhập bằng mã khôi phục"),
    ("two-step-on", "Bật xác thực hai bước"),
    ("two-step-off", "Tắt xác thực hai bước"),
    ("recovery-codes-renewed", "Tạo mã khôi phục mới"),
    ("two-step-reset", "Đặt lại xác thực hai bước"),
    ("article-create", "Tạo bài viết"),
    ("article-save", "Lưu bài viết"),
    ("article-bin", "Chuyển bài viết vào thùng rác"),
    ("article-restore", "Khôi phục bài viết"),
    ("upload", "Tải tệp lên"),
    ("poll-create", "Tạo cuộc bình chọn"),
    ("poll-save", "Lưu cuộc bình chọn"),
    ("poll-close", "Kết thúc cuộc bình chọn"),
    ("weblink-add", "Thêm liên kết"),
    ("weblink-change", "Sửa liên kết"),
    ("weblink-order", "Sắp xếp liên kết"),
    ("blocks-set", "Lưu các khối bên"),
    ("public-services-set", "Lưu số liệu dịch vụ công"),
    ("user-add", "Thêm người dùng"),
    ("user-change", "Sửa người dùng"),
];

/// The words the newsroom shows for `action` (the key itself when unknown).
pub fn action_label(action: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(key, _)| *key == action)
        .map_or(action, |(_, label)| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_label() {
        assert_eq!(action_label("article-save"), "Lưu bài viết");
        assert_eq!(action_label("khac"), "khac");
        for (i, (key, _)) in ACTIONS.iter().enumerate() {
            assert!(!ACTIONS[..i].iter().any(|(other, _)| other == key), "{key}");
        }
    }
}
