//! Every request of the newsroom. An article travels with its version (the ETag), which
//! a save sends back as `If-Match`, so a stale save is refused rather than lost.

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::{
    Cause, RecoveryCodes, TwoStepProof, TwoStepSetup, UploadedFile,
    audit::AuditPage,
    content::{
        BlockRecord, EditedPoll, EditedWeblink, PollRecord, PublicServicesRecord, WeblinkRecord,
    },
    newsroom::{
        ArticleDraft, ArticleRows, Autosaved, EditedArticle, NewStaffMember, Revision, Shelf,
        StaffChange, StaffMember,
    },
    paths::api as paths,
};
use serde::de::DeserializeOwned;

use crate::{
    json,
    request::{ApiError, checked, get, read, send, send_json},
    routes::query_string,
};

/// What was read or saved (an article, a poll, the sidebar's parts) with its version,
/// which a change sends back as `If-Match`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned<T> {
    pub item: T,
    pub etag: String,
}

async fn versioned<T: DeserializeOwned>(response: Response) -> Result<Versioned<T>, ApiError> {
    let etag = response.headers().get("etag").unwrap_or_default();
    Ok(Versioned {
        item: read(&response).await?,
        etag,
    })
}

/// GET `path` with the version of what it answers.
async fn get_versioned<T: DeserializeOwned>(path: &str) -> Result<Versioned<T>, ApiError> {
    versioned(checked(Request::get(path).send().await).await?).await
}

/// `request` naming the version `etag` (a change of what was read at it).
fn naming(request: RequestBuilder, etag: &str) -> RequestBuilder {
    request.header("if-match", etag)
}

/// What the list of articles is narrowed to, as the list page's address holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsRequest {
    pub shelf: Option<Shelf>,
    pub category: String,
    pub q: String,
    pub page: u32,
}

pub async fn rows(request: &RowsRequest) -> Result<ArticleRows, ApiError> {
    let page = request.page.max(1).to_string();
    let query = [
        ("state", request.shelf.map_or("", Shelf::as_str)),
        ("category", &request.category),
        ("q", &request.q),
        ("page", &page),
        ("per_page", "20"),
    ];
    let path = format!("{}?{}", paths::NEWSROOM_ARTICLES, query_string(&query));
    get(&path).await
}

/// What the audit log is narrowed to, as its page's address holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditRequest {
    pub username: String,
    pub action: String,
    /// Days as `YYYY-MM-DD`, both included; empty for no bound.
    pub from: String,
    pub to: String,
    pub page: u32,
}

pub async fn audit(request: &AuditRequest) -> Result<AuditPage, ApiError> {
    let page = request.page.max(1).to_string();
    let query = [
        ("username", request.username.as_str()),
        ("action", &request.action),
        ("from", &request.from),
        ("to", &request.to),
        ("page", &page),
        ("per_page", "50"),
    ];
    get(&format!("{}?{}", paths::AUDIT, query_string(&query))).await
}

pub async fn article(id: i64) -> Result<Versioned<EditedArticle>, ApiError> {
    get_versioned(&paths::newsroom_article(id)).await
}

pub async fn create(draft: &ArticleDraft) -> Result<Versioned<EditedArticle>, ApiError> {
    versioned(send_json(Request::post(paths::NEWSROOM_ARTICLES), draft).await?).await
}

/// Saves `draft` over the version `etag` names.
pub async fn save(
    id: i64,
    etag: &str,
    draft: &ArticleDraft,
) -> Result<Versioned<EditedArticle>, ApiError> {
    let request = naming(Request::put(&paths::newsroom_article(id)), etag);
    versioned(send_json(request, draft).await?).await
}

pub async fn move_to_bin(id: i64) -> Result<(), ApiError> {
    send(Request::delete(&paths::newsroom_article(id)))
        .await
        .map(drop)
}

pub async fn restore(id: i64) -> Result<(), ApiError> {
    send(Request::post(&paths::newsroom_article_restore(id)))
        .await
        .map(drop)
}

/// Uploads `file` (a picture or an attachment); the server decides what it is.
pub async fn upload(file: &web_sys::File) -> Result<UploadedFile, ApiError> {
    let form = web_sys::FormData::new().map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    // No content type of ours: the browser writes the multipart one, with its boundary.
    let request = Request::post(paths::UPLOADS)
        .body(form)
        .map_err(|_| ApiError::unexplained(Cause::ServerError))?;
    read(&checked(request.send().await).await?).await
}

/// Keeps what the editor typed in article `id`, from the version `etag` names, and has
/// not saved.
pub async fn autosave(id: i64, etag: &str, draft: &ArticleDraft) -> Result<(), ApiError> {
    let path = paths::newsroom_article_autosave(id);
    send_json(naming(Request::put(&path), etag), draft)
        .await
        .map(drop)
}

/// The same, sent so that it outlives the page (a `keepalive` fetch: the tab is being
/// hidden or closed). Browsers take at most 64 KB so: a longer text stays with the
/// autosave before it and the copy in the tab.
pub fn autosave_keepalive(id: i64, etag: &str, draft: &ArticleDraft) {
    let (Some(window), Some(text)) = (web_sys::window(), json::to_string(draft)) else {
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("PUT");
    // Not in web-sys' bindings yet: set on the object as the Fetch standard names it.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    init.set_body(&text.into());
    let Ok(headers) = web_sys::Headers::new() else {
        return;
    };
    let _ = headers.set("content-type", "application/json");
    let _ = headers.set("if-match", etag);
    init.set_headers(&headers);
    let path = paths::newsroom_article_autosave(id);
    let _ = window.fetch_with_str_and_init(&path, &init);
}

/// What the editor typed in article `id` and did not save, kept by an autosave.
pub async fn autosaved(id: i64) -> Result<Autosaved, ApiError> {
    get(&paths::newsroom_article_autosave(id)).await
}

pub async fn revisions(id: i64) -> Result<Vec<Revision>, ApiError> {
    get(&paths::newsroom_article_revisions(id)).await
}

pub async fn polls() -> Result<Vec<EditedPoll>, ApiError> {
    get(paths::NEWSROOM_POLLS).await
}

pub async fn poll(id: i64) -> Result<Versioned<EditedPoll>, ApiError> {
    get_versioned(&paths::newsroom_item(paths::NEWSROOM_POLLS, id)).await
}

/// Adds `poll` (no `saving`), or saves the poll `saving` names (its id and the version
/// the change was made from).
pub async fn save_poll(
    saving: Option<(i64, &str)>,
    poll: &PollRecord,
) -> Result<Versioned<EditedPoll>, ApiError> {
    let request = add_or_save(paths::NEWSROOM_POLLS, saving);
    versioned(send_json(request, poll).await?).await
}

/// `POST` to `collection` for a new item (nothing in `saving`), else `PUT` to the item,
/// naming the version the change was made from.
fn add_or_save(collection: &str, saving: Option<(i64, &str)>) -> RequestBuilder {
    match saving {
        Some((id, etag)) => naming(Request::put(&paths::newsroom_item(collection, id)), etag),
        None => Request::post(collection),
    }
}

pub async fn close_poll(id: i64) -> Result<Versioned<EditedPoll>, ApiError> {
    let path = paths::newsroom_poll_close(id);
    versioned(send(Request::post(&path)).await?).await
}

pub async fn weblinks() -> Result<Versioned<Vec<EditedWeblink>>, ApiError> {
    get_versioned(paths::NEWSROOM_WEBLINKS).await
}

/// Adds `link` (no `saving`), or changes the link `saving` names (its id and the
/// version of the links the change was made from).
pub async fn save_weblink(
    saving: Option<(i64, &str)>,
    link: &WeblinkRecord,
) -> Result<EditedWeblink, ApiError> {
    let request = add_or_save(paths::NEWSROOM_WEBLINKS, saving);
    read(&send_json(request, link).await?).await
}

pub async fn order_weblinks(
    ids: &[i64],
    etag: &str,
) -> Result<Versioned<Vec<EditedWeblink>>, ApiError> {
    let path = paths::NEWSROOM_WEBLINKS_ORDER;
    versioned(send_json(naming(Request::put(path), etag), &ids).await?).await
}

pub async fn blocks() -> Result<Versioned<Vec<BlockRecord>>, ApiError> {
    get_versioned(paths::NEWSROOM_BLOCKS).await
}

pub async fn set_blocks(
    blocks: &[BlockRecord],
    etag: &str,
) -> Result<Versioned<Vec<BlockRecord>>, ApiError> {
    let request = naming(Request::put(paths::NEWSROOM_BLOCKS), etag);
    versioned(send_json(request, &blocks).await?).await
}

pub async fn public_services() -> Result<Versioned<Vec<PublicServicesRecord>>, ApiError> {
    get_versioned(paths::NEWSROOM_PUBLIC_SERVICES).await
}

pub async fn set_public_services(
    figures: &PublicServicesRecord,
    etag: &str,
) -> Result<Versioned<Vec<PublicServicesRecord>>, ApiError> {
    let request = naming(Request::put(paths::NEWSROOM_PUBLIC_SERVICES), etag);
    versioned(send_json(request, figures).await?).await
}

pub async fn users() -> Result<Vec<StaffMember>, ApiError> {
    get(paths::NEWSROOM_USERS).await
}

pub async fn add_user(user: &NewStaffMember) -> Result<StaffMember, ApiError> {
    read(&send_json(Request::post(paths::NEWSROOM_USERS), user).await?).await
}

pub async fn change_user(id: i64, change: &StaffChange) -> Result<StaffMember, ApiError> {
    let path = paths::newsroom_item(paths::NEWSROOM_USERS, id);
    read(&send_json(Request::patch(&path), change).await?).await
}

pub async fn reset_two_step(id: i64) -> Result<StaffMember, ApiError> {
    let path = paths::newsroom_user_two_step(id);
    read(&send(Request::delete(&path)).await?).await
}

/// A new secret for the signed-in user's two-step sign-in, with its QR code.
pub async fn offer_two_step() -> Result<TwoStepSetup, ApiError> {
    read(&send(Request::post(paths::TWO_STEP_SETUP)).await?).await
}

/// Turns two-step sign-in on; the recovery codes, shown once.
pub async fn enable_two_step(proof: &TwoStepProof) -> Result<RecoveryCodes, ApiError> {
    read(&send_json(Request::post(paths::TWO_STEP), proof).await?).await
}

pub async fn renew_recovery_codes(proof: &TwoStepProof) -> Result<RecoveryCodes, ApiError> {
    let request = Request::post(paths::TWO_STEP_RECOVERY_CODES);
    read(&send_json(request, proof).await?).await
}

pub async fn disable_two_step(proof: &TwoStepProof) -> Result<(), ApiError> {
    send_json(Request::post(paths::TWO_STEP_OFF), proof)
        .await
        .map(drop)
}
