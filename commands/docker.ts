// /docker command: run -d --name web -p 8080:80 nginx — a docker line on the student's host.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { dockerSuggestions } from '../src/discord/autocomplete';
import type { BotCommand } from '../src/discord/command';
import { dockerLine, LINE_BUTTON, lineButton, runLineAndReply } from '../src/discord/line-command';

const data = new SlashCommandBuilder()
  .setName('docker')
  .setDescription('Run a docker command on your simulated host')
  .setDescriptionLocalization('pt-BR', 'Roda um comando docker no seu host simulado')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('command')
      .setNameLocalization('pt-BR', 'comando')
      .setDescription('For example: run -d --name web -p 8080:80 nginx ("docker" is optional)')
      .setDescriptionLocalization('pt-BR', 'Por exemplo: run -d --name web -p 8080:80 nginx (o "docker" é opcional)')
      .setRequired(true)
      .setMaxLength(2000)
      .setAutocomplete(true),
  );

export default {
  data,
  async execute(ctx) {
    await runLineAndReply(ctx, dockerLine(ctx.interaction.options.getString('command', true)));
  },
  async autocomplete(ctx) {
    const typed = ctx.interaction.options.getFocused();
    const suggestions = dockerSuggestions(typed, ctx.services.files.peekHost(ctx.student), ctx.services.officialImages);
    return suggestions.map((line) => ({ name: line, value: line }));
  },
  components: { [LINE_BUTTON]: lineButton },
} satisfies BotCommand;
