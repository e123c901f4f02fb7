//! Instants and dates in the JSON as RFC 3339 text, read by the few lines below rather
//! than by `time`'s general parser, which would otherwise ride in the citizens' wasm.
//! Written (on the server) by `time`'s own formatting.

use serde::{Deserialize, Deserializer, Serializer, de::Error};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// `2021-03-28T20:33:00Z`, `2021-03-29T03:33:00.25+07:00`: RFC 3339's date-time.
pub fn parse_instant(text: &str) -> Option<OffsetDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = parse_date(text.get(..10)?)?;
    let (hour, minute, second) = (
        digits(bytes, 11, 2)?,
        digits(bytes, 14, 2)?,
        digits(bytes, 17, 2)?,
    );
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return None;
        }
        for (i, digit) in fraction[..len].bytes().take(9).enumerate() {
            nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = &fraction[len..];
    }
    let offset = parse_offset(rest)?;
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset)).filter(|at| is_showable(*at))
}

/// Whether the portal can show `at`: from 1970 to the end of 2999. An instant beyond (a
/// year 9999 typed by mistake) could not be written in Vietnam time, so no date outside
/// is accepted anywhere.
pub fn is_showable(at: OffsetDateTime) -> bool {
    let utc_year = at.to_offset(UtcOffset::UTC).year();
    (1970..3000).contains(&utc_year)
}

/// `2026-01-01`: RFC 3339's full-date.
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(bytes, 0, 4)?).ok()?;
    let month = Month::try_from(digits(bytes, 5, 2)? as u8).ok()?;
    Date::from_calendar_date(year, month, digits(bytes, 8, 2)? as u8).ok()
}

fn parse_offset(text: &str) -> Option<UtcOffset> {
    if text == "Z" || text == "z" {
        return Some(UtcOffset::UTC);
    }
    let bytes = text.as_bytes();
    let sign = match bytes.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if bytes.len() != 6 || bytes[3] != b':' {
        return None;
    }
    let (hours, minutes) = (digits(bytes, 1, 2)? as i8, digits(bytes, 4, 2)? as i8);
    UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

/// The number written by the `len` ASCII digits at `at`.
fn digits(bytes: &[u8], at: usize, len: usize) -> Option<u32> {
    let slice = bytes.get(at..at + len)?;
    slice.iter().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `#[serde(with = "crate::instant::rfc3339")]` for an `OffsetDateTime`.
pub mod rfc3339 {
    use super::*;

    pub fn serialize<S: Serializer>(at: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        time::serde::rfc3339::serialize(at, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_instant(&text)
            .ok_or_else(|| D::Error::custom("expected an RFC 3339 date-time from 1970 to 2999"))
    }

    /// The same for an `Option<OffsetDateTime>` (`null` for none).
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            at: &Option<OffsetDateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            time::serde::rfc3339::option::serialize(at, serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<OffsetDateTime>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                None => Ok(None),
                Some(text) => parse_instant(&text).map(Some).ok_or_else(|| {
                    D::Error::custom("expected an RFC 3339 date-time from 1970 to 2999")
                }),
            }
        }
    }
}

/// `#[serde(with = "crate::instant::full_date")]` for a `Date`.
pub mod full_date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(date, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).ok_or_else(|| D::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{
        format_description::well_known::Rfc3339,
        macros::{date, datetime},
    };

    #[test]
    fn reads_what_time_writes() {
        for at in [
            datetime!(2021-03-28 20:33 UTC),
            datetime!(2021-03-29 03:33:07.25 +7),
            datetime!(1999-12-31 23:59:59.123456789 -5),
        ] {
            let text = at.format(&Rfc3339).unwrap();
            assert_eq!(parse_instant(&text), Some(at), "{text}");
        }
    }

    #[test]
    fn reads_the_forms_rfc3339_allows() {
        assert_eq!(
            parse_instant("2021-03-28t20:33:00z"),
            Some(datetime!(2021-03-28 20:33 UTC))
        );
        assert_eq!(
            parse_instant("2021-03-28 20:33:00-00:30"),
            Some(datetime!(2021-03-28 20:33 -0:30))
        );
        assert_eq!(parse_date("2026-01-01"), Some(date!(2026 - 01 - 01)));
    }

    #[test]
    fn refuses_what_is_not_a_date_time() {
        for text in [
            "",
            "2021-03-28",
            "2021-03-28T20:33Z",
            "2021-03-28T20:33:00",
            "2021-03-28T20:33:00.Z",
            "2021-13-28T20:33:00Z",
            "2021-02-30T20:33:00Z",
            "2021-03-28T24:00:00Z",
            "2021-03-28T20:33:00+7:00",
            "2021-03-28T20:33:00+07:00x",
            "２021-03-28T20:33:00Z",
        ] {
            assert_eq!(parse_instant(text), None, "{text}");
        }
        assert_eq!(parse_date("2026-1-01"), None);
        for beyond in [
            "9999-12-31T23:00:00Z",
            "3000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(parse_instant(beyond), None, "{beyond}");
        }
        assert!(parse_instant("2999-12-31T23:59:59Z").is_some());
        assert!(parse_instant("1970-01-01T07:00:00+07:00").is_some());
        assert_eq!(parse_date("2026-02-29"), None);
    }

    #[test]
    fn round_trips_through_json() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Stamped {
            #[serde(with = "rfc3339")]
            at: OffsetDateTime,
            #[serde(with = "rfc3339::option")]
            until: Option<OffsetDateTime>,
            #[serde(with = "full_date")]
            day: Date,
        }
        let stamped = Stamped {
            at: datetime!(2021-03-28 20:33 UTC),
            until: None,
            day: date!(2026 - 01 - 01),
        };
        let json = serde_json::to_string(&stamped).unwrap();
        assert_eq!(
            json,
            r#"{"at":"2021-03-28T20:33:00Z","until":null,"day":"2026-01-01"}"#
        );
        assert_eq!(serde_json::from_str::<Stamped>(&json).unwrap(), stamped);
    }
}
