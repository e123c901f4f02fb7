//! Search over a generated corpus of 100,000 articles: the import, the index's size, and
//! `GET /api/search` latency under load; then the same portal copied into PostgreSQL
//! (`copy-to`, timed) and searched there.

use std::{
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
    time::Instant,
};

use anyhow::Context;
use serde::Serialize;

use super::load::{Load, WrkFigures};
use crate::{
    process::output_of,
    server::{copy_to, free_port, import, start_server, start_server_on},
};

/// Articles the corpus holds.
pub const CORPUS_ARTICLES: u32 = 100_000;
/// Clients searching at once.
pub const SEARCH_CLIENTS: u32 = 8;

/// Words the corpus is written with, as the demo content writes them.
const WORDS: &[&str] = &[
    "khuyến",
    "công",
    "nông",
    "thôn",
    "sản",
    "phẩm",
    "tiêu",
    "biểu",
    "đề",
    "án",
    "hỗ",
    "trợ",
    "máy",
    "móc",
    "thiết",
    "bị",
    "chế",
    "biến",
    "chè",
    "gốm",
    "sứ",
    "mây",
    "tre",
    "đan",
    "làng",
    "nghề",
    "đào",
    "tạo",
    "tập",
    "huấn",
    "thương",
    "mại",
    "điện",
    "tử",
    "hội",
    "chợ",
    "triển",
    "lãm",
    "kinh",
    "phí",
    "địa",
    "phương",
    "trung",
    "ương",
    "kế",
    "hoạch",
    "năm",
    "quý",
    "tỉnh",
    "huyện",
    "xã",
    "doanh",
    "nghiệp",
    "hợp",
    "tác",
    "cơ",
    "sở",
    "lao",
    "động",
    "việc",
    "làm",
    "chính",
    "sách",
    "nghị",
    "định",
    "thông",
    "tư",
    "chỉ",
    "thị",
    "quyết",
    "hướng",
    "dẫn",
    "kiểm",
    "tra",
    "tổng",
    "kết",
    "nhiệm",
    "vụ",
    "tiết",
    "kiệm",
    "năng",
    "lượng",
    "sạch",
    "môi",
    "trường",
    "xuất",
    "khẩu",
    "thị",
    "trường",
    "miến",
    "dong",
    "mật",
    "ong",
    "thổ",
    "cẩm",
    "dệt",
    "may",
    "da",
    "giày",
    "cơ",
    "khí",
    "nhựa",
    "giấy",
    "gỗ",
];

/// A small deterministic generator, so every run searches the same corpus.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let n = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        WORDS[(n >> 33) as usize % WORDS.len()]
    }

    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| self.next())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const CATEGORIES: [&str; 4] = [
    "tin-hoat-dong",
    "chinh-sach",
    "san-pham-cnnttb",
    "dao-tao-tap-huan",
];

/// Writes the corpus as a content file (JSON Lines) at `path`.
fn write_corpus(path: &Path) -> anyhow::Result<()> {
    let mut words = Words(0x9e37_79b9_7f4a_7c15);
    let mut text = String::with_capacity(CORPUS_ARTICLES as usize * 1200);
    for n in 0..CORPUS_ARTICLES {
        let record = serde_json::json!({
            "kind": "article",
            "slug": format!("kho-bai-{n}"),
            "category": CATEGORIES[n as usize % CATEGORIES.len()],
            "title": words.sentence(10),
            "summary": words.sentence(30),
            "body_html": format!("<p>{}</p><p>{}</p>", words.sentence(80), words.sentence(80)),
            "author": words.sentence(2),
            "tags": [words.next(), words.next()],
            "published_at": format!("20{:02}-{:02}-{:02}T08:00:00+07:00", 10 + n % 16, 1 + n % 12, 1 + n % 28),
        });
        writeln!(text, "{record}")?;
    }
    fs::write(path, text)?;
    Ok(())
}

/// What the search bench measured.
#[derive(Debug, Serialize)]
pub struct SearchFigures {
    pub articles: u32,
    pub import_s: f64,
    /// The FTS5 tables' pages, in bytes.
    pub index_bytes: u64,
    pub database_bytes: u64,
    pub load: WrkFigures,
}

fn index_bytes(database: &Path) -> anyhow::Result<u64> {
    let database = database.to_string_lossy();
    let sql = "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'article_search%';";
    let out = output_of("sqlite3", &[&database, sql]).context("sqlite3 did not answer")?;
    out.trim().parse().context("no index size")
}

/// The corpus's portal copied into PostgreSQL by `copy-to`, and searched there.
#[derive(Debug, Serialize)]
pub struct CopiedFigures {
    pub copy_s: f64,
    pub load: WrkFigures,
}

/// The SQLite file the corpus is imported into, in the bench's folder `out`.
pub fn database(out: &Path) -> PathBuf {
    out.join("search.db")
}

/// `GET /api/search` for words of the corpus, on the server at `port`.
fn search_load(port: u16) -> anyhow::Result<WrkFigures> {
    Load {
        path: "/api/search",
        connections: SEARCH_CLIENTS,
        extra: &[],
        script: Some(("tests/bench/search.lua", &[])),
    }
    .run(port)
}

/// Copies the corpus's portal (measured by [`measure`] first) into the PostgreSQL
/// database at `url`, then searches it there.
pub fn measure_copied(out: &Path, url: &str, site: &Path) -> anyhow::Result<CopiedFigures> {
    let started = Instant::now();
    copy_to(&database(out), url)?;
    let copy_s = started.elapsed().as_secs_f64();
    let port = free_port()?;
    let uploads = out.join("search-postgres-uploads");
    let _server = start_server_on(url.as_ref(), &uploads, port, site, &[])?;
    Ok(CopiedFigures {
        copy_s,
        load: search_load(port)?,
    })
}

pub fn measure(out: &Path, site: &Path) -> anyhow::Result<SearchFigures> {
    let corpus = out.join("corpus.jsonl");
    let database = database(out);
    write_corpus(&corpus)?;
    let started = Instant::now();
    import(&database, "server/content/demo.jsonl")?;
    import(&database, &corpus.to_string_lossy())?;
    let import_s = started.elapsed().as_secs_f64();
    let port = free_port()?;
    let _server = start_server(&database, port, site, &[])?;
    let load = search_load(port)?;
    Ok(SearchFigures {
        articles: CORPUS_ARTICLES,
        import_s,
        index_bytes: index_bytes(&database)?,
        database_bytes: fs::metadata(&database)?.len(),
        load,
    })
}
