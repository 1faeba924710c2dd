import { randomBytes } from 'node:crypto';
import { ALL_PERMISSIONS, channelJson, DM_PERMISSIONS, memberJson, memberPermissions, roleJson, toPermissions, userJson } from './objects';
import type { FakeState, StoredCommand } from './state';
import type {
  ActorOptions,
  FakeChannel,
  FakeGuild,
  FakeMessage,
  FakeUser,
  FileInput,
  InteractionRecord,
  Loose,
  OptionValue,
  SendInteractionInput,
} from './types';
import { ComponentType } from './validate-message';
import { OptionType } from './validate-commands';

/** Something a real Discord client would never let the user send (unknown command, missing option...). */
export class FakeDiscordUsageError extends Error {
  override name = 'FakeDiscordUsageError';
}

const usage = (message: string) => new FakeDiscordUsageError(`fake-discord: ${message}`);

/** Builds and records an INTERACTION_CREATE payload; the caller dispatches it. */
export function buildInteraction(state: FakeState, input: SendInteractionInput): InteractionRecord {
  const guildId = input.guildId !== undefined || !input.channelId ? input.guildId : (state.channels.get(input.channelId)?.guildId ?? null);
  const user = input.user ? state.resolveUser(input.user) : defaultUser(state, guildId);
  const guild = guildId === null ? undefined : guildId ? state.guild(guildId) : state.guilds[0];
  if (guildId && !guild) throw usage(`no guild ${guildId}`);
  let channel: FakeChannel | undefined;
  if (input.channelId) {
    channel = state.channels.get(input.channelId);
    if (!channel) throw usage(`no channel ${input.channelId}`);
  } else if (guild) {
    channel = guild.channels.find((c) => c.type === 0);
    if (!channel) throw usage(`guild ${guild.name} has no text channel`);
  } else channel = state.dmChannelFor(user.id);

  const id = state.nextId();
  // shaped like Discord's: base64 of "interaction:<id>:<secret>"
  const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
  const locale = input.locale ?? user.locale;
  const payload: Loose = {
    id,
    application_id: state.applicationId,
    type: input.type,
    data: input.data,
    token,
    version: 1,
    locale,
    entitlements: [],
    attachment_size_limit: state.maxFileBytes,
  };
  if (guild) {
    if (!guild.members.has(user.id)) throw usage(`${user.username} is not a member of ${guild.name}`);
    const member = guild.members.get(user.id)!;
    const perms = memberPermissions(guild, user.id);
    const appPerms = input.app_permissions ?? memberPermissions(guild, state.bot.id).toString();
    payload.guild_id = guild.id;
    payload.guild = { id: guild.id, locale: input.guild_locale ?? guild.preferredLocale, features: [] };
    payload.guild_locale = input.guild_locale ?? guild.preferredLocale;
    payload.member = { ...memberJson(member, user), permissions: perms.toString(), ...input.member };
    payload.app_permissions = appPerms;
    payload.channel = { ...channelJson(channel), permissions: String(payload.member.permissions) };
    payload.context = 0;
    payload.authorizing_integration_owners = { '0': guild.id };
  } else {
    payload.user = userJson(user);
    payload.app_permissions = input.app_permissions ?? DM_PERMISSIONS.toString();
    payload.channel = channelJson(channel, user);
    payload.context = 1;
    // a guild-installed app used in a DM with its bot reports "0" as the installing guild
    payload.authorizing_integration_owners = { '0': '0' };
  }
  payload.channel_id = channel.id;
  if (input.message) payload.message = input.message;
  Object.assign(payload, input.extra);

  const record: InteractionRecord = {
    id,
    token,
    type: input.type,
    payload,
    createdAt: state.now(),
    callbackAttempts: [],
    edits: [],
    followUps: [],
  };
  state.interactions.set(id, record);
  state.interactionUsers.set(id, user.id);
  return record;
}

/** The user a test acts as by default: a plain member (not the owner, who may do anything). */
export function defaultUser(state: FakeState, guildId: string | null | undefined): FakeUser {
  const guild = guildId === null ? undefined : guildId ? state.guild(guildId) : state.guilds[0];
  if (guild) {
    const plain = [...guild.members.keys()].find((id) => id !== state.bot.id && id !== guild.ownerId);
    return state.users.get(plain ?? guild.ownerId)!;
  }
  const someone = [...state.users.values()].find((u) => !u.bot);
  if (!someone) throw usage('no user to act as; add one with fake.addUser()');
  return someone;
}

/** Applies ActorOptions to the low-level input. */
export function actorInput(state: FakeState, actor: ActorOptions): Omit<SendInteractionInput, 'type' | 'data'> {
  const input: Omit<SendInteractionInput, 'type' | 'data'> = {};
  if (actor.user !== undefined) input.user = actor.user;
  if (actor.guildId !== undefined) input.guildId = actor.guildId;
  if (actor.channelId !== undefined) {
    input.channelId = actor.channelId;
    if (actor.guildId === undefined) input.guildId = state.channels.get(actor.channelId)?.guildId ?? null;
  }
  if (actor.locale !== undefined) input.locale = actor.locale;
  if (actor.guildLocale !== undefined) input.guild_locale = actor.guildLocale;
  if (actor.memberPermissions !== undefined) input.member = { permissions: toPermissions(actor.memberPermissions, 0n).toString() };
  if (actor.appPermissions !== undefined) input.app_permissions = toPermissions(actor.appPermissions, 0n).toString();
  return input;
}

function findCommand(state: FakeState, name: string, guildId: string | null): StoredCommand | undefined {
  const isChat = (c: StoredCommand) => c.name === name && (c.type ?? 1) === 1;
  return (guildId ? state.guildCommands.get(guildId)?.find(isChat) : undefined) ?? state.globalCommands.find(isChat);
}

/** Would a Discord client show this command to this user here? (default_member_permissions, contexts) */
function checkVisible(state: FakeState, command: StoredCommand, guild: FakeGuild | undefined, userId: string, memberPerms?: string): void {
  if (!guild) {
    if (command.guild_id) throw usage(`/${command.name} is a guild command; it does not exist in DMs`);
    const contexts = command.contexts as number[] | null | undefined;
    if (contexts ? !contexts.includes(1) : command.dm_permission === false) {
      throw usage(`/${command.name} is not available in DMs with the bot (contexts ${JSON.stringify(contexts ?? null)})`);
    }
    return;
  }
  const contexts = command.contexts as number[] | null | undefined;
  if (contexts && !contexts.includes(0)) throw usage(`/${command.name} is not available in servers (contexts ${JSON.stringify(contexts)})`);
  const needed = command.default_member_permissions;
  if (needed === null || needed === undefined) return;
  const has = memberPerms !== undefined ? BigInt(memberPerms) : memberPermissions(guild, userId);
  const adminish = has === ALL_PERMISSIONS || (has & 8n) !== 0n;
  if (!adminish && (BigInt(needed) === 0n || (has & BigInt(needed)) !== BigInt(needed))) {
    throw usage(`/${command.name} is hidden from this user: it needs permissions ${needed}, the user has ${has}`);
  }
}

interface ResolvedBag {
  users?: Loose;
  members?: Loose;
  roles?: Loose;
  channels?: Loose;
  attachments?: Loose;
}

function isFileInput(v: unknown): v is FileInput {
  return typeof v === 'object' && v !== null && 'name' in v && 'data' in v;
}

/** An attachment the user uploads with a command or modal: stored and served by the fake. */
export function uploadUserFile(state: FakeState, file: FileInput): Loose {
  const data = typeof file.data === 'string' ? Buffer.from(file.data) : Buffer.from(file.data);
  const attachment = state.storeAttachment(`ephemeral-attachments/${state.applicationId}`, {
    filename: file.name,
    data,
    ...(file.contentType ? { contentType: file.contentType } : {}),
  }, { ephemeral: true });
  return attachment;
}

function resolveOptionValue(
  state: FakeState,
  schema: Loose,
  raw: OptionValue,
  guild: FakeGuild | undefined,
  resolved: ResolvedBag,
  focused: boolean,
): string | number | boolean {
  const name = schema.name as string;
  const fail = (why: string) => usage(`option "${name}": ${why}`);
  if (focused) return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
  switch (schema.type) {
    case OptionType.String: {
      if (typeof raw !== 'string') throw fail('expects a string');
      if (typeof schema.min_length === 'number' && raw.length < schema.min_length) throw fail(`shorter than ${schema.min_length}`);
      if (typeof schema.max_length === 'number' && raw.length > schema.max_length) throw fail(`longer than ${schema.max_length}`);
      checkChoice(schema, raw, fail);
      return raw;
    }
    case OptionType.Integer:
    case OptionType.Number: {
      if (typeof raw !== 'number' || (schema.type === OptionType.Integer && !Number.isInteger(raw))) {
        throw fail(`expects ${schema.type === OptionType.Integer ? 'an integer' : 'a number'}`);
      }
      if (typeof schema.min_value === 'number' && raw < schema.min_value) throw fail(`below ${schema.min_value}`);
      if (typeof schema.max_value === 'number' && raw > schema.max_value) throw fail(`above ${schema.max_value}`);
      checkChoice(schema, raw, fail);
      return raw;
    }
    case OptionType.Boolean:
      if (typeof raw !== 'boolean') throw fail('expects true or false');
      return raw;
    case OptionType.User:
    case OptionType.Mentionable: {
      if (schema.type === OptionType.Mentionable && typeof raw === 'string' && guild) {
        const role = guild.roles.find((r) => r.id === raw || r.name === raw);
        if (role) {
          (resolved.roles ??= {})[role.id] = roleJson(role);
          return role.id;
        }
      }
      if (typeof raw !== 'string' && (typeof raw !== 'object' || !('username' in raw))) throw fail('expects a user');
      const user = state.resolveUser(raw);
      (resolved.users ??= {})[user.id] = userJson(user);
      const member = guild?.members.get(user.id);
      if (guild && member) {
        const { user: _omit, ...rest } = memberJson(member, user);
        (resolved.members ??= {})[user.id] = { ...rest, permissions: memberPermissions(guild, user.id).toString() };
      }
      return user.id;
    }
    case OptionType.Channel: {
      if (typeof raw !== 'string') throw fail('expects a channel id or name');
      const channel = state.channels.get(raw) ?? guild?.channels.find((c) => c.name === raw);
      if (!channel) throw fail(`no channel ${raw}`);
      if (Array.isArray(schema.channel_types) && !schema.channel_types.includes(channel.type)) throw fail(`channel type ${channel.type} not allowed`);
      (resolved.channels ??= {})[channel.id] = { id: channel.id, name: channel.name, type: channel.type, parent_id: channel.parentId, permissions: guild ? memberPermissions(guild, state.bot.id).toString() : DM_PERMISSIONS.toString(), flags: 0 };
      return channel.id;
    }
    case OptionType.Role: {
      const role = typeof raw === 'string' ? guild?.roles.find((r) => r.id === raw || r.name === raw) : undefined;
      if (!role) throw fail(`no role ${String(raw)}`);
      (resolved.roles ??= {})[role.id] = roleJson(role);
      return role.id;
    }
    case OptionType.Attachment: {
      if (!isFileInput(raw)) throw fail('expects a file { name, data, contentType? }');
      const attachment = uploadUserFile(state, raw);
      (resolved.attachments ??= {})[attachment.id] = attachment;
      return attachment.id as string;
    }
    default:
      throw fail(`unsupported option type ${String(schema.type)}`);
  }
}

function checkChoice(schema: Loose, value: string | number, fail: (why: string) => Error): void {
  if (!Array.isArray(schema.choices) || schema.choices.length === 0) return;
  if (!schema.choices.some((c: Loose) => c.value === value)) {
    throw fail(`${JSON.stringify(value)} is not one of the choices ${schema.choices.map((c: Loose) => JSON.stringify(c.value)).join(', ')}`);
  }
}

/**
 * The `data` of a chat-input command or autocomplete interaction for "cmd [group] [sub]",
 * checked against the registered schema like the Discord client does before sending.
 */
export function buildCommandData(
  state: FakeState,
  commandLine: string,
  values: Record<string, OptionValue>,
  ctx: { guild: FakeGuild | undefined; userId: string; memberPerms?: string; force: boolean; focused?: string },
): Loose {
  const [name, ...path] = commandLine.trim().replace(/^\//, '').split(/\s+/);
  if (!name) throw usage('empty command line');
  const command = findCommand(state, name, ctx.guild?.id ?? null);
  if (!command) {
    if (!ctx.force) throw usage(`/${name} is not registered${ctx.guild ? ` (globally or in ${ctx.guild.name})` : ''}`);
    return { id: state.nextId(), name, type: 1, options: Object.entries(values).map(([n, v]) => ({ name: n, type: 3, value: v })) };
  }
  if (!ctx.force) checkVisible(state, command, ctx.guild, ctx.userId, ctx.memberPerms);

  const resolved: ResolvedBag = {};
  let level: Loose[] = (command.options as Loose[] | undefined) ?? [];
  const wrappers: Loose[] = [];
  for (const token of path) {
    const sub = level.find((o) => o.name === token && (o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup));
    if (!sub) throw usage(`/${name} has no subcommand "${token}"`);
    wrappers.push({ name: sub.name, type: sub.type });
    level = (sub.options as Loose[] | undefined) ?? [];
  }
  if (level.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup)) {
    throw usage(`/${[name, ...path].join(' ')} needs a subcommand: ${level.map((o) => o.name).join(', ')}`);
  }
  for (const key of Object.keys(values)) {
    if (!level.some((o) => o.name === key)) throw usage(`/${[name, ...path].join(' ')} has no option "${key}"`);
  }
  const options: Loose[] = [];
  for (const schema of level) {
    const raw = values[schema.name];
    const isFocused = ctx.focused === schema.name;
    if (raw === undefined) {
      if (schema.required && ctx.focused === undefined && !ctx.force) throw usage(`option "${schema.name}" is required`);
      continue;
    }
    if (isFocused && !schema.autocomplete && !ctx.force) throw usage(`option "${schema.name}" has no autocomplete`);
    const value = resolveOptionValue(state, schema, raw, ctx.guild, resolved, isFocused);
    options.push({ name: schema.name, type: schema.type, value, ...(isFocused ? { focused: true } : {}) });
  }
  if (ctx.focused !== undefined && !options.some((o) => o.focused)) throw usage(`focused option "${ctx.focused}" has no value`);

  let nested: Loose[] = options;
  for (const wrapper of [...wrappers].reverse()) nested = [{ ...wrapper, options: nested }];
  const data: Loose = { id: command.id, name: command.name, type: 1 };
  if (command.guild_id) data.guild_id = command.guild_id;
  if (nested.length > 0) data.options = nested;
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  return data;
}

/** Depth-first search through rows, sections and containers. */
export function findComponent(components: Loose[], customId: string): Loose | undefined {
  for (const c of components) {
    if (c.custom_id === customId) return c;
    const inner = [...(Array.isArray(c.components) ? c.components : []), ...(c.accessory ? [c.accessory] : []), ...(c.component ? [c.component] : [])];
    const found = findComponent(inner, customId);
    if (found) return found;
  }
  return undefined;
}

/** data for a click on a button or a pick in a select menu of `message`. */
export function buildComponentData(state: FakeState, message: FakeMessage, customId: string, values: Array<string | FakeUser> | undefined, guild: FakeGuild | undefined, force: boolean): Loose {
  const component = findComponent(message.components, customId);
  if (!component) {
    if (!force) throw usage(`message ${message.id} has no component "${customId}"`);
    return values ? { custom_id: customId, component_type: ComponentType.StringSelect, values } : { custom_id: customId, component_type: ComponentType.Button };
  }
  if (component.disabled && !force) throw usage(`component "${customId}" is disabled`);
  if (component.type === ComponentType.Button) {
    if (component.style === 5 || component.style === 6) throw usage(`button "${customId}" is a link/premium button; Discord sends no interaction`);
    return { custom_id: customId, component_type: ComponentType.Button, id: component.id };
  }
  const picked = values ?? [];
  const min = component.min_values ?? 1;
  const max = component.max_values ?? 1;
  if (!force && (picked.length < min || picked.length > max)) throw usage(`select "${customId}" takes ${min}-${max} values, got ${picked.length}`);
  const data: Loose = { custom_id: customId, component_type: component.type, id: component.id };
  if (component.type === ComponentType.StringSelect) {
    for (const v of picked) {
      if (!force && !component.options?.some((o: Loose) => o.value === v)) throw usage(`select "${customId}" has no option "${String(v)}"`);
    }
    data.values = picked.map(String);
    return data;
  }
  const resolved: ResolvedBag = {};
  const schemaType = component.type === ComponentType.UserSelect ? OptionType.User
    : component.type === ComponentType.RoleSelect ? OptionType.Role
      : component.type === ComponentType.ChannelSelect ? OptionType.Channel : OptionType.Mentionable;
  data.values = picked.map((v) => resolveOptionValue(state, { name: customId, type: schemaType }, v, guild, resolved, false));
  data.resolved = resolved;
  return data;
}

/**
 * The `data` of a modal submit mirroring the modal the bot showed: action rows with text
 * inputs, or labels wrapping a text input / select / file upload, each carrying what was typed.
 */
export function buildModalSubmitData(state: FakeState, modal: Loose, values: Record<string, string | string[] | FileInput[]>, force: boolean): Loose {
  const inputs = (modal.components as Loose[]).flatMap((c) => (c.type === ComponentType.Label ? [c.component as Loose] : Array.isArray(c.components) ? (c.components as Loose[]) : []));
  for (const key of Object.keys(values)) {
    if (!force && !inputs.some((i) => i?.custom_id === key)) throw usage(`modal "${String(modal.custom_id)}" has no input "${key}"`);
  }
  const resolved: ResolvedBag = {};
  const answer = (input: Loose): Loose => {
    const id = input.custom_id as string;
    const given = values[id];
    if (input.type === ComponentType.TextInput) {
      const text = given === undefined ? (input.value ?? '') : given;
      if (typeof text !== 'string') throw usage(`text input "${id}" takes a string`);
      if (!force) {
        if ((input.required ?? true) && text.length === 0) throw usage(`text input "${id}" is required`);
        if (text.length > 0 && typeof input.min_length === 'number' && text.length < input.min_length) throw usage(`text input "${id}" needs at least ${input.min_length} characters`);
        if (typeof input.max_length === 'number' && text.length > input.max_length) throw usage(`text input "${id}" takes at most ${input.max_length} characters`);
      }
      return { type: ComponentType.TextInput, id: input.id, custom_id: id, value: text };
    }
    if (input.type === ComponentType.FileUpload) {
      const files = (given ?? []) as FileInput[];
      if (!force && (input.required ?? true) && files.length === 0) throw usage(`file upload "${id}" is required`);
      const ids = files.map((f) => {
        const attachment = uploadUserFile(state, f);
        (resolved.attachments ??= {})[attachment.id] = attachment;
        return attachment.id as string;
      });
      return { type: ComponentType.FileUpload, id: input.id, custom_id: id, values: ids };
    }
    const picked = given === undefined ? [] : Array.isArray(given) ? given.map(String) : [given];
    if (!force && (input.required ?? true) && picked.length < (input.min_values ?? 1)) throw usage(`select "${id}" needs a value`);
    if (input.type === ComponentType.StringSelect && !force) {
      for (const v of picked) if (!input.options?.some((o: Loose) => o.value === v)) throw usage(`select "${id}" has no option "${v}"`);
    }
    return { type: input.type, id: input.id, custom_id: id, values: picked };
  };
  const components = (modal.components as Loose[]).map((c, i): Loose => {
    if (c.type === ComponentType.ActionRow) return { type: 1, id: c.id ?? i + 1, components: (c.components as Loose[]).map(answer) };
    if (c.type === ComponentType.Label) return { type: ComponentType.Label, id: c.id ?? i + 1, component: answer(c.component as Loose) };
    return { type: c.type, id: c.id ?? i + 1 };
  });
  const data: Loose = { custom_id: modal.custom_id, components };
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  return data;
}
