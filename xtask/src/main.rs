//! `cargo xtask <command>`: everything a developer or CI runs, from a fresh machine on.

mod bench;
mod build;
mod checks;
mod e2e;
mod mariadb;
mod openapi;
mod package;
mod postgres;
mod process;
mod server;
mod toolchain;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Set-up, serve and test the portal")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build the SPA in release and run the portal on
    /// http://127.0.0.1:3000 (arguments after `--` go to the server).
    Serve {
        #[arg(last = true)]
        server_args: Vec<String>,
    },
    /// Install what is missing, then run every check: formatting, lints, native tests,
    /// the release build and the browser suite. Exits non-zero on any failure.
    Test,
    /// Only install what is missing (toolchain, npm packages, Chromium).
    Setup,
    /// Measure first-load size, time to article text, navigation, API load and memory
    /// against their budgets (a table, and target/bench/bench.json).
    Bench {
        /// Only search: the corpus, the large archive, and the corpus on PostgreSQL (a
        /// table, and target/bench/search.json).
        #[arg(long)]
        search: bool,
    },
    /// Build the Debian package (target/debian/khuyen-cong-portal.deb) from release
    /// builds of the portal and the server.
    Package,
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve { server_args } => {
            toolchain::ensure_build_tools()?;
            build::spa()?;
            build::server()?;
            process::exec_server(&server_args)
        }
        Command::Test => checks::run_checks(),
        Command::Bench { search } => bench::run_bench(search),
        Command::Package => {
            toolchain::ensure_build_tools()?;
            build::spa()?;
            build::server()?;
            let deb = package::build()?;
            println!("{}", deb.display());
            Ok(())
        }
        Command::Setup => {
            toolchain::ensure_build_tools()?;
            toolchain::ensure_browser()
        }
    }
}
