//! Moving a NukeViet 4 site onto the portal (`portal-server import-nukeviet`): its news
//! categories and articles (with their pictures, attachments and the files their bodies
//! show), its polls, its linked websites, the pages of its "page" modules (`about`: the
//! centre's own pages) and the units and people of its "organs" module, read from
//! NukeViet's own tables (`source`), mapped by pure rules (`mapping`), written through
//! the content import's upserts and the upload pipeline, and told in a report
//! (`report`).
//!
//! Every item is written in a transaction of its own, so a long move keeps what it has
//! done if it stops, and a run again takes up where NukeViet changed. A dry run writes
//! nothing (each transaction is rolled back, files are checked but not filed).

mod mapping;
mod report;
mod source;

use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use portal_contract::{
    UploadedFile,
    content::{
        CentrePageRecord, MAX_SUMMARY_CHARS, OptionRecord, PersonRecord, PollRecord, UnitRecord,
        WeblinkRecord,
    },
    format::plain_text,
    is_email, is_phone, paths,
};
use time::OffsetDateTime;

pub use report::{Counts, Kind, Refusal, Report};
pub use source::Site;

use crate::{
    content::{
        FileSource, files,
        records::{ArticleRecord, FiledFiles, PersonLine},
    },
    operations::Progress,
    rules::{legacy::Legacy, organisation::tree_order, sanitize},
    store::{
        Db, Tx, legacy,
        nukeviet::{self as store, MovedArticle, Outcome},
    },
};

/// The uploads folder of NukeViet's news module (`uploads/news/`), which its rows' file
/// names are relative to.
const NEWS_UPLOADS: &str = "news";

#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    /// Bad input: nothing was written.
    #[error("{0}")]
    Input(String),
    #[error("reading the NukeViet database failed: {0}")]
    Source(#[from] sqlx::Error),
    #[error("writing the portal's database failed: {0}")]
    Target(sqlx::Error),
}

/// Where the move writes, and where it finds the site's files.
pub struct Target<'a> {
    pub db: &'a Db,
    /// The NukeViet site's `uploads/` folder.
    pub uploads_from: &'a Path,
    pub uploads_dir: &'a Path,
    pub limit: u64,
    pub dry_run: bool,
}

/// Checks the site's uploads folder, before anything is written.
pub fn check_uploads(uploads_from: &Path) -> Result<(), MoveError> {
    if uploads_from.is_dir() {
        Ok(())
    } else {
        Err(MoveError::Input(format!(
            "the NukeViet uploads folder {} does not exist (give --uploads-from the site's uploads/ folder)",
            uploads_from.display()
        )))
    }
}

/// Moves `site` into `target`.
pub async fn run(
    site: &Site,
    target: &Target<'_>,
    progress: &mut dyn Progress,
) -> Result<Report, MoveError> {
    check_uploads(target.uploads_from)?;
    let mut report = Report::new(target.dry_run);
    let mut writer = Writer::new(target);
    report.tags_before = store::tags(writer.tx().await?)
        .await
        .map_err(MoveError::Target)?;
    writer.done().await?;
    let categories = move_categories(site, &mut writer, &mut report).await?;
    let linking = move_articles(
        site,
        target,
        &mut writer,
        &categories,
        &mut report,
        progress,
    )
    .await?;
    move_polls(site, &mut writer, &mut report).await?;
    move_weblinks(site, &mut writer, &mut report).await?;
    move_centre_pages(site, target, &mut writer, &mut report).await?;
    move_organisation(site, target, &mut writer, &mut report).await?;
    if !target.dry_run {
        relink(target.db, &linking, &mut report).await?;
    }
    Ok(report)
}

/// The transactions of the move: one per item, committed as each is done; a dry run's
/// items all go in one, rolled back at the end (so that its articles find the categories
/// it would have added).
struct Writer<'a> {
    db: &'a Db,
    dry_run: bool,
    open: Option<Tx>,
}

impl<'a> Writer<'a> {
    fn new(target: &Target<'a>) -> Self {
        Self {
            db: target.db,
            dry_run: target.dry_run,
            open: None,
        }
    }

    async fn tx(&mut self) -> Result<&mut Tx, MoveError> {
        if self.open.is_none() {
            self.open = Some(self.db.begin().await.map_err(MoveError::Target)?);
        }
        Ok(self.open.as_mut().expect("just opened"))
    }

    /// The item is written: committed, unless this is a dry run.
    async fn done(&mut self) -> Result<(), MoveError> {
        match self.open.take() {
            Some(tx) if !self.dry_run => tx.commit().await.map_err(MoveError::Target),
            kept => {
                self.open = kept;
                Ok(())
            }
        }
    }
}

/// The categories, by NukeViet id: their slugs on the portal.
async fn move_categories(
    site: &Site,
    writer: &mut Writer<'_>,
    report: &mut Report,
) -> Result<HashMap<i64, String>, MoveError> {
    let rows = site.categories().await?;
    let mut slugs: HashMap<i64, String> = HashMap::new();
    for (position, row) in (0_i64..).zip(&rows) {
        // NukeViet lists a parent before its children (`sort`).
        let parent = slugs.get(&row.parentid).cloned();
        let record = mapping::category(
            site.lang(),
            &row.alias,
            &row.title,
            row.catid,
            position,
            parent,
        );
        if record.title.is_empty() {
            report.refuse(Kind::Category, row.catid, "it has no title");
            continue;
        }
        let outcome = store::category(writer.tx().await?, &record)
            .await
            .map_err(MoveError::Target)?;
        writer.done().await?;
        report.count(Kind::Category, outcome);
        slugs.insert(row.catid, record.slug);
    }
    Ok(slugs)
}

async fn move_articles(
    site: &Site,
    target: &Target<'_>,
    writer: &mut Writer<'_>,
    categories: &HashMap<i64, String>,
    report: &mut Report,
    progress: &mut dyn Progress,
) -> Result<Vec<i64>, MoveError> {
    let total = site.article_count().await?.unsigned_abs();
    let mut linking = Vec::new();
    let (mut done, mut after) = (0, 0);
    loop {
        let rows = site.articles_after(after).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.id;
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let mut tags = site.tags_of(&ids).await?;
        for row in rows {
            let tags = tags.remove(&row.id).unwrap_or_default();
            let body = row.bodyhtml.as_deref().unwrap_or_default();
            if mapping::references(body)
                .iter()
                .any(|r| mapping::nukeviet_target(r).is_some())
            {
                linking.push(row.id);
            }
            move_article(row, tags, target, writer, categories, report).await?;
            done += 1;
        }
        progress.advance(done, total);
    }
    Ok(linking)
}

async fn move_article(
    row: source::ArticleRow,
    tags: Vec<String>,
    target: &Target<'_>,
    writer: &mut Writer<'_>,
    categories: &HashMap<i64, String>,
    report: &mut Report,
) -> Result<(), MoveError> {
    let id = row.id;
    let Some(category) = categories.get(&row.catid) else {
        report.refuse(
            Kind::Article,
            id,
            format!("its category {} does not exist", row.catid),
        );
        return Ok(());
    };
    if row.title.trim().is_empty() {
        report.refuse(Kind::Article, id, "it has no title");
        return Ok(());
    }
    let Some(published_at) = moment(if row.publtime > 0 {
        row.publtime
    } else {
        row.edittime
    }) else {
        report.refuse(
            Kind::Article,
            id,
            "its publish time is not a date the portal can show",
        );
        return Ok(());
    };
    // An article left as it is costs no file reads. (The check's transaction ends before
    // any file is filed: filing takes a connection of its own.)
    let left = store::standing(writer.tx().await?, id, row.edittime)
        .await
        .map_err(MoveError::Target)?;
    writer.done().await?;
    if let Some(left) = left {
        report.count(Kind::Article, left);
        return Ok(());
    }
    let author = row.author.as_deref().unwrap_or_default().trim().to_owned();
    if !author.is_empty() {
        report.authors.insert(author.clone());
    }
    report.count_tags(&tags);
    let mut files = Filer::new(target, (Kind::Article, id), report);
    let body = files
        .body(row.bodyhtml.as_deref().unwrap_or(&row.hometext))
        .await?;
    let picture = files.picture(&row).await?;
    let attachments = files
        .attachments(row.files.as_deref().unwrap_or_default())
        .await?;
    let source = [row.sourcetext.as_deref(), row.source_title.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_owned);
    let fallback = format!("bai-viet-{id}");
    let mut moved = MovedArticle {
        record: ArticleRecord {
            slug: mapping::slug_of(&row.alias, &row.title, &fallback),
            category: category.clone(),
            title: row.title.trim().to_owned(),
            summary: row.hometext.trim().to_owned(),
            body_html: body,
            author,
            source,
            tags,
            allow_rating: row.allowed_rating == 1,
            published_at,
            legacy_path: None,
            legacy_id: Some(id),
            image: None,
            image_caption: row.homeimgalt.unwrap_or_default(),
            attachments: Vec::new(),
            // A dry run checks the files without filing them: there is nothing to name.
            filed: if target.dry_run {
                FiledFiles::default()
            } else {
                FiledFiles {
                    picture_id: picture.map(|file| file.id),
                    attachment_ids: attachments.iter().map(|file| file.id).collect(),
                }
            },
        },
        legacy_id: id,
        edited_at: row.edittime,
        status: mapping::status_of(
            row.status,
            row.exptime,
            OffsetDateTime::now_utc().unix_timestamp(),
        ),
        views: mapping::count(row.hitstotal),
        rating_total: mapping::count(row.total_rating),
        rating_count: mapping::count(row.click_rating),
    };
    let outcome = store::article(writer.tx().await?, &mut moved)
        .await
        .map_err(MoveError::Target)?;
    writer.done().await?;
    match outcome {
        Some(outcome) => report.count(Kind::Article, outcome),
        None => report.refuse(Kind::Article, id, format!("unknown category `{category}`")),
    }
    Ok(())
}

/// Points the links of the moved articles `legacy_ids` that name the old site's own
/// addresses at the portal's pages, once every article has moved (a link may name one
/// moved after it). A link to what did not move is left as written.
async fn relink(db: &Db, legacy_ids: &[i64], report: &mut Report) -> Result<(), MoveError> {
    for &legacy_id in legacy_ids {
        let Some((id, body)) = store::body_of(db, legacy_id)
            .await
            .map_err(MoveError::Target)?
        else {
            continue;
        };
        let mut relinked = body.clone();
        for reference in unique(mapping::references(&body)) {
            let Some(old) = mapping::nukeviet_target(&reference) else {
                continue;
            };
            if let Some(new) = legacy::new_address(db, old)
                .await
                .map_err(MoveError::Target)?
            {
                relinked = mapping::replace_reference(&relinked, &reference, &new);
                report.relinked += 1;
            }
        }
        if relinked != body {
            store::set_body(db, id, &relinked)
                .await
                .map_err(MoveError::Target)?;
        }
    }
    Ok(())
}

/// `items` without repeats, in their order.
fn unique(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(item.clone()))
        .collect()
}

/// Unix seconds as a time the portal shows (the contract's rule).
fn moment(unix: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .filter(|at| portal_contract::instant::is_showable(*at))
}

/// Files the files of an article or a page (or, in a dry run, checks them), reporting
/// each refusal.
struct Filer<'a, 'r> {
    target: &'a Target<'a>,
    /// The kind and NukeViet id of the item whose files these are.
    owner: (Kind, i64),
    report: &'r mut Report,
}

impl<'a, 'r> Filer<'a, 'r> {
    fn new(target: &'a Target<'a>, owner: (Kind, i64), report: &'r mut Report) -> Self {
        Self {
            target,
            owner,
            report,
        }
    }

    fn refuse(&mut self, reason: String) {
        let (of, id) = self.owner;
        self.report.refuse_file(of, id, reason);
    }

    fn source(&self) -> FileSource<'_> {
        FileSource {
            base: self.target.uploads_from,
            uploads_dir: self.target.uploads_dir,
            limit: self.target.limit,
        }
    }

    /// The file at `path` in the uploads folder, filed; `None` (reported) when it cannot be.
    async fn file(&mut self, path: &str) -> Result<Option<UploadedFile>, MoveError> {
        // A file many articles show is read, filed and counted once.
        if let Some(file) = self.report.files_filed.get(path) {
            let file = file.clone();
            self.report.count(Kind::File, Outcome::Unchanged);
            return Ok(Some(file));
        }
        let result = if self.target.dry_run {
            files::check_path(&self.source(), path).await
        } else {
            files::file_path(self.target.db, &self.source(), path).await
        };
        match result {
            Ok(file) => {
                self.report.count(Kind::File, Outcome::Added);
                self.report
                    .files_filed
                    .insert(path.to_owned(), file.clone());
                Ok(Some(file))
            }
            Err(reason) => {
                self.refuse(reason);
                Ok(None)
            }
        }
    }

    /// `html` with every reference into the uploads folder filed and pointed at the
    /// portal's copy.
    async fn body(&mut self, html: &str) -> Result<String, MoveError> {
        let mut body = html.to_owned();
        for reference in unique(mapping::references(html)) {
            let Some(path) = mapping::uploads_path(&reference, None) else {
                continue;
            };
            if let Some(file) = self.file(&path).await? {
                body = mapping::replace_reference(&body, &reference, &file.url);
            }
        }
        Ok(body)
    }

    /// The lead picture: a file of the news module's folder (`homeimgthumb` 1 or 2); one
    /// on another site (3) is not moved.
    async fn picture(
        &mut self,
        row: &source::ArticleRow,
    ) -> Result<Option<UploadedFile>, MoveError> {
        let name = row.homeimgfile.as_deref().unwrap_or_default().trim();
        if name.is_empty() || row.homeimgthumb == 0 {
            return Ok(None);
        }
        if row.homeimgthumb == 3 {
            self.refuse(format!(
                "the lead picture `{name}` is on another site: not moved"
            ));
            return Ok(None);
        }
        self.picture_in(name, NEWS_UPLOADS, "the lead picture")
            .await
    }

    /// The picture `name` of the module folder `folder` (`what` it is, for the report):
    /// filed, or `None` (told) when it is out of the uploads folder or no picture.
    async fn picture_in(
        &mut self,
        name: &str,
        folder: &str,
        what: &str,
    ) -> Result<Option<UploadedFile>, MoveError> {
        let Some(path) = mapping::uploads_path(name, Some(folder)) else {
            self.refuse(format!("`{name}` is not a path in the uploads folder"));
            return Ok(None);
        };
        Ok(match self.file(&path).await? {
            Some(file) if !file.picture => {
                self.refuse(format!(
                    "{what} `{path}` is not a JPEG, PNG or WebP picture"
                ));
                None
            }
            other => other,
        })
    }

    async fn attachments(&mut self, files: &str) -> Result<Vec<UploadedFile>, MoveError> {
        let mut filed = Vec::new();
        for path in mapping::attachment_paths(files, NEWS_UPLOADS) {
            match path {
                Ok(path) => filed.extend(self.file(&path).await?),
                Err(name) => self.refuse(format!("`{name}` is not a path in the uploads folder")),
            }
        }
        Ok(filed)
    }
}

async fn move_polls(
    site: &Site,
    writer: &mut Writer<'_>,
    report: &mut Report,
) -> Result<(), MoveError> {
    let Some((polls, options)) = site.polls().await? else {
        report
            .notes
            .push("the voting module is not installed: no polls moved".into());
        return Ok(());
    };
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut newest_open = None;
    for poll in polls {
        let rows: Vec<&source::PollOptionRow> =
            options.iter().filter(|o| o.vid == poll.vid).collect();
        let Some(mut record) = poll_record(&poll, &rows, now) else {
            report.refuse(
                Kind::Poll,
                poll.vid,
                "its start or end is not a date the portal can show",
            );
            continue;
        };
        if let Err(error) = record.check() {
            report.refuse(
                Kind::Poll,
                poll.vid,
                format!("`{}`: {}", error.field, error.message),
            );
            continue;
        }
        link_poll(writer.tx().await?, &poll, &rows, &mut record)
            .await
            .map_err(MoveError::Target)?;
        let carried: Vec<i64> = rows.iter().map(|o| mapping::count(o.hitstotal)).collect();
        let voters = carried.iter().sum();
        match store::poll(writer.tx().await?, &record, &carried, voters)
            .await
            .map_err(MoveError::Target)?
        {
            Ok(outcome) => {
                report.count(Kind::Poll, outcome);
                if poll.act == 1 && record.ends_at.is_none_or(|end| end.unix_timestamp() > now) {
                    newest_open = Some(record);
                }
            }
            Err(reason) => report.refuse(Kind::Poll, poll.vid, reason),
        }
        writer.done().await?;
    }
    feature_newest_open(writer, newest_open).await
}

/// Points a poll's link, and each option's, at what they named on the old site when it
/// moved: the poll's at the article or category, an option's at the article about it.
/// Links elsewhere are not kept (the portal links a poll only to its own pages).
async fn link_poll(
    tx: &mut Tx,
    poll: &source::PollRow,
    options: &[&source::PollOptionRow],
    record: &mut PollRecord,
) -> Result<(), sqlx::Error> {
    let target = poll
        .link
        .as_deref()
        .and_then(mapping::nukeviet_target_of_url);
    record.link = match target {
        Some(Legacy::Article { id }) => store::public_article(tx, id)
            .await?
            .map(|(id, _)| paths::article(id)),
        Some(Legacy::Category { alias, .. }) => store::category_of_alias(tx, &alias)
            .await?
            .map(|slug| paths::category(&slug)),
        _ => None,
    };
    for (option, row) in record.options.iter_mut().zip(options) {
        if let Some(Legacy::Article { id }) =
            row.url.as_deref().and_then(mapping::nukeviet_target_of_url)
        {
            option.article = store::public_article(tx, id).await?.map(|(_, slug)| slug);
        }
    }
    Ok(())
}

/// Features the newest open poll, when no poll is featured.
async fn feature_newest_open(
    writer: &mut Writer<'_>,
    newest: Option<PollRecord>,
) -> Result<(), MoveError> {
    let Some(mut record) = newest else {
        return Ok(());
    };
    let tx = writer.tx().await?;
    if !store::any_featured_poll(tx)
        .await
        .map_err(MoveError::Target)?
    {
        record.featured = true;
        crate::store::import::upsert_poll(tx, &record)
            .await
            .map_err(MoveError::Target)?
            .ok();
    }
    writer.done().await
}

/// A poll as the portal keeps it: NukeViet allows a vote again after an hour, and a poll
/// it switched off (`act` 0) has ended.
fn poll_record(
    poll: &source::PollRow,
    options: &[&source::PollOptionRow],
    now: i64,
) -> Option<PollRecord> {
    let starts_at = moment(poll.publ_time)?;
    let ends_at = match (poll.exp_time, poll.act) {
        (0, 1) => None,
        (0, _) => Some(moment(poll.publ_time.min(now))?),
        (end, _) => Some(moment(end)?),
    };
    Some(PollRecord {
        slug: format!("binh-chon-{}", poll.vid),
        question: poll.question.trim().to_owned(),
        link: None,
        max_choices: mapping::max_choices(poll.acceptcm, options.len()),
        starts_at,
        ends_at,
        revote_after_minutes: Some(60),
        featured: false,
        options: options
            .iter()
            .map(|option| OptionRecord {
                slug: format!("phuong-an-{}", option.id),
                title: option.title.trim().to_owned(),
                image: None,
                article: None,
            })
            .collect(),
    })
}

async fn move_weblinks(
    site: &Site,
    writer: &mut Writer<'_>,
    report: &mut Report,
) -> Result<(), MoveError> {
    let Some(links) = site.weblinks().await? else {
        report
            .notes
            .push("the weblinks module is not installed: no linked websites moved".into());
        return Ok(());
    };
    for (position, link) in (0_i64..).zip(links) {
        let record = WeblinkRecord {
            slug: format!("lien-ket-{}", link.id),
            group: link
                .group_title
                .as_deref()
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .unwrap_or("Liên kết")
                .to_owned(),
            title: link.title.trim().to_owned(),
            url: link.url.trim().to_owned(),
            position,
            visible: link.status == 1,
        };
        if let Err(error) = record.check() {
            report.refuse(
                Kind::Weblink,
                link.id,
                format!("`{}`: {}", error.field, error.message),
            );
            continue;
        }
        let visits = mapping::count(link.hits_total);
        let outcome = store::weblink(writer.tx().await?, &record, visits)
            .await
            .map_err(MoveError::Target)?;
        writer.done().await?;
        report.count(Kind::Weblink, outcome);
    }
    Ok(())
}

/// The pages of every "page" module (NukeViet's `about` and its copies), as the centre's
/// own pages, in the menu; those NukeViet hides stay behind.
async fn move_centre_pages(
    site: &Site,
    target: &Target<'_>,
    writer: &mut Writer<'_>,
    report: &mut Report,
) -> Result<(), MoveError> {
    let modules = site.modules("page").await?;
    if modules.is_empty() {
        report
            .notes
            .push("no page module is installed: no pages moved".into());
    }
    for module in modules {
        let Some(rows) = site.pages_of(&module).await? else {
            report.notes.push(format!(
                "the page module `{}` has no table: its pages were not moved",
                module.title
            ));
            continue;
        };
        for row in rows {
            if row.status != 1 {
                report.notes.push(format!(
                    "page {} (`{}`) of `{}` is hidden on the old site: not moved",
                    row.id, row.alias, module.title
                ));
                continue;
            }
            let mut files = Filer::new(target, (Kind::Page, row.id), report);
            let body_html = sanitize::article_html(&files.body(&row.bodytext).await?);
            let record = page_record(&row, body_html);
            if let Err(error) = record.check() {
                let reason = format!("`{}`: {}", error.field, error.message);
                report.refuse(Kind::Page, row.id, reason);
                continue;
            }
            let alias = row.alias.trim();
            let outcome = store::centre_page(writer.tx().await?, &record, &module.title, alias)
                .await
                .map_err(MoveError::Target)?;
            writer.done().await?;
            report.count(Kind::Page, outcome);
        }
    }
    Ok(())
}

/// A page as the portal keeps it: its description cut to what a summary may hold.
fn page_record(row: &source::PageRow, body_html: String) -> CentrePageRecord {
    let description = plain_text(row.description.as_deref().unwrap_or_default());
    CentrePageRecord {
        slug: mapping::slug_of(&row.alias, &row.title, &format!("trang-{}", row.id)),
        title: row.title.trim().to_owned(),
        summary: description.chars().take(MAX_SUMMARY_CHARS).collect(),
        body_html,
        position: row.weight,
        in_menu: true,
    }
}

/// The units and people of every "organs" module ("Cơ cấu tổ chức"), a unit after the one
/// it sits under; those NukeViet hides stay behind. A phone or e-mail address that makes
/// no link is left out and told.
async fn move_organisation(
    site: &Site,
    target: &Target<'_>,
    writer: &mut Writer<'_>,
    report: &mut Report,
) -> Result<(), MoveError> {
    for module in site.modules("organs").await? {
        let Some((units, people)) = site.organs_of(&module).await? else {
            report.notes.push(format!(
                "the organs module `{}` has no tables: its units were not moved",
                module.title
            ));
            continue;
        };
        let parent_of = |unit: &source::OrganRow| (unit.parentid != 0).then_some(unit.parentid);
        let mut moved = HashSet::new();
        for (_, unit) in tree_order(units, |unit| unit.organid, parent_of) {
            if unit.active != 1 {
                report.notes.push(format!(
                    "unit {} ({}) is hidden on the old site: not moved",
                    unit.organid, unit.title
                ));
                continue;
            }
            let parent = parent_of(&unit).filter(|parent| moved.contains(parent));
            let record = unit_record(&unit, parent, report);
            if write_checked(writer, unit.organid, Directory::Unit(&record), report).await? {
                moved.insert(unit.organid);
            }
        }
        for person in people {
            move_person(target, writer, &module, &person, &moved, report).await?;
        }
    }
    Ok(())
}

fn unit_record(unit: &source::OrganRow, parent: Option<i64>, report: &mut Report) -> UnitRecord {
    let mut told = |field: &str, value: Result<Option<String>, String>| {
        value.unwrap_or_else(|value| {
            report.notes.push(format!(
                "unit {}: its {field} `{value}` makes no link: left out",
                unit.organid
            ));
            None
        })
    };
    UnitRecord {
        slug: unit_slug(unit.organid),
        name: unit.title.trim().to_owned(),
        parent: parent.map(unit_slug),
        position: unit.weight,
        address: Some(unit.address.trim().to_owned()).filter(|a| !a.is_empty()),
        phone: told("phone", mapping::contact(&unit.phone, is_phone)),
        fax: told("fax", mapping::contact(&unit.fax, is_phone)),
        email: told("e-mail", mapping::contact(&unit.email, is_email)),
    }
}

/// A moved unit's slug: its NukeViet id, so a run again finds it whatever was renamed.
fn unit_slug(organid: i64) -> String {
    format!("don-vi-{organid}")
}

async fn move_person(
    target: &Target<'_>,
    writer: &mut Writer<'_>,
    module: &source::Module,
    person: &source::OrganPersonRow,
    moved_units: &HashSet<i64>,
    report: &mut Report,
) -> Result<(), MoveError> {
    let id = person.personid;
    if person.active != 1 {
        report.notes.push(format!(
            "person {id} ({}) is hidden on the old site: not moved",
            person.name
        ));
        return Ok(());
    }
    if !moved_units.contains(&person.organid) {
        report.refuse(
            Kind::Person,
            id,
            format!("their unit {} did not move", person.organid),
        );
        return Ok(());
    }
    let photo_id = person_photo(target, module, person, report).await?;
    let number = mapping::contact(&person.mobile, is_phone)
        .ok()
        .flatten()
        .or_else(|| mapping::contact(&person.phone, is_phone).ok().flatten());
    let email = mapping::contact(&person.email, is_email).unwrap_or_else(|value| {
        let note = format!("person {id}: their e-mail `{value}` makes no link: left out");
        report.notes.push(note);
        None
    });
    let line = PersonLine {
        record: PersonRecord {
            slug: format!("can-bo-{id}"),
            unit: unit_slug(person.organid),
            name: person.name.trim().to_owned(),
            title: person.position.trim().to_owned(),
            phone: number,
            email,
            photo: None,
            position: person.weight,
            contact: false,
        },
        photo_id,
    };
    write_checked(writer, id, Directory::Person(&line), report)
        .await
        .map(drop)
}

/// A person's photo, filed from the module's uploads folder; `None` (told) when it cannot be.
async fn person_photo(
    target: &Target<'_>,
    module: &source::Module,
    person: &source::OrganPersonRow,
    report: &mut Report,
) -> Result<Option<i64>, MoveError> {
    let name = person.photo.trim();
    if name.is_empty() {
        return Ok(None);
    }
    let mut files = Filer::new(target, (Kind::Person, person.personid), report);
    let photo = files
        .picture_in(name, &module.module_upload, "the photo")
        .await?;
    // A dry run checks the file without filing it: there is nothing to name.
    Ok(photo.filter(|_| !target.dry_run).map(|file| file.id))
}

/// An item of the directory to write.
enum Directory<'a> {
    Unit(&'a UnitRecord),
    Person(&'a PersonLine),
}

/// Writes `item` (NukeViet's `id`) if its check passes, in a transaction of its own, and
/// counts it; a refused one (by its check, or an unknown unit) is told. Whether it was
/// written.
async fn write_checked(
    writer: &mut Writer<'_>,
    id: i64,
    item: Directory<'_>,
    report: &mut Report,
) -> Result<bool, MoveError> {
    let (kind, check) = match item {
        Directory::Unit(unit) => (Kind::Unit, unit.check()),
        Directory::Person(line) => (Kind::Person, line.record.check()),
    };
    if let Err(error) = check {
        report.refuse(kind, id, format!("`{}`: {}", error.field, error.message));
        return Ok(false);
    }
    let tx = writer.tx().await?;
    let written = match item {
        Directory::Unit(unit) => store::unit(tx, unit).await,
        Directory::Person(line) => store::person(tx, line).await,
    };
    match written.map_err(MoveError::Target)? {
        Ok(outcome) => {
            writer.done().await?;
            report.count(kind, outcome);
            Ok(true)
        }
        Err(reason) => {
            report.refuse(kind, id, reason);
            Ok(false)
        }
    }
}
