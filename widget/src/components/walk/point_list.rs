//! The group's points as a list beside the map (what a screen reader reads instead of the
//! circles), newest first; the ones still waiting on this phone say so.

use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::walk_point::{WalkCategory, WalkPoint, WalkPointDraft};

use crate::format;

fn level_text(i18n: I18n, level: Option<u8>) -> Option<String> {
    level.map(|n| i18n.t_with("walk-level-of", &[("level", &n.to_string())]))
}

fn describe(i18n: I18n, category: WalkCategory, level: Option<u8>, note: &str) -> String {
    let mut parts = vec![i18n.t(&category.label_key("walk-category"))];
    parts.extend(level_text(i18n, level));
    if !note.is_empty() {
        parts.push(note.to_string());
    }
    parts.join(" · ")
}

#[component]
pub fn PointList(
    #[prop(into)] stored: Signal<Vec<WalkPoint>>,
    #[prop(into)] waiting: Signal<Vec<WalkPointDraft>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let count = move || stored.with(Vec::len) + waiting.with(Vec::len);
    view! {
        <h3>{move || i18n.t_with("walk-points-title", &[("count", &count().to_string())])}</h3>
        {move || (count() == 0).then(|| view! { <p class="hint">{i18n.t("walk-points-none")}</p> })}
        <ol class="walk-points" reversed>
            {move || waiting.get().into_iter().rev().map(|p| view! {
                <li class="waiting">
                    <span>{describe(i18n, p.category, p.unsafe_level, &p.note)}</span>
                    <span class="hint">{i18n.t("walk-point-waiting")}</span>
                </li>
            }).collect_view()}
            {move || stored.get().into_iter().rev().map(|p| view! {
                <li>
                    <span>{describe(i18n, p.category, p.unsafe_level, &p.note)}</span>
                    <span class="hint">{format::time_of_day(i18n.locale, &p.logged_at)}</span>
                </li>
            }).collect_view()}
        </ol>
    }
}
