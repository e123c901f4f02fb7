//! How dates and numbers are written on the portal, as NukeViet writes them.
//!
//! Dates are always shown in Vietnam time (UTC+7, no daylight saving), whatever the
//! reader's own time zone.

use time::{OffsetDateTime, UtcOffset, Weekday, macros::offset};

const VIETNAM: UtcOffset = offset!(+7);

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Sunday => "Chủ nhật",
        Weekday::Monday => "Thứ hai",
        Weekday::Tuesday => "Thứ ba",
        Weekday::Wednesday => "Thứ tư",
        Weekday::Thursday => "Thứ năm",
        Weekday::Friday => "Thứ sáu",
        Weekday::Saturday => "Thứ bảy",
    }
}

/// `29/03/2021` (PHP `d/m/Y`).
pub fn short_date(at: OffsetDateTime) -> String {
    let at = at.to_offset(VIETNAM);
    format!("{:02}/{:02}/{}", at.day(), u8::from(at.month()), at.year())
}

/// `Thứ hai - 29/03/2021 03:33` (PHP `l - d/m/Y H:i`), the publish line of an article.
pub fn date_line(at: OffsetDateTime) -> String {
    let local = at.to_offset(VIETNAM);
    format!(
        "{} - {} {:02}:{:02}",
        weekday_name(local.weekday()),
        short_date(at),
        local.hour(),
        local.minute()
    )
}

/// `Thứ tư, 02/12/2026`: today in the header, as the portal's day (Vietnam time).
pub fn header_date(at: OffsetDateTime) -> String {
    let local = at.to_offset(VIETNAM);
    format!("{}, {}", weekday_name(local.weekday()), short_date(at))
}

/// `2026-12-02`: the portal's day of `at`, for `<time datetime>`.
pub fn machine_date(at: OffsetDateTime) -> String {
    let local = at.to_offset(VIETNAM);
    format!(
        "{}-{:02}-{:02}",
        local.year(),
        u8::from(local.month()),
        local.day()
    )
}

/// `2021-03-28T20:33:00Z`: the instant for machines (RFC 3339, UTC), as `<time datetime>`
/// and structured data carry it.
pub fn machine_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// `2026-12-04T17:05`: `at` in Vietnam time as an `<input type="datetime-local">` holds it.
pub fn local_input(at: OffsetDateTime) -> String {
    format!("{}T{}", machine_date(at), clock_time(at))
}

/// `17:05`: the time of day of `at` in Vietnam.
pub fn clock_time(at: OffsetDateTime) -> String {
    let local = at.to_offset(VIETNAM);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// The instant a `datetime-local` value names (`2026-12-04T17:05`, or with seconds),
/// read as Vietnam time: the portal's clock, whatever the editor's own zone.
pub fn parse_local_input(text: &str) -> Option<OffsetDateTime> {
    let with_seconds = match text.len() {
        16 => format!("{text}:00"),
        _ => text.get(..19)?.to_owned(),
    };
    crate::instant::parse_instant(&format!("{with_seconds}+07:00"))
}

/// `350 KB`, `1,5 MB`: a file's size as the attachments list and the limits say it.
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes < MB {
        return format!("{} KB", bytes.div_ceil(KB).max(1));
    }
    let tenths = (bytes * 10).div_ceil(MB);
    match tenths % 10 {
        0 => format!("{} MB", tenths / 10),
        tenth => format!("{},{tenth} MB", tenths / 10),
    }
}

/// The plain text of sanitized article HTML: tags dropped (a space where a tag stood,
/// so words of adjacent blocks stay apart), the entities the sanitizer writes decoded.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `1.234.567`: thousands separated by dots.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// `4,3` from 43 tenths: one decimal with the Vietnamese decimal comma.
pub fn tenths_vi(tenths: u64) -> String {
    format!("{},{}", tenths / 10, tenths % 10)
}

/// `33,33` from 3333 hundredths of a percent: at most two decimals, no trailing zeros.
pub fn percent_vi(hundredths: u64) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole},{}", f / 10),
        f => format!("{whole},{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_plain_text() {
        let html = "<p>Ngày <strong>19/02/2021</strong>,</p><p>Bộ &amp; ngành &lt;3</p>";
        assert_eq!(plain_text(html), "Ngày 19/02/2021 , Bộ & ngành <3");
    }
    use time::macros::datetime;

    #[test]
    fn file_sizes_read_in_kb_and_mb() {
        assert_eq!(file_size(0), "1 KB");
        assert_eq!(file_size(1), "1 KB");
        assert_eq!(file_size(100 * 1024), "100 KB");
        assert_eq!(file_size(1024 * 1024), "1 MB");
        assert_eq!(file_size(1024 * 1024 * 3 / 2), "1,5 MB");
        assert_eq!(file_size(20 * 1024 * 1024), "20 MB");
    }

    #[test]
    fn a_datetime_input_holds_vietnam_time() {
        let at = datetime!(2026-12-04 10:05:30 UTC);
        assert_eq!(local_input(at), "2026-12-04T17:05");
        assert_eq!(
            parse_local_input("2026-12-04T17:05"),
            Some(datetime!(2026-12-04 10:05 UTC))
        );
        assert_eq!(
            parse_local_input("2026-12-04T17:05:59"),
            Some(datetime!(2026-12-04 10:05:59 UTC))
        );
        assert_eq!(
            parse_local_input("2026-12-04T17:05:59.250"),
            Some(datetime!(2026-12-04 10:05:59 UTC))
        );
        assert_eq!(parse_local_input("2026-12-04"), None);
        assert_eq!(parse_local_input("hôm nay"), None);
    }

    #[test]
    fn the_header_says_the_day_in_vietnam() {
        // 17:30 UTC on the 1st is half past midnight on Wednesday the 2nd in Hà Nội.
        let at = datetime!(2026-12-01 17:30 UTC);
        assert_eq!(header_date(at), "Thứ tư, 02/12/2026");
        assert_eq!(machine_date(at), "2026-12-02");
    }

    #[test]
    fn the_seed_article_date() {
        // Published 03:33 on Monday in Vietnam, which is still Sunday in UTC.
        let at = datetime!(2021-03-28 20:33 UTC);
        assert_eq!(date_line(at), "Thứ hai - 29/03/2021 03:33");
    }

    #[test]
    fn all_seven_weekdays() {
        let expected = [
            "Thứ hai - 29/03/2021 12:00",
            "Thứ ba - 30/03/2021 12:00",
            "Thứ tư - 31/03/2021 12:00",
            "Thứ năm - 01/04/2021 12:00",
            "Thứ sáu - 02/04/2021 12:00",
            "Thứ bảy - 03/04/2021 12:00",
            "Chủ nhật - 04/04/2021 12:00",
        ];
        for (day, line) in expected.iter().enumerate() {
            let at = datetime!(2021-03-29 05:00 UTC) + time::Duration::days(day as i64);
            assert_eq!(date_line(at), *line);
        }
    }

    #[test]
    fn vietnam_midnight_boundary() {
        assert_eq!(
            date_line(datetime!(2021-12-31 16:59 UTC)),
            "Thứ sáu - 31/12/2021 23:59"
        );
        assert_eq!(
            date_line(datetime!(2021-12-31 17:00 UTC)),
            "Thứ bảy - 01/01/2022 00:00"
        );
    }

    #[test]
    fn any_offset_in_is_vietnam_time_out() {
        let new_york = datetime!(2021-03-28 16:33 -4);
        assert_eq!(date_line(new_york), "Thứ hai - 29/03/2021 03:33");
        assert_eq!(short_date(new_york), "29/03/2021");
    }

    #[test]
    fn machines_read_utc() {
        assert_eq!(
            machine_time(datetime!(2021-03-29 03:33:07 +7)),
            "2021-03-28T20:33:07Z"
        );
    }

    #[test]
    fn tenths_use_a_decimal_comma() {
        assert_eq!(tenths_vi(0), "0,0");
        assert_eq!(tenths_vi(40), "4,0");
        assert_eq!(tenths_vi(43), "4,3");
        assert_eq!(tenths_vi(50), "5,0");
    }

    #[test]
    fn percentages_keep_at_most_two_decimals() {
        assert_eq!(percent_vi(10_000), "100");
        assert_eq!(percent_vi(0), "0");
        assert_eq!(percent_vi(3_333), "33,33");
        assert_eq!(percent_vi(1_250), "12,5");
        assert_eq!(percent_vi(5), "0,05");
        assert_eq!(percent_vi(6_667), "66,67");
    }

    #[test]
    fn thousands_use_dots() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(1_234), "1.234");
        assert_eq!(thousands(123_456), "123.456");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }
}
