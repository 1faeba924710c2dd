// /sh line: curl -s localhost:8080 — any shell line, where the student's prompt is (the host,
// or inside a container after docker run -it / docker exec -it, until exit).
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { BotCommand } from '../src/discord/command';
import { runLineAndReply } from '../src/discord/line-command';

const data = new SlashCommandBuilder()
  .setName('sh')
  .setDescription('Run a shell line on your host (or inside the container your prompt is in)')
  .setDescriptionLocalization('pt-BR', 'Roda uma linha de shell no seu host (ou no contêiner onde está seu prompt)')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('line')
      .setNameLocalization('pt-BR', 'linha')
      .setDescription('For example: curl -s localhost:8080, ls -la, cat Dockerfile, exit')
      .setDescriptionLocalization('pt-BR', 'Por exemplo: curl -s localhost:8080, ls -la, cat Dockerfile, exit')
      .setRequired(true)
      .setMaxLength(2000),
  );

export default {
  data,
  async execute(ctx) {
    await runLineAndReply(ctx, ctx.interaction.options.getString('line', true));
  },
} satisfies BotCommand;
