//! Running trygghetsdialoger: create and publish them, moderate the questions, answer live,
//! and export the minutes.

mod acting;
mod approved_question;
mod dialogue_form;
mod dialogue_page;
mod dialogues_page;
mod pending_question;

pub use dialogues_page::DialoguesPage;
