// /leaderboard [hide:] — the class's top ten and the student's own place. The ranking rewards
// lasting knowledge and steady work (facts mastered, retention, streak, labs), not bulk answers;
// a student can hide from it, and classmates then never see them on it.
import { escapeMarkdown, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS } from '../src/discord/render/line-reply';

const data = new SlashCommandBuilder()
  .setName('leaderboard')
  .setNameLocalization('pt-BR', 'ranking')
  .setDescription('The class’s top ten and your place')
  .setDescriptionLocalization('pt-BR', 'Os dez primeiros da turma e a sua posição')
  .setContexts(InteractionContextType.Guild)
  .addBooleanOption((option) =>
    option
      .setName('hide')
      .setNameLocalization('pt-BR', 'esconder')
      .setDescription('True: leave yourself off the board; False: show yourself again')
      .setDescriptionLocalization('pt-BR', 'True: tira você do ranking; False: mostra você de novo'),
  );

/** A display name is shown as text: markdown in it would restyle the board. */
const plainName = (name: string) => escapeMarkdown(name);

export default {
  data,
  async execute(ctx) {
    const hide = ctx.interaction.options.getBoolean('hide');
    const board = await ctx.serial(() => ctx.services.classes.leaderboardFor(ctx.student, hide === null ? {} : { hide }));
    const l = ctx.locale;
    const lines = board.top.map((entry) => {
      const line = tr(l, 'leaderboardLine', { rank: entry.rank, name: plainName(entry.displayName), score: entry.score, streak: entry.streak });
      return entry.userId === ctx.student.userId ? `**${line}**` : line;
    });
    if (lines.length === 0) lines.push(tr(l, 'leaderboardEmpty'));
    lines.push('');
    if (board.hidden) lines.push(tr(l, 'leaderboardHidden'));
    else if (board.me) lines.push(tr(l, 'leaderboardYou', { rank: board.me.rank, n: board.students, score: board.me.score }));
    await ctx.respond.send({
      embeds: [{ title: tr(l, 'leaderboardTitle'), description: cut(lines.join('\n'), LIMITS.embedDescription), color: COLOURS.info, footer: { text: cut(tr(l, 'leaderboardHow'), LIMITS.footer) } }],
    });
  },
} satisfies BotCommand;
