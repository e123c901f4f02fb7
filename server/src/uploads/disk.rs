//! Uploaded files on disk, under the uploads folder by the SHA-256 of what was uploaded
//! (one copy however often a file is uploaded): received as a stream into a temporary
//! file (never whole in memory), then kept as uploaded (attachments) or decoded,
//! stripped of their metadata by re-encoding and resized (pictures).

use std::{
    io::{BufWriter, Cursor},
    path::{Path, PathBuf},
    sync::LazyLock,
};

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use image::{DynamicImage, ImageFormat, ImageReader, Limits, imageops::FilterType};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::uploads::{self, FileType, HEAD_BYTES};

/// A temporary file of the uploads folder (`tmp-…`): removed when dropped, however the
/// request that made it ends (answered, refused, timed out, or dropped by its client),
/// unless it was renamed into place.
#[derive(Debug)]
pub struct TempFile(Option<PathBuf>);

/// A temporary file's name starts so; what a crash left behind is swept by it.
const TEMP_PREFIX: &str = "tmp-";

impl TempFile {
    /// A new temporary file's path in `dir` (the file is made by the caller).
    fn new_in(dir: &Path) -> Self {
        Self(Some(
            dir.join(format!("{TEMP_PREFIX}{}", uuid::Uuid::new_v4())),
        ))
    }

    pub fn path(&self) -> &Path {
        self.0
            .as_deref()
            .expect("a temporary file has a path until kept")
    }

    /// Renames the file to `target` at once (a reader sees the old file or the whole new
    /// one, never a part), replacing what is there.
    fn rename_to(mut self, target: &Path) -> std::io::Result<()> {
        std::fs::rename(self.path(), target)?;
        self.0 = None;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Removes the temporary files in `dir` older than `age` (a crash or a kill leaves
/// them; a running upload's file is younger); how many.
pub fn sweep_temporaries(dir: &Path, age: std::time::Duration) -> std::io::Result<usize> {
    let mut swept = 0;
    let entries = match std::fs::read_dir(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        entries => entries?,
    };
    for entry in entries.flatten() {
        let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        let modified = entry.metadata().and_then(|m| m.modified());
        let old = modified.is_ok_and(|at| at.elapsed().is_ok_and(|elapsed| elapsed > age));
        if is_temp && old && std::fs::remove_file(entry.path()).is_ok() {
            swept += 1;
        }
    }
    Ok(swept)
}

/// A file received into a temporary file of the uploads folder.
#[derive(Debug)]
pub struct Received {
    pub temp: TempFile,
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
/// the file is removed when anything goes wrong (or the future is dropped).
pub async fn receive<E: std::fmt::Display>(
    dir: &Path,
    limit: u64,
    body: impl Stream<Item = Result<Bytes, E>>,
) -> Result<Received, ReceiveError> {
    let mut body = std::pin::pin!(body);
    let temp = TempFile::new_in(dir);
    let result = async {
        tokio::fs::create_dir_all(dir).await?;
        let mut file = tokio::fs::File::create(temp.path()).await?;
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
    let (hash, size, head) = result?;
    Ok(Received {
        temp,
        hash,
        size,
        head,
    })
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

/// Keeps an attachment as uploaded: the temporary file becomes `{hash}.{ext}` (the same
/// bytes, when that file is there already).
pub fn keep_attachment(dir: &Path, received: Received, kind: FileType) -> std::io::Result<()> {
    let target = dir.join(stored_name(&received.hash, None, kind.extension));
    received.temp.rename_to(&target)
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
/// EXIF (GPS!) included. Blocking: run it off the async workers, within the decoding
/// budget ([`decoding_permit`]). The temporary file is removed whatever happens.
pub fn keep_picture(
    dir: &Path,
    received: Received,
    kind: FileType,
) -> Result<KeptPicture, PictureError> {
    let picture = decode(received.temp.path())?;
    drop(received.temp);
    let format = ImageFormat::from_extension(kind.extension).unwrap_or(ImageFormat::Png);
    let widths = uploads::picture_widths(picture.width());
    let largest = *widths.last().expect("a picture has at least its own width");
    let names = stored_names(&received.hash, kind.extension, &widths);
    for (width, name) in widths.iter().zip(names) {
        write(&resized(&picture, *width), dir, &name, format)?;
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

/// The memory that pictures being decoded may take together, in MiB: a picture waits
/// for its share, so a few large ones ("decompression bombs" among them) sent at once
/// are decoded one after another instead of exhausting the server's memory.
const DECODING_BUDGET_MIB: u32 = (MAX_DECODED_BYTES / (1024 * 1024)) as u32;
static DECODING: LazyLock<tokio::sync::Semaphore> =
    LazyLock::new(|| tokio::sync::Semaphore::new(DECODING_BUDGET_MIB as usize));

/// Waits until the picture in `received` may be decoded: its share of the decoding
/// budget, from the size its header states (read without decoding). A picture whose
/// header cannot be read takes the smallest share, and fails in the decoding.
pub async fn decoding_permit(
    received: &Received,
) -> std::io::Result<tokio::sync::SemaphorePermit<'static>> {
    let path = received.temp.path().to_owned();
    let dimensions = tokio::task::spawn_blocking(move || -> std::io::Result<_> {
        let reader = ImageReader::open(path)?.with_guessed_format()?;
        Ok(reader.into_dimensions().ok())
    })
    .await
    .map_err(std::io::Error::other)??;
    let share = dimensions.map_or(1, |(width, height)| decoding_share_mib(width, height));
    DECODING
        .acquire_many(share)
        .await
        .map_err(std::io::Error::other)
}

/// A picture's share of the decoding budget: its pixels at 4 bytes each, in MiB (at
/// least 1, at most the whole budget: a larger one is refused by the decoder's limits).
fn decoding_share_mib(width: u32, height: u32) -> u32 {
    let bytes = u64::from(width) * u64::from(height) * 4;
    let mib = bytes
        .div_ceil(1024 * 1024)
        .clamp(1, u64::from(DECODING_BUDGET_MIB));
    u32::try_from(mib).unwrap_or(DECODING_BUDGET_MIB)
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

/// Writes `picture` as `dir/name`: into a temporary file first, renamed into place, so
/// two uploads of one picture at once never leave (or serve) a part of it.
fn write(
    picture: &DynamicImage,
    dir: &Path,
    name: &str,
    format: ImageFormat,
) -> Result<(), PictureError> {
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
    let temp = TempFile::new_in(dir);
    let mut file = BufWriter::new(std::fs::File::create(temp.path())?);
    std::io::Write::write_all(&mut file, encoded.get_ref())?;
    file.into_inner().map_err(|error| error.into_error())?;
    temp.rename_to(&dir.join(name))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_waits_for_its_pixels_share_of_the_decoding_budget() {
        assert_eq!(decoding_share_mib(10, 10), 1);
        assert_eq!(decoding_share_mib(1024, 1024), 4);
        assert_eq!(decoding_share_mib(12_000, 10_000), 458);
        assert_eq!(decoding_share_mib(100_000, 100_000), DECODING_BUDGET_MIB);
    }

    #[test]
    fn a_dropped_temporary_file_is_removed_and_a_renamed_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dropped = TempFile::new_in(dir.path());
        std::fs::write(dropped.path(), b"x").unwrap();
        let path = dropped.path().to_owned();
        drop(dropped);
        assert!(!path.exists());
        let kept = TempFile::new_in(dir.path());
        std::fs::write(kept.path(), b"y").unwrap();
        kept.rename_to(&dir.path().join("kept")).unwrap();
        assert_eq!(std::fs::read(dir.path().join("kept")).unwrap(), b"y");
        let stale = TempFile::new_in(dir.path());
        std::fs::write(stale.path(), b"z").unwrap();
        let stale_path = stale.path().to_owned();
        std::mem::forget(stale);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(
            sweep_temporaries(dir.path(), std::time::Duration::from_secs(3600)).unwrap(),
            0
        );
        assert_eq!(
            sweep_temporaries(dir.path(), std::time::Duration::ZERO).unwrap(),
            1
        );
        assert!(!stale_path.exists() && dir.path().join("kept").exists());
    }

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
