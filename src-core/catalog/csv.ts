import { CoreError } from '../api/errors';

/**
 * RFC 4180 CSV as Python's `csv` module reads and writes it: comma
 * separated, `"` quoted with `""` for a quote, CRLF or LF line ends, a
 * leading byte-order mark ignored. Blank lines are skipped; each record
 * keeps the number of the line it starts on (the row a spreadsheet shows),
 * so that errors can name it.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        field += c;
        atFieldStart = false;
      }
    }
    if (quoted)
      throw new CoreError('VALIDATION', `row ${start}: a quoted field is never closed`, {
        field: `row ${start}`,
        reason: 'unclosed quote',
        row: start,
      });
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes records as `csv.writer` does with its minimal quoting, LF line ends. */
export function formatCsv(records: string[][]): string {
  return records.map((fields) => `${fields.map(quote).join(',')}\n`).join('');
}
