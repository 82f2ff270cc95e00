//! The municipality's own questions, shown after the pin: the safety coordinator chooses them
//! (single choice, multiple choice, a scale of 1–5 or a short text), in the languages the
//! widget offers. Answers are stored under the question's and option's ids, which never change
//! once given, so editing the wording or order never breaks stored answers, and removing a
//! question or an option keeps its stored answers (the dashboard lists them as removed).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field_error::FieldErrorCode;
use crate::i18n::Locale;
use crate::text;

/// A text in several languages, keyed by language tag (`sv`, `en`, …). Swedish is required.
pub type Texts = BTreeMap<String, String>;

/// Words in Swedish and English, as Tryggve's own defaults come (a municipality adds the rest).
pub fn sv_en(sv: &str, en: &str) -> Texts {
    Texts::from([("sv".to_string(), sv.to_string()), ("en".to_string(), en.to_string())])
}

pub const MAX_QUESTIONS: usize = 20;
pub const MAX_OPTIONS: usize = 20;
pub const QUESTION_MAX_CHARS: usize = 300;
pub const OPTION_MAX_CHARS: usize = 120;
/// A short text answer: a few words, not a story (the description is for that).
pub const SHORT_TEXT_MAX_CHARS: usize = 200;
pub const SCALE_MIN: u8 = 1;
pub const SCALE_MAX: u8 = 5;

/// A question no longer asked: its answers stay in the reports, so its id stays taken by its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RetiredQuestion {
    pub id: String,
    pub kind: QuestionKind,
}

/// The retired questions after `old` became `new`: those removed now join the earlier ones;
/// one asked again is no longer retired (the question itself holds its kind then).
pub fn retire(old: &[Question], new: &[Question], retired: &[RetiredQuestion]) -> Vec<RetiredQuestion> {
    let removed = old.iter().map(|q| RetiredQuestion { id: q.id.clone(), kind: q.kind });
    let mut all: Vec<RetiredQuestion> = Vec::new();
    for r in retired.iter().cloned().chain(removed) {
        if !new.iter().any(|q| q.id == r.id) && !all.iter().any(|a| a.id == r.id) {
            all.push(r);
        }
    }
    all
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    /// 1 (not at all) to 5 (very much).
    Scale,
    ShortText,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] =
        [Self::SingleChoice, Self::MultipleChoice, Self::Scale, Self::ShortText];

    pub fn id(self) -> &'static str {
        match self {
            Self::SingleChoice => "single_choice",
            Self::MultipleChoice => "multiple_choice",
            Self::Scale => "scale",
            Self::ShortText => "short_text",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn has_options(self) -> bool {
        matches!(self, Self::SingleChoice | Self::MultipleChoice)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AnswerOption {
    pub id: String,
    pub text: Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Question {
    /// Answers are stored under this id: it stays when the wording changes.
    pub id: String,
    pub text: Texts,
    pub kind: QuestionKind,
    #[serde(default)]
    pub required: bool,
    /// The choices of a single- or multiple-choice question, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
}

/// One answer as the widget sends it and the edge stores it: an option id or a short text
/// (single choice, short text), option ids (multiple choice), or a number (scale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum AnswerValue {
    Number(u8),
    Text(String),
    Choices(Vec<String>),
}

/// Answers keyed by question id.
pub type Answers = BTreeMap<String, AnswerValue>;

/// A problem with one answer, for the form to show next to its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub question: String,
    pub code: FieldErrorCode,
}

/// Checked answers, split by what they are: choices and scales are kept for statistics;
/// short texts are free text a resident wrote, removed with the rest of the report's personal
/// parts when the retention period ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedAnswers {
    pub choices: Answers,
    pub texts: Answers,
}

/// The text in `lang`, else Swedish, else any; empty if there is none.
pub fn text_in<'a>(texts: &'a Texts, lang: &str) -> &'a str {
    text_and_language(texts, lang).0
}

/// The text in `lang`, else Swedish, else any, with the language it is in (so that a fallback
/// can be marked with its own `lang` for screen readers).
pub fn text_and_language<'a>(texts: &'a Texts, lang: &str) -> (&'a str, &'a str) {
    let usable = |l: &str| texts.get_key_value(l).filter(|(_, t)| !t.trim().is_empty());
    usable(lang)
        .or_else(|| usable("sv"))
        .or_else(|| texts.iter().next())
        .map_or(("", "sv"), |(l, t)| (t.as_str(), l.as_str()))
}

/// Question and option ids: short, lowercase, ASCII (they appear in exports and field names).
pub fn is_valid_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Checks a resident's answers against the questionnaire. Every problem is returned, in
/// question order, so that the form can mark them all at once.
pub fn check_answers(questions: &[Question], answers: &Answers) -> Result<CheckedAnswers, Vec<AnswerError>> {
    use FieldErrorCode::*;
    let mut errors = Vec::new();
    let mut checked = CheckedAnswers::default();
    let fail = |errors: &mut Vec<AnswerError>, q: &str, code| {
        errors.push(AnswerError { question: q.to_string(), code })
    };

    for id in answers.keys() {
        if !questions.iter().any(|q| &q.id == id) {
            fail(&mut errors, id, InvalidChoice);
        }
    }
    for q in questions {
        let offered = |option: &str| q.options.iter().any(|o| o.id == option);
        let answer = match answers.get(&q.id) {
            None => None,
            Some(AnswerValue::Text(t)) if text::clean(t).is_empty() => None,
            Some(AnswerValue::Choices(c)) if c.is_empty() => None,
            Some(a) => Some(a),
        };
        let Some(answer) = answer else {
            if q.required {
                fail(&mut errors, &q.id, Required);
            }
            continue;
        };
        match (q.kind, answer) {
            (QuestionKind::SingleChoice, AnswerValue::Text(option)) if offered(option) => {
                checked.choices.insert(q.id.clone(), answer.clone());
            }
            (QuestionKind::MultipleChoice, AnswerValue::Choices(options))
                if options.iter().all(|o| offered(o)) =>
            {
                // In the questionnaire's order, each once.
                let chosen: Vec<String> =
                    q.options.iter().filter(|o| options.contains(&o.id)).map(|o| o.id.clone()).collect();
                if chosen.len() != options.len() {
                    fail(&mut errors, &q.id, InvalidChoice);
                } else {
                    checked.choices.insert(q.id.clone(), AnswerValue::Choices(chosen));
                }
            }
            (QuestionKind::Scale, AnswerValue::Number(n)) if (SCALE_MIN..=SCALE_MAX).contains(n) => {
                checked.choices.insert(q.id.clone(), answer.clone());
            }
            (QuestionKind::ShortText, AnswerValue::Text(t)) => {
                let cleaned = text::clean(t);
                if text::char_len(&cleaned) > SHORT_TEXT_MAX_CHARS {
                    fail(&mut errors, &q.id, TooLong);
                } else {
                    checked.texts.insert(q.id.clone(), AnswerValue::Text(cleaned));
                }
            }
            _ => fail(&mut errors, &q.id, InvalidChoice),
        }
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// A problem with the questionnaire an admin wants to save: where (`questions[2].options`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireError {
    pub path: String,
    pub code: FieldErrorCode,
}

fn check_texts(texts: &Texts, max: usize, path: String, errors: &mut Vec<QuestionnaireError>) {
    use FieldErrorCode::*;
    if texts.get("sv").is_none_or(|t| text::clean(t).is_empty()) {
        errors.push(QuestionnaireError { path: format!("{path}.sv"), code: Required });
    }
    for (lang, t) in texts {
        if Locale::from_tag(lang).is_none_or(|l| l.tag() != lang) {
            errors.push(QuestionnaireError { path: format!("{path}.{lang}"), code: InvalidChoice });
        } else if text::char_len(&text::clean(t)) > max {
            errors.push(QuestionnaireError { path: format!("{path}.{lang}"), code: TooLong });
        }
    }
}

/// Checks a questionnaire an admin wants to save, against the one saved before: ids are unique
/// and well-formed, every text has Swedish, choice questions have 2–20 options, and a question
/// keeps its kind (a stored "3" must stay a scale answer; a new question takes a new id).
pub fn check_questionnaire(
    new: &[Question],
    old: &[Question],
    retired: &[RetiredQuestion],
) -> Result<Vec<Question>, Vec<QuestionnaireError>> {
    use FieldErrorCode::*;
    let mut errors = Vec::new();
    let mut fail = |path: String, code| errors.push(QuestionnaireError { path, code });
    if new.len() > MAX_QUESTIONS {
        fail("questionnaire".into(), TooLong);
    }
    let mut cleaned = Vec::new();
    for (i, q) in new.iter().enumerate() {
        let path = format!("questionnaire[{i}]");
        if !is_valid_id(&q.id) {
            fail(format!("{path}.id"), InvalidChoice);
        } else if new[..i].iter().any(|earlier| earlier.id == q.id) {
            fail(format!("{path}.id"), AlreadyExists);
        }
        let mut earlier_kinds =
            old.iter().map(|o| (&o.id, o.kind)).chain(retired.iter().map(|r| (&r.id, r.kind)));
        if earlier_kinds.any(|(id, kind)| *id == q.id && kind != q.kind) {
            fail(format!("{path}.kind"), InvalidTransition);
        }
        let mut text_errors = Vec::new();
        check_texts(&q.text, QUESTION_MAX_CHARS, format!("{path}.text"), &mut text_errors);
        for (j, o) in q.options.iter().enumerate() {
            let opath = format!("{path}.options[{j}]");
            if !is_valid_id(&o.id) {
                fail(format!("{opath}.id"), InvalidChoice);
            } else if q.options[..j].iter().any(|earlier| earlier.id == o.id) {
                fail(format!("{opath}.id"), AlreadyExists);
            }
            check_texts(&o.text, OPTION_MAX_CHARS, format!("{opath}.text"), &mut text_errors);
        }
        for e in text_errors {
            fail(e.path, e.code);
        }
        match (q.kind.has_options(), q.options.len()) {
            (true, n) if n < 2 => fail(format!("{path}.options"), Required),
            (true, n) if n > MAX_OPTIONS => fail(format!("{path}.options"), TooLong),
            (false, n) if n > 0 => fail(format!("{path}.options"), InvalidChoice),
            _ => {}
        }
        let clean_texts = |t: &Texts| {
            t.iter().map(|(l, s)| (l.clone(), text::clean(s))).filter(|(_, s)| !s.is_empty()).collect()
        };
        cleaned.push(Question {
            id: q.id.clone(),
            text: clean_texts(&q.text),
            kind: q.kind,
            required: q.required,
            options: q
                .options
                .iter()
                .map(|o| AnswerOption { id: o.id.clone(), text: clean_texts(&o.text) })
                .collect(),
        });
    }
    if errors.is_empty() {
        Ok(cleaned)
    } else {
        Err(errors)
    }
}

/// How one question was answered across a set of reports, for the dashboard.
/// How many times one key (an option, a scale step, a category, an area) was counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Count {
    pub key: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AnswerSummary {
    pub question: String,
    pub kind: QuestionKind,
    /// Reports that answered the question.
    pub answered: u32,
    /// Per option id (in the questionnaire's order, then removed options), or per scale step
    /// "1"–"5". Empty for short texts, which are read case by case.
    pub counts: Vec<Count>,
    /// The average of a scale question's answers.
    pub mean: Option<f64>,
}

/// The shape of a stored answer, named as SQLite's `json_type` names it, so that the store
/// can count answers in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnswerShape {
    Text,
    Choices,
    Number,
}

impl AnswerShape {
    pub fn sql_type(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Choices => "array",
            Self::Number => "integer",
        }
    }

    /// The shape SQLite's `json_type` names; `None` for shapes no answer has.
    pub fn from_sql_type(name: &str) -> Option<Self> {
        [Self::Text, Self::Choices, Self::Number].into_iter().find(|s| s.sql_type() == name)
    }

    fn of(value: &AnswerValue) -> Self {
        match value {
            AnswerValue::Text(_) => Self::Text,
            AnswerValue::Choices(_) => Self::Choices,
            AnswerValue::Number(_) => Self::Number,
        }
    }
}

/// How many reports answered `question` with an answer of `shape` (`value` none), or how many
/// answers of that shape were `value` (an option id, a scale step; each option of a multiple
/// choice counts once). Values of short texts need not be counted: no summary shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerTally {
    pub question: String,
    pub shape: AnswerShape,
    pub value: Option<String>,
    pub count: u32,
}

/// The tallies of a set of reports' answers, counted here rather than in SQL (see the edge's
/// `store::situation`, which counts the same).
pub fn tally<'a>(reports: impl IntoIterator<Item = &'a Answers>) -> Vec<AnswerTally> {
    let mut counts = BTreeMap::<(String, AnswerShape, Option<String>), u32>::new();
    for answers in reports {
        for (question, value) in answers {
            let shape = AnswerShape::of(value);
            let values = match value {
                AnswerValue::Text(text) => vec![text.clone()],
                AnswerValue::Choices(options) => options.clone(),
                AnswerValue::Number(n) => vec![n.to_string()],
            };
            *counts.entry((question.clone(), shape, None)).or_default() += 1;
            for value in values {
                *counts.entry((question.clone(), shape, Some(value))).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|((question, shape, value), count)| AnswerTally { question, shape, value, count })
        .collect()
}

/// How each current question was answered, from the tallies of the reports' answers.
pub fn summarise(questions: &[Question], tallies: &[AnswerTally]) -> Vec<AnswerSummary> {
    questions
        .iter()
        .map(|q| {
            // An answer of another shape (stored under an id before it was reused) is not an
            // answer to this question and counts nowhere.
            let shape = match q.kind {
                QuestionKind::SingleChoice | QuestionKind::ShortText => AnswerShape::Text,
                QuestionKind::MultipleChoice => AnswerShape::Choices,
                QuestionKind::Scale => AnswerShape::Number,
            };
            let mine = tallies.iter().filter(|t| t.question == q.id && t.shape == shape);
            let mut counts: Vec<Count> = match q.kind {
                QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                    q.options.iter().map(|o| Count { key: o.id.clone(), count: 0 }).collect()
                }
                QuestionKind::Scale => {
                    (SCALE_MIN..=SCALE_MAX).map(|n| Count { key: n.to_string(), count: 0 }).collect()
                }
                QuestionKind::ShortText => Vec::new(),
            };
            let (mut answered, mut sum) = (0u32, 0u64);
            for t in mine {
                let Some(value) = &t.value else {
                    answered += t.count;
                    continue;
                };
                if q.kind == QuestionKind::ShortText {
                    continue;
                }
                if let Ok(n) = value.parse::<u64>() {
                    sum += n * u64::from(t.count);
                }
                match counts.iter_mut().find(|c| &c.key == value) {
                    Some(c) => c.count += t.count,
                    None => counts.push(Count { key: value.clone(), count: t.count }),
                }
            }
            let mean =
                (q.kind == QuestionKind::Scale && answered > 0).then(|| sum as f64 / f64::from(answered));
            AnswerSummary { question: q.id.clone(), kind: q.kind, answered, counts, mean }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sv: &str) -> Texts {
        Texts::from([("sv".to_string(), sv.to_string())])
    }

    fn option(id: &str) -> AnswerOption {
        AnswerOption { id: id.into(), text: texts(id) }
    }

    fn questionnaire() -> Vec<Question> {
        vec![
            Question {
                id: "help".into(),
                text: texts("Vad skulle hjälpa?"),
                kind: QuestionKind::MultipleChoice,
                required: true,
                options: vec![option("light"), option("guards"), option("cleaning")],
            },
            Question {
                id: "often".into(),
                text: texts("Hur ofta är du här?"),
                kind: QuestionKind::SingleChoice,
                required: false,
                options: vec![option("daily"), option("weekly")],
            },
            Question {
                id: "unsafe".into(),
                text: texts("Hur otrygg känner du dig?"),
                kind: QuestionKind::Scale,
                required: false,
                options: vec![],
            },
            Question {
                id: "idea".into(),
                text: texts("Förslag?"),
                kind: QuestionKind::ShortText,
                required: false,
                options: vec![],
            },
        ]
    }

    fn answers(pairs: &[(&str, AnswerValue)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn choices(ids: &[&str]) -> AnswerValue {
        AnswerValue::Choices(ids.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn good_answers_are_split_into_choices_and_texts() {
        let given = answers(&[
            ("help", choices(&["cleaning", "light"])),
            ("often", AnswerValue::Text("weekly".into())),
            ("unsafe", AnswerValue::Number(4)),
            ("idea", AnswerValue::Text("  Fler lampor\u{0007} ".into())),
        ]);
        let checked = check_answers(&questionnaire(), &given).unwrap();
        // Multiple choices come back in the questionnaire's order.
        assert_eq!(checked.choices["help"], choices(&["light", "cleaning"]));
        assert_eq!(checked.choices["unsafe"], AnswerValue::Number(4));
        assert_eq!(checked.texts["idea"], AnswerValue::Text("Fler lampor".into()));
        assert!(!checked.choices.contains_key("idea"));
    }

    #[test]
    fn every_bad_answer_is_named() {
        let given = answers(&[
            ("often", AnswerValue::Text("never".into())),
            ("unsafe", AnswerValue::Number(6)),
            ("idea", AnswerValue::Text("x".repeat(SHORT_TEXT_MAX_CHARS + 1))),
            ("ghost", AnswerValue::Number(1)),
        ]);
        let errors = check_answers(&questionnaire(), &given).unwrap_err();
        let found: Vec<(&str, FieldErrorCode)> =
            errors.iter().map(|e| (e.question.as_str(), e.code)).collect();
        assert_eq!(
            found,
            vec![
                ("ghost", FieldErrorCode::InvalidChoice),
                ("help", FieldErrorCode::Required),
                ("often", FieldErrorCode::InvalidChoice),
                ("unsafe", FieldErrorCode::InvalidChoice),
                ("idea", FieldErrorCode::TooLong),
            ]
        );
    }

    #[test]
    fn wrong_shapes_and_repeats_are_refused() {
        let q = questionnaire();
        for bad in [
            answers(&[("help", AnswerValue::Text("light".into()))]),
            answers(&[("help", choices(&["light", "light"]))]),
            answers(&[("help", choices(&["light"])), ("unsafe", AnswerValue::Text("3".into()))]),
            answers(&[("help", choices(&["light"])), ("often", choices(&["daily"]))]),
        ] {
            assert!(check_answers(&q, &bad).is_err(), "{bad:?}");
        }
        // Blank is the same as no answer.
        let blank = answers(&[("help", choices(&["guards"])), ("idea", AnswerValue::Text("   ".into()))]);
        assert!(check_answers(&q, &blank).unwrap().texts.is_empty());
    }

    #[test]
    fn answers_parse_from_the_wire_format() {
        let parsed: Answers = serde_json::from_str(r#"{"a":"x","b":["y","z"],"c":3}"#).unwrap();
        assert_eq!(parsed["a"], AnswerValue::Text("x".into()));
        assert_eq!(parsed["b"], choices(&["y", "z"]));
        assert_eq!(parsed["c"], AnswerValue::Number(3));
        assert!(serde_json::from_str::<Answers>(r#"{"a":{"b":1}}"#).is_err());
        assert!(serde_json::from_str::<Answers>(r#"{"a":-1}"#).is_err());
    }

    #[test]
    fn a_questionnaire_must_be_well_formed() {
        assert!(check_questionnaire(&questionnaire(), &[], &[]).is_ok());
        let mut bad = questionnaire();
        bad[1].id = "help".into();
        bad[2].options = vec![option("x")];
        bad[0].options.truncate(1);
        bad[3].text = Texts::from([("en".to_string(), "Ideas?".to_string())]);
        bad[3].text.insert("xx".into(), "?".into());
        let errors = check_questionnaire(&bad, &[], &[]).unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "questionnaire[0].options",
                "questionnaire[1].id",
                "questionnaire[2].options",
                "questionnaire[3].text.sv",
                "questionnaire[3].text.xx"
            ]
        );
    }

    #[test]
    fn a_question_keeps_its_kind_but_may_change_its_words() {
        let old = questionnaire();
        let mut new = old.clone();
        new[0].text.insert("sv".into(), "Vad behövs?".into());
        new[0].options.remove(1);
        new.remove(3);
        assert!(check_questionnaire(&new, &old, &[]).is_ok());
        new[1].kind = QuestionKind::MultipleChoice;
        let errors = check_questionnaire(&new, &old, &[]).unwrap_err();
        assert_eq!(errors[0].path, "questionnaire[1].kind");
        assert_eq!(errors[0].code, FieldErrorCode::InvalidTransition);
    }

    #[test]
    fn a_removed_question_can_come_back_only_as_its_own_kind() {
        let old = questionnaire();
        // Saved once without question 1 ("often", single choice): it is retired.
        let without: Vec<Question> = old.iter().filter(|q| q.id != "often").cloned().collect();
        let retired = retire(&old, &without, &[]);
        assert_eq!(retired, vec![RetiredQuestion { id: "often".into(), kind: QuestionKind::SingleChoice }]);
        // Saved again, still without it: it stays retired.
        assert_eq!(retire(&without, &without, &retired), retired);
        // Back as a scale: refused, though the questionnaire just before did not have it.
        let mut back = without.clone();
        back.push(Question { kind: QuestionKind::Scale, options: vec![], ..old[1].clone() });
        let errors = check_questionnaire(&back, &without, &retired).unwrap_err();
        assert_eq!(
            (errors[0].path.as_str(), errors[0].code),
            ("questionnaire[3].kind", FieldErrorCode::InvalidTransition)
        );
        // Back as what it was: allowed, and no longer retired.
        back[3] = old[1].clone();
        assert!(check_questionnaire(&back, &without, &retired).is_ok());
        assert!(retire(&without, &back, &retired).is_empty());
    }

    #[test]
    fn an_answer_of_another_shape_counts_nowhere() {
        // "unsafe" is a scale; an old text answer under that id must not lower its mean.
        let stored = [
            answers(&[("unsafe", AnswerValue::Number(4))]),
            answers(&[("unsafe", AnswerValue::Text("daily".into()))]),
        ];
        let summary = summarise(&questionnaire(), &tally(stored.iter()));
        assert_eq!((summary[2].answered, summary[2].mean), (1, Some(4.0)));
    }

    #[test]
    fn summaries_count_options_scales_and_removed_options() {
        let stored = [
            answers(&[("help", choices(&["light", "guards"])), ("unsafe", AnswerValue::Number(4))]),
            answers(&[("help", choices(&["light", "removed"])), ("unsafe", AnswerValue::Number(2))]),
            answers(&[("often", AnswerValue::Text("daily".into())), ("idea", AnswerValue::Text("x".into()))]),
        ];
        let summary = summarise(&questionnaire(), &tally(stored.iter()));
        let counts =
            |i: usize| summary[i].counts.iter().map(|c| (c.key.as_str(), c.count)).collect::<Vec<_>>();
        assert_eq!(summary[0].answered, 2);
        assert_eq!(counts(0), vec![("light", 2), ("guards", 1), ("cleaning", 0), ("removed", 1)]);
        assert_eq!(counts(1), vec![("daily", 1), ("weekly", 0)]);
        assert_eq!(counts(2), vec![("1", 0), ("2", 1), ("3", 0), ("4", 1), ("5", 0)]);
        assert_eq!(summary[2].mean, Some(3.0));
        assert_eq!((summary[3].answered, summary[3].counts.len()), (1, 0));
    }

    #[test]
    fn texts_fall_back_to_swedish() {
        let mut t = texts("Hej");
        t.insert("en".into(), "Hello".into());
        assert_eq!(text_in(&t, "en"), "Hello");
        assert_eq!(text_in(&t, "ar"), "Hej");
        assert_eq!(text_in(&Texts::new(), "sv"), "");
        assert_eq!(text_and_language(&t, "ar"), ("Hej", "sv"), "a fallback says its language");
        assert_eq!(text_and_language(&t, "en"), ("Hello", "en"));
    }
}
