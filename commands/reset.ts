// /reset — a brand-new host, after a confirmation button.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { COLOURS, notice } from '../src/discord/render/line-reply';

const data = new SlashCommandBuilder()
  .setName('reset')
  .setNameLocalization('pt-BR', 'resetar')
  .setDescription('Start over with a brand-new simulated host (asks first)')
  .setDescriptionLocalization('pt-BR', 'Recomeça com um host simulado novinho (pergunta antes)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export default {
  data,
  async execute(ctx) {
    await ctx.respond.send({
      ...notice(tr(ctx.locale, 'resetConfirm'), { colour: COLOURS.limit }),
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 4, label: tr(ctx.locale, 'resetYes'), custom_id: 'reset:yes' },
            { type: 2, style: 2, label: tr(ctx.locale, 'resetNo'), custom_id: 'reset:no' },
          ],
        },
      ],
    });
  },
  components: {
    reset: {
      updatesMessage: true,
      async handle(ctx) {
        const owner = ctx.interaction.message?.interactionMetadata?.user.id;
        if (owner && owner !== ctx.student.userId) {
          await ctx.respond.fail(notice(tr(ctx.locale, 'notYourButton')));
          return;
        }
        if (ctx.data !== 'yes') {
          await ctx.respond.update(notice(tr(ctx.locale, 'resetCancelled')));
          return;
        }
        await ctx.serial(() => ctx.services.baleia.resetHost(ctx.student));
        await ctx.respond.update(notice(tr(ctx.locale, 'resetDone'), { colour: COLOURS.ok }));
      },
    },
  },
} satisfies BotCommand;
