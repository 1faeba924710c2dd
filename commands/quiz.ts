// /quiz [answer:] — the student's due review cards (FSRS), one at a time, with buttons for the
// options or a "Type the command" form; after each answer, why it is right or wrong and when the
// card comes back. The card rendering here is shared by /lesson's end-of-lesson question.
import {
  InteractionContextType,
  LabelBuilder,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import type { NotFound, QuizAnswer, QuizAnswerResult, QuizCardView, QuizNext } from '../src/app/learning';
import type { Locale } from '../src/content/common';
import type { BotCommand, ComponentContext, ComponentHandler, ReplyContext } from '../src/discord/command';
import { tr, type MessageKey } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS, notice, type BotMessage } from '../src/discord/render/line-reply';
import { codeBlock, escapeBackticks } from '../src/discord/render/terminal';
import { answerLabel, formatDay } from '../src/daily/render';

export const QUIZ_PREFIX = 'quiz';
const LINE_INPUT = 'line';

// ---------------------------------------------------------------------------------------------
// Small helpers the learning commands share.

type Style = 1 | 2 | 3 | 4;
export type Button = APIButtonComponent;
export type Row = APIActionRowComponent<APIButtonComponent>;

export function button(label: string, customId: string, options: { style?: Style; disabled?: boolean } = {}): Button {
  return { type: 2, style: options.style ?? 2, label: cut(label, LIMITS.buttonLabel), custom_id: customId, ...(options.disabled && { disabled: true }) };
}

/** Buttons in rows of five (Discord's limit), at most five rows. */
export function rows(buttons: readonly Button[]): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < buttons.length && out.length < LIMITS.actionRows; i += LIMITS.buttonsPerRow) {
    out.push({ type: 1, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}


export function notFoundMessage(result: NotFound): BotMessage {
  return notice(tr(result.locale, `notFound.${result.what}` as MessageKey), { colour: COLOURS.error });
}

/** Buttons on a learning message act for the student the message answered, nobody else. */
export async function ownedByClicker(ctx: ComponentContext): Promise<boolean> {
  const owner = ctx.interaction.message?.interactionMetadata?.user.id;
  if (owner && owner !== ctx.student.userId) {
    await ctx.respond.fail(notice(tr(ctx.locale, 'notYourLearning')));
    return false;
  }
  return true;
}

const block = (text: string, locale: Locale, max = 1_000) => codeBlock(text, { max, moreLines: (n) => tr(locale, 'moreLines', { n }) });

// ---------------------------------------------------------------------------------------------
// Cards and answers.

export function quizCardEmbed(card: QuizCardView): APIEmbed {
  const l = card.locale;
  const parts: string[] = [`**${card.prompt}**`];
  if (card.setup.length > 0) parts.push(tr(l, 'quizAlreadyRun'), block(card.setup.map((line) => `$ ${line}`).join('\n'), l));
  if (card.command) parts.push(tr(l, 'quizWhatPrints'), block(`$ ${card.command}`, l));
  if (card.kind === 'predict') {
    for (const option of card.options) parts.push(`**${option.key.toUpperCase()})**`, block(option.text, l, 600));
  } else if (card.kind === 'choice') {
    parts.push(card.options.map((option) => `**${option.key.toUpperCase()})** ${option.text}`).join('\n'));
  } else if (card.kind === 'command') {
    parts.push(tr(l, 'quizTypeHint'));
  }
  const title = `${tr(l, 'quizTitle', { topic: card.topicTitle })}${card.isNew ? ` · ${tr(l, 'quizNew')}` : ''}`;
  return {
    title: cut(title, LIMITS.embedTitle),
    description: cut(parts.join('\n'), LIMITS.embedDescription),
    color: COLOURS.info,
    footer: { text: cut(tr(l, 'quizFooter', { due: card.dueLeft, facts: card.facts.join(' ') }), LIMITS.footer) },
  };
}

export function renderQuizCard(card: QuizCardView): BotMessage {
  const l = card.locale;
  const buttons =
    card.kind === 'command'
      ? [button(tr(l, 'quizTypeButton'), `${QUIZ_PREFIX}:type:${card.cardId}`, { style: 1 })]
      : card.options.map((option) => button(card.kind === 'truefalse' ? option.text : option.key.toUpperCase(), `${QUIZ_PREFIX}:a:${card.cardId}:${option.key}`, { style: 1 }));
  return { embeds: [quizCardEmbed(card)], components: rows(buttons) };
}

function doneMessage(next: Extract<QuizNext, { status: 'done' }>): BotMessage {
  const l = next.locale;
  const lines = [tr(l, 'quizDone')];
  if (next.nextDueDay) lines.push(tr(l, 'quizNextReviewOn', { date: formatDay(next.nextDueDay, l) }));
  if (next.newLeftToday === 0) lines.push(tr(l, 'quizNewTomorrow'));
  return notice(lines.join(' '), { colour: COLOURS.ok });
}

export function renderQuizNext(next: QuizNext | NotFound): BotMessage {
  if (next.status === 'not-found') return notFoundMessage(next);
  if (next.status === 'done') return doneMessage(next);
  return renderQuizCard(next.card);
}

/** Why the answer is right or wrong, and when the card comes back (FSRS's next date). */
export function answerEmbed(result: QuizAnswerResult): APIEmbed {
  const l = result.locale;
  const lines: string[] = [];
  if (result.repeated) lines.push(`*${tr(l, 'quizRepeated')}*`);
  if (result.kind === 'command') {
    if (result.output) lines.push(tr(l, 'quizYourLinePrinted'), block(result.output.replace(/\n$/, ''), l, 900));
    for (const probe of result.probes ?? []) lines.push(`${probe.holds ? '✅' : '❌'} ${probe.describe}`);
    if (!result.correct && result.example) lines.push(tr(l, 'quizALineThatWorks', { line: `\`${escapeBackticks(result.example)}\`` }));
  } else {
    if (result.chosenKey && result.kind !== 'truefalse') {
      lines.push(tr(l, 'quizYourAnswer', { answer: answerLabel(result, result.chosenKey, result.correct ? result.rightText ?? '' : '') }));
    }
    if (!result.correct && result.rightKey) lines.push(tr(l, 'quizTheAnswer', { answer: answerLabel(result, result.rightKey, result.rightText ?? '') }));
  }
  lines.push('', result.explanation, '');
  lines.push(tr(l, 'quizNextReview', { date: formatDay(result.nextDueDay, l), n: result.intervalDays }));
  const extras = [result.xp > 0 ? tr(l, 'quizXp', { xp: result.xp }) : '', tr(l, 'quizStreak', { n: result.streak.current })].filter(Boolean);
  return {
    title: tr(l, result.correct ? 'quizRight' : 'quizWrong'),
    description: cut(lines.join('\n'), LIMITS.embedDescription),
    color: result.correct ? COLOURS.ok : COLOURS.error,
    footer: { text: extras.join(' · ') },
  };
}

/** The answered card: the question as it was, the verdict under it, and a way on. */
export function renderQuizAnswer(result: QuizAnswer, questionEmbed?: APIEmbed): BotMessage {
  if (result.status === 'not-found') return notFoundMessage(result);
  if (result.status === 'invalid') {
    const text = result.reason === 'empty' ? tr(result.locale, 'quizEmptyCommand') : tr(result.locale, 'quizNotAnOption');
    return notice(text, { colour: COLOURS.error });
  }
  const embeds = [...(questionEmbed ? [questionEmbed] : []), answerEmbed(result)];
  const more = result.dueLeft > 0 || result.newLeftToday > 0;
  // The answered card's id keeps each "Next card" distinct, so quick sessions never look like double clicks.
  return { embeds, components: more ? rows([button(tr(result.locale, 'quizNextCard'), `${QUIZ_PREFIX}:next:${result.cardId}`, { style: 1 })]) : [] };
}

async function answerAndShow(ctx: ReplyContext, cardId: string, answer: string, questionEmbed: APIEmbed | undefined, update: boolean): Promise<void> {
  // No elapsed time from the shell: the use case measures it from when the card was shown.
  const result = await ctx.serial(() => ctx.services.learning.answerQuizCard(ctx.student, cardId, answer));
  const message = renderQuizAnswer(result, questionEmbed);
  if (update && result.status === 'answered') await ctx.respond.update(message);
  else if (update) await ctx.respond.fail(message);
  else await ctx.respond.send(message);
}

const quizButtons: ComponentHandler = {
  updatesMessage: true,
  async handle(ctx) {
    if (!(await ownedByClicker(ctx))) return;
    const [action, cardId = '', key = ''] = ctx.data.split(':');
    const questionEmbed = ctx.interaction.message?.embeds[0]?.toJSON();
    switch (action) {
      case 'a':
        return answerAndShow(ctx, cardId, key, questionEmbed, true);
      case 'type': {
        const locale = ctx.locale;
        const input = new TextInputBuilder().setCustomId(LINE_INPUT).setStyle(TextInputStyle.Short).setRequired(true).setMaxLength(1_000);
        const modal = new ModalBuilder()
          .setCustomId(`${QUIZ_PREFIX}:cmd:${cardId}`)
          .setTitle(cut(tr(locale, 'quizModalTitle'), LIMITS.modalTitle))
          .addLabelComponents(new LabelBuilder().setLabel(cut(tr(locale, 'quizModalLabel'), LIMITS.textInputLabel)).setTextInputComponent(input));
        await ctx.respond.showModal(modal);
        return;
      }
      case 'cmd': {
        if (!ctx.interaction.isModalSubmit()) return;
        const line = ctx.interaction.fields.getTextInputValue(LINE_INPUT);
        return answerAndShow(ctx, cardId, line, questionEmbed, true);
      }
      case 'next': {
        const next = await ctx.serial(() => ctx.services.learning.nextQuizCard(ctx.student));
        await ctx.respond.update(renderQuizNext(next));
        return;
      }
      default:
        throw new Error(`unknown quiz button ${ctx.data}`);
    }
  },
};

const data = new SlashCommandBuilder()
  .setName('quiz')
  .setDescription('Your review cards for today (spaced repetition), one at a time')
  .setDescriptionLocalization('pt-BR', 'Seus cartões de revisão de hoje (repetição espaçada), um por vez')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('answer')
      .setNameLocalization('pt-BR', 'resposta')
      .setDescription('For a “type the command” card: your command line')
      .setDescriptionLocalization('pt-BR', 'Para um cartão de “digitar o comando”: sua linha de comando')
      .setMaxLength(1_000),
  );

export default {
  data,
  async execute(ctx) {
    const typed = ctx.interaction.options.getString('answer');
    const { learning } = ctx.services;
    if (typed !== null) {
      const current = await ctx.serial(() => learning.currentQuizCard(ctx.student));
      if (!current || current.kind !== 'command') {
        await ctx.respond.send(notice(tr(ctx.locale, 'quizNoTypedCard')));
        return;
      }
      await answerAndShow(ctx, current.cardId, typed, quizCardEmbed(current), false);
      return;
    }
    const next = await ctx.serial(() => learning.nextQuizCard(ctx.student));
    await ctx.respond.send(renderQuizNext(next));
  },
  components: { [QUIZ_PREFIX]: quizButtons },
} satisfies BotCommand;
