//! Any bytes as a question, a dialogue's details or a moderator's action: parsing, validation
//! and the moderation state machine never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryggve_core::dialogue::{
    DialogueDetails, ModeratedQuestion, QuestionAction, QuestionDraft, QuestionStatus, QUESTION_MAX_CHARS,
};
use tryggve_core::text;

fuzz_target!(|data: &[u8]| {
    if let Ok(draft) = serde_json::from_slice::<QuestionDraft>(data) {
        if let Ok(question) = draft.validated() {
            assert!(!question.text.is_empty() && text::char_len(&question.text) <= QUESTION_MAX_CHARS);
        }
    }
    if let Ok(details) = serde_json::from_slice::<DialogueDetails>(data) {
        if let Ok(valid) = details.validated() {
            assert!(valid.starts_at <= valid.ends_at);
            assert!(valid.stream_url.as_deref().is_none_or(|u| u.starts_with("https://")));
        }
    }
    if let Ok(action) = serde_json::from_slice::<QuestionAction>(data) {
        for status in QuestionStatus::ALL {
            let question = ModeratedQuestion {
                id: 1,
                text: "Fråga".into(),
                display_name: None,
                status,
                rejection_reason: None,
                merged_into: None,
                votes: 0,
                asked_at: "2026-11-22T10:00:00.000Z".into(),
                answered_at: None,
                answers: vec![],
                revision: 1,
            };
            let _ = question.apply(&action, "2026-11-22T10:00:00.000Z");
        }
    }
});
