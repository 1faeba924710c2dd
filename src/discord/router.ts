// Routes each interaction to its command (slash command, autocomplete) or to the component
// handler its custom_id names, with the student's scope, language and reply privacy worked
// out once. Whatever a handler throws ends as a short, kind ephemeral message and a log line.
import { MessageFlags, type ApplicationCommandOptionChoiceData, type AutocompleteInteraction, type Interaction } from 'discord.js';
import { BaleiaBug, resolveLocale, type StudentRef } from '../app/baleia';
import { isInstructor } from '../class/instructor';
import type { Locale } from '../content/common';
import type { AutocompleteContext, BotCommand, BotServices, ComponentHandler, ReplyContext } from './command';
import { localeOf, tr } from './i18n';
import { cut, LIMITS } from './limits';
import { COLOURS, notice } from './render/line-reply';
import { NO_MENTIONS, Responder } from './responder';

/** A guild is a class server; a DM is the student's personal space. */
export function studentOf(interaction: Interaction): StudentRef {
  const user = interaction.user;
  return {
    scope: interaction.guildId ?? `dm:${user.id}`,
    userId: user.id,
    displayName: user.username,
    locale: interaction.locale,
  };
}

export interface RouterOptions {
  services: BotServices;
  commands: readonly BotCommand[];
  deferAfterMs: number;
}

export function createRouter(options: RouterOptions) {
  const { services } = options;
  const byName = new Map(options.commands.map((command) => [command.data.name, command]));
  const components = new Map<string, ComponentHandler>();
  for (const command of options.commands) for (const [prefix, handler] of Object.entries(command.components ?? {})) components.set(prefix, handler);
  const queueKey = (student: StudentRef) => `${student.scope}\u0000${student.userId}`;

  function profile(student: StudentRef, channelId: string | null, interaction?: Interaction) {
    const row = services.baleia.profileOf(student);
    if (interaction?.inGuild()) {
      // Instructors use the bot too; class reports and the leaderboard leave them out.
      const roles = interaction.member?.roles;
      const roleIds = !roles ? [] : Array.isArray(roles) ? roles : [...roles.cache.keys()];
      const instructor = isInstructor({ permissions: interaction.memberPermissions?.bitfield ?? null, roleIds }, services.classes.settings(student.scope)?.instructorRoleId);
      if (instructor !== row.instructor) services.baleia.setInstructor(student, instructor);
    }
    const locale = resolveLocale(row.locale, student.locale);
    const publicLab = channelId !== null && services.channels.isPublicLab(channelId);
    return { locale, ephemeral: row.privateReplies && !publicLab };
  }

  function replyContext(interaction: Interaction & { channelId: string | null }, responderOptions: { deferUpdate?: boolean } = {}) {
    const student = studentOf(interaction);
    const { locale, ephemeral } = profile(student, interaction.channelId, interaction);
    const log = services.log.child({ interaction: interaction.id, scope: student.scope, user: student.userId });
    if (!interaction.isRepliable()) throw new Error('not a repliable interaction');
    const respond = new Responder(interaction, {
      ephemeral,
      deferAfterMs: options.deferAfterMs,
      ...responderOptions,
      onError: (error) => log.warn({ err: error }, 'deferring the reply failed'),
    });
    const ctx: ReplyContext = {
      services,
      student,
      locale,
      log,
      respond,
      serial: (work) => services.queue.run(queueKey(student), work),
    };
    return ctx;
  }

  async function kindError(ctx: { respond: Responder; locale: Locale; log: ReplyContext['log'] }, error: unknown): Promise<void> {
    const bug = error instanceof BaleiaBug;
    ctx.log.error({ err: error }, bug ? 'the engine hit a bug' : 'an interaction handler failed');
    const text = tr(ctx.locale, bug ? 'bug' : 'oops');
    await ctx.respond.fail(notice(text, { colour: COLOURS.error })).catch((failure: unknown) => ctx.log.warn({ err: failure }, 'could not tell the student about the error'));
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    const student = studentOf(interaction);
    const log = services.log.child({ interaction: interaction.id, scope: student.scope, user: student.userId });
    let choices: ApplicationCommandOptionChoiceData<string>[] = [];
    try {
      if (command?.autocomplete) {
        const ctx: AutocompleteContext = {
          services,
          student,
          log,
          interaction,
          get locale() {
            return localeOf(interaction.locale);
          },
        };
        choices = await command.autocomplete(ctx);
      }
    } catch (error) {
      log.error({ err: error }, 'autocomplete failed');
      choices = [];
    }
    const safe = choices
      .filter((choice) => choice.value.length >= 1 && choice.value.length <= LIMITS.choiceValue)
      .slice(0, LIMITS.autocompleteChoices)
      .map((choice) => ({ ...choice, name: cut(choice.name, LIMITS.choiceName) || choice.value }));
    await interaction.respond(safe).catch((error: unknown) => log.warn({ err: error }, 'autocomplete answer refused'));
  }

  async function slashCommand(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand()) return;
    const command = byName.get(interaction.commandName);
    const started = performance.now();
    let ctx: ReplyContext | undefined;
    try {
      ctx = replyContext(interaction);
      ctx.respond.start();
      if (!command) throw new Error(`no command /${interaction.commandName}`);
      await command.execute({ ...ctx, interaction });
      ctx.log.debug({ command: interaction.commandName, ms: Math.round(performance.now() - started), deferred: interaction.deferred }, 'answered');
    } catch (error) {
      if (ctx) await kindError(ctx, error);
      else await lastResort(interaction, error);
    } finally {
      ctx?.respond.stop();
    }
  }

  async function component(interaction: Interaction): Promise<void> {
    if (!interaction.isButton() && !interaction.isModalSubmit()) return;
    const customId = interaction.customId;
    const separator = customId.indexOf(':');
    const prefix = separator === -1 ? customId : customId.slice(0, separator);
    const data = separator === -1 ? '' : customId.slice(separator + 1);
    const handler = components.get(prefix);
    const clickKey = interaction.isButton() ? `${interaction.message.id}:${customId}:${interaction.user.id}` : undefined;
    let ctx: ReplyContext | undefined;
    try {
      ctx = replyContext(interaction, { deferUpdate: handler?.updatesMessage ?? false });
      if (clickKey && !services.clicks.claim(clickKey)) {
        ctx.log.debug({ customId }, 'double click ignored');
        await ctx.respond.ignore();
        return;
      }
      ctx.respond.start();
      if (!handler) throw new Error(`no handler for the component "${customId}"`);
      try {
        await handler.handle({ ...ctx, interaction, data });
      } finally {
        if (clickKey) services.clicks.release(clickKey);
      }
    } catch (error) {
      if (ctx) await kindError(ctx, error);
      else await lastResort(interaction, error);
    } finally {
      ctx?.respond.stop();
    }
  }

  /** When even the context could not be built (the database is down, say). */
  async function lastResort(interaction: Interaction, error: unknown): Promise<void> {
    services.log.error({ err: error, interaction: interaction.id }, 'an interaction failed before its handler ran');
    if (!interaction.isRepliable() || interaction.replied || interaction.deferred) return;
    await interaction
      .reply({ ...notice(tr(localeOf(interaction.locale), 'oops'), { colour: COLOURS.error }), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
      .catch(() => undefined);
  }

  /** Answers one interaction; never throws. */
  async function route(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await slashCommand(interaction);
      else if (interaction.isButton() || interaction.isModalSubmit()) await component(interaction);
    } catch (error) {
      services.log.error({ err: error }, 'unexpected error while routing an interaction');
    }
  }

  /** While shutting down: a polite refusal instead of work that could be cut off. */
  async function refuse(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      await interaction.respond([]).catch(() => undefined);
      return;
    }
    if (!interaction.isRepliable()) return;
    await interaction
      .reply({ ...notice(tr(localeOf(interaction.locale), 'restarting')), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS })
      .catch(() => undefined);
  }

  return { route, refuse };
}
