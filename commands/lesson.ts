// /lesson [lesson:] [page:] — the lessons in course order with the student's progress, and a
// lesson page by page: "Try it" buttons run the suggested line in the student's own host and
// show the result under the page; the last page leads to a question about the lesson.
import { InteractionContextType, SlashCommandBuilder, type APIEmbed } from 'discord.js';
import type { LessonListView, LessonPageView, NotFound, TryItResult } from '../src/app/learning';
import type { Locale } from '../src/content/common';
import type { BotCommand, ComponentHandler, ReplyContext } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS, notice, renderLineReply, type BotMessage } from '../src/discord/render/line-reply';
import { codeBlock, transcriptText } from '../src/discord/render/terminal';
import { button, notFoundMessage, ownedByClicker, renderQuizNext, rows, type Button } from './quiz';

const PREFIX = 'lesson';

/** Lower case without accents, so "conteiner" finds "contêiner". */
export const folded = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();

function listMessage(view: LessonListView): BotMessage {
  const l = view.locale;
  const lines = view.lessons.map((lesson) => {
    const mark = lesson.completed ? '✅' : lesson.started ? '▶️' : '⬜';
    const progress = lesson.started && !lesson.completed ? ` (${lesson.pagesSeen}/${lesson.pages})` : '';
    return `${mark} **${lesson.order}.** ${lesson.title}${progress}`;
  });
  const done = view.lessons.filter((lesson) => lesson.completed).length;
  return {
    embeds: [
      {
        title: tr(l, 'lessonsTitle'),
        description: cut(`${lines.join('\n')}\n\n${tr(l, 'lessonsHelp')}`, LIMITS.embedDescription),
        color: COLOURS.info,
        footer: { text: tr(l, 'lessonsDone', { done, total: view.lessons.length }) },
      },
    ],
    components: rows([button(tr(l, 'lessonContinue'), `${PREFIX}:next`, { style: 1 })]),
  };
}

function pageEmbed(view: LessonPageView, total: number): APIEmbed {
  const l = view.locale;
  const embed: APIEmbed = {
    title: cut(tr(l, 'lessonTitle', { order: view.lesson.order, total, title: view.lesson.title }), LIMITS.embedTitle),
    description: cut(view.body, LIMITS.embedDescription),
    color: view.completed ? COLOURS.ok : COLOURS.info,
    footer: { text: cut(tr(l, 'lessonFooter', { page: view.page, pages: view.lesson.pages, facts: view.facts.join(' ') }), LIMITS.footer) },
  };
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (view.tryIts.length > 0) {
    fields.push({ name: tr(l, 'lessonTryIts'), value: cut(view.tryIts.map((t) => `${t.done ? '✅' : '▶️'} ${t.label}: \`${t.command.split('\n')[0]}\``).join('\n'), LIMITS.fieldValue) });
  }
  if (view.completedNow && view.xp > 0) fields.push({ name: '🎉', value: tr(l, 'lessonComplete', { xp: view.xp }) });
  if (fields.length > 0) embed.fields = fields;
  return embed;
}

function pageButtons(view: LessonPageView): { tries: Button[]; nav: Button[] } {
  const l = view.locale;
  const id = view.lesson.id;
  const tries = view.tryIts.map((t) => button(`${t.done ? '✓' : '▶'} ${t.label}`, `${PREFIX}:try:${id}:${view.page}:${t.index}`, { style: 1 }));
  const nav: Button[] = [button(tr(l, 'lessonPrevious'), `${PREFIX}:page:${id}:${Math.max(1, view.page - 1)}`, { disabled: view.page === 1 })];
  if (!view.isLast) {
    nav.push(button(tr(l, 'lessonNextPage'), `${PREFIX}:page:${id}:${view.page + 1}`, { style: 1 }));
  } else {
    nav.push(button(tr(l, 'lessonQuestion'), `${PREFIX}:q:${id}`, { style: 3 }));
    if (view.next) nav.push(button(tr(l, 'lessonNextLesson'), `${PREFIX}:page:${view.next.lessonId}:${view.next.page}`));
  }
  return { tries: tries.slice(0, 3 * LIMITS.buttonsPerRow), nav };
}

type PageResult = LessonPageView | NotFound | { status: 'end-of-course'; locale: Locale };

function pageMessage(view: PageResult, total: number, extra: APIEmbed[] = []): BotMessage {
  if (view.status === 'not-found') return notFoundMessage(view);
  if (view.status === 'end-of-course') return notice(tr(view.locale, 'endOfCourse'), { colour: COLOURS.ok });
  const { tries, nav } = pageButtons(view);
  // "Try it" buttons on rows of their own, navigation on the last row.
  return { embeds: [pageEmbed(view, total), ...extra], components: [...rows(tries), ...rows(nav)] };
}

/** Characters Discord counts toward the 6000 shared by a message's embeds. */
function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0)
    + (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
}

/** The transcript under a page, its code block shortened when page and transcript would not fit together. */
function fitUnder(transcript: APIEmbed, tried: TryItResult, room: number): APIEmbed {
  if (embedLength(transcript) <= room) return transcript;
  const others = embedLength(transcript) - (transcript.description?.length ?? 0);
  const text = transcriptText(tried.reply.promptBefore, tried.command, tried.reply.chunks, tried.reply.prompt);
  const max = Math.max(200, room - others);
  return { ...transcript, description: codeBlock(text, { max, moreLines: (n) => tr(tried.locale, 'moreLines', { n }) }) };
}

async function openPage(ctx: ReplyContext, ref: string, page: number | undefined, update: boolean): Promise<void> {
  const { learning } = ctx.services;
  const view = await ctx.serial(() => learning.lessonPage(ctx.student, ref, page));
  const message = pageMessage(view, learning.course.lessons.length);
  if (update && view.status === 'ok') await ctx.respond.update(message);
  else if (update) await ctx.respond.fail(message);
  else await ctx.respond.send(message);
}

const lessonButtons: ComponentHandler = {
  updatesMessage: true,
  async handle(ctx) {
    if (!(await ownedByClicker(ctx))) return;
    const { learning } = ctx.services;
    const total = learning.course.lessons.length;
    const [action, id = '', pageText = '', indexText = ''] = ctx.data.split(':');
    switch (action) {
      case 'next': {
        const view = await ctx.serial(() => learning.lessonNext(ctx.student));
        await ctx.respond.update(pageMessage(view, total));
        return;
      }
      case 'page':
        return openPage(ctx, id, Number(pageText), true);
      case 'try': {
        const page = Number(pageText);
        const index = Number(indexText);
        const { tried, view } = await ctx.serial(async () => {
          const tried = await learning.tryIt(ctx.student, id, page, index);
          // A mistake made in a "Try it" counts like one typed in /docker.
          return { tried, view: await learning.lessonPage(ctx.student, id, page) };
        });
        if (tried.status !== 'ok') {
          await ctx.respond.fail(notFoundMessage(tried));
          return;
        }
        const transcript = renderLineReply(tried.command, tried.reply, ctx.services.payloads).embeds?.[0];
        const message = pageMessage(view, total);
        if (transcript && message.embeds) message.embeds.push(fitUnder(transcript, tried, LIMITS.embedTotal - embedLength(message.embeds[0]!)));
        await ctx.respond.update(message);
        return;
      }
      case 'q': {
        // The question comes as a new message, so the page stays where it was.
        const next = await ctx.serial(() => learning.lessonQuestion(ctx.student, id));
        await ctx.respond.send(renderQuizNext(next));
        return;
      }
      default:
        throw new Error(`unknown lesson button ${ctx.data}`);
    }
  },
};

const data = new SlashCommandBuilder()
  .setName('lesson')
  .setNameLocalization('pt-BR', 'licao')
  .setDescription('The lessons of the course, page by page, with commands to try on your host')
  .setDescriptionLocalization('pt-BR', 'As lições do curso, página por página, com comandos para experimentar no seu host')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('lesson')
      .setNameLocalization('pt-BR', 'licao')
      .setDescription('Which lesson (leave empty to list them)')
      .setDescriptionLocalization('pt-BR', 'Qual lição (deixe vazio para listar)')
      .setMaxLength(100)
      .setAutocomplete(true),
  )
  .addIntegerOption((option) =>
    option
      .setName('page')
      .setNameLocalization('pt-BR', 'pagina')
      .setDescription('Page number (default: where you left it)')
      .setDescriptionLocalization('pt-BR', 'Número da página (padrão: onde você parou)')
      .setMinValue(1)
      .setMaxValue(30),
  );

export default {
  data,
  async execute(ctx) {
    const ref = ctx.interaction.options.getString('lesson');
    const page = ctx.interaction.options.getInteger('page') ?? undefined;
    if (ref === null) {
      const view = await ctx.serial(() => ctx.services.learning.listLessons(ctx.student));
      await ctx.respond.send(listMessage(view));
      return;
    }
    await openPage(ctx, ref, page, false);
  },
  async autocomplete(ctx) {
    const typed = folded(ctx.interaction.options.getFocused());
    const locale = ctx.services.learning.localeOf(ctx.student);
    return ctx.services.learning.course.lessons
      .map((lesson) => ({ name: `${lesson.order}. ${lesson.title[locale]}`, value: lesson.id }))
      .filter((choice) => typed === '' || folded(choice.name).includes(typed) || choice.value.includes(typed));
  },
  components: { [PREFIX]: lessonButtons },
} satisfies BotCommand;
