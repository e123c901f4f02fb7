//! Polls and ballots. Totals are counted from the ballots, so they cannot drift; whether a
//! reader may vote is decided by one conditional upsert on `poll_voters`.

use super::{
    Db, Tx,
    engine::{exec, on},
};
use portal_contract::{
    BallotError, Poll, PollOption, RevotePolicy, check_ballot, paths, percent_hundredths,
};
use sqlx::FromRow;
use time::OffsetDateTime;

use super::at;
use crate::rules::reader::{Network, Reader, WIDE_FACTOR};

#[derive(FromRow)]
pub(super) struct PollRow {
    pub(super) id: i64,
    pub(super) slug: String,
    pub(super) question: String,
    pub(super) link: Option<String>,
    max_choices: i64,
    pub(super) starts_at: i64,
    pub(super) ends_at: Option<i64>,
    pub(super) revote_after_minutes: Option<i64>,
    pub(super) featured: bool,
}

impl PollRow {
    fn revote(&self) -> RevotePolicy {
        match self.revote_after_minutes {
            None => RevotePolicy::Once,
            Some(minutes) => RevotePolicy::AfterCooldown {
                minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
            },
        }
    }

    pub(super) fn max_choices(&self) -> u32 {
        u32::try_from(self.max_choices).unwrap_or(1)
    }

    fn is_open(&self, now: i64) -> bool {
        self.ends_at.is_none_or(|end| now < end)
    }
}

#[derive(FromRow)]
struct OptionRow {
    id: i64,
    title: String,
    image: Option<String>,
    article_id: Option<i64>,
    votes: i64,
}

pub(super) const POLL_COLUMNS: &str = "id, slug, question, link, max_choices, starts_at, ends_at, \
                            revote_after_minutes, featured";

/// Every poll that has started, the featured first, then the newest, with no reader's
/// choices: what every reader sees.
pub async fn results(db: &Db) -> Result<Vec<Poll>, sqlx::Error> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let rows: Vec<PollRow> = on!(db, |c| sqlx::query_as(&format!(
        "SELECT {POLL_COLUMNS} FROM polls WHERE starts_at <= $1
         ORDER BY featured DESC, starts_at DESC, id DESC"
    ))
    .bind(now)
    .fetch_all(c)
    .await)?;
    let mut polls = Vec::with_capacity(rows.len());
    for row in rows {
        polls.push(with_results(db, row, now).await?);
    }
    Ok(polls)
}

/// Fills in `reader`'s choices (those of their latest ballot in each poll), in one read:
/// the only read of a reader's choices.
pub async fn with_choices_of(
    db: &Db,
    reader: &Reader,
    polls: &mut [Poll],
) -> Result<(), sqlx::Error> {
    let choices: Vec<(i64, i64)> = on!(db, |c| {
        sqlx::query_as(
        "SELECT b.poll_id, c.option_id FROM ballots b JOIN ballot_choices c ON c.ballot_id = b.id
         WHERE b.reader = $1 AND b.id = (
             SELECT latest.id FROM ballots latest
             WHERE latest.poll_id = b.poll_id AND latest.reader = $1
             ORDER BY latest.cast_at DESC, latest.id DESC LIMIT 1)
         ORDER BY c.option_id",
    )
    .bind(reader.key())
    .fetch_all(c)
    .await
    })?;
    for poll in polls {
        poll.my_choices = choices
            .iter()
            .filter(|(poll_id, _)| *poll_id == poll.id)
            .map(|(_, option)| *option)
            .collect();
    }
    Ok(())
}

/// One poll with its results, if it exists and has started.
pub async fn get(db: &Db, id: i64, reader: &Reader) -> Result<Option<Poll>, sqlx::Error> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    match started_poll(db, id, now).await? {
        None => Ok(None),
        Some(row) => {
            let mut poll = with_results(db, row, now).await?;
            with_choices_of(db, reader, std::slice::from_mut(&mut poll)).await?;
            Ok(Some(poll))
        }
    }
}

async fn started_poll(db: &Db, id: i64, now: i64) -> Result<Option<PollRow>, sqlx::Error> {
    on!(db, |c| sqlx::query_as(&format!(
        "SELECT {POLL_COLUMNS} FROM polls WHERE id = $1 AND starts_at <= $2"
    ))
    .bind(id)
    .bind(now)
    .fetch_optional(c)
    .await)
}

/// `row` with its results, no reader's choices.
async fn with_results(db: &Db, row: PollRow, now: i64) -> Result<Poll, sqlx::Error> {
    let options: Vec<OptionRow> = on!(db, |c| sqlx::query_as(
        "SELECT o.id, o.title, o.image, a.id AS article_id,
                o.carried_votes
                    + (SELECT COUNT(*) FROM ballot_choices c WHERE c.option_id = o.id) AS votes
         FROM poll_options o LEFT JOIN public_articles a ON a.slug = o.article_slug
         WHERE o.poll_id = $1 ORDER BY o.position",
    )
    .bind(row.id)
    .fetch_all(c)
    .await)?;
    let voters: i64 = on!(db, |c| sqlx::query_scalar(
        "SELECT carried_voters + (SELECT COUNT(*) FROM poll_voters WHERE poll_id = $1)
         FROM polls WHERE id = $1"
    )
    .bind(row.id)
    .fetch_one(c)
    .await)?;
    let votes: Vec<u64> = options.iter().map(|o| o.votes.unsigned_abs()).collect();
    let shares = percent_hundredths(&votes);
    Ok(Poll {
        id: row.id,
        is_open: row.is_open(now),
        revote: row.revote(),
        max_choices: row.max_choices(),
        starts_at: at(row.starts_at),
        ends_at: row.ends_at.map(at),
        featured: row.featured,
        total_votes: votes.iter().sum(),
        voters: voters.unsigned_abs(),
        options: options
            .into_iter()
            .zip(shares)
            .map(|(option, percent_hundredths)| PollOption {
                id: option.id,
                title: option.title,
                image: option.image,
                link: option.article_id.map(paths::article),
                votes: option.votes.unsigned_abs(),
                percent_hundredths,
            })
            .collect(),
        my_choices: Vec::new(),
        slug: row.slug,
        question: row.question,
        link: row.link,
    })
}

/// What became of a ballot.
#[derive(Debug, PartialEq)]
pub enum BallotOutcome {
    Cast,
    NoSuchPoll,
    Ended,
    Invalid(BallotError),
    /// The poll takes one ballot per reader, and this reader has cast it.
    OnlyOnce,
    /// The reader voted within the cooldown; they may vote again at `ready_at`.
    TooSoon {
        ready_at: OffsetDateTime,
    },
    /// Too many anonymous ballots came from this network within the hour.
    TooMany {
        retry_after_s: u64,
    },
}

/// The window of the per-network ballot valve.
const VALVE_WINDOW_S: i64 = 3600;

/// Who casts a ballot, and how many anonymous ballots their network may cast an hour.
pub struct Voter<'a> {
    pub reader: &'a Reader,
    pub network: &'a Network,
    pub ballots_per_hour: u32,
}

/// Casts a ballot: the voter row, the ballot and its choices in one transaction, where
/// the per-network valve is counted too.
pub async fn vote(
    db: &Db,
    poll_id: i64,
    voter: &Voter<'_>,
    option_ids: &[i64],
) -> Result<BallotOutcome, sqlx::Error> {
    let reader = voter.reader;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let Some(poll) = started_poll(db, poll_id, now).await? else {
        return Ok(BallotOutcome::NoSuchPoll);
    };
    if !poll.is_open(now) {
        return Ok(BallotOutcome::Ended);
    }
    let known: Vec<i64> = on!(db, |c| sqlx::query_scalar(
        "SELECT id FROM poll_options WHERE poll_id = $1"
    )
    .bind(poll_id)
    .fetch_all(c)
    .await)?;
    if let Err(error) = check_ballot(option_ids, &known, poll.max_choices()) {
        return Ok(BallotOutcome::Invalid(error));
    }
    let mut tx = db.begin().await?;
    // The wider block's turn covers each of its networks.
    tx.serialize_on(&format!("ballots from {}", voter.network.wide))
        .await?;
    if !claim_turn(&mut tx, &poll, reader, now).await? {
        return refusal(&mut tx, &poll, reader).await;
    }
    let ballot: i64 = on!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO ballots (poll_id, reader, cast_at, ip) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(poll_id)
    .bind(reader.key())
    .bind(now)
    .bind(&voter.network.narrow)
    .fetch_one(c).await
    })?;
    if reader.is_anonymous()
        && let Some(retry_after_s) = over_valve(&mut tx, voter, now).await?
    {
        return Ok(BallotOutcome::TooMany { retry_after_s });
    }
    for option in option_ids {
        exec!(&mut tx, |c| sqlx::query(
            "INSERT INTO ballot_choices (ballot_id, option_id) VALUES ($1, $2)"
        )
        .bind(ballot)
        .bind(option)
        .execute(c)
        .await)?;
    }
    tx.commit().await?;
    Ok(BallotOutcome::Cast)
}

/// Seconds until the network may vote again, when its anonymous ballots of the last
/// hour (this one included) are over the valve, or its IPv6 /48's are over
/// [`WIDE_FACTOR`] times it.
async fn over_valve(
    conn: &mut Tx,
    voter: &Voter<'_>,
    now: i64,
) -> Result<Option<u64>, sqlx::Error> {
    let network = voter.network;
    let scopes = [
        ("ip = $1", network.narrow.clone(), voter.ballots_per_hour),
        (
            "ip LIKE $1",
            network.wide_pattern().unwrap_or_default(),
            voter.ballots_per_hour * WIDE_FACTOR,
        ),
    ];
    for (matching, key, limit) in scopes.into_iter().filter(|(_, key, _)| !key.is_empty()) {
        let query = format!(
            "SELECT COUNT(*), COALESCE(MIN(cast_at), $2) FROM ballots
             WHERE {matching} AND cast_at > $2 - $3 AND reader LIKE 'v:%'"
        );
        let (ballots, oldest): (i64, i64) = on!(&mut *conn, |c| sqlx::query_as(&query)
            .bind(&key)
            .bind(now)
            .bind(VALVE_WINDOW_S)
            .fetch_one(c)
            .await)?;
        if ballots > i64::from(limit) {
            return Ok(Some((oldest + VALVE_WINDOW_S - now).max(1).unsigned_abs()));
        }
    }
    Ok(None)
}

/// Records that `reader` votes now, unless the poll's policy forbids it; the write comes
/// first in the transaction, so concurrent ballots of one reader queue on the write lock
/// and all but the first see the row the first one wrote.
async fn claim_turn(
    conn: &mut Tx,
    poll: &PollRow,
    reader: &Reader,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = match poll.revote_after_minutes {
        None => exec!(conn, |c| sqlx::query(
            "INSERT INTO poll_voters (poll_id, reader, last_cast_at) VALUES ($1, $2, $3)
             ON CONFLICT (poll_id, reader) DO NOTHING",
        )
        .bind(poll.id)
        .bind(reader.key())
        .bind(now)
        .execute(c)
        .await)?,
        Some(minutes) => exec!(conn, |c| sqlx::query(
            "INSERT INTO poll_voters (poll_id, reader, last_cast_at) VALUES ($1, $2, $3)
             ON CONFLICT (poll_id, reader) DO UPDATE SET last_cast_at = excluded.last_cast_at
             WHERE poll_voters.last_cast_at <= $3 - $4",
        )
        .bind(poll.id)
        .bind(reader.key())
        .bind(now)
        .bind(minutes * 60)
        .execute(c)
        .await)?,
    };
    Ok(claimed == 1)
}

async fn refusal(
    conn: &mut Tx,
    poll: &PollRow,
    reader: &Reader,
) -> Result<BallotOutcome, sqlx::Error> {
    let Some(minutes) = poll.revote_after_minutes else {
        return Ok(BallotOutcome::OnlyOnce);
    };
    let last: i64 = on!(conn, |c| sqlx::query_scalar(
        "SELECT last_cast_at FROM poll_voters WHERE poll_id = $1 AND reader = $2"
    )
    .bind(poll.id)
    .bind(reader.key())
    .fetch_one(c)
    .await)?;
    Ok(BallotOutcome::TooSoon {
        ready_at: at(last + minutes * 60),
    })
}
