//! The move of a generated NukeViet site into a new SQLite portal: 100,000 articles, each
//! with a lead picture and a body that shows one (500 pictures shared among them, as a
//! site reuses its pictures), read from a MariaDB of the bench's own. How many articles a
//! second, and the mover's memory: its peak in the first quarter of the run and in all of
//! it (rows are read a page at a time, so the two should be close).

use std::{
    fs,
    io::{BufRead, BufReader, Write},
    path::Path,
    process::{Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    },
    thread,
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use flate2::{Compression, Crc, write::ZlibEncoder};
use serde::Serialize;

use super::memory;
use crate::{
    mariadb::Mariadb,
    process::{root, server_binary},
};

pub const ARTICLES: u32 = 100_000;
const PICTURES: u32 = 500;

#[derive(Debug, Serialize)]
pub struct MoveFigures {
    pub articles: u32,
    pub seconds: f64,
    pub early_peak_kb: f64,
    pub peak_kb: f64,
}

impl MoveFigures {
    pub fn per_second(&self) -> f64 {
        f64::from(self.articles) / self.seconds
    }
}

/// NukeViet's tables with the test site's rows, then `ARTICLES` more made by MariaDB's
/// sequence engine.
fn site_sql() -> String {
    let tables =
        fs::read_to_string(root().join("server/tests/fixtures/nukeviet.sql")).unwrap_or_default();
    format!(
        "{tables}
        INSERT INTO nv4_vi_news_rows (id, catid, listcatid, author, addtime, edittime, status,
            publtime, title, alias, hometext, homeimgfile, homeimgalt, homeimgthumb,
            allowed_rating, hitstotal)
        SELECT 1000 + seq, 1 + seq % 2, '1', 'Phòng Khuyến công', 1500000000 + seq * 600,
            1500000000 + seq * 600, 1, 1500000000 + seq * 600,
            CONCAT('Hỗ trợ cơ sở công nghiệp nông thôn số ', seq), CONCAT('ho-tro-co-so-', seq),
            'Chương trình khuyến công hỗ trợ máy móc, thiết bị cho cơ sở sản xuất.',
            CONCAT('bench/anh-', seq % {PICTURES}, '.png'), 'Ảnh cơ sở', 1, 1, seq % 5000
        FROM seq_1_to_{ARTICLES};
        INSERT INTO nv4_vi_news_detail (id, description, bodyhtml, sourcetext, files)
        SELECT 1000 + seq, '',
            CONCAT('<p>', REPEAT('Trung tâm Khuyến công hỗ trợ cơ sở đổi mới thiết bị. ', 30),
                   '</p><p><img src=\"/uploads/news/bench/anh-', (seq * 7) % {PICTURES}, '.png\"></p>'),
            '', ''
        FROM seq_1_to_{ARTICLES};"
    )
}

/// A `size`×`size` PNG of one colour.
fn png(rgb: [u8; 3], size: u32) -> anyhow::Result<Vec<u8>> {
    // Each row: filter type 0, then the row's pixels.
    let row: Vec<u8> = std::iter::once(0)
        .chain((0..size).flat_map(|_| rgb))
        .collect();
    let pixels = row.repeat(usize::try_from(size)?);
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::fast());
    zlib.write_all(&pixels)?;
    let mut header = Vec::new();
    header.extend_from_slice(&size.to_be_bytes());
    header.extend_from_slice(&size.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", header),
        (b"IDAT", zlib.finish()?),
        (b"IEND", Vec::new()),
    ] {
        png.extend_from_slice(&u32::try_from(data.len())?.to_be_bytes());
        let mut crc = Crc::new();
        crc.update(kind);
        crc.update(&data);
        png.extend_from_slice(kind);
        png.extend_from_slice(&data);
        png.extend_from_slice(&crc.sum().to_be_bytes());
    }
    Ok(png)
}

fn write_uploads(dir: &Path) -> anyhow::Result<()> {
    let pictures = dir.join("news/bench");
    fs::create_dir_all(&pictures)?;
    for n in 0..PICTURES {
        let [.., high, low] = n.to_be_bytes();
        fs::write(
            pictures.join(format!("anh-{n}.png")),
            png([low, high, 77], 96)?,
        )?;
    }
    Ok(())
}

/// Moves the generated site into a new portal in `out`.
pub fn measure(out: &Path) -> anyhow::Result<MoveFigures> {
    let dir = out.join("nukeviet");
    fs::create_dir_all(&dir)?;
    let uploads_from = dir.join("uploads-from");
    write_uploads(&uploads_from)?;
    let mariadb = Mariadb::start()?;
    let site = mariadb.create_database("nukeviet", &site_sql())?;
    let started = Instant::now();
    let mut mover = Command::new(server_binary())
        .args(["import-nukeviet", &site, "--uploads-from"])
        .arg(&uploads_from)
        .arg("--database")
        .arg(dir.join("portal.db"))
        .arg("--uploads-dir")
        .arg(dir.join("uploads"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start the move")?;
    let moved = Arc::new(AtomicU32::new(0));
    let progress = mover.stderr.take().context("the move's progress")?;
    let counter = moved.clone();
    // Without a terminal the move says "articles: N of M" every thousand articles.
    thread::spawn(move || {
        for line in BufReader::new(progress).lines().map_while(Result::ok) {
            if let Some(n) = line
                .strip_prefix("articles: ")
                .and_then(|rest| rest.split(' ').next())
            {
                counter.store(n.parse().unwrap_or(0), Ordering::Relaxed);
            }
        }
    });
    let (mut early_peak_kb, mut peak_kb) = (None, 0.0);
    let status = loop {
        if let Some(status) = mover.try_wait()? {
            break status;
        }
        if let Ok(kb) = memory::peak_kb(mover.id()) {
            peak_kb = kb;
            if early_peak_kb.is_none() && moved.load(Ordering::Relaxed) >= ARTICLES / 4 {
                early_peak_kb = Some(kb);
            }
        }
        thread::sleep(Duration::from_millis(200));
    };
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("the move of the generated NukeViet site failed ({status})");
    }
    Ok(MoveFigures {
        articles: ARTICLES,
        seconds,
        early_peak_kb: early_peak_kb.context("the move never told its progress")?,
        peak_kb,
    })
}
