//! D1 access, one module per kind of record. Every query names its tenant.

pub mod audit;
pub mod dialogues;
pub mod integrations;
pub mod measures;
pub mod moderators;
pub mod notes;
pub mod open311;
pub mod rate;
pub mod reports;
pub mod review_list;
pub mod review_map;
pub mod situation;
pub mod tenants;
pub mod units;
