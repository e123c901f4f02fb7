//! A MariaDB server of the test run's own, for the NukeViet move's tests (NukeViet runs on
//! MySQL or MariaDB): Debian's packages (installed when missing), a new data folder in a
//! temporary folder, a free loopback port, stopped and removed when dropped.

use std::{
    fs,
    io::Write,
    path::PathBuf,
    process::{Child, Command, Stdio},
    thread,
    time::{Duration, Instant},
};

use anyhow::{Context, bail};

use crate::{
    process::run,
    server::free_port,
    toolchain::{self, is_root},
};

/// The account the tests connect as; it may create databases (one per test).
const USER: &str = "portal";
const PASSWORD: &str = "portal-test";

pub struct Mariadb {
    dir: PathBuf,
    port: u16,
    server: Child,
}

impl Mariadb {
    /// Installs MariaDB if missing, then makes and starts a new server.
    pub fn start() -> anyhow::Result<Self> {
        toolchain::ensure_mariadb()?;
        let port = free_port()?;
        let dir =
            std::env::temp_dir().join(format!("portal-mariadb-{}-{port}", std::process::id()));
        let data = dir.join("data");
        fs::create_dir_all(&data)?;
        let mut install = Command::new("mariadb-install-db");
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
            .args(user_arg())
            .stdout(Stdio::null());
        run(install)?;
        let log = fs::File::create(dir.join("server.log"))?;
        let server = Command::new("/usr/sbin/mariadbd")
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", dir.join("sock").display()))
            .arg(format!("--port={port}"))
            .args([
                "--bind-address=127.0.0.1",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=0",
            ])
            .args(user_arg())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("cannot start mariadbd")?;
        let mariadb = Self { dir, port, server };
        mariadb.wait_until_ready()?;
        mariadb.sql(&format!(
            "CREATE USER '{USER}'@'127.0.0.1' IDENTIFIED BY '{PASSWORD}';
             GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'127.0.0.1';"
        ))?;
        Ok(mariadb)
    }

    /// The server's address, without a database: `mysql://user:password@127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("mysql://{USER}:{PASSWORD}@127.0.0.1:{}", self.port)
    }

    /// Creates database `name` and runs `sql` in it; its address.
    pub fn create_database(&self, name: &str, sql: &str) -> anyhow::Result<String> {
        self.sql(&format!("CREATE DATABASE {name} CHARACTER SET utf8mb4"))?;
        let mut client = Command::new("mariadb")
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.dir.join("sock").display()))
            .args(["-uroot", name])
            .stdin(Stdio::piped())
            .spawn()
            .context("cannot start the mariadb client")?;
        client
            .stdin
            .take()
            .context("the client's input")?
            .write_all(sql.as_bytes())?;
        let status = client.wait()?;
        if !status.success() {
            bail!("the SQL for database {name} failed ({status})");
        }
        Ok(format!("{}/{name}", self.url()))
    }

    /// Runs `sql` as root through the server's socket.
    fn sql(&self, sql: &str) -> anyhow::Result<()> {
        let mut client = Command::new("mariadb");
        client
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.dir.join("sock").display()))
            .args(["-uroot", "-e", sql]);
        run(client)
    }

    fn wait_until_ready(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let probe = Command::new("mariadb")
                .arg("--no-defaults")
                .arg(format!("--socket={}", self.dir.join("sock").display()))
                .args(["-uroot", "-e", "SELECT 1"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if probe.is_ok_and(|status| status.success()) {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "MariaDB did not start within 30 s: see {}",
            self.dir.join("server.log").display()
        )
    }
}

/// MariaDB runs as root only when told to.
fn user_arg() -> Option<&'static str> {
    is_root().then_some("--user=root")
}

impl Drop for Mariadb {
    fn drop(&mut self) {
        let _ = self.sql("SHUTDOWN");
        let _ = self.server.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}
