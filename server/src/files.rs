//! Uploaded files on disk, under the uploads folder by the SHA-256 of what was uploaded
//! (one copy however often a file is uploaded): received as a stream into a temporary
//! file (never whole in memory), then kept as uploaded (attachments) or decoded,
//! stripped of their metadata by re-encoding and resized (pictures).

use std::{
    io::{BufWriter, Cursor},
    path::{Path, PathBuf},
};

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::uploads::{self, FileType, HEAD_BYTES};

/// A file received into a temporary file of the uploads folder.
#[derive(Debug, Clone)]
pub struct Received {
    pub temp: PathBuf,
    /// Hex SHA-256 of the content.
    pub hash: String,
    pub size: u64,
    /// The first bytes, for [`uploads::classify`].
    pub head: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("the upload broke off: {0}")]
    Body(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes the chunks of `body` into a new temporary file in `dir`, at most `limit` bytes;
/// the file is removed when anything goes wrong.
pub async fn receive<E: std::fmt::Display>(
    dir: &Path,
    limit: u64,
    body: impl Stream<Item = Result<Bytes, E>>,
) -> Result<Received, ReceiveError> {
    let mut body = std::pin::pin!(body);
    let temp = dir.join(format!("tmp-{}", uuid::Uuid::new_v4()));
    let result = async {
        tokio::fs::create_dir_all(dir).await?;
        let mut file = tokio::fs::File::create(&temp).await?;
        let (mut hasher, mut size, mut head) = (Sha256::new(), 0u64, Vec::new());
        while let Some(chunk) = body
            .next()
            .await
            .transpose()
            .map_err(|e| ReceiveError::Body(e.to_string()))?
        {
            size += chunk.len() as u64;
            if size > limit {
                return Err(ReceiveError::TooLarge);
            }
            let wanted = HEAD_BYTES.saturating_sub(head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..wanted]);
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.flush().await?;
        Ok((hex(&hasher.finalize()), size, head))
    }
    .await;
    match result {
        Ok((hash, size, head)) => Ok(Received {
            temp,
            hash,
            size,
            head,
        }),
        Err(error) => {
            let _ = tokio::fs::remove_file(&temp).await;
            Err(error)
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stored file's name: `{hash}.{ext}`, or a picture's copy `{hash}-{width}.{ext}`.
pub fn stored_name(hash: &str, width: Option<u32>, extension: &str) -> String {
    match width {
        Some(width) => format!("{hash}-{width}.{extension}"),
        None => format!("{hash}.{extension}"),
    }
}

/// The names a file is stored under: `{hash}.{ext}`, and a picture's (whose copies'
/// widths are `widths`, the largest being the file itself) `{hash}-{width}.{ext}` each,
/// in the order of `widths`.
pub fn stored_names(hash: &str, extension: &str, widths: &[u32]) -> Vec<String> {
    let largest = widths.last().copied();
    if widths.is_empty() {
        return vec![stored_name(hash, None, extension)];
    }
    widths
        .iter()
        .map(|width| stored_name(hash, (Some(*width) != largest).then_some(*width), extension))
        .collect()
}

/// The hash and width a stored name stands for, if it is one.
pub fn parse_stored_name(name: &str) -> Option<(&str, Option<u32>)> {
    let (stem, extension) = name.split_once('.')?;
    if extension.is_empty() || !extension.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (hash, width) = match stem.split_once('-') {
        Some((hash, width)) => (hash, Some(width.parse().ok()?)),
        None => (stem, None),
    };
    let is_hash = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    is_hash.then_some((hash, width))
}

/// Keeps an attachment as uploaded: the temporary file becomes `{hash}.{ext}` (or goes,
/// when that file is there already).
pub async fn keep_attachment(
    dir: &Path,
    received: &Received,
    kind: FileType,
) -> std::io::Result<()> {
    let target = dir.join(stored_name(&received.hash, None, kind.extension));
    if tokio::fs::try_exists(&target).await? {
        tokio::fs::remove_file(&received.temp).await
    } else {
        tokio::fs::rename(&received.temp, &target).await
    }
}

/// A picture as kept: its size as stored and the widths of its copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptPicture {
    pub width: u32,
    pub height: u32,
    pub widths: Vec<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("the picture cannot be read: {0}")]
    Unreadable(#[from] image::ImageError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The largest picture decoded, in pixels a side and bytes of memory: a bigger one (or a
/// "decompression bomb") is refused rather than decoded.
const MAX_SIDE: u32 = 12_000;
const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// Decodes the received picture, then writes it again at each of its widths (the
/// largest as `{hash}.{ext}`): re-encoding keeps the pixels and drops everything else,
/// EXIF (GPS!) included. Blocking: run it off the async workers. The temporary file is
/// removed whatever happens.
pub fn keep_picture(
    dir: &Path,
    received: &Received,
    kind: FileType,
) -> Result<KeptPicture, PictureError> {
    let decoded = decode(&received.temp);
    let _ = std::fs::remove_file(&received.temp);
    let picture = decoded?;
    let format = ImageFormat::from_extension(kind.extension).unwrap_or(ImageFormat::Png);
    let widths = uploads::picture_widths(picture.width());
    let largest = *widths.last().expect("a picture has at least its own width");
    let names = stored_names(&received.hash, kind.extension, &widths);
    for (width, name) in widths.iter().zip(names) {
        write(&resized(&picture, *width), &dir.join(name), format)?;
    }
    Ok(KeptPicture {
        width: largest,
        height: height_at(&picture, largest),
        widths,
    })
}

/// The height of `picture` shown `width` pixels wide (never enlarged).
fn height_at(picture: &DynamicImage, width: u32) -> u32 {
    if width >= picture.width() {
        return picture.height();
    }
    (u64::from(picture.height()) * u64::from(width) / u64::from(picture.width())).max(1) as u32
}

fn decode(path: &Path) -> Result<DynamicImage, PictureError> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let mut reader = ImageReader::open(path)?.with_guessed_format()?;
    reader.limits(limits);
    Ok(reader.decode()?)
}

fn resized(picture: &DynamicImage, width: u32) -> DynamicImage {
    if width >= picture.width() {
        return picture.clone();
    }
    picture.resize_exact(width, height_at(picture, width), FilterType::Lanczos3)
}

fn write(picture: &DynamicImage, path: &Path, format: ImageFormat) -> Result<(), PictureError> {
    let mut encoded = Cursor::new(Vec::new());
    match format {
        // JPEG has no alpha: photographs are kept at a quality that hides the re-encoding.
        ImageFormat::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(picture.to_rgb8());
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, 85);
            rgb.write_with_encoder(encoder)?;
        }
        format => picture.write_to(&mut encoded, format)?,
    }
    let mut file = BufWriter::new(std::fs::File::create(path)?);
    std::io::Write::write_all(&mut file, encoded.get_ref())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_read_back() {
        let hash = "a".repeat(64);
        assert_eq!(
            parse_stored_name(&stored_name(&hash, None, "pdf")),
            Some((hash.as_str(), None))
        );
        assert_eq!(
            parse_stored_name(&stored_name(&hash, Some(480), "jpg")),
            Some((hash.as_str(), Some(480)))
        );
        assert_eq!(parse_stored_name("../../etc/passwd"), None);
        // A percent-encoded slash arrives decoded in the path's parameter.
        assert_eq!(parse_stored_name(&format!("{hash}.pdf/../../x")), None);
        assert_eq!(parse_stored_name(&format!("{hash}.")), None);
        assert_eq!(parse_stored_name("abc.pdf"), None);
        assert_eq!(parse_stored_name(&format!("{hash}-x.jpg")), None);
    }
}
