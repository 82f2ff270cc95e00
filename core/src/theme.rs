//! The municipality's look: accent colour, font and corner radius. The widget turns these into
//! CSS custom properties on its host element, below any the host page sets itself. The accent
//! carries white text on buttons and marks focus, so it must keep WCAG AA contrast on white.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Theme {
    /// `#rrggbb`, at least 4.5:1 against white.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// A CSS font-family list, such as `"Open Sans", Arial, sans-serif`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// Corner radius in pixels (0–24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_px: Option<u8>,
}

/// WCAG AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;
pub const MAX_RADIUS_PX: u8 = 24;

/// The red, green and blue of `#rrggbb`.
pub fn parse_hex(colour: &str) -> Option<(u8, u8, u8)> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// WCAG 2.1 relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of a colour against white (1 to 21).
pub fn contrast_on_white(colour: (u8, u8, u8)) -> f64 {
    1.05 / (luminance(colour) + 0.05)
}

/// A font-family list that cannot break out of its declaration: comma-separated families, each
/// either one quoted name (no other quote inside) or plain words.
pub fn is_font_family(font: &str) -> bool {
    let family = |f: &str| {
        let f = f.trim();
        let quoted = |q: char| {
            f.len() >= 3 && f.starts_with(q) && f.ends_with(q) && !f[1..f.len() - 1].contains(['"', '\''])
        };
        let plain = !f.is_empty() && !f.contains(['"', '\'']);
        quoted('"') || quoted('\'') || plain
    };
    (1..=200).contains(&font.len())
        && font.chars().all(|c| c.is_alphanumeric() || " ,-_'\"".contains(c))
        && font.split(',').all(family)
}

/// Why a theme value is refused, by field name (`accent`, `font`, `radius_px`).
pub fn check(theme: &Theme) -> Vec<(&'static str, crate::field_error::FieldErrorCode)> {
    use crate::field_error::FieldErrorCode::*;
    let mut errors = Vec::new();
    if let Some(accent) = &theme.accent {
        match parse_hex(accent) {
            None => errors.push(("accent", InvalidChoice)),
            Some(rgb) if contrast_on_white(rgb) < MIN_CONTRAST => errors.push(("accent", LowContrast)),
            Some(_) => {}
        }
    }
    if theme.font.as_deref().is_some_and(|f| !is_font_family(f)) {
        errors.push(("font", InvalidChoice));
    }
    if theme.radius_px.is_some_and(|r| r > MAX_RADIUS_PX) {
        errors.push(("radius_px", InvalidChoice));
    }
    errors
}

/// The theme as CSS for the widget's shadow root: `:host` rules, which the host page's own
/// rules on the element still override.
pub fn host_css(theme: &Theme) -> String {
    let mut declarations = Vec::new();
    let readable = |a: &&str| parse_hex(a).is_some_and(|rgb| contrast_on_white(rgb) >= MIN_CONTRAST);
    if let Some(accent) = theme.accent.as_deref().filter(readable) {
        declarations.push(format!("--tryggve-accent: {accent}"));
    }
    if let Some(font) = theme.font.as_deref().filter(|f| is_font_family(f)) {
        declarations.push(format!("--tryggve-font: {font}"));
    }
    if let Some(radius) = theme.radius_px.filter(|r| *r <= MAX_RADIUS_PX) {
        declarations.push(format!("--tryggve-radius: {radius}px"));
    }
    if declarations.is_empty() {
        String::new()
    } else {
        format!(":host {{ {}; }}", declarations.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_error::FieldErrorCode::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_on_white((0, 0, 0)) - 21.0).abs() < 1e-9);
        assert!((contrast_on_white((255, 255, 255)) - 1.0).abs() < 1e-9);
        // The widget's default accent and a typical municipal blue pass; a light blue does not.
        assert!(contrast_on_white(parse_hex("#0b57a4").unwrap()) >= MIN_CONTRAST);
        assert!(contrast_on_white(parse_hex("#767676").unwrap()) >= MIN_CONTRAST);
        assert!(contrast_on_white(parse_hex("#777777").unwrap()) < MIN_CONTRAST);
    }

    #[test]
    fn themes_are_checked() {
        let good = Theme {
            accent: Some("#005a70".into()),
            font: Some("\"Open Sans\", Arial, sans-serif".into()),
            radius_px: Some(8),
        };
        assert!(check(&good).is_empty());
        assert_eq!(host_css(&good), ":host { --tryggve-accent: #005a70; --tryggve-font: \"Open Sans\", Arial, sans-serif; --tryggve-radius: 8px; }");
        let bad = Theme {
            accent: Some("#7fb2ff".into()),
            font: Some("x; } body { display: none".into()),
            radius_px: Some(40),
        };
        assert_eq!(
            check(&bad),
            vec![("accent", LowContrast), ("font", InvalidChoice), ("radius_px", InvalidChoice)]
        );
        assert_eq!(host_css(&bad), "", "nothing unchecked reaches the CSS");
        assert_eq!(
            check(&Theme { accent: Some("blue".into()), ..Theme::default() }),
            vec![("accent", InvalidChoice)]
        );
        assert_eq!(host_css(&Theme::default()), "");
    }

    #[test]
    fn font_lists_are_families_with_balanced_quotes() {
        for good in ["Arial", "\"Open Sans\", Arial, sans-serif", "'Source Sans 3', system-ui", "Segoe UI"] {
            assert!(is_font_family(good), "{good}");
        }
        // Quotes that balance in number but not per family would leave a CSS string open.
        for bad in ["'a\", \"b'", "\"Open Sans", "Arial,, serif", "\"\"", "'It's'", "Arial;", ""] {
            assert!(!is_font_family(bad), "{bad}");
        }
    }
}
