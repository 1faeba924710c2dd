// --format for list commands, as docker/cli's formatter package does it: `table` adds a header
// row and aligns columns with tabwriter; other formats print one line per object.
import { tabwrite } from '../format/table';
import { executeTemplate, parseTemplate, TemplateError } from '../format/go-template';
import type { Invocation } from './invocation';

/** Docker's named formats: `json` is `{{json .}}`, `table` is the command's default table. */
function expandFormat(format: string, defaultTable: string | undefined): string {
  if (format === 'json') return '{{json .}}';
  if (format === 'table' && defaultTable) return defaultTable;
  return format;
}

/** Renders rows with a Go template. Returns the exit code (1 on template errors, as docker). */
export function renderFormatted(
  inv: Invocation,
  format: string,
  rows: object[],
  headers: Record<string, string>,
  typeName: string,
  defaultTable?: string,
): number {
  const expanded = expandFormat(format, defaultTable);
  const isTable = expanded.startsWith('table');
  const body = isTable ? expanded.slice('table'.length).replace(/^\s/, '') : expanded;
  // docker/cli unescapes the \t and \n typed in a shell string.
  const source = body.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const template = parseTemplate(source);
  if (template instanceof TemplateError) {
    inv.io.err(`template parsing error: ${template.message}\n`);
    return 1;
  }
  let text = '';
  if (isTable) {
    const header = executeTemplate(template, headers, { header: true, rawMaps: true });
    text += `${header.output}\n`;
  }
  for (const row of rows) {
    const result = executeTemplate(template, row, { typeName: `*${typeName}` });
    if (!result.ok) {
      inv.io.err(`${result.error.message}\n`);
      return 1;
    }
    text += `${result.output}\n`;
  }
  inv.io.out(isTable ? tabwrite(text) : text);
  return 0;
}
