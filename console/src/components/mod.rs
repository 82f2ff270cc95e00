mod admin;
pub mod app;
mod dashboard;
mod dialogue;
mod login_form;
mod report_filters;
mod review;
mod settings;
mod workspace;
