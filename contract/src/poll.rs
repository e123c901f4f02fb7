use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// When a reader may vote again: `"once"` or `{"after_cooldown": {"minutes": 60}}`
/// (externally tagged, which the app reads with far less code than an internal tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevotePolicy {
    Once,
    AfterCooldown { minutes: u32 },
}

/// One answer of a poll, with its share of the votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PollOption {
    pub id: i64,
    pub title: String,
    /// A path to a picture of the product.
    pub image: Option<String>,
    /// A path to an article about it.
    pub link: Option<String>,
    pub votes: u64,
    /// votes / total votes × 100, in hundredths of a percent, rounded half up.
    pub percent_hundredths: u64,
}

/// A poll with its results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Poll {
    pub id: i64,
    pub slug: String,
    pub question: String,
    pub link: Option<String>,
    /// 1: radio buttons; more: checkboxes, up to this many.
    pub max_choices: u32,
    #[serde(with = "crate::instant::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: OffsetDateTime,
    #[serde(with = "crate::instant::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ends_at: Option<OffsetDateTime>,
    pub revote: RevotePolicy,
    pub featured: bool,
    /// False once the end time has passed: results only.
    pub is_open: bool,
    pub options: Vec<PollOption>,
    /// All choices of all ballots ("Tổng số: N lượt").
    pub total_votes: u64,
    /// Distinct readers who voted.
    pub voters: u64,
    /// This reader's choices in their latest ballot.
    pub my_choices: Vec<i64>,
}

/// The body of `POST /api/polls/{id}/votes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewBallot {
    pub option_ids: Vec<i64>,
}

/// Why a ballot was refused before it reached the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotError {
    /// None chosen, or more than the poll allows.
    WrongCount { max_choices: u32 },
    /// An option twice, or one that is not of this poll.
    UnknownOrRepeated,
}

impl BallotError {
    /// The reader-facing message (as NukeViet's).
    pub fn message(self) -> String {
        match self {
            Self::WrongCount { max_choices: 1 } => "Bạn cần chọn 1 phương án".to_owned(),
            Self::WrongCount { max_choices } => {
                format!("Bạn cần chọn từ 1 đến {max_choices} phương án")
            }
            Self::UnknownOrRepeated => "Phương án bình chọn không hợp lệ".to_owned(),
        }
    }
}

/// Checks a ballot against the poll's options and its maximum.
pub fn check_ballot(chosen: &[i64], options: &[i64], max_choices: u32) -> Result<(), BallotError> {
    let count = u32::try_from(chosen.len()).unwrap_or(u32::MAX);
    if count == 0 || count > max_choices {
        return Err(BallotError::WrongCount { max_choices });
    }
    let mut seen = Vec::with_capacity(chosen.len());
    for id in chosen {
        if !options.contains(id) || seen.contains(id) {
            return Err(BallotError::UnknownOrRepeated);
        }
        seen.push(*id);
    }
    Ok(())
}

/// Each count's share of the total in hundredths of a percent, rounded half up; all zero
/// when there are no votes. The shares add up to 100 % within one hundredth per option.
pub fn percent_hundredths(votes: &[u64]) -> Vec<u64> {
    let total: u64 = votes.iter().sum();
    votes
        .iter()
        .map(|v| {
            if total == 0 {
                0
            } else {
                (v * 20_000 + total) / (2 * total)
            }
        })
        .collect()
}

/// Whole minutes left until `ready_at`, rounded up, at least 1.
pub fn minutes_until(now: OffsetDateTime, ready_at: OffsetDateTime) -> u64 {
    let seconds = (ready_at - now).whole_seconds().max(1).unsigned_abs();
    seconds.div_ceil(60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn percentages_of_no_votes_are_zero() {
        assert_eq!(percent_hundredths(&[0, 0, 0]), [0, 0, 0]);
        assert_eq!(percent_hundredths(&[]), Vec::<u64>::new());
    }

    #[test]
    fn percentages_round_half_up_to_hundredths() {
        assert_eq!(percent_hundredths(&[1]), [10_000]);
        assert_eq!(percent_hundredths(&[1, 1, 1]), [3_333, 3_333, 3_333]);
        assert_eq!(percent_hundredths(&[2, 1]), [6_667, 3_333]);
        assert_eq!(percent_hundredths(&[1, 7]), [1_250, 8_750]);
        // 1/16 = 6.25 % exactly; 1/32 = 3.125 % → 3.13 %
        assert_eq!(percent_hundredths(&[1, 31])[0], 313);
    }

    #[test]
    fn percentages_sum_to_a_hundred_within_rounding() {
        for votes in [
            vec![1, 1, 1],
            vec![3, 5, 7, 11],
            vec![1, 2, 3, 4, 5, 6],
            vec![17, 0, 4],
        ] {
            let sum: u64 = percent_hundredths(&votes).iter().sum();
            let slack = votes.len() as u64;
            assert!(
                (10_000 - slack..=10_000 + slack).contains(&sum),
                "{votes:?}: {sum}"
            );
        }
    }

    #[test]
    fn a_ballot_needs_one_to_max_choices() {
        let options = [10, 11, 12, 13];
        assert_eq!(
            check_ballot(&[], &options, 1),
            Err(BallotError::WrongCount { max_choices: 1 })
        );
        assert!(check_ballot(&[11], &options, 1).is_ok());
        assert_eq!(
            check_ballot(&[10, 11], &options, 1),
            Err(BallotError::WrongCount { max_choices: 1 })
        );
        assert!(check_ballot(&[10, 11, 12], &options, 3).is_ok());
        assert_eq!(
            check_ballot(&options, &options, 3),
            Err(BallotError::WrongCount { max_choices: 3 })
        );
    }

    #[test]
    fn a_ballot_names_each_known_option_once() {
        let options = [10, 11, 12];
        assert_eq!(
            check_ballot(&[10, 10], &options, 3),
            Err(BallotError::UnknownOrRepeated)
        );
        assert_eq!(
            check_ballot(&[99], &options, 3),
            Err(BallotError::UnknownOrRepeated)
        );
    }

    #[test]
    fn messages_are_nukeviets() {
        assert_eq!(
            BallotError::WrongCount { max_choices: 1 }.message(),
            "Bạn cần chọn 1 phương án"
        );
        assert_eq!(
            BallotError::WrongCount { max_choices: 3 }.message(),
            "Bạn cần chọn từ 1 đến 3 phương án"
        );
    }

    #[test]
    fn minutes_left_round_up() {
        let now = datetime!(2021-03-29 03:00 UTC);
        assert_eq!(minutes_until(now, now + time::Duration::seconds(1)), 1);
        assert_eq!(minutes_until(now, now + time::Duration::seconds(60)), 1);
        assert_eq!(minutes_until(now, now + time::Duration::seconds(61)), 2);
        assert_eq!(minutes_until(now, now + time::Duration::minutes(59)), 59);
        assert_eq!(minutes_until(now, now - time::Duration::minutes(5)), 1);
    }

    #[test]
    fn revote_policies_travel_tagged() {
        let json = serde_json::to_string(&RevotePolicy::AfterCooldown { minutes: 60 }).unwrap();
        assert_eq!(json, r#"{"after_cooldown":{"minutes":60}}"#);
        let once: RevotePolicy = serde_json::from_str(r#""once""#).unwrap();
        assert_eq!(once, RevotePolicy::Once);
    }
}
