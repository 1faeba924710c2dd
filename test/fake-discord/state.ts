import { Errors, invalidFormBody } from './errors';
import { guessContentType, imageSize } from './http-body';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  toPermissions,
  userJson,
} from './objects';
import { createSnowflakes } from './snowflake';
import type {
  FakeChannel,
  FakeDiscordOptions,
  FakeGuild,
  FakeMessage,
  FakeUser,
  GuildInit,
  InteractionRecord,
  Loose,
  RestCall,
  UploadedFile,
  UserInit,
} from './types';
import { isEmptyMessage, MessageFlag } from './validate-message';

export interface StoredCommand extends Loose {
  id: string;
  name: string;
  type: number;
}

export interface StoredAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

const CHANNEL_TYPES: Record<string, number> = { text: 0, voice: 2, category: 4, announcement: 5, forum: 15 };
/** Channel types a message can be sent in. */
export const TEXT_CHANNEL_TYPES: readonly number[] = [0, 1, 2, 3, 5, 10, 11, 12, 13];

/** Everything the fake knows; REST, gateway and the test-side helpers all read and change it. */
export class FakeState {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly interactionTimeoutMs: number;
  readonly interactionTokenTtlMs: number;
  readonly nonceWindowMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxFileBytes: number;
  readonly quiet: boolean;
  readonly nextId: () => string;
  baseUrl = '';
  private clockOffset = 0;
  private readonly clock: () => number;

  readonly users = new Map<string, FakeUser>();
  readonly guilds: FakeGuild[] = [];
  readonly channels = new Map<string, FakeChannel>();
  private readonly dmChannelByUser = new Map<string, string>();
  readonly messages = new Map<string, FakeMessage>();
  private readonly messageOrder = new Map<string, string[]>();
  readonly deletedMessages = new Set<string>();
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionUsers = new Map<string, string>();
  readonly globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();
  /** Served at GET <path>, path like /attachments/<channel>/<id>/<name>. */
  readonly files = new Map<string, StoredAttachment>();
  readonly restCalls: RestCall[] = [];
  readonly unknownRoutes: RestCall[] = [];
  readonly problems: string[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: FakeDiscordOptions) {
    this.clock = options.now ?? Date.now;
    this.nextId = createSnowflakes(() => this.now());
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? this.nextId();
    this.bot = { id: this.applicationId, username: options.botUsername ?? 'Baleia', globalName: null, locale: 'en-US', bot: true };
    this.users.set(this.bot.id, this.bot);
    this.interactionTimeoutMs = options.interactionTimeoutMs ?? 3000;
    this.interactionTokenTtlMs = options.interactionTokenTtlMs ?? 15 * 60_000;
    this.nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
    this.quiet = options.quiet ?? false;
    for (const user of options.users ?? []) this.addUser(user);
    // a plain member to act as, so tests don't run everything as the all-powerful owner
    for (const guild of options.guilds ?? [{ members: [{ user: { username: 'student', locale: 'pt-BR' } }] }]) this.addGuild(guild);
  }

  now(): number {
    return this.clock() + this.clockOffset;
  }

  advanceTime(ms: number): void {
    this.clockOffset += ms;
  }

  iso(at = this.now()): string {
    return new Date(at).toISOString().replace('Z', '+00:00');
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  warn(message: string): void {
    this.problems.push(message);
    if (!this.quiet) console.warn(`[fake-discord] ${message}`);
  }

  addUser(init: UserInit): FakeUser {
    const user: FakeUser = {
      id: init.id ?? this.nextId(),
      username: init.username,
      globalName: init.globalName ?? null,
      locale: init.locale ?? 'en-US',
      bot: init.bot ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** A user by id, by username, or the object itself. */
  resolveUser(ref: FakeUser | string): FakeUser {
    if (typeof ref !== 'string') return this.users.get(ref.id) ?? ref;
    const user = this.users.get(ref) ?? [...this.users.values()].find((u) => u.username === ref);
    if (!user) throw new Error(`fake-discord: no user "${ref}"; add it with fake.addUser()`);
    return user;
  }

  addGuild(init: GuildInit): FakeGuild {
    const id = init.id ?? this.nextId();
    const owner = init.owner ? this.resolveUser(init.owner) : this.addUser({ username: 'owner' });
    const guild: FakeGuild = {
      id,
      name: init.name ?? 'Baleia Test',
      ownerId: owner.id,
      preferredLocale: init.preferredLocale ?? 'en-US',
      roles: [],
      channels: [],
      members: new Map(),
    };
    // @everyone's id is the guild's id on Discord
    guild.roles.push({ id, name: '@everyone', permissions: toPermissions(init.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS), color: 0, position: 0, managed: false });
    const botRole = { id: this.nextId(), name: this.bot.username, permissions: toPermissions(init.botPermissions, DEFAULT_BOT_PERMISSIONS), color: 0, position: 1, managed: true, botId: this.bot.id };
    guild.roles.push(botRole);
    for (const role of init.roles ?? []) {
      guild.roles.push({ id: role.id ?? this.nextId(), name: role.name, permissions: toPermissions(role.permissions, 0n), color: role.color ?? 0, position: guild.roles.length, managed: false });
    }
    this.guilds.push(guild);
    const channels = init.channels ?? [{ name: 'geral' }];
    for (const c of channels) this.addChannel(guild, c);
    this.addMember(guild, this.bot.id, [botRole.id]);
    this.addMember(guild, owner.id, []);
    for (const m of init.members ?? []) {
      const user = typeof m.user === 'string' ? this.findOrCreateUser(m.user) : this.addUser(m.user);
      const roles = (m.roles ?? []).map((r) => {
        const role = guild.roles.find((x) => x.id === r || x.name === r);
        if (!role) throw new Error(`fake-discord: guild ${guild.name} has no role "${r}"`);
        return role.id;
      });
      this.addMember(guild, user.id, roles, m.nick);
    }
    return guild;
  }

  private findOrCreateUser(ref: string): FakeUser {
    return this.users.get(ref) ?? [...this.users.values()].find((u) => u.username === ref) ?? this.addUser({ username: ref });
  }

  addChannel(guild: FakeGuild, init: { id?: string; name: string; type?: string | number; parent?: string; topic?: string }): FakeChannel {
    const type = typeof init.type === 'number' ? init.type : CHANNEL_TYPES[init.type ?? 'text'];
    if (type === undefined) throw new Error(`fake-discord: unknown channel type ${String(init.type)}`);
    const parent = init.parent ? guild.channels.find((c) => c.id === init.parent || c.name === init.parent) : undefined;
    const channel: FakeChannel = {
      id: init.id ?? this.nextId(),
      type,
      name: init.name,
      guildId: guild.id,
      parentId: parent?.id ?? null,
      topic: init.topic ?? null,
      position: guild.channels.length,
    };
    guild.channels.push(channel);
    this.channels.set(channel.id, channel);
    return channel;
  }

  addMember(guild: FakeGuild, userId: string, roles: string[], nick?: string): void {
    guild.members.set(userId, { userId, roles, nick: nick ?? null, joinedAt: this.iso() });
  }

  guild(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  dmChannelFor(userId: string): FakeChannel {
    const existing = this.dmChannelByUser.get(userId);
    if (existing) return this.channels.get(existing) as FakeChannel;
    const channel: FakeChannel = { id: this.nextId(), type: 1, name: null, guildId: null, parentId: null, topic: null, position: 0, recipientId: userId };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  /** Stores bytes and returns the attachment object Discord would show for them. */
  storeAttachment(scope: string, file: { filename: string; data: Buffer; contentType?: string }, extra: Loose = {}): Loose {
    const id = this.nextId();
    const contentType = file.contentType && file.contentType !== 'application/octet-stream' ? file.contentType : guessContentType(file.filename);
    const path = `/attachments/${scope}/${id}/${encodeURIComponent(file.filename)}`;
    this.files.set(path, { filename: file.filename, contentType, data: file.data });
    const size = imageSize(file.data);
    const url = `${this.baseUrl}${path}`;
    return {
      id,
      filename: file.filename,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: contentType,
      ...(size ? { width: size.width, height: size.height } : {}),
      ...extra,
    };
  }

  messagesIn(channelId: string): FakeMessage[] {
    return (this.messageOrder.get(channelId) ?? [])
      .filter((id) => !this.deletedMessages.has(id))
      .map((id) => this.messages.get(id) as FakeMessage);
  }

  saveMessage(message: FakeMessage): void {
    if (!this.messages.has(message.id)) {
      const order = this.messageOrder.get(message.channel_id) ?? [];
      order.push(message.id);
      this.messageOrder.set(message.channel_id, order);
    }
    this.messages.set(message.id, message);
  }

  /**
   * Turns a payload's `attachments` array and uploaded `files[n]` into attachment objects.
   * Entries naming an existing attachment keep it, entries with a small numeric id take
   * files[id], and on edits attachments left out of the array are removed (Discord's rule).
   */
  buildAttachments(scope: string, payload: Loose, files: UploadedFile[], existing: Loose[], ephemeral: boolean): Loose[] {
    for (const file of files) if (file.size > this.maxFileBytes) throw Errors.tooLarge();
    const byIndex = new Map<string, UploadedFile>();
    files.forEach((file, i) => {
      const m = /^files\[(\d+)\]$/.exec(file.field);
      byIndex.set(m?.[1] ?? String(i), file);
    });
    const used = new Set<UploadedFile>();
    const extra = ephemeral ? { ephemeral: true } : {};
    const result: Loose[] = [];
    if (Array.isArray(payload.attachments)) {
      payload.attachments.forEach((entry: Loose, i: number) => {
        const id = String(entry?.id);
        const kept = existing.find((a) => a.id === id);
        if (kept) {
          result.push({ ...kept, ...(entry.description !== undefined ? { description: entry.description } : {}) });
          return;
        }
        const file = byIndex.get(id);
        if (!file) {
          throw invalidFormBody([{ path: ['attachments', i, 'id'], code: 'ATTACHMENT_NOT_FOUND', message: `Unknown attachment id ${id}: no files[${id}] in this request` }]);
        }
        used.add(file);
        const meta: Loose = { ...extra };
        if (entry.description) meta.description = entry.description;
        if (entry.title) meta.title = entry.title;
        result.push(this.storeAttachment(scope, { filename: entry.filename ?? file.filename, data: file.data, contentType: file.contentType }, meta));
      });
    } else result.push(...existing);
    for (const file of files) {
      if (!used.has(file)) result.push(this.storeAttachment(scope, { filename: file.filename, data: file.data, contentType: file.contentType }, extra));
    }
    return result;
  }

  /** Discord's normalisations of what a bot sent: embed type, attachment:// urls, component ids. */
  private normaliseContent(message: FakeMessage): void {
    const byName = new Map(message.attachments.map((a) => [a.filename as string, a]));
    const resolve = (media: Loose | undefined) => {
      if (!media || typeof media.url !== 'string' || !media.url.startsWith('attachment://')) return media;
      const a = byName.get(media.url.slice('attachment://'.length));
      if (!a) return media;
      return { ...media, url: a.url, proxy_url: a.proxy_url, ...(a.width ? { width: a.width, height: a.height } : {}), content_type: a.content_type, attachment_id: a.id };
    };
    message.embeds = message.embeds.map((embed) => {
      const e: Loose = { type: 'rich', ...embed };
      if (e.image) e.image = resolve(e.image);
      if (e.thumbnail) e.thumbnail = resolve(e.thumbnail);
      if (e.footer?.icon_url?.startsWith('attachment://')) e.footer = { ...e.footer, icon_url: resolve({ url: e.footer.icon_url })?.url };
      if (e.author?.icon_url?.startsWith('attachment://')) e.author = { ...e.author, icon_url: resolve({ url: e.author.icon_url })?.url };
      if (e.color === undefined) delete e.color;
      return e;
    });
    let nextComponentId = 1;
    const walk = (c: Loose): Loose => {
      const out: Loose = { ...c };
      if (out.id === undefined) out.id = nextComponentId;
      nextComponentId = Math.max(nextComponentId, Number(out.id)) + 1;
      if (Array.isArray(out.components)) out.components = out.components.map(walk);
      if (out.accessory) out.accessory = walk(out.accessory);
      if (out.media) out.media = resolve(out.media);
      if (out.file) out.file = resolve(out.file);
      if (Array.isArray(out.items)) out.items = out.items.map((item: Loose) => ({ ...item, media: resolve(item.media) }));
      return out;
    };
    message.components = message.components.map(walk);
  }

  createMessage(args: {
    channelId: string;
    payload: Loose;
    files: UploadedFile[];
    author?: FakeUser;
    type?: number;
    flags?: number;
    interaction?: InteractionRecord;
    followUpOf?: InteractionRecord;
  }): FakeMessage {
    const { payload } = args;
    const ephemeral = ((args.flags ?? payload.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
    const id = this.nextId();
    const message: FakeMessage = {
      type: args.type ?? 0,
      content: typeof payload.content === 'string' ? payload.content : '',
      mentions: [],
      mention_roles: [],
      attachments: this.buildAttachments(args.channelId, payload, args.files, [], ephemeral),
      embeds: Array.isArray(payload.embeds) ? payload.embeds : [],
      timestamp: this.iso(),
      edited_timestamp: null,
      flags: args.flags ?? (payload.flags ?? 0),
      components: Array.isArray(payload.components) ? payload.components : [],
      id,
      channel_id: args.channelId,
      author: userJson(args.author ?? this.bot),
      pinned: false,
      mention_everyone: false,
      tts: payload.tts === true,
    };
    if (payload.nonce !== undefined && payload.nonce !== null) message.nonce = payload.nonce;
    if (payload.poll) message.poll = payload.poll;
    const source = args.interaction ?? args.followUpOf;
    if (source) {
      const user = this.users.get(this.interactionUsers.get(source.id) ?? '') ?? this.bot;
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      const data = source.payload.data as Loose | undefined;
      const metadata: Loose = {
        id: source.id,
        type: source.type,
        user: userJson(user),
        authorizing_integration_owners: source.payload.authorizing_integration_owners,
      };
      if (source.type === 2) {
        metadata.name = data?.name;
        metadata.command_type = data?.type ?? 1;
      }
      if (source.type === 3 && source.payload.message) metadata.interacted_message_id = source.payload.message.id;
      if (args.followUpOf && source.originalMessageId) metadata.original_response_message_id = source.originalMessageId;
      message.interaction_metadata = metadata;
      message.interaction = { id: source.id, type: source.type, name: data?.name ?? '', user: userJson(user) };
    }
    this.normaliseContent(message);
    if (isEmptyMessage(message) && (message.flags & MessageFlag.Loading) === 0) throw Errors.emptyMessage();
    this.saveMessage(message);
    return message;
  }

  /** Applies a PATCH: only fields present change; `attachments` follows Discord's keep-or-drop rule. */
  editMessage(message: FakeMessage, patch: Loose, files: UploadedFile[]): FakeMessage {
    const next: FakeMessage = { ...message };
    for (const key of ['content', 'embeds', 'components', 'poll'] as const) {
      if (patch[key] !== undefined) next[key] = patch[key] === null ? (key === 'content' ? '' : key === 'poll' ? undefined : []) : patch[key];
    }
    if (patch.flags !== undefined && patch.flags !== null) {
      // only these can change after sending; ephemeral and loading are kept from the original
      const changeable = MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;
      next.flags = (message.flags & ~changeable) | (patch.flags & changeable);
    }
    const ephemeral = (message.flags & MessageFlag.Ephemeral) !== 0;
    if (patch.attachments !== undefined || files.length > 0) {
      next.attachments = this.buildAttachments(message.channel_id, patch, files, message.attachments, ephemeral);
    }
    next.flags &= ~MessageFlag.Loading;
    next.edited_timestamp = (message.flags & MessageFlag.Loading) !== 0 ? null : this.iso();
    this.normaliseContent(next);
    if (isEmptyMessage(next)) throw Errors.emptyMessage();
    this.saveMessage(next);
    return next;
  }
}
