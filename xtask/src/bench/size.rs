//! What a first visit downloads, and what the wasm is made of.

use std::{collections::BTreeMap, fs, path::Path};

use serde::Serialize;

use crate::{
    build::{brotli_max, gzip_max},
    process::{command, output_of, root, run},
};

/// One file's size as stored and as the server sends it precompressed.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

#[derive(Debug, Serialize)]
pub struct FirstLoad {
    pub files: BTreeMap<String, Sizes>,
    pub total: Sizes,
}

/// What a first visit to an article downloads: the page as the server writes it
/// (compressed as the static files are), the files it links (JS, wasm, CSS) and the
/// modules that JS imports, with the sizes the server sends (the precompressed .br / .gz
/// beside each). The wasm chunks of other pages are not loaded.
pub fn first_load(dist: &Path, page: &str) -> anyhow::Result<FirstLoad> {
    let mut files = BTreeMap::new();
    let mut total = Sizes {
        raw: page.len() as u64,
        gzip: gzip_max(page.as_bytes())?.len() as u64,
        brotli: brotli_max(page.as_bytes())?.len() as u64,
    };
    files.insert("the written article page".to_owned(), total);
    let mut names = loaded_by(page, dist);
    let mut next = 0;
    while let Some(name) = names.get(next).cloned() {
        next += 1;
        if name.ends_with(".js") {
            let folder = name.rsplit_once('/').map_or("", |(folder, _)| folder);
            let script = fs::read_to_string(dist.join(&name))?;
            for imported in imported_by(&script, folder, dist) {
                if !names.contains(&imported) {
                    names.push(imported);
                }
            }
        }
    }
    for name in names {
        let size = |suffix: &str| {
            fs::metadata(dist.join(format!("{name}{suffix}"))).map_or(0, |m| m.len())
        };
        let sizes = Sizes {
            raw: size(""),
            gzip: size(".gz"),
            brotli: size(".br"),
        };
        total += sizes;
        files.insert(name, sizes);
    }
    Ok(FirstLoad { files, total })
}

/// The JS, wasm and CSS files of `dist` a page names (quoted site addresses).
fn loaded_by(page: &str, dist: &Path) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for piece in page.split(['"', '\'']) {
        let name = piece.trim_start_matches('/');
        let loaded = [".js", ".wasm", ".css"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if loaded
            && !name.contains("..")
            && dist.join(name).is_file()
            && !names.iter().any(|f| f == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

/// The modules a script imports by a relative address (`from "./split.js"`), as paths in
/// `dist` (the script is in `folder`).
fn imported_by(script: &str, folder: &str, dist: &Path) -> Vec<String> {
    script
        .split(['"', '\''])
        .filter_map(|piece| piece.strip_prefix("./"))
        .filter(|name| name.ends_with(".js") && !name.contains(".."))
        .map(|name| match folder {
            "" => name.to_owned(),
            folder => format!("{folder}/{name}"),
        })
        .filter(|name| dist.join(name).is_file())
        .collect()
}

/// What a bundle in `dir` downloads (its wasm, JS and CSS), as the server sends them.
pub fn bundle(dir: &Path) -> anyhow::Result<Sizes> {
    let mut total = Sizes::default();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let shipped = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css")
        );
        if shipped {
            let size = |suffix: &str| {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                fs::metadata(&name).map_or(0, |m| m.len())
            };
            total += Sizes {
                raw: size(""),
                gzip: size(".gz"),
                brotli: size(".br"),
            };
        }
    }
    Ok(total)
}

/// How many of the wasm's largest items the bench lists.
const WASM_TOP: usize = 15;

/// The wasm's largest items of code and data by size (twiggy, on the build before
/// wasm-opt, which keeps names), when twiggy is there or installs.
pub fn wasm_top_contributors() -> Vec<String> {
    if output_of("twiggy", &["--version"]).is_none()
        && run(command("cargo", &["install", "twiggy"])).is_err()
    {
        return vec!["(twiggy did not install)".into()];
    }
    let wasm = root().join("target/portal-bundle/main.wasm");
    let wasm = wasm.to_string_lossy();
    let rows = (WASM_TOP + 10).to_string();
    output_of("twiggy", &["top", "-n", &rows, &wasm])
        .map(|out| shipped_items(&out))
        .unwrap_or_default()
}

/// The header and the first `WASM_TOP` items of a twiggy table, without the names and
/// custom sections that wasm-opt strips from the shipped file (nor the totals, which
/// count them).
fn shipped_items(table: &str) -> Vec<String> {
    let mut lines = table.lines();
    let header: Vec<String> = lines.by_ref().take(2).map(str::to_owned).collect();
    let items = lines
        .filter(|line| !line.contains("subsection") && !line.contains("custom section"))
        .take_while(|line| !line.contains("... and ") && !line.contains('Σ'))
        .take(WASM_TOP)
        .map(str::to_owned);
    header.into_iter().chain(items).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_keeps_shipped_items_only() {
        let table = " Shallow Bytes │ Shallow % │ Item\n\
                     ───────────────┼───────────┼─────\n\
                     704709 ┊ 25.84% ┊ \"function names\" subsection\n\
                     645630 ┊ 23.68% ┊ custom section '__wasm_bindgen_unstable'\n\
                     53846 ┊ 1.97% ┊ data segment \".rodata\"\n\
                     13202 ┊ 0.48% ┊ portal_contract::sidebar::deserialize\n\
                     1224656 ┊ 44.91% ┊ ... and 11896 more.\n\
                     2726822 ┊ 100.00% ┊ Σ [11911 Total Rows]";
        let items = shipped_items(table);
        assert_eq!(items.len(), 4);
        assert!(items[2].contains(".rodata"));
        assert!(items[3].contains("sidebar"));
    }

    #[test]
    fn a_first_load_counts_what_the_page_and_its_scripts_load() {
        let dist = std::env::temp_dir().join(format!("first-load-{}", std::process::id()));
        fs::create_dir_all(dist.join("app-1")).unwrap();
        let files = [
            ("style.css", "a{}"),
            ("app-1/portal.js", "import * as s from \"./split.js\";"),
            (
                "app-1/split.js",
                "fetch(new URL(\"./search.wasm\", import.meta.url))",
            ),
            ("app-1/portal_bg.wasm", "wasm"),
            ("app-1/search.wasm", "a chunk of another page"),
        ];
        for (name, text) in files {
            fs::write(dist.join(name), text).unwrap();
        }
        let page = "<link href=\"/style.css\"><script data-app-js=\"/app-1/portal.js\" \
                    data-app-wasm=\"/app-1/portal_bg.wasm\">";
        let load = first_load(&dist, page).unwrap();
        fs::remove_dir_all(&dist).unwrap();
        let names: Vec<_> = load.files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "app-1/portal.js",
                "app-1/portal_bg.wasm",
                "app-1/split.js",
                "style.css",
                "the written article page"
            ]
        );
        let loaded: usize = files[..4].iter().map(|(_, text)| text.len()).sum();
        assert_eq!(load.total.raw, (page.len() + loaded) as u64);
    }
}
