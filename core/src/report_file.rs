//! An export of any number of reports, written a page at a time: the head, each page of
//! reports, the tail. The edge reads one page, writes it out and forgets it, so 100 000 reports
//! cost the worker the memory of one page. Only the .xlsx workbook (a zip of XML) is made
//! whole at the end, so it has a limit, which the edge states before it begins.

use crate::export::{self, SheetLayout};
use crate::geo::Area;
use crate::i18n::{I18n, Locale};
use crate::review::ModeratedReport;
use crate::spreadsheet::{self, Cell, Sheet, SpreadsheetError};

/// The most reports an .xlsx export holds; the Excel CSV has none.
pub const XLSX_LIMIT: u32 = 20_000;

/// The files reports are exported as: for machines (stable codes, ISO times) and for people
/// (words, Stockholm time, Excel's conventions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    GeoJson,
    ExcelCsv,
    Xlsx,
}

impl ExportFormat {
    /// As the audit log names it.
    pub fn id(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::GeoJson => "geojson",
            Self::ExcelCsv => "excel-csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The end of the file's name: the Excel CSV says what it is for beside the machine one.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Self::Csv => ".csv",
            Self::GeoJson => ".geojson",
            Self::ExcelCsv => "-excel.csv",
            Self::Xlsx => ".xlsx",
        }
    }

    /// The most reports one file of this format holds, if there is a limit.
    pub fn limit(self) -> Option<u32> {
        (self == Self::Xlsx).then_some(XLSX_LIMIT)
    }
}

/// One export on its way out.
pub struct ReportsFile {
    format: ExportFormat,
    areas: Vec<Area>,
    layout: SheetLayout,
    /// The sheets for people are in Swedish, the console's and the municipality's language.
    i18n: I18n,
    /// Reports written so far (a GeoJSON feature after the first needs a comma).
    written: usize,
    /// The .xlsx workbook's rows, written at the end.
    rows: Vec<Vec<Cell>>,
}

impl ReportsFile {
    pub fn new(format: ExportFormat, areas: Vec<Area>, layout: SheetLayout) -> Self {
        Self { format, areas, layout, i18n: I18n::new(Locale::Sv), written: 0, rows: Vec::new() }
    }

    /// What comes before the first report.
    pub fn head(&self) -> Result<Vec<u8>, SpreadsheetError> {
        Ok(match self.format {
            ExportFormat::Csv => export::csv_header().into_bytes(),
            ExportFormat::GeoJson => br#"{"type":"FeatureCollection","features":["#.to_vec(),
            ExportFormat::ExcelCsv => spreadsheet::csv_head(&self.layout.columns(&self.i18n))?,
            ExportFormat::Xlsx => Vec::new(),
        })
    }

    /// The next page of reports.
    pub fn page(&mut self, reports: &[ModeratedReport]) -> Result<Vec<u8>, SpreadsheetError> {
        let areas = &self.areas;
        let rows = || reports.iter().map(|r| self.layout.row(r, areas, &self.i18n));
        let bytes = match self.format {
            ExportFormat::Csv => export::csv_lines(reports, areas).into_bytes(),
            ExportFormat::GeoJson => {
                let mut json = String::new();
                for (i, report) in reports.iter().enumerate() {
                    if self.written + i > 0 {
                        json.push(',');
                    }
                    json += &export::geojson_feature(report, areas).to_string();
                }
                json.into_bytes()
            }
            ExportFormat::ExcelCsv => spreadsheet::csv_lines(&rows().collect::<Vec<_>>())?,
            ExportFormat::Xlsx => {
                let page: Vec<_> = rows().collect();
                self.rows.extend(page);
                Vec::new()
            }
        };
        self.written += reports.len();
        Ok(bytes)
    }

    /// What comes after the last report (for .xlsx, the whole workbook).
    pub fn tail(self) -> Result<Vec<u8>, SpreadsheetError> {
        Ok(match self.format {
            ExportFormat::Csv | ExportFormat::ExcelCsv => Vec::new(),
            ExportFormat::GeoJson => b"]}".to_vec(),
            ExportFormat::Xlsx => {
                let name = self.i18n.t("console-export-sheet-reports");
                let columns = self.layout.columns(&self.i18n);
                Sheet { name, columns, rows: self.rows }.to_xlsx()?
            }
        })
    }
}

#[cfg(all(test, feature = "console"))]
mod tests {
    use super::*;
    use crate::export::tests::report;
    use crate::questionnaire::AnswerValue;

    fn reports() -> Vec<ModeratedReport> {
        let mut answered = report("Mörkt; \"helt\"");
        answered.answers.insert("old".into(), AnswerValue::Number(4));
        let mut third = report("=1+1");
        third.case_number = "2026-0043".into();
        vec![answered, report("Klotter"), third]
    }

    /// The file written in pages of `size`.
    fn in_pages(format: ExportFormat, size: usize) -> Vec<u8> {
        let all = reports();
        let answered = all.iter().flat_map(|r| r.answers.keys()).map(String::as_str);
        let layout = SheetLayout::new(Vec::new(), answered, Default::default());
        let mut file = ReportsFile::new(format, Vec::new(), layout);
        let mut bytes = file.head().unwrap();
        for page in all.chunks(size) {
            bytes.extend(file.page(page).unwrap());
        }
        bytes.extend(file.tail().unwrap());
        bytes
    }

    #[test]
    fn written_in_pages_the_file_is_the_file_written_at_once() {
        let all = reports();
        for size in [1, 2, 3] {
            assert_eq!(in_pages(ExportFormat::Csv, size), export::csv(&all, &[]).into_bytes());
            let geojson: serde_json::Value =
                serde_json::from_slice(&in_pages(ExportFormat::GeoJson, size)).unwrap();
            assert_eq!(geojson, export::geojson(&all, &[]));
            let sheet = export::reports_sheet(&all, &[], &[], &Default::default(), &I18n::new(Locale::Sv));
            assert_eq!(in_pages(ExportFormat::ExcelCsv, size), sheet.to_csv().unwrap());
        }
        let xlsx = in_pages(ExportFormat::Xlsx, 2);
        assert!(xlsx.starts_with(b"PK"), "a zip");
    }

    #[test]
    fn the_console_states_the_xlsx_limit_as_it_is() {
        let (thousands, rest) = (XLSX_LIMIT / 1000, XLSX_LIMIT % 1000);
        let sv = include_str!("../locales/console/sv.ftl");
        let en = include_str!("../locales/console/en.ftl");
        assert!(sv.contains(&format!("högst {thousands} {rest:03} rapporter")));
        assert!(en.contains(&format!("at most {thousands},{rest:03} reports")));
    }
}
