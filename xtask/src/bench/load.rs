//! HTTP load from `wrk` on loopback, and the API answers the bench checks it against.

use std::process::{Command, Output, Stdio};

use anyhow::Context;
use portal_contract::{Article, ArticleList, Poll};
use serde::Serialize;

use crate::{process::root, server::http_get};

pub const LOAD_SECONDS: u32 = 10;
pub const CONNECTIONS: u32 = 64;

/// What one wrk run measured.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct WrkFigures {
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub requests: u64,
    /// 2xx and 3xx answers.
    pub ok: u64,
    /// Other answers and socket errors.
    pub errors: u64,
    /// With the votes script: the votes accepted (201) among the `ok` answers.
    pub votes_accepted: Option<u64>,
}

/// The seed article's id: the article every load row reads or rates.
pub fn seed_article_id(port: u16) -> anyhow::Result<i64> {
    let body = http_get(port, "/api/articles?per_page=50").context("no article list")?;
    let list: ArticleList = serde_json::from_str(&body)?;
    let seed = list
        .items
        .iter()
        .find(|a| a.slug == "chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong")
        .context("the seed article is missing")?;
    Ok(seed.id)
}

/// How many ratings the article at `article` (an API path) has stored.
pub fn stored_ratings(port: u16, article: &str) -> anyhow::Result<u64> {
    let body = http_get(port, article).context("no article")?;
    let article: Article = serde_json::from_str(&body)?;
    Ok(article.rating.count)
}

/// Votes POSTed to `path`, each by a new reader from a network of its own
/// (`tests/bench/votes.lua`, with its environment `env`).
pub fn votes<'a>(path: &'a str, connections: u32, env: &'a [(&'a str, String)]) -> Load<'a> {
    Load {
        path,
        connections,
        extra: &[],
        script: Some(("tests/bench/votes.lua", env)),
    }
}

/// The poll the ballot loads vote in: the featured one, which takes one ballot a reader.
pub struct FeaturedPoll {
    id: i64,
    votes_path: String,
    /// The votes script's `CHOICES`: the options' ids, comma-separated.
    env: [(&'static str, String); 1],
}

impl FeaturedPoll {
    pub fn of(port: u16) -> anyhow::Result<Self> {
        let polls: Vec<Poll> =
            serde_json::from_str(&http_get(port, "/api/polls").context("no polls")?)?;
        let poll = polls
            .into_iter()
            .find(|p| p.featured)
            .context("no featured poll")?;
        let choices: Vec<String> = poll.options.iter().map(|o| o.id.to_string()).collect();
        Ok(Self {
            id: poll.id,
            votes_path: format!("/api/polls/{}/votes", poll.id),
            env: [("CHOICES", choices.join(","))],
        })
    }

    /// Ballots of one option each, by distinct readers.
    pub fn votes_load(&self, connections: u32) -> Load<'_> {
        votes(&self.votes_path, connections, &self.env)
    }

    /// How many ballots the poll has stored (one option each).
    pub fn stored_ballots(&self, port: u16) -> anyhow::Result<u64> {
        let path = format!("/api/polls/{}", self.id);
        let poll: Poll = serde_json::from_str(&http_get(port, &path).context("no poll")?)?;
        Ok(poll.total_votes)
    }
}

/// One wrk run: `connections` connections for LOAD_SECONDS on loopback against `path`,
/// with extra arguments (headers) and a Lua script with its environment.
pub struct Load<'a> {
    pub path: &'a str,
    pub connections: u32,
    pub extra: &'a [&'a str],
    pub script: Option<(&'a str, &'a [(&'a str, String)])>,
}

impl<'a> Load<'a> {
    /// GETs of `path` by one reader (its `Cookie:` header in `extra`).
    pub fn reads(path: &'a str, extra: &'a [&'a str]) -> Self {
        Self {
            path,
            connections: CONNECTIONS,
            extra,
            script: None,
        }
    }

    fn command(&self, port: u16) -> Command {
        let mut wrk = Command::new("wrk");
        wrk.args(["-t2", "-c", &self.connections.to_string()])
            .args(["-d", &format!("{LOAD_SECONDS}s"), "--latency"])
            .args(["--timeout", "5s"])
            .args(self.extra)
            .current_dir(root());
        if let Some((script, env)) = self.script {
            wrk.args(["-s", script])
                .envs(env.iter().map(|(name, value)| (name, value)));
        }
        wrk.arg(format!("http://127.0.0.1:{port}{}", self.path));
        wrk
    }

    pub fn run(&self, port: u16) -> anyhow::Result<WrkFigures> {
        figures(self.command(port).output().context("cannot run wrk")?)
    }

    /// Runs this load on `port` while `background` runs beside it on `background_port`;
    /// both figures.
    pub fn run_beside(
        &self,
        port: u16,
        background: &Load<'_>,
        background_port: u16,
    ) -> anyhow::Result<(WrkFigures, WrkFigures)> {
        let other = background
            .command(background_port)
            .stdout(Stdio::piped())
            .spawn()
            .context("cannot run wrk")?;
        let this = self.run(port)?;
        Ok((this, figures(other.wait_with_output()?)?))
    }
}

fn figures(output: Output) -> anyhow::Result<WrkFigures> {
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    parse_wrk(&text).with_context(|| format!("unexpected wrk output:\n{text}"))
}

/// Milliseconds from a wrk duration such as `812.00us`, `2.50ms` or `1.20s`.
fn millis(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => value / 1000.0,
        "ms" => value,
        "s" => value * 1000.0,
        "m" => value * 60_000.0,
        _ => return None,
    })
}

fn parse_wrk(text: &str) -> Option<WrkFigures> {
    let field = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(prefix).map(str::trim))
    };
    let requests: f64 = text
        .lines()
        .find_map(|line| line.trim().split_once(" requests in "))?
        .0
        .trim()
        .parse()
        .ok()?;
    let non_2xx: f64 = field("Non-2xx or 3xx responses:").map_or(Some(0.0), |n| n.parse().ok())?;
    let socket_errors: f64 = field("Socket errors:").map_or(0.0, |errors| {
        errors
            .split(',')
            .filter_map(|part| part.split_whitespace().last()?.parse::<f64>().ok())
            .sum()
    });
    Some(WrkFigures {
        requests_per_s: field("Requests/sec:")?.parse::<f64>().ok()?,
        p50_ms: millis(field("50%")?)?,
        p99_ms: millis(field("99%")?)?,
        requests: requests as u64,
        ok: (requests - non_2xx) as u64,
        errors: (non_2xx + socket_errors) as u64,
        votes_accepted: field("votes accepted:").and_then(|n| n.parse().ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Running 10s test @ http://127.0.0.1:3000/api/sidebar
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.03ms    1.20ms  40.00ms   90.00%
    Req/Sec    10.50k   500.00    12.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    3.50ms
     90%    4.50ms
     99%    9.10ms
  209876 requests in 10.00s, 500.00MB read
  Non-2xx or 3xx responses: 12
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:  20987.60
Transfer/sec:     50.00MB
votes accepted: 104000
votes refused: 0
";

    #[test]
    fn reads_wrk_figures() {
        let figures = parse_wrk(SAMPLE).unwrap();
        assert_eq!(figures.requests_per_s, 20987.6);
        assert_eq!(figures.p50_ms, 0.812);
        assert_eq!(figures.p99_ms, 9.1);
        assert_eq!(figures.ok, 209864);
        assert_eq!(figures.errors, 15);
        assert_eq!(figures.votes_accepted, Some(104000));
    }

    #[test]
    fn reads_durations() {
        assert_eq!(millis("2.50ms"), Some(2.5));
        assert_eq!(millis("1.20s"), Some(1200.0));
        assert_eq!(millis("500.00us"), Some(0.5));
        assert_eq!(millis("fast"), None);
    }
}
