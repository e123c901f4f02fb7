//! Running commands from the workspace root, with the npm tools on PATH.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, bail};

/// The workspace root (where the top-level Cargo.toml is).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// PATH with `node_modules/.bin` first, so Trunk finds the npm `wasm-opt`.
pub fn path_with_npm_tools() -> OsString {
    let mut dirs = vec![root().join("node_modules/.bin")];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// A command that runs in the workspace root with the npm tools on PATH.
pub fn command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(root())
        .env("PATH", path_with_npm_tools());
    command
}

/// Runs `command`, failing with its command line when it exits non-zero.
pub fn run(mut command: Command) -> anyhow::Result<()> {
    let line = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    println!("$ {line}");
    let status = command
        .status()
        .with_context(|| format!("cannot start {line}"))?;
    if !status.success() {
        bail!("{line} failed ({status})");
    }
    Ok(())
}

/// The standard output of a command, or `None` when it cannot run or fails.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .env("PATH", path_with_npm_tools())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn server_binary() -> PathBuf {
    root().join("target/release/portal-server")
}

/// Runs the release server in the foreground (serving dist/) until it stops.
pub fn exec_server(args: &[String]) -> anyhow::Result<()> {
    let mut command = Command::new(server_binary());
    command
        .args(args)
        .current_dir(root())
        .env("PORTAL_STATIC_DIR", root().join("dist"));
    run(command)
}
