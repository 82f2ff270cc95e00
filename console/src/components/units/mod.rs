//! The municipality's units: who takes which reports, where, and how fast they aim to fix them.

mod queue_case;
mod unit_form;
mod unit_queue_page;
mod units_page;

use tryggve_core::unit::Unit;
pub use unit_queue_page::UnitQueuePage;
pub use units_page::UnitsPage;

/// The municipality's units, given as context to the pages that name a report's unit.
#[derive(Debug, Clone, Default)]
pub struct Units(pub Vec<Unit>);

impl Units {
    /// The name of unit `id` (its number, if it is not known here).
    pub fn name(&self, id: i64) -> String {
        self.0.iter().find(|u| u.id == id).map_or_else(|| id.to_string(), |u| u.draft.name.clone())
    }
}
