// Rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes), the
// input of `COPY ... FROM STDIN`.

export type CopyValue = string | number | null | undefined;

const special = /[\\\t\n\r]/;
const specialAll = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field: text with its separators and backslashes escaped; null and undefined as `\N`. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'number' ? String(value) : value;
  return special.test(text) ? text.replace(specialAll, (c) => escapes[c]) : text;
}

/** One line (with its newline) of the given fields. */
export function copyLine(fields: readonly CopyValue[]): string {
  let line = copyField(fields[0]);
  for (let i = 1; i < fields.length; i++) line += `\t${copyField(fields[i])}`;
  return `${line}\n`;
}
