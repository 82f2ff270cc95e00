//! D1 access, one module per kind of record. Every query names its tenant.

pub mod audit;
pub mod dialogues;
pub mod integrations;
pub mod kept_counts;
pub mod map_layers;
pub mod matching;
pub mod measures;
pub mod moderators;
pub mod notes;
pub mod open311;
pub mod place_names;
pub mod police_events;
pub mod rate;
pub mod reports;
pub mod review_list;
pub mod review_map;
pub mod situation;
pub mod surveys;
pub mod tenants;
pub mod units;
pub mod walk_points;
pub mod walks;
pub mod webhooks;

/// Runs `insert` (an `INSERT … ON CONFLICT DO NOTHING RETURNING id`) and `audit` in one batch:
/// the new row's id, or `None` when the insert met its conflict and added nothing.
pub async fn insert_returning_id(
    db: &worker::D1Database,
    insert: worker::D1PreparedStatement,
    audit: worker::D1PreparedStatement,
) -> Result<Option<i64>, crate::error::ApiError> {
    #[derive(serde::Deserialize)]
    struct Inserted {
        id: i64,
    }
    let results = db.batch(vec![insert, audit]).await?;
    let inserted: Vec<Inserted> = results.first().map(|r| r.results()).transpose()?.unwrap_or_default();
    Ok(inserted.first().map(|row| row.id))
}
