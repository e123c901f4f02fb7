//! The rules of "Thống kê truy cập": a reader counts once a day (the portal's day,
//! Vietnam time); "online" is seen in the last five minutes. A reader's last-seen time is
//! refreshed at most once a minute, so a page view mostly costs a read, not a write.
//! (`store::visitors` keeps the figures.)

use time::{OffsetDateTime, macros::offset};

/// Seen within this many seconds: "Đang truy cập".
pub const ONLINE_S: i64 = 300;
/// A reader's last-seen time is written again only when older than this.
pub const REFRESH_S: i64 = 60;

/// The portal's day of instant `unix` as stored (`YYYY-MM-DD`), and the first day of its
/// month.
#[derive(Debug, PartialEq, Eq)]
pub struct Day {
    pub key: String,
    pub month_start: String,
}

pub fn day_of(unix: i64) -> Day {
    let date = OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(offset!(+7))
        .date();
    let (year, month) = (date.year(), u8::from(date.month()));
    Day {
        key: format!("{year:04}-{month:02}-{:02}", date.day()),
        month_start: format!("{year:04}-{month:02}-01"),
    }
}

/// What a page view must write for a reader last seen today at `last_seen` (`None`: not
/// yet today).
#[derive(Debug, PartialEq, Eq)]
pub enum Visit {
    /// The day's first view: count the reader.
    First,
    /// Seen, but not in the last minute: refresh the time.
    Refresh,
    /// Seen within the minute: nothing.
    Nothing,
}

pub fn visit(last_seen: Option<i64>, now: i64) -> Visit {
    match last_seen {
        None => Visit::First,
        Some(seen) if now - seen >= REFRESH_S => Visit::Refresh,
        Some(_) => Visit::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_is_vietnams() {
        // 2026-11-30 17:30 UTC is 00:30 on 1 December in Vietnam.
        let day = day_of(1_796_059_800);
        assert_eq!(day.key, "2026-12-01");
        assert_eq!(day.month_start, "2026-12-01");
        let day = day_of(1_796_059_800 - 3_600);
        assert_eq!(day.key, "2026-11-30");
        assert_eq!(day.month_start, "2026-11-01");
    }

    #[test]
    fn a_reader_is_counted_once_and_refreshed_at_most_once_a_minute() {
        assert_eq!(visit(None, 1_000), Visit::First);
        assert_eq!(visit(Some(1_000), 1_030), Visit::Nothing);
        assert_eq!(visit(Some(1_000), 1_060), Visit::Refresh);
    }
}
