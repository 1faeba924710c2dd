// /host, /reset, /settings, /help, /lab-channel and direct messages, end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootBot, buttons, reply, terminal, type Booted } from './support/boot';

let b: Booted;
beforeAll(async () => {
  b = await bootBot({
    global: true,
    fake: {
      quiet: true,
      guilds: [
        {
          name: 'Docker Class',
          preferredLocale: 'pt-BR',
          channels: [{ name: 'geral' }, { name: 'lab' }],
          roles: [{ name: 'Instrutor', permissions: ['ManageGuild'] }],
          members: [{ user: { username: 'student', locale: 'pt-BR' } }, { user: { username: 'teacher', locale: 'en-US' }, roles: ['Instrutor'] }],
        },
      ],
    },
  });
});
afterAll(async () => {
  await b?.close();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/host', () => {
  it('sends a picture of the host with a short summary', async () => {
    await reply(b.fake.slash('docker', { options: { command: 'run -d --name web -v site:/usr/share/nginx/html -p 8080:80 nginx' } }));
    await reply(b.fake.slash('docker', { options: { command: 'pull debian:bookworm-slim' } }));
    const handle = b.fake.slash('host');
    const message = await reply(handle);
    expect(message.embeds[0]!.title).toBe('Seu host Docker');
    expect(message.embeds[0]!.description).toBe(
      '2 imagem(ns) · 1 contêiner(es), 1 em execução · 1 volume(s)\n1 camada(s) compartilhada(s) entre imagens, guardada(s) uma vez (74.8MB poupados).',
    );
    expect(message.embeds[0]!.image.url).toMatch(/host\.png/);
    const files = handle.record.callback?.files.length ? handle.record.callback.files : handle.record.edits.flatMap((edit) => edit.files);
    expect(files).toHaveLength(1);
    const png = files[0]!.data;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(760);
    expect(png.readUInt32BE(20)).toBeGreaterThan(900);
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.length).toBeLessThan(2_000_000);
  });
});

describe('/reset', () => {
  it('asks first, and a click on Cancel changes nothing', async () => {
    const ask = await reply(b.fake.slash('reset'));
    expect(buttons(ask)).toEqual(['Resetar meu host', 'Cancelar']);
    const cancelled = await reply(b.fake.clickButton(ask, 'reset:no'));
    expect(cancelled.id).toBe(ask.id);
    expect(cancelled.embeds[0]!.description).toBe('Nada foi alterado.');
    expect(cancelled.components).toEqual([]);
    const ps = await reply(b.fake.slash('docker', { options: { command: 'ps -q' } }));
    expect(terminal(ps).split('\n')).toHaveLength(2);
  });

  it('wipes the host after the confirmation click', async () => {
    const ask = await reply(b.fake.slash('reset'));
    const done = await reply(b.fake.clickButton(ask, 'reset:yes'));
    expect(done.embeds[0]!.description).toBe('Pronto: seu host está novinho. Experimente /docker run hello-world.');
    const images = await reply(b.fake.slash('docker', { options: { command: 'images -q' } }));
    expect(terminal(images)).toBe('student@baleia:~$ docker images -q');
  });
});

describe('/settings', () => {
  it('switches the language and makes replies public', async () => {
    const saved = await reply(b.fake.slash('settings', { options: { language: 'en', private: false } }));
    expect(saved.embeds[0]!.description).toBe('Saved.\n**Language:** en\n**Replies:** public (the channel sees them)');
    const handle = b.fake.slash('docker', { options: { command: 'volume create notes' } });
    const response = await handle.waitForResponse();
    expect(response.ephemeral).toBe(false);
    expect((await reply(handle)).embeds[0]!.footer.text).toMatch(/^exit code 0/);
  });

  it('goes back to automatic language and private replies', async () => {
    const saved = await reply(b.fake.slash('settings', { options: { language: 'auto', private: true } }));
    expect(saved.embeds[0]!.description).toBe('Salvo.\n**Idioma:** automático (do Discord: pt-BR)\n**Respostas:** privadas (só você vê)');
  });
});

describe('/lab-channel', () => {
  it('is hidden from students and makes a channel public when an instructor asks', async () => {
    const lab = b.fake.channelNamed('lab');
    expect(() => b.fake.slash('lab-channel', { options: { public: true }, channelId: lab.id })).toThrow(/hidden from this user/);
    const done = await reply(b.fake.slash('lab-channel', { options: { public: true }, user: 'teacher', channelId: lab.id }));
    expect(done.embeds[0]!.description).toBe(`Replies in <#${lab.id}> are now public: students see each other’s work.`);
    const there = await b.fake.slash('docker', { options: { command: 'ps' }, channelId: lab.id }).waitForResponse();
    expect(there.ephemeral).toBe(false);
    const elsewhere = await b.fake.slash('docker', { options: { command: 'ps' } }).waitForResponse();
    expect(elsewhere.ephemeral).toBe(true);
  });
});

describe('/help and direct messages', () => {
  it('explains Baleia in a few lines with a first step', async () => {
    const help = await reply(b.fake.slash('help', { locale: 'en-US', user: 'teacher' }));
    expect(help.embeds[0]!.title).toBe('Baleia: your own Docker host, here in Discord');
    expect(buttons(help)).toEqual(['docker run hello-world']);
  });

  it('gives a student a personal host in DMs, apart from their class server host', async () => {
    const student = b.fake.user('student');
    const dm = await reply(b.fake.slash('docker', { options: { command: 'volume ls -q' }, user: student, guildId: null }));
    expect(terminal(dm)).toBe('student@baleia:~$ docker volume ls -q');
    await reply(b.fake.slash('docker', { options: { command: 'volume create private-notes' }, user: student, guildId: null }));
    expect(b.store.hosts.get(`dm:${student.id}`, student.id)?.state.volumes['private-notes']).toBeDefined();
    expect(b.store.hosts.get(b.fake.guild.id, student.id)?.state.volumes['private-notes']).toBeUndefined();
  });
});
