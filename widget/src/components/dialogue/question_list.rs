//! The approved questions, by votes or newest first. Rows are keyed by question, so a vote or an
//! answer arriving live updates a row in place instead of redrawing the list.

use leptos::prelude::*;
use tryggve_core::dialogue::{LiveDialogue, QuestionOrder};
use tryggve_core::i18n::I18n;

use super::question_item::QuestionItem;

#[component]
pub fn QuestionList(
    live: RwSignal<Option<LiveDialogue>>,
    voted: Signal<Vec<i64>>,
    open: Signal<bool>,
    on_vote: Callback<i64>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let order = RwSignal::new(QuestionOrder::MostVotes);
    let ids = Memo::new(move |_| {
        live.with(|l| l.as_ref().map(|l| l.sorted(order.get()).iter().map(|q| q.id).collect::<Vec<_>>()))
            .unwrap_or_default()
    });
    let order_button = move |which: QuestionOrder, key: &'static str| {
        view! {
            <button type="button" aria-pressed=move || if order.get() == which { "true" } else { "false" }
                on:click=move |_| order.set(which)>{i18n.t(key)}</button>
        }
    };
    view! {
        <section class="questions" aria-labelledby="questions-title">
            <h3 id="questions-title">{i18n.t("questions-title")}</h3>
            <div class="order" role="group" aria-label=i18n.t("questions-order")>
                {order_button(QuestionOrder::MostVotes, "order-votes")}
                {order_button(QuestionOrder::Newest, "order-newest")}
            </div>
            {move || ids.with(Vec::is_empty).then(|| view! { <p class="hint">{i18n.t("questions-empty")}</p> })}
            <ol class="question-list">
                <For each=move || ids.get() key=|id| *id let:id>
                    <QuestionItem id live voted open on_vote />
                </For>
            </ol>
        </section>
    }
}
