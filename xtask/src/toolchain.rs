//! Installing what the build and the tests need, only when missing or of the wrong version.

use std::{fs, path::Path};

use anyhow::{Context, bail};

use crate::process::{command, output_of, root, run};

/// Trunk 0.22 needs a newer rustc than this project's machines have.
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The wasm32 target, Trunk, wasm-bindgen (of the version in Cargo.lock) and npm packages.
pub fn ensure_build_tools() -> anyhow::Result<()> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        run(command("rustup", &["target", "add", WASM_TARGET]))?;
    }
    Ok(())
}

/// Whether `program --version` prints `version` as its second word.
fn has_version(program: &str, version: &str) -> bool {
    output_of(program, &["--version"])
        .is_some_and(|out| out.split_whitespace().nth(1) == Some(version))
}

fn ensure_trunk() -> anyhow::Result<()> {
    if !has_version("trunk", TRUNK_VERSION) {
        run(command(
            "cargo",
            &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
        ))?;
    }
    Ok(())
}

fn ensure_wasm_bindgen() -> anyhow::Result<()> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let version = locked_version(&lock, "wasm-bindgen")
        .context("Cargo.lock names no wasm-bindgen version")?;
    if !has_version("wasm-bindgen", version) {
        // Not --locked: its lock file names a webpki-roots version the registry no longer serves.
        run(command(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", version],
        ))?;
    }
    Ok(())
}

/// The version of `package` in a Cargo.lock.
fn locked_version<'a>(lock: &'a str, package: &str) -> Option<&'a str> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    lines.find(|line| *line == name_line)?;
    lines
        .next()?
        .strip_prefix("version = \"")?
        .strip_suffix('"')
}

/// `npm ci` when node_modules does not match package-lock.json.
fn ensure_npm_packages() -> anyhow::Result<()> {
    let wanted = fs::read_to_string(root().join("package-lock.json"))
        .context("cannot read package-lock.json")?;
    let installed = fs::read_to_string(root().join("node_modules/.package-lock.json"));
    if !installed.is_ok_and(|installed| same_packages(&wanted, &installed)) {
        let mut npm = command("npm", &["ci", "--no-audit", "--no-fund"]);
        // Playwright drives Debian's Chromium; it must never download a browser of its own.
        npm.env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        run(npm)?;
    }
    Ok(())
}

/// npm writes the installed tree to node_modules/.package-lock.json; it matches the lock
/// file when every resolved package line is the same.
fn same_packages(wanted: &str, installed: &str) -> bool {
    let resolved = |text: &str| -> Vec<String> {
        let mut lines: Vec<String> = text
            .lines()
            .map(|line| line.trim().trim_end_matches(','))
            .filter(|line| line.starts_with("\"resolved\"") || line.starts_with("\"integrity\""))
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    };
    resolved(wanted) == resolved(installed)
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's Chromium and ChromeDriver, installed with apt-get when running as root.
pub fn ensure_browser() -> anyhow::Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install("the browser tests", &["chromium", "chromium-driver"])
}

/// PostgreSQL's server and client from Debian, for the server suite's second engine and
/// the bench (the server programs live under /usr/lib/postgresql/<version>/bin).
pub fn ensure_postgres() -> anyhow::Result<()> {
    let has_server = fs::read_dir("/usr/lib/postgresql").is_ok_and(|versions| {
        versions
            .filter_map(Result::ok)
            .any(|version| version.path().join("bin/initdb").exists())
    });
    if has_server && Path::new("/usr/bin/psql").exists() {
        return Ok(());
    }
    apt_install("the PostgreSQL tests", &["postgresql", "postgresql-client"])
}

/// MariaDB, which the NukeViet move's tests read from (NukeViet runs on MySQL or MariaDB).
pub fn ensure_mariadb() -> anyhow::Result<()> {
    let installed = [
        "/usr/sbin/mariadbd",
        "/usr/bin/mariadb",
        "/usr/bin/mariadb-install-db",
    ]
    .iter()
    .all(|path| Path::new(path).exists());
    if installed {
        return Ok(());
    }
    apt_install(
        "the NukeViet move's tests",
        &["mariadb-server", "mariadb-client"],
    )
}

/// The bench's Debian tools: `wrk` for load, `sqlite3` to measure the search index.
pub fn ensure_bench_tools() -> anyhow::Result<()> {
    let missing: Vec<&str> = [("wrk", "/usr/bin/wrk"), ("sqlite3", "/usr/bin/sqlite3")]
        .into_iter()
        .filter(|(_, path)| !Path::new(path).exists())
        .map(|(package, _)| package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    apt_install("the bench", &missing)
}

/// Whether this process runs as root (who may install Debian's packages).
pub fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

fn apt_install(needed_by: &str, packages: &[&str]) -> anyhow::Result<()> {
    if !is_root() {
        let names = packages.join(" ");
        bail!(
            "{needed_by} need the Debian packages {names}: install them \
             (sudo apt-get install {names}), then run again"
        );
    }
    run(command("apt-get", &["update"]))?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend_from_slice(packages);
    let mut install = command("apt-get", &args);
    install.env("DEBIAN_FRONTEND", "noninteractive");
    run(install)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen"), Some("0.2.130"));
        assert_eq!(locked_version(lock, "wasm"), None);
    }

    #[test]
    fn npm_trees_compare_by_resolved_packages() {
        let a = "{\n  \"resolved\": \"x-1.tgz\",\n  \"integrity\": \"sha512-a\"\n}";
        let b =
            "{\n\"name\": \"other\",\n\"integrity\": \"sha512-a\",\n\"resolved\": \"x-1.tgz\"\n}";
        assert!(same_packages(a, b));
        assert!(!same_packages(a, "{\"resolved\": \"x-2.tgz\"}"));
    }
}
