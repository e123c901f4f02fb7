//! `cargo xtask package` builds the Debian package (cargo-deb, from the release builds),
//! and the test command's check of it: installed with `dpkg -i`, its server started the
//! way its systemd unit starts it (the unit's `ExecStart`, as the unit's user, with the
//! unit's environment file), asked for the portal, refused the demo account, stopped with
//! SIGTERM, and the package purged.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    process::{Child, Command},
    time::{Duration, Instant},
};

use anyhow::{Context, bail, ensure};

use crate::{
    process::{command, output_of, root, run},
    server, toolchain,
};

const PACKAGE: &str = "khuyen-cong-portal";
const CARGO_DEB_VERSION: &str = "3.8.0";
/// The demo account's published password (README), which a packaged server must refuse.
const DEMO_SIGN_IN: &str = r#"{"username":"demo","password":"khuyencong-demo"}"#;

/// Builds the package from the release builds in `dist/` and `target/release/`; its path.
pub fn build() -> anyhow::Result<PathBuf> {
    if !output_of("cargo", &["deb", "--version"]).is_some_and(|v| v.contains(CARGO_DEB_VERSION)) {
        run(command(
            "cargo",
            &[
                "install",
                "--locked",
                "cargo-deb",
                "--version",
                CARGO_DEB_VERSION,
            ],
        ))?;
    }
    let deb = root().join("target/debian").join(format!("{PACKAGE}.deb"));
    let mut package = command(
        "cargo",
        &["deb", "--package", "portal-server", "--no-build"],
    );
    package.arg("--output").arg(&deb);
    run(package)?;
    Ok(deb)
}

/// Builds, installs, runs as its unit does, and purges the package.
pub fn check() -> anyhow::Result<()> {
    ensure!(
        toolchain::is_root(),
        "the package's check installs it with dpkg: run the tests as root"
    );
    ensure!(
        !is_installed(),
        "{PACKAGE} is installed on this machine, and the check would replace it: \
         remove it first (dpkg --purge {PACKAGE})"
    );
    let deb = build()?;
    let _installed = Installed::install(&deb)?;
    let unit = Unit::read(&installed_unit()?)?;
    if Path::new("/usr/bin/systemd-analyze").exists() {
        run(command("systemd-analyze", &["verify", &unit.path]))?;
    }
    let port = free_port()?;
    let mut serving = KillOnDrop(unit.start(port)?);
    server::wait_until_up(port).context("the packaged server did not start")?;
    check_serving(port)?;
    let status = stop(&mut serving.0)?;
    ensure!(
        status.success(),
        "the packaged server ended {status} on SIGTERM"
    );
    Ok(())
}

fn check_serving(port: u16) -> anyhow::Result<()> {
    let (status, _, page) = server::exchange(port, "GET", "/", None).context("no answer")?;
    ensure!(
        status == 200 && page.contains("lang=\"vi\""),
        "the packaged server did not serve the portal's page: {status}"
    );
    let (status, _, _) = server::exchange(port, "GET", "/readyz", None).context("no answer")?;
    ensure!(status == 200, "the packaged server is not ready: {status}");
    let (status, _, body) = server::exchange(port, "POST", "/api/session", Some(DEMO_SIGN_IN))
        .context("no answer to the sign-in")?;
    ensure!(
        status == 401 && body.contains("wrong-credentials"),
        "the packaged server did not refuse the demo account: {status} {body}"
    );
    Ok(())
}

fn is_installed() -> bool {
    output_of("dpkg-query", &["-W", "-f=${Status}", PACKAGE])
        .is_some_and(|status| status.contains("installed") && !status.contains("not-installed"))
}

/// The package, installed until dropped (then purged, with the backups its server took).
struct Installed {
    backups_were_there: bool,
}

const BACKUPS: &str = "/var/backups/khuyen-cong-portal";

impl Installed {
    fn install(deb: &Path) -> anyhow::Result<Self> {
        let backups_were_there = Path::new(BACKUPS).exists();
        let mut install = command("dpkg", &["-i"]);
        install.arg(deb);
        run(install)?;
        Ok(Self { backups_were_there })
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        let purged = run(command("dpkg", &["--purge", PACKAGE]));
        if let Err(error) = purged {
            eprintln!("cannot purge {PACKAGE}: {error:#}");
        }
        if !self.backups_were_there {
            let _ = fs::remove_dir_all(BACKUPS);
        }
    }
}

fn installed_unit() -> anyhow::Result<PathBuf> {
    let files = output_of("dpkg", &["-L", PACKAGE]).context("dpkg -L")?;
    files
        .lines()
        .find(|line| line.ends_with(&format!("{PACKAGE}.service")))
        .map(PathBuf::from)
        .context("the package installs no systemd unit")
}

/// What a systemd unit says of how its service runs.
struct Unit {
    path: String,
    user: String,
    environment_file: String,
    exec_start: Vec<String>,
    working_directory: String,
}

impl Unit {
    fn read(path: &Path) -> anyhow::Result<Self> {
        let text =
            fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let keys = unit_keys(&text);
        let key = |name: &str| {
            keys.get(name)
                .cloned()
                .with_context(|| format!("the unit sets no {name}"))
        };
        Ok(Self {
            path: path.display().to_string(),
            user: key("User")?,
            environment_file: key("EnvironmentFile")?,
            exec_start: key("ExecStart")?
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            working_directory: key("WorkingDirectory")?,
        })
    }

    /// Starts the service as systemd would, but on `port` (as a drop-in would set it).
    fn start(&self, port: u16) -> anyhow::Result<Child> {
        let settings = fs::read_to_string(&self.environment_file)
            .with_context(|| format!("cannot read {}", self.environment_file))?;
        // setpriv, unlike runuser, execs the server itself: SIGTERM reaches it, as systemd's.
        let mut start = Command::new("setpriv");
        start
            .arg(format!("--reuid={}", self.user))
            .arg(format!("--regid={}", self.user))
            .args(["--init-groups", "--", "env", "-i"])
            .arg("PATH=/usr/local/bin:/usr/bin:/bin")
            .args(
                environment(&settings)
                    .iter()
                    .map(|(k, v)| format!("{k}={v}")),
            )
            .arg(format!("PORTAL_PORT={port}"))
            .args(&self.exec_start)
            .current_dir(&self.working_directory);
        start.spawn().context("cannot start the packaged server")
    }
}

/// The `Key=value` lines of a unit (the last of a repeated key).
fn unit_keys(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with(['#', ';', '[']))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

/// The variables of an environment file (`NAME=value` lines; `#` comments).
fn environment(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// SIGTERM, as `systemctl stop` sends; how the process ended.
fn stop(child: &mut Child) -> anyhow::Result<std::process::ExitStatus> {
    run(command("kill", &["-TERM", &child.id().to_string()]))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("the packaged server did not stop within 30 s of SIGTERM")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_read_by_its_keys() {
        let keys = unit_keys(
            "[Service]\n# a comment\nUser=portal\nExecStart=/usr/bin/portal-server serve\n\
             SystemCallFilter=@system-service\nSystemCallFilter=~@privileged\n",
        );
        assert_eq!(keys["User"], "portal");
        assert_eq!(keys["ExecStart"], "/usr/bin/portal-server serve");
        assert_eq!(keys["SystemCallFilter"], "~@privileged");
    }

    #[test]
    fn an_environment_file_is_read_without_its_comments() {
        let variables = environment("# settings\n\nPORTAL_PORT=3000\n#PORTAL_PUBLIC_URL=x\n");
        assert_eq!(variables, [("PORTAL_PORT".to_owned(), "3000".to_owned())]);
    }
}
