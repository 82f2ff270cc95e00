//! Cleaning of free text typed by residents: the same in the form and at the edge.

/// Unicode NFC, control characters removed (line breaks and tabs kept, `\r\n` folded to `\n`),
/// and leading/trailing white space trimmed. Lengths are then counted in characters of this form.
pub fn clean(input: &str) -> String {
    let folded = input.replace("\r\n", "\n");
    let normalized: String = nfc(&folded).filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
    normalized.trim().to_string()
}

#[cfg(feature = "nfc")]
fn nfc(text: &str) -> impl Iterator<Item = char> + '_ {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
}

/// Without the `nfc` feature (the widget) the text is already NFC: the widget has the browser
/// normalise what was typed (`String.prototype.normalize`) before the rules see it, so both
/// sides count the same characters. The edge, which decides, always normalises itself; any
/// other user of core that takes text from elsewhere must turn `nfc` on.
#[cfg(not(feature = "nfc"))]
fn nfc(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
}

/// `text` cleaned and made one line (runs of white space, line breaks included, become one
/// space): for names that label something, such as a map layer or a place on it.
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The length the rules count: Unicode scalar values, so "å" counts as one whatever its input form.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The start of `text` on one line, at most `max` characters: cut at a word where there is
/// one and ended with "…" when anything was left out.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if char_len(&line) <= max {
        return line;
    }
    let keep = max.saturating_sub(1);
    let cut: String = line.chars().take(keep).collect();
    let ends_a_word = line.chars().nth(keep) == Some(' ');
    let at_word = match cut.rfind(' ') {
        Some(space) if !ends_a_word && space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', '.', ';', ':']))
}

/// `text` made safe to hand to an API that takes HTML (Leaflet's attribution line): every
/// character that means something in HTML is escaped, so the text shows as written.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_line_cut_at_a_word() {
        assert_eq!(excerpt("Mörkt vid\nStorgatan", 40), "Mörkt vid Storgatan");
        assert_eq!(
            excerpt("Lampan vid busshållplatsen är trasig sedan länge", 30),
            "Lampan vid busshållplatsen är…"
        );
        assert_eq!(
            char_len(&excerpt(&"å".repeat(100), 20)),
            20,
            "a word longer than the excerpt is cut inside"
        );
        assert_eq!(excerpt("", 10), "");
    }

    #[test]
    fn html_is_escaped_to_show_as_written() {
        assert_eq!(escape_html("© OpenStreetMap contributors"), "© OpenStreetMap contributors");
        assert_eq!(
            escape_html(r#"<img src=x onerror="alert('x')"> & co"#),
            "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co"
        );
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn normalizes_to_nfc() {
        let decomposed = "a\u{030A}"; // a + combining ring = å
        assert_eq!(clean(decomposed), "å");
        assert_eq!(char_len(&clean(decomposed)), 1);
    }

    #[test]
    fn strips_controls_but_keeps_line_breaks() {
        assert_eq!(clean("  mörk\u{0007} gång\r\ntunnel\u{0000}\t!  "), "mörk gång\ntunnel\t!");
        assert_eq!(clean("\u{202E}x"), "\u{202E}x", "format characters are not controls");
        assert_eq!(clean("\u{009B}x"), "x", "C1 controls are removed");
    }

    #[test]
    fn blank_becomes_empty() {
        assert_eq!(clean(" \n\t "), "");
    }
}
