import type { Loose } from './validate-message';

export type { Loose };

/** Something you can name a permission set with: a bitfield, its decimal string, or flag names. */
export type PermissionsInput = bigint | string | readonly PermissionName[];
export type PermissionName =
  | 'CreateInstantInvite' | 'KickMembers' | 'BanMembers' | 'Administrator' | 'ManageChannels' | 'ManageGuild'
  | 'AddReactions' | 'ViewAuditLog' | 'PrioritySpeaker' | 'Stream' | 'ViewChannel' | 'SendMessages'
  | 'SendTTSMessages' | 'ManageMessages' | 'EmbedLinks' | 'AttachFiles' | 'ReadMessageHistory' | 'MentionEveryone'
  | 'UseExternalEmojis' | 'ViewGuildInsights' | 'Connect' | 'Speak' | 'MuteMembers' | 'DeafenMembers' | 'MoveMembers'
  | 'UseVAD' | 'ChangeNickname' | 'ManageNicknames' | 'ManageRoles' | 'ManageWebhooks' | 'ManageGuildExpressions'
  | 'UseApplicationCommands' | 'RequestToSpeak' | 'ManageEvents' | 'ManageThreads' | 'CreatePublicThreads'
  | 'CreatePrivateThreads' | 'UseExternalStickers' | 'SendMessagesInThreads' | 'UseEmbeddedActivities'
  | 'ModerateMembers' | 'SendVoiceMessages' | 'SendPolls' | 'UseExternalApps' | 'PinMessages';

export interface UserInit {
  id?: string;
  username: string;
  globalName?: string | null;
  /** The Discord client language of this user: sent as `locale` on their interactions. */
  locale?: string;
  bot?: boolean;
}

export interface RoleInit {
  id?: string;
  name: string;
  permissions?: PermissionsInput;
  color?: number;
}

export interface ChannelInit {
  id?: string;
  name: string;
  /** Discord channel type number or a name; default 'text' (0). */
  type?: 'text' | 'voice' | 'category' | 'announcement' | 'forum' | number;
  /** Name or id of the category channel it sits in. */
  parent?: string;
  topic?: string;
}

export interface MemberInit {
  /** A user id or username known to the fake, or a new user. */
  user: string | UserInit;
  /** Role ids or names. */
  roles?: string[];
  nick?: string;
}

export interface GuildInit {
  id?: string;
  name?: string;
  /** Id or username of the owner; default: a user named "owner" created for this guild. */
  owner?: string;
  preferredLocale?: string;
  /** @everyone's permissions; default: Discord's defaults for a new server. */
  everyonePermissions?: PermissionsInput;
  /** Permissions of the bot's managed role; default: view, send, embed, attach, history, commands. */
  botPermissions?: PermissionsInput;
  channels?: ChannelInit[];
  roles?: RoleInit[];
  members?: MemberInit[];
}

export interface FakeDiscordOptions {
  /** Token the bot must present (`Authorization: Bot <token>` and in IDENTIFY). */
  token?: string;
  /** Application id, also the bot user's id as for every app made since 2021. */
  applicationId?: string;
  botUsername?: string;
  /** Default: one guild "Baleia Test" with a text channel "geral" and an "owner" user. */
  guilds?: GuildInit[];
  /** Users who exist but are in no guild unless a guild lists them (they can DM the bot). */
  users?: UserInit[];
  /** Discord's 3 s to acknowledge an interaction. */
  interactionTimeoutMs?: number;
  /** How long an interaction token stays valid for follow-ups and edits (15 min). */
  interactionTokenTtlMs?: number;
  /** How long `enforce_nonce` remembers a nonce ("the past few minutes"). */
  nonceWindowMs?: number;
  heartbeatIntervalMs?: number;
  /** Per-file upload cap (Discord: 10 MiB without boosts). */
  maxFileBytes?: number;
  /** Clock for snowflakes, timestamps and the 3 s / 15 min windows; advanceTime() adds to it. */
  now?: () => number;
  /** Don't print unknown routes and gateway protocol errors to stderr. */
  quiet?: boolean;
}

export interface UploadedFile {
  /** Multipart field name, e.g. "files[0]". */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
  size: number;
}

export interface RestCall {
  seq: number;
  at: number;
  method: string;
  /** Path after /api/v10, e.g. "/channels/123/messages". */
  path: string;
  /** The matched route template, e.g. "/channels/:channel/messages"; null for unknown routes. */
  route: string | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** JSON body, or the parsed payload_json of a multipart body. */
  body: unknown;
  files: UploadedFile[];
  status: number;
  response: unknown;
}

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  locale: string;
  bot: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  color: number;
  position: number;
  managed: boolean;
  botId?: string;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string | null;
  guildId: string | null;
  parentId: string | null;
  topic: string | null;
  position: number;
  /** DM channels: the other user. */
  recipientId?: string;
}

export interface FakeMember {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  roles: FakeRole[];
  channels: FakeChannel[];
  members: Map<string, FakeMember>;
}

/** A message as the fake stores it: Discord's JSON shape (id, channel_id, author, content, embeds...). */
export type FakeMessage = Loose & {
  id: string;
  channel_id: string;
  content: string;
  flags: number;
  embeds: Loose[];
  components: Loose[];
  attachments: Loose[];
};

export interface CallbackRecord {
  interactionId: string;
  /** 1 pong, 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  /** The callback's `data` (message payload, modal, or autocomplete choices). */
  data: Loose | undefined;
  files: UploadedFile[];
  flags: number;
  ephemeral: boolean;
  withResponse: boolean;
  at: number;
  /** For 4/5/7 (and 6 once edited): the message the user sees, as created or updated. */
  message?: FakeMessage;
  /** For 8: the suggested choices. */
  choices?: Array<{ name: string; value: string | number; name_localizations?: Record<string, string> | null }>;
  /** For 9: the modal shown. */
  modal?: Loose;
}

export interface WebhookRecord {
  interactionId: string;
  kind: 'edit' | 'followup' | 'delete';
  /** "@original" or a message id. */
  target: string;
  body: Loose | undefined;
  files: UploadedFile[];
  at: number;
  /** The message after the change (for delete: as it was). */
  message: FakeMessage;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: Loose;
  createdAt: number;
  callback?: CallbackRecord;
  /** Every REST attempt to answer it, including refused ones (status >= 400). */
  callbackAttempts: RestCall[];
  edits: WebhookRecord[];
  followUps: WebhookRecord[];
  /** Id of the message that "@original" names (the reply, or the component's message for 6/7). */
  originalMessageId?: string;
}

export interface SlashOptions extends ActorOptions {
  /** Option values by their (canonical, not localized) name. */
  options?: Record<string, OptionValue>;
  /** Skip the checks a Discord client makes before sending (registered, permissions, required options). */
  force?: boolean;
}

/** A file the user attaches to an attachment option or a modal file upload. */
export interface FileInput {
  name: string;
  data: Buffer | Uint8Array | string;
  contentType?: string;
}

export type OptionValue = string | number | boolean | FakeUser | FileInput;

export interface ActorOptions {
  /** The user acting (id, username, or FakeUser); default: the first guild member who is not the bot. */
  user?: FakeUser | string;
  /** null for a DM with the bot; default: the first guild. */
  guildId?: string | null;
  /** Default: the guild's first text channel, or the user's DM channel. */
  channelId?: string;
  /** Overrides the user's client locale. */
  locale?: string;
  guildLocale?: string;
  /** Overrides the computed member permissions (e.g. to test an instructor-only command). */
  memberPermissions?: PermissionsInput;
  /** Overrides the computed bot permissions in the channel. */
  appPermissions?: PermissionsInput;
}

export interface SendInteractionInput {
  /** 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
  type: 2 | 3 | 4 | 5;
  guildId?: string | null;
  channelId?: string;
  user?: FakeUser | string;
  /** Merged over the computed member object (roles, nick, permissions...). */
  member?: Loose;
  data: Loose;
  locale?: string;
  guild_locale?: string;
  /** The message a component or modal belongs to. */
  message?: Loose;
  /** Decimal string; default: computed from the bot's roles. */
  app_permissions?: string;
  /** Merged over the whole payload last. */
  extra?: Loose;
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: Loose;
  readonly record: InteractionRecord;
  /** The first accepted callback (type, data, flags, message...). */
  waitForResponse(timeoutMs?: number): Promise<CallbackRecord>;
  /** The next edit of this interaction's messages not yet returned by an earlier call. */
  waitForEdit(timeoutMs?: number): Promise<WebhookRecord>;
  /** The next follow-up not yet returned by an earlier call. */
  waitForFollowUp(timeoutMs?: number): Promise<WebhookRecord>;
  /**
   * What the user ends up seeing: the reply (4), the updated message (7), or after a
   * deferral (5/6) the message once edited or replaced by the first follow-up.
   */
  waitForReply(timeoutMs?: number): Promise<FakeMessage>;
  /** Current state of the "@original" message, if there is one. */
  original(): FakeMessage | undefined;
}
