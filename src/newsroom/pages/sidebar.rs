//! `/quan-tri/khoi-ben`: the sidebar as staff keep it — its blocks (order, titles,
//! shown or not), the linked websites (add, change, reorder, hide) and each year's
//! public-service figures. Citizens see a change at their next page.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use portal_contract::{
    content::{BlockRecord, EditedWeblink, PublicServicesRecord, WeblinkRecord},
    format::thousands,
};

use crate::{
    loading::{Loaded, retried},
    newsroom::{
        api::{self as newsroom_api, Versioned},
        form::{Check, Input, Outcome, OutcomeLine, moved, now},
    },
};

#[component]
pub fn SidebarPage() -> impl IntoView {
    let blocks = retried(newsroom_api::blocks);
    let links = retried(newsroom_api::weblinks);
    let figures = retried(newsroom_api::public_services);
    view! {
        <Title text="Khối bên · Quản trị nội dung"/>
        <h1 class="page-title">"Khối bên"</h1>
        <section aria-labelledby="cac-khoi">
            <h2 id="cac-khoi">"Các khối"</h2>
            <Loaded data=blocks let:blocks><Blocks blocks/></Loaded>
        </section>
        <section aria-labelledby="lien-ket">
            <h2 id="lien-ket">"Liên kết Website"</h2>
            <Loaded data=links let:links><Weblinks links/></Loaded>
        </section>
        <section aria-labelledby="dich-vu-cong">
            <h2 id="dich-vu-cong">"Kết quả dịch vụ công trực tuyến"</h2>
            <Loaded data=figures let:figures><PublicServices figures/></Loaded>
        </section>
    }
}

/// What a block shows, whatever its title.
fn block_name(kind: &str) -> &'static str {
    match kind {
        "poll" => "Bình chọn",
        "public_services" => "Kết quả dịch vụ công",
        "showcase" => "Tiềm năng, thế mạnh và sản phẩm",
        "weblinks" => "Liên kết Website",
        _ => "Thống kê truy cập",
    }
}

#[component]
fn Blocks(blocks: Versioned<Vec<BlockRecord>>) -> impl IntoView {
    let etag = RwSignal::new(blocks.etag);
    let blocks = RwSignal::new(blocks.item);
    let outcome = RwSignal::new(None::<Outcome>);
    let kinds = move || blocks.with(|b| b.iter().map(|b| b.block.clone()).collect::<Vec<_>>());
    let save = move |_| {
        spawn_local(async move {
            let result =
                newsroom_api::set_blocks(&blocks.get_untracked(), &etag.get_untracked()).await;
            outcome.set(Some(Outcome::of(&result, "Đã lưu các khối.", "các khối")));
            if let Ok(saved) = result {
                blocks.set(saved.item);
                etag.set(saved.etag);
            }
        });
    };
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Các khối bên, theo thứ tự hiển thị"</caption>
            <thead>
                <tr><th scope="col">"Khối"</th><th scope="col">"Tiêu đề"</th><th scope="col">"Hiển thị"</th><th scope="col">"Thứ tự"</th></tr>
            </thead>
            <tbody>
                <For each=kinds key=|kind| kind.clone() let:kind>
                    <BlockRow blocks kind/>
                </For>
            </tbody>
        </table>
        <OutcomeLine outcome/>
        <button type="button" class="button" on:click=save>"Lưu các khối"</button>
    }
}

#[component]
fn BlockRow(blocks: RwSignal<Vec<BlockRecord>>, kind: String) -> impl IntoView {
    let name = block_name(&kind);
    let key = StoredValue::new(kind.clone());
    let index =
        move || key.with_value(|kind| blocks.with(|b| b.iter().position(|b| &b.block == kind)));
    let edit = move |change: &dyn Fn(&mut Vec<BlockRecord>, usize)| {
        if let Some(i) = index() {
            blocks.update(|b| change(b, i));
        }
    };
    let read =
        move |field: fn(&BlockRecord) -> String| index().map(|i| blocks.with(|b| field(&b[i])));
    let title_id = format!("tieu-de-khoi-{kind}");
    let shown_id = format!("hien-khoi-{kind}");
    view! {
        <tr>
            <td>{name}</td>
            <td>
                <label for=title_id.clone() class="visually-hidden">{format!("Tiêu đề khối {name}")}</label>
                <input id=title_id type="text" prop:value=move || read(|b| b.title.clone())
                    on:input=move |ev| {
                        let title = event_target_value(&ev);
                        edit(&|b, i| b[i].title = title.clone());
                    }/>
            </td>
            <td>
                <input id=shown_id.clone() type="checkbox"
                    prop:checked=move || index().is_some_and(|i| blocks.with(|b| b[i].visible))
                    on:change=move |ev| {
                        let shown = event_target_checked(&ev);
                        edit(&|b, i| b[i].visible = shown);
                    }/>
                <label for=shown_id>{format!("Hiện khối {name}")}</label>
            </td>
            <td>
                <button type="button" class="button button--secondary" aria-label=format!("Đưa khối {name} lên")
                    on:click=move |_| edit(&|b, i| moved(b, i, -1))>"Lên"</button>
                <button type="button" class="button button--secondary" aria-label=format!("Đưa khối {name} xuống")
                    on:click=move |_| edit(&|b, i| moved(b, i, 1))>"Xuống"</button>
            </td>
        </tr>
    }
}

fn blank_link() -> WeblinkRecord {
    WeblinkRecord {
        slug: String::new(),
        group: String::new(),
        title: String::new(),
        url: "https://".to_owned(),
        position: 0,
        visible: true,
    }
}

/// What the weblinks' part holds; `Copy`, so every handler can have it.
#[derive(Clone, Copy)]
struct LinkEditing {
    links: RwSignal<Vec<EditedWeblink>>,
    /// The links' version, which a change names.
    etag: RwSignal<String>,
    /// The form: a new link, or the one `editing` names.
    form: RwSignal<WeblinkRecord>,
    editing: RwSignal<Option<i64>>,
    outcome: RwSignal<Option<Outcome>>,
}

impl LinkEditing {
    /// Shows the links as `links` has them.
    fn show(self, links: Versioned<Vec<EditedWeblink>>) {
        self.links.set(links.item);
        self.etag.set(links.etag);
    }

    /// Saves `link` (new when `id` is `None`) and shows the list as it now is.
    fn save(self, id: Option<i64>, link: WeblinkRecord, done: &'static str) {
        let etag = self.etag.get_untracked();
        spawn_local(async move {
            let saving = id.map(|id| (id, etag.as_str()));
            let result = newsroom_api::save_weblink(saving, &link).await;
            self.outcome
                .set(Some(Outcome::of(&result, done, "liên kết")));
            if result.is_ok() {
                self.editing.set(None);
                self.form.set(blank_link());
                if let Ok(links) = newsroom_api::weblinks().await {
                    self.show(links);
                }
            }
        });
    }

    /// Moves link `id` by `step` and saves the order.
    fn reorder(self, id: i64, step: isize) {
        let mut ids: Vec<i64> = self
            .links
            .with(|links| links.iter().map(|l| l.id).collect());
        let Some(from) = ids.iter().position(|i| *i == id) else {
            return;
        };
        moved(&mut ids, from, step);
        let etag = self.etag.get_untracked();
        spawn_local(async move {
            let result = newsroom_api::order_weblinks(&ids, &etag).await;
            self.outcome.set(Some(Outcome::of(
                &result,
                "Đã đổi thứ tự liên kết.",
                "thứ tự",
            )));
            if let Ok(links) = result {
                self.show(links);
            }
        });
    }
}

#[component]
fn Weblinks(links: Versioned<Vec<EditedWeblink>>) -> impl IntoView {
    let editing = LinkEditing {
        links: RwSignal::new(links.item),
        etag: RwSignal::new(links.etag),
        form: RwSignal::new(blank_link()),
        editing: RwSignal::new(None),
        outcome: RwSignal::new(None),
    };
    let rows = move || {
        editing
            .links
            .get()
            .into_iter()
            .map(|link| view! { <WeblinkRow editing link/> })
            .collect_view()
    };
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Các liên kết, theo thứ tự hiển thị"</caption>
            <thead>
                <tr>
                    <th scope="col">"Nhóm"</th><th scope="col">"Tên"</th><th scope="col">"Lượt truy cập"</th>
                    <th scope="col">"Hiển thị"</th><th scope="col">"Thao tác"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <OutcomeLine outcome=editing.outcome/>
        <WeblinkForm editing/>
    }
}

#[component]
fn WeblinkRow(editing: LinkEditing, link: EditedWeblink) -> impl IntoView {
    let id = link.id;
    let title = link.link.title.clone();
    let shown = link.link.visible;
    let toggled = WeblinkRecord {
        visible: !shown,
        ..link.link.clone()
    };
    let done = if shown {
        "Đã ẩn liên kết."
    } else {
        "Đã hiện liên kết."
    };
    let record = link.link.clone();
    let change = move |_| {
        editing.form.set(record.clone());
        editing.editing.set(Some(id));
    };
    view! {
        <tr>
            <td>{link.link.group}</td>
            <td><a href=link.link.url rel="noopener" target="_blank">{title.clone()}</a></td>
            <td>{thousands(link.visits)}</td>
            <td>{if shown { "Đang hiện" } else { "Đã ẩn" }}</td>
            <td>
                <button type="button" class="button button--secondary" aria-label=format!("Đưa {title} lên")
                    on:click=move |_| editing.reorder(id, -1)>"Lên"</button>
                <button type="button" class="button button--secondary" aria-label=format!("Đưa {title} xuống")
                    on:click=move |_| editing.reorder(id, 1)>"Xuống"</button>
                <button type="button" class="button button--secondary" aria-label=format!("{} {title}", if shown { "Ẩn" } else { "Hiện" })
                    on:click=move |_| editing.save(Some(id), toggled.clone(), done)>{if shown { "Ẩn" } else { "Hiện" }}</button>
                <button type="button" class="button button--secondary" aria-label=format!("Sửa {title}")
                    on:click=change>"Sửa"</button>
            </td>
        </tr>
    }
}

#[component]
fn WeblinkForm(editing: LinkEditing) -> impl IntoView {
    let form = editing.form;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = editing.editing.get_untracked();
        let done = if id.is_some() {
            "Đã lưu liên kết."
        } else {
            "Đã thêm liên kết."
        };
        editing.save(id, form.get_untracked(), done);
    };
    let cancel = move |_| {
        editing.editing.set(None);
        form.set(blank_link());
    };
    let heading = move || match editing.editing.get() {
        Some(_) => "Sửa liên kết",
        None => "Thêm liên kết",
    };
    view! {
        <h3>{heading}</h3>
        <form class="newsroom-form" on:submit=submit>
            <Input record=form id="nhom-lien-ket" label="Nhóm (ví dụ: Cơ quan Trung ương)" required=true
                value=|l| l.group.clone() set=|l, v| l.group = v/>
            <Input record=form id="ten-lien-ket" label="Tên website" required=true
                value=|l| l.title.clone() set=|l, v| l.title = v/>
            <Input record=form id="dia-chi-lien-ket" label="Địa chỉ (bắt đầu bằng https://)" kind="url" required=true
                value=|l| l.url.clone() set=|l, v| l.url = v.trim().to_owned()/>
            <Check record=form id="hien-lien-ket" label="Hiển thị cho bạn đọc"
                value=|l| l.visible set=|l, v| l.visible = v/>
            <div class="article-editor__actions">
                <button type="submit" class="button">{move || if editing.editing.get().is_some() { "Lưu liên kết" } else { "Thêm liên kết" }}</button>
                {move || editing.editing.get().map(|_| view! {
                    <button type="button" class="button button--secondary" on:click=cancel>"Hủy"</button>
                })}
            </div>
        </form>
    }
}

fn count(n: u32) -> String {
    n.to_string()
}

/// A count typed in a number field; anything else as 0.
fn count_of(text: &str) -> u32 {
    text.trim().parse().unwrap_or(0)
}

fn this_year_figures(figures: &[PublicServicesRecord]) -> PublicServicesRecord {
    let today = now().to_offset(time::macros::offset!(+7)).date();
    figures
        .iter()
        .find(|f| f.year == i64::from(today.year()))
        .cloned()
        .unwrap_or(PublicServicesRecord {
            year: i64::from(today.year()),
            received: 0,
            on_time: 0,
            late: 0,
            in_progress: 0,
            as_of: today.to_string(),
        })
}

#[component]
fn PublicServices(figures: Versioned<Vec<PublicServicesRecord>>) -> impl IntoView {
    let form = RwSignal::new(this_year_figures(&figures.item));
    let years = RwSignal::new(figures.item);
    let etag = RwSignal::new(figures.etag);
    let outcome = RwSignal::new(None::<Outcome>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(error) = form.with_untracked(PublicServicesRecord::check) {
            outcome.set(Some(Outcome::Refused(error.message.to_owned())));
            return;
        }
        spawn_local(async move {
            let figures = form.get_untracked();
            let result = newsroom_api::set_public_services(&figures, &etag.get_untracked()).await;
            outcome.set(Some(Outcome::of(&result, "Đã lưu số liệu.", "số liệu")));
            if let Ok(saved) = result {
                years.set(saved.item);
                etag.set(saved.etag);
            }
        });
    };
    let rows = move || {
        years
            .get()
            .into_iter()
            .map(|year| {
                let chosen = year.clone();
                view! {
                    <tr>
                        <td>{year.year}</td>
                        <td>{thousands(year.received.into())}</td>
                        <td>{thousands(year.on_time.into())}</td>
                        <td>{thousands(year.late.into())}</td>
                        <td>{thousands(year.in_progress.into())}</td>
                        <td>{year.as_of}</td>
                        <td><button type="button" class="button button--secondary"
                            aria-label=format!("Sửa số liệu năm {}", year.year)
                            on:click=move |_| form.set(chosen.clone())>"Sửa"</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <table class="newsroom-table">
            <caption class="visually-hidden">"Số liệu các năm"</caption>
            <thead>
                <tr>
                    <th scope="col">"Năm"</th><th scope="col">"Đã tiếp nhận"</th><th scope="col">"Đúng hạn"</th>
                    <th scope="col">"Trễ hạn"</th><th scope="col">"Đang xử lý"</th><th scope="col">"Số liệu đến ngày"</th>
                    <th scope="col">"Thao tác"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <form class="newsroom-form" on:submit=submit>
            <Input record=form id="nam" label="Năm" kind="number" required=true
                value=|f| f.year.to_string() set=|f, v| f.year = v.trim().parse().unwrap_or(0)/>
            <Input record=form id="da-tiep-nhan" label="Hồ sơ đã tiếp nhận" kind="number"
                value=|f| count(f.received) set=|f, v| f.received = count_of(&v)/>
            <Input record=form id="dung-han" label="Đã giải quyết đúng hạn" kind="number"
                value=|f| count(f.on_time) set=|f, v| f.on_time = count_of(&v)/>
            <Input record=form id="tre-han" label="Giải quyết trễ hạn" kind="number"
                value=|f| count(f.late) set=|f, v| f.late = count_of(&v)/>
            <Input record=form id="dang-xu-ly" label="Đang xử lý" kind="number"
                value=|f| count(f.in_progress) set=|f, v| f.in_progress = count_of(&v)/>
            <Input record=form id="den-ngay" label="Số liệu đến ngày" kind="date" required=true
                value=|f| f.as_of.clone() set=|f, v| f.as_of = v/>
            <OutcomeLine outcome/>
            <button type="submit" class="button">"Lưu số liệu"</button>
        </form>
    }
}
