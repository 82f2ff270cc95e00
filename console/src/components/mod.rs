pub mod app;
mod login_form;
mod review;
