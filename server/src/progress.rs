//! The move's progress on the command line: a bar on a terminal, a plain line now and then
//! otherwise (a log, a pipe).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use portal_server::nukeviet::Progress;

pub struct Bar {
    bar: Option<ProgressBar>,
    last_line: u64,
}

/// Without a terminal, a line every this many articles.
const LINE_EVERY: u64 = 1000;

impl Bar {
    pub fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "articles {bar:40} {pos}/{len} ({per_sec}, {eta} left)",
                )
                .expect("a valid template"),
            );
            bar
        });
        Self { bar, last_line: 0 }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn articles(&mut self, done: u64, total: u64) {
        match &self.bar {
            Some(bar) => {
                bar.set_length(total);
                bar.set_position(done);
            }
            None if done == total || done >= self.last_line + LINE_EVERY => {
                self.last_line = done;
                eprintln!("articles: {done} of {total}");
            }
            None => {}
        }
    }
}
