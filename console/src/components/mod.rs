mod admin;
pub mod app;
mod dashboard;
mod login_form;
mod report_filters;
mod review;
mod workspace;
