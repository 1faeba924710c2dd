// /help — what Baleia is and its commands, in a few lines.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { COLOURS } from '../src/discord/render/line-reply';

const data = new SlashCommandBuilder()
  .setName('help')
  .setNameLocalization('pt-BR', 'ajuda')
  .setDescription('How Baleia works, in a few lines')
  .setDescriptionLocalization('pt-BR', 'Como o Baleia funciona, em poucas linhas')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export default {
  data,
  async execute(ctx) {
    await ctx.respond.send({
      embeds: [{ title: tr(ctx.locale, 'helpTitle'), description: tr(ctx.locale, 'helpBody'), color: COLOURS.info, footer: { text: tr(ctx.locale, 'helpFooter') } }],
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'docker run hello-world', custom_id: 'line:docker run hello-world' }] }],
    });
  },
} satisfies BotCommand;
