import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { channelJson, guildJson, memberJson, userJson } from './objects';
import type { FakeState } from './state';
import type { FakeGuild, Loose } from './types';

export const GatewayIntent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

interface Session {
  id: string;
  seq: number;
  intents: number;
  /** Every dispatch of the session, so a RESUME can replay what the bot missed. */
  sent: Array<{ s: number; text: string }>;
  socket: WebSocket | null;
  valid: boolean;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Every payload the bot sent, in order (IDENTIFY tokens included). */
  received: Loose[];
}

/** One-shard gateway speaking plain JSON (no zlib-stream, no ETF), like discord.js without zlib-sync. */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private session: Session | null = null;
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, received: [] };

  constructor(
    private readonly state: FakeState,
    private readonly url: () => string,
  ) {}

  /** True once READY was sent on a live connection. */
  get ready(): boolean {
    return this.session?.socket?.readyState === WebSocket.OPEN;
  }

  get intents(): number {
    return this.session?.intents ?? 0;
  }

  get sessionId(): string | null {
    return this.session?.id ?? null;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const conn: Connection = { socket, session: null };
    this.connections.add(conn);
    this.stats.connections++;
    socket.on('close', () => {
      this.connections.delete(conn);
      if (conn.session && conn.session.socket === socket) conn.session.socket = null;
      this.state.changed();
    });
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => this.onMessage(conn, data as Buffer, isBinary));

    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const version = query.get('v');
    if (version !== '10' && version !== '9') return this.refuse(conn, 4012, `Invalid API version ${String(version)}`);
    const encoding = query.get('encoding') ?? 'json';
    if (encoding !== 'json') return this.refuse(conn, 4012, `fake-discord speaks encoding=json only, got ${encoding}`);
    if (query.get('compress')) {
      return this.refuse(conn, 4012, `fake-discord does not do compress=${query.get('compress')} (is zlib-sync installed?)`);
    }
    this.send(conn.socket, { op: Op.Hello, d: { heartbeat_interval: this.state.heartbeatIntervalMs, _trace: ['["fake-discord-gateway",{"micros":0}]'] }, s: null, t: null });
  }

  /** Close codes 4004/4010-4014 make discord.js stop instead of reconnecting in a loop. */
  private refuse(conn: Connection, code: number, reason: string): void {
    this.state.warn(`gateway closed the bot's connection with ${code}: ${reason}`);
    conn.socket.close(code, reason.slice(0, 120));
  }

  private send(socket: WebSocket | null, payload: Loose | string): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    let payload: Loose;
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(data.toString('utf8')) as Loose;
    } catch {
      this.refuse(conn, 4002, 'Error while decoding payload.');
      return;
    }
    this.stats.received.push(payload);
    switch (payload.op) {
      case Op.Heartbeat:
        this.stats.heartbeats++;
        this.send(conn.socket, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        return;
      case Op.Identify:
        this.identify(conn, payload.d as Loose);
        return;
      case Op.Resume:
        this.resume(conn, payload.d as Loose);
        return;
    }
    if (!conn.session) {
      this.refuse(conn, 4003, 'Not authenticated.');
      return;
    }
    switch (payload.op) {
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestSoundboardSounds:
        return;
      case Op.RequestGuildMembers:
        this.requestGuildMembers(payload.d as Loose);
        return;
      default:
        this.refuse(conn, 4001, `Unknown opcode ${String(payload.op)}.`);
    }
  }

  private checkToken(conn: Connection, token: unknown): boolean {
    if (token === this.state.token || token === `Bot ${this.state.token}`) return true;
    this.refuse(conn, 4004, 'Authentication failed.');
    return false;
  }

  private identify(conn: Connection, d: Loose | undefined): void {
    if (conn.session) return this.refuse(conn, 4005, 'Already authenticated.');
    if (!d || !this.checkToken(conn, d.token)) return;
    if (typeof d.intents !== 'number') return this.refuse(conn, 4013, 'Invalid intent(s).');
    const shard = Array.isArray(d.shard) ? (d.shard as number[]) : [0, 1];
    if (shard[1] !== 1 || shard[0] !== 0) return this.refuse(conn, 4010, 'Invalid shard (the fake runs one shard).');
    if (this.session) this.session.valid = false;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents: d.intents, sent: [], socket: conn.socket, valid: true };
    this.session = session;
    conn.session = session;
    this.stats.identifies++;
    this.dispatch('READY', {
      v: 10,
      user_settings: {},
      user: { ...userJson(this.state.bot), verified: true, mfa_enabled: false, email: null },
      guilds: this.state.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url(),
      shard,
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['fake'],
      auth: {},
      _trace: ['["fake-discord-gateway",{"micros":0}]'],
    });
    // Discord streams the guilds in after READY only to bots holding the GUILDS intent
    if (session.intents & GatewayIntent.Guilds) {
      for (const guild of this.state.guilds) this.dispatch('GUILD_CREATE', this.guildCreate(guild, session.intents));
    }
    this.state.changed();
  }

  private resume(conn: Connection, d: Loose | undefined): void {
    if (conn.session) return this.refuse(conn, 4005, 'Already authenticated.');
    if (!d || !this.checkToken(conn, d.token)) return;
    const session = this.session;
    if (!session || !session.valid || session.id !== d.session_id) {
      this.send(conn.socket, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (typeof d.seq === 'number' && d.seq > session.seq) return this.refuse(conn, 4007, 'Invalid seq.');
    if (session.socket && session.socket !== conn.socket) session.socket.close(4000, 'Session resumed elsewhere');
    session.socket = conn.socket;
    conn.session = session;
    this.stats.resumes++;
    const from = typeof d.seq === 'number' ? d.seq : 0;
    for (const entry of session.sent) if (entry.s > from) this.send(conn.socket, entry.text);
    this.dispatch('RESUMED', { _trace: ['["fake-discord-gateway",{"micros":0}]'] });
    this.state.changed();
  }

  private requestGuildMembers(d: Loose | undefined): void {
    const guild = this.state.guild(String(d?.guild_id));
    if (!guild) return;
    const ids: string[] | undefined = Array.isArray(d?.user_ids) ? d.user_ids : typeof d?.user_ids === 'string' ? [d.user_ids] : undefined;
    const query = typeof d?.query === 'string' ? d.query.toLowerCase() : '';
    const members = [...guild.members.values()].filter((m) => {
      const user = this.state.users.get(m.userId);
      if (!user) return false;
      if (ids) return ids.includes(m.userId);
      return user.username.toLowerCase().startsWith(query);
    });
    const limit = typeof d?.limit === 'number' && d.limit > 0 ? d.limit : members.length;
    this.dispatch('GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.slice(0, limit).map((m) => memberJson(m, this.state.users.get(m.userId)!)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !guild.members.has(id)) : [],
      ...(d?.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  /** GUILD_CREATE as a bot sees it: without GUILD_MEMBERS only its own member is listed. */
  guildCreate(guild: FakeGuild, intents: number): Loose {
    const members = [...guild.members.values()].filter(
      (m) => m.userId === this.state.bot.id || (intents & GatewayIntent.GuildMembers) !== 0,
    );
    const botMember = guild.members.get(this.state.bot.id);
    return {
      ...guildJson(guild),
      joined_at: botMember?.joinedAt ?? this.state.iso(),
      large: guild.members.size > 250,
      unavailable: false,
      lazy: true,
      member_count: guild.members.size,
      members: members.map((m) => memberJson(m, this.state.users.get(m.userId)!)),
      channels: guild.channels.map((c) => {
        const json = channelJson(c);
        delete json.guild_id;
        return json;
      }),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      activity_instances: [],
      application_command_counts: {},
      version: this.state.now(),
    };
  }

  /** Sends an event to the bot; while it is disconnected the event waits for its RESUME. */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session) throw new Error(`fake-discord: cannot dispatch ${t}: no bot has identified on the gateway`);
    session.seq++;
    const text = JSON.stringify({ op: Op.Dispatch, t, s: session.seq, d });
    session.sent.push({ s: session.seq, text });
    if (session.sent.length > 2000) session.sent.splice(0, session.sent.length - 2000);
    this.send(session.socket, text);
  }

  hasSession(): boolean {
    return this.session?.valid === true;
  }

  /** Drops the bot's connection as a network blip would; discord.js resumes the session. */
  disconnect(code = 4000, reason = 'fake-discord disconnect'): void {
    this.session?.socket?.close(code, reason);
  }

  /** Op 7: Discord asks the bot to reconnect and resume. */
  requestReconnect(): void {
    this.send(this.session?.socket ?? null, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  /** Op 9: the session is gone (resumable=false makes the bot IDENTIFY again). */
  invalidateSession(resumable = false): void {
    const session = this.session;
    if (!session) return;
    if (!resumable) session.valid = false;
    this.send(session.socket, { op: Op.InvalidSession, d: resumable, s: null, t: null });
  }

  /**
   * Closes with 4004, one of the codes after which discord.js gives up instead of retrying
   * every 500 ms forever against a port nobody listens on any more (a hung test).
   */
  async close(): Promise<void> {
    const closing = [...this.connections].map((conn) => new Promise<void>((resolve) => {
      if (conn.socket.readyState === WebSocket.CLOSED) return resolve();
      conn.socket.once('close', () => resolve());
      if (conn.socket.readyState === WebSocket.OPEN) conn.socket.close(4004, 'fake-discord closed');
    }));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closing), new Promise<void>((resolve) => { timer = setTimeout(resolve, 1000); })]);
    clearTimeout(timer);
    for (const conn of this.connections) conn.socket.terminate();
    this.connections.clear();
    this.wss.close();
    if (this.session) this.session.socket = null;
  }
}
