//! Taking part in a trygghetsdialog: the dialogue, the rules, asking, one's own questions, the
//! questions with votes and answers, all kept up to date through the live line.

mod ask_form;
mod dialogue_header;
mod dialogue_list;
mod dialogue_room;
mod dialogue_widget;
mod my_questions;
mod presenter_view;
mod question_item;
mod question_list;

pub use dialogue_widget::DialogueWidget;
