//! Which wasm chunks of the citizens' bundle a written page needs: the build names the
//! files of each lazy page (`chunks.json` in the bundle's folder, by the name of its split
//! function: `search_page_<hash>`), and a page names its own in its app element, for the
//! browser to fetch beside the main module instead of after it (`public/boot.js`).

use std::{collections::HashMap, path::Path};

/// The chunk files of every lazy page, by page name (`search_page`), as addresses.
#[derive(Debug, Default)]
pub struct Chunks {
    by_page: HashMap<String, Vec<String>>,
}

/// The bundle's entry in the built `index.html`, which names its folder.
const APP_JS: &str = "data-app-js=\"/";

impl Chunks {
    /// The chunks of the bundle the built `index_html` (in `static_dir`) starts; none
    /// when it names no split bundle (the dev loop's, or no build at all).
    pub fn load(static_dir: &Path, index_html: &str) -> Self {
        let folder = index_html
            .split_once(APP_JS)
            .and_then(|(_, rest)| rest.split_once('/'))
            .map(|(folder, _)| folder);
        let manifest = folder.and_then(|folder| {
            let text = std::fs::read_to_string(static_dir.join(folder).join("chunks.json")).ok()?;
            Some((folder, serde_json::from_str(&text).ok()?))
        });
        match manifest {
            Some((folder, manifest)) => Self::from_manifest(folder, manifest),
            None => Self::default(),
        }
    }

    /// `manifest` maps a split function (`search_page_1234`) to its files' names.
    fn from_manifest(folder: &str, manifest: HashMap<String, Vec<String>>) -> Self {
        let by_page = manifest
            .into_iter()
            .filter_map(|(function, files)| {
                let (page, hash) = function.rsplit_once('_')?;
                hash.bytes().all(|b| b.is_ascii_digit()).then(|| {
                    let files = files
                        .iter()
                        .map(|file| format!("/{folder}/{file}.wasm"))
                        .collect();
                    (page.to_owned(), files)
                })
            })
            .collect();
        Self { by_page }
    }

    /// The attribute naming the chunks of `pages` (` data-app-chunks="…"`), or nothing.
    pub fn attribute(&self, pages: &[&str]) -> String {
        let mut files: Vec<&str> = Vec::new();
        for file in pages
            .iter()
            .filter_map(|page| self.by_page.get(*page))
            .flatten()
        {
            if !files.contains(&file.as_str()) {
                files.push(file);
            }
        }
        if files.is_empty() {
            return String::new();
        }
        format!(" data-app-chunks=\"{}\"", files.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks() -> Chunks {
        let manifest = HashMap::from([
            (
                "search_page_123".to_owned(),
                vec!["chunk_9".to_owned(), "split_search_page_123".to_owned()],
            ),
            (
                "polls_page_123".to_owned(),
                vec!["chunk_9".to_owned(), "split_polls_page_123".to_owned()],
            ),
        ]);
        Chunks::from_manifest("app-0123456789abcdef", manifest)
    }

    #[test]
    fn a_page_names_its_chunks_once_each() {
        assert_eq!(
            chunks().attribute(&["search_page", "polls_page"]),
            " data-app-chunks=\"/app-0123456789abcdef/chunk_9.wasm \
             /app-0123456789abcdef/split_search_page_123.wasm \
             /app-0123456789abcdef/split_polls_page_123.wasm\""
        );
    }

    #[test]
    fn a_page_of_the_main_module_names_none() {
        assert_eq!(chunks().attribute(&[]), "");
        assert_eq!(chunks().attribute(&["article_page"]), "");
    }

    #[test]
    fn the_folder_is_read_from_the_built_page() {
        let dir = std::env::temp_dir().join(format!("chunks-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("app-1")).unwrap();
        std::fs::write(
            dir.join("app-1/chunks.json"),
            r#"{"tag_page_77": ["split_tag_page_77"]}"#,
        )
        .unwrap();
        let index = r#"<script src="/boot.js" data-app-js="/app-1/portal.js"></script>"#;
        let chunks = Chunks::load(&dir, index);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            chunks.attribute(&["tag_page"]),
            " data-app-chunks=\"/app-1/split_tag_page_77.wasm\""
        );
        assert_eq!(
            Chunks::load(&dir, "<html></html>").attribute(&["tag_page"]),
            ""
        );
    }
}
