//! Release builds: the citizens' bundle (`portal`) and the newsroom's with Trunk (then
//! precompressed), and the server.

mod portal;

use std::{fs, io::Write, path::Path};

use anyhow::Context;
use flate2::{Compression, write::GzEncoder};

use crate::process::{command, root, run};

/// Where the newsroom's bundle goes, inside `dist/`, and the address it is served at.
pub const NEWSROOM_DIST: &str = "dist/quan-tri";
const NEWSROOM_URL: &str = "/quan-tri/";

/// Where the release bundles go, which the server serves.
pub const DIST: &str = "dist";

/// Builds the citizens' app into `dist/` (split by route, hydrating the pages the server
/// writes; see `portal`) and the newsroom's into `dist/quan-tri/` (after it: Trunk
/// empties its own output folder first; it renders by itself), and writes a `.br` and
/// `.gz` beside each text or wasm file.
pub fn spa() -> anyhow::Result<()> {
    let index = fs::read_to_string(root().join("index.html")).context("cannot read index.html")?;
    let bundle = portal::build("hydrate", &index)?;
    let shell = root().join(portal::SHELL);
    fs::create_dir_all(shell.parent().expect("the shell is in a folder"))?;
    fs::write(&shell, portal::release_shell(&index, &bundle.script_tag())?)?;
    run(command(
        "trunk",
        &["build", portal::SHELL, "--release", "--dist", DIST],
    ))?;
    copy_dir(&bundle.dir, &root().join(DIST).join(&bundle.name))?;
    run(command(
        "trunk",
        &[
            "build",
            "newsroom.html",
            "--release",
            "--dist",
            NEWSROOM_DIST,
            "--public-url",
            NEWSROOM_URL,
            "--features",
            "csr",
        ],
    ))?;
    precompress(&root().join(DIST))
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        fs::copy(
            &path,
            to.join(path.file_name().expect("a file in a folder")),
        )?;
    }
    Ok(())
}

pub fn server() -> anyhow::Result<()> {
    run(command(
        "cargo",
        &["build", "--release", "--package", "portal-server"],
    ))
}

fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "css" | "wasm" | "svg" | "json")
    )
}

/// Every compressible file in `dir` and the folders in it.
fn precompress(dir: &Path) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
        } else if is_compressible(&path) {
            let bytes = fs::read(&path)?;
            fs::write(with_suffix(&path, "br"), brotli_max(&bytes)?)?;
            fs::write(with_suffix(&path, "gz"), gzip_max(&bytes)?)?;
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}

pub fn brotli_max(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

pub fn gzip_max(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
