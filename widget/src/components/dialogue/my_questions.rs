//! The resident's own questions on this device, with where they are in moderation.

use leptos::prelude::*;
use tryggve_core::dialogue::{OwnQuestion, Participation, QuestionStatus};
use tryggve_core::i18n::I18n;

fn status_text(i18n: I18n, q: &OwnQuestion) -> String {
    match (q.status, q.rejection_reason) {
        (QuestionStatus::Rejected, Some(reason)) => {
            let reason = i18n.t(&reason.label_key());
            i18n.t_with("own-question-rejected", &[("reason", &reason)])
        }
        (status, _) => i18n.t(&format!("own-question-{}", status.id())),
    }
}

#[component]
pub fn MyQuestions(mine: RwSignal<Participation>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        let questions = mine.with(|m| m.questions.clone());
        (!questions.is_empty()).then(|| {
            view! {
                <section class="mine" aria-labelledby="mine-title">
                    <h3 id="mine-title">{i18n.t("own-questions-title")}</h3>
                    <ul>
                        {questions.into_iter().map(|q| {
                            let status = status_text(i18n, &q);
                            view! {
                                <li class=format!("own own-{}", q.status.id())>
                                    <p class="question-text">{q.text}</p>
                                    <p class="own-status">{status}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
