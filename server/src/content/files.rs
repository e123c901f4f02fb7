//! The files a content file's records name by path (an article's lead picture and
//! attachments, a person's photo), filed as staff uploads are: streamed in, typed from
//! their content, pictures re-encoded without their metadata.

use portal_contract::UploadedFile;
use tokio_util::io::ReaderStream;

use super::{FileSource, records::ArticleRecord, records::FiledFiles};
use crate::{
    store::Db,
    uploads::{
        disk::{self, ReceiveError},
        filing::{self, Filing},
    },
};

/// Files the article's picture and attachments; the reason when one cannot be.
pub async fn file_all(
    pool: &Db,
    source: Option<&FileSource<'_>>,
    article: &ArticleRecord,
) -> Result<FiledFiles, String> {
    if article.image.is_none() && article.attachments.is_empty() {
        return Ok(FiledFiles::default());
    }
    let source =
        source.ok_or("`image` and `attachments` need the import command, which finds the files")?;
    let picture_id = match &article.image {
        None => None,
        Some(path) => Some(file_picture(pool, source, "image", path).await?),
    };
    let mut attachment_ids = Vec::with_capacity(article.attachments.len());
    for path in &article.attachments {
        let file = file_one(pool, source, path).await?;
        if file.picture {
            return Err(format!(
                "attachment `{path}` is a picture: put it in the body or in `image`"
            ));
        }
        attachment_ids.push(file.id);
    }
    Ok(FiledFiles {
        picture_id,
        attachment_ids,
    })
}

/// Files a person's photo; its upload's id, or the reason when it cannot be.
pub async fn file_photo(
    pool: &Db,
    source: Option<&FileSource<'_>>,
    path: &str,
) -> Result<i64, String> {
    let source = source.ok_or("`photo` needs the import command, which finds the files")?;
    file_picture(pool, source, "photo", path).await
}

/// Files the picture at `path`, which `field` names; its upload's id, or the reason when
/// it cannot be or is no picture.
async fn file_picture(
    pool: &Db,
    source: &FileSource<'_>,
    field: &str,
    path: &str,
) -> Result<i64, String> {
    let file = file_one(pool, source, path).await?;
    if !file.picture {
        return Err(format!(
            "`{field}` `{path}` is not a JPEG, PNG or WebP picture"
        ));
    }
    Ok(file.id)
}

/// Files the file at `path` (relative to `source.base`) as an upload is filed; the reason
/// when it cannot be.
pub(crate) async fn file_path(
    pool: &Db,
    source: &FileSource<'_>,
    path: &str,
) -> Result<UploadedFile, String> {
    file_one(pool, source, path).await
}

/// What filing the file at `path` would give, without filing it: its type is checked
/// from its first bytes (a dry run's check). The answer's id and address are empty.
pub(crate) async fn check_path(
    source: &FileSource<'_>,
    path: &str,
) -> Result<UploadedFile, String> {
    use tokio::io::AsyncReadExt;
    let full = source.base.join(path);
    let mut opened = tokio::fs::File::open(&full)
        .await
        .map_err(|error| format!("cannot read `{path}`: {error}"))?;
    let size = opened.metadata().await.map(|m| m.len()).unwrap_or_default();
    if size > source.limit {
        return Err(format!("`{path}` is larger than the upload limit"));
    }
    let mut head = vec![0; 8192];
    let read = opened
        .read(&mut head)
        .await
        .map_err(|error| format!("cannot read `{path}`: {error}"))?;
    head.truncate(read);
    let name = crate::uploads::clean_name(path.rsplit('/').next().unwrap_or(path));
    let kind = crate::uploads::classify(&head, &name)
        .ok_or_else(|| format!("`{path}`: {}", crate::uploads::REFUSED))?;
    Ok(UploadedFile {
        id: 0,
        url: String::new(),
        picture: kind.kind == crate::uploads::Kind::Picture,
        name,
        label: kind.label.to_owned(),
        size,
        width: None,
        height: None,
        srcset: None,
    })
}

async fn file_one(pool: &Db, source: &FileSource<'_>, path: &str) -> Result<UploadedFile, String> {
    let full = source.base.join(path);
    let opened = tokio::fs::File::open(&full)
        .await
        .map_err(|error| format!("cannot read `{path}`: {error}"))?;
    let received = disk::receive(source.uploads_dir, source.limit, ReaderStream::new(opened))
        .await
        .map_err(|error| match error {
            ReceiveError::TooLarge => format!("`{path}` is larger than the upload limit"),
            other => format!("`{path}` could not be filed: {other}"),
        })?;
    let name = full
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let filing = Filing {
        db: pool,
        writer: pool,
        dir: source.uploads_dir,
        user_id: None,
    };
    filing::file(&filing, &crate::uploads::clean_name(&name), received)
        .await
        .map_err(|error| format!("`{path}`: {error}"))
}
