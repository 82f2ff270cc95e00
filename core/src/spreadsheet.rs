//! Files that open right in a spreadsheet program set to Swedish, as a coordinator's Excel is.
//!
//! - CSV with a byte-order mark (without it Excel reads UTF-8 as Windows-1252: "Ã¤" for "ä"),
//!   semicolons between fields (the list separator where the comma is the decimal sign),
//!   decimal commas, local times as `2026-11-22 11:00`, and text that would start a formula
//!   defused;
//! - .xlsx, where times are date cells, numbers are numbers and text is never a formula.
//!
//! Both are written by well-kept crates (`csv`, `rust_xlsxwriter`); what goes in the table is
//! decided where the table is built (`export::reports_sheet`, `dialogue::minutes_sheet`). The
//! exports for machines (stable column names, ISO times) are in `export`.

use crate::local_time::LocalTime;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A wall-clock time in Stockholm: a date cell in .xlsx, `2026-11-22 11:00` in CSV.
    Time(LocalTime),
    Empty,
}

impl Cell {
    /// Text, or an empty cell for an empty string.
    pub fn text(value: impl Into<String>) -> Self {
        let value = value.into();
        if value.is_empty() {
            Self::Empty
        } else {
            Self::Text(value)
        }
    }

    /// A stored UTC timestamp as local time; one that cannot be read stays as text.
    pub fn time(timestamp: &str) -> Self {
        match LocalTime::from_utc(timestamp) {
            Some(time) => Self::Time(time),
            None => Self::text(timestamp),
        }
    }

    /// The cell as a CSV field in Swedish conventions.
    #[cfg(feature = "spreadsheet")]
    fn csv_field(&self) -> String {
        match self {
            Self::Text(text) => crate::export::defuse_formula(text).into_owned(),
            Self::Number(n) => swedish_number(*n),
            Self::Time(t) => {
                format!("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute)
            }
            Self::Empty => String::new(),
        }
    }
}

/// `58,0337`, `12`, `-3,5`: what Excel in Swedish reads as a number.
#[cfg(feature = "spreadsheet")]
fn swedish_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string().replace('.', ",")
    }
}

/// A table with a header row: one sheet of a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's tab in a workbook (Excel allows 31 characters and none of `[]:*?/\`).
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// What can go wrong writing a file (a cell beyond Excel's limits, say).
#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    #[error("CSV: {0}")]
    Csv(String),
    #[error("xlsx: {0}")]
    Xlsx(String),
}

/// The UTF-8 byte-order mark: how Excel knows a CSV file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The start of a CSV for a spreadsheet program in Swedish: the BOM and the header line.
#[cfg(feature = "spreadsheet")]
pub fn csv_head(columns: &[String]) -> Result<Vec<u8>, SpreadsheetError> {
    let header = columns.iter().map(|c| crate::export::defuse_formula(c).into_owned());
    let mut csv = BOM.to_vec();
    csv.extend(swedish_csv([header])?);
    Ok(csv)
}

/// Rows of a CSV for a spreadsheet program in Swedish (after [`csv_head`]): semicolons, CRLF,
/// decimal commas.
#[cfg(feature = "spreadsheet")]
pub fn csv_lines(rows: &[Vec<Cell>]) -> Result<Vec<u8>, SpreadsheetError> {
    swedish_csv(rows.iter().map(|row| row.iter().map(Cell::csv_field)))
}

#[cfg(feature = "spreadsheet")]
fn swedish_csv<R: IntoIterator<Item = String>>(
    records: impl IntoIterator<Item = R>,
) -> Result<Vec<u8>, SpreadsheetError> {
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for record in records {
        writer.write_record(record).map_err(|e| SpreadsheetError::Csv(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| SpreadsheetError::Csv(e.to_string()))
}

impl Sheet {
    /// CSV for a spreadsheet program in Swedish: BOM, semicolons, CRLF, decimal commas.
    #[cfg(feature = "spreadsheet")]
    pub fn to_csv(&self) -> Result<Vec<u8>, SpreadsheetError> {
        let mut csv = csv_head(&self.columns)?;
        csv.extend(csv_lines(&self.rows)?);
        Ok(csv)
    }

    /// An .xlsx workbook of this one sheet: a bold header row that stays in view and filters,
    /// columns as wide as their contents (up to a readable limit), times as date cells.
    #[cfg(feature = "spreadsheet")]
    pub fn to_xlsx(&self) -> Result<Vec<u8>, SpreadsheetError> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
        let error = |e: XlsxError| SpreadsheetError::Xlsx(e.to_string());
        let header = Format::new().set_bold();
        let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&self.name)).map_err(error)?;
        for (c, title) in self.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, title, &header).map_err(error)?;
        }
        for (r, cells) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in cells.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(text) => sheet.write_string(r, c, text).map(|_| ()),
                    Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    Cell::Time(t) => ExcelDateTime::from_ymd(t.year as u16, t.month as u8, t.day as u8)
                        .and_then(|d| d.and_hms(t.hour as u16, t.minute as u8, 0))
                        .and_then(|d| sheet.write_datetime_with_format(r, c, &d, &time).map(|_| ())),
                    Cell::Empty => Ok(()),
                }
                .map_err(error)?;
            }
        }
        if !self.columns.is_empty() {
            let last_column = self.columns.len() as u16 - 1;
            sheet.set_freeze_panes(1, 0).map_err(error)?;
            sheet.autofilter(0, 0, self.rows.len() as u32, last_column).map_err(error)?;
            // Wide enough to read a description's start, not so wide that a screen holds one column.
            sheet.set_autofit_max_width(320).autofit();
        }
        workbook.save_to_buffer().map_err(error)
    }
}

/// A name Excel accepts for a sheet's tab.
#[cfg(feature = "spreadsheet")]
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '-' } else { c })
        .take(31)
        .collect();
    let trimmed = cleaned.trim_matches('\'').trim();
    if trimmed.is_empty() {
        "Tryggve".into()
    } else {
        trimmed.into()
    }
}

#[cfg(all(test, feature = "spreadsheet"))]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;
    use calamine::{Data, Reader, Xlsx};

    fn sheet() -> Sheet {
        Sheet {
            name: "Rapporter: 2026/11".into(),
            columns: vec![
                "Ärende".into(),
                "Inkom".into(),
                "Latitud".into(),
                "Beskrivning".into(),
                "Röster".into(),
            ],
            rows: vec![
                vec![
                    Cell::text("2026-0042"),
                    Cell::time("2026-11-22T10:05:00.000Z"),
                    Cell::Number(58.0337),
                    Cell::text("Mörkt; \"farligt\"\nvid tunneln"),
                    Cell::Number(3.0),
                ],
                vec![
                    Cell::text("2026-0043"),
                    Cell::time("2026-07-01T22:30:00.000Z"),
                    Cell::Number(-12.5),
                    Cell::text("=HYPERLINK(\"http://x\")"),
                    Cell::Empty,
                ],
            ],
        }
    }

    /// Reads the CSV as Excel in Swedish does: BOM, then semicolon-separated quoted fields.
    fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
        assert!(bytes.starts_with(BOM), "the file starts with the byte-order mark");
        let mut reader =
            csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(&bytes[BOM.len()..]);
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
    }

    #[test]
    fn csv_in_swedish_conventions() {
        let bytes = sheet().to_csv().unwrap();
        let rows = read_csv(&bytes);
        assert_eq!(rows[0], ["Ärende", "Inkom", "Latitud", "Beskrivning", "Röster"]);
        // Winter time is UTC+1, summer time UTC+2 (past midnight: the next day).
        assert_eq!(
            rows[1],
            ["2026-0042", "2026-11-22 11:05", "58,0337", "Mörkt; \"farligt\"\nvid tunneln", "3"]
        );
        assert_eq!(rows[2], ["2026-0043", "2026-07-02 00:30", "-12,5", "'=HYPERLINK(\"http://x\")", ""]);
        assert!(String::from_utf8(bytes).unwrap().contains("\r\n2026-0043;"), "CRLF line ends");
    }

    #[test]
    fn xlsx_reads_back_with_types() {
        let bytes = sheet().to_xlsx().unwrap();
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(workbook.sheet_names(), ["Rapporter- 2026-11"]);
        let range = workbook.worksheet_range("Rapporter- 2026-11").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][0], Data::String("Ärende".into()));
        assert_eq!(rows[1][0], Data::String("2026-0042".into()));
        let Data::DateTime(received) = &rows[1][1] else { panic!("a date cell: {:?}", rows[1][1]) };
        assert!(received.is_datetime());
        // Excel counts days from 1899-12-30; 11:05 local time is that part of the day.
        let days = days_from_civil(2026, 11, 22) - days_from_civil(1899, 12, 30);
        assert!((received.as_f64() - (days as f64 + (11.0 * 60.0 + 5.0) / 1440.0)).abs() < 1e-6);
        assert_eq!(rows[1][2], Data::Float(58.0337));
        assert_eq!(rows[1][3], Data::String("Mörkt; \"farligt\"\nvid tunneln".into()));
        // Text stays text: a formula a resident typed is not a formula in the workbook.
        assert_eq!(rows[2][3], Data::String("=HYPERLINK(\"http://x\")".into()));
        assert_eq!(rows[2][4], Data::Empty);
    }

    #[test]
    fn sheet_names_excel_accepts() {
        assert_eq!(sheet_name("Protokoll: dialog [3]"), "Protokoll- dialog -3-");
        assert_eq!(sheet_name("''"), "Tryggve");
        assert_eq!(sheet_name(&"å".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn numbers_with_decimal_commas() {
        assert_eq!(swedish_number(12.0), "12");
        assert_eq!(swedish_number(12.808301), "12,808301");
        assert_eq!(swedish_number(-0.5), "-0,5");
    }
}
