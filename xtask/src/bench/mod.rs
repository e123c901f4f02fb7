//! `cargo xtask bench`: first-load size, time to article text, navigation, API load and
//! server memory, each against its budget (`budget`), as one table and
//! `target/bench/bench.json`. Nothing here is a test: timings vary with the machine, so
//! they are reported, not asserted.

mod browser;
mod budget;
mod lighthouse;
mod load;
mod memory;
mod nukeviet;
mod search;
mod size;
mod upload;

use std::{fs, io::Write, path::Path};

use anyhow::Context;
use portal_contract::paths;
use serde::Serialize;

use crate::{
    build,
    postgres::Postgres,
    process::{output_of, root},
    server::{free_port, http_get, issued_reader_cookie, start_server, start_server_on},
    toolchain,
};
use budget::{Verdict, at_most};
use load::{CONNECTIONS, LOAD_SECONDS, Load, WrkFigures};

/// Clients signing in without pause, beside the readers.
const SIGN_IN_CLIENTS: u32 = 8;

const KB: f64 = 1024.0;

#[derive(Debug, Serialize)]
struct Machine {
    cores: usize,
    memory: String,
    date: String,
}

/// Votes (ratings or ballots) of distinct readers, sent by one wrk run a server.
#[derive(Debug, Serialize)]
struct Votes {
    loads: Vec<WrkFigures>,
    /// What the database holds after the runs, of these loads' votes.
    stored: u64,
}

/// The loads each engine is measured with, on one server.
#[derive(Debug, Serialize)]
struct EngineLoads {
    /// `GET /bai-viet/{id}`: the whole written page.
    page_reads: WrkFigures,
    article_reads: WrkFigures,
    sidebar_reads: WrkFigures,
    /// Of the seed article.
    ratings: Votes,
    /// In the featured poll.
    ballots: Votes,
}

/// What the bench measures on PostgreSQL.
#[derive(Debug, Serialize)]
struct PostgresFigures {
    loads: EngineLoads,
    /// Ballots sent to two servers on one PostgreSQL database at once, half the
    /// connections each.
    two_servers: Votes,
    /// The upload, stored in the database.
    upload: upload::UploadFigures,
}

/// Search: the corpus on SQLite, then on PostgreSQL, and the large archive on SQLite.
#[derive(Debug, Serialize)]
struct SearchReport {
    sqlite: search::SearchFigures,
    postgres: search::CopiedFigures,
    million: search::MillionFigures,
}

/// The ratings of the loads come from many networks (their `X-Forwarded-For`, believed
/// of loopback), and a network may rate without limit (the per-address valves open wide:
/// the load measures the writes, not the valves' refusals).
const OPEN_VALVES: &[&str] = &[
    "--trusted-proxies",
    "127.0.0.1",
    "--ballots-per-ip-per-hour",
    "1000000000",
    "--ratings-per-ip-per-hour",
    "1000000000",
    "--ratings-per-ip-per-hour-all-articles",
    "1000000000",
];

/// Everything one run measured; `bench.json` is this, serialized.
#[derive(Debug, Serialize)]
struct Report {
    machine: Machine,
    first_load: size::FirstLoad,
    wasm_top: Vec<String>,
    browser: browser::BrowserTimings,
    /// Every citizens' page, and the static copy of the article last.
    lighthouse: Vec<lighthouse::Audit>,
    sqlite: EngineLoads,
    postgres: PostgresFigures,
    /// `GET /api/articles/{id}` while SIGN_IN_CLIENTS clients sign in without pause.
    reads_beside_sign_ins: WrkFigures,
    sign_ins: WrkFigures,
    memory: memory::Memory,
    search: SearchReport,
    upload: upload::UploadFigures,
    /// The newsroom's own bundle (staff only), beside the citizens' first load.
    newsroom: size::Sizes,
    /// The move of a generated NukeViet site.
    nukeviet: nukeviet::MoveFigures,
}

/// The whole bench, or only its search part (`search_only`).
pub fn run_bench(search_only: bool) -> anyhow::Result<()> {
    toolchain::ensure_build_tools()?;
    toolchain::ensure_browser()?;
    toolchain::ensure_bench_tools()?;
    lighthouse::ensure_installed()?;
    build::spa()?;
    build::server()?;
    let out = root().join("target/bench");
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    let site = out.join("site");
    copy_dir(&root().join("dist"), &site)?;
    if search_only {
        let report = measure_search(&out, &site)?;
        print_table(&search_rows(&report));
        return write_report(&out.join("search.json"), &report);
    }
    let report = measure(&out, &site)?;
    print_table(&rows(&report));
    write_report(&out.join("bench.json"), &report)
}

fn write_report(path: &Path, report: &impl Serialize) -> anyhow::Result<()> {
    fs::write(path, serde_json::to_string_pretty(report)?)?;
    println!("\nfigures written to {}", path.display());
    Ok(())
}

/// Search over the corpus on SQLite and the large archive made from it, then the corpus
/// copied into PostgreSQL.
fn measure_search(out: &Path, site: &Path) -> anyhow::Result<SearchReport> {
    let sqlite = search::measure(out, site)?;
    let million = search::measure_million(out, site)?;
    let postgres = Postgres::start(&[])?;
    let database = postgres.create_database("search")?;
    Ok(SearchReport {
        sqlite,
        postgres: search::measure_copied(out, &database, site)?,
        million,
    })
}

/// Sizes, then a release server with the demo content: browser timings, loads, memory.
fn measure(out: &Path, site: &Path) -> anyhow::Result<Report> {
    let site = site.to_owned();
    let wasm_top = size::wasm_top_contributors();

    let port = free_port()?;
    add_sign_in_user(&out.join("portal.db"))?;
    let server = start_server(&out.join("portal.db"), port, &site, OPEN_VALVES)?;
    http_get(port, "/api/sidebar").context("the bench server does not answer")?;
    let idle_kb = memory::resident_kb(server.pid())?;
    let id = load::seed_article_id(port)?;
    let page = paths::article(id);
    let written = http_get(port, &page).context("the article page was not written")?;
    let first_load = size::first_load(&site, &written)?;
    let browser = browser::timings(port, &site)?;
    let lighthouse = lighthouse::audits(port, &citizens_pages(port, id)?, out)?;

    let article = paths::api::article(id);
    let reader = issued_reader_cookie(port).context("the server issued no reader cookie")?;
    let cookie = format!("Cookie: {reader}");
    let headers = ["-H", cookie.as_str()];
    let sqlite = engine_loads(port)?;
    let sign_ins = Load {
        path: "/api/session",
        connections: SIGN_IN_CLIENTS,
        extra: &[],
        script: Some(("tests/bench/sign-in.lua", &[])),
    };
    let (reads_beside_sign_ins, sign_ins) =
        Load::reads(&article, &headers).run_beside(port, &sign_ins, port)?;
    let memory = memory::Memory {
        idle_kb,
        peak_kb: memory::peak_kb(server.pid())?,
    };
    drop(server);
    let search = measure_search(out, &site)?;
    let postgres = measure_postgres(out, &site)?;
    let upload_dir = out.join("upload");
    let upload = upload::measure(&upload_dir, upload_dir.join("portal.db").as_ref(), &site)?;
    let newsroom = size::bundle(&site.join("quan-tri"))?;
    let nukeviet = nukeviet::measure(out)?;
    Ok(Report {
        machine: machine(),
        first_load,
        wasm_top,
        browser,
        lighthouse,
        sqlite,
        postgres,
        reads_beside_sign_ins,
        sign_ins,
        memory,
        search,
        upload,
        newsroom,
        nukeviet,
    })
}

/// Every kind of citizens' page, by name, then the static copy of the article the browser
/// bench wrote (`browser::STATIC_PATH`).
fn citizens_pages(port: u16, id: i64) -> anyhow::Result<Vec<(&'static str, String)>> {
    let json = http_get(port, &paths::api::article(id)).context("the seed article")?;
    let article: portal_contract::Article = serde_json::from_str(&json)?;
    let tag = article
        .tags
        .first()
        .context("the seed article has no tag")?;
    let words = paths::query_string(&[("q", "khuyến công")]);
    Ok(vec![
        ("home", paths::HOME.to_owned()),
        ("category", paths::category(&article.category.slug)),
        ("article", paths::article(id)),
        ("tag", paths::tag(tag)),
        ("search", format!("{}?{words}", paths::SEARCH)),
        ("polls", paths::POLLS.to_owned()),
        ("sign-in", paths::SIGN_IN.to_owned()),
        ("centre's page", paths::centre_page("gioi-thieu")),
        ("organisation", paths::ORGANISATION.to_owned()),
        ("contacts", paths::CONTACTS.to_owned()),
        ("not found", "/khong-co-trang-nay".to_owned()),
        ("embed", format!("{}bai-viet/{id}", paths::EMBED_PREFIX)),
        ("static copy", browser::STATIC_PATH.to_owned()),
    ])
}

/// The staff member the sign-in load signs in as (`tests/bench/sign-in.lua`): the bench
/// server is told of a trusted proxy, so it makes no demo account.
fn add_sign_in_user(database: &Path) -> anyhow::Result<()> {
    let mut add = std::process::Command::new(crate::process::server_binary())
        .args(["add-user", "bench", "--display-name", "Bench", "--database"])
        .arg(database)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()?;
    add.stdin
        .take()
        .context("add-user's input")?
        .write_all(b"mat-khau-bench\n")?;
    anyhow::ensure!(add.wait()?.success(), "the bench's user was not added");
    Ok(())
}

/// The page, API, rating and ballot loads on the server at `port`.
fn engine_loads(port: u16) -> anyhow::Result<EngineLoads> {
    let id = load::seed_article_id(port)?;
    let article = paths::api::article(id);
    let reader = issued_reader_cookie(port).context("the server issued no reader cookie")?;
    let cookie = format!("Cookie: {reader}");
    let headers = ["-H", cookie.as_str()];
    let ratings_path = format!("{article}/ratings");
    let poll = load::FeaturedPoll::of(port)?;
    let ballots = poll.votes_load(CONNECTIONS);
    Ok(EngineLoads {
        page_reads: Load::reads(&paths::article(id), &headers).run(port)?,
        article_reads: Load::reads(&article, &headers).run(port)?,
        sidebar_reads: Load::reads("/api/sidebar", &headers).run(port)?,
        ratings: Votes {
            loads: vec![load::votes(&ratings_path, CONNECTIONS, &[]).run(port)?],
            stored: load::stored_ratings(port, &article)?,
        },
        ballots: Votes {
            loads: vec![ballots.run(port)?],
            stored: poll.stored_ballots(port)?,
        },
    })
}

/// A release server on a PostgreSQL database of a cluster made for the bench: the loads
/// of `engine_loads`, then a second server beside it on the same database and ballots
/// sent to both at once; then the upload, on a database of its own.
fn measure_postgres(out: &Path, site: &Path) -> anyhow::Result<PostgresFigures> {
    let postgres = Postgres::start(&[])?;
    let database = postgres.create_database("bench")?;
    let ports = [free_port()?, free_port()?];
    let start = |n: usize| {
        let uploads = out.join(format!("postgres-uploads-{n}"));
        start_server_on(database.as_ref(), &uploads, ports[n], site, OPEN_VALVES)
    };
    let first = start(0)?;
    let loads = engine_loads(ports[0])?;
    let second = start(1)?;
    let poll = load::FeaturedPoll::of(ports[0])?;
    let before = poll.stored_ballots(ports[1])?;
    let half = poll.votes_load(CONNECTIONS / 2);
    let (on_first, on_second) = half.run_beside(ports[0], &half, ports[1])?;
    let two_servers = Votes {
        loads: vec![on_first, on_second],
        stored: poll.stored_ballots(ports[1])? - before,
    };
    drop((first, second));
    let upload_database = postgres.create_database("upload")?;
    let upload = upload::measure(&out.join("postgres-upload"), upload_database.as_ref(), site)?;
    Ok(PostgresFigures {
        loads,
        two_servers,
        upload,
    })
}

struct Row {
    what: String,
    /// The database engine a load row ran on; empty for the others.
    engine: &'static str,
    value: String,
    verdict: Option<Verdict>,
}

fn row(what: &str, value: String, verdict: Option<Verdict>) -> Row {
    Row {
        what: what.to_owned(),
        engine: "",
        value,
        verdict,
    }
}

impl Row {
    fn on(self, engine: &'static str) -> Self {
        Self { engine, ..self }
    }
}

/// A row a page: Lighthouse's four scores and timings, against the static copy's largest
/// paint (the last audit).
fn lighthouse_rows(audits: &[lighthouse::Audit]) -> Vec<Row> {
    let Some((copy, pages)) = audits.split_last() else {
        return Vec::new();
    };
    let figures = |audit: &lighthouse::Audit| {
        let mut text = format!(
            "perf {}, a11y {}, best pr. {}, SEO {}; FCP {:.0} ms, LCP {:.0} ms ({:.2}× the static copy's), TBT {:.0} ms, CLS {:.3}",
            audit.performance,
            audit.accessibility,
            audit.best_practices,
            audit.seo,
            audit.fcp_ms,
            audit.lcp_ms,
            audit.lcp_ms / copy.lcp_ms,
            audit.tbt_ms,
            audit.cls
        );
        if !audit.missed.is_empty() {
            text.push_str(&format!("; short: {}", audit.missed.join(", ")));
        }
        if let Some(warning) = &audit.warning {
            text.push_str(&format!("; Lighthouse: {warning}"));
        }
        text
    };
    let perfect = budget::LIGHTHOUSE_SCORE;
    let verdict = |audit: &lighthouse::Audit| Verdict {
        budget: format!(
            "{perfect} a11y, best pr., SEO; perf ≥ {}; LCP ≤ {}× static; CLS 0",
            budget::LIGHTHOUSE_PERFORMANCE,
            budget::LIGHTHOUSE_LCP_RATIO
        ),
        met: [audit.accessibility, audit.best_practices, audit.seo]
            .iter()
            .all(|score| *score >= perfect)
            && audit.performance >= budget::LIGHTHOUSE_PERFORMANCE
            && audit.lcp_ms <= budget::LIGHTHOUSE_LCP_RATIO * copy.lcp_ms
            && audit.cls == 0.0,
    };
    pages
        .iter()
        .map(|audit| {
            let what = format!("Lighthouse, mobile: {} ({})", audit.page, audit.path);
            row(&what, figures(audit), Some(verdict(audit)))
        })
        .chain([row(
            &format!(
                "Lighthouse, mobile: the article as a static copy ({})",
                copy.path
            ),
            figures(copy),
            None,
        )])
        .collect()
}

/// The load rows of one engine's server.
fn engine_rows(loads: &EngineLoads, engine: &'static str) -> Vec<Row> {
    vec![
        read_row(
            "GET /bai-viet/{id} (written page)",
            &loads.page_reads,
            (budget::PAGE_READS_PER_S, budget::PAGE_READ_P99_MS),
        )
        .on(engine),
        read_row("GET article", &loads.article_reads, API_READS).on(engine),
        read_row("GET /api/sidebar", &loads.sidebar_reads, API_READS).on(engine),
        votes_row("POST ratings, distinct readers, c64", &loads.ratings).on(engine),
        votes_row("POST ballots, distinct readers, c64", &loads.ballots).on(engine),
    ]
}

/// The table: each figure with its verdict against its budget.
fn rows(report: &Report) -> Vec<Row> {
    let total = report.first_load.total;
    let brotli_kb = total.brotli as f64 / KB;
    let timings = &report.browser;
    let ratio = timings.first_view_ms / timings.static_ms;
    let mut rows = vec![
        row(
            "first load, brotli (written article page + JS + wasm + CSS)",
            format!(
                "{brotli_kb:.1} KB (raw {:.1} KB, gzip {:.1} KB)",
                total.raw as f64 / KB,
                total.gzip as f64 / KB
            ),
            Some(at_most(brotli_kb, budget::FIRST_LOAD_BROTLI_KB, " KB")),
        ),
        row(
            "time to article text, 4× CPU throttle, median",
            format!(
                "written page {:.0} ms, SPA alone {:.0} ms, static page {:.0} ms",
                timings.first_view_ms, timings.spa_ms, timings.static_ms
            ),
            None,
        ),
        row(
            "  written page / static (SPA alone / static)",
            format!("{ratio:.2} ({:.2})", timings.spa_ms / timings.static_ms),
            Some(at_most(ratio, budget::TEXT_TIME_RATIO, "")),
        ),
        row(
            "time until the rating can be clicked, median",
            format!(
                "written page {:.0} ms, SPA alone {:.0} ms",
                timings.rating_ready_ms, timings.spa_rating_ready_ms
            ),
            None,
        ),
        row(
            "layout shift of a load, hydration included, median (max)",
            format!(
                "{:.3} ({:.3})",
                timings.layout_shift, timings.layout_shift_max
            ),
            Some(at_most(timings.layout_shift_max, budget::LAYOUT_SHIFT, "")),
        ),
    ];
    rows.extend(lighthouse_rows(&report.lighthouse));
    rows.extend([
        row(
            "article with JavaScript off",
            format!(
                "title {} chars, body {} chars",
                timings.no_script.title_chars, timings.no_script.body_chars
            ),
            Some(Verdict {
                budget: "title and body present".into(),
                met: timings.no_script.reads(),
            }),
        ),
        row(
            "client-side navigation, click to new title, median",
            format!("{:.0} ms", timings.navigation_ms),
            None,
        ),
    ]);
    rows.extend(engine_rows(&report.sqlite, "SQLite"));
    rows.extend(engine_rows(&report.postgres.loads, "PostgreSQL"));
    rows.push(
        votes_row(
            "POST ballots, distinct readers, two servers, c32 each",
            &report.postgres.two_servers,
        )
        .on("PostgreSQL ×2"),
    );
    rows.extend(search_rows(&report.search));
    rows.extend([
        sign_in_row(report).on("SQLite"),
        memory_row(&report.memory),
        upload_row(&report.upload).on("SQLite"),
        upload_row(&report.postgres.upload).on("PostgreSQL"),
        nukeviet_row(&report.nukeviet).on("SQLite"),
        row(
            "newsroom bundle (staff only: wasm, JS, CSS, the editor), brotli",
            format!(
                "{:.1} KB (raw {:.1} KB); none of it in the citizens' first load",
                report.newsroom.brotli as f64 / KB,
                report.newsroom.raw as f64 / KB
            ),
            None,
        ),
    ]);
    rows
}

fn nukeviet_row(moved: &nukeviet::MoveFigures) -> Row {
    let (early_mb, peak_mb) = (moved.early_peak_kb / KB, moved.peak_kb / KB);
    row(
        &format!(
            "move of a generated NukeViet site ({} articles with pictures) into SQLite: speed / mover's memory",
            moved.articles
        ),
        format!(
            "{:.0} articles/s ({:.0} s) / peak {early_mb:.0} MB a quarter of the way, {peak_mb:.0} MB at the end",
            moved.per_second(),
            moved.seconds
        ),
        Some(Verdict {
            budget: format!("flat: end ≤ {}× the quarter's", budget::MOVE_MEMORY_GROWTH),
            met: peak_mb <= early_mb * budget::MOVE_MEMORY_GROWTH,
        }),
    )
}

fn upload_row(upload: &upload::UploadFigures) -> Row {
    let growth_mb = (upload.peak_kb - upload.idle_kb) / KB;
    row(
        "upload of a 10 MB PDF by staff: time / server memory growth",
        format!(
            "{:.0} ms / {growth_mb:.1} MB (RSS {:.1} → peak {:.1} MB)",
            upload.millis,
            upload.idle_kb / KB,
            upload.peak_kb / KB
        ),
        Some(at_most(growth_mb, budget::UPLOAD_GROWTH_MB, " MB")),
    )
}

/// The budget of the API's reads: requests per second, p99 in ms.
const API_READS: (f64, f64) = (budget::READS_PER_S, budget::READ_P99_MS);

fn read_row(name: &str, figures: &WrkFigures, (per_s, p99_ms): (f64, f64)) -> Row {
    let met = figures.requests_per_s >= per_s && figures.p99_ms <= p99_ms && figures.errors == 0;
    row(
        &format!("{name}, c{CONNECTIONS}, {LOAD_SECONDS} s"),
        format!(
            "{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
            figures.requests_per_s, figures.p50_ms, figures.p99_ms, figures.errors
        ),
        Some(Verdict {
            budget: format!("≥ {per_s}/s, p99 ≤ {p99_ms} ms, 0 errors"),
            met,
        }),
    )
}

fn votes_row(name: &str, votes: &Votes) -> Row {
    // Each vote's reader is fetched first: only the script's count is of votes.
    let accepted: u64 = votes
        .loads
        .iter()
        .map(|load| load.votes_accepted.unwrap_or(0))
        .sum();
    let per_second = accepted as f64 / f64::from(LOAD_SECONDS);
    let p99_ms = votes
        .loads
        .iter()
        .map(|load| load.p99_ms)
        .fold(0.0, f64::max);
    let errors: u64 = votes.loads.iter().map(|load| load.errors).sum();
    // wrk stops with up to one request per connection still in flight: the server may
    // have stored those too, but never fewer than were acknowledged.
    let in_flight = votes.stored.saturating_sub(accepted);
    let none_lost = votes.stored >= accepted && in_flight <= u64::from(CONNECTIONS);
    row(
        name,
        format!(
            "{per_second:.0} accepted/s, p99 {p99_ms:.2} ms; {accepted} acknowledged (+{in_flight} in flight at the stop), {} stored, {errors} errors",
            votes.stored
        ),
        Some(Verdict {
            budget: format!("≥ {}/s, 0 errors, 0 lost", budget::VOTES_PER_S),
            met: per_second >= budget::VOTES_PER_S && none_lost && errors == 0,
        }),
    )
}

fn sign_in_row(report: &Report) -> Row {
    let (reads, sign_ins) = (&report.reads_beside_sign_ins, &report.sign_ins);
    row(
        &format!("GET article, c{CONNECTIONS}, beside {SIGN_IN_CLIENTS} clients signing in"),
        format!(
            "{:.0} req/s, p99 {:.2} ms (alone {:.2} ms); of {} sign-ins, {} signed in (a password check each) and {} shed with 503",
            reads.requests_per_s,
            reads.p99_ms,
            report.sqlite.article_reads.p99_ms,
            sign_ins.requests,
            sign_ins.ok,
            sign_ins.errors
        ),
        Some(Verdict {
            budget: format!("p99 ≤ {} ms, 0 read errors", budget::READ_P99_MS),
            met: reads.p99_ms <= budget::READ_P99_MS && reads.errors == 0,
        }),
    )
}

/// What a search load must meet on an engine, if anything.
struct SearchBudget {
    p99_ms: f64,
    min_per_s: Option<f64>,
}

impl SearchBudget {
    fn verdict(&self, load: &WrkFigures) -> Verdict {
        let mut budget = format!("p99 ≤ {} ms", self.p99_ms);
        let mut met = load.p99_ms <= self.p99_ms && load.errors == 0;
        if let Some(min) = self.min_per_s {
            budget += &format!(", ≥ {min} req/s");
            met &= load.requests_per_s >= min;
        }
        Verdict {
            budget: budget + ", 0 errors",
            met,
        }
    }
}

/// A row of the index a server built on start, and a row for each kind of query.
fn searched_rows(
    articles: u32,
    index: &search::IndexFigures,
    made: String,
    loads: &[search::KindLoad],
    budget: Option<&SearchBudget>,
) -> Vec<Row> {
    let index_row = row(
        &format!("search index of {articles} articles, built on start"),
        format!(
            "{:.0} s, {:.1} MB; {made}",
            index.build_s,
            index.bytes as f64 / KB / KB
        ),
        None,
    );
    let load_rows = loads.iter().map(|kind| {
        let (_, named) = search::KINDS
            .iter()
            .find(|(name, _)| *name == kind.kind)
            .expect("a kind of the bench");
        let load = &kind.load;
        row(
            &format!(
                "GET /api/search, {named}, {articles} articles, c{}",
                search::SEARCH_CLIENTS
            ),
            format!(
                "{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
                load.requests_per_s, load.p50_ms, load.p99_ms, load.errors,
            ),
            budget.map(|budget| budget.verdict(load)),
        )
    });
    std::iter::once(index_row).chain(load_rows).collect()
}

fn search_rows(report: &SearchReport) -> Vec<Row> {
    let sqlite = &report.sqlite;
    let postgres = &report.postgres;
    let million = &report.million;
    let on = |engine| move |row: Row| row.on(engine);
    let made = format!(
        "imported in {:.0} s, database {:.0} MB",
        sqlite.import_s,
        sqlite.database_bytes as f64 / KB / KB
    );
    let sqlite_budget = SearchBudget {
        p99_ms: budget::SEARCH_P99_MS,
        min_per_s: Some(budget::SEARCHES_PER_S),
    };
    let postgres_budget = SearchBudget {
        p99_ms: budget::SEARCH_P99_MS_POSTGRES,
        min_per_s: None,
    };
    let copied = format!("copied from SQLite by copy-to in {:.0} s", postgres.copy_s);
    let million_made = format!(
        "made in SQL in {:.0} s, database {:.0} MB",
        million.make_s,
        million.database_bytes as f64 / KB / KB
    );
    let corpus = search::CORPUS_ARTICLES;
    let sqlite_loads = &sqlite.loads;
    let rows = searched_rows(
        corpus,
        &sqlite.index,
        made,
        sqlite_loads,
        Some(&sqlite_budget),
    );
    let rows = rows.into_iter().map(on("SQLite"));
    let copied = searched_rows(
        corpus,
        &postgres.index,
        copied,
        &postgres.loads,
        Some(&postgres_budget),
    );
    let copied = copied.into_iter().map(on("PostgreSQL"));
    let large = searched_rows(
        million.articles,
        &million.index,
        million_made,
        &million.loads,
        None,
    );
    rows.chain(copied)
        .chain(large.into_iter().map(on("SQLite")))
        .collect()
}

fn memory_row(memory: &memory::Memory) -> Row {
    let peak_mb = memory.peak_kb / KB;
    row(
        "server memory (RSS): idle / peak under load",
        format!("{:.1} MB / {peak_mb:.1} MB", memory.idle_kb / KB),
        Some(at_most(peak_mb, budget::PEAK_RSS_MB, " MB")),
    )
}

fn print_table(rows: &[Row]) {
    let width = rows
        .iter()
        .map(|r| r.what.chars().count())
        .max()
        .unwrap_or(0);
    println!("\n`cargo xtask bench`");
    for Row {
        what,
        engine,
        value,
        verdict,
    } in rows
    {
        let verdict = match verdict {
            Some(Verdict { budget, met: true }) => format!("  [met: {budget}]"),
            Some(Verdict { budget, met: false }) => format!("  [MISSED: {budget}]"),
            None => String::new(),
        };
        println!("  {what:<width$}  {engine:<13}  {value}{verdict}");
    }
}

fn machine() -> Machine {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().map(|line| line.trim().to_owned()))
        .unwrap_or_default();
    let date = output_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    Machine {
        cores,
        memory,
        date: date.trim().to_owned(),
    }
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
