// /progress — the student's XP, streak, mastery per topic and what is fading, as a picture
// (mastery bars and the streak calendar) with a short text summary beside it.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { progressSummary } from '../src/learning/progress';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { cut, LIMITS } from '../src/discord/limits';
import { COLOURS } from '../src/discord/render/line-reply';
import { pngOf } from '../src/render/svg';
import { progressSvg } from '../src/render/progress';

const data = new SlashCommandBuilder()
  .setName('progress')
  .setNameLocalization('pt-BR', 'progresso')
  .setDescription('Your streak, XP, what you have mastered and what is fading')
  .setDescriptionLocalization('pt-BR', 'Sua sequência, XP, o que você domina e o que está esmaecendo')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export default {
  data,
  async execute(ctx) {
    const view = await ctx.serial(() => ctx.services.learning.progressView(ctx.student));
    const png = await pngOf(progressSvg(view));
    const [title = '', ...rest] = progressSummary(view).split('\n');
    await ctx.respond.send({
      embeds: [
        {
          title: cut(title, LIMITS.embedTitle),
          description: cut(rest.join('\n'), LIMITS.embedDescription),
          color: COLOURS.info,
          image: { url: 'attachment://progress.png' },
          footer: { text: tr(view.locale, 'progressPicture') },
        },
      ],
      files: [{ attachment: png, name: 'progress.png' }],
    });
  },
} satisfies BotCommand;
