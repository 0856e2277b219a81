/**
 * `iln ingest --respondents FILE`: which email each survey respondent id stands for, for a survey
 * that identifies respondents by an id (a panel code, a tool's contact id) rather than by email.
 * The file is an export like any other (CSV, TSV or XLSX, any layout `readExport` reads) with two
 * columns, the id (`respondent_id`, `Respondent ID`, `id`) and the email (`email`, `Email
 * Address`); docs/formats.md, "Respondent keys and anonymous surveys".
 */
import { InputError, showValue, type Problem } from "../src/domain/errors";
import { matchColumns, type RespondentMap } from "./canonicalise";
import { readExport } from "./formats/read-export";
import type { FieldSpec } from "./kinds";
import { readEmail } from "./normalise/email";

const FIELDS: readonly FieldSpec[] = [
  { name: "respondent_id", aliases: ["Respondent ID", "RespondentID", "id", "Respondent", "ResponseId", "Response ID"], required: true },
  { name: "email", aliases: ["Email Address", "Email", "E-mail"], required: true },
];

/**
 * Reads a respondents file into id (trimmed) -> normalised email.
 * @throws InputError listing every problem, located `FILE:ROW:COLUMN`: the file unreadable, a
 *   column missing, a blank id, an email that is not one (or holds an invisible character), an
 *   id given twice with different emails.
 */
export function readRespondents(file: string): RespondentMap {
  const table = readExport(file);
  const { columns, problems } = matchColumns(table, FIELDS);
  if (problems.length) throw new InputError(problems);
  const [idCol] = columns.get("respondent_id")!;
  const [emailCol] = columns.get("email")!;
  const out: Record<string, string> = {};
  const firstRow = new Map<string, number>();
  const found: Problem[] = [];
  table.rows.forEach((r, i) => {
    const row = table.rowNumbers[i];
    const id = r[idCol].trim();
    const e = readEmail(r[emailCol]);
    if (id === "") found.push({ file, row, column: table.columns[idCol].header, message: "the respondent id is blank" });
    if ("message" in e) found.push({ file, row, column: table.columns[emailCol].header, message: e.message });
    else if ("blank" in e) found.push({ file, row, column: table.columns[emailCol].header, message: "email address is required but the cell is blank" });
    if (id === "" || !("email" in e)) return;
    if (id in out && out[id] !== e.email) {
      found.push({ file, row, column: table.columns[idCol].header, message: `respondent id ${showValue(id)} is given another email at row ${firstRow.get(id)}` });
      return;
    }
    out[id] = e.email;
    if (!firstRow.has(id)) firstRow.set(id, row);
  });
  if (found.length) throw new InputError(found);
  return out;
}
