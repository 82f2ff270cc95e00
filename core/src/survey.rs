//! The perceived-safety survey (trygghetsmätning): a short survey a municipality runs in rounds
//! (every spring, say), modelled on the police's local trygghetsmätning and BRÅ's Nationella
//! trygghetsundersökningen (NTU). The comparable core never changes: how safe one would feel out
//! alone late in the evening in one's area, how often one worries about crime, and which area
//! one lives in. The problems in the area (littering, graffiti, …) are the municipality's list:
//! an item keeps its id while its words change, so rounds stay comparable; a new item is a new
//! id. Results are per area and round, and an area with fewer than [`MIN_ANSWERS_SHOWN`]
//! answers shows no figures, so that no one's answers can be picked out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::Area;
use crate::questionnaire::{sv_en, Texts};

/// An area with fewer answers than this in a round shows only that it has too few.
pub const MIN_ANSWERS_SHOWN: u32 = 10;
pub const MAX_PROBLEMS: usize = 12;
pub const PROBLEM_MAX_CHARS: usize = 120;
pub const ROUND_NAME_MAX_CHARS: usize = 80;
/// A device's key for a round: random, made on the device, kept there (not a cookie, never
/// sent anywhere else); the edge keeps only a keyed hash of it.
pub const DEVICE_KEY_CHARS: usize = 32;

/// How safe one would feel out alone late in the evening in one's area (NTU's question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Safety {
    VerySafe,
    FairlySafe,
    FairlyUnsafe,
    VeryUnsafe,
    /// Never goes out alone late, because it feels unsafe: counted as unsafe, as NTU does.
    NeverOutUnsafe,
    /// Never goes out alone late, for other reasons: left out of the share.
    NeverOutOther,
}

impl Safety {
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }

    pub const ALL: [Safety; 6] = [
        Self::VerySafe,
        Self::FairlySafe,
        Self::FairlyUnsafe,
        Self::VeryUnsafe,
        Self::NeverOutUnsafe,
        Self::NeverOutOther,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::VerySafe => "very_safe",
            Self::FairlySafe => "fairly_safe",
            Self::FairlyUnsafe => "fairly_unsafe",
            Self::VeryUnsafe => "very_unsafe",
            Self::NeverOutUnsafe => "never_out_unsafe",
            Self::NeverOutOther => "never_out_other",
        }
    }

    /// Whether the answer counts in the share who feel unsafe: `None` when it is left out.
    fn is_unsafe(self) -> Option<bool> {
        match self {
            Self::VerySafe | Self::FairlySafe => Some(false),
            Self::FairlyUnsafe | Self::VeryUnsafe | Self::NeverOutUnsafe => Some(true),
            Self::NeverOutOther => None,
        }
    }
}

/// How often, in the last twelve months, one has worried about crime in society (NTU's question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Worry {
    VeryOften,
    FairlyOften,
    Sometimes,
    Never,
}

impl Worry {
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }

    pub const ALL: [Worry; 4] = [Self::VeryOften, Self::FairlyOften, Self::Sometimes, Self::Never];

    pub fn id(self) -> &'static str {
        match self {
            Self::VeryOften => "very_often",
            Self::FairlyOften => "fairly_often",
            Self::Sometimes => "sometimes",
            Self::Never => "never",
        }
    }

    fn is_worried(self) -> bool {
        matches!(self, Self::VeryOften | Self::FairlyOften)
    }
}

/// How big a problem something is in one's area, as the police's trygghetsmätning asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    NoProblem,
    SmallProblem,
    FairlyBigProblem,
    BigProblem,
    /// Not counted in the index.
    DontKnow,
}

impl Problem {
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }

    pub const ALL: [Problem; 5] =
        [Self::NoProblem, Self::SmallProblem, Self::FairlyBigProblem, Self::BigProblem, Self::DontKnow];

    pub fn id(self) -> &'static str {
        match self {
            Self::NoProblem => "no_problem",
            Self::SmallProblem => "small_problem",
            Self::FairlyBigProblem => "fairly_big_problem",
            Self::BigProblem => "big_problem",
            Self::DontKnow => "dont_know",
        }
    }

    /// The answer's score in the problem index: 1 (no problem) to 4 (a big problem).
    fn score(self) -> Option<u32> {
        match self {
            Self::NoProblem => Some(1),
            Self::SmallProblem => Some(2),
            Self::FairlyBigProblem => Some(3),
            Self::BigProblem => Some(4),
            Self::DontKnow => None,
        }
    }
}

/// Optional background: the answerer's age band (NTU's bands, from 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum AgeBand {
    #[serde(rename = "16-24")]
    From16To24,
    #[serde(rename = "25-44")]
    From25To44,
    #[serde(rename = "45-64")]
    From45To64,
    #[serde(rename = "65-79")]
    From65To79,
    #[serde(rename = "80-")]
    From80,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] =
        [Self::From16To24, Self::From25To44, Self::From45To64, Self::From65To79, Self::From80];

    /// As it is sent and kept (`16-24` … `80-`).
    pub fn id(self) -> &'static str {
        match self {
            Self::From16To24 => "16-24",
            Self::From25To44 => "25-44",
            Self::From45To64 => "45-64",
            Self::From65To79 => "65-79",
            Self::From80 => "80-",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }
}

/// One thing whose size as a problem the survey asks about. The id stays while the words
/// change (comparable across rounds); a different thing is a new id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProblemItem {
    pub id: String,
    pub text: Texts,
}

/// What a round asks beyond the fixed questions: the municipality's problems, and whether to
/// ask the age band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SurveyQuestions {
    pub problems: Vec<ProblemItem>,
    #[serde(default)]
    pub ask_age: bool,
}

impl SurveyQuestions {
    /// The police's usual list, in Swedish and English (the other languages fall back to Swedish
    /// until the municipality writes them).
    pub fn standard() -> Self {
        let item = |id: &str, sv: &str, en: &str| ProblemItem { id: id.into(), text: sv_en(sv, en) };
        Self {
            problems: vec![
                item("littering", "Nedskräpning", "Littering"),
                item("graffiti", "Klotter", "Graffiti"),
                item("vandalism", "Skadegörelse", "Vandalism"),
                item("drug_dealing", "Narkotikaförsäljning", "Drug dealing"),
                item("intoxicated_people", "Berusade eller påverkade personer", "Drunk or drugged people"),
                item(
                    "reckless_driving",
                    "Vårdslös körning med bil, moped eller motorcykel",
                    "Reckless driving",
                ),
                item(
                    "unsafe_places",
                    "Otrygga platser, till exempel mörka gångtunnlar",
                    "Unsafe places, such as dark underpasses",
                ),
            ],
            ask_age: true,
        }
    }

    /// The questions cleaned, or the first thing wrong (by its field under `questions`). Ids are
    /// lower case letters, digits and `_`, each once; every item has Swedish words.
    pub fn validated(&self) -> Result<Self, FieldError> {
        use FieldErrorCode::*;
        if self.problems.is_empty() {
            return Err(FieldError::new("questions.problems", Required));
        }
        if self.problems.len() > MAX_PROBLEMS {
            return Err(FieldError::new("questions.problems", TooLong));
        }
        let mut problems = Vec::with_capacity(self.problems.len());
        for item in &self.problems {
            let good_id = !item.id.is_empty()
                && item.id.len() <= 40
                && item.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !good_id || problems.iter().any(|p: &ProblemItem| p.id == item.id) {
                return Err(FieldError::new("questions.problems.id", InvalidChoice));
            }
            let text: Texts = item
                .text
                .iter()
                .map(|(lang, words)| (lang.clone(), crate::text::one_line(words)))
                .filter(|(_, words)| !words.is_empty())
                .collect();
            if !text.contains_key("sv") {
                return Err(FieldError::new("questions.problems.text", Required));
            }
            if text.values().any(|words| words.chars().count() > PROBLEM_MAX_CHARS) {
                return Err(FieldError::new("questions.problems.text", TooLong));
            }
            problems.push(ProblemItem { id: item.id.clone(), text });
        }
        Ok(Self { problems, ask_age: self.ask_age })
    }
}

impl SurveyQuestions {
    /// What a new round starts from: the latest round's questions (so that its problems keep
    /// their ids and stay comparable), or the police's usual list for the first round.
    pub fn for_next_round(rounds: &[SurveyRound]) -> Self {
        rounds
            .iter()
            .max_by(|a, b| a.draft.opens_on.cmp(&b.draft.opens_on).then(a.id.cmp(&b.id)))
            .map_or_else(Self::standard, |latest| latest.draft.questions.clone())
    }
}

/// An id for a new problem item, made from its Swedish words (`"Mörka gångtunnlar"` →
/// `morka_gangtunnlar`), unlike every id in `taken` (a number is added if needed).
pub fn new_problem_id(words: &str, taken: &[&str]) -> String {
    let mut id = String::new();
    for c in words.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ò' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
            _ => '_',
        };
        if c != '_' || !id.is_empty() && !id.ends_with('_') {
            id.push(c);
        }
    }
    let mut base: String = id.trim_end_matches('_').chars().take(32).collect();
    if base.is_empty() {
        base = "problem".into();
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate.as_str()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// A round as the coordinator plans it: its name, the days it is open (Swedish dates, both
/// included) and its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RoundDraft {
    pub name: String,
    pub opens_on: String,
    pub closes_on: String,
    pub questions: SurveyQuestions,
}

impl RoundDraft {
    pub fn validated(&self) -> Result<Self, FieldError> {
        use FieldErrorCode::*;
        let name = crate::text::one_line(&self.name);
        if name.is_empty() {
            return Err(FieldError::new("name", Required));
        }
        if name.chars().count() > ROUND_NAME_MAX_CHARS {
            return Err(FieldError::new("name", TooLong));
        }
        for (field, day) in [("opens_on", &self.opens_on), ("closes_on", &self.closes_on)] {
            if !crate::review::is_iso_day(day) {
                return Err(FieldError::new(field, InvalidDate));
            }
        }
        if self.closes_on < self.opens_on {
            return Err(FieldError::new("closes_on", InvalidDate));
        }
        let questions = self.questions.validated()?;
        Ok(Self { name, opens_on: self.opens_on.clone(), closes_on: self.closes_on.clone(), questions })
    }
}

/// A stored round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SurveyRound {
    pub id: i64,
    #[serde(flatten)]
    pub draft: RoundDraft,
}

impl SurveyRound {
    /// Whether answers are taken on `today` (a Swedish date).
    pub fn is_open(&self, today: &str) -> bool {
        self.draft.opens_on.as_str() <= today && today <= self.draft.closes_on.as_str()
    }
}

/// A resident's answers, as the survey element sends them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SurveyAnswerDraft {
    /// The round answered (the one the element showed: it may have closed since).
    pub round: i64,
    /// The id of the area one lives in.
    pub area: String,
    pub safety: Option<Safety>,
    pub worry: Option<Worry>,
    /// By problem item id.
    #[serde(default)]
    pub problems: BTreeMap<String, Problem>,
    #[serde(default)]
    pub age: Option<AgeBand>,
    /// This device's key for the round ([`DEVICE_KEY_CHARS`] hex digits): one answer per device.
    pub device: String,
}

/// Checked answers: what is kept (the device key only as the edge's hash of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SurveyAnswer {
    pub area: String,
    pub safety: Safety,
    pub worry: Option<Worry>,
    pub problems: BTreeMap<String, Problem>,
    pub age: Option<AgeBand>,
}

impl SurveyAnswerDraft {
    /// The answers, or the first thing wrong with them: the area must be one of the
    /// municipality's, the safety question answered, problems only the round's, the age asked.
    pub fn checked(&self, round: &SurveyRound, areas: &[Area]) -> Result<SurveyAnswer, FieldError> {
        use FieldErrorCode::*;
        if self.round != round.id {
            return Err(FieldError::new("round", InvalidChoice));
        }
        let key_ok =
            self.device.len() == DEVICE_KEY_CHARS && self.device.chars().all(|c| c.is_ascii_hexdigit());
        if !key_ok {
            return Err(FieldError::new("device", Required));
        }
        if !areas.iter().any(|a| a.id == self.area) {
            return Err(FieldError::new("area", InvalidChoice));
        }
        let safety = self.safety.ok_or(FieldError::new("safety", Required))?;
        let asked = &round.draft.questions;
        if self.problems.keys().any(|id| !asked.problems.iter().any(|p| &p.id == id)) {
            return Err(FieldError::new("problems", InvalidChoice));
        }
        if self.age.is_some() && !asked.ask_age {
            return Err(FieldError::new("age", InvalidChoice));
        }
        Ok(SurveyAnswer {
            area: self.area.clone(),
            safety,
            worry: self.worry,
            problems: self.problems.clone(),
            age: self.age,
        })
    }
}

/// How one area (or the whole municipality) answered in a round, counted: what the edge counts
/// in SQL, or [`Counts::of`] here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub answers: u32,
    pub safety: BTreeMap<Safety, u32>,
    pub worry: BTreeMap<Worry, u32>,
    /// By problem item id, then answer.
    pub problems: BTreeMap<String, BTreeMap<Problem, u32>>,
}

impl Counts {
    pub fn of<'a>(answers: impl IntoIterator<Item = &'a SurveyAnswer>) -> Self {
        let mut counts = Self::default();
        for answer in answers {
            counts.answers += 1;
            *counts.safety.entry(answer.safety).or_default() += 1;
            if let Some(worry) = answer.worry {
                *counts.worry.entry(worry).or_default() += 1;
            }
            for (item, problem) in &answer.problems {
                *counts.problems.entry(item.clone()).or_default().entry(*problem).or_default() += 1;
            }
        }
        counts
    }

    /// Adds a counted row as the edge's SQL gives it: `n` answers of `dim` (`safety`, `worry`,
    /// `problem` of `item`) with the answer `key`. Unknown answers (never written by us) are
    /// left out; every answer has a safety answer, so those count the answers.
    pub fn add(&mut self, dim: &str, key: &str, item: Option<&str>, n: u32) {
        match (dim, item) {
            ("safety", _) => {
                if let Some(safety) = Safety::from_id(key) {
                    *self.safety.entry(safety).or_default() += n;
                    self.answers += n;
                }
            }
            ("worry", _) => {
                if let Some(worry) = Worry::from_id(key) {
                    *self.worry.entry(worry).or_default() += n;
                }
            }
            ("problem", Some(item)) => {
                if let Some(problem) = Problem::from_id(key) {
                    *self.problems.entry(item.to_string()).or_default().entry(problem).or_default() += n;
                }
            }
            _ => {}
        }
    }

    /// The figures, or `None` with fewer than [`MIN_ANSWERS_SHOWN`] answers.
    pub fn figures(&self, items: &[ProblemItem]) -> Option<Figures> {
        if self.answers < MIN_ANSWERS_SHOWN {
            return None;
        }
        let unsafe_share = share(self.safety.iter().filter_map(|(s, n)| Some((s.is_unsafe()?, *n))));
        let worried_share = share(self.worry.iter().map(|(w, n)| (w.is_worried(), *n)));
        let problems: Vec<ProblemScore> = items
            .iter()
            .map(|item| {
                let answers = self.problems.get(&item.id);
                let scored = answers.into_iter().flatten().filter_map(|(p, n)| Some((p.score()?, *n)));
                let (sum, count) =
                    scored.fold((0, 0), |(sum, count), (score, n)| (sum + score * n, count + n));
                ProblemScore {
                    item: item.id.clone(),
                    answers: count,
                    index: (count > 0).then(|| round1(f64::from(sum) / f64::from(count))),
                }
            })
            .collect();
        let indexed: Vec<f64> = problems.iter().filter_map(|p| p.index).collect();
        let problem_index =
            (!indexed.is_empty()).then(|| round1(indexed.iter().sum::<f64>() / indexed.len() as f64));
        Some(Figures { unsafe_share, worried_share, problems, problem_index })
    }
}

/// The share (per cent, one decimal) of the counted that are `true`; `None` if none counted.
fn share(counted: impl Iterator<Item = (bool, u32)>) -> Option<f64> {
    let (yes, all) =
        counted.fold((0u32, 0u32), |(yes, all), (is, n)| (yes + if is { n } else { 0 }, all + n));
    (all > 0).then(|| round1(100.0 * f64::from(yes) / f64::from(all)))
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// An area's figures in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Figures {
    /// Per cent who would feel fairly or very unsafe, or never go out for that reason.
    pub unsafe_share: Option<f64>,
    /// Per cent who worried about crime very or fairly often.
    pub worried_share: Option<f64>,
    pub problems: Vec<ProblemScore>,
    /// The mean of the items' indexes: 1 (no problems) to 4 (big problems).
    pub problem_index: Option<f64>,
}

/// One problem's index in an area: the mean score of those who answered other than "don't know".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProblemScore {
    pub item: String,
    pub answers: u32,
    pub index: Option<f64>,
}

/// What a round shows of an area (or, under [`WHOLE_MUNICIPALITY`], of all of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AreaResult {
    pub area: String,
    pub answers: u32,
    /// `None`: too few answers to show.
    pub figures: Option<Figures>,
}

/// The key of the whole municipality's result.
pub const WHOLE_MUNICIPALITY: &str = "*";

/// A round's results: the whole municipality first, then every area in configuration order.
pub fn results(round: &SurveyRound, by_area: &BTreeMap<String, Counts>, areas: &[Area]) -> Vec<AreaResult> {
    let items = &round.draft.questions.problems;
    let mut whole = Counts::default();
    for counts in by_area.values() {
        whole.answers += counts.answers;
        for (k, n) in &counts.safety {
            *whole.safety.entry(*k).or_default() += n;
        }
        for (k, n) in &counts.worry {
            *whole.worry.entry(*k).or_default() += n;
        }
        for (item, answers) in &counts.problems {
            for (k, n) in answers {
                *whole.problems.entry(item.clone()).or_default().entry(*k).or_default() += n;
            }
        }
    }
    let result = |area: &str, counts: &Counts| AreaResult {
        area: area.to_string(),
        answers: counts.answers,
        figures: counts.figures(items),
    };
    let empty = Counts::default();
    std::iter::once(result(WHOLE_MUNICIPALITY, &whole))
        .chain(areas.iter().map(|a| result(&a.id, by_area.get(&a.id).unwrap_or(&empty))))
        .collect()
}

/// A round's results as the public results page shows them: the round, its problems' words and
/// every area's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RoundResults {
    pub round: SurveyRound,
    pub results: Vec<AreaResult>,
}

/// The round open for answers, if any (what the survey element shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OpenSurvey {
    pub round: Option<SurveyRound>,
}

/// The round an answer was kept for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SurveyAnswered {
    pub round: i64,
}

/// One round's point on an area's trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TrendPoint {
    pub round: i64,
    pub name: String,
    pub closes_on: String,
    pub answers: u32,
    pub unsafe_share: Option<f64>,
    pub problem_index: Option<f64>,
}

/// An area's figures round by round, in the order the rounds closed (suppressed rounds with
/// their count of answers and no figures).
pub fn trend(rounds: &[(SurveyRound, Vec<AreaResult>)], area: &str) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = rounds
        .iter()
        .filter_map(|(round, results)| {
            let result = results.iter().find(|r| r.area == area)?;
            Some(TrendPoint {
                round: round.id,
                name: round.draft.name.clone(),
                closes_on: round.draft.closes_on.clone(),
                answers: result.answers,
                unsafe_share: result.figures.as_ref().and_then(|f| f.unsafe_share),
                problem_index: result.figures.as_ref().and_then(|f| f.problem_index),
            })
        })
        .collect();
    points.sort_by(|a, b| a.closes_on.cmp(&b.closes_on).then(a.round.cmp(&b.round)));
    points
}

/// An area's last shown round that closed before `day` (a measure done, a safety walk) and
/// its first shown round that opened after it: how it felt before and after. `None` when
/// either is missing (or suppressed).
pub fn before_and_after(
    rounds: &[(SurveyRound, Vec<AreaResult>)],
    area: &str,
    day: &str,
) -> Option<(TrendPoint, TrendPoint)> {
    let shown = |results: &[AreaResult]| results.iter().any(|r| r.area == area && r.figures.is_some());
    let before = rounds
        .iter()
        .filter(|(round, results)| round.draft.closes_on.as_str() < day && shown(results))
        .map(|(round, _)| round)
        .max_by(|a, b| a.draft.closes_on.cmp(&b.draft.closes_on))?;
    let after = rounds
        .iter()
        .filter(|(round, results)| round.draft.opens_on.as_str() > day && shown(results))
        .map(|(round, _)| round)
        .min_by(|a, b| a.draft.opens_on.cmp(&b.draft.opens_on))?;
    let points = trend(rounds, area);
    let point = |id: i64| points.iter().find(|p| p.round == id).cloned();
    Some((point(before.id)?, point(after.id)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{LatLng, Polygon};

    fn area(id: &str) -> Area {
        let ring = vec![LatLng::new(58.0, 12.8), LatLng::new(58.0, 12.9), LatLng::new(58.1, 12.9)];
        Area { id: id.into(), name: id.to_uppercase(), polygons: vec![Polygon { rings: vec![ring] }] }
    }

    fn round(id: i64, opens_on: &str, closes_on: &str) -> SurveyRound {
        SurveyRound {
            id,
            draft: RoundDraft {
                name: format!("Omgång {id}"),
                opens_on: opens_on.into(),
                closes_on: closes_on.into(),
                questions: SurveyQuestions::standard(),
            },
        }
    }

    fn answer(area: &str, safety: Safety, graffiti: Problem) -> SurveyAnswer {
        SurveyAnswer {
            area: area.into(),
            safety,
            worry: Some(Worry::Sometimes),
            problems: BTreeMap::from([("graffiti".to_string(), graffiti)]),
            age: None,
        }
    }

    fn draft() -> SurveyAnswerDraft {
        SurveyAnswerDraft {
            round: 1,
            area: "centrum".into(),
            safety: Some(Safety::FairlySafe),
            worry: None,
            problems: BTreeMap::from([("littering".to_string(), Problem::BigProblem)]),
            age: Some(AgeBand::From25To44),
            device: "0123456789abcdef0123456789abcdef".into(),
        }
    }

    #[test]
    fn answers_are_checked_against_the_round_and_the_areas() {
        let round = round(1, "2027-03-01", "2027-04-30");
        let areas = [area("centrum")];
        let checked = draft().checked(&round, &areas).unwrap();
        assert_eq!((checked.area.as_str(), checked.safety), ("centrum", Safety::FairlySafe));
        let refused = |change: fn(&mut SurveyAnswerDraft)| {
            let mut d = draft();
            change(&mut d);
            d.checked(&round, &areas).unwrap_err()
        };
        assert_eq!(
            refused(|d| d.area = "mars".into()),
            FieldError::new("area", FieldErrorCode::InvalidChoice)
        );
        assert_eq!(refused(|d| d.safety = None), FieldError::new("safety", FieldErrorCode::Required));
        assert_eq!(
            refused(|d| _ = d.problems.insert("ufo".into(), Problem::SmallProblem)),
            FieldError::new("problems", FieldErrorCode::InvalidChoice)
        );
        assert_eq!(
            refused(|d| d.device = "short".into()),
            FieldError::new("device", FieldErrorCode::Required)
        );
        assert_eq!(
            refused(|d| d.round = 2),
            FieldError::new("round", FieldErrorCode::InvalidChoice),
            "a round closed since"
        );
        let mut no_age = round.clone();
        no_age.draft.questions.ask_age = false;
        assert_eq!(
            draft().checked(&no_age, &areas).unwrap_err(),
            FieldError::new("age", FieldErrorCode::InvalidChoice)
        );
    }

    #[test]
    fn a_round_is_open_on_its_days_and_its_questions_keep_their_ids() {
        let r = round(1, "2027-03-01", "2027-04-30");
        assert!(r.is_open("2027-03-01") && r.is_open("2027-04-30"));
        assert!(!r.is_open("2027-02-28") && !r.is_open("2027-05-01"));
        assert!(r.draft.validated().is_ok());
        let mut backwards = r.draft.clone();
        backwards.closes_on = "2027-02-01".into();
        assert_eq!(
            backwards.validated().unwrap_err(),
            FieldError::new("closes_on", FieldErrorCode::InvalidDate)
        );
        let mut twice = r.draft.questions.clone();
        twice.problems.push(twice.problems[0].clone());
        assert_eq!(twice.validated().unwrap_err().field, "questions.problems.id");
        let mut wordless = r.draft.questions.clone();
        wordless.problems[0].text = Texts::from([("en".to_string(), "Litter".to_string())]);
        assert_eq!(wordless.validated().unwrap_err().field, "questions.problems.text");
    }

    #[test]
    fn figures_need_ten_answers_and_count_as_ntu_does() {
        let r = round(1, "2027-03-01", "2027-04-30");
        let nine: Vec<_> =
            (0..9).map(|_| answer("centrum", Safety::VeryUnsafe, Problem::BigProblem)).collect();
        assert_eq!(Counts::of(&nine).figures(&r.draft.questions.problems), None, "nine answers show nothing");
        // 4 unsafe (one of them never out because of it), 5 safe, 1 never out for other reasons:
        // 4 of 9 counted = 44.4 %.
        let mut ten = vec![
            answer("centrum", Safety::FairlyUnsafe, Problem::BigProblem),
            answer("centrum", Safety::VeryUnsafe, Problem::FairlyBigProblem),
            answer("centrum", Safety::FairlyUnsafe, Problem::DontKnow),
            answer("centrum", Safety::NeverOutUnsafe, Problem::SmallProblem),
            answer("centrum", Safety::NeverOutOther, Problem::NoProblem),
        ];
        ten.extend((0..5).map(|_| answer("centrum", Safety::VerySafe, Problem::NoProblem)));
        let figures = Counts::of(&ten).figures(&r.draft.questions.problems).unwrap();
        assert_eq!(figures.unsafe_share, Some(44.4));
        assert_eq!(figures.worried_share, Some(0.0));
        let graffiti = figures.problems.iter().find(|p| p.item == "graffiti").unwrap();
        // (4 + 3 + 2 + 1×6) / 9, "don't know" left out.
        assert_eq!((graffiti.answers, graffiti.index), (9, Some(1.7)));
        let littering = figures.problems.iter().find(|p| p.item == "littering").unwrap();
        assert_eq!((littering.answers, littering.index), (0, None), "not answered: no index");
        assert_eq!(figures.problem_index, Some(1.7), "the mean of the items with an index");
    }

    #[test]
    fn counted_rows_add_up_as_answers_do() {
        let answers = [
            answer("centrum", Safety::VeryUnsafe, Problem::BigProblem),
            answer("centrum", Safety::VeryUnsafe, Problem::SmallProblem),
            answer("centrum", Safety::FairlySafe, Problem::BigProblem),
        ];
        let mut rows = Counts::default();
        rows.add("safety", "very_unsafe", None, 2);
        rows.add("safety", "fairly_safe", None, 1);
        rows.add("worry", "sometimes", None, 3);
        rows.add("problem", "big_problem", Some("graffiti"), 2);
        rows.add("problem", "small_problem", Some("graffiti"), 1);
        rows.add("safety", "not-an-answer", None, 5);
        assert_eq!(rows, Counts::of(&answers));
    }

    #[test]
    fn results_per_area_with_the_whole_first_and_small_areas_suppressed() {
        let r = round(1, "2027-03-01", "2027-04-30");
        let areas = [area("centrum"), area("norra"), area("sodra")];
        let mut by_area = BTreeMap::new();
        let centrum: Vec<_> =
            (0..12).map(|_| answer("centrum", Safety::FairlyUnsafe, Problem::SmallProblem)).collect();
        let norra: Vec<_> = (0..3).map(|_| answer("norra", Safety::VerySafe, Problem::NoProblem)).collect();
        by_area.insert("centrum".to_string(), Counts::of(&centrum));
        by_area.insert("norra".to_string(), Counts::of(&norra));
        let shown = results(&r, &by_area, &areas);
        let keys: Vec<_> = shown.iter().map(|s| (s.area.as_str(), s.answers, s.figures.is_some())).collect();
        assert_eq!(keys, [("*", 15, true), ("centrum", 12, true), ("norra", 3, false), ("sodra", 0, false)]);
        assert_eq!(shown[0].figures.as_ref().unwrap().unsafe_share, Some(80.0));
    }

    #[test]
    fn trends_and_before_and_after_a_measure() {
        let areas = [area("centrum")];
        let counted = |safety: Safety, n: usize| {
            let answers: Vec<_> = (0..n).map(|_| answer("centrum", safety, Problem::BigProblem)).collect();
            BTreeMap::from([("centrum".to_string(), Counts::of(&answers))])
        };
        let spring26 = round(1, "2026-03-01", "2026-04-30");
        let autumn26 = round(2, "2026-09-01", "2026-10-31");
        let spring27 = round(3, "2027-03-01", "2027-04-30");
        let rounds = vec![
            (spring27.clone(), results(&spring27, &counted(Safety::FairlySafe, 20), &areas)),
            (spring26.clone(), results(&spring26, &counted(Safety::VeryUnsafe, 20), &areas)),
            (autumn26.clone(), results(&autumn26, &counted(Safety::VeryUnsafe, 4), &areas)),
        ];
        let points = trend(&rounds, "centrum");
        let shown: Vec<_> = points.iter().map(|p| (p.round, p.answers, p.unsafe_share)).collect();
        assert_eq!(shown, [(1, 20, Some(100.0)), (2, 4, None), (3, 20, Some(0.0))]);
        // Lighting put up in November 2026: before is spring 2026 (autumn had too few answers).
        let (before, after) = before_and_after(&rounds, "centrum", "2026-11-15").unwrap();
        assert_eq!((before.round, after.round), (1, 3));
        assert_eq!(before_and_after(&rounds, "centrum", "2027-06-01"), None, "no round after yet");
    }

    #[test]
    fn a_new_round_keeps_the_last_round_s_problems_and_new_items_get_new_ids() {
        assert_eq!(SurveyQuestions::for_next_round(&[]), SurveyQuestions::standard());
        let mut spring = round(2, "2027-03-01", "2027-04-30");
        spring.draft.questions.problems.truncate(2);
        let autumn = round(1, "2026-09-01", "2026-10-31");
        let next = SurveyQuestions::for_next_round(&[autumn, spring.clone()]);
        assert_eq!(next, spring.draft.questions, "the latest to open, whatever the order");
        assert_eq!(new_problem_id("Mörka gångtunnlar!", &[]), "morka_gangtunnlar");
        assert_eq!(new_problem_id("  Klotter ", &["klotter"]), "klotter_2");
        assert_eq!(new_problem_id("Klotter", &["klotter", "klotter_2"]), "klotter_3");
        assert_eq!(new_problem_id("؟؟", &[]), "problem");
        let long = new_problem_id(&"a".repeat(100), &[]);
        assert_eq!(long.len(), 32);
        let valid = SurveyQuestions {
            problems: vec![ProblemItem {
                id: new_problem_id("Ögon på gatan", &[]),
                text: Texts::from([("sv".into(), "Ögon".into())]),
            }],
            ask_age: false,
        };
        assert!(valid.validated().is_ok(), "a made id is a valid id");
    }

    /// The ids the element sends as form values are the ones the API reads.
    #[test]
    fn answer_ids_are_their_json() {
        let json = |v: serde_json::Value| v.as_str().unwrap().to_string();
        for v in Safety::ALL {
            assert_eq!(json(serde_json::to_value(v).unwrap()), v.id());
            assert_eq!(Safety::from_id(v.id()), Some(v));
        }
        for v in Worry::ALL {
            assert_eq!(json(serde_json::to_value(v).unwrap()), v.id());
        }
        for v in Problem::ALL {
            assert_eq!(json(serde_json::to_value(v).unwrap()), v.id());
        }
        for v in AgeBand::ALL {
            assert_eq!(json(serde_json::to_value(v).unwrap()), v.id());
            assert_eq!(AgeBand::from_id(v.id()), Some(v));
        }
    }
}
