//! The files a content file's article names by path (its lead picture, its attachments),
//! filed as staff uploads are: streamed in, typed from their content, pictures
//! re-encoded without their metadata.

use portal_contract::UploadedFile;
use tokio_util::io::ReaderStream;

use super::{FileSource, records::ArticleRecord, records::FiledFiles};
use crate::{
    files::{self, ReceiveError},
    filing::{self, Filing},
    store::Db,
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
        Some(path) => {
            let file = file_one(pool, source, path).await?;
            if !file.picture {
                return Err(format!(
                    "`image` `{path}` is not a JPEG, PNG or WebP picture"
                ));
            }
            Some(file.id)
        }
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

async fn file_one(pool: &Db, source: &FileSource<'_>, path: &str) -> Result<UploadedFile, String> {
    let full = source.base.join(path);
    let opened = tokio::fs::File::open(&full)
        .await
        .map_err(|error| format!("cannot read `{path}`: {error}"))?;
    let received = files::receive(source.uploads_dir, source.limit, ReaderStream::new(opened))
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
