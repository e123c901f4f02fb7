//! Uploads: staff send a picture or an attachment; the server decides what it is from its
//! content, keeps it once by its hash, and answers where it is served.

use axum::{
    Json,
    extract::{Multipart, State, multipart::MultipartRejection},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use portal_contract::{Cause, UploadedFile, format::file_size};

use crate::{
    AppState,
    http::{ApiError, ProblemDetails, Staff},
    uploads::{
        self,
        disk::{self, ReceiveError, Received},
        filing::{self, Filing, FilingError},
    },
};

/// What a multipart body adds around the file (boundaries, headers): a body that says it
/// is longer than the limit by more than this is refused before it is read.
const MULTIPART_OVERHEAD: u64 = 64 * 1024;

fn too_large(limit: u64) -> ApiError {
    ApiError::new(
        Cause::TooLarge,
        format!("Tệp lớn hơn giới hạn {}", file_size(limit)),
    )
}

fn server_error(error: impl std::fmt::Display) -> ApiError {
    tracing::error!(%error, "an upload could not be stored");
    ApiError::new(
        Cause::ServerError,
        "Máy chủ đang gặp sự cố, vui lòng thử lại sau",
    )
}

/// Uploads one file: a picture (JPEG, PNG, WebP: re-encoded without its metadata and
/// kept at a few widths) or an attachment (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, ZIP: kept
/// as uploaded), as the `file` field of a `multipart/form-data` body. The content
/// decides the type, never the name alone. The same content uploaded again is the same
/// file.
///
/// 401, 403; 413: larger than `--max-upload-mb`; 415: none of those types (a renamed
/// HTML or SVG file, say); 422: no file, or a picture that cannot be read.
#[utoipa::path(post, path = "/api/newsroom/uploads", tag = "newsroom",
    request_body(content_type = "multipart/form-data", description = "The file, as the field `file`"),
    responses(
        (status = 201, body = UploadedFile),
        (status = 401, response = ProblemDetails),
        (status = 403, response = ProblemDetails),
        (status = 413, response = ProblemDetails),
        (status = 415, response = ProblemDetails),
        (status = 422, response = ProblemDetails),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    Staff(session): Staff,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let limit = state.settings.max_upload_bytes;
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit + MULTIPART_OVERHEAD) {
        return Err(too_large(limit));
    }
    let mut multipart = multipart.map_err(|rejection| {
        ApiError::invalid("Không đọc được tệp gửi lên", rejection.body_text())
    })?;
    let (name, received) = receive_file(&mut multipart, &state, limit).await?;
    let filing = Filing {
        db: &state.db,
        writer: &state.writer,
        dir: &state.settings.uploads_dir,
        user_id: Some(session.user.id),
    };
    let file = filing::file(&filing, &name, received)
        .await
        .map_err(|error| match error {
            FilingError::Unsupported => {
                ApiError::new(Cause::UnsupportedMediaType, uploads::REFUSED)
            }
            FilingError::Unreadable(detail) => {
                ApiError::invalid("Không đọc được ảnh này (tệp hỏng hoặc quá lớn)", detail)
            }
            FilingError::Io(error) => server_error(error),
            FilingError::Database(error) => error.into(),
        })?;
    Ok((StatusCode::CREATED, Json(file)).into_response())
}

/// The `file` field's name as uploaded and its content, received into a temporary file.
async fn receive_file(
    multipart: &mut Multipart,
    state: &AppState,
    limit: u64,
) -> Result<(String, Received), ApiError> {
    let unreadable = |error: axum::extract::multipart::MultipartError| {
        ApiError::invalid("Không đọc được tệp gửi lên", error.body_text())
    };
    loop {
        let Some(field) = multipart.next_field().await.map_err(unreadable)? else {
            return Err(ApiError::invalid(
                "Chưa chọn tệp để tải lên",
                "no field `file`",
            ));
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = uploads::clean_name(field.file_name().unwrap_or_default());
        let dir = &state.settings.uploads_dir;
        let received = disk::receive(dir, limit, field)
            .await
            .map_err(|error| match error {
                ReceiveError::TooLarge => too_large(limit),
                ReceiveError::Body(detail) => {
                    ApiError::invalid("Không đọc được tệp gửi lên", detail)
                }
                ReceiveError::Io(error) => server_error(error),
            })?;
        return Ok((name, received));
    }
}
