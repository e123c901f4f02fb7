//! The words both views of a page write: the SPA and the server's first view (which must
//! read the same). Words only the SPA shows stay with their widget.

pub const SKIP_TO_CONTENT: &str = "Bỏ qua, đến nội dung chính";
/// The governing body, above the portal's name in the header.
pub const PARENT_AGENCY: &str = "Sở Công Thương";
pub const SIGN_IN: &str = "Đăng nhập";
/// NukeViet's word for the home page: the first item of the category menu and the first
/// step of every breadcrumb.
pub const HOME: &str = "Trang nhất";
pub const MENU_LABEL: &str = "Chuyên mục";
/// The button that opens the category menu on a phone.
pub const MENU_TOGGLE: &str = "Danh mục";
/// The id of the category menu's list, which the button controls.
pub const MENU_LIST_ID: &str = "danh-muc";
pub const BREADCRUMB_LABEL: &str = "Vị trí trang";
pub const SIDEBAR_LABEL: &str = "Tiện ích";
pub const FOOTER_CREDIT: &str = "Khi sử dụng thông tin từ cổng thông tin này, xin ghi rõ nguồn.";
pub const FOOTER_FEED: &str = " Tin mới qua RSS";
/// The labels of the agency's information in the footer.
pub const GOVERNING_BODY: &str = "Cơ quan chủ quản: ";
pub const ADDRESS: &str = "Địa chỉ: ";
pub const PHONE: &str = "Điện thoại: ";
pub const FAX: &str = "Fax: ";
pub const EMAIL: &str = "Email: ";
pub const RESPONSIBLE: &str = "Chịu trách nhiệm nội dung: ";
/// After a link that opens in a new tab, for screen readers.
pub const NEW_TAB: &str = " (mở trong thẻ mới)";
pub const PUBLIC_SERVICES: &str = "Cổng dịch vụ công trực tuyến";
/// Under a footer filled by the demo content.
pub const DEMO_SITE: &str = "Thông tin cơ quan trên đây là dữ liệu mẫu để trình diễn.";

pub const SEARCH_LABEL: &str = "Tìm kiếm";
pub const SEARCH_PLACEHOLDER: &str = "Tìm kiếm…";
pub const SEARCH_BUTTON: &str = "Tìm";

pub const LATEST: &str = "Tin mới nhất";
pub const NO_ARTICLES: &str = "Chưa có bài viết nào.";
pub const PAGINATION_LABEL: &str = "Phân trang";
pub const PREVIOUS_PAGE: &str = "Trang trước";
pub const NEXT_PAGE: &str = "Trang sau";

pub const VIEWS: &str = "Lượt xem: ";
pub const ORGANISATION: &str = "Cơ cấu tổ chức";
pub const NO_ORGANISATION: &str = "Chưa có thông tin về cơ cấu tổ chức.";
pub const CONTACTS: &str = "Liên hệ";
pub const CONTACT_PEOPLE: &str = "Cán bộ đầu mối liên hệ";
/// The footer's links to the centre's organisation and contacts.
pub const ABOUT_THE_CENTRE: &str = "Về Trung tâm";
/// Before the day one of the centre's pages was last saved.
pub const UPDATED: &str = "Cập nhật: ";
pub const AUTHOR: &str = "Tác giả: ";
pub const SOURCE: &str = "Nguồn tin: ";
pub const TAGS: &str = "Từ khóa:";
pub const ATTACHMENTS: &str = "Tệp đính kèm";
pub const NEWER: &str = "Những tin mới hơn";
pub const OLDER: &str = "Những tin cũ hơn";
pub const RATING_LABEL: &str = "Đánh giá bài viết";
/// Printed under an article: where it was read.
pub const PRINT_URL: &str = "URL của bản tin này: ";
pub const PRINT: &str = "In ra";
pub const SAVE_ARTICLE: &str = "Lưu bài viết này";
/// The article's tools for passing it on.
pub const SHARE_LABEL: &str = "Chia sẻ";
pub const EMAIL_ARTICLE: &str = "Gửi bài viết qua email";
pub const SHARE_FACEBOOK: &str = "Chia sẻ lên Facebook";
pub const COPY_LINK: &str = "Sao chép liên kết";
/// Opens the phone's own share sheet (the Web Share API), which lists Zalo where it is
/// installed: Zalo documents no plain share address, and its button needs its script.
pub const SHARE_APPS: &str = "Chia sẻ qua Zalo và ứng dụng khác";

pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
pub const NOT_FOUND_TEXT: &str = "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.";
pub const BACK_HOME: &str = "Về trang chủ";

/// " (PDF, 350 KB)": an attachment's type and size after its name.
pub fn attachment_facts(label: &str, bytes: u64) -> String {
    format!(" ({label}, {})", crate::format::file_size(bytes))
}

/// How wide the article's lead picture is shown, for `<img sizes>`.
pub const PICTURE_SIZES: &str = "(max-width: 40em) 100vw, 45rem";

/// "Trang 2/5", where a paged list is.
pub fn page_of(page: u32, pages: u32) -> String {
    format!("Trang {page}/{pages}")
}

/// "Đã xem: 1.234", under an article in a list.
pub fn viewed(views: u64) -> String {
    format!("Đã xem: {}", crate::format::thousands(views))
}

/// The heading of a tag's list.
pub fn tag_heading(tag: &str) -> String {
    format!("Từ khóa: {tag}")
}

pub const STARS_LEGEND: &str = "Chọn số sao để đánh giá bài viết";
pub const ALREADY_RATED: &str = "Bạn đã đánh giá bài viết này rồi";
/// The rating form's button where scripts do not run (with them, a click on a star rates).
pub const SEND_RATING: &str = "Gửi đánh giá";
/// The heading of the product vote (REFERENCE.md's words).
pub const POLL_BLOCK: &str = "Bình chọn SẢN PHẨM CNNTTB";
