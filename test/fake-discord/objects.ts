import { PermissionFlagsBits } from 'discord.js';
import type { FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser, Loose, PermissionsInput } from './types';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

export function toPermissions(input: PermissionsInput | undefined, fallback: bigint): bigint {
  if (input === undefined) return fallback;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'string') return BigInt(input);
  let bits = 0n;
  for (const name of input) {
    const bit = (PermissionFlagsBits as Record<string, bigint>)[name];
    if (bit === undefined) throw new Error(`fake-discord: unknown permission ${name}`);
    bits |= bit;
  }
  return bits;
}

const P = PermissionFlagsBits;

/** What @everyone gets in a server made today through the Discord client. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  P.CreateInstantInvite | P.AddReactions | P.Stream | P.ViewChannel | P.SendMessages | P.EmbedLinks |
  P.AttachFiles | P.ReadMessageHistory | P.MentionEveryone | P.UseExternalEmojis | P.Connect | P.Speak |
  P.UseVAD | P.ChangeNickname | P.UseApplicationCommands | P.RequestToSpeak | P.CreatePublicThreads |
  P.CreatePrivateThreads | P.UseExternalStickers | P.SendMessagesInThreads | P.UseEmbeddedActivities |
  P.SendVoiceMessages | P.SendPolls | P.UseExternalApps;

/** A bot invited with a modest scope: enough to answer in text channels. */
export const DEFAULT_BOT_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.EmbedLinks | P.AttachFiles |
  P.ReadMessageHistory | P.AddReactions | P.UseExternalEmojis | P.UseApplicationCommands;

/** What Discord reports as app/member permissions inside a DM with the bot. */
export const DM_PERMISSIONS =
  P.AddReactions | P.ViewChannel | P.SendMessages | P.SendTTSMessages | P.EmbedLinks | P.AttachFiles |
  P.ReadMessageHistory | P.MentionEveryone | P.UseExternalEmojis | P.UseApplicationCommands |
  P.UseExternalStickers | P.SendVoiceMessages | P.SendPolls | P.UseExternalApps;

/** Guild-level permissions: owner and Administrator get everything (channel overwrites aren't modelled). */
export function memberPermissions(guild: FakeGuild, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  let bits = guild.roles.find((r) => r.id === guild.id)?.permissions ?? 0n;
  for (const roleId of member?.roles ?? []) bits |= guild.roles.find((r) => r.id === roleId)?.permissions ?? 0n;
  return (bits & P.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

export function userJson(user: FakeUser): Loose {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
    banner: null,
    accent_color: null,
    public_flags: 0,
    flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function roleJson(role: FakeRole): Loose {
  return {
    id: role.id,
    name: role.name,
    description: null,
    permissions: role.permissions.toString(),
    position: role.position,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: role.managed,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function memberJson(member: FakeMember, user: FakeUser): Loose {
  return {
    user: userJson(user),
    roles: [...member.roles],
    nick: member.nick,
    avatar: null,
    banner: null,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
  };
}

export function channelJson(channel: FakeChannel, recipient?: FakeUser): Loose {
  if (channel.type === 1) {
    return {
      id: channel.id,
      type: 1,
      flags: 0,
      last_message_id: null,
      recipients: recipient ? [userJson(recipient)] : [],
    };
  }
  const base: Loose = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    parent_id: channel.parentId,
    permission_overwrites: [],
    flags: 0,
  };
  if (channel.type !== 4) {
    base.nsfw = false;
    base.last_message_id = null;
    base.rate_limit_per_user = 0;
  }
  if (channel.type === 0 || channel.type === 5 || channel.type === 15) base.topic = channel.topic;
  if (channel.type === 2) {
    base.bitrate = 64000;
    base.user_limit = 0;
    base.rtc_region = null;
  }
  return base;
}

/** The guild object REST returns (GET /guilds/:id). */
export function guildJson(guild: FakeGuild): Loose {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: guild.roles.map(roleJson),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channels.find((c) => c.type === 0)?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 25_000_000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    incidents_data: null,
  };
}
