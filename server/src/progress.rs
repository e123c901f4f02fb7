//! A long command's progress on the command line: a bar on a terminal, a plain line now
//! and then otherwise (a log, a pipe).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use portal_server::operations::Progress;

pub struct Bar {
    /// What is counted: "articles", "files".
    noun: &'static str,
    bar: Option<ProgressBar>,
    last_line: u64,
}

/// Without a terminal, a line every this many steps.
const LINE_EVERY: u64 = 1000;

impl Bar {
    pub fn new(noun: &'static str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            let template = format!("{noun} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}} left)");
            bar.set_style(ProgressStyle::with_template(&template).expect("a valid template"));
            bar
        });
        Self {
            noun,
            bar,
            last_line: 0,
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn advance(&mut self, done: u64, total: u64) {
        match &self.bar {
            Some(bar) => {
                bar.set_length(total);
                bar.set_position(done);
            }
            None if done > self.last_line
                && (done == total || done >= self.last_line + LINE_EVERY) =>
            {
                self.last_line = done;
                eprintln!("{}: {done} of {total}", self.noun);
            }
            None => {}
        }
    }
}
