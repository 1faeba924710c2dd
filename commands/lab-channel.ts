// /lab-channel public:(true|false) — for instructors: make this channel a public lab channel,
// where every reply is public so the class sees each other's work.
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { COLOURS, notice } from '../src/discord/render/line-reply';

const data = new SlashCommandBuilder()
  .setName('lab-channel')
  .setNameLocalization('pt-BR', 'canal-lab')
  .setDescription('Instructors: make replies in this channel public for the whole class')
  .setDescriptionLocalization('pt-BR', 'Professores: deixa as respostas deste canal públicas para a turma')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addBooleanOption((option) =>
    option
      .setName('public')
      .setNameLocalization('pt-BR', 'publico')
      .setDescription('true: everyone sees replies here; false: each student’s own setting')
      .setDescriptionLocalization('pt-BR', 'true: todos veem as respostas aqui; false: a escolha de cada estudante')
      .setRequired(true),
  );

export default {
  data,
  async execute(ctx) {
    const channel = ctx.interaction.channelId;
    const value = ctx.interaction.options.getBoolean('public', true);
    ctx.services.channels.setPublicLab(ctx.student.scope, channel, value);
    await ctx.respond.send(notice(tr(ctx.locale, value ? 'labChannelOn' : 'labChannelOff', { channel }), { colour: COLOURS.ok }));
  },
} satisfies BotCommand;
