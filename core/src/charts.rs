//! Bar charts as SVG, drawn by plotters from the very numbers the tables beside them list: the
//! lägesbild and the council report show them. A chart is a picture of its table, never the
//! only place a number is (screen readers read the table).
//!
//! No title or axis text is measured here: in the browser plotters measures text with inline
//! styles the console's CSP forbids, so labels sit on the left and below, where it need not.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

/// Whether bars run along (a ranking: categories, areas) or up (a time series: months).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Along,
    Up,
}

/// The longest label drawn; the table holds the whole.
const LABEL_MAX_CHARS: usize = 28;
const WIDTH: u32 = 520;
/// Around the chart, and the label areas: below it (numbers or names) and, when the bars go up,
/// left of it (numbers).
const MARGIN: u32 = 8;
const BOTTOM_LABELS: u32 = 28;
const LEFT_NUMBERS: u32 = 48;

/// A chart of bars along, `rows` of them (empty ones included), is this tall.
fn along_height(rows: u32) -> u32 {
    40 + 30 * rows
}
const BAR: RGBColor = RGBColor(0x2f, 0x5f, 0x8a);
const GRID: RGBColor = RGBColor(0xd0, 0xd4, 0xd9);
const INK: RGBColor = RGBColor(0x1f, 0x23, 0x28);
/// Plotters draws text at 1/1.24 of the size asked: this is about 14.5 px.
const FONT: (&str, u32) = ("sans-serif", 18);

/// The chart could not be drawn (plotters' error, in words).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError(pub String);

fn short(label: &str) -> String {
    match label.chars().count() > LABEL_MAX_CHARS {
        true => label.chars().take(LABEL_MAX_CHARS - 1).chain(['…']).collect(),
        false => label.to_string(),
    }
}

/// A bar per row, in the rows' order; `most` fixes the scale's end (100 for shares in percent),
/// else the largest count sets it.
pub fn bars(rows: &[(String, u32)], direction: Direction, most: Option<u32>) -> Result<String, ChartError> {
    let mut svg = String::new();
    // One segment makes a range of no length, which plotters cannot scale: a lone bar is drawn
    // between two empty neighbours, in the middle (with one, it stood at an end beside a gap).
    let padded: Vec<(String, u32)>;
    let rows = match rows {
        [one] => {
            padded = vec![(String::new(), 0), one.clone(), (String::new(), 0)];
            &padded[..]
        }
        _ => rows,
    };
    draw(&mut svg, rows, direction, most).map_err(|e| ChartError(e.to_string()))?;
    Ok(svg)
}

fn draw(
    svg: &mut String,
    rows: &[(String, u32)],
    direction: Direction,
    most: Option<u32>,
) -> Result<(), Box<dyn std::error::Error>> {
    let n = rows.len().max(1) as u32;
    let top = most.unwrap_or_else(|| rows.iter().map(|r| r.1).max().unwrap_or(0)).max(1);
    // Room for a whole number of steps above the largest bar.
    let end = top + (top / 10).max(1);
    // Plotters counts a segmented axis from its origin: bottom up, so a ranking's first row is
    // given the top segment. Its integer ranges include their end: `0..n - 1` is `n` segments.
    let slot = move |i: u32| match direction {
        Direction::Along => n - 1 - i,
        Direction::Up => i,
    };
    // Without tick marks a row's name would touch the axis: two no-break spaces keep it off
    // (SVG drops ordinary ones at the end of a text).
    let gap = match direction {
        Direction::Along => "\u{a0}\u{a0}",
        Direction::Up => "",
    };
    let labels: Vec<String> = rows.iter().map(|(label, _)| format!("{}{gap}", short(label))).collect();
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as u32;
    let label_of = move |v: &SegmentValue<u32>| match v {
        SegmentValue::CenterOf(i) if *i < n => labels.get(slot(*i) as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let number = |v: &u32| v.to_string();
    match direction {
        Direction::Along => {
            let height = along_height(n);
            let root = SVGBackend::with_string(svg, (WIDTH, height)).into_drawing_area();
            root.fill(&WHITE)?;
            let mut chart = ChartBuilder::on(&root)
                .margin(MARGIN)
                .x_label_area_size(BOTTOM_LABELS)
                .y_label_area_size(16 + 9 * longest.max(4))
                .build_cartesian_2d(0u32..end, (0u32..n - 1).into_segmented())?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                // The rows are named, not measured: no tick marks (none beside an empty row).
                .set_tick_mark_size(LabelAreaPosition::Left, 0)
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .axis_style(INK)
                .label_style(FONT)
                .x_labels(6)
                .x_label_formatter(&number)
                .y_labels(n as usize)
                .y_label_formatter(&label_of)
                .draw()?;
            chart.draw_series(
                Histogram::horizontal(&chart)
                    .style(BAR.filled())
                    .margin(6)
                    .data(rows.iter().enumerate().map(|(i, (_, count))| (slot(i as u32), *count))),
            )?;
            root.present()?;
        }
        Direction::Up => {
            let height = 300;
            let root = SVGBackend::with_string(svg, (WIDTH, height)).into_drawing_area();
            root.fill(&WHITE)?;
            let mut chart = ChartBuilder::on(&root)
                .margin(MARGIN)
                .x_label_area_size(BOTTOM_LABELS)
                .y_label_area_size(LEFT_NUMBERS)
                .build_cartesian_2d((0u32..n - 1).into_segmented(), 0u32..end)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .set_tick_mark_size(LabelAreaPosition::Bottom, 0)
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .axis_style(INK)
                .label_style(FONT)
                .x_labels((n as usize).min(12))
                .x_label_formatter(&label_of)
                .y_labels(6)
                .y_label_formatter(&number)
                .draw()?;
            chart.draw_series(
                Histogram::vertical(&chart)
                    .style(BAR.filled())
                    .margin(4)
                    .data(rows.iter().enumerate().map(|(i, (_, count))| (i as u32, *count))),
            )?;
            root.present()?;
        }
    }
    Ok(())
}

/// The chart as the address an `<img>` loads it from: an image cannot run scripts or fetch,
/// whatever its labels say.
pub fn data_url(svg: &str) -> String {
    let mut url = String::from("data:image/svg+xml;charset=utf-8,");
    for byte in svg.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' | b':' | b'=' | b',' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<(String, u32)> {
        vec![("Mörk plats".into(), 12), ("Klotter".into(), 3), ("<script>alert(1)</script>".into(), 0)]
    }

    /// The bars' rectangles in the SVG, as (x, y, width, height).
    fn rects(svg: &str) -> Vec<(f64, f64, f64, f64)> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains(r##"fill="#2F5F8A""##))
            .map(|r| {
                let attr = |name: &str| -> f64 {
                    let from =
                        r.find(&format!(" {name}=\"")).or_else(|| r.find(&format!("{name}=\""))).unwrap();
                    let rest = &r[from..];
                    let start = rest.find('"').unwrap() + 1;
                    let end = start + rest[start..].find('"').unwrap();
                    rest[start..end].parse().unwrap()
                };
                (attr("x"), attr("y"), attr("width"), attr("height"))
            })
            .collect()
    }

    /// The `y` of the text element reading `label`.
    fn text_y(svg: &str, label: &str) -> f64 {
        let end = svg.find(&format!(">\n{label}\u{a0}\u{a0}\n</text>")).unwrap();
        let tag = &svg[svg[..end].rfind("<text").unwrap()..end];
        let from = tag.find(" y=\"").unwrap() + 4;
        tag[from..from + tag[from..].find('"').unwrap()].parse().unwrap()
    }

    #[test]
    fn a_bar_per_row_as_long_as_its_count() {
        let svg = bars(&rows(), Direction::Along, None).unwrap();
        let mut drawn: Vec<_> = rects(&svg).into_iter().filter(|r| r.2 > 0.0).collect();
        drawn.sort_by(|a, b| a.1.total_cmp(&b.1));
        assert_eq!(drawn.len(), 2, "a zero draws no bar: {svg}");
        let (big, small) = (drawn[0].2, drawn[1].2);
        assert!((big / small - 4.0).abs() < 0.2, "12 against 3, the first on top: {big} and {small}");
        assert!(text_y(&svg, "Mörk plats") < text_y(&svg, "Klotter"), "labels in the rows' order, top down");
        assert!(
            svg.contains(">\nMörk plats\u{a0}\u{a0}\n<"),
            "labels are text in the SVG, kept off the axis"
        );
        assert!(!svg.contains("<script>"), "labels are escaped");
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn months_go_up_in_their_order() {
        let months: Vec<(String, u32)> =
            [("okt. 2026", 2), ("nov. 2026", 8), ("dec. 2026", 4)].map(|(m, n)| (m.to_string(), n)).to_vec();
        let svg = bars(&months, Direction::Up, None).unwrap();
        let mut drawn = rects(&svg);
        drawn.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(drawn.len(), 3);
        assert!(drawn[1].3 > drawn[2].3 && drawn[2].3 > drawn[0].3, "heights follow the counts");
    }

    #[test]
    fn a_lone_bar_is_drawn_in_the_middle() {
        for direction in [Direction::Along, Direction::Up] {
            let svg = bars(&[("Gatuenheten".into(), 100)], direction, Some(100)).unwrap();
            let drawn: Vec<_> = rects(&svg).into_iter().filter(|r| r.2 > 0.0 && r.3 > 0.0).collect();
            assert_eq!(drawn.len(), 1, "{direction:?}: {svg}");
            assert!(svg.contains(">\nGatuenheten"));
            // The plot's middle across the rows: within the margins and the label areas (a lone
            // bar's chart has three rows).
            let (x, y, w, h) = drawn[0];
            let (start, end, bar) = match direction {
                Direction::Along => (MARGIN, along_height(3) - MARGIN - BOTTOM_LABELS, y + h / 2.0),
                Direction::Up => (MARGIN + LEFT_NUMBERS, WIDTH - MARGIN, x + w / 2.0),
            };
            let middle = f64::from(start + end) / 2.0;
            assert!((bar - middle).abs() < 4.0, "{direction:?}: the bar at {bar}, the middle {middle}");
        }
    }

    #[test]
    fn shares_are_drawn_against_a_fixed_end() {
        let half = bars(&[("Gatuenheten".into(), 50)], Direction::Along, Some(100)).unwrap();
        let full = bars(&[("Gatuenheten".into(), 100)], Direction::Along, Some(100)).unwrap();
        let widest = |svg: &str| rects(svg).iter().map(|r| r.2).fold(0.0, f64::max);
        let (h, f) = (widest(&half), widest(&full));
        assert!((f / h - 2.0).abs() < 0.1, "{h} against {f}");
    }

    #[test]
    fn long_labels_are_cut_and_data_urls_escape_what_a_url_cannot_hold() {
        assert_eq!(short("Gatu- och parkenheten i norra kommundelen").chars().count(), LABEL_MAX_CHARS);
        let url = data_url("<svg a=\"b\">#å</svg>");
        assert_eq!(url, "data:image/svg+xml;charset=utf-8,%3Csvg%20a=%22b%22%3E%23%C3%A5%3C/svg%3E");
    }
}
