import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDiscord, type FakeDiscord, type FieldError, validateCommandList, validateMessagePayload, validateModal } from './fake-discord';

/** A 2x1 PNG, small enough to read in a diff when a byte goes missing. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mNk+M/wn4GBgQEADwgCAX3Eo4wAAAAASUVORK5CYII=',
  'base64',
);

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;

describe('fake Discord driven by a real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client;
  let rest: REST;
  let tcpBefore = 0;
  /** What the bot does with the next interactions; each test sets its own. */
  let onInteraction: (interaction: Interaction) => Promise<void> = async () => undefined;
  const botErrors: unknown[] = [];

  const guildCommands = [
    new SlashCommandBuilder().setName('ping').setDescription('Checks the bot').setNameLocalization('pt-BR', 'ping'),
    new SlashCommandBuilder()
      .setName('docker')
      .setDescription('Runs a docker command')
      .addSubcommand((s) =>
        s
          .setName('run')
          .setDescription('Starts a container')
          .addStringOption((o) => o.setName('image').setDescription('Image').setRequired(true).setAutocomplete(true))
          .addBooleanOption((o) => o.setName('detach').setDescription('Run in background')),
      )
      .addSubcommand((s) => s.setName('ps').setDescription('Lists containers')),
    new SlashCommandBuilder()
      .setName('upload')
      .setDescription('Sends a Dockerfile')
      .addAttachmentOption((o) => o.setName('file').setDescription('The file').setRequired(true)),
    new SlashCommandBuilder()
      .setName('grade')
      .setDescription('Instructors only')
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  ].map((b) => b.toJSON());

  beforeAll(async () => {
    tcpBefore = tcpHandles();
    fake = await createFakeDiscord({
      quiet: true,
      guilds: [
        {
          name: 'Docker Class',
          preferredLocale: 'pt-BR',
          channels: [{ name: 'geral' }, { name: 'labs' }],
          roles: [{ name: 'Instrutor', permissions: ['ManageGuild'] }],
          members: [
            { user: { username: 'student', locale: 'pt-BR' } },
            { user: { username: 'teacher', locale: 'en-US' }, roles: ['Instrutor'] },
          ],
        },
      ],
    });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
    client.on(Events.InteractionCreate, (interaction) => {
      onInteraction(interaction).catch((error: unknown) => botErrors.push(error));
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(fake.token);
    await ready;
    rest = new REST({ api: fake.restUrl }).setToken(fake.token);
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guild.id), { body: guildCommands });
  });

  afterAll(async () => {
    rest?.clearHashSweeper();
    rest?.clearHandlerSweeper();
    await client?.destroy();
    await fake?.close();
  });

  it('logs the bot in over the gateway and shows it the class guild and its channels', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.name).toBe('Docker Class');
    expect(guild?.preferredLocale).toBe('pt-BR');
    expect(guild?.ownerId).toBe(fake.guild.ownerId);
    expect(guild?.members.me?.id).toBe(fake.applicationId);
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['geral', 'labs']);
    expect(fake.gateway.stats.identifies).toBe(1);
    expect(fake.restCalls.map((c) => `${c.method} ${c.route}`)).toContain('GET /gateway/bot');
  });

  it('registers the guild commands and keeps their ids on a second bulk overwrite', async () => {
    const first = (await rest.get(Routes.applicationGuildCommands(fake.applicationId, fake.guild.id))) as Array<{ id: string; name: string }>;
    expect(first.map((c) => c.name)).toEqual(['ping', 'docker', 'upload', 'grade']);
    const again = (await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guild.id), { body: guildCommands })) as Array<{ id: string }>;
    expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(fake.commands(fake.guild.id).find((c) => c.name === 'grade')?.default_member_permissions).toBe('32');
  });

  it('refuses a command set Discord would refuse, naming each broken field', async () => {
    const bad = [
      { name: 'Ping', description: 'upper case name' },
      { name: 'ok', description: '', options: [{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b', required: true }] },
      { name: 'loc', description: 'd', name_localizations: { pt: 'x' }, default_member_permissions: 'ManageGuild' },
    ];
    const error = await rest.put(Routes.applicationCommands(fake.applicationId), { body: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    const apiError = error as DiscordAPIError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe(50035);
    expect(apiError.message).toContain('0.name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid');
    expect(apiError.message).toContain('1.description[BASE_TYPE_MIN_LENGTH]: Must be 1 or more in length.');
    expect(apiError.message).toContain('1.options[1][APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]');
    expect(apiError.message).toContain('2.name_localizations.pt[LOCALE_INVALID]');
    expect(apiError.message).toContain('2.default_member_permissions[NUMBER_TYPE_COERCE]');
    expect(fake.commands()).toEqual([]);
  });

  it('delivers a slash command and records the ephemeral reply in the student locale', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: `pong (${i.locale})`, flags: MessageFlags.Ephemeral });
    };
    const h = fake.slash('ping');
    const response = await h.waitForResponse();
    expect(response.type).toBe(4);
    expect(response.ephemeral).toBe(true);
    expect(response.message?.content).toBe('pong (pt-BR)');
    expect(response.message?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.message?.interaction_metadata?.name).toBe('ping');
    expect(h.payload.member.user.username).toBe('student');
  });

  it('lets a deferred reply be edited into the final answer', async () => {
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      const image = i.options.getString('image', true);
      await i.editReply(`${i.options.getSubcommand()} ${image} detach=${String(i.options.getBoolean('detach'))}`);
    };
    const h = fake.slash('docker run', { options: { image: 'nginx', detach: true } });
    expect((await h.waitForResponse()).type).toBe(5);
    const edit = await h.waitForEdit();
    expect(edit.target).toBe('@original');
    expect(edit.message.content).toBe('run nginx detach=true');
    expect(fake.messagesIn(fake.channel.id).at(-1)?.content).toBe('run nginx detach=true');
  });

  it('updates the message a button belongs to', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('again').setLabel('Again').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'Run it again?', components: [row] });
      } else if (i.isButton()) {
        await i.update({ content: `clicked ${i.customId}`, components: [] });
      }
    };
    const reply = await fake.slash('ping').waitForReply();
    expect(reply.components[0]?.components[0]?.custom_id).toBe('again');
    const click = fake.clickButton(reply, 'again');
    const response = await click.waitForResponse();
    expect(response.type).toBe(7);
    expect(fake.message(reply.id)?.content).toBe('clicked again');
    expect(fake.message(reply.id)?.components).toEqual([]);
  });

  it('opens a modal and receives what the student typed in it', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) {
        const modal = new ModalBuilder()
          .setCustomId('answer')
          .setTitle('Your answer')
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('Command')
              .setTextInputComponent(new TextInputBuilder().setCustomId('cmd').setStyle(TextInputStyle.Short).setMaxLength(100)),
          );
        await i.showModal(modal);
      } else if (i.isModalSubmit()) {
        await i.reply(`you typed: ${i.fields.getTextInputValue('cmd')}`);
      }
    };
    const opened = fake.slash('ping');
    const shown = await opened.waitForResponse();
    expect(shown.type).toBe(9);
    expect(shown.modal?.title).toBe('Your answer');
    const submitted = fake.submitModal(opened, { cmd: 'docker ps -a' });
    expect((await submitted.waitForReply()).content).toBe('you typed: docker ps -a');
  });

  it('sends autocomplete suggestions for the focused option', async () => {
    onInteraction = async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond(['nginx', 'node', 'alpine'].filter((n) => n.startsWith(typed)).map((n) => ({ name: n, value: n })));
    };
    const response = await fake.autocomplete('docker run', { options: { image: 'n' }, focused: 'image' }).waitForResponse();
    expect(response.type).toBe(8);
    expect(response.choices).toEqual([{ name: 'nginx', value: 'nginx' }, { name: 'node', value: 'node' }]);
  });

  it('turns the first follow-up after a deferral into the reply, as Discord does', async () => {
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp('docker ps output');
      await i.followUp('second message');
    };
    const h = fake.slash('docker ps');
    const reply = await h.waitForReply();
    expect(reply.content).toBe('docker ps output');
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    await h.waitForFollowUp();
    const second = await h.waitForFollowUp();
    expect(second.message.id).not.toBe(reply.id);
    expect(second.message.interaction_metadata?.original_response_message_id).toBe(reply.id);
  });

  it('edits the select menu message after deferUpdate, and returns the message withResponse', async () => {
    const picked: string[] = [];
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) {
        const menu = new StringSelectMenuBuilder().setCustomId('lesson').addOptions({ label: 'Images', value: 'images' }, { label: 'Volumes', value: 'volumes' });
        const response = await i.reply({ content: 'Pick a lesson', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)], withResponse: true });
        picked.push(`created ${response.resource?.message?.id ?? 'none'}`);
      } else if (i.isStringSelectMenu()) {
        await i.deferUpdate();
        await i.editReply({ content: `Lesson: ${i.values[0] ?? ''}`, components: [] });
      }
    };
    const menu = await fake.slash('ping').waitForReply();
    await fake.waitFor(() => picked.length === 1, 2000, 'the withResponse result');
    expect(picked).toEqual([`created ${menu.id}`]);
    expect(() => fake.selectMenu(menu, 'lesson', ['networks'])).toThrow(/no option "networks"/);
    const choice = fake.selectMenu(menu, 'lesson', ['volumes']);
    expect((await choice.waitForResponse()).type).toBe(6);
    const edited = await choice.waitForReply();
    expect(edited.id).toBe(menu.id);
    expect(edited.content).toBe('Lesson: volumes');
  });

  it('parses a reply with a PNG attachment and serves its bytes back', async () => {
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'layers', files: [new AttachmentBuilder(PNG, { name: 'layers.png' })] });
    };
    const response = await fake.slash('ping').waitForResponse();
    expect(response.files).toHaveLength(1);
    expect(response.files[0]?.filename).toBe('layers.png');
    expect(response.files[0]?.data.equals(PNG)).toBe(true);
    const attachment = response.message?.attachments[0];
    expect(attachment).toMatchObject({ filename: 'layers.png', size: PNG.length, content_type: 'image/png', width: 2, height: 1 });
    const served = Buffer.from(await (await fetch(attachment?.url as string)).arrayBuffer());
    expect(served.equals(PNG)).toBe(true);
  });

  it('hands the bot a file the student attached to /upload', async () => {
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      const file = i.options.getAttachment('file', true);
      const text = await (await fetch(file.url)).text();
      await i.reply(`${file.name}: ${text.trim()}`);
    };
    const reply = await fake.slash('upload', { options: { file: { name: 'Dockerfile', data: 'FROM alpine:3.20\n' } } }).waitForReply();
    expect(reply.content).toBe('Dockerfile: FROM alpine:3.20');
  });

  it('rejects an embed over Discord limits without acknowledging the interaction', async () => {
    const seen: unknown[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({ embeds: [{ description: 'x'.repeat(4097) }] }).catch((e: unknown) => seen.push(e));
      await i.reply({ embeds: [{ description: 'y'.repeat(3500) }, { description: 'z'.repeat(3500) }] }).catch((e: unknown) => seen.push(e));
    };
    const h = fake.slash('ping');
    await fake.waitFor(() => seen.length === 2, 3000, 'two refused replies');
    const [tooLong, tooBig] = seen as DiscordAPIError[];
    expect(tooLong?.status).toBe(400);
    expect(tooLong?.message).toContain('data.embeds[0].description[BASE_TYPE_MAX_LENGTH]: Must be 4096 or fewer in length.');
    expect(tooBig?.message).toContain('data.embeds[MAX_EMBED_SIZE_EXCEEDED]: Embed size exceeds maximum size of 6000');
    expect(h.record.callback).toBeUndefined();
    expect(h.record.callbackAttempts.map((c) => c.status)).toEqual([400, 400]);
  });

  it('refuses a second acknowledgement with 40060', async () => {
    const seen: unknown[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('first');
      // discord.js guards against this itself, so go around it as a buggy bot would
      await client.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'second' } }, auth: false })
        .catch((e: unknown) => seen.push(e));
    };
    fake.slash('ping');
    await fake.waitFor(() => seen.length === 1, 3000, 'the second reply to fail');
    const error = seen[0] as DiscordAPIError;
    expect(error.code).toBe(40060);
    expect(error.message).toBe('Interaction has already been acknowledged.');
  });

  it('answers 10062 Unknown interaction when the bot replies after 3 seconds', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const seen: unknown[] = [];
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      started = true;
      await gate;
      await i.reply('too late').catch((e: unknown) => seen.push(e));
    };
    const h = fake.slash('ping');
    await fake.waitFor(() => started, 2000, 'the bot to start');
    fake.advanceTime(3001);
    release();
    await fake.waitFor(() => seen.length === 1, 2000, 'the late reply to fail');
    expect((seen[0] as DiscordAPIError).code).toBe(10062);
    expect(h.record.callback).toBeUndefined();
  });

  it('hides an instructor command from students but shows it to a member with Manage Server', async () => {
    expect(() => fake.slash('grade')).toThrow(/hidden from this user/);
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply(`manage guild: ${String(i.memberPermissions?.has(PermissionFlagsBits.ManageGuild))}`);
    };
    const reply = await fake.slash('grade', { user: 'teacher' }).waitForReply();
    expect(reply.content).toBe('manage guild: true');
  });

  it('dispatches a hand-made interaction with the app permissions the test chose', async () => {
    const file = fake.userAttachment({ name: 'compose.yaml', data: 'services: {}\n' });
    onInteraction = async (i) => {
      if (!i.isChatInputCommand()) return;
      const attachment = i.options.getAttachment('file');
      await i.reply(`attach=${String(i.appPermissions.has(PermissionFlagsBits.AttachFiles))} file=${attachment?.name ?? '-'} size=${attachment?.size ?? 0}`);
    };
    const h = fake.sendInteraction({
      type: 2,
      user: 'teacher',
      locale: 'en-US',
      app_permissions: (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages).toString(),
      data: { id: '1', name: 'upload', type: 1, options: [{ name: 'file', type: 11, value: file.id }], resolved: { attachments: { [file.id]: file } } },
    });
    expect((await h.waitForReply()).content).toBe('attach=false file=compose.yaml size=13');
  });

  it('sends a DM interaction with a user and no member', async () => {
    await rest.put(Routes.applicationCommands(fake.applicationId), {
      body: [new SlashCommandBuilder().setName('help').setDescription('Help').setContexts(0, 1).toJSON()],
    });
    const ana = fake.addUser({ username: 'ana', locale: 'pt-BR' });
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply(`dm=${String(!i.inGuild())} user=${i.user.username} member=${String(i.member)}`);
    };
    const h = fake.slash('help', { user: ana, guildId: null });
    expect(h.payload.guild_id).toBeUndefined();
    expect((await h.waitForReply()).content).toBe('dm=true user=ana member=null');
    expect(h.payload.channel.type).toBe(1);
  });

  it('returns the first message again for a repeated enforced nonce', async () => {
    const channel = await client.channels.fetch(fake.channel.id);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const first = await channel.send({ content: 'daily quiz', nonce: 'quiz-2025-01-01', enforceNonce: true });
    const second = await channel.send({ content: 'daily quiz', nonce: 'quiz-2025-01-01', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(fake.messagesIn(fake.channel.id).filter((m) => m.content === 'daily quiz')).toHaveLength(1);
  });

  it('answers unknown routes with 404 and records them loudly', async () => {
    const error = await client.rest.get('/nowhere/at/all' as `/${string}`).catch((e: unknown) => e);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(fake.unknownRoutes.map((c) => c.path)).toEqual(['/nowhere/at/all']);
    expect(fake.problems.some((p) => p.includes('no such route: GET /api/v10/nowhere/at/all'))).toBe(true);
    expect(() => fake.assertClean()).toThrow(/no such route/);
  });

  it('resumes the session after the connection drops and keeps delivering interactions', async () => {
    fake.gateway.disconnect(4000);
    await fake.waitFor(() => fake.gateway.stats.resumes === 1 && fake.gateway.ready, 5000, 'the resume');
    onInteraction = async (i) => {
      if (i.isChatInputCommand()) await i.reply('still here');
    };
    expect((await fake.slash('ping').waitForReply()).content).toBe('still here');
    expect(fake.gateway.stats.identifies).toBe(1);
  });

  it('leaves no open sockets once the client and the fake are closed', async () => {
    expect(botErrors).toEqual([]);
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await client.destroy();
    await fake.close();
    await fake.waitFor(() => true).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tcpHandles()).toBeLessThanOrEqual(tcpBefore);
  });
});

const codes = (errors: FieldError[]) => errors.map((e) => `${e.path.join('.')}:${e.code}`);
const row = (n: number, make: (i: number) => object) => ({ type: 1, components: Array.from({ length: n }, (_, i) => make(i)) });
const button = (i: number, extra: object = {}) => ({ type: 2, style: 1, label: `B${i}`, custom_id: `b${i}`, ...extra });

describe('Discord limits the fake enforces on messages', () => {
  it.each([
    ['content over 2000 characters', { content: 'a'.repeat(2001) }, 'content:BASE_TYPE_MAX_LENGTH'],
    ['more than 10 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds:BASE_TYPE_MAX_LENGTH'],
    ['an embed title over 256', { embeds: [{ title: 't'.repeat(257) }] }, 'embeds.0.title:BASE_TYPE_MAX_LENGTH'],
    ['an embed description over 4096', { embeds: [{ description: 'd'.repeat(4097) }] }, 'embeds.0.description:BASE_TYPE_MAX_LENGTH'],
    ['more than 25 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'embeds.0.fields:BASE_TYPE_MAX_LENGTH'],
    ['a field name over 256', { embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] }, 'embeds.0.fields.0.name:BASE_TYPE_MAX_LENGTH'],
    ['a field value over 1024', { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, 'embeds.0.fields.0.value:BASE_TYPE_MAX_LENGTH'],
    ['an empty field name', { embeds: [{ fields: [{ name: '', value: 'v' }] }] }, 'embeds.0.fields.0.name:BASE_TYPE_REQUIRED'],
    ['a footer over 2048', { embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, 'embeds.0.footer.text:BASE_TYPE_MAX_LENGTH'],
    ['an author name over 256', { embeds: [{ author: { name: 'a'.repeat(257) } }] }, 'embeds.0.author.name:BASE_TYPE_MAX_LENGTH'],
    ['6001 characters across embeds', { embeds: [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2001) }] }, 'embeds:MAX_EMBED_SIZE_EXCEEDED'],
    ['6 action rows', { components: Array.from({ length: 6 }, (_, r) => row(1, (i) => button(r * 10 + i))) }, 'components:BASE_TYPE_MAX_LENGTH'],
    ['6 buttons in a row', { components: [row(6, (i) => button(i))] }, 'components.0.components:BASE_TYPE_MAX_LENGTH'],
    ['a custom_id over 100', { components: [row(1, () => button(0, { custom_id: 'c'.repeat(101) }))] }, 'components.0.components.0.custom_id:BASE_TYPE_MAX_LENGTH'],
    ['a button label over 80', { components: [row(1, () => button(0, { label: 'l'.repeat(81) }))] }, 'components.0.components.0.label:BASE_TYPE_MAX_LENGTH'],
    ['the same custom_id twice', { components: [row(2, () => button(0))] }, 'components.0.components.1.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED'],
    ['a select with 26 options', { components: [row(1, () => ({ type: 3, custom_id: 's', options: Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `o${i}` })) }))] }, 'components.0.components.0.options:BASE_TYPE_MAX_LENGTH'],
    ['a select sharing a row with a button', { components: [{ type: 1, components: [button(0), { type: 3, custom_id: 's', options: [{ label: 'a', value: 'a' }] }] }] }, 'components.0.components:COMPONENT_LAYOUT_WIDTH_EXCEEDED'],
  ])('refuses %s', (_name, payload, expected) => {
    expect(codes(validateMessagePayload(payload))).toContain(expected);
  });

  it('counts an emoji as one character, so 2000 whales still fit', () => {
    expect(validateMessagePayload({ content: '🐋'.repeat(2000) })).toEqual([]);
  });

  it.each([
    ['a title over 45', { title: 't'.repeat(46), custom_id: 'm', components: [{ type: 18, label: 'L', component: { type: 4, custom_id: 'a', style: 1 } }] }, 'data.title:BASE_TYPE_MAX_LENGTH'],
    ['a text input label over 45', { title: 'T', custom_id: 'm', components: [row(1, () => ({ type: 4, custom_id: 'a', style: 1, label: 'l'.repeat(46) }))] }, 'data.components.0.components.0.label:BASE_TYPE_MAX_LENGTH'],
    ['a prefilled value over 4000', { title: 'T', custom_id: 'm', components: [{ type: 18, label: 'L', component: { type: 4, custom_id: 'a', style: 2, value: 'v'.repeat(4001) } }] }, 'data.components.0.component.value:BASE_TYPE_MAX_LENGTH'],
    ['6 rows', { title: 'T', custom_id: 'm', components: Array.from({ length: 6 }, (_, i) => ({ type: 18, label: 'L', component: { type: 4, custom_id: `a${i}`, style: 1 } })) }, 'data.components:BASE_TYPE_MAX_LENGTH'],
  ])('refuses a modal with %s', (_name, modal, expected) => {
    expect(codes(validateModal(modal))).toContain(expected);
  });
});

describe('Discord rules the fake enforces on command registration', () => {
  const cmd = (extra: object) => ({ name: 'lab', description: 'Starts a lab', ...extra });
  const str = (name: string, extra: object = {}) => ({ type: 3, name, description: name, ...extra });
  const sub = (name: string, options: object[] = []) => ({ type: 1, name, description: name, options });

  it.each([
    ['an upper-case name', [cmd({ name: 'Lab' })], '0.name:APPLICATION_COMMAND_INVALID_NAME'],
    ['a name with a space', [cmd({ name: 'start lab' })], '0.name:APPLICATION_COMMAND_INVALID_NAME'],
    ['a 33-character name', [cmd({ name: 'l'.repeat(33) })], '0.name:BASE_TYPE_MAX_LENGTH'],
    ['a 101-character description', [cmd({ description: 'd'.repeat(101) })], '0.description:BASE_TYPE_MAX_LENGTH'],
    ['26 options', [cmd({ options: Array.from({ length: 26 }, (_, i) => str(`o${i}`)) })], '0.options:BASE_TYPE_MAX_LENGTH'],
    ['a required option after an optional one', [cmd({ options: [str('a'), str('b', { required: true })] })], '0.options.1:APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID'],
    ['26 choices', [cmd({ options: [str('a', { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) })] })], '0.options.0.choices:BASE_TYPE_MAX_LENGTH'],
    ['choices together with autocomplete', [cmd({ options: [str('a', { autocomplete: true, choices: [{ name: 'x', value: 'x' }] })] })], '0.options.0.autocomplete:APPLICATION_COMMAND_AUTOCOMPLETE_WITH_CHOICES'],
    ['a subcommand inside a subcommand', [cmd({ options: [sub('a', [sub('b')])] })], '0.options.0.options.0.type:APPLICATION_COMMAND_OPTIONS_TYPE_INVALID'],
    ['a group inside a group', [cmd({ options: [{ type: 2, name: 'g', description: 'g', options: [{ type: 2, name: 'h', description: 'h', options: [sub('x')] }] }] })], '0.options.0.options.0.type:APPLICATION_COMMAND_OPTIONS_TYPE_INVALID'],
    ['a subcommand next to a plain option', [cmd({ options: [sub('a'), str('b')] })], '0.options.1:APPLICATION_COMMAND_OPTIONS_TYPE_INVALID'],
    ['an unknown locale key', [cmd({ name_localizations: { pt: 'laboratorio' } })], '0.name_localizations.pt:LOCALE_INVALID'],
    ['an upper-case localized name', [cmd({ name_localizations: { 'pt-BR': 'Lab' } })], '0.name_localizations.pt-BR:APPLICATION_COMMAND_INVALID_NAME'],
    ['a localized description over 100', [cmd({ description_localizations: { 'pt-BR': 'd'.repeat(101) } })], '0.description_localizations.pt-BR:BASE_TYPE_MAX_LENGTH'],
    ['permissions given as a name', [cmd({ default_member_permissions: 'ManageGuild' })], '0.default_member_permissions:NUMBER_TYPE_COERCE'],
    ['an unknown context', [cmd({ contexts: [0, 3] })], '0.contexts.1:BASE_TYPE_CHOICES'],
    ['an unknown integration type', [cmd({ integration_types: [2] })], '0.integration_types.0:BASE_TYPE_CHOICES'],
    ['two commands with one name', [cmd({}), cmd({})], '1.name:APPLICATION_COMMANDS_DUPLICATE_NAME'],
  ])('refuses %s', (_name, list, expected) => {
    expect(codes(validateCommandList(list).errors)).toContain(expected);
  });

  it('accepts pt-BR localizations, Devanagari and Thai names, and a permissions bitfield string', () => {
    const list = [
      cmd({ name_localizations: { 'pt-BR': 'laboratório' }, description_localizations: { 'pt-BR': 'Começa um laboratório' }, default_member_permissions: '32', contexts: [0, 1], integration_types: [0] }),
      cmd({ name: 'सहायता' }),
      cmd({ name: 'ช่วยเหลือ' }),
      cmd({ name: 'docker', options: [{ type: 2, name: 'image', description: 'Images', options: [sub('ls', [str('filter', { required: true }), str('format')])] }] }),
    ];
    expect(validateCommandList(list).errors).toEqual([]);
  });
});
