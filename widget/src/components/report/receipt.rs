//! What a resident sees after sending: the case number and the private follow-up code.

use leptos::html::H3;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::ReportReceipt;

use super::follow_up;

#[component]
pub fn Receipt(receipt: ReportReceipt, on_another: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let heading = NodeRef::<H3>::new();
    // Move focus here so that screen readers read the confirmation at once.
    heading.on_load(|h| {
        let _ = h.focus();
    });
    view! {
        <div class="receipt">
            <h3 node_ref=heading tabindex="-1">
                {i18n.t_with("report-received", &[("case", &receipt.case_number)])}
            </h3>
            <p>{i18n.t("followup-intro")}</p>
            <dl>
                <dt>{i18n.t("followup-code")}</dt>
                <dd><code class="followup-code">{receipt.followup_token.clone()}</code></dd>
            </dl>
            <p>
                <a class="followup-link" href=follow_up::fragment(&receipt.case_number, &receipt.followup_token)>
                    {i18n.t("followup-link")}
                </a>
            </p>
            <button type="button" on:click=move |_| on_another.run(())>{i18n.t("report-another")}</button>
        </div>
    }
}
