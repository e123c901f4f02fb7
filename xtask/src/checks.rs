//! `cargo xtask test`: every check in order, one summary at the end.

use std::time::{Duration, Instant};

use crate::{
    build, e2e,
    mariadb::Mariadb,
    openapi, package,
    postgres::{self, Postgres},
    process::{command, run},
    toolchain,
};

enum Outcome {
    Passed,
    Failed(String),
    Skipped,
}

struct Step {
    name: &'static str,
    outcome: Outcome,
    took: Duration,
}

type Check = fn() -> anyhow::Result<()>;

fn cargo(args: &'static [&'static str]) -> anyhow::Result<()> {
    run(command("cargo", args))
}

/// The checks in order; `true` marks a check that later checks need, so that its failure
/// skips the rest instead of piling up errors that say the same.
const CHECKS: &[(&str, bool, Check)] = &[
    ("tools", true, || {
        toolchain::ensure_build_tools()?;
        toolchain::ensure_browser()?;
        toolchain::ensure_postgres()
    }),
    ("format", false, || cargo(&["fmt", "--all", "--check"])),
    ("clippy", false, || {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])?;
        // The portal's bundle hydrates; the newsroom's and the dev loop's render alone.
        for features in ["hydrate", "csr"] {
            run(command(
                "cargo",
                &[
                    "clippy",
                    "--package",
                    "portal",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--features",
                    features,
                    "--",
                    "-D",
                    "warnings",
                ],
            ))?;
        }
        Ok(())
    }),
    ("native tests", false, native_tests),
    ("PostgreSQL", false, server_suite_on_postgres),
    ("release build", true, || {
        build::spa()?;
        build::server()
    }),
    ("Debian package", false, package::check),
    ("API contract", false, openapi::run_check),
    ("browser tests", false, e2e::run_suite),
];

/// The server's suite again, each test on a new database of a PostgreSQL server started
/// for the run (and stopped after it).
/// Every native test, the server suite on SQLite, with a MariaDB to move NukeViet sites
/// from.
fn native_tests() -> anyhow::Result<()> {
    let mariadb = Mariadb::start()?;
    let mut tests = command("cargo", &["test", "--workspace"]);
    tests.env("PORTAL_TEST_MARIADB", mariadb.url());
    run(tests)
}

fn server_suite_on_postgres() -> anyhow::Result<()> {
    let postgres = Postgres::start(postgres::THROWAWAY)?;
    let mariadb = Mariadb::start()?;
    // `--workspace` resolves features as the native tests did, so nothing is built again.
    let mut suite = command("cargo", &["test", "--workspace", "--test", "suite"]);
    suite
        .env("PORTAL_TEST_POSTGRES", postgres.url())
        .env("PORTAL_TEST_MARIADB", mariadb.url());
    run(suite)
}

pub fn run_checks() -> anyhow::Result<()> {
    let started = Instant::now();
    let mut steps = Vec::new();
    let mut blocked = false;
    for (name, needed_later, check) in CHECKS {
        let begun = Instant::now();
        let outcome = if blocked {
            Outcome::Skipped
        } else {
            println!("\n==> {name}");
            match check() {
                Ok(()) => Outcome::Passed,
                Err(error) => {
                    blocked |= *needed_later;
                    Outcome::Failed(format!("{error:#}"))
                }
            }
        };
        steps.push(Step {
            name,
            outcome,
            took: begun.elapsed(),
        });
    }
    print_summary(&steps, started.elapsed())
}

fn print_summary(steps: &[Step], total: Duration) -> anyhow::Result<()> {
    println!("\nSummary of `cargo xtask test`:");
    let (mut passed, mut failed) = (0, 0);
    for step in steps {
        let verdict = match &step.outcome {
            Outcome::Passed => {
                passed += 1;
                "ok".to_owned()
            }
            Outcome::Failed(why) => {
                failed += 1;
                format!("FAILED: {why}")
            }
            Outcome::Skipped => "skipped (an earlier step failed)".to_owned(),
        };
        println!(
            "  {:<14} {:>6.1}s  {verdict}",
            step.name,
            step.took.as_secs_f64()
        );
    }
    println!("  total          {:>6.1}s", total.as_secs_f64());
    let skipped = steps.len() - passed - failed;
    println!("checks: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 {
        anyhow::bail!("{failed} check(s) failed");
    }
    Ok(())
}
