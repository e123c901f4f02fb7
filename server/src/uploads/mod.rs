//! The upload pipeline: files staff upload (and the import files), from the request to
//! the disk. This module holds its rules, with no file system or database: what a file
//! is, decided from its content (never its name alone), the widths a picture is resized
//! to, and how a download is named. `disk` receives and keeps files on disk, `filing`
//! classifies, keeps and records one, `article_files` an article's picture and
//! attachments as its pages show them. Their SQL is in `store::uploads` (and
//! `store::stored_files` on PostgreSQL); `api::newsroom::uploads` takes uploads,
//! `content::files` files an import's, `web::files` serves them.

pub mod article_files;
pub mod disk;
pub mod filing;

/// What an accepted file is stored and served as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    pub kind: Kind,
    pub media_type: &'static str,
    pub extension: &'static str,
    /// The short name the attachments list shows ("PDF", "DOCX", …).
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Shown in pages: re-encoded (so its metadata is gone) and resized.
    Picture,
    /// Downloaded: stored as uploaded.
    Attachment,
}

const fn picture(
    media_type: &'static str,
    extension: &'static str,
    label: &'static str,
) -> FileType {
    FileType {
        kind: Kind::Picture,
        media_type,
        extension,
        label,
    }
}

const fn attachment(
    media_type: &'static str,
    extension: &'static str,
    label: &'static str,
) -> FileType {
    FileType {
        kind: Kind::Attachment,
        media_type,
        extension,
        label,
    }
}

const JPEG: FileType = picture("image/jpeg", "jpg", "JPEG");
const PNG: FileType = picture("image/png", "png", "PNG");
const WEBP: FileType = picture("image/webp", "webp", "WebP");
const PDF: FileType = attachment("application/pdf", "pdf", "PDF");
const DOC: FileType = attachment("application/msword", "doc", "DOC");
const XLS: FileType = attachment("application/vnd.ms-excel", "xls", "XLS");
const DOCX: FileType = attachment(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "DOCX",
);
const XLSX: FileType = attachment(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    "XLSX",
);
const ODT: FileType = attachment("application/vnd.oasis.opendocument.text", "odt", "ODT");
const ODS: FileType = attachment(
    "application/vnd.oasis.opendocument.spreadsheet",
    "ods",
    "ODS",
);
const ZIP: FileType = attachment("application/zip", "zip", "ZIP");

/// The most of a file's beginning [`classify`] needs.
pub const HEAD_BYTES: usize = 8 * 1024;

/// The words of a refusal, for every file that is none of the accepted types.
pub const REFUSED: &str = "Chỉ nhận ảnh JPEG, PNG, WebP và tài liệu PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, ZIP: nội dung tệp này không phải loại nào trong đó";

/// What the file beginning with `head` and called `name` is, from its content: its
/// magic bytes decide the family; within the Office (OLE2) and ZIP families, whose
/// members share their first bytes, the name's extension picks the member (a `.docx`
/// that is really a ZIP is served as a DOCX download, which is harmless; an HTML or SVG
/// file called `.jpg` or `.pdf` matches no family and is refused).
pub fn classify(head: &[u8], name: &str) -> Option<FileType> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match infer::get(head)?.mime_type() {
        "image/jpeg" => Some(JPEG),
        "image/png" => Some(PNG),
        "image/webp" => Some(WEBP),
        "application/pdf" => Some(PDF),
        "application/x-ole-storage" | "application/msword" | "application/vnd.ms-excel" => {
            match extension.as_str() {
                "xls" => Some(XLS),
                _ => Some(DOC),
            }
        }
        "application/zip"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.spreadsheet" => Some(match extension.as_str() {
            "docx" => DOCX,
            "xlsx" => XLSX,
            "odt" => ODT,
            "ods" => ODS,
            _ => ZIP,
        }),
        _ => None,
    }
}

/// The widths a picture `width` pixels wide is kept at for `srcset`: each of the
/// standard widths below it, and its own (at most the largest).
pub fn picture_widths(width: u32) -> Vec<u32> {
    const WIDTHS: [u32; 3] = [480, 960, 1600];
    let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|w| *w < width).collect();
    widths.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    widths.dedup();
    widths
}

/// A `Content-Disposition` value that names the download `name` (a Vietnamese name is
/// kept in UTF-8 by RFC 5987's `filename*`, with an ASCII `filename` for old clients);
/// `inline` opens it in the browser (a PDF in its viewer).
pub fn content_disposition(name: &str, inline: bool) -> String {
    let ascii: String = crate::rules::search::without_marks(name)
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') => c,
            _ => '_',
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = if inline { "inline" } else { "attachment" };
    format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A file name as uploaded, made safe to keep and show: no folders, no control
/// characters, at most 200 characters; empty becomes "tep".
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    match clean.trim() {
        "" => "tep".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF_HEAD: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    const PNG_HEAD: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG_HEAD: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
    const OLE_HEAD: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0";
    const ZIP_HEAD: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0";

    #[test]
    fn the_content_decides_the_family() {
        assert_eq!(classify(PDF_HEAD, "bao-cao.pdf"), Some(PDF));
        assert_eq!(classify(PDF_HEAD, "bao-cao.jpg"), Some(PDF));
        assert_eq!(classify(PNG_HEAD, "anh"), Some(PNG));
        assert_eq!(classify(JPEG_HEAD, "Ảnh hội chợ.JPG"), Some(JPEG));
    }

    #[test]
    fn the_name_picks_within_a_family() {
        assert_eq!(classify(OLE_HEAD, "ke-hoach.xls"), Some(XLS));
        assert_eq!(classify(OLE_HEAD, "ke-hoach.doc"), Some(DOC));
        assert_eq!(classify(ZIP_HEAD, "mau.docx"), Some(DOCX));
        assert_eq!(classify(ZIP_HEAD, "mau.ODS"), Some(ODS));
        assert_eq!(classify(ZIP_HEAD, "tai-lieu.zip"), Some(ZIP));
        assert_eq!(classify(ZIP_HEAD, "tai-lieu.exe"), Some(ZIP));
    }

    #[test]
    fn html_and_svg_are_refused_whatever_their_name() {
        for (head, name) in [
            (
                &b"<!DOCTYPE html><html><script>alert(1)</script>"[..],
                "anh.jpg",
            ),
            (b"<html><body>x</body></html>", "van-ban.pdf"),
            (
                b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">",
                "logo.png",
            ),
            (b"<svg onload=\"alert(1)\">", "logo.svg"),
            (b"MZ\x90\0\x03\0\0\0", "setup.docx"),
            (b"", "trong.pdf"),
        ] {
            assert_eq!(classify(head, name), None, "{name}");
        }
    }

    #[test]
    fn pictures_are_kept_at_the_standard_widths_below_their_own() {
        assert_eq!(picture_widths(300), [300]);
        assert_eq!(picture_widths(1000), [480, 960, 1000]);
        assert_eq!(picture_widths(4000), [480, 960, 1600]);
        assert_eq!(picture_widths(1600), [480, 960, 1600]);
    }

    #[test]
    fn a_vietnamese_name_travels_in_utf8() {
        assert_eq!(
            content_disposition("Kế hoạch 2026.pdf", true),
            "inline; filename=\"Ke hoach 2026.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%202026.pdf"
        );
        assert!(
            content_disposition("a\"b.zip", false).starts_with("attachment; filename=\"a_b.zip\"")
        );
    }

    #[test]
    fn names_lose_folders_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\x\\Báo cáo.pdf"), "Báo cáo.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\nb\r.pdf"), "ab.pdf");
        assert_eq!(clean_name("  "), "tep");
    }
}
