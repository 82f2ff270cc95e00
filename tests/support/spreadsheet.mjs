// Reads the exports for people as a spreadsheet program does: the .xlsx through openpyxl (cells
// with their types: text, numbers, dates), the CSV as Excel in Swedish reads it (Python's csv
// module in Excel's dialect with semicolons, the byte-order mark telling UTF-8). xtask gives the
// tests a Python that has openpyxl (TRYGGVE_PYTHON).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const READER = `
import csv, datetime, json, sys
path, kind = sys.argv[1], sys.argv[2]
def cell(value):
    if isinstance(value, datetime.datetime):
        return {"date": value.isoformat(sep=" ", timespec="minutes")}
    return value
if kind == "xlsx":
    import openpyxl
    sheet = openpyxl.load_workbook(path).worksheets[0]
    out = {
        "sheet": sheet.title,
        "frozen": sheet.freeze_panes,
        "filter": sheet.auto_filter.ref,
        "rows": [[cell(v) for v in row] for row in sheet.iter_rows(values_only=True)],
    }
else:
    with open(path, "rb") as f:
        bom = f.read(3) == b"\\xef\\xbb\\xbf"
    with open(path, encoding="utf-8-sig", newline="") as f:
        out = {"bom": bom, "rows": list(csv.reader(f, dialect="excel", delimiter=";"))}
json.dump(out, sys.stdout)
`;

/** The file at `path` (`kind`: "xlsx" or "csv") as { rows, … }: rows of cells, header first. */
export function readSpreadsheet(path, kind) {
  // Under a name that ends as the kind says, as a downloaded file is opened (openpyxl insists).
  const named = tempName(kind);
  copyFileSync(path, named);
  return read(named, kind);
}

/** As readSpreadsheet, for bytes fetched from the edge. */
export function readSpreadsheetBytes(bytes, kind) {
  const named = tempName(kind);
  writeFileSync(named, Buffer.from(bytes));
  return read(named, kind);
}

const tempName = (kind) => join(mkdtempSync(join(tmpdir(), "tryggve-export-")), `export.${kind}`);

function read(path, kind) {
  const python = process.env.TRYGGVE_PYTHON;
  if (!python) throw new Error("TRYGGVE_PYTHON is not set: run the tests through cargo xtask");
  return JSON.parse(execFileSync(python, ["-c", READER, path, kind], { encoding: "utf8" }));
}

/** Rows as objects keyed by the header row's cells. */
export function records({ rows }) {
  const [header, ...data] = rows;
  return data.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? null])));
}
