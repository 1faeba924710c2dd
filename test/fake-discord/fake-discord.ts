import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordHttpError, Errors } from './errors';
import { Gateway, type GatewayStats } from './gateway';
import { parseBody, readRequestBody } from './http-body';
import {
  actorInput,
  buildCommandData,
  buildComponentData,
  buildInteraction,
  buildModalSubmitData,
  FakeDiscordUsageError,
  uploadUserFile,
} from './interactions';
import { memberJson, toPermissions } from './objects';
import { RestApi } from './rest';
import { FakeState } from './state';
import type {
  ActorOptions,
  CallbackRecord,
  FakeChannel,
  FakeDiscordOptions,
  FakeGuild,
  FakeMessage,
  FakeUser,
  FileInput,
  InteractionHandle,
  InteractionRecord,
  Loose,
  RestCall,
  SendInteractionInput,
  SlashOptions,
  UserInit,
  WebhookRecord,
} from './types';
import { MessageFlag } from './validate-message';

export interface FakeDiscord {
  /** Pass as `new Client({ rest: { api: fake.restUrl } })` or `new REST({ api: fake.restUrl })`. */
  readonly restUrl: string;
  /** ws://127.0.0.1:<port>/gateway, what GET /gateway/bot hands out. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  /** The first configured guild and its first text channel. */
  readonly guild: FakeGuild;
  readonly channel: FakeChannel;
  readonly guilds: readonly FakeGuild[];
  /** Every REST request, in order, with status and response. */
  readonly restCalls: readonly RestCall[];
  /** Requests to routes the fake doesn't know (answered 404 and printed). */
  readonly unknownRoutes: readonly RestCall[];
  /** Every interaction sent, newest last. */
  readonly interactions: readonly InteractionRecord[];
  /** Gateway protocol problems and unknown routes, as text. */
  readonly problems: readonly string[];
  readonly gateway: GatewayControls;

  addUser(init: UserInit): FakeUser;
  /** Adds a member (and the user if needed) to a guild; roles by id or name. */
  addMember(user: FakeUser | string | UserInit, options?: { guildId?: string; roles?: string[]; nick?: string }): FakeUser;
  user(ref: string): FakeUser;
  role(name: string, guildId?: string): { id: string; name: string; permissions: bigint };
  channelNamed(name: string, guildId?: string): FakeChannel;
  dmChannel(user: FakeUser | string): FakeChannel;

  /** Registered commands as Discord stores them (global, or a guild's). */
  commands(guildId?: string): Loose[];

  /** Low level: dispatch any INTERACTION_CREATE. */
  sendInteraction(input: SendInteractionInput): InteractionHandle;
  /** A user runs "/cmd [group] [sub]" with options, checked against the registered command. */
  slash(commandLine: string, options?: SlashOptions): InteractionHandle;
  /** A user types into option `focused` of "/cmd [sub]". */
  autocomplete(commandLine: string, options: SlashOptions & { focused: string }): InteractionHandle;
  clickButton(message: FakeMessage | string, customId: string, options?: ActorOptions & { force?: boolean }): InteractionHandle;
  selectMenu(message: FakeMessage | string, customId: string, values: Array<string | FakeUser>, options?: ActorOptions & { force?: boolean }): InteractionHandle;
  /** The user fills in and submits the modal the bot showed in answer to `opened`. */
  submitModal(opened: InteractionHandle | InteractionRecord, values: Record<string, string | string[] | FileInput[]>, options?: ActorOptions & { force?: boolean }): InteractionHandle;

  /** Stores a file as if a user uploaded it; returns the attachment object (id, url...) for a hand-made `resolved`. */
  userAttachment(file: FileInput): Loose;

  /** Visible state of a channel: messages in order, ephemeral ones included (flags & 64). */
  messagesIn(channelId: string): FakeMessage[];
  message(id: string): FakeMessage | undefined;
  /** Bytes the fake serves for an attachment url (uploads by the bot or by a user). */
  attachmentData(url: string): Buffer | undefined;

  /** Throws if the bot hit unknown routes, got 5xx, or tripped gateway checks (4xx are often wanted, so not counted). */
  assertClean(): void;

  /** Resolves with the first truthy value of `predicate`, re-checked on every change and every 20 ms. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number, description?: string): Promise<T>;
  /** Resolves once a bot has identified and the connection is open. */
  waitForGateway(timeoutMs?: number): Promise<void>;
  /** Moves the fake's clock forward (the 3 s interaction window, nonce window, token lifetime). */
  advanceTime(ms: number): void;
  now(): number;
  /** Ends every connection and timer; safe to call twice. */
  close(): Promise<void>;
}

export interface GatewayControls {
  readonly stats: GatewayStats;
  readonly ready: boolean;
  readonly sessionId: string | null;
  /** Any dispatch event, e.g. dispatch('GUILD_MEMBER_UPDATE', {...}). */
  dispatch(event: string, data: unknown): void;
  /** Drops the connection (default code 4000): discord.js reconnects and resumes. */
  disconnect(code?: number, reason?: string): void;
  requestReconnect(): void;
  invalidateSession(resumable?: boolean): void;
}

export async function createFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = new FakeState(options);
  const server = createServer();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const gateway = new Gateway(state, gatewayUrl);
  const rest = new RestApi(state, gateway, gatewayUrl);
  const timers = new Set<NodeJS.Timeout>();
  const pendingWaits = new Set<(error: Error) => void>();
  let closed = false;

  server.on('request', (req, res) => {
    void handleRequest(req, res).catch((error: unknown) => {
      state.warn(`internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    gateway.handleUpgrade(req, socket, head);
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
      const file = state.files.get(url.pathname);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length }).end(file.data);
      return;
    }

    const apiMatch = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(url.pathname);
    const path = apiMatch?.[2] ?? url.pathname;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const call: RestCall = {
      seq: 0,
      at: state.now(),
      method,
      path,
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
    };

    let status = 200;
    let body: unknown;
    try {
      const raw = await readRequestBody(req);
      const parsed = await parseBody(raw, req.headers['content-type']);
      call.body = parsed.body;
      call.files = parsed.files;
      if (!apiMatch) throw Errors.notFound();
      const { route, params, otherMethod } = rest.match(method, path);
      if (!route) throw otherMethod ? Errors.methodNotAllowed() : Errors.notFound();
      call.route = route.pattern;
      if (route.auth && req.headers.authorization !== `Bot ${state.token}`) throw Errors.unauthorized();
      const reply = await route.handler({ params, query: url.searchParams, body: parsed.body, files: parsed.files, call });
      status = reply.status;
      body = reply.body;
    } catch (error) {
      if (!(error instanceof DiscordHttpError)) throw error;
      status = error.status;
      body = error.body;
    }
    call.status = status;
    call.response = body;
    call.seq = state.restCalls.length + 1;
    state.restCalls.push(call);
    if (call.route === null) {
      state.unknownRoutes.push(call);
      state.warn(`no such route: ${method} ${url.pathname}${url.search} (answered ${status})`);
    }
    if (status === 204 || body === undefined) res.writeHead(status).end();
    else {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    }
    state.changed();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  state.baseUrl = `http://127.0.0.1:${port}`;

  function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 2000, description = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (closed) {
        reject(new Error('fake-discord: closed'));
        return;
      }
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        unsubscribe();
        clearTimeout(timeout);
        clearInterval(poll);
        timers.delete(timeout);
        timers.delete(poll);
        pendingWaits.delete(fail);
        fn();
      };
      const check = () => {
        try {
          const value = predicate();
          if (value !== undefined && value !== null && value !== false) finish(() => resolve(value));
        } catch (error) {
          finish(() => reject(error as Error));
        }
      };
      const fail = (error: Error) => finish(() => reject(error));
      const unsubscribe = state.onChange(check);
      const timeout = setTimeout(() => {
        const recent = state.restCalls.slice(-5).map((c) => `${c.method} ${c.path} -> ${c.status}`).join('; ');
        fail(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${description}. Last REST calls: ${recent || 'none'}${state.problems.length ? `. Problems: ${state.problems.join('; ')}` : ''}`));
      }, timeoutMs);
      const poll = setInterval(check, 20);
      timers.add(timeout);
      timers.add(poll);
      pendingWaits.add(fail);
      check();
    });
  }

  function handleFor(record: InteractionRecord, label: string): InteractionHandle {
    let editCursor = 0;
    let followCursor = 0;
    const handle: InteractionHandle = {
      id: record.id,
      token: record.token,
      payload: record.payload,
      record,
      waitForResponse: (timeoutMs = 3000) => waitFor(() => record.callback, timeoutMs, `a response to ${label}`),
      async waitForEdit(timeoutMs = 5000): Promise<WebhookRecord> {
        const index = editCursor++;
        return waitFor(() => record.edits.filter((e) => e.kind === 'edit')[index], timeoutMs, `edit #${index + 1} of ${label}`);
      },
      async waitForFollowUp(timeoutMs = 5000): Promise<WebhookRecord> {
        const index = followCursor++;
        return waitFor(() => record.followUps[index], timeoutMs, `follow-up #${index + 1} of ${label}`);
      },
      async waitForReply(timeoutMs = 5000): Promise<FakeMessage> {
        const callback: CallbackRecord = await handle.waitForResponse(timeoutMs);
        if (callback.type === 4 || callback.type === 7) return structuredClone(callback.message!);
        if (callback.type === 5 || callback.type === 6) {
          return waitFor(() => {
            const id = record.originalMessageId;
            const message = id ? state.messages.get(id) : undefined;
            if (!message || (message.flags & MessageFlag.Loading) !== 0) return undefined;
            const touched = record.edits.length > 0 || record.followUps.length > 0;
            return touched ? structuredClone(message) : undefined;
          }, timeoutMs, `the deferred reply to ${label}`);
        }
        throw new Error(`fake-discord: ${label} was answered with callback type ${callback.type}, not a message`);
      },
      original: () => {
        const id = record.originalMessageId;
        const message = id ? state.messages.get(id) : undefined;
        return message && !state.deletedMessages.has(message.id) ? structuredClone(message) : undefined;
      },
    };
    return handle;
  }

  function dispatchInteraction(input: SendInteractionInput, label: string): InteractionHandle {
    if (closed) throw new Error('fake-discord: closed');
    if (!gateway.hasSession()) throw new Error('fake-discord: no bot is connected to the gateway; log the client in first');
    const record = buildInteraction(state, input);
    gateway.dispatch('INTERACTION_CREATE', record.payload);
    state.changed();
    return handleFor(record, label);
  }

  function guildFor(actor: ActorOptions): FakeGuild | undefined {
    if (actor.guildId === null) return undefined;
    if (actor.guildId) return state.guild(actor.guildId);
    if (actor.channelId) {
      const channel = state.channels.get(actor.channelId);
      return channel?.guildId ? state.guild(channel.guildId) : undefined;
    }
    return state.guilds[0];
  }

  function actorUserId(actor: ActorOptions): string {
    if (actor.user) return state.resolveUser(actor.user).id;
    const guild = guildFor(actor);
    if (guild) {
      const plain = [...guild.members.keys()].find((id) => id !== state.bot.id && id !== guild.ownerId);
      return plain ?? guild.ownerId;
    }
    const someone = [...state.users.values()].find((u) => !u.bot);
    if (!someone) throw new FakeDiscordUsageError('fake-discord: no user to act as');
    return someone.id;
  }

  function commandInteraction(type: 2 | 4, commandLine: string, opts: SlashOptions & { focused?: string }): InteractionHandle {
    const guild = guildFor(opts);
    const userId = actorUserId(opts);
    const memberPerms = opts.memberPermissions !== undefined ? toPermissions(opts.memberPermissions, 0n).toString() : undefined;
    const data = buildCommandData(state, commandLine, opts.options ?? {}, {
      guild,
      userId,
      ...(memberPerms !== undefined ? { memberPerms } : {}),
      force: opts.force ?? false,
      ...(opts.focused !== undefined ? { focused: opts.focused } : {}),
    });
    const input = actorInput(state, { ...opts, user: userId });
    if (guild === undefined) input.guildId = null;
    return dispatchInteraction({ ...input, type, data }, `${type === 4 ? 'autocomplete of ' : ''}/${commandLine}`);
  }

  function resolveMessage(ref: FakeMessage | string): FakeMessage {
    const id = typeof ref === 'string' ? ref : ref.id;
    const stored = state.messages.get(id);
    if (stored) return stored;
    if (typeof ref === 'string') throw new FakeDiscordUsageError(`fake-discord: no message ${ref}`);
    state.saveMessage(structuredClone(ref));
    return state.messages.get(id)!;
  }

  /** Whoever got an ephemeral message is the only one who can click on it. */
  function componentActor(message: FakeMessage, opts: ActorOptions): ActorOptions {
    const channel = state.channels.get(message.channel_id);
    const actor: ActorOptions = { channelId: message.channel_id, guildId: channel?.guildId ?? null, ...opts };
    if (!actor.user && message.interaction_metadata?.user?.id) actor.user = message.interaction_metadata.user.id as string;
    return actor;
  }

  function componentInteraction(messageRef: FakeMessage | string, customId: string, values: Array<string | FakeUser> | undefined, opts: ActorOptions & { force?: boolean }): InteractionHandle {
    const message = resolveMessage(messageRef);
    const actor = componentActor(message, opts);
    const guild = guildFor(actor);
    const data = buildComponentData(state, message, customId, values, guild, opts.force ?? false);
    const input = actorInput(state, actor);
    return dispatchInteraction({ ...input, type: 3, data, message: structuredClone(message) }, `component "${customId}"`);
  }

  const fake: FakeDiscord = {
    restUrl: `${state.baseUrl}/api`,
    gatewayUrl: gatewayUrl(),
    token: state.token,
    applicationId: state.applicationId,
    botUser: state.bot,
    get guild() {
      const guild = state.guilds[0];
      if (!guild) throw new Error('fake-discord: no guild configured');
      return guild;
    },
    get channel() {
      const channel = fake.guild.channels.find((c) => c.type === 0);
      if (!channel) throw new Error('fake-discord: the first guild has no text channel');
      return channel;
    },
    guilds: state.guilds,
    restCalls: state.restCalls,
    unknownRoutes: state.unknownRoutes,
    get interactions() {
      return [...state.interactions.values()];
    },
    problems: state.problems,
    gateway: {
      get stats() {
        return gateway.stats;
      },
      get ready() {
        return gateway.ready;
      },
      get sessionId() {
        return gateway.sessionId;
      },
      dispatch: (event, data) => {
        gateway.dispatch(event, data);
        state.changed();
      },
      disconnect: (code, reason) => gateway.disconnect(code, reason),
      requestReconnect: () => gateway.requestReconnect(),
      invalidateSession: (resumable) => gateway.invalidateSession(resumable),
    },

    addUser: (init) => state.addUser(init),
    addMember(userRef, opts = {}) {
      const guild = opts.guildId ? state.guild(opts.guildId) : state.guilds[0];
      if (!guild) throw new Error(`fake-discord: no guild ${opts.guildId ?? ''}`);
      const user = typeof userRef === 'string' || 'id' in userRef && typeof userRef.id === 'string' && state.users.has(userRef.id)
        ? state.resolveUser(userRef as FakeUser | string)
        : state.addUser(userRef as UserInit);
      const roles = (opts.roles ?? []).map((r) => {
        const role = guild.roles.find((x) => x.id === r || x.name === r);
        if (!role) throw new Error(`fake-discord: guild ${guild.name} has no role "${r}"`);
        return role.id;
      });
      state.addMember(guild, user.id, roles, opts.nick);
      if (gateway.hasSession() && (gateway.intents & 2) !== 0) {
        gateway.dispatch('GUILD_MEMBER_ADD', { ...memberJson(guild.members.get(user.id)!, user), guild_id: guild.id });
      }
      state.changed();
      return user;
    },
    user: (ref) => state.resolveUser(ref),
    role(name, guildId) {
      const guild = guildId ? state.guild(guildId) : state.guilds[0];
      const role = guild?.roles.find((r) => r.name === name || r.id === name);
      if (!role) throw new Error(`fake-discord: no role "${name}"`);
      return role;
    },
    channelNamed(name, guildId) {
      const guild = guildId ? state.guild(guildId) : state.guilds[0];
      const channel = guild?.channels.find((c) => c.name === name || c.id === name);
      if (!channel) throw new Error(`fake-discord: no channel "${name}"`);
      return channel;
    },
    dmChannel: (user) => state.dmChannelFor(state.resolveUser(user).id),
    commands: (guildId) => structuredClone(guildId ? (state.guildCommands.get(guildId) ?? []) : state.globalCommands),

    sendInteraction: (input) => dispatchInteraction(input, `interaction of type ${input.type}`),
    slash: (commandLine, opts = {}) => commandInteraction(2, commandLine, opts),
    autocomplete: (commandLine, opts) => commandInteraction(4, commandLine, opts),
    clickButton: (message, customId, opts = {}) => componentInteraction(message, customId, undefined, opts),
    selectMenu: (message, customId, values, opts = {}) => componentInteraction(message, customId, values, opts),
    submitModal(opened, values, opts = {}) {
      const record = 'record' in opened ? opened.record : opened;
      const modal = record.callback?.modal;
      if (!modal) throw new FakeDiscordUsageError(`fake-discord: interaction ${record.id} did not open a modal (callback ${record.callback?.type ?? 'none'})`);
      const data = buildModalSubmitData(state, modal, values, opts.force ?? false);
      const from = record.payload;
      const actor: ActorOptions = {
        user: state.interactionUsers.get(record.id)!,
        channelId: from.channel_id as string,
        guildId: (from.guild_id as string | undefined) ?? null,
        locale: from.locale as string,
        ...opts,
      };
      const input = actorInput(state, actor);
      const message = from.message ? state.messages.get((from.message as Loose).id as string) ?? from.message : undefined;
      return dispatchInteraction({ ...input, type: 5, data, ...(message ? { message: structuredClone(message) } : {}) }, `modal "${String(modal.custom_id)}"`);
    },

    userAttachment: (file) => uploadUserFile(state, file),
    messagesIn: (channelId) => structuredClone(state.messagesIn(channelId)),
    message: (id) => {
      const m = state.messages.get(id);
      return m && !state.deletedMessages.has(id) ? structuredClone(m) : undefined;
    },
    attachmentData(url) {
      try {
        return state.files.get(new URL(url).pathname)?.data;
      } catch {
        return undefined;
      }
    },

    assertClean() {
      const failures = [
        ...state.problems,
        ...state.restCalls.filter((c) => c.status >= 500).map((c) => `${c.method} ${c.path} answered ${c.status}`),
      ];
      if (failures.length > 0) throw new Error(`fake-discord saw problems:\n- ${failures.join('\n- ')}`);
    },
    waitFor,
    waitForGateway: (timeoutMs = 5000) => waitFor(() => gateway.ready, timeoutMs, 'the bot to connect to the gateway').then(() => undefined),
    advanceTime: (ms) => state.advanceTime(ms),
    now: () => state.now(),
    async close() {
      if (closed) return;
      closed = true;
      for (const fail of [...pendingWaits]) fail(new Error('fake-discord: closed while waiting'));
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // let the closed sockets' handles go before the caller checks for leaks
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  return fake;
}

export { FakeDiscordUsageError };
