// /settings language:(auto|pt-BR|en) private:(true|false) — the student's language and
// whether replies are private; without options it shows the current choice.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { resolveLocale } from '../src/app/baleia';
import type { Locale } from '../src/content/common';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { COLOURS } from '../src/discord/render/line-reply';

const data = new SlashCommandBuilder()
  .setName('settings')
  .setNameLocalization('pt-BR', 'preferencias')
  .setDescription('Your language and whether replies are private')
  .setDescriptionLocalization('pt-BR', 'Seu idioma e se as respostas são privadas')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('language')
      .setNameLocalization('pt-BR', 'idioma')
      .setDescription('The language Baleia speaks to you')
      .setDescriptionLocalization('pt-BR', 'O idioma em que o Baleia fala com você')
      .addChoices(
        { name: 'auto (from Discord)', name_localizations: { 'pt-BR': 'automático (do Discord)' }, value: 'auto' },
        { name: 'Português (Brasil)', value: 'pt-BR' },
        { name: 'English', value: 'en' },
      ),
  )
  .addBooleanOption((option) =>
    option
      .setName('private')
      .setNameLocalization('pt-BR', 'privado')
      .setDescription('Replies only you can see (true) or the channel sees (false)')
      .setDescriptionLocalization('pt-BR', 'Respostas que só você vê (true) ou que o canal vê (false)'),
  );

export default {
  data,
  async execute(ctx) {
    const language = ctx.interaction.options.getString('language');
    const privateReplies = ctx.interaction.options.getBoolean('private');
    const { baleia } = ctx.services;
    if (language !== null) await baleia.setLocale(ctx.student, language === 'auto' ? null : (language as Locale));
    if (privateReplies !== null) await baleia.setPrivateReplies(ctx.student, privateReplies);
    const profile = baleia.profileOf(ctx.student);
    const locale = resolveLocale(profile.locale, ctx.student.locale);
    const lines = [
      `**${tr(locale, 'settingsLanguage')}:** ${profile.locale === null ? tr(locale, 'languageAuto', { locale: ctx.student.locale ?? '?' }) : profile.locale}`,
      `**${tr(locale, 'settingsReplies')}:** ${tr(locale, profile.privateReplies ? 'repliesPrivate' : 'repliesPublic')}`,
    ];
    if (ctx.interaction.channelId && ctx.services.channels.isPublicLab(ctx.interaction.channelId)) lines.push(tr(locale, 'settingsPublicChannel'));
    if (language !== null || privateReplies !== null) lines.unshift(tr(locale, 'settingsSaved'));
    await ctx.respond.send({ embeds: [{ title: tr(locale, 'settingsTitle'), description: lines.join('\n'), color: COLOURS.info }] });
  },
} satisfies BotCommand;
