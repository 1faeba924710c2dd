// /class — for instructors: the daily question (setup, daily now|pause|resume), the class
// leaderboard, one student's report, the overview picture, the CSV export and lab assignments.
// Discord shows /class only to members with Manage Server (default_member_permissions), but a
// server may hand it to others, so every call is checked here too (Manage Server or the class's
// instructor role), and every reply is ephemeral. The daily question's answer buttons live here.
import {
  ChannelType,
  escapeMarkdown,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type APIEmbed,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { ClassUseCases, DailyAnswer } from '../src/app/class';
import { isInstructor, type MemberFacts } from '../src/class/instructor';
import type { Locale } from '../src/content/common';
import { DEFAULT_DEFER_AFTER_MS } from '../src/discord/bot';
import type { BotCommand, CommandContext, ComponentHandler, ReplyContext } from '../src/discord/command';
import { localeOf, tr } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS, notice, type BotMessage } from '../src/discord/render/line-reply';
import { Responder } from '../src/discord/responder';
import { answerLabel, DAILY_PREFIX, renderDailyFeedback } from '../src/daily/render';
import { classOverviewPng } from '../src/render/class-overview';
import type { ClassSettingsRow } from '../src/store/class';
import { labChoices } from './lab';

const data = new SlashCommandBuilder()
  .setName('class')
  .setNameLocalization('pt-BR', 'turma')
  .setDescription('Instructors: the daily question, the class’s progress, exports and assignments')
  .setDescriptionLocalization('pt-BR', 'Professores: a pergunta do dia, o progresso da turma, exportação e atribuições')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) =>
    sub
      .setName('setup')
      .setNameLocalization('pt-BR', 'configurar')
      .setDescription('Where and when the daily question goes out, and who the instructors are')
      .setDescriptionLocalization('pt-BR', 'Onde e quando sai a pergunta do dia, e quem são os professores')
      .addChannelOption((o) =>
        o.setName('channel').setNameLocalization('pt-BR', 'canal').setDescription('The channel for the daily question').setDescriptionLocalization('pt-BR', 'O canal da pergunta do dia').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o.setName('time').setNameLocalization('pt-BR', 'horario').setDescription('HH:MM, 24-hour (default 09:00)').setDescriptionLocalization('pt-BR', 'HH:MM, 24 horas (padrão 09:00)').setMaxLength(5),
      )
      .addStringOption((o) =>
        o
          .setName('timezone')
          .setNameLocalization('pt-BR', 'fuso')
          .setDescription('IANA time zone (default America/Sao_Paulo)')
          .setDescriptionLocalization('pt-BR', 'Fuso horário IANA (padrão America/Sao_Paulo)')
          .setMaxLength(64)
          .setAutocomplete(true),
      )
      .addRoleOption((o) =>
        o.setName('role').setNameLocalization('pt-BR', 'cargo').setDescription('Members with this role may use /class too').setDescriptionLocalization('pt-BR', 'Membros com este cargo também podem usar /class'),
      )
      .addIntegerOption((o) =>
        o
          .setName('window')
          .setNameLocalization('pt-BR', 'janela')
          .setDescription('Minutes the question stays open (0: until just before the next one)')
          .setDescriptionLocalization('pt-BR', 'Minutos em que a pergunta fica aberta (0: até pouco antes da próxima)')
          .setMinValue(0)
          .setMaxValue(1439),
      )
      .addStringOption((o) =>
        o
          .setName('language')
          .setNameLocalization('pt-BR', 'idioma')
          .setDescription('Language the question is posted in')
          .setDescriptionLocalization('pt-BR', 'Idioma em que a pergunta é postada')
          .addChoices({ name: 'Português (Brasil)', value: 'pt-BR' }, { name: 'English', value: 'en' }),
      ),
  )
  .addSubcommandGroup((group) =>
    group
      .setName('daily')
      .setNameLocalization('pt-BR', 'diaria')
      .setDescription('The daily question')
      .setDescriptionLocalization('pt-BR', 'A pergunta do dia')
      .addSubcommand((sub) => sub.setName('now').setNameLocalization('pt-BR', 'agora').setDescription('Post a question right now').setDescriptionLocalization('pt-BR', 'Posta uma pergunta agora'))
      .addSubcommand((sub) => sub.setName('pause').setNameLocalization('pt-BR', 'pausar').setDescription('Stop the daily question for now').setDescriptionLocalization('pt-BR', 'Para a pergunta do dia por enquanto'))
      .addSubcommand((sub) => sub.setName('resume').setNameLocalization('pt-BR', 'retomar').setDescription('Bring the daily question back').setDescriptionLocalization('pt-BR', 'Traz a pergunta do dia de volta')),
  )
  .addSubcommand((sub) => sub.setName('leaderboard').setNameLocalization('pt-BR', 'ranking').setDescription('Every student, hidden ones included').setDescriptionLocalization('pt-BR', 'Todos os estudantes, inclusive os escondidos'))
  .addSubcommand((sub) =>
    sub
      .setName('student')
      .setNameLocalization('pt-BR', 'estudante')
      .setDescription('One student’s mastery, weak facts, labs, streak and mistakes')
      .setDescriptionLocalization('pt-BR', 'Domínio, fatos fracos, labs, sequência e erros de um estudante')
      .addUserOption((o) => o.setName('user').setNameLocalization('pt-BR', 'usuario').setDescription('The student').setDescriptionLocalization('pt-BR', 'O estudante').setRequired(true)),
  )
  .addSubcommand((sub) =>
    sub.setName('overview').setNameLocalization('pt-BR', 'visao').setDescription('Mastery per fact across the class, common mistakes, who is inactive').setDescriptionLocalization('pt-BR', 'Domínio por fato na turma, erros comuns, quem está inativo'),
  )
  .addSubcommand((sub) => sub.setName('export').setNameLocalization('pt-BR', 'exportar').setDescription('A CSV file with one row per student').setDescriptionLocalization('pt-BR', 'Um arquivo CSV com uma linha por estudante'))
  .addSubcommand((sub) =>
    sub
      .setName('assign')
      .setNameLocalization('pt-BR', 'atribuir')
      .setDescription('Assign a lab to the class and follow who finished it')
      .setDescriptionLocalization('pt-BR', 'Atribui um lab à turma e acompanha quem concluiu')
      .addStringOption((o) => o.setName('lab').setDescription('The lab (leave empty to see the assignments)').setDescriptionLocalization('pt-BR', 'O lab (deixe vazio para ver as atribuições)').setMaxLength(100).setAutocomplete(true))
      .addBooleanOption((o) => o.setName('remove').setNameLocalization('pt-BR', 'remover').setDescription('True: take the assignment back').setDescriptionLocalization('pt-BR', 'True: desfaz a atribuição')),
  );

// ---------------------------------------------------------------------------------------------

/** Instructor replies and daily feedback are private whatever the member's reply setting. */
function privately<T extends ReplyContext>(ctx: T): T {
  if (ctx.respond.ephemeral || ctx.respond.acknowledged) return ctx;
  ctx.respond.stop();
  const respond = new Responder(ctx.respond.interaction, { ephemeral: true, deferAfterMs: DEFAULT_DEFER_AFTER_MS, onError: (error) => ctx.log.warn({ err: error }, 'deferring the reply failed') });
  respond.start();
  return { ...ctx, respond };
}

function memberFacts(interaction: ChatInputCommandInteraction): MemberFacts {
  const member = interaction.member;
  const roles = member?.roles;
  const roleIds = !roles ? [] : Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return { permissions: interaction.memberPermissions?.bitfield ?? null, roleIds };
}

const when = (ms: number | null) => (ms === null ? '—' : `<t:${Math.floor(ms / 1000)}:F> (<t:${Math.floor(ms / 1000)}:R>)`);
const percent = (value: number) => `${Math.round(value * 100)}%`;
/** Names and typed answers are the students' own text: shown as text, never as formatting. */
const plain = (text: string) => escapeMarkdown(text);

function settingsMessage(l: Locale, row: ClassSettingsRow, nextPromptAt: number | null, headline?: string, problem?: string | null): BotMessage {
  const lines = [
    `**${tr(l, 'classSettingChannel')}:** <#${row.channelId}>`,
    `**${tr(l, 'classSettingTime')}:** ${row.promptTime} (${row.timeZone})`,
    `**${tr(l, 'classSettingWindow')}:** ${row.windowMinutes === null ? tr(l, 'classSettingWindowDefault') : tr(l, 'classSettingWindowMinutes', { n: row.windowMinutes })}`,
    `**${tr(l, 'classSettingLanguage')}:** ${row.locale}`,
    `**${tr(l, 'classSettingRole')}:** ${row.instructorRoleId ? `<@&${row.instructorRoleId}>` : tr(l, 'classSettingRoleNone')}`,
    `**${tr(l, 'classSettingState')}:** ${tr(l, row.paused ? 'classStatePaused' : 'classStateActive')}`,
    `**${tr(l, 'classSettingNext')}:** ${when(nextPromptAt)}`,
  ];
  if (headline) lines.unshift(headline, '');
  if (problem) lines.push('', tr(l, 'classLastProblem', { error: cut(problem, 300) }));
  return { embeds: [{ title: tr(l, 'classSettingsTitle'), description: lines.join('\n'), color: problem ? COLOURS.limit : COLOURS.info }] };
}

const refuse = (l: Locale, key: Parameters<typeof tr>[1], values: Record<string, string | number> = {}) => notice(tr(l, key, values), { colour: COLOURS.error });

async function setup(ctx: CommandContext, classes: ClassUseCases): Promise<BotMessage> {
  const l = ctx.locale;
  const options = ctx.interaction.options;
  const input = {
    channelId: options.getChannel('channel')?.id ?? null,
    time: options.getString('time'),
    timeZone: options.getString('timezone'),
    instructorRoleId: options.getRole('role')?.id ?? null,
    windowMinutes: options.getInteger('window'),
    locale: options.getString('language') as Locale | null,
  };
  const nothingGiven = Object.values(input).every((value) => value === null);
  const current = classes.status(ctx.student.scope);
  if (nothingGiven && current) {
    // A question that could not go out (the channel deleted, permissions taken away) shows here.
    const stuck = current.recent.find((prompt) => prompt.messageId === null && prompt.lastError !== null);
    return settingsMessage(l, current.settings, current.nextPromptAt, undefined, stuck?.lastError);
  }
  const result = await classes.setup(ctx.student.scope, input, ctx.student.userId, localeOf(ctx.interaction.guildLocale ?? ctx.interaction.locale));
  if (result.status === 'ok') return settingsMessage(l, result.settings, result.nextPromptAt, tr(l, 'classSaved'));
  switch (result.problem) {
    case 'no-channel':
      return refuse(l, 'classNoChannel');
    case 'bad-time':
      return refuse(l, 'classBadTime', { value: result.value });
    case 'bad-time-zone':
      return refuse(l, 'classBadTimeZone', { value: result.value });
    case 'bad-window':
      return refuse(l, 'classBadWindow');
  }
}

async function daily(ctx: CommandContext, classes: ClassUseCases, action: string): Promise<BotMessage> {
  const l = ctx.locale;
  const scope = ctx.student.scope;
  if (action === 'now') {
    const requested = await classes.requestPrompt(scope, ctx.student.userId);
    if (requested.status === 'not-set-up') return refuse(l, 'classNotSetUp');
    if (requested.status === 'no-question') return refuse(l, 'classNoQuestion');
    const prompt = classes.prompt(requested.prompt.id)!;
    if (prompt.messageId) {
      const link = `https://discord.com/channels/${scope}/${prompt.channelId}/${prompt.messageId}`;
      return notice(tr(l, 'classDailyPosted', { channel: prompt.channelId, link }), { colour: COLOURS.ok });
    }
    return notice(tr(l, 'classDailyClaimed', { channel: prompt.channelId }), { colour: COLOURS.ok });
  }
  const result = await classes.setPaused(scope, action === 'pause', ctx.student.userId);
  if (result.status === 'not-set-up') return refuse(l, 'classNotSetUp');
  return settingsMessage(l, result.settings, result.nextPromptAt, tr(l, action === 'pause' ? 'classPaused' : 'classResumed'));
}

function leaderboard(ctx: CommandContext): BotMessage {
  const l = ctx.locale;
  const board = ctx.services.learning.leaderboard(ctx.student.scope, { includeHidden: true });
  if (board.length === 0) return notice(tr(l, 'classNoStudents'));
  const lines = board.map((entry) => {
    const line = tr(l, 'leaderboardLine', { rank: entry.rank, name: plain(entry.displayName), score: entry.score, streak: entry.streak });
    return `${line} · ${percent(entry.mastery)} · ${entry.factsMastered}✓ · labs ${entry.labsPassed}${entry.hidden ? ` ${tr(l, 'classHiddenMark')}` : ''}`;
  });
  return { embeds: [{ title: tr(l, 'classLeaderboardTitle'), description: cut(lines.join('\n'), LIMITS.embedDescription), color: COLOURS.info }] };
}

function studentReport(ctx: CommandContext): BotMessage {
  const l = ctx.locale;
  const user = ctx.interaction.options.getUser('user', true);
  const report = ctx.services.learning.studentReport(ctx.student.scope, user.id, l);
  if (!report) return notice(tr(l, 'classStudentUnknown', { name: plain(user.username) }));
  const p = report.progress;
  const none = tr(l, 'classNone');
  const fields: NonNullable<APIEmbed['fields']> = [
    { name: tr(l, 'classStudentMastery'), value: tr(l, 'classStudentMasteryLine', { p: percent(p.mastery), mastered: p.facts.mastered, learning: p.facts.learning, fading: p.facts.fading, unseen: p.facts.unseen }) },
    { name: tr(l, 'classStudentWeak'), value: cut(report.weakFacts.map((f) => `${f.fact} ${percent(f.value)}`).join(' · ') || none, LIMITS.fieldValue) },
    { name: tr(l, 'classStudentLabs'), value: cut(report.labs.filter((lab) => lab.passedAt !== null).map((lab) => lab.title).join(' · ') || none, LIMITS.fieldValue) },
    { name: tr(l, 'classStudentStreak'), value: tr(l, 'classStudentStreakLine', { n: p.streak.current, best: p.streak.longest }), inline: true },
    { name: tr(l, 'classStudentLastActive'), value: when(report.lastActiveAt), inline: true },
  ];
  const mistakes = [
    ...report.recentMistakes.slice(0, 5).map((m) => `\`${m.code}\` ${plain(cut(m.message, 120))}`),
    ...report.recentWrongAnswers.slice(0, 5).map((w) => `${w.questionId}: ${plain(cut(w.answerText.split('\n').join(' / '), 80))}`),
  ];
  fields.push({ name: tr(l, 'classStudentMistakes'), value: cut(mistakes.join('\n') || none, LIMITS.fieldValue) });
  return { embeds: [{ title: cut(tr(l, 'classStudentTitle', { name: plain(report.displayName) }), LIMITS.embedTitle), description: cut(`@${report.userName}`, LIMITS.embedDescription), color: COLOURS.info, fields }] };
}

async function overview(ctx: CommandContext, classes: ClassUseCases): Promise<BotMessage> {
  const l = ctx.locale;
  const view = classes.overview(ctx.student.scope, l);
  const png = await classOverviewPng(view);
  const none = tr(l, 'classNone');
  const host = view.hostMistakes.slice(0, 5).map((m) => `\`${m.code}\` ${tr(l, 'classOverviewCount', { n: m.count, students: m.students })} · ${m.facts.join(' ')}`);
  const quiz = view.quizMistakes.slice(0, 5).map((m) => `${cut(m.prompt, 70)} → ${plain(cut(m.answerText.split('\n').join(' / '), 40))} (${tr(l, 'classOverviewCount', { n: m.count, students: m.students })})`);
  const inactive = view.inactive.slice(0, 20).map((s) => `${plain(s.displayName)} (${s.daysInactive}d)`);
  return {
    embeds: [
      {
        title: tr(l, 'classOverviewTitle', { n: view.students }),
        description: tr(l, 'classOverviewMastery', { p: percent(view.mastery) }),
        color: COLOURS.info,
        image: { url: 'attachment://class-overview.png' },
        fields: [
          { name: tr(l, 'classOverviewHostMistakes'), value: cut(host.join('\n') || none, LIMITS.fieldValue) },
          { name: tr(l, 'classOverviewQuizMistakes'), value: cut(quiz.join('\n') || none, LIMITS.fieldValue) },
          { name: tr(l, 'classOverviewInactive', { days: view.inactiveDays }), value: cut(inactive.join(', ') || none, LIMITS.fieldValue) },
        ],
      },
    ],
    files: [{ attachment: png, name: 'class-overview.png' }],
  };
}

function exportFile(ctx: CommandContext, classes: ClassUseCases): BotMessage {
  const csv = classes.exportCsv(ctx.student.scope);
  const students = csv.split('\r\n').length - 2;
  // A byte-order mark so spreadsheet programs read the names as UTF-8.
  const file = Buffer.from(`\uFEFF${csv}`, 'utf8');
  return { ...notice(tr(ctx.locale, 'classExported', { n: students }), { colour: COLOURS.ok }), files: [{ attachment: file, name: 'baleia-class.csv' }] };
}

function assign(ctx: CommandContext): BotMessage {
  const l = ctx.locale;
  const { learning } = ctx.services;
  const scope = ctx.student.scope;
  const labRef = ctx.interaction.options.getString('lab');
  const remove = ctx.interaction.options.getBoolean('remove') ?? false;
  let headline = '';
  if (labRef !== null) {
    const lab = learning.course.labs.find((candidate) => candidate.id === labRef || String(candidate.order) === labRef.trim());
    if (!lab) return refuse(l, 'notFound.lab');
    if (remove) {
      learning.unassignLab(scope, lab.id);
      headline = tr(l, 'classUnassigned', { order: lab.order, title: lab.title[l] });
    } else {
      learning.assignLab(scope, lab.id, ctx.student.userId);
      headline = tr(l, 'classAssigned', { order: lab.order, title: lab.title[l] });
    }
  }
  const assigned = learning.assignments(scope, l);
  const lines = assigned.map((a) => tr(l, 'classAssignmentLine', { title: a.title, done: a.passedBy.length, students: a.students }));
  const body = [headline, lines.length > 0 ? lines.join('\n') : tr(l, 'classNoAssignments')].filter(Boolean).join('\n\n');
  return { embeds: [{ title: tr(l, 'classAssignmentsTitle'), description: cut(body, LIMITS.embedDescription), color: headline ? COLOURS.ok : COLOURS.info }] };
}

async function run(ctx: CommandContext): Promise<BotMessage> {
  const { classes } = ctx.services;
  const options = ctx.interaction.options;
  const group = options.getSubcommandGroup(false);
  const sub = options.getSubcommand(true);
  if (group === 'daily') return daily(ctx, classes, sub);
  switch (sub) {
    case 'setup':
      return setup(ctx, classes);
    case 'leaderboard':
      return leaderboard(ctx);
    case 'student':
      return studentReport(ctx);
    case 'overview':
      return overview(ctx, classes);
    case 'export':
      return exportFile(ctx, classes);
    case 'assign':
      return assign(ctx);
    default:
      throw new Error(`unknown /class subcommand ${sub}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The daily question's answer buttons (on the public prompt; every answer's feedback is private).

function dailyReply(answer: DailyAnswer, classes: ClassUseCases): BotMessage {
  switch (answer.status) {
    case 'answered':
      return renderDailyFeedback(answer.result, classes.promptContent(answer.prompt, answer.result.locale));
    case 'closed': {
      const content = classes.promptContent(answer.prompt, answer.locale);
      return notice(tr(answer.locale, 'dailyIsClosed', { answer: answerLabel(content, answer.rightKey ?? '?', answer.rightText ?? '') }), { colour: COLOURS.limit });
    }
    case 'invalid':
      return refuse(answer.locale, 'quizNotAnOption');
    case 'not-found':
      return refuse(answer.locale, 'dailyGone');
  }
}

const dailyAnswer: ComponentHandler = {
  async handle(raw) {
    const ctx = privately(raw);
    try {
      const [idText = '', key = ''] = ctx.data.split(':');
      const { classes } = ctx.services;
      const answer = /^\d+$/.test(idText)
        ? await ctx.serial(() => classes.answerPrompt(ctx.student, Number(idText), key))
        : ({ status: 'not-found', locale: ctx.locale } as const);
      await ctx.respond.send(dailyReply(answer, classes));
    } finally {
      ctx.respond.stop();
    }
  },
};

export default {
  data,
  async execute(raw) {
    const ctx = privately(raw);
    try {
      const settings = ctx.services.classes.settings(ctx.student.scope);
      if (!ctx.interaction.inGuild() || !isInstructor(memberFacts(ctx.interaction), settings?.instructorRoleId)) {
        ctx.log.info({ command: 'class', subcommand: ctx.interaction.options.getSubcommand(false) }, 'refused /class to a member who is not an instructor');
        await ctx.respond.send(refuse(ctx.locale, 'classNotInstructor'));
        return;
      }
      await ctx.respond.send(await run(ctx));
    } finally {
      ctx.respond.stop();
    }
  },
  async autocomplete(ctx) {
    const focused = ctx.interaction.options.getFocused(true);
    const settings = ctx.services.classes.settings(ctx.student.scope);
    // Suggestions are only names (labs, time zones), but stay with instructors like the rest.
    const member = ctx.interaction.member;
    const roles = member?.roles;
    const roleIds = !roles ? [] : Array.isArray(roles) ? roles : [...roles.cache.keys()];
    if (!isInstructor({ permissions: ctx.interaction.memberPermissions?.bitfield ?? null, roleIds }, settings?.instructorRoleId)) return [];
    const typed = focused.value.trim().toLowerCase();
    if (focused.name === 'timezone') {
      return Intl.supportedValuesOf('timeZone')
        .filter((zone) => zone.toLowerCase().includes(typed))
        .sort((a, b) => Number(b.toLowerCase().startsWith(typed)) - Number(a.toLowerCase().startsWith(typed)) || a.localeCompare(b))
        .slice(0, LIMITS.autocompleteChoices)
        .map((zone) => ({ name: zone, value: zone }));
    }
    return labChoices(ctx.services.learning, ctx.locale, focused.value);
  },
  components: { [DAILY_PREFIX]: dailyAnswer },
} satisfies BotCommand;
