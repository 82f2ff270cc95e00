use std::cell::RefCell;
use std::rc::Rc;

use leaflet::MouseEvents;
use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::category::CategoryNames;
use tryggve_core::i18n::I18n;
use tryggve_core::review::ModeratedReport;
use tryggve_core::MapConfig;

/// The reports on a map. Markers are focusable; Enter or a click opens the report.
#[component]
pub fn ReviewMap(
    config: MapConfig,
    reports: Signal<Vec<ModeratedReport>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = StoredValue::new(expect_context::<CategoryNames>());
    let container = NodeRef::<Div>::new();
    // Leaflet objects are not `Send`: kept here, never in signals.
    let markers: Rc<RefCell<Option<leaflet::LayerGroup>>> = Rc::default();

    container.on_load({
        let markers = markers.clone();
        move |div| {
            let Some(map) = crate::base_map::base_map(&div, &config, f64::from(config.zoom), i18n) else {
                return;
            };
            let group = leaflet::LayerGroup::new();
            group.add_to(&map);
            *markers.borrow_mut() = Some(group);
            // The reports may have arrived before the map: draw them now.
            show(&markers, &reports.get_untracked(), selected, &names.get_value(), i18n);
        }
    });
    Effect::new(move |_| {
        let list = reports.get();
        show(&markers, &list, selected, &names.get_value(), i18n);
    });

    // Leaflet's classes go on the inner element, which has no `class` of ours to be set over them.
    view! {
        <div class="review-map" role="region" aria-label=i18n.t("console-map")>
            <div node_ref=container></div>
        </div>
    }
}

fn show(
    markers: &Rc<RefCell<Option<leaflet::LayerGroup>>>,
    list: &[ModeratedReport],
    selected: RwSignal<Option<String>>,
    names: &CategoryNames,
    i18n: I18n,
) {
    let Some(group) = markers.borrow().clone() else { return };
    group.clear_layers();
    for report in list {
        let options = leaflet::MarkerOptions::new();
        let label = format!("{} – {}", report.case_number, names.name(&report.category, &i18n));
        options.set_alt(label.clone());
        options.set_title(label);
        options.set_keyboard(true);
        let marker =
            leaflet::Marker::new_with_options(&leaflet::LatLng::new(report.lat, report.lng), &options);
        let case = report.case_number.clone();
        marker.on_click(Box::new(move |_| selected.set(Some(case.clone()))));
        group.add_layer(&marker);
    }
}
