// What the explorer saves to the analyst's disk: the canvas as PNG, the table as CSV. Every export is first
// recorded in the hub's audit trail (app.js calls the recordExport mutation) and only then handed to the browser.

/**
 * One CSV row per RFC 4180: fields separated by commas, a field with a comma, quote, CR or LF quoted with its quotes
 * doubled. A text starting with =, +, -, @, tab or CR gets a leading apostrophe (OWASP "CSV injection"), so that a
 * spreadsheet shows it instead of evaluating it.
 *
 * @param fields the row's values (null and undefined give an empty field)
 * @return the row without its line break
 */
export function csvRow(fields) {
  return fields.map((v) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  }).join(',');
}

/**
 * A CSV document: a header row, then the rows, CRLF line breaks (RFC 4180), UTF-8 with a byte-order mark so that
 * spreadsheet programs read Chinese text correctly.
 *
 * @param header column names
 * @param rows   arrays of values, one per column
 * @return the document as a Blob of type text/csv
 */
export function csvBlob(header, rows) {
  const text = [header, ...rows].map(csvRow).join('\r\n') + '\r\n';
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
}

/** Hands a Blob to the browser as a download named `name`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** @return a file-name stamp of the local time, e.g. 20261130-0712 */
export function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}
