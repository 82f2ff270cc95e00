//! What a resident sees after sending: the case number, the private follow-up code and the link
//! that shows what became of the report, with ways to keep them: copy the link, or print the
//! receipt (only the receipt: see `print_only`).

use leptos::html::H3;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::ReportReceipt;

use super::follow_up;

#[component]
pub fn Receipt(receipt: ReportReceipt, on_another: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let heading = NodeRef::<H3>::new();
    let fragment = follow_up::fragment(&receipt.case_number, &receipt.followup_token);
    let link = full_address(&fragment);
    let copied = RwSignal::new(None::<bool>);
    // Move focus here so that screen readers read the confirmation at once; and while the receipt
    // is shown, printing the page prints the receipt alone.
    heading.on_load(|h| {
        let _ = h.focus();
        print_only::mark(&h);
    });
    on_cleanup(print_only::unmark);

    let copy = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
                let done = match clipboard {
                    Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&link)).await.is_ok(),
                    None => false,
                };
                copied.set(Some(done));
            });
        }
    };
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let copy_status = move || match copied.get() {
        Some(true) => i18n.t("receipt-copied"),
        Some(false) => i18n.t("receipt-copy-failed"),
        None => String::new(),
    };

    view! {
        <div class="receipt">
            <h3 node_ref=heading tabindex="-1">
                {i18n.t_with("report-received", &[("case", &receipt.case_number)])}
            </h3>
            <p>{i18n.t("followup-intro")}</p>
            <dl>
                <dt>{i18n.t("followup-code")}</dt>
                <dd><code class="followup-code">{receipt.followup_token.clone()}</code></dd>
                <dt>{i18n.t("followup-url")}</dt>
                <dd><code class="followup-url">{link.clone()}</code></dd>
            </dl>
            <p><a class="followup-link" href=fragment>{i18n.t("followup-link")}</a></p>
            <div class="receipt-actions">
                <button type="button" on:click=copy>{i18n.t("receipt-copy")}</button>
                <button type="button" on:click=print>{i18n.t("receipt-print")}</button>
                <p class="receipt-status" role="status" aria-live="polite">{copy_status}</p>
                <button type="button" on:click=move |_| on_another.run(())>{i18n.t("report-another")}</button>
            </div>
        </div>
    }
}

/// The page's address with the follow-up fragment: the link a resident keeps.
fn full_address(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    format!("{page}{fragment}")
}

/// Printing the host page prints only the widget that shows a receipt. The widget lives in a
/// shadow root, so its own stylesheet cannot hide the page around it: while a receipt is shown,
/// its host element is marked and the document gets a print-only stylesheet that hides every
/// element that neither is nor holds that host (a constructed sheet, which no CSP of the page
/// forbids). Inside the shadow root, tryggve.css hides the receipt's buttons on paper.
mod print_only {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;

    const MARK: &str = "data-tryggve-receipt";
    const CSS: &str = "@media print { body *:not([data-tryggve-receipt]):not(:has([data-tryggve-receipt])) \
                       { display: none !important; } }";

    thread_local! {
        /// The sheet while it is in the document.
        static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
    }

    pub fn mark(inside: &web_sys::HtmlElement) {
        let host = inside.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok().map(|root| root.host());
        let (Some(host), Some(document)) = (host, web_sys::window().and_then(|w| w.document())) else {
            return;
        };
        let _ = host.set_attribute(MARK, "");
        if SHEET.with_borrow(Option::is_some) {
            return;
        }
        let Ok(sheet) = web_sys::CssStyleSheet::new() else { return };
        if sheet.replace_sync(CSS).is_ok() {
            let sheets = document.adopted_style_sheets();
            sheets.push(&sheet);
            document.set_adopted_style_sheets(&sheets);
            SHEET.set(Some(sheet));
        }
    }

    /// Takes the mark and the sheet away again (another report, or the widget gone).
    pub fn unmark() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(Some(host)) = document.query_selector(&format!("[{MARK}]")) {
            let _ = host.remove_attribute(MARK);
        }
        if let Some(ours) = SHEET.take() {
            let ours: wasm_bindgen::JsValue = ours.into();
            let kept: js_sys::Array =
                document.adopted_style_sheets().iter().filter(|sheet| *sheet != ours).collect();
            document.set_adopted_style_sheets(&kept);
        }
    }
}
