//! Administration: the municipality's console accounts and the audit log.

mod accounts_page;
mod audit_page;

pub use accounts_page::AccountsPage;
pub use audit_page::AuditPage;
