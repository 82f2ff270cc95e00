//! The words of the user interface. They live in Fluent-style files under `core/locales/`
//! (`key = text`, `{ $name }` placeholders): what the report form and every element say in
//! `core/locales/{tag}.ftl`, what only the dialogue, the walk logger or the survey says in
//! `core/locales/{element}/`, the console's own in `core/locales/console/`.
//! Swedish is the default and the fallback, and always compiled in, each element's part with
//! its feature (`dialogue-words`, `walk-words`, `survey-words`), so that each of the widget's
//! modules carries its own element's words and no other's. The other languages are compiled in
//! with the `all-locales` feature (console, xtask), every part. The widget leaves them out, so
//! that residents download only their own language, and gives a locale's words to
//! [`Locale::load`] once it has fetched them (one file with every part, as the build joins
//! them). A test makes sure every locale has every key the code uses, in the part its element
//! has.

use std::sync::OnceLock;

/// The folders of `core/locales/` that hold the widget's words: what every element says (the
/// folder itself), then what only the dialogue, the walk logger or the survey says. Compiled in
/// as [`Locale::sources`] says; joined into one file per language for the widget to fetch.
pub const WORD_PARTS: [&str; 4] = ["", "dialogue", "walk", "survey"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    Sv,
    En,
    Fi,
    Ar,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Sv, Locale::En, Locale::Fi, Locale::Ar];

    /// BCP 47 tag as used in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Sv => "sv",
            Self::En => "en",
            Self::Fi => "fi",
            Self::Ar => "ar",
        }
    }

    /// The language's name in itself, as a language switcher lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Sv => "Svenska",
            Self::En => "English",
            Self::Fi => "Suomi",
            Self::Ar => "العربية",
        }
    }

    /// Written right to left (the `dir` attribute).
    pub fn is_rtl(self) -> bool {
        self == Self::Ar
    }

    /// The interfaces speaking this language completely: the widget speaks all four, the
    /// moderator console Swedish and English (it falls back to Swedish otherwise).
    pub fn covers_console(self) -> bool {
        matches!(self, Self::Sv | Self::En)
    }

    /// The best match for a language tag such as `sv-SE` or `en-GB`; `None` if we do not speak it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The widget's words (the console and the edge use them too), if they are at hand: compiled
    /// in, in parts, or given to [`Locale::load`], as one text. Empty while they are not.
    pub fn sources(self) -> Vec<&'static str> {
        let compiled = self.compiled();
        if compiled.is_empty() {
            return self.loaded().get().copied().into_iter().collect();
        }
        compiled
    }

    /// The parts of this locale's words that the build compiled in: what every element says,
    /// then the parts of the elements it has.
    fn compiled(self) -> Vec<&'static str> {
        macro_rules! parts {
            ($tag:literal) => {{
                #[allow(unused_mut)]
                let mut parts = vec![include_str!(concat!("../locales/", $tag, ".ftl"))];
                #[cfg(feature = "dialogue-words")]
                parts.push(include_str!(concat!("../locales/dialogue/", $tag, ".ftl")));
                #[cfg(feature = "walk-words")]
                parts.push(include_str!(concat!("../locales/walk/", $tag, ".ftl")));
                #[cfg(feature = "survey-words")]
                parts.push(include_str!(concat!("../locales/survey/", $tag, ".ftl")));
                parts
            }};
        }
        match self {
            Self::Sv => parts!("sv"),
            #[cfg(feature = "all-locales")]
            Self::En => parts!("en"),
            #[cfg(feature = "all-locales")]
            Self::Fi => parts!("fi"),
            #[cfg(feature = "all-locales")]
            Self::Ar => parts!("ar"),
            #[cfg(not(feature = "all-locales"))]
            _ => Vec::new(),
        }
    }

    /// Whether this locale's words are at hand (see [`Locale::sources`]).
    pub fn is_loaded(self) -> bool {
        !self.sources().is_empty()
    }

    /// Gives the words of a locale that is not compiled in (the contents of its file under
    /// `core/locales/`). The first words given stay; a locale that is compiled in keeps its own.
    pub fn load(self, source: String) {
        if !self.is_loaded() {
            // Kept for the rest of the page's life, like compiled-in words: a few kilobytes, once
            // per language a resident picks.
            let _ = self.loaded().set(Box::leak(source.into_boxed_str()));
        }
    }

    fn loaded(self) -> &'static OnceLock<&'static str> {
        static LOADED: [OnceLock<&'static str>; 4] = [const { OnceLock::new() }; 4];
        &LOADED[self as usize]
    }

    /// The console's own words (`core/locales/console/`), compiled in only with the `console`
    /// feature so that residents do not download them. Finnish and Arabic have none: the
    /// console falls back to Swedish.
    #[cfg(feature = "console")]
    pub fn console_source(self) -> &'static str {
        match self {
            Self::Sv => include_str!("../locales/console/sv.ftl"),
            Self::En => include_str!("../locales/console/en.ftl"),
            Self::Fi | Self::Ar => "",
        }
    }

    /// The locale's words by key; `None` while they are not at hand.
    fn messages(self) -> Option<&'static Words> {
        static SV: OnceLock<Words> = OnceLock::new();
        static EN: OnceLock<Words> = OnceLock::new();
        static FI: OnceLock<Words> = OnceLock::new();
        static AR: OnceLock<Words> = OnceLock::new();
        let cell = match self {
            Self::Sv => &SV,
            Self::En => &EN,
            Self::Fi => &FI,
            Self::Ar => &AR,
        };
        // Asked for every word shown: once the words are read, find them without gathering parts.
        if let Some(words) = cell.get() {
            return Some(words);
        }
        let sources = self.sources();
        if sources.is_empty() {
            return None;
        }
        Some(cell.get_or_init(|| {
            let words = sources.into_iter().flat_map(parse);
            #[cfg(feature = "console")]
            let words = words.chain(parse(self.console_source()));
            Words::new(words.collect())
        }))
    }
}

/// A language's words, sorted by key to be found by binary search: a few hundred of them, read
/// far more often than made, and in the residents' download a sorted list costs less code than
/// a hash map with its hasher.
struct Words(Vec<(&'static str, &'static str)>);

impl Words {
    /// `words` in file order; where a key comes twice, the later one counts.
    fn new(mut words: Vec<(&'static str, &'static str)>) -> Self {
        words.reverse();
        // Stable: of a key's entries, the last in the file stays first, and is the one kept.
        words.sort_by_key(|&(key, _)| key);
        words.dedup_by_key(|&mut (key, _)| key);
        Self(words)
    }

    fn get(&self, key: &str) -> Option<&'static str> {
        let at = self.0.binary_search_by_key(&key, |&(k, _)| k).ok()?;
        Some(self.0[at].1)
    }

    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// What the user interfaces pass to their components: the language they speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    pub fn t(&self, key: &str) -> String {
        translate(self.locale, key)
    }

    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        translate_with(self.locale, key, args)
    }

    /// Words about a number of things: `{key}-one` for exactly one where the language has it
    /// ("1 rapport", not "1 rapporter"), else `key`. `{ $count }` is the number, its thousands
    /// grouped as the language writes them.
    pub fn t_count(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        let one = format!("{key}-one");
        let has = |l: Locale, k: &str| l.messages().is_some_and(|words| words.contains_key(k));
        // The singular of the language the text comes from: the Swedish fallback's only if the
        // whole text falls back to Swedish.
        let from = if has(self.locale, key) { self.locale } else { Locale::Sv };
        let key = if count == 1 && has(from, &one) { one.as_str() } else { key };
        let number = self.number(count);
        let mut all = vec![("count", number.as_str())];
        all.extend_from_slice(args);
        self.t_with(key, &all)
    }

    /// `count` with its thousands grouped: `12 345` (a no-break space) in Swedish and Finnish,
    /// `12,345` in English and Arabic.
    pub fn number(&self, count: u64) -> String {
        let separator = match self.locale {
            Locale::Sv | Locale::Fi => '\u{a0}',
            Locale::En | Locale::Ar => ',',
        };
        let digits = count.to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// A figure with one decimal, or a dash where there is none (too few answers, no round).
    pub fn decimal_or_dash(&self, value: Option<f64>) -> String {
        value.map_or_else(|| "–".to_string(), |v| self.decimal(v, 1))
    }

    /// `value` with `places` decimals in the locale's way: `23,5` in Swedish and Finnish,
    /// `23.5` in English and Arabic (thousands grouped as [`I18n::number`] does).
    pub fn decimal(&self, value: f64, places: usize) -> String {
        let written = format!("{:.places$}", value.abs());
        let (whole, fraction) = written.split_once('.').unwrap_or((&written, ""));
        let point = match self.locale {
            Locale::Sv | Locale::Fi => ',',
            Locale::En | Locale::Ar => '.',
        };
        let sign =
            if value < 0.0 && written.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "-" } else { "" };
        let whole = self.number(whole.parse().unwrap_or(0));
        match fraction.is_empty() {
            true => format!("{sign}{whole}"),
            false => format!("{sign}{whole}{point}{fraction}"),
        }
    }
}

/// `key = value` per line; `#` starts a comment. Malformed lines are skipped here and
/// reported by [`check`], which the tests run.
pub fn parse(source: &str) -> Vec<(&str, &str)> {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, _)| is_key(k))
        .collect()
}

/// Lines of a locale file that are neither comments, blank, nor `key = value`.
pub fn check(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter(|l| !matches!(l.split_once('='), Some((k, _)) if is_key(k.trim())))
        .map(str::to_string)
        .collect()
}

fn is_key(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The text for `key`, in `locale`, else in Swedish (also while `locale`'s words are not at
/// hand), else the key itself (so a gap is visible, never a crash).
pub fn translate(locale: Locale, key: &str) -> String {
    translate_with(locale, key, &[])
}

/// As [`translate`], replacing `{ $name }` placeholders with the given values.
pub fn translate_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let in_locale = |l: Locale| l.messages().and_then(|words| words.get(key));
    let template = in_locale(locale).or_else(|| in_locale(Locale::Sv)).unwrap_or(key);
    args.iter()
        .fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{ ${name} }}"), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "console")]
    #[test]
    fn counts_say_one_thing_in_the_singular() {
        let sv = I18n::new(Locale::Sv);
        assert_eq!(sv.t_count("console-count", 1, &[]), "1 rapport visas.");
        assert_eq!(sv.t_count("console-count", 2, &[]), "2 rapporter visas.");
        assert_eq!(sv.t_count("console-count", 12345, &[]), "12\u{a0}345 rapporter visas.");
        assert_eq!(sv.t_count("no-such-words", 1, &[]), "no-such-words");
    }

    #[test]
    fn numbers_group_thousands_as_the_language_writes_them() {
        let sv = I18n::new(Locale::Sv);
        assert_eq!(sv.number(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(sv.number(999), "999");
        assert_eq!(I18n::new(Locale::En).number(1234), "1,234");
    }

    #[test]
    fn decimals_use_the_language_s_point() {
        let sv = I18n::new(Locale::Sv);
        assert_eq!(sv.decimal(23.46, 1), "23,5");
        assert_eq!(sv.decimal(2.0, 1), "2,0");
        assert_eq!(sv.decimal(1234.5, 1), "1\u{a0}234,5");
        assert_eq!(sv.decimal(-3.5, 1), "-3,5");
        assert_eq!(sv.decimal(-0.01, 1), "0,0");
        assert_eq!(sv.decimal(7.6, 0), "8");
        assert_eq!(I18n::new(Locale::En).decimal(23.5, 1), "23.5");
        assert_eq!(I18n::new(Locale::Ar).decimal(3.25, 2), "3.25");
    }

    #[test]
    fn a_missing_figure_is_a_dash() {
        let sv = I18n::new(Locale::Sv);
        assert_eq!(sv.decimal_or_dash(Some(40.0)), "40,0");
        assert_eq!(sv.decimal_or_dash(None), "–");
    }

    #[test]
    fn tags() {
        assert_eq!(Locale::from_tag("sv-SE"), Some(Locale::Sv));
        assert_eq!(Locale::from_tag("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fi-FI"), Some(Locale::Fi));
        assert_eq!(Locale::from_tag("ar-SE"), Some(Locale::Ar));
        assert!(Locale::Ar.is_rtl() && !Locale::Fi.is_rtl());
        assert_eq!(Locale::from_tag("de"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn placeholders_and_fallbacks() {
        Locale::En.load(include_str!("../locales/en.ftl").to_string());
        let sv = translate_with(Locale::Sv, "report-received", &[("case", "2026-0001")]);
        assert!(sv.contains("2026-0001") && !sv.contains("$case"), "{sv}");
        let en = translate_with(Locale::En, "report-received", &[("case", "2026-0001")]);
        assert_ne!(sv, en);
        assert_eq!(translate(Locale::En, "no-such-key"), "no-such-key");
    }

    /// Without `all-locales` (as the widget builds core), a language speaks Swedish until its
    /// words are loaded, and its own words after; the first words loaded stay.
    #[test]
    #[cfg(not(feature = "all-locales"))]
    fn a_locale_not_compiled_in_speaks_once_loaded() {
        assert!(Locale::Sv.is_loaded() && !Locale::Fi.is_loaded());
        assert_eq!(translate(Locale::Fi, "submit"), translate(Locale::Sv, "submit"));
        Locale::Fi.load("submit = Lähetä\n".to_string());
        assert!(Locale::Fi.is_loaded());
        assert_eq!(translate(Locale::Fi, "submit"), "Lähetä");
        // Words Finnish lacks still come in Swedish.
        assert_eq!(translate(Locale::Fi, "report-title"), translate(Locale::Sv, "report-title"));
        Locale::Fi.load("submit = Toinen\n".to_string());
        assert_eq!(translate(Locale::Fi, "submit"), "Lähetä");
    }

    #[test]
    #[cfg(feature = "all-locales")]
    fn every_locale_is_compiled_in() {
        assert!(Locale::ALL.into_iter().all(Locale::is_loaded));
        Locale::Fi.load("submit = Toinen\n".to_string());
        assert_ne!(translate(Locale::Fi, "submit"), "Toinen");
    }

    #[test]
    fn words_are_found_by_key_and_a_later_line_counts_over_an_earlier() {
        let words = Words::new(parse("b-key = B\na-key = A\nc-key = C1\nc-key = C2\n"));
        assert_eq!(words.get("a-key"), Some("A"));
        assert_eq!(words.get("b-key"), Some("B"));
        assert_eq!(words.get("c-key"), Some("C2"));
        assert_eq!(words.get("d-key"), None);
        assert!(words.contains_key("c-key") && !words.contains_key(""));
        // Every Swedish key is found, with the text of its last line in the file.
        let file: Vec<_> = Locale::Sv.sources().into_iter().flat_map(parse).collect();
        let sv = Words::new(file.clone());
        for (key, _) in &file {
            let last = file.iter().rev().find(|(k, _)| k == key).map(|(_, text)| *text);
            assert_eq!(sv.get(key), last, "{key}");
        }
    }

    #[test]
    fn parse_skips_comments() {
        let parsed = parse("# c\nkey-a = A\n\nkey-b=B = C\nBad Key = x\n");
        assert_eq!(parsed, vec![("key-a", "A"), ("key-b", "B = C")]);
        assert_eq!(check("# c\nkey-a = A\nBad Key = x\nnoequals\n"), vec!["Bad Key = x", "noequals"]);
    }
}
