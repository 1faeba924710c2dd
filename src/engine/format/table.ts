// Tables exactly as the docker CLI prints them. docker/cli writes tab-separated rows through its
// fork of Go's text/tabwriter, configured as NewWriter(out, 10, 1, 3, ' ', 0): minwidth 10,
// padding 3, space padding, no flags. This is the elastic-tabstops algorithm of that writer,
// including its quirks: the text after a row's last tab is not part of a column (so it is never
// padded), a column block only spans consecutive lines that have that column, a line with no tab
// at all ends the block, and an empty column still takes minwidth.

import { displayWidth, runeCount } from './text-width';

export interface TabwriterOptions {
  /** Minimal cell width including padding (docker: 10). */
  minWidth?: number;
  /** Spaces added to the widest cell of a column (docker: 3). */
  padding?: number;
  /** How a cell's width is counted: docker's fork uses display width ('display'); Go's own tabwriter counts runes. */
  measure?: 'display' | 'runes';
}

interface Cell {
  text: string;
  width: number;
}

const SPACES: string[] = Array.from({ length: 64 }, (_, n) => ' '.repeat(n));

function spaces(n: number): string {
  return SPACES[n] ?? ' '.repeat(n);
}

interface Frame {
  line0: number;
  line1: number;
  cursor: number;
  resumeAt: number;
}

/**
 * Aligns tab-terminated cells like docker's tabwriter. Input is the raw text docker would write
 * (cells separated by `\t`, rows ended by `\n`); output is what reaches the terminal.
 */
export function tabwrite(text: string, options: TabwriterOptions = {}): string {
  const minWidth = options.minWidth ?? 10;
  const padding = options.padding ?? 3;
  const measure = options.measure === 'runes' ? runeCount : displayWidth;
  let out = '';
  let lines: Cell[][] = [[]];
  let cellStart = 0;

  const writeLines = (widths: number[], line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as Cell[];
      for (let j = 0; j < line.length; j++) {
        const cell = line[j] as Cell;
        out += cell.text;
        const columnWidth = widths[j];
        if (columnWidth !== undefined && columnWidth > cell.width) out += spaces(columnWidth - cell.width);
      }
      // The last buffered line has no newline of its own (it is the text after the final '\n').
      if (i + 1 !== lines.length) out += '\n';
    }
  };

  // Go's Writer.format, made iterative so that a hostile row with thousands of cells cannot
  // exhaust the call stack. Each frame is one recursion level (one more known column width).
  const format = (): void => {
    const widths: number[] = [];
    const stack: Frame[] = [{ line0: 0, line1: lines.length, cursor: 0, resumeAt: -1 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const column = widths.length;
      let descended = false;
      while (frame.cursor < frame.line1) {
        const line = lines[frame.cursor] ?? [];
        if (column >= line.length - 1) {
          frame.cursor++;
          continue;
        }
        writeLines(widths, frame.line0, frame.cursor);
        frame.line0 = frame.cursor;
        let width = minWidth;
        let end = frame.cursor;
        for (; end < frame.line1; end++) {
          const row = lines[end] ?? [];
          if (column >= row.length - 1) break;
          const cell = row[column] as Cell;
          width = Math.max(width, cell.width + padding);
        }
        widths.push(width);
        frame.resumeAt = end;
        stack.push({ line0: frame.line0, line1: end, cursor: frame.line0, resumeAt: -1 });
        descended = true;
        break;
      }
      if (descended) continue;
      writeLines(widths, frame.line0, frame.line1);
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        widths.pop();
        parent.line0 = parent.resumeAt;
        parent.cursor = parent.resumeAt + 1;
      }
    }
  };

  const flush = (): void => {
    format();
    lines = [[]];
  };

  if (!text.includes('\v') && !text.includes('\f')) {
    // Common case, same result: split on the native string functions instead of char by char.
    const rawLines = text.split('\n');
    const last = rawLines.length - 1;
    for (let i = 0; i < last; i++) {
      const line = (rawLines[i] as string).split('\t').map((cell) => ({ text: cell, width: measure(cell) }));
      lines[lines.length - 1] = line;
      lines.push([]);
      // A line without tabs cannot affect later columns, so Go flushes there.
      if (line.length === 1) flush();
    }
    const rest = (rawLines[last] as string).split('\t');
    if (rest[rest.length - 1] === '') rest.pop();
    lines[lines.length - 1] = rest.map((cell) => ({ text: cell, width: measure(cell) }));
    flush();
    return out;
  }

  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // '\t' 9, '\v' 11, '\n' 10, '\f' 12 end a cell.
    if (ch !== 9 && ch !== 10 && ch !== 11 && ch !== 12) continue;
    const cellText = text.slice(cellStart, i);
    cellStart = i + 1;
    const line = lines[lines.length - 1] as Cell[];
    line.push({ text: cellText, width: measure(cellText) });
    if (ch === 10 || ch === 12) {
      lines.push([]);
      // A line without tabs cannot affect later columns, so Go flushes there.
      if (ch === 12 || line.length === 1) flush();
    }
  }
  const rest = text.slice(cellStart);
  if (rest.length > 0) (lines[lines.length - 1] as Cell[]).push({ text: rest, width: measure(rest) });
  flush();
  return out;
}

/**
 * A docker table: rows[0] is the header, every row ends in a newline, columns are padded to the
 * widest cell + 3 (at least 10), and the last column is never padded. Rows with an empty last
 * cell keep the previous column's padding as trailing spaces, as in docker.
 */
export function formatTable(rows: ReadonlyArray<ReadonlyArray<string>>, options?: TabwriterOptions): string {
  if (rows.length === 0) return '';
  let text = '';
  for (const row of rows) text += `${row.join('\t')}\n`;
  return tabwrite(text, options);
}

export interface TableSection {
  /** The line printed before the table, e.g. `Images space usage:` or `Build cache usage: 0B`. */
  title: string;
  /** Header row first, then data rows. */
  rows: ReadonlyArray<ReadonlyArray<string>>;
}

/**
 * `docker system df -v`: each section is its own table, introduced by its title and a blank line;
 * sections after the first are preceded by a blank line.
 */
export function formatTableSections(sections: ReadonlyArray<TableSection>, options?: TabwriterOptions): string {
  return sections
    .map((section, index) => `${index > 0 ? '\n' : ''}${section.title}\n\n${formatTable(section.rows, options)}`)
    .join('');
}
