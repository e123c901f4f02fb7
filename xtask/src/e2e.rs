//! The browser suite: a real server on a free port with a fresh database, then Playwright.

use std::path::PathBuf;

use crate::{
    process::{command, root, run, server_binary},
    server::{free_port, import, start_server},
};

const DEMO_CONTENT: &str = "server/content/demo.jsonl";
/// Articles for the tests alone: script payloads that must not run, and enough articles in
/// one category to page through.
const TEST_CONTENT: &str = "tests/fixtures/test-content.jsonl";

fn scratch_dir() -> anyhow::Result<PathBuf> {
    let dir = root().join("target/browser-tests");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Runs the Playwright suite against a server with the demo and test content.
pub fn run_suite() -> anyhow::Result<()> {
    let scratch = scratch_dir()?;
    let database = scratch.join("portal.db");
    import(&database, DEMO_CONTENT)?;
    import(&database, TEST_CONTENT)?;
    let port = free_port()?;
    // Every browser of the suite is a new reader from 127.0.0.1: more in an hour than a
    // network may bring whose views and visits count, and the tests count visits.
    let one_network_for_all = [
        "--new-readers-per-network-per-hour",
        "1000000",
        "--new-readers-per-ipv6-48-per-hour",
        "1000000",
    ];
    let _server = start_server(&database, port, &root().join("dist"), &one_network_for_all)?;
    let mut playwright = command(
        "npx",
        &["playwright", "test", "-c", "tests/playwright.config.ts"],
    );
    playwright
        .env("PORTAL_URL", format!("http://127.0.0.1:{port}"))
        .env("PORTAL_SERVER_BIN", server_binary())
        .env("PORTAL_STATIC_DIR", root().join("dist"))
        .env("PORTAL_SCRATCH_DIR", &scratch)
        .env("PORTAL_DATABASE", &database);
    run(playwright)
}
