//! What the question cards of a dialogue need to act: who acts, on which dialogue, and where
//! to report back. Owned by the dialogue page, passed to each card.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::dialogue::{DialogueAction, ModeratedDialogue, ModeratedQuestion, QuestionAction};
use tryggve_core::i18n::I18n;

use crate::api;

/// What the question cards need to act: who acts, on which dialogue, and where to report back.
#[derive(Debug, Clone, Copy)]
pub struct Acting {
    pub tenant: StoredValue<String>,
    pub csrf: StoredValue<String>,
    pub dialogue: i64,
    pub loaded: RwSignal<Option<ModeratedDialogue>>,
    pub notice: RwSignal<String>,
}

impl Acting {
    /// The question with `id`, as last loaded.
    pub fn question(self, id: i64) -> Memo<Option<ModeratedQuestion>> {
        Memo::new(move |_| {
            self.loaded.with(|d| d.as_ref().and_then(|d| d.questions.iter().find(|q| q.id == id).cloned()))
        })
    }

    pub fn on_question(self, id: i64, action: QuestionAction, i18n: I18n) {
        spawn_local(async move {
            let result = api::question_action(
                &self.tenant.get_value(),
                self.dialogue,
                id,
                &self.csrf.get_value(),
                &action,
            )
            .await;
            match result {
                Ok(_) => {
                    self.notice.set(i18n.t(&format!(
                        "console-question-done-{}",
                        action.audit_name().replace(['.', '_'], "-")
                    )));
                    self.reload();
                }
                Err(e) => self.notice.set(i18n.t(&e.message_key())),
            }
        });
    }

    pub fn on_dialogue(self, action: DialogueAction, i18n: I18n) {
        spawn_local(async move {
            match api::dialogue_action(
                &self.tenant.get_value(),
                self.dialogue,
                &self.csrf.get_value(),
                &action,
            )
            .await
            {
                Ok(_) => {
                    self.notice.set(i18n.t("console-dialogue-saved"));
                    self.reload();
                }
                Err(e) => self.notice.set(i18n.t(&e.message_key())),
            }
        });
    }

    /// Also called when an answer comes: the page may be gone by then.
    pub fn reload(self) {
        let Some(tenant) = self.tenant.try_get_value() else { return };
        spawn_local(async move {
            if let Ok(d) = api::dialogue(&tenant, self.dialogue).await {
                self.loaded.set(Some(d));
            }
        });
    }
}
