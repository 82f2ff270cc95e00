//! The review list a page at a time: its order, where the next page starts, and what a search
//! looks for. The edge turns these into SQL, so every filter applies to all of a tenant's
//! reports and none after a cut; the console asks for one page after another.

use serde::{Deserialize, Serialize};

use crate::report::parse_case_number;
use crate::review::ModeratedReport;
use crate::ReportStatus;

/// Reports in one page of the list.
pub const PAGE_SIZE: u32 = 50;

/// A search longer than this is cut (nobody types more to find a report).
pub const MAX_SEARCH_CHARS: usize = 100;

/// The order of the review list. The orders by category and by status keep the newest first
/// within each group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportOrder {
    #[default]
    Newest,
    Oldest,
    /// In the municipality's order of its categories (the form's).
    Category,
    /// In workflow order: new reports first.
    Status,
}

impl ReportOrder {
    pub const ALL: [ReportOrder; 4] = [Self::Newest, Self::Oldest, Self::Category, Self::Status];

    pub fn id(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Category => "category",
            Self::Status => "status",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.id() == id)
    }

    /// Whether rows come oldest first (the cursor then moves forward in time).
    pub fn is_oldest_first(self) -> bool {
        self == Self::Oldest
    }
}

/// A report's rank in a grouping order: status in workflow order, category in the
/// municipality's order with categories it no longer offers after those it does. Orders by
/// time rank every report alike.
pub fn rank(order: ReportOrder, report: &ModeratedReport, categories: &[String]) -> i64 {
    match order {
        ReportOrder::Newest | ReportOrder::Oldest => 0,
        ReportOrder::Status => status_rank(report.review.status),
        ReportOrder::Category => category_rank(&report.review.category, categories),
    }
}

pub fn status_rank(status: ReportStatus) -> i64 {
    ReportStatus::ALL.iter().position(|s| *s == status).unwrap_or_default() as i64
}

pub fn category_rank(category: &str, categories: &[String]) -> i64 {
    categories.iter().position(|c| c == category).unwrap_or(categories.len()) as i64
}

/// What a moderator searches for: a case number, or words in a report's texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// `2026-12` and `2026-0012` are the same case.
    Case(i32, u32),
    /// Found anywhere in the description, the public comment or the short-text answers.
    Text(String),
}

impl Search {
    /// `None` for a blank search.
    pub fn parse(q: &str) -> Option<Self> {
        let q = q.trim();
        if q.is_empty() {
            return None;
        }
        if let Some((year, seq)) = parse_case_number(q) {
            return Some(Self::Case(year, seq));
        }
        Some(Self::Text(q.chars().take(MAX_SEARCH_CHARS).collect()))
    }
}

/// `text` as a LIKE pattern that finds it anywhere, its own `%`, `_` and `\` taken literally
/// (with `ESCAPE '\'`).
pub fn like_anywhere(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Where the next page starts: after the report with this rank, time and row id (in the
/// list's order). Sent to the console as an opaque token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub rank: i64,
    pub created_at: String,
    pub id: i64,
}

impl Cursor {
    pub fn to_token(&self) -> String {
        format!("{}_{}_{}", self.rank, self.id, self.created_at)
    }

    /// `None` for a token we did not write.
    pub fn from_token(token: &str) -> Option<Self> {
        let mut parts = token.splitn(3, '_');
        let rank = parts.next()?.parse().ok()?;
        let id = parts.next()?.parse().ok()?;
        let created_at = parts.next()?;
        let plausible = !created_at.is_empty()
            && created_at.len() <= 30
            && created_at.bytes().all(|b| b.is_ascii_digit() || b"-:.TZ".contains(&b));
        plausible.then(|| Self { rank, created_at: created_at.to_string(), id })
    }
}

/// One page of the review list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportPage {
    pub reports: Vec<ModeratedReport>,
    /// How many reports the filter matches in all.
    pub total: u32,
    /// The token for the next page (`after=`), if there is one.
    pub next: Option<String>,
}

/// `value` percent-encoded for a URL's query (UTF-8; letters, digits and `-_.~` as they are).
pub fn encode_query_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_number_is_searched_as_a_case_and_anything_else_as_text() {
        assert_eq!(Search::parse(" 2026-0012 "), Some(Search::Case(2026, 12)));
        assert_eq!(Search::parse("2026-12"), Some(Search::Case(2026, 12)));
        assert_eq!(Search::parse("Storgatan 3"), Some(Search::Text("Storgatan 3".into())));
        assert_eq!(Search::parse("26-12"), Some(Search::Text("26-12".into())));
        assert_eq!(Search::parse("   "), None);
        let long = "å".repeat(300);
        assert_eq!(Search::parse(&long), Some(Search::Text("å".repeat(MAX_SEARCH_CHARS))));
    }

    #[test]
    fn like_wildcards_in_a_search_are_taken_literally() {
        assert_eq!(like_anywhere("50%_rabatt\\"), "%50\\%\\_rabatt\\\\%");
        assert_eq!(like_anywhere("lampa"), "%lampa%");
    }

    #[test]
    fn a_cursor_survives_its_token_and_a_forged_one_is_refused() {
        let cursor = Cursor { rank: 3, created_at: "2026-12-01T08:15:00.123Z".into(), id: 4711 };
        assert_eq!(Cursor::from_token(&cursor.to_token()), Some(cursor));
        assert_eq!(Cursor::from_token("x_1_2026-12-01T08:15:00Z"), None);
        assert_eq!(Cursor::from_token("1_2"), None);
        assert_eq!(Cursor::from_token("1_2_2026' OR 1=1"), None);
    }

    #[test]
    fn grouping_orders_rank_by_workflow_and_the_municipalitys_categories() {
        let categories = vec!["graffiti".to_string(), "dark-spot".to_string()];
        assert_eq!(status_rank(ReportStatus::New), 0);
        assert_eq!(status_rank(ReportStatus::Closed), 4);
        assert_eq!(category_rank("dark-spot", &categories), 1);
        assert_eq!(category_rank("retired", &categories), 2, "a category no longer offered comes last");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("Östra torget & 50%"), "%C3%96stra%20torget%20%26%2050%25");
        assert_eq!(encode_query_value("2026-12-01"), "2026-12-01");
    }

    #[test]
    fn orders_round_trip_their_ids() {
        for order in ReportOrder::ALL {
            assert_eq!(ReportOrder::from_id(order.id()), Some(order));
        }
        assert_eq!(ReportOrder::from_id("random"), None);
    }
}
