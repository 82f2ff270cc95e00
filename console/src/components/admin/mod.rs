//! Accounts: one's own (password), the municipality's (admins) and the audit log (admins).

mod account_page;
mod accounts_page;
mod audit_page;

pub use account_page::AccountPage;
pub use accounts_page::AccountsPage;
pub use audit_page::AuditPage;
