// The daily question as Discord messages: the prompt the whole class answers with buttons, the
// same message once closed (buttons off, the right one green), the reveal with the class's
// result, and each student's private feedback. Discord's own <t:…> timestamps show every
// reader the time in their own zone.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { DailyResults, QuizAnswerResult } from '../app/learning';
import type { Locale } from '../content/common';
import { tr } from '../discord/i18n';
import { cut, LIMITS } from '../discord/limits';
import { COLOURS, type BotMessage } from '../discord/render/line-reply';
import { codeBlock } from '../discord/render/terminal';
import type { QuestionContent } from '../learning/quiz';
import type { DailyPromptRow } from '../store/class';

/** custom_id prefix of the answer buttons: `daily:<prompt id>:<option key>`. */
export const DAILY_PREFIX = 'daily';
const GREY = 0x8a98a8;

const block = (text: string, locale: Locale, max = 800) => codeBlock(text, { max, moreLines: (n) => tr(locale, 'moreLines', { n }) });
const unix = (ms: number) => Math.floor(ms / 1000);

function label(content: QuestionContent, key: string, text: string): string {
  return content.kind === 'truefalse' ? text : key.toUpperCase();
}

/** An option as text: `**B)** the text`, or `**True**` for true/false. */
export function answerLabel(content: Pick<QuestionContent, 'kind'> | undefined, key: string, text: string): string {
  const flat = text.split('\n').join(' / ');
  if (content?.kind === 'truefalse') return `**${flat}**`;
  return flat === '' ? `**${key.toUpperCase()})**` : `**${key.toUpperCase()})** ${flat}`;
}

/** A `YYYY-MM-DD` class day as a short date in the reader's language ("Tue, Mar 3"). */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

function questionText(content: QuestionContent, locale: Locale): string {
  const parts = [`**${content.prompt}**`];
  if (content.setup.length > 0) parts.push(tr(locale, 'quizAlreadyRun'), block(content.setup.map((line) => `$ ${line}`).join('\n'), locale));
  if (content.command) parts.push(tr(locale, 'quizWhatPrints'), block(`$ ${content.command}`, locale));
  if (content.kind === 'predict') for (const option of content.options) parts.push(`**${option.key.toUpperCase()})**`, block(option.text, locale, 500));
  else if (content.kind === 'choice') parts.push(content.options.map((option) => `**${option.key.toUpperCase()})** ${option.text}`).join('\n'));
  return parts.join('\n');
}

function buttons(prompt: DailyPromptRow, content: QuestionContent, state: { closed: boolean; rightKey?: string | null }): APIActionRowComponent<APIButtonComponent>[] {
  const row: APIButtonComponent[] = content.options.slice(0, LIMITS.buttonsPerRow).map((option) => ({
    type: 2,
    style: state.closed ? (option.key === state.rightKey ? 3 : 2) : 1,
    label: cut(label(content, option.key, option.text), LIMITS.buttonLabel),
    custom_id: `${DAILY_PREFIX}:${prompt.id}:${option.key}`,
    ...(state.closed && { disabled: true }),
  }));
  return [{ type: 1, components: row }];
}

function promptEmbed(prompt: DailyPromptRow, content: QuestionContent, locale: Locale, closedLine?: string): APIEmbed {
  const how = closedLine ?? tr(locale, 'dailyHowTo', { when: `<t:${unix(prompt.closesAt)}:R> (<t:${unix(prompt.closesAt)}:t>)` });
  return {
    title: tr(locale, 'dailyTitle'),
    description: cut(`${questionText(content, locale)}\n\n${how}`, LIMITS.embedDescription),
    color: closedLine ? GREY : COLOURS.info,
    footer: { text: `${tr(locale, 'facts')}: ${content.facts.join(' ')}` },
  };
}

/** The prompt as posted: the question and one button per option. */
export function renderPrompt(prompt: DailyPromptRow, content: QuestionContent): BotMessage {
  const locale = prompt.locale as Locale;
  return { embeds: [promptEmbed(prompt, content, locale)], components: buttons(prompt, content, { closed: false }) };
}

/** The posted prompt once its window is over: buttons off, the right one in green. */
export function renderClosedPrompt(prompt: DailyPromptRow, content: QuestionContent, results: DailyResults): BotMessage {
  const locale = prompt.locale as Locale;
  const right = results.spread.find((option) => option.correct);
  const key = right ? label(content, right.key, right.text) : '?';
  return { embeds: [promptEmbed(prompt, content, locale, tr(locale, 'dailyClosed', { key }))], components: buttons(prompt, content, { closed: true, rightKey: right?.key ?? null }) };
}

/** The reveal: the right answer, why, and how the class did (never who answered what). */
export function renderReveal(prompt: DailyPromptRow, content: QuestionContent, results: DailyResults): BotMessage {
  const locale = prompt.locale as Locale;
  const right = results.spread.find((option) => option.correct);
  const lines: string[] = [];
  if (right) lines.push(tr(locale, 'dailyRevealAnswer', { answer: answerLabel(content, right.key, right.text) }));
  lines.push('', results.explanation, '');
  if (results.answers === 0) {
    lines.push(tr(locale, 'dailyRevealNobody'));
  } else {
    lines.push(tr(locale, 'dailyRevealResult', { right: results.correct, n: results.answers, share: `${Math.round((results.share ?? 0) * 100)}%` }));
    const widest = Math.max(...results.spread.map((option) => option.count));
    for (const option of results.spread) {
      const bar = widest === 0 ? '' : '█'.repeat(Math.round((option.count / widest) * 10));
      lines.push(`${option.correct ? '✅' : '▫️'} **${label(content, option.key, option.text)}** ${bar === '' ? '' : `${bar} `}${option.count}`);
    }
  }
  return { embeds: [{ title: tr(locale, 'dailyRevealTitle'), description: cut(lines.join('\n'), LIMITS.embedDescription), color: COLOURS.ok }] };
}

/** A student's private feedback after pressing an answer. */
export function renderDailyFeedback(result: QuizAnswerResult, content: QuestionContent | undefined): BotMessage {
  const l = result.locale;
  const lines: string[] = [];
  if (result.repeated) lines.push(`*${tr(l, 'dailyAlready')}*`);
  const shown = (key: string | undefined) => answerLabel(content, key ?? '', content?.options.find((o) => o.key === key)?.text ?? '');
  if (result.chosenKey) lines.push(tr(l, 'quizYourAnswer', { answer: shown(result.chosenKey) }));
  if (!result.correct && result.rightKey) lines.push(tr(l, 'quizTheAnswer', { answer: shown(result.rightKey) }));
  lines.push('', result.explanation, '');
  lines.push(tr(l, 'quizNextReview', { date: formatDay(result.nextDueDay, l), n: result.intervalDays }));
  const extras = [result.xp > 0 ? tr(l, 'quizXp', { xp: result.xp }) : '', tr(l, 'quizStreak', { n: result.streak.current })].filter(Boolean);
  return {
    embeds: [
      {
        title: tr(l, result.correct ? 'quizRight' : 'quizWrong'),
        description: cut(lines.join('\n'), LIMITS.embedDescription),
        color: result.correct ? COLOURS.ok : COLOURS.error,
        footer: { text: extras.join(' · ') },
      },
    ],
  };
}
