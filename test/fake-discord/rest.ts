import { PermissionFlagsBits } from 'discord.js';
import { DiscordHttpError, Errors, httpError, invalidFormBody, required } from './errors';
import { type Gateway, GatewayIntent } from './gateway';
import { channelJson, guildJson, memberJson, memberPermissions, roleJson, userJson } from './objects';
import { type FakeState, type StoredCommand, TEXT_CHANNEL_TYPES } from './state';
import type { CallbackRecord, FakeChannel, FakeMessage, InteractionRecord, Loose, RestCall, UploadedFile } from './types';
import { validateCommand, validateCommandList } from './validate-commands';
import {
  MessageFlag,
  validateAutocompleteResult,
  validateMessagePayload,
  validateModal,
} from './validate-message';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  call: RestCall;
}

export interface Reply {
  status: number;
  body?: unknown;
}

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  auth: boolean;
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

const ok = (body: unknown): Reply => ({ status: 200, body });
const noContent: Reply = { status: 204 };
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

export interface MatchResult {
  route: Route | null;
  params: Record<string, string>;
  /** The path exists for another method (405). */
  otherMethod: boolean;
}

/** The REST API routes a bot uses, answering like Discord does (status codes, error bodies, objects). */
export class RestApi {
  private readonly routes: Route[] = [];

  constructor(
    private readonly state: FakeState,
    private readonly gateway: Gateway,
    private readonly gatewayUrl: () => string,
  ) {
    this.defineRoutes();
  }

  match(method: string, path: string): MatchResult {
    const parts = path.split('/').filter(Boolean);
    let otherMethod = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let hit = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        const part = decodeURIComponent(parts[i]!);
        if (seg.startsWith(':')) {
          // literal siblings like /users/@me win because they are declared first
          params[seg.slice(1)] = part;
        } else if (seg !== part) {
          hit = false;
          break;
        }
      }
      if (!hit) continue;
      if (route.method !== method) {
        otherMethod = true;
        continue;
      }
      return { route, params, otherMethod: false };
    }
    return { route: null, params: {}, otherMethod };
  }

  private on(method: string, pattern: string, auth: boolean, handler: Route['handler']): void {
    this.routes.push({ method, pattern, segments: pattern.split('/').filter(Boolean), auth, handler });
  }

  private defineRoutes(): void {
    const s = this.state;
    this.on('GET', '/gateway', false, () => ok({ url: this.gatewayUrl() }));
    this.on('GET', '/gateway/bot', true, () =>
      ok({
        url: this.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000 - this.gateway.stats.identifies, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    );

    this.on('GET', '/users/@me', true, () => ok({ ...userJson(s.bot), verified: true, mfa_enabled: false, email: null, locale: 'en-US' }));
    this.on('POST', '/users/@me/channels', true, ({ body }) => {
      const recipient = isObject(body) ? s.users.get(String(body.recipient_id)) : undefined;
      if (!recipient) throw invalidFormBody([required(['recipient_id'])]);
      return ok(channelJson(s.dmChannelFor(recipient.id), recipient));
    });
    this.on('GET', '/users/:user', true, ({ params }) => {
      const user = s.users.get(params.user!);
      if (!user) throw Errors.unknownUser();
      return ok(userJson(user));
    });

    const application = () => ({
      id: s.applicationId,
      name: s.bot.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      owner: userJson(s.users.get(s.guilds[0]?.ownerId ?? '') ?? s.bot),
      bot: userJson(s.bot),
      approximate_guild_count: s.guilds.length,
      approximate_user_install_count: 0,
      integration_types_config: { '0': {} },
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      tags: [],
      redirect_uris: [],
      interactions_endpoint_url: null,
    });
    this.on('GET', '/applications/@me', true, () => ok(application()));
    this.on('GET', '/oauth2/applications/@me', true, () => ok(application()));

    // application commands: global and per guild
    for (const scope of ['global', 'guild'] as const) {
      const base = scope === 'global' ? '/applications/:app/commands' : '/applications/:app/guilds/:guild/commands';
      const list = (params: Record<string, string>) => this.commandList(params, scope);
      this.on('GET', base, true, ({ params, query }) => ok(list(params).map((c) => this.commandJson(c, query.get('with_localizations') === 'true'))));
      this.on('PUT', base, true, ({ params, body }) => {
        const target = list(params);
        const { errors, tooMany } = validateCommandList(body);
        if (errors.length > 0) throw invalidFormBody(errors);
        if (tooMany !== undefined) throw Errors.tooManyCommands(tooMany);
        const next = (body as Loose[]).map((c) => this.storeCommand(c, target, scope === 'guild' ? params.guild! : undefined));
        target.splice(0, target.length, ...next);
        return ok(next.map((c) => this.commandJson(c, true)));
      });
      this.on('POST', base, true, ({ params, body }) => {
        const target = list(params);
        const errors = validateCommand(body);
        if (errors.length > 0) throw invalidFormBody(errors);
        const cmd = body as Loose;
        const existing = target.findIndex((c) => c.name === cmd.name && c.type === (cmd.type ?? 1));
        const stored = this.storeCommand(cmd, target, scope === 'guild' ? params.guild! : undefined);
        if (existing >= 0) target[existing] = stored;
        else target.push(stored);
        return { status: existing >= 0 ? 200 : 201, body: this.commandJson(stored, true) };
      });
      this.on('GET', `${base}/:command`, true, ({ params }) => ok(this.commandJson(this.findCommand(list(params), params.command!), true)));
      this.on('PATCH', `${base}/:command`, true, ({ params, body }) => {
        const target = list(params);
        const current = this.findCommand(target, params.command!);
        const merged = { ...current, ...(isObject(body) ? body : {}) };
        const errors = validateCommand(merged);
        if (errors.length > 0) throw invalidFormBody(errors);
        const stored = { ...merged, id: current.id, version: s.nextId() } as StoredCommand;
        target[target.indexOf(current)] = stored;
        return ok(this.commandJson(stored, true));
      });
      this.on('DELETE', `${base}/:command`, true, ({ params }) => {
        const target = list(params);
        target.splice(target.indexOf(this.findCommand(target, params.command!)), 1);
        return noContent;
      });
    }

    this.on('POST', '/interactions/:id/:token/callback', false, (ctx) => this.interactionCallback(ctx));
    this.on('POST', '/webhooks/:app/:token', false, (ctx) => this.followUp(ctx));
    this.on('GET', '/webhooks/:app/:token/messages/:message', false, ({ params }) => {
      const { message } = this.webhookMessage(params);
      return ok(clone(message));
    });
    this.on('PATCH', '/webhooks/:app/:token/messages/:message', false, (ctx) => this.webhookEdit(ctx));
    this.on('DELETE', '/webhooks/:app/:token/messages/:message', false, ({ params }) => {
      const { record, message } = this.webhookMessage(params);
      s.deletedMessages.add(message.id);
      record.edits.push({ interactionId: record.id, kind: 'delete', target: params.message!, body: undefined, files: [], at: s.now(), message: clone(message) });
      this.announce('MESSAGE_DELETE', message);
      return noContent;
    });

    this.on('GET', '/channels/:channel', true, ({ params }) => {
      const channel = this.channel(params.channel!);
      const recipient = channel.recipientId ? s.users.get(channel.recipientId) : undefined;
      return ok(channelJson(channel, recipient));
    });
    this.on('POST', '/channels/:channel/typing', true, ({ params }) => {
      this.channel(params.channel!);
      return noContent;
    });
    this.on('GET', '/channels/:channel/messages', true, ({ params, query }) => {
      const channel = this.channel(params.channel!);
      this.requireChannelPermission(channel, PermissionFlagsBits.ReadMessageHistory);
      const limit = Math.min(100, Number(query.get('limit') ?? 50));
      const visible = s.messagesIn(channel.id).filter((m) => (m.flags & MessageFlag.Ephemeral) === 0);
      return ok(visible.reverse().slice(0, limit).map(clone));
    });
    this.on('POST', '/channels/:channel/messages', true, (ctx) => this.createChannelMessage(ctx));
    this.on('GET', '/channels/:channel/messages/:message', true, ({ params }) => ok(clone(this.channelMessage(params))));
    this.on('PATCH', '/channels/:channel/messages/:message', true, ({ params, body, files }) => {
      const message = this.channelMessage(params);
      if (message.author?.id !== s.bot.id) throw Errors.cannotEditOthers();
      const patch = isObject(body) ? body : {};
      const errors = validateMessagePayload(patch, { fileCount: files.length, existingFlags: message.flags });
      if (errors.length > 0) throw invalidFormBody(errors);
      const edited = s.editMessage(message, patch, files);
      this.announce('MESSAGE_UPDATE', edited);
      return ok(clone(edited));
    });
    this.on('DELETE', '/channels/:channel/messages/:message', true, ({ params }) => {
      const message = this.channelMessage(params);
      const channel = this.channel(params.channel!);
      if (message.author?.id !== s.bot.id) this.requireChannelPermission(channel, PermissionFlagsBits.ManageMessages);
      s.deletedMessages.add(message.id);
      this.announce('MESSAGE_DELETE', message);
      return noContent;
    });

    this.on('GET', '/guilds/:guild', true, ({ params }) => ok({ ...guildJson(this.guildOf(params.guild!)), approximate_member_count: this.guildOf(params.guild!).members.size }));
    this.on('GET', '/guilds/:guild/channels', true, ({ params }) => ok(this.guildOf(params.guild!).channels.map((c) => channelJson(c))));
    this.on('GET', '/guilds/:guild/roles', true, ({ params }) => ok(this.guildOf(params.guild!).roles.map(roleJson)));
    this.on('GET', '/guilds/:guild/members/:user', true, ({ params }) => {
      const guild = this.guildOf(params.guild!);
      const member = guild.members.get(params.user!);
      const user = s.users.get(params.user!);
      if (!member || !user) throw Errors.unknownMember();
      return ok(memberJson(member, user));
    });
    this.on('GET', '/guilds/:guild/members', true, ({ params, query }) => {
      const guild = this.guildOf(params.guild!);
      // listing members is gated behind the privileged GUILD_MEMBERS intent on Discord
      if ((this.gateway.intents & GatewayIntent.GuildMembers) === 0) throw Errors.missingAccess();
      const limit = Math.min(1000, Number(query.get('limit') ?? 1));
      const after = query.get('after') ?? '0';
      const members = [...guild.members.values()].filter((m) => BigInt(m.userId) > BigInt(after)).sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1));
      return ok(members.slice(0, limit).map((m) => memberJson(m, s.users.get(m.userId)!)));
    });
  }

  // --- commands ---

  private commandList(params: Record<string, string>, scope: 'global' | 'guild'): StoredCommand[] {
    if (params.app !== this.state.applicationId) throw Errors.unknownApplication();
    if (scope === 'global') return this.state.globalCommands;
    const guild = this.state.guild(params.guild!);
    if (!guild) throw Errors.unknownGuild();
    if (!guild.members.has(this.state.bot.id)) throw Errors.missingAccess();
    let list = this.state.guildCommands.get(guild.id);
    if (!list) {
      list = [];
      this.state.guildCommands.set(guild.id, list);
    }
    return list;
  }

  private findCommand(list: StoredCommand[], id: string): StoredCommand {
    const found = list.find((c) => c.id === id);
    if (!found) throw Errors.unknownCommand();
    return found;
  }

  /** A bulk overwrite keeps the id of a command with the same name and type, as Discord does. */
  private storeCommand(command: Loose, current: StoredCommand[], guildId: string | undefined): StoredCommand {
    const type = command.type ?? 1;
    const existing = current.find((c) => c.name === command.name && c.type === type);
    const stored: StoredCommand = {
      ...command,
      id: existing?.id ?? this.state.nextId(),
      application_id: this.state.applicationId,
      version: this.state.nextId(),
      type,
      name: command.name,
      description: command.description ?? '',
      default_member_permissions: command.default_member_permissions ?? null,
      nsfw: command.nsfw ?? false,
      contexts: command.contexts ?? null,
      integration_types: command.integration_types ?? [0],
    };
    if (guildId) stored.guild_id = guildId;
    else stored.dm_permission = command.dm_permission ?? true;
    return stored;
  }

  private commandJson(command: StoredCommand, withLocalizations: boolean): Loose {
    const json: Loose = clone(command);
    if (!withLocalizations) {
      delete json.name_localizations;
      delete json.description_localizations;
    } else {
      json.name_localizations ??= null;
      json.description_localizations ??= null;
    }
    return json;
  }

  // --- interactions ---

  private interactionCallback({ params, query, body, files, call }: RouteContext): Reply {
    const s = this.state;
    const record = s.interactions.get(params.id!);
    if (!record || record.token !== params.token) throw Errors.unknownInteraction();
    record.callbackAttempts.push(call);
    if (record.callback) throw Errors.alreadyAcknowledged();
    // Discord forgets an interaction nobody acknowledged within 3 s
    if (s.now() - record.createdAt > s.interactionTimeoutMs) throw Errors.unknownInteraction();
    if (!isObject(body) || typeof body.type !== 'number') throw invalidFormBody([required(['type'])]);
    const type = body.type;
    const data = isObject(body.data) ? body.data : undefined;
    const fromMessage = isObject(record.payload.message);
    const allowed: Record<number, number[]> = {
      2: [4, 5, 9],
      3: [4, 5, 6, 7, 9],
      4: [8],
      5: fromMessage ? [4, 5, 6, 7] : [4, 5],
    };
    if (!(allowed[record.type] ?? []).includes(type)) {
      throw invalidFormBody([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Interaction response type ${type} is not valid for interaction type ${record.type}` }]);
    }
    // only these flags can be set on an interaction response; Discord ignores the rest
    const settable = MessageFlag.SuppressEmbeds | MessageFlag.Ephemeral | MessageFlag.IsComponentsV2 | MessageFlag.IsVoiceMessage | MessageFlag.SuppressNotifications;
    const flags = (typeof data?.flags === 'number' ? data.flags : 0) & settable;
    const result: CallbackRecord = {
      interactionId: record.id,
      type,
      data,
      files,
      flags,
      ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
      withResponse: query.get('with_response') === 'true',
      at: s.now(),
    };
    const channelId = record.payload.channel_id as string;
    switch (type) {
      case 4: {
        const errors = validateMessagePayload(data ?? {}, { path: ['data'], fileCount: files.length });
        if (errors.length > 0) throw invalidFormBody(errors);
        const commandType = record.type === 2 ? (record.payload.data?.type ?? 1) : 0;
        const messageType = record.type === 2 ? (commandType === 1 ? 20 : 23) : 0;
        result.message = s.createMessage({ channelId, payload: data ?? {}, files, type: messageType, flags, interaction: record });
        record.originalMessageId = result.message.id;
        break;
      }
      case 5: {
        // Discord: EPHEMERAL is the only flag a deferral can set; V2 comes with the edit
        const keep = flags & MessageFlag.Ephemeral;
        const messageType = record.type === 2 ? 20 : 0;
        result.message = s.createMessage({ channelId, payload: {}, files: [], type: messageType, flags: keep | MessageFlag.Loading, interaction: record });
        record.originalMessageId = result.message.id;
        break;
      }
      case 6: {
        record.originalMessageId = this.componentMessage(record).id;
        break;
      }
      case 7: {
        const target = this.componentMessage(record);
        const errors = validateMessagePayload(data ?? {}, { path: ['data'], fileCount: files.length, existingFlags: target.flags });
        if (errors.length > 0) throw invalidFormBody(errors);
        result.message = s.editMessage(target, data ?? {}, files);
        result.ephemeral = (result.message.flags & MessageFlag.Ephemeral) !== 0;
        record.originalMessageId = target.id;
        break;
      }
      case 8: {
        const errors = validateAutocompleteResult(data ?? {});
        if (errors.length > 0) throw invalidFormBody(errors);
        result.choices = clone(data!.choices);
        break;
      }
      case 9: {
        const errors = validateModal(data ?? {});
        if (errors.length > 0) throw invalidFormBody(errors);
        result.modal = withComponentIds(data!);
        break;
      }
    }
    record.callback = result;
    if (result.message && type === 4) this.announce('MESSAGE_CREATE', result.message);
    if (result.message && type === 7) this.announce('MESSAGE_UPDATE', result.message);
    if (!result.withResponse) return noContent;
    const message = result.message ?? (record.originalMessageId ? s.messages.get(record.originalMessageId) : undefined);
    return ok({
      interaction: {
        id: record.id,
        type: record.type,
        activity_instance_id: null,
        response_message_id: type === 8 || type === 9 ? null : (record.originalMessageId ?? null),
        response_message_loading: type === 5,
        response_message_ephemeral: message ? (message.flags & MessageFlag.Ephemeral) !== 0 : false,
      },
      // the resource carries a message only for CHANNEL_MESSAGE_WITH_SOURCE and UPDATE_MESSAGE
      resource: { type, ...(message && (type === 4 || type === 7) ? { message: clone(message) } : {}) },
    });
  }

  /** The message a component (or a modal opened from one) belongs to, kept in the store. */
  private componentMessage(record: InteractionRecord): FakeMessage {
    const given = record.payload.message as FakeMessage | undefined;
    if (!given) throw Errors.unknownMessage();
    const stored = this.state.messages.get(given.id);
    if (stored) return stored;
    this.state.saveMessage(clone(given));
    return this.state.messages.get(given.id)!;
  }

  /** Interaction webhooks (follow-ups and edits) live as long as the token, once acknowledged. */
  private webhookRecord(params: Record<string, string>): InteractionRecord {
    const s = this.state;
    if (params.app !== s.applicationId) throw Errors.unknownWebhook();
    const record = [...s.interactions.values()].find((r) => r.token === params.token);
    if (!record) throw Errors.unknownWebhook();
    if (s.now() - record.createdAt > s.interactionTokenTtlMs) throw httpError(401, 50027, 'Invalid Webhook Token');
    if (!record.callback || ![4, 5, 6, 7].includes(record.callback.type)) throw Errors.unknownWebhook();
    return record;
  }

  private webhookMessage(params: Record<string, string>): { record: InteractionRecord; message: FakeMessage } {
    const record = this.webhookRecord(params);
    const id = params.message === '@original' ? record.originalMessageId : params.message;
    const owned = id !== undefined && (id === record.originalMessageId || record.followUps.some((f) => f.message.id === id));
    const message = id ? this.state.messages.get(id) : undefined;
    if (!owned || !message || this.state.deletedMessages.has(message.id)) throw Errors.unknownMessage();
    return { record, message };
  }

  private webhookEdit({ params, body, files }: RouteContext): Reply {
    const { record, message } = this.webhookMessage(params);
    const patch = isObject(body) ? body : {};
    const errors = validateMessagePayload(patch, { fileCount: files.length, existingFlags: message.flags });
    if (errors.length > 0) throw invalidFormBody(errors);
    const wasLoading = (message.flags & MessageFlag.Loading) !== 0;
    const edited = this.state.editMessage(message, patch, files);
    record.edits.push({ interactionId: record.id, kind: 'edit', target: params.message!, body: patch, files, at: this.state.now(), message: clone(edited) });
    if (record.callback && !record.callback.message && record.callback.type === 6) record.callback.message = edited;
    this.announce(wasLoading ? 'MESSAGE_CREATE' : 'MESSAGE_UPDATE', edited);
    return ok(clone(edited));
  }

  private followUp({ params, body, files }: RouteContext): Reply {
    const s = this.state;
    const record = this.webhookRecord(params);
    const payload = isObject(body) ? body : {};
    const errors = validateMessagePayload(payload, { fileCount: files.length });
    if (errors.length > 0) throw invalidFormBody(errors);
    const original = record.originalMessageId ? s.messages.get(record.originalMessageId) : undefined;
    let message: FakeMessage;
    if (original && (original.flags & MessageFlag.Loading) !== 0 && record.callback?.type === 5) {
      // Discord's quirk: the first follow-up after a deferred reply replaces the "thinking..." message
      message = s.editMessage(original, payload, files);
      this.announce('MESSAGE_CREATE', message);
    } else {
      const settable = MessageFlag.SuppressEmbeds | MessageFlag.Ephemeral | MessageFlag.IsComponentsV2 | MessageFlag.IsVoiceMessage | MessageFlag.SuppressNotifications;
      const flags = (typeof payload.flags === 'number' ? payload.flags : 0) & settable;
      message = s.createMessage({ channelId: record.payload.channel_id as string, payload, files, type: 0, flags, followUpOf: record });
      this.announce('MESSAGE_CREATE', message);
    }
    record.followUps.push({ interactionId: record.id, kind: 'followup', target: message.id, body: payload, files, at: s.now(), message: clone(message) });
    // for interaction follow-ups `wait` is always true
    return ok(clone(message));
  }

  // --- channels and messages ---

  private channel(id: string): FakeChannel {
    const channel = this.state.channels.get(id);
    if (!channel) throw Errors.unknownChannel();
    if (channel.guildId) {
      const guild = this.state.guild(channel.guildId);
      if (!guild?.members.has(this.state.bot.id)) throw Errors.missingAccess();
    }
    return channel;
  }

  private guildOf(id: string) {
    const guild = this.state.guild(id);
    if (!guild) throw Errors.unknownGuild();
    if (!guild.members.has(this.state.bot.id)) throw Errors.missingAccess();
    return guild;
  }

  /** Guild-level check of the bot's permissions (channel overwrites are not modelled). */
  private requireChannelPermission(channel: FakeChannel, bit: bigint): void {
    if (!channel.guildId) return;
    const guild = this.state.guild(channel.guildId)!;
    const perms = memberPermissions(guild, this.state.bot.id);
    if ((perms & PermissionFlagsBits.ViewChannel) === 0n) throw Errors.missingAccess();
    if ((perms & bit) !== bit) throw Errors.missingPermissions();
  }

  private channelMessage(params: Record<string, string>): FakeMessage {
    this.channel(params.channel!);
    const message = this.state.messages.get(params.message!);
    // ephemeral messages can't be reached through the channel routes
    if (!message || message.channel_id !== params.channel || this.state.deletedMessages.has(message.id) || (message.flags & MessageFlag.Ephemeral) !== 0) {
      throw Errors.unknownMessage();
    }
    return message;
  }

  private createChannelMessage({ params, body, files }: RouteContext): Reply {
    const s = this.state;
    const channel = this.channel(params.channel!);
    if (!TEXT_CHANNEL_TYPES.includes(channel.type)) throw Errors.nonTextChannel();
    this.requireChannelPermission(channel, PermissionFlagsBits.SendMessages);
    if (files.length > 0) this.requireChannelPermission(channel, PermissionFlagsBits.AttachFiles);
    const payload = isObject(body) ? body : {};
    const errors = validateMessagePayload(payload, { fileCount: files.length });
    if (errors.length > 0) throw invalidFormBody(errors);

    const nonceKey = payload.nonce !== undefined && payload.nonce !== null && payload.enforce_nonce === true ? `${channel.id}:${s.bot.id}:${String(payload.nonce)}` : undefined;
    if (nonceKey) {
      const seen = s.nonces.get(nonceKey);
      if (seen && s.now() - seen.at <= s.nonceWindowMs) {
        const first = s.messages.get(seen.messageId);
        if (first && !s.deletedMessages.has(first.id)) return ok(clone(first));
      }
    }

    let type = 0;
    let reference: Loose | undefined;
    if (isObject(payload.message_reference) && (payload.message_reference.type ?? 0) === 0) {
      const ref = payload.message_reference;
      const target = s.messages.get(String(ref.message_id));
      if (!target || s.deletedMessages.has(target.id) || target.channel_id !== (ref.channel_id ?? channel.id)) {
        if (ref.fail_if_not_exists !== false) {
          throw invalidFormBody([{ path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }]);
        }
      } else {
        type = 19;
        reference = target;
      }
    }
    const payloadFlags = typeof payload.flags === 'number' ? payload.flags : 0;
    const flags = payloadFlags & (MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2 | MessageFlag.IsVoiceMessage);
    const message = s.createMessage({ channelId: channel.id, payload, files, type, flags });
    if (reference) {
      message.message_reference = { type: 0, message_id: reference.id, channel_id: channel.id, ...(channel.guildId ? { guild_id: channel.guildId } : {}) };
      message.referenced_message = clone(reference);
    }
    if (nonceKey) s.nonces.set(nonceKey, { messageId: message.id, at: s.now() });
    this.announce('MESSAGE_CREATE', message);
    return ok(clone(message));
  }

  /** Tells the bot about a message event, as Discord does when it holds the message intents. */
  announce(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE', message: FakeMessage): void {
    if ((message.flags & (MessageFlag.Ephemeral | MessageFlag.Loading)) !== 0) return;
    if (!this.gateway.hasSession()) return;
    const channel = this.state.channels.get(message.channel_id);
    if (!channel) return;
    const intent = channel.guildId ? GatewayIntent.GuildMessages : GatewayIntent.DirectMessages;
    if ((this.gateway.intents & intent) === 0) return;
    const guildPart = channel.guildId ? { guild_id: channel.guildId } : {};
    if (event === 'MESSAGE_DELETE') {
      this.gateway.dispatch(event, { id: message.id, channel_id: message.channel_id, ...guildPart });
      return;
    }
    const d: Loose = { ...clone(message), ...guildPart };
    if (channel.guildId) {
      const guild = this.state.guild(channel.guildId)!;
      const member = guild.members.get(String(message.author?.id));
      const user = this.state.users.get(String(message.author?.id));
      if (member && user) {
        const { user: _omit, ...rest } = memberJson(member, user);
        d.member = rest;
      }
    }
    this.gateway.dispatch(event, d);
  }
}

/** Discord numbers the components of what it stores; a modal submit echoes those ids back. */
function withComponentIds(data: Loose): Loose {
  let next = 1;
  const walk = (c: Loose): Loose => {
    const out: Loose = { ...c, id: c.id ?? next };
    next = Math.max(next, Number(out.id)) + 1;
    if (Array.isArray(out.components)) out.components = out.components.map(walk);
    if (out.component) out.component = walk(out.component);
    return out;
  };
  return { ...data, components: Array.isArray(data.components) ? data.components.map(walk) : data.components };
}

export { DiscordHttpError };
