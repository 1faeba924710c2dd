// /host — the student's host at a glance: a picture (images and the layers they share,
// containers, volumes) and a two-line summary.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { viewHostSummary } from '../src/app/host-view';
import { humanSize } from '../src/engine/format/size';
import type { BotCommand } from '../src/discord/command';
import { tr } from '../src/discord/i18n';
import { COLOURS } from '../src/discord/render/line-reply';
import { hostPng } from '../src/render/host-picture';

const data = new SlashCommandBuilder()
  .setName('host')
  .setDescription('See your images, layers, containers and volumes as a picture')
  .setDescriptionLocalization('pt-BR', 'Vê suas imagens, camadas, contêineres e volumes num desenho')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export default {
  data,
  async execute(ctx) {
    const view = await ctx.serial(() => viewHostSummary(ctx.services.baleia, ctx.student));
    const png = await hostPng(view, ctx.locale);
    const lines = [
      tr(ctx.locale, 'hostSummary', {
        images: view.images.length,
        containers: view.containers.length,
        running: view.totals.running,
        volumes: view.volumes.length,
      }),
    ];
    if (view.totals.sharedLayers > 0) {
      lines.push(tr(ctx.locale, 'hostShared', { n: view.totals.sharedLayers, saved: humanSize(view.totals.imageBytesUnshared - view.totals.imageBytes) }));
    }
    if (view.insideContainer) lines.push(tr(ctx.locale, 'hostInside', { name: view.insideContainer }));
    await ctx.respond.send({
      embeds: [{ title: tr(ctx.locale, 'hostTitle'), description: lines.join('\n'), color: COLOURS.info, image: { url: 'attachment://host.png' } }],
      files: [{ attachment: png, name: 'host.png' }],
    });
  },
} satisfies BotCommand;
