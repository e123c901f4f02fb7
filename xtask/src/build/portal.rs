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
    path::{Path, PathBuf},
};

use anyhow::Context;

use crate::process::{command, root, run};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The chunks of each lazy function, as the server reads them (`web::pages::chunks`).
const MANIFEST: &str = "chunks.json";
/// The features rustc 1.95's wasm uses, which wasm-opt must be told of.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

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

/// Builds the citizens' bundle with `features` into a fresh folder under `target/`.
pub fn build(features: &str) -> anyhow::Result<Bundle> {
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
    optimize_all(&dir)?;
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

/// wasm-opt for size on every module of the bundle, in place.
fn optimize_all(dir: &Path) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "wasm") {
            let path = path.to_string_lossy();
            let mut args = vec!["-Oz", &*path, "-o", &*path];
            args.extend(WASM_FEATURES);
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
    let start = index_html
        .find("<link data-trunk rel=\"rust\"")
        .context("index.html has no <link data-trunk rel=\"rust\">")?;
    let end = start + index_html[start..].find('>').context("unclosed <link>")? + 1;
    let shell = format!("{}{script_tag}{}", &index_html[..start], &index_html[end..]);
    Ok(["css", "copy-file", "copy-dir"]
        .iter()
        .fold(shell, |shell, rel| {
            let named = format!("data-trunk rel=\"{rel}\" href=\"");
            shell.replace(&named, &format!("{named}{SHELL_TO_ROOT}"))
        }))
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
    fn a_page_without_the_wasm_is_refused() {
        assert!(release_shell("<head></head>", "").is_err());
    }
}
