//! The citizens' release bundle, split by route. Trunk cannot split a wasm (the step
//! runs between cargo and wasm-bindgen), so this builds it: cargo (keeping relocations),
//! the split into the main module and a chunk per lazy page (`src/pages/lazy.rs`),
//! wasm-bindgen on the main module, wasm-opt on every module. Trunk then makes the page
//! shell (style sheets, copied files) from `index.html`, with the bundle's script tag in
//! place of the wasm it would build.
//!
//! Every file of a build goes into one folder named by a hash of the compiled wasm
//! (`app-0123456789abcdef/`): the main module loads its chunks relative to itself, and a
//! new build never mixes with the files of one a browser still runs.

use std::{
    fs,
    hash::{DefaultHasher, Hash, Hasher},
    ops::Range,
    path::{Path, PathBuf},
};

use anyhow::Context;

use crate::process::{command, root, run};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The chunks of each lazy function, as the server reads them (`web::pages::chunks`).
const MANIFEST: &str = "chunks.json";
/// A built bundle: its folder (in `target/`, until it is copied into the dist folder)
/// and the folder's name, which is also its address.
pub struct Bundle {
    pub dir: PathBuf,
    pub name: String,
}

impl Bundle {
    /// The tag that starts the app (see `public/boot.js`), as Trunk.toml's
    /// `pattern_script` writes it for the dev loop.
    pub fn script_tag(&self) -> String {
        let name = &self.name;
        format!(
            "<script type=\"module\" src=\"/boot.js\" data-app-js=\"/{name}/portal.js\" \
             data-app-wasm=\"/{name}/portal_bg.wasm\"></script>"
        )
    }
}

/// Builds the citizens' bundle with `features` into a fresh folder under `target/`,
/// optimized as `index_html` asks of its wasm.
pub fn build(features: &str, index_html: &str) -> anyhow::Result<Bundle> {
    let wasm_opt = wasm_opt_args(index_html)?;
    compile(features)?;
    let wasm_path = root().join(format!("target/{TARGET}/{PROFILE}/portal.wasm"));
    let wasm =
        fs::read(&wasm_path).with_context(|| format!("cannot read {}", wasm_path.display()))?;
    let name = format!("app-{:016x}", hash_of(&wasm));
    let work = root().join("target/portal-bundle");
    let dir = work.join(&name);
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&dir)?;
    let main = work.join("main.wasm");
    split(&wasm, &dir, &main)?;
    bindgen(&main, &dir)?;
    optimize_all(&dir, &wasm_opt)?;
    Ok(Bundle { dir, name })
}

/// The portal's wasm, linked keeping the relocations the split reads. Only the final link
/// is told (`cargo rustc`): the crates it uses build as every other wasm build does
/// (`.cargo/config.toml`), so they are shared with the newsroom's.
fn compile(features: &str) -> anyhow::Result<()> {
    run(command(
        "cargo",
        &[
            "rustc",
            "--package",
            "portal",
            "--bin",
            "portal",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
            "--features",
            features,
            "--",
            "-C",
            "link-args=--emit-relocs",
        ],
    ))
}

/// The compiled wasm split: the main module at `main` (for wasm-bindgen), the chunks and
/// the JS that loads them in `dir`.
fn split(wasm: &[u8], dir: &Path, main: &Path) -> anyhow::Result<()> {
    let mut options = wasm_split_cli_support::Options::new(wasm);
    options.output_dir = dir;
    options.main_out_path = main;
    options.main_module = "./portal.js";
    options.link_name = "./split.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|error| anyhow::anyhow!("splitting the wasm failed: {error:#}"))?;
    println!(
        "split the wasm: {} chunks for {} lazy pages",
        split.split_modules.len(),
        split.prefetch_map.len()
    );
    // Which files each lazy function needs, for the server to name a page's chunks.
    fs::write(dir.join(MANIFEST), serde_json::to_vec(&split.prefetch_map)?)?;
    Ok(())
}

fn bindgen(main: &Path, dir: &Path) -> anyhow::Result<()> {
    let (main, dir) = (main.to_string_lossy(), dir.to_string_lossy());
    run(command(
        "wasm-bindgen",
        &[
            &main,
            "--target",
            "web",
            "--no-typescript",
            // The chunks import the function table the linker exports.
            "--keep-lld-exports",
            "--out-name",
            "portal",
            "--out-dir",
            &dir,
        ],
    ))
}

/// wasm-opt with `options` on every module of the bundle, in place.
fn optimize_all(dir: &Path, options: &[String]) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "wasm") {
            let path = path.to_string_lossy();
            let mut args = vec![&*path, "-o", &*path];
            args.extend(options.iter().map(String::as_str));
            run(command("wasm-opt", &args))?;
        }
    }
    Ok(())
}

/// A hash of the compiled wasm, naming the bundle's folder (the same source and tools
/// build the same wasm, so an unchanged app keeps its address and browsers' copies).
fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Where Trunk's input for the release shell is written, and the way back from there to
/// the workspace root (Trunk reads the files a page names relative to the page).
pub const SHELL: &str = "target/portal-shell/index.html";
const SHELL_TO_ROOT: &str = "../../";

/// `index.html` for Trunk to make the release shell from (at `SHELL`): the wasm it would
/// build (`<link data-trunk rel="rust" …>`) replaced by `script_tag`, and the files it
/// names found from there.
pub fn release_shell(index_html: &str, script_tag: &str) -> anyhow::Result<String> {
    let link = rust_link(index_html)?;
    let shell = format!(
        "{}{script_tag}{}",
        &index_html[..link.start],
        &index_html[link.end..]
    );
    Ok(["css", "copy-file", "copy-dir"]
        .iter()
        .fold(shell, |shell, rel| {
            let named = format!("data-trunk rel=\"{rel}\" href=\"");
            shell.replace(&named, &format!("{named}{SHELL_TO_ROOT}"))
        }))
}

/// Where `index_html` has Trunk build its wasm (`<link data-trunk rel="rust" …>`).
fn rust_link(index_html: &str) -> anyhow::Result<Range<usize>> {
    let start = index_html
        .find("<link data-trunk rel=\"rust\"")
        .context("index.html has no <link data-trunk rel=\"rust\">")?;
    let end = start + index_html[start..].find('>').context("unclosed <link>")? + 1;
    Ok(start..end)
}

/// The wasm-opt options `index_html` gives its wasm (`data-wasm-opt`, the level, and
/// `data-wasm-opt-params`, the wasm features rustc uses), for every module of the bundle:
/// one list, which the dev loop's `trunk serve --release` uses too.
fn wasm_opt_args(index_html: &str) -> anyhow::Result<Vec<String>> {
    let link = &index_html[rust_link(index_html)?];
    let attribute = |name: &str| {
        let (_, value) = link.split_once(&format!(" {name}=\""))?;
        value.split_once('"').map(|(value, _)| value)
    };
    let level = attribute("data-wasm-opt").context("index.html's wasm has no data-wasm-opt")?;
    let params = attribute("data-wasm-opt-params").unwrap_or_default();
    Ok(std::iter::once(format!("-O{level}"))
        .chain(params.split_whitespace().map(str::to_owned))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<head>\n<link data-trunk rel=\"css\" href=\"style/a.css\">\n\
        <link data-trunk rel=\"copy-file\" href=\"public/boot.js\">\n\
        <link data-trunk rel=\"rust\" data-bin=\"portal\"\n      data-wasm-opt=\"z\">\n</head>";

    #[test]
    fn the_shell_starts_the_bundle_instead_of_building_a_wasm() {
        let shell = release_shell(INDEX, "<script></script>").unwrap();
        assert_eq!(
            shell,
            "<head>\n<link data-trunk rel=\"css\" href=\"../../style/a.css\">\n\
             <link data-trunk rel=\"copy-file\" href=\"../../public/boot.js\">\n\
             <script></script>\n</head>"
        );
    }

    #[test]
    fn the_bundle_is_optimized_as_the_page_asks() {
        let index = "<link data-trunk rel=\"rust\" data-wasm-opt=\"z\"\n \
                     data-wasm-opt-params=\"--enable-bulk-memory  --enable-sign-ext\">";
        assert_eq!(
            wasm_opt_args(index).unwrap(),
            ["-Oz", "--enable-bulk-memory", "--enable-sign-ext"]
        );
        assert_eq!(wasm_opt_args(INDEX).unwrap(), ["-Oz"]);
    }

    #[test]
    fn a_page_without_the_wasm_is_refused() {
        assert!(release_shell("<head></head>", "").is_err());
    }
}
