use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::questionnaire::{text_in, AnswerSummary, Question, QuestionKind};

use super::count_table::CountTable;

/// How the municipality's own questions were answered: one table per question, options by
/// their current words (an option removed since is named as such, its answers still counted).
#[component]
pub fn AnswerTables(questionnaire: Vec<Question>, answers: Vec<AnswerSummary>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let lang = i18n.locale.tag();
    let tables = answers
        .into_iter()
        .filter_map(|summary| {
            let question = questionnaire.iter().find(|q| q.id == summary.question)?.clone();
            let title = text_in(&question.text, lang).to_string();
            let answered = i18n.t_with("console-answers-answered", &[("count", &summary.answered.to_string())]);
            let mean = summary.mean.map(|m| i18n.t_with("console-answers-mean", &[("mean", &format!("{m:.1}"))]));
            let label = |key: &str| match question.options.iter().find(|o| o.id == key) {
                Some(option) => text_in(&option.text, lang).to_string(),
                None if question.kind == QuestionKind::Scale => key.to_string(),
                None => i18n.t_with("console-answers-removed-option", &[("id", key)]),
            };
            let rows: Vec<(String, u32)> = summary.counts.iter().map(|c| (label(&c.key), c.count)).collect();
            Some(view! {
                <section class="answers">
                    {if rows.is_empty() {
                        view! { <h3>{title}</h3> }.into_any()
                    } else {
                        view! { <CountTable caption=title label_header=i18n.t("console-answers-option") rows /> }.into_any()
                    }}
                    <p>{answered}{mean.map(|m| format!(" {m}"))}</p>
                </section>
            })
        })
        .collect_view();
    view! {
        <h2>{i18n.t("console-answers-title")}</h2>
        <div class="charts">{tables}</div>
    }
}
