//! "KQ DỊCH VỤ CÔNG TRỰC TUYẾN": the year's figures as text and as a small bar chart.

use leptos::prelude::*;
use portal_contract::{PublicServiceResults, words};

use super::block::Block;
use portal_contract::format::{percent_vi, thousands};

/// Chart width in SVG units; bars are scaled to the dossiers received.
const CHART_WIDTH: u64 = 200;

/// The length of a bar for `count` out of `received`, at least 1 unit when not zero.
pub fn bar_length(count: u64, received: u64) -> u64 {
    match (count, received) {
        (0, _) | (_, 0) => 0,
        _ => (count * CHART_WIDTH / received).max(1),
    }
}

/// The sentence that stands for the chart for those who cannot see it.
pub fn chart_description(r: &PublicServiceResults) -> String {
    format!(
        "Năm {}: tiếp nhận {} hồ sơ; giải quyết đúng hạn {}, quá hạn {}, đang giải quyết {}; tỷ lệ đúng hạn {}%.",
        r.year,
        thousands(r.received),
        thousands(r.on_time),
        thousands(r.late),
        thousands(r.in_progress),
        percent_vi(r.on_time_rate_hundredths())
    )
}

fn as_of(r: &PublicServiceResults) -> String {
    format!(
        "Số liệu đến ngày {:02}/{:02}/{}",
        r.as_of.day(),
        u8::from(r.as_of.month()),
        r.as_of.year()
    )
}

/// The figures, and a link to the public-services portal (`portal_url`) when the site
/// names one.
#[component]
pub fn PublicServices(
    title: String,
    results: Option<PublicServiceResults>,
    portal_url: Option<String>,
) -> impl IntoView {
    let body = match results {
        None => view! { <p class="block__note">"Chưa có số liệu."</p> }.into_any(),
        Some(r) => view! { <Figures r/> }.into_any(),
    };
    let portal = portal_url.map(|href| {
        view! {
            <p class="public-services__portal">
                <a href=href target="_blank" rel="noopener noreferrer">
                    {words::PUBLIC_SERVICES}
                    <span class="visually-hidden">{words::NEW_TAB}</span>
                </a>
            </p>
        }
    });
    view! { <Block id="dich-vu-cong" title class="public-services">{body}{portal}</Block> }
}

#[component]
fn Figures(r: PublicServiceResults) -> impl IntoView {
    let rows = [
        ("Đúng hạn", r.on_time, "chart__on-time"),
        ("Quá hạn", r.late, "chart__late"),
        ("Đang giải quyết", r.in_progress, "chart__in-progress"),
    ];
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (name, count, class))| {
            let y = i as u64 * 26;
            view! {
                <text x="0" y=y + 12 class="chart__label">{name}</text>
                <rect x="0" y=y + 15 height="8" width=CHART_WIDTH class="chart__track"></rect>
                <rect x="0" y=y + 15 height="8" width=bar_length(count, r.received) class=class></rect>
            }
        })
        .collect_view();
    view! {
        <p class="public-services__year">{format!("Năm {}", r.year)}</p>
        <dl class="public-services__figures">
            <dt>"Hồ sơ đã tiếp nhận"</dt><dd>{thousands(r.received)}</dd>
            <dt>"Giải quyết đúng hạn"</dt><dd>{thousands(r.on_time)}</dd>
            <dt>"Giải quyết quá hạn"</dt><dd>{thousands(r.late)}</dd>
            <dt>"Đang giải quyết"</dt><dd>{thousands(r.in_progress)}</dd>
            <dt>"Tỷ lệ đúng hạn"</dt><dd>{format!("{}%", percent_vi(r.on_time_rate_hundredths()))}</dd>
        </dl>
        <svg class="chart" viewBox="0 0 200 78" role="img" aria-labelledby="dvc-bieu-do" aria-describedby="dvc-mo-ta">
            <title id="dvc-bieu-do">{format!("Biểu đồ kết quả giải quyết hồ sơ năm {}", r.year)}</title>
            <desc id="dvc-mo-ta">{chart_description(&r)}</desc>
            {bars}
        </svg>
        <p class="public-services__as-of">{as_of(&r)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn results() -> PublicServiceResults {
        PublicServiceResults {
            year: 2026,
            received: 1284,
            on_time: 1197,
            late: 9,
            in_progress: 78,
            as_of: date!(2026 - 11 - 30),
        }
    }

    #[test]
    fn bars_scale_to_the_dossiers_received() {
        assert_eq!(bar_length(1284, 1284), CHART_WIDTH);
        assert_eq!(bar_length(642, 1284), CHART_WIDTH / 2);
        assert_eq!(bar_length(1, 1284), 1, "a non-zero count stays visible");
        assert_eq!(bar_length(0, 1284), 0);
        assert_eq!(bar_length(0, 0), 0);
    }

    #[test]
    fn the_chart_is_told_in_words() {
        assert_eq!(
            chart_description(&results()),
            "Năm 2026: tiếp nhận 1.284 hồ sơ; giải quyết đúng hạn 1.197, quá hạn 9, đang giải quyết 78; tỷ lệ đúng hạn 99,25%."
        );
        assert_eq!(as_of(&results()), "Số liệu đến ngày 30/11/2026");
    }
}
