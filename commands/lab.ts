// /lab [lab:] — hands-on challenges checked against the state of the student's own host: the
// list with what is passed and assigned, and one lab with its goal, its checks (✅/❌), and
// buttons to check again, get a hint, or reset the host for it (after a confirmation).
import { InteractionContextType, SlashCommandBuilder, type APIEmbed } from 'discord.js';
import type { LabCheckView, LabHintView, LabStatusView, LabSummary, NotFound } from '../src/app/learning';
import type { Locale } from '../src/content/common';
import type { BotCommand, ComponentHandler, ReplyContext } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS, notice, type BotMessage } from '../src/discord/render/line-reply';
import { folded } from './lesson';
import { button, notFoundMessage, ownedByClicker, rows } from './quiz';

const PREFIX = 'lab';

function listMessage(view: { locale: Locale; labs: LabSummary[] }): BotMessage {
  const l = view.locale;
  const lines = view.labs.map((lab) => {
    const mark = lab.passed ? '✅' : lab.started ? '▶️' : '⬜';
    const tags = [`${lab.xp} XP`, '★'.repeat(lab.difficulty), ...(lab.assigned ? [`📌 ${tr(l, 'labsAssigned')}`] : [])];
    return `${mark} **${lab.order}.** ${lab.title} · ${tags.join(' · ')}`;
  });
  return { embeds: [{ title: tr(l, 'labsTitle'), description: cut(`${lines.join('\n')}\n\n${tr(l, 'labsHelp')}`, LIMITS.embedDescription), color: COLOURS.info }] };
}

function statusEmbed(view: LabStatusView, verdict?: string): APIEmbed {
  const l = view.locale;
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (view.checks.length > 0) fields.push({ name: tr(l, 'labChecks'), value: cut(view.checks.map((c) => `${c.holds ? '✅' : '❌'} ${c.describe}`).join('\n'), LIMITS.fieldValue) });
  if (view.hints.length > 0) fields.push({ name: tr(l, 'labHints'), value: cut(view.hints.map((hint, i) => `${i + 1}. ${hint}`).join('\n'), LIMITS.fieldValue) });
  if (verdict) fields.push({ name: '\u200b', value: cut(verdict, LIMITS.fieldValue) });
  const goal = view.assigned ? `${view.lab.goal}\n\n📌 ${tr(l, 'labAssignedNote')}` : view.lab.goal;
  return {
    title: cut(tr(l, 'labTitle', { order: view.lab.order, title: view.lab.title }), LIMITS.embedTitle),
    description: cut(goal, LIMITS.embedDescription),
    color: view.allHold ? COLOURS.ok : view.passed ? COLOURS.ok : COLOURS.info,
    fields,
    footer: { text: cut(tr(l, 'labFooter', { xp: view.lab.xp, difficulty: view.lab.difficulty, facts: view.lab.facts.join(' ') }), LIMITS.footer) },
  };
}

function verdictOf(view: LabCheckView): string {
  const l = view.locale;
  if (view.passedNow) return tr(l, 'labPassedNow', { xp: view.xp });
  if (view.allHold) return tr(l, 'labPassedBefore');
  return tr(l, 'labNotYet', { n: view.checks.filter((c) => c.holds).length, total: view.checks.length });
}

function labMessage(view: LabStatusView, verdict?: string): BotMessage {
  const l = view.locale;
  const id = view.lab.id;
  return {
    embeds: [statusEmbed(view, verdict)],
    components: rows([
      button(tr(l, 'labCheckButton'), `${PREFIX}:check:${id}`, { style: 1 }),
      button(tr(l, 'labHintButton'), `${PREFIX}:hint:${id}`, { disabled: view.hintsLeft === 0 }),
      button(tr(l, 'labResetButton'), `${PREFIX}:reset:${id}`, { style: 4 }),
    ]),
  };
}

function hintVerdict(hint: LabHintView): string | undefined {
  return hint.hint === null ? tr(hint.locale, 'labNoMoreHints') : undefined;
}

async function show(ctx: ReplyContext, result: LabStatusView | NotFound, update: boolean, verdict?: string): Promise<void> {
  if (result.status === 'not-found') {
    await (update ? ctx.respond.fail(notFoundMessage(result)) : ctx.respond.send(notFoundMessage(result)));
    return;
  }
  const message = labMessage(result, verdict);
  await (update ? ctx.respond.update(message) : ctx.respond.send(message));
}

const labButtons: ComponentHandler = {
  updatesMessage: true,
  async handle(ctx) {
    if (!(await ownedByClicker(ctx))) return;
    const { learning } = ctx.services;
    const [action, id = ''] = ctx.data.split(':');
    switch (action) {
      case 'open':
        return show(ctx, await ctx.serial(() => learning.labStatus(ctx.student, id)), true);
      case 'check': {
        const view = await ctx.serial(() => learning.checkLab(ctx.student, id));
        return show(ctx, view, true, view.status === 'ok' ? verdictOf(view) : undefined);
      }
      case 'hint': {
        const { hint, view } = await ctx.serial(async () => ({ hint: await learning.labHint(ctx.student, id), view: await learning.labStatus(ctx.student, id) }));
        return show(ctx, view, true, hint.status === 'ok' ? hintVerdict(hint) : undefined);
      }
      case 'reset': {
        const lab = learning.course.labById.get(id);
        if (!lab) return show(ctx, { status: 'not-found', what: 'lab', locale: ctx.locale }, true);
        await ctx.respond.update({
          ...notice(tr(ctx.locale, 'labResetConfirm', { title: lab.title[ctx.locale] }), { colour: COLOURS.limit }),
          components: rows([button(tr(ctx.locale, 'labResetYes'), `${PREFIX}:reset-yes:${id}`, { style: 4 }), button(tr(ctx.locale, 'resetNo'), `${PREFIX}:open:${id}`)]),
        });
        return;
      }
      case 'reset-yes': {
        const { reset, view } = await ctx.serial(async () => ({ reset: await learning.resetLab(ctx.student, id), view: await learning.labStatus(ctx.student, id) }));
        return show(ctx, view, true, reset.status === 'ok' ? tr(reset.locale, 'labResetDone') : undefined);
      }
      default:
        throw new Error(`unknown lab button ${ctx.data}`);
    }
  },
};

const data = new SlashCommandBuilder()
  .setName('lab')
  .setDescription('Hands-on challenges, checked against your own host')
  .setDescriptionLocalization('pt-BR', 'Desafios práticos, verificados no seu próprio host')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('lab')
      .setDescription('Which lab (leave empty to list them)')
      .setDescriptionLocalization('pt-BR', 'Qual lab (deixe vazio para listar)')
      .setMaxLength(100)
      .setAutocomplete(true),
  );

export default {
  data,
  async execute(ctx) {
    const ref = ctx.interaction.options.getString('lab');
    const { learning } = ctx.services;
    if (ref === null) {
      await ctx.respond.send(listMessage(await ctx.serial(() => learning.listLabs(ctx.student))));
      return;
    }
    await show(ctx, await ctx.serial(() => learning.labStatus(ctx.student, ref)), false);
  },
  async autocomplete(ctx) {
    return labChoices(ctx.services.learning, ctx.services.learning.localeOf(ctx.student), ctx.interaction.options.getFocused());
  },
  components: { [PREFIX]: labButtons },
} satisfies BotCommand;

/** Lab names for autocomplete (also /class assign), matching what was typed. */
export function labChoices(learning: { course: { labs: readonly { id: string; order: number; title: Record<Locale, string> }[] } }, locale: Locale, typed: string) {
  const text = folded(typed);
  return learning.course.labs
    .map((lab) => ({ name: `${lab.order}. ${lab.title[locale]}`, value: lab.id }))
    .filter((choice) => text === '' || folded(choice.name).includes(text) || choice.value.includes(text));
}
