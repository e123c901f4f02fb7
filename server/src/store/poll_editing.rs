//! The newsroom's polls: every poll as written, with its results, whether it has started
//! or not; saves go through the import's upsert, so an option with ballots is never
//! removed or moved, however the change arrives.

use super::{
    Db, Tx,
    engine::{exec, on},
};
use portal_contract::content::{EditedPoll, OptionRecord, PollRecord};
use sqlx::FromRow;

use super::{
    at, first_free_slug, import,
    polls::{POLL_COLUMNS, PollRow},
};

#[derive(FromRow)]
struct EditedPollRow {
    #[sqlx(flatten)]
    poll: PollRow,
    voters: i64,
}

#[derive(FromRow)]
struct OptionRow {
    slug: String,
    title: String,
    image: Option<String>,
    article_slug: Option<String>,
    votes: i64,
}

fn poll_select() -> String {
    format!(
        "SELECT {POLL_COLUMNS},
             carried_voters + (SELECT COUNT(*) FROM poll_voters v WHERE v.poll_id = polls.id) AS voters
         FROM polls"
    )
}

/// What became of a save.
#[derive(Debug)]
pub enum PollSave {
    Saved(EditedPoll),
    NotFound,
    /// An option with ballots would be removed or moved: the reason.
    OptionVoted(String),
}

/// Every poll, the newest start first.
pub async fn list(db: &Db) -> Result<Vec<EditedPoll>, sqlx::Error> {
    let rows: Vec<EditedPollRow> = on!(db, |c| sqlx::query_as(&format!(
        "{} ORDER BY starts_at DESC, id DESC",
        poll_select()
    ))
    .fetch_all(c)
    .await)?;
    let mut polls = Vec::with_capacity(rows.len());
    for row in rows {
        polls.push(with_options(db, row).await?);
    }
    Ok(polls)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<EditedPoll>, sqlx::Error> {
    let row: Option<EditedPollRow> = on!(db, |c| sqlx::query_as(&format!(
        "{} WHERE id = $1",
        poll_select()
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?;
    match row {
        None => Ok(None),
        Some(row) => with_options(db, row).await.map(Some),
    }
}

async fn with_options(db: &Db, edited: EditedPollRow) -> Result<EditedPoll, sqlx::Error> {
    let row = edited.poll;
    let max_choices = row.max_choices();
    let options: Vec<OptionRow> = on!(db, |c| sqlx::query_as(
        "SELECT slug, title, image, article_slug,
                o.carried_votes
                    + (SELECT COUNT(*) FROM ballot_choices c WHERE c.option_id = o.id) AS votes
         FROM poll_options o WHERE poll_id = $1 ORDER BY position",
    )
    .bind(row.id)
    .fetch_all(c)
    .await)?;
    let votes = options.iter().map(|o| o.votes.unsigned_abs()).collect();
    let poll = PollRecord {
        slug: row.slug,
        question: row.question,
        link: row.link,
        max_choices,
        starts_at: at(row.starts_at),
        ends_at: row.ends_at.map(at),
        revote_after_minutes: row.revote_after_minutes.and_then(|m| u32::try_from(m).ok()),
        featured: row.featured,
        options: options
            .into_iter()
            .map(|o| OptionRecord {
                slug: o.slug,
                title: o.title,
                image: o.image,
                article: o.article_slug,
            })
            .collect(),
    };
    Ok(EditedPoll {
        id: row.id,
        poll,
        votes,
        voters: edited.voters.unsigned_abs(),
    })
}

/// Adds a poll under its slug, or the first free `slug-2`, `slug-3`, … (a new poll never
/// takes over an existing one's ballots).
pub async fn create(writer: &Db, mut poll: PollRecord) -> Result<PollSave, sqlx::Error> {
    let mut tx = writer.begin().await?;
    poll.slug = first_free_slug(&mut tx, "polls", &poll.slug, None).await?;
    written(writer, tx, &poll).await
}

/// Saves poll `id` as `poll` says (its slug stays the one it has).
pub async fn update(writer: &Db, id: i64, mut poll: PollRecord) -> Result<PollSave, sqlx::Error> {
    let mut tx = writer.begin().await?;
    let Some(slug) = on!(&mut tx, |c| sqlx::query_scalar(
        "SELECT slug FROM polls WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?
    else {
        return Ok(PollSave::NotFound);
    };
    poll.slug = slug;
    written(writer, tx, &poll).await
}

/// Writes `poll` through the import's upsert and commits; the poll as saved.
async fn written(writer: &Db, mut tx: Tx, poll: &PollRecord) -> Result<PollSave, sqlx::Error> {
    let id = match import::upsert_poll(&mut tx, poll).await? {
        Ok(id) => id,
        Err(reason) => return Ok(PollSave::OptionVoted(reason)),
    };
    tx.commit().await?;
    saved(writer, id).await
}

/// Ends an open poll at `now` (one that had not started starts a second before, so
/// that citizens see its results); a poll that has ended stays as it is.
pub async fn close(writer: &Db, id: i64, now: i64) -> Result<PollSave, sqlx::Error> {
    let least = writer.engine().least();
    exec!(writer, |c| sqlx::query(&format!(
        "UPDATE polls SET starts_at = {least}(starts_at, $2 - 1), ends_at = $2
         WHERE id = $1 AND (ends_at IS NULL OR ends_at > $2)"
    ))
    .bind(id)
    .bind(now)
    .execute(c)
    .await)?;
    saved(writer, id).await
}

async fn saved(db: &Db, id: i64) -> Result<PollSave, sqlx::Error> {
    Ok(get(db, id)
        .await?
        .map_or(PollSave::NotFound, PollSave::Saved))
}
