//! Safety walks (trygghetsvandringar): coordinators plan them, set their code and move them on;
//! after a walk they go through its points and take its protocol.

mod route_picker;
mod walk_form;
mod walk_point_editor;
mod walk_protocol_map;
mod walk_protocol_view;
mod walk_review;
mod walks_page;

pub use walks_page::WalksPage;
