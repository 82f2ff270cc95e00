//! Text as a resident typed it, made ready for the rules in `core`.
//!
//! Core counts characters of Unicode NFC. Its normalisation tables are left out of the widget
//! (they were a fifth of its download), so the browser's own `normalize` does it here, before
//! core sees the text; the edge normalises again on its own, and decides.

use tryggve_core::questionnaire::{AnswerValue, Answers};

/// `text` in Unicode NFC.
pub fn nfc(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFC").into()
}

/// The free-text answers in NFC; the others as they are.
pub fn nfc_answers(answers: Answers) -> Answers {
    answers
        .into_iter()
        .map(|(id, value)| match value {
            AnswerValue::Text(text) => (id, AnswerValue::Text(nfc(&text))),
            other => (id, other),
        })
        .collect()
}
