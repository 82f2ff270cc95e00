//! Safety walks (trygghetsvandringar): the municipality's announced walks with a calendar file
//! each, and for a participant who has the walk's code, the phone as a walk logger.

mod join_form;
mod joined;
mod point_form;
mod point_list;
mod protocol_map;
mod protocol_view;
mod walk_list;
mod walk_logger;
mod walk_map;
mod walk_widget;

pub use walk_widget::WalkWidget;
