//! The editor of an article's body: Quill (BSD-3-Clause, from npm; `newsroom.html` loads
//! its script, so only the newsroom pays for it). Staff write paragraphs, headings,
//! bold and italic text, lists, links, quotes, tables and pictures (uploaded as they are
//! put in); the editor hands back HTML, which the server sanitizes on every save.

use leptos::{html, prelude::*, task::spawn_local};
use wasm_bindgen::{JsCast, JsValue, closure::Closure, prelude::wasm_bindgen};

use super::api;
use crate::loading::refusal_message;

#[wasm_bindgen]
extern "C" {
    /// `window.Quill`, from the editor's script.
    #[derive(Clone)]
    type Quill;

    #[wasm_bindgen(constructor)]
    fn new(container: &web_sys::HtmlElement, options: &JsValue) -> Quill;

    #[wasm_bindgen(method, getter)]
    fn root(this: &Quill) -> web_sys::HtmlElement;

    #[wasm_bindgen(method, getter)]
    fn clipboard(this: &Quill) -> QuillClipboard;

    #[wasm_bindgen(method, js_name = getSemanticHTML)]
    fn semantic_html(this: &Quill) -> String;

    #[wasm_bindgen(method, js_name = setContents)]
    fn set_contents(this: &Quill, delta: &JsValue, source: &str);

    #[wasm_bindgen(method, js_name = getModule)]
    fn module(this: &Quill, name: &str) -> JsValue;

    /// The selection, focusing the editor first; `{ index, length }`.
    #[wasm_bindgen(method, js_name = getSelection)]
    fn selection(this: &Quill, focus: bool) -> JsValue;

    #[wasm_bindgen(method, js_name = insertEmbed)]
    fn insert_embed(this: &Quill, index: f64, kind: &str, value: &str, source: &str);

    #[wasm_bindgen(method, js_name = formatText)]
    fn format_text(this: &Quill, index: f64, length: f64, format: &str, value: &str, source: &str);

    #[wasm_bindgen(method)]
    fn on(this: &Quill, event: &str, handler: &js_sys::Function);

    type QuillClipboard;

    #[wasm_bindgen(method)]
    fn convert(this: &QuillClipboard, content: &JsValue) -> JsValue;

    type TableModule;

    #[wasm_bindgen(method, js_name = insertTable)]
    fn insert_table(this: &TableModule, rows: u32, columns: u32);
}

/// The toolbar, in Quill's terms: one group a line.
const TOOLBAR: &str = r#"[
    [{"header": 2}, {"header": 3}],
    ["bold", "italic"],
    [{"list": "ordered"}, {"list": "bullet"}],
    ["link", "blockquote", "image", "table"],
    ["clean"]
]"#;

/// Each toolbar button's Vietnamese name: its class and, for buttons that share one, its
/// value.
const BUTTON_NAMES: [(&str, &str, &str); 11] = [
    ("ql-header", "2", "Tiêu đề mục"),
    ("ql-header", "3", "Tiêu đề nhỏ"),
    ("ql-bold", "", "Chữ đậm"),
    ("ql-italic", "", "Chữ nghiêng"),
    ("ql-list", "ordered", "Danh sách đánh số"),
    ("ql-list", "bullet", "Danh sách gạch đầu dòng"),
    ("ql-link", "", "Chèn liên kết"),
    ("ql-blockquote", "", "Trích dẫn"),
    ("ql-image", "", "Chèn ảnh"),
    ("ql-table", "", "Chèn bảng"),
    ("ql-clean", "", "Xóa định dạng"),
];

/// A mounted editor, which the page asks for its HTML or gives new HTML to show.
#[derive(Clone)]
pub struct RichText {
    quill: Quill,
}

impl RichText {
    /// The body as HTML. Quill 2.0.3 writes every space as `&nbsp;` here; the article
    /// wants ordinary spaces (lines must wrap, search must split words).
    pub fn html(&self) -> String {
        self.quill.semantic_html().replace("&nbsp;", " ")
    }

    /// Shows `html` in place of the body, as content of the page's (not a change by the
    /// editor: no change event).
    pub fn set_html(&self, html: &str) {
        let content = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&content, &"html".into(), &html.into());
        let delta = self.quill.clipboard().convert(&content);
        self.quill.set_contents(&delta, "silent");
    }
}

fn options() -> JsValue {
    let toolbar = js_sys::Object::new();
    let container = js_sys::JSON::parse(TOOLBAR).expect("the toolbar is JSON");
    let _ = js_sys::Reflect::set(&toolbar, &"container".into(), &container);
    let modules = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&modules, &"toolbar".into(), &toolbar);
    let _ = js_sys::Reflect::set(&modules, &"table".into(), &JsValue::TRUE);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"theme".into(), &"snow".into());
    let _ = js_sys::Reflect::set(&options, &"modules".into(), &modules);
    options.into()
}

/// Names the toolbar, its buttons and the link box in Vietnamese, and makes the editing
/// area a labelled multi-line text box for screen readers.
fn name_the_parts(quill: &Quill, frame: &web_sys::Element, labelled_by: &str) {
    let root = quill.root();
    let _ = root.set_attribute("role", "textbox");
    let _ = root.set_attribute("aria-multiline", "true");
    let _ = root.set_attribute("aria-labelledby", labelled_by);
    if let Ok(Some(toolbar)) = frame.query_selector(".ql-toolbar") {
        let _ = toolbar.set_attribute("role", "toolbar");
        let _ = toolbar.set_attribute("aria-label", "Định dạng nội dung");
    }
    for (class, value, name) in BUTTON_NAMES {
        let selector = match value {
            "" => format!("button.{class}"),
            value => format!("button.{class}[value=\"{value}\"]"),
        };
        if let Ok(Some(button)) = frame.query_selector(&selector) {
            let _ = button.set_attribute("aria-label", name);
            let _ = button.set_attribute("title", name);
            if class == "ql-table" {
                button.set_text_content(Some("Bảng"));
            }
        }
    }
    if let Ok(Some(input)) = frame.query_selector(".ql-tooltip input") {
        let _ = input.set_attribute("aria-label", "Địa chỉ liên kết");
    }
}

/// The picture's text for readers who cannot see it, asked of the editor (the file's name
/// without its extension, unless they write one).
fn describe(name: &str) -> String {
    let base = name.rsplit_once('.').map_or(name, |(base, _)| base);
    window()
        .prompt_with_message_and_default(
            "Mô tả ngắn nội dung ảnh (cho người đọc không nhìn thấy ảnh):",
            base,
        )
        .ok()
        .flatten()
        .unwrap_or_else(|| base.to_owned())
}

/// Asks for a picture file, uploads it, and puts it in the body where the caret is; a
/// refusal goes to `on_refused`.
fn insert_picture(quill: Quill, on_refused: Callback<String>) {
    let Ok(input) = document().create_element("input") else {
        return;
    };
    let _ = input.set_attribute("type", "file");
    let _ = input.set_attribute("accept", "image/jpeg,image/png,image/webp");
    let chosen = input.clone();
    let upload = Closure::<dyn Fn()>::new(move || {
        let file = chosen
            .dyn_ref::<web_sys::HtmlInputElement>()
            .and_then(|input| input.files()?.get(0));
        let (Some(file), quill) = (file, quill.clone()) else {
            return;
        };
        spawn_local(async move {
            match api::upload(&file).await {
                Ok(uploaded) if uploaded.picture => {
                    let index = js_sys::Reflect::get(&quill.selection(true), &"index".into())
                        .ok()
                        .and_then(|index| index.as_f64())
                        .unwrap_or(0.0);
                    quill.insert_embed(index, "image", &uploaded.url, "user");
                    quill.format_text(index, 1.0, "alt", &describe(&uploaded.name), "user");
                }
                Ok(_) => {
                    on_refused.run("Chỉ chèn được ảnh (JPEG, PNG, WebP) vào nội dung.".to_owned())
                }
                Err(error) => on_refused.run(refusal_message(&error, "ảnh")),
            }
        });
    })
    .into_js_value();
    let _ = input.add_event_listener_with_callback("change", upload.unchecked_ref());
    if let Some(input) = input.dyn_ref::<web_sys::HtmlElement>() {
        input.click();
    }
}

/// The editor, starting from `initial`; `on_change` gets the body's HTML after each change
/// the editor makes, `ready` the mounted editor, and `on_refused` why a picture could not
/// be put in the body.
#[component]
pub fn RichTextEditor(
    /// The id of the label that names the editor.
    labelled_by: &'static str,
    initial: String,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] ready: Callback<RichText>,
    #[prop(into)] on_refused: Callback<String>,
) -> impl IntoView {
    let area = NodeRef::<html::Div>::new();
    // Once, when the area is in the page: a second Quill on it would add a second toolbar.
    area.on_load(move |area| {
        let Some(frame) = area.parent_element() else {
            return;
        };
        let quill = Quill::new(&area, &options());
        let table = quill.module("table").unchecked_into::<TableModule>();
        let insert = Closure::<dyn Fn()>::new(move || table.insert_table(2, 2)).into_js_value();
        let picture = {
            let quill = quill.clone();
            Closure::<dyn Fn()>::new(move || insert_picture(quill.clone(), on_refused))
                .into_js_value()
        };
        if let Ok(toolbar) = js_sys::Reflect::get(&quill.module("toolbar"), &"handlers".into()) {
            let _ = js_sys::Reflect::set(&toolbar, &"table".into(), &insert);
            let _ = js_sys::Reflect::set(&toolbar, &"image".into(), &picture);
        }
        name_the_parts(&quill, &frame, labelled_by);
        let editor = RichText { quill };
        editor.set_html(&initial);
        let changed = {
            let editor = editor.clone();
            Closure::<dyn Fn()>::new(move || on_change.run(editor.html())).into_js_value()
        };
        editor.quill.on("text-change", changed.unchecked_ref());
        ready.run(editor);
    });
    view! {
        <div class="rich-text">
            <div class="rich-text__area" node_ref=area></div>
        </div>
    }
}
