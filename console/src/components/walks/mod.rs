//! Safety walks (trygghetsvandringar): coordinators plan them, set their code and move them on.

mod walk_form;
mod walks_page;

pub use walks_page::WalksPage;
