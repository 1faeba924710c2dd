// The /class overview picture: mastery of every course fact across the class, grouped by topic,
// so an instructor sees at a glance what the class knows and what to go over again. An SVG
// rasterised with resvg on libuv's thread pool (like /host), in the same narrow, large-type
// layout as the students' pictures, because it is read on phones too.
import type { ClassOverviewView } from '../app/class';
import { PALETTE, fit, labels, masteryColour, percent, pngOf, svgDocument, svgRect, svgText, type TextStyle } from './svg';
import type { Locale } from '../content/common';

const WIDTH = 760;
const PAD = 28;
const COLOURS = PALETTE;

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Class overview',
    students: '{n} students',
    student: '1 student',
    mean: 'Mean mastery: {p}',
    legend: 'Bar: mean mastery · thin green line: share who mastered it',
    empty: 'No student has answered a question yet.',
  },
  'pt-BR': {
    title: 'Visão da turma',
    students: '{n} estudantes',
    student: '1 estudante',
    mean: 'Domínio médio: {p}',
    legend: 'Barra: domínio médio · linha verde: parcela que o domina',
    empty: 'Nenhum estudante respondeu uma pergunta ainda.',
  },
};

const t = labels(TEXT);

const text = (x: number, y: number, content: string, style: TextStyle = {}) => svgText(x, y, content, style, 24);
const rect = svgRect;

export function classOverviewSvg(view: ClassOverviewView): string {
  const l = view.locale;
  const parts: string[] = [];
  const inner = WIDTH - 2 * PAD;
  let y = PAD;
  parts.push(text(PAD, y + 36, t(l, 'title'), { size: 36, weight: 'bold' }));
  parts.push(text(WIDTH - PAD, y + 36, view.students === 1 ? t(l, 'student') : t(l, 'students', { n: view.students }), { size: 26, fill: COLOURS.muted, anchor: 'end' }));
  y += 60;
  parts.push(text(PAD, y + 28, t(l, 'mean', { p: percent(view.mastery) }), { size: 28, weight: 'bold', fill: masteryColour(view.mastery) }));
  y += 40;
  parts.push(text(PAD, y + 22, fit(t(l, 'legend'), 62), { size: 20, fill: COLOURS.muted }));
  y += 36;
  if (view.students === 0) {
    parts.push(text(PAD, y + 30, t(l, 'empty'), { size: 24, fill: COLOURS.muted }));
    y += 44;
  }

  // One text per fact row: resvg lays out each text on its own (about a millisecond apiece,
  // half that for the smaller monospaced face), so the number sits in the label, padded to line
  // up, and the share of students who mastered the fact is a bar, not a number. Two columns
  // halve the picture's height, and encoding a PNG costs in proportion to its pixels.
  const gap = 24;
  const columnWidth = (inner - gap) / 2;
  const labelWidth = 112;
  const barWidth = columnWidth - labelWidth;
  type Row = { kind: 'topic'; title: string } | { kind: 'fact'; fact: (typeof view.topics)[number]['facts'][number] };
  const rows: Row[] = [];
  for (const topic of view.topics) {
    if (topic.facts.length === 0) continue;
    rows.push({ kind: 'topic', title: topic.title });
    for (const fact of topic.facts) rows.push({ kind: 'fact', fact });
  }
  const rowHeight = (row: Row) => (row.kind === 'topic' ? 48 : 32);
  const total = rows.reduce((sum, row) => sum + rowHeight(row), 0);
  // The second column starts at the topic that best balances the two heights.
  let split = rows.length;
  let best = Infinity;
  let reached = 0;
  rows.forEach((row, i) => {
    if (row.kind === 'topic' && i > 0 && Math.abs(reached - total / 2) < best) {
      best = Math.abs(reached - total / 2);
      split = i;
    }
    reached += rowHeight(row);
  });
  const top = y;
  let bottom = y;
  [rows.slice(0, split), rows.slice(split)].forEach((column, index) => {
    const left = PAD + index * (columnWidth + gap);
    let cy = top;
    for (const row of column) {
      if (row.kind === 'topic') {
        cy += 12;
        parts.push(text(left, cy + 24, fit(row.title, 30), { size: 19, weight: 'bold', fill: COLOURS.accent }));
        cy += 36;
        continue;
      }
      const { fact } = row;
      parts.push(text(left, cy + 21, `${fact.fact} ${percent(fact.mean).padStart(4)}`, { size: 20, mono: true }));
      const x = left + labelWidth;
      parts.push(rect(x, cy + 3, barWidth, 16, COLOURS.track, 8));
      const filled = Math.round(barWidth * Math.max(0, Math.min(1, fact.mean)));
      if (filled > 0) parts.push(rect(x, cy + 3, Math.max(filled, 16), 16, masteryColour(fact.mean), 8));
      const share = fact.students === 0 ? 0 : fact.mastered / fact.students;
      const masteredWidth = Math.round(barWidth * Math.max(0, Math.min(1, share)));
      if (masteredWidth > 0) parts.push(rect(x, cy + 22, Math.max(masteredWidth, 4), 5, COLOURS.high, 2));
      cy += 32;
    }
    bottom = Math.max(bottom, cy);
  });
  y = bottom;
  const height = y + PAD;
  return svgDocument(WIDTH, height, parts);
}

export async function classOverviewPng(view: ClassOverviewView): Promise<Buffer> {
  return pngOf(classOverviewSvg(view));
}
