// The /progress picture as an SVG (the Discord shell turns it into a PNG with resvg): XP,
// streak and facts mastered at the top, a bar per topic for mastery, and the streak calendar
// of the last weeks. One narrow column with large type, because it is read on phones.
import type { Locale } from '../content/common';
import { PALETTE, fit, labels, masteryColour, percent, svgDocument, svgRect, svgText, type TextStyle } from './svg';
import type { ProgressView } from '../learning/progress';

const WIDTH = 760;
const PAD = 28;

const COLOURS = {
  ...PALETTE,
  dayEmpty: '#22354d',
  dayDone: '#3ccf7a',
  today: '#eef3fa',
};

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: "{name}'s progress",
    xp: 'XP',
    streak: 'Streak',
    days: '{n} days',
    day: '1 day',
    mastered: 'Facts mastered',
    masteryTitle: 'Mastery per topic',
    overall: 'Whole course: {p}',
    calendarTitle: 'Streak, last {n} weeks',
    best: 'best: {n}',
    legend: 'green: reviews done, a lab passed or the daily question',
    today: '+{n} today',
    due: '{n} reviews due today',
    noneDue: 'No reviews due today',
    fading: 'Fading: {facts}',
    weekdays: 'S M T W T F S',
  },
  'pt-BR': {
    title: 'Progresso de {name}',
    xp: 'XP',
    streak: 'Sequência',
    days: '{n} dias',
    day: '1 dia',
    mastered: 'Fatos dominados',
    masteryTitle: 'Domínio por tema',
    overall: 'Curso inteiro: {p}',
    calendarTitle: 'Sequência, últimas {n} semanas',
    best: 'recorde: {n}',
    legend: 'verde: revisões em dia, um lab ou a pergunta do dia',
    today: '+{n} hoje',
    due: '{n} revisões para hoje',
    noneDue: 'Nenhuma revisão para hoje',
    fading: 'Esmaecendo: {facts}',
    weekdays: 'D S T Q Q S S',
  },
};

const t = labels(TEXT);

const text = (x: number, y: number, content: string, style: TextStyle = {}) => svgText(x, y, content, style);
const rect = svgRect;

export function progressSvg(view: ProgressView): string {
  const locale = view.locale;
  const parts: string[] = [];
  const inner = WIDTH - 2 * PAD;
  let y = PAD;

  parts.push(text(PAD, y + 36, fit(t(locale, 'title', { name: view.displayName }), 36), { size: 36, weight: 'bold' }));
  y += 60;

  // Three tiles: XP, streak, facts mastered.
  const gap = 16;
  const tile = (inner - 2 * gap) / 3;
  const tiles: [string, string, string][] = [
    [t(locale, 'xp'), String(view.xp.total), t(locale, 'today', { n: view.xp.today })],
    [t(locale, 'streak'), view.streak.current === 1 ? t(locale, 'day') : t(locale, 'days', { n: view.streak.current }), t(locale, 'best', { n: view.streak.longest })],
    [t(locale, 'mastered'), `${view.facts.mastered}/${view.facts.total}`, percent(view.mastery)],
  ];
  tiles.forEach(([label, value, note], i) => {
    const x = PAD + i * (tile + gap);
    parts.push(rect(x, y, tile, 124, COLOURS.card, 14));
    parts.push(text(x + 18, y + 34, fit(label, 16), { size: 22, fill: COLOURS.muted }));
    parts.push(text(x + 18, y + 78, fit(value, 10), { size: 38, weight: 'bold' }));
    parts.push(text(x + 18, y + 108, fit(note, 16), { size: 20, fill: COLOURS.muted }));
  });
  y += 124 + 34;

  // Mastery per topic.
  parts.push(text(PAD, y + 30, t(locale, 'masteryTitle'), { size: 30, weight: 'bold', fill: COLOURS.accent }));
  parts.push(text(WIDTH - PAD, y + 30, t(locale, 'overall', { p: percent(view.mastery) }), { size: 22, fill: COLOURS.muted, anchor: 'end' }));
  y += 50;
  for (const topic of view.topics) {
    parts.push(text(PAD, y + 26, fit(topic.title, 40), { size: 24 }));
    parts.push(text(WIDTH - PAD, y + 26, percent(topic.value), { size: 24, weight: 'bold', anchor: 'end' }));
    y += 38;
    parts.push(rect(PAD, y, inner, 18, COLOURS.track, 9));
    const filled = Math.round(inner * Math.max(0, Math.min(1, topic.value)));
    if (filled > 0) parts.push(rect(PAD, y, Math.max(filled, 18), 18, masteryColour(topic.value), 9));
    y += 36;
  }
  y += 10;

  // The streak calendar: one column per week, Sunday on top.
  const weeks = Math.ceil(view.streak.calendar.length / 7);
  parts.push(text(PAD, y + 30, t(locale, 'calendarTitle', { n: weeks }), { size: 30, weight: 'bold', fill: COLOURS.accent }));
  y += 50;
  const labelWidth = 36;
  const cell = 44;
  const cellGap = 8;
  const letters = t(locale, 'weekdays').split(' ');
  letters.forEach((letter, row) => parts.push(text(PAD, y + row * (cell + cellGap) + 30, letter, { size: 20, fill: COLOURS.muted })));
  const first = view.streak.calendar[0];
  const firstWeekday = first ? new Date(`${first.day}T00:00:00Z`).getUTCDay() : 0;
  view.streak.calendar.forEach((day, i) => {
    const position = i + firstWeekday;
    const x = PAD + labelWidth + Math.floor(position / 7) * (cell + cellGap);
    const cy = y + (position % 7) * (cell + cellGap);
    const isToday = day.day === view.today;
    const outline = isToday ? ` stroke="${COLOURS.today}" stroke-width="3"` : '';
    parts.push(rect(x, cy, cell, cell, day.counted ? COLOURS.dayDone : COLOURS.dayEmpty, 8, outline));
    if (isToday || day.day.endsWith('-01')) parts.push(text(x + cell / 2, cy + 29, String(Number(day.day.slice(8))), { size: 18, fill: day.counted ? COLOURS.background : COLOURS.muted, anchor: 'middle' }));
  });
  y += 7 * (cell + cellGap) + 4;
  parts.push(text(PAD, y + 22, fit(t(locale, 'legend'), 60), { size: 20, fill: COLOURS.muted }));
  y += 44;

  // What to do next.
  parts.push(text(PAD, y + 26, view.quiz.due > 0 ? t(locale, 'due', { n: view.quiz.due }) : t(locale, 'noneDue'), { size: 24 }));
  y += 38;
  if (view.facts.fadingFacts.length > 0) {
    const facts = view.facts.fadingFacts.slice(0, 6).map((f) => f.fact).join(', ');
    parts.push(text(PAD, y + 26, fit(t(locale, 'fading', { facts }), 52), { size: 24, fill: COLOURS.mid }));
    y += 38;
  }
  const height = y + PAD;

  return svgDocument(WIDTH, height, parts);
}
