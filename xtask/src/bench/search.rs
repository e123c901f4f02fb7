//! Search over a generated corpus of 100,000 articles: the import, the index's build and
//! size, and `GET /api/search` under load for each kind of query; the same portal copied
//! into PostgreSQL (`copy-to`, timed) and searched there; and ten times the corpus, made
//! in SQL (not committed anywhere), indexed and searched on SQLite.

use std::{
    ffi::OsStr,
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
    server::{Server, copy_to, free_port, import, search_index_beside, start_server_on},
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

/// The rare word, in one article of [`RARE_EVERY`].
fn rare(n: u32) -> String {
    if n % RARE_EVERY == 7 {
        format!(" {RARE_WORD}")
    } else {
        String::new()
    }
}

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
            "body_html": format!("<p>{}</p><p>{}{}</p>", words.sentence(80), words.sentence(80), rare(n)),
            "author": words.sentence(2),
            "tags": [words.next(), words.next()],
            "published_at": format!("20{:02}-{:02}-{:02}T08:00:00+07:00", 10 + n % 16, 1 + n % 12, 1 + n % 28),
        });
        writeln!(text, "{record}")?;
    }
    fs::write(path, text)?;
    Ok(())
}

/// The kinds of query the bench searches with (`tests/bench/search.lua`'s
/// `SEARCH_KIND`), and how the table names them.
pub const KINDS: [(&str, &str); 4] = [
    ("common", "common words"),
    ("rare", "a rare word"),
    ("phrase", "a quoted phrase"),
    ("filtered", "words, a category and dates"),
];

/// The word the corpus writes in few articles, for the rare-word queries.
const RARE_WORD: &str = "sơn mài";
/// One article in this many has it.
const RARE_EVERY: u32 = 1000;

/// One kind of query under load.
#[derive(Debug, Serialize)]
pub struct KindLoad {
    pub kind: &'static str,
    pub load: WrkFigures,
}

/// A server's search index as it was built on start, from a database it had not seen.
#[derive(Debug, Serialize)]
pub struct IndexFigures {
    /// From the server's start until it answered (the build is nearly all of it).
    pub build_s: f64,
    pub bytes: u64,
}

/// What the search bench measured on SQLite.
#[derive(Debug, Serialize)]
pub struct SearchFigures {
    pub articles: u32,
    pub import_s: f64,
    pub database_bytes: u64,
    pub index: IndexFigures,
    pub loads: Vec<KindLoad>,
}

/// The corpus's portal copied into PostgreSQL by `copy-to`, and searched there.
#[derive(Debug, Serialize)]
pub struct CopiedFigures {
    pub copy_s: f64,
    pub index: IndexFigures,
    pub loads: Vec<KindLoad>,
}

/// The SQLite file the corpus is imported into, in the bench's folder `out`.
pub fn database(out: &Path) -> PathBuf {
    out.join("search.db")
}

/// Every kind of query, each under load on the server at `port`.
fn search_loads(port: u16) -> anyhow::Result<Vec<KindLoad>> {
    KINDS
        .iter()
        .map(|(kind, _)| {
            let env = [("SEARCH_KIND", (*kind).to_owned())];
            let load = Load {
                path: "/api/search",
                connections: SEARCH_CLIENTS,
                extra: &[],
                script: Some(("tests/bench/search.lua", &env)),
            }
            .run(port)?;
            Ok(KindLoad { kind, load })
        })
        .collect()
}

fn folder_bytes(dir: &Path) -> anyhow::Result<u64> {
    let mut bytes = 0;
    for entry in fs::read_dir(dir).with_context(|| format!("no folder {}", dir.display()))? {
        let entry = entry?;
        let meta = entry.metadata()?;
        bytes += if meta.is_dir() {
            folder_bytes(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(bytes)
}

/// Starts a server on `database` with a new search index folder beside `uploads`, which
/// it builds before it answers; the server and its index's figures.
fn start_indexing(
    database: &OsStr,
    uploads: &Path,
    site: &Path,
) -> anyhow::Result<(Server, IndexFigures)> {
    let index_dir = search_index_beside(uploads);
    if index_dir.exists() {
        fs::remove_dir_all(&index_dir)?;
    }
    let started = Instant::now();
    let server = start_server_on(database, uploads, free_port()?, site, &[])?;
    let build_s = started.elapsed().as_secs_f64();
    let bytes = folder_bytes(&index_dir)?;
    Ok((server, IndexFigures { build_s, bytes }))
}

/// Copies the corpus's portal (measured by [`measure`] first) into the PostgreSQL
/// database at `url`, then searches it there.
pub fn measure_copied(out: &Path, url: &str, site: &Path) -> anyhow::Result<CopiedFigures> {
    let started = Instant::now();
    copy_to(&database(out), url)?;
    let copy_s = started.elapsed().as_secs_f64();
    let uploads = out.join("search-postgres-uploads");
    let (server, index) = start_indexing(url.as_ref(), &uploads, site)?;
    Ok(CopiedFigures {
        copy_s,
        index,
        loads: search_loads(server.port())?,
    })
}

pub fn measure(out: &Path, site: &Path) -> anyhow::Result<SearchFigures> {
    let corpus = out.join("corpus.jsonl");
    let database = database(out);
    remove_database(&database)?;
    write_corpus(&corpus)?;
    let started = Instant::now();
    import(&database, "server/content/demo.jsonl")?;
    import(&database, &corpus.to_string_lossy())?;
    let import_s = started.elapsed().as_secs_f64();
    let (server, index) = start_indexing(database.as_ref(), &out.join("uploads"), site)?;
    Ok(SearchFigures {
        articles: CORPUS_ARTICLES,
        import_s,
        database_bytes: fs::metadata(&database)?.len(),
        index,
        loads: search_loads(server.port())?,
    })
}

/// Articles of the large archive: the corpus ten times over.
pub const MILLION: u32 = 10 * CORPUS_ARTICLES;

/// What the bench measured over the large archive (SQLite).
#[derive(Debug, Serialize)]
pub struct MillionFigures {
    pub articles: u32,
    /// To make it from the corpus's database (in SQL: not a measure of the import).
    pub make_s: f64,
    pub database_bytes: u64,
    pub index: IndexFigures,
    pub loads: Vec<KindLoad>,
}

/// The corpus's articles (measured by [`measure`] first) nine times more, each copy
/// with its own address, in a copy of its database at `million`.
fn make_million(out: &Path, million: &Path) -> anyhow::Result<()> {
    remove_database(million)?;
    let copies = MILLION / CORPUS_ARTICLES - 1;
    let sql = format!(
        "VACUUM INTO '{million}';
         ATTACH '{million}' AS big;
         WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < {copies})
         INSERT INTO big.articles (slug, category_id, title, summary, body_html, author,
                                   source, tags, published_at, status, updated_at)
         SELECT a.slug || '-' || copy.n, a.category_id, a.title, a.summary, a.body_html,
                a.author, a.source, a.tags, a.published_at - copy.n * 86400, a.status,
                a.updated_at
         FROM articles a, copy WHERE a.slug LIKE 'kho-bai-%';",
        million = million.display()
    );
    let database = database(out);
    output_of("sqlite3", &[&database.to_string_lossy(), &sql]).context("sqlite3 did not copy")?;
    Ok(())
}

pub fn measure_million(out: &Path, site: &Path) -> anyhow::Result<MillionFigures> {
    let million = out.join("million.db");
    let started = Instant::now();
    make_million(out, &million)?;
    let make_s = started.elapsed().as_secs_f64();
    let (server, index) = start_indexing(million.as_ref(), &out.join("million-uploads"), site)?;
    let loads = search_loads(server.port())?;
    drop(server);
    let database_bytes = fs::metadata(&million)?.len();
    remove_database(&million)?;
    Ok(MillionFigures {
        articles: MILLION,
        make_s,
        database_bytes,
        index,
        loads,
    })
}

/// Removes an SQLite database file and its journal files, where they are.
fn remove_database(database: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        match fs::remove_file(&name) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error)?,
            _ => {}
        }
    }
    Ok(())
}
