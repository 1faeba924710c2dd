// /lab end to end: a lab checked against the student's own host, failed and then passed, with a
// hint, and a reset that asks first; lab names autocomplete; typed Docker mistakes feed reviews.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeMessage } from '../fake-discord';
import { bootBot, buttons, customIdOf, reply, type Booted } from './support/boot';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let b: Booted;
beforeAll(async () => {
  b = await bootBot({
    // A student presses Check again only after changing their host; here that takes milliseconds.
    doubleClickWindowMs: 0,
    fake: { quiet: true, guilds: [{ name: 'Docker Class', preferredLocale: 'en-US', channels: [{ name: 'general' }], members: [{ user: { username: 'ana', locale: 'en-US' } }, { user: { username: 'bia', locale: 'pt-BR' } }] }] },
  });
  b.at('2026-03-02T10:00:00-03:00');
});
afterAll(async () => {
  await b?.close();
});

const field = (message: FakeMessage, name: string) => (message.embeds[0]!.fields as Array<{ name: string; value: string }>).find((f) => f.name === name)?.value;

describe('/lab', () => {
  it('lists the labs with their XP and difficulty', async () => {
    const list = await reply(b.fake.slash('lab', { user: 'ana' }));
    const lines = String(list.embeds[0]!.description).split('\n');
    expect(lines[0]).toBe('⬜ **1.** Your first web server · 50 XP · ★');
    expect(lines.filter((line) => line.startsWith('⬜'))).toHaveLength(b.course.labs.length);
  });

  it('fails a lab whose checks do not hold, then passes it once the host is right', async () => {
    const opened = await reply(b.fake.slash('lab', { user: 'ana', options: { lab: 'first-web-server' } }));
    expect(opened.embeds[0]!.title).toBe('Lab 1 · Your first web server');
    expect(field(opened, 'Checks on your host')).toBe('❌ web is running\n❌ web was created from the nginx image\n❌ localhost:8080 answers with the nginx welcome page');
    expect(buttons(opened)).toEqual(['Check', 'Hint', 'Reset for this lab']);

    const failed = await reply(b.fake.clickButton(opened, customIdOf(opened, 'Check')));
    expect(field(failed, '\u200b')).toBe('0 of 3 checks hold. Keep going, or ask for a hint.');

    const hinted = await reply(b.fake.clickButton(failed, customIdOf(failed, 'Hint')));
    expect(field(hinted, 'Hints')).toMatch(/^1\. Containers are created and started from an image with `docker run`/);

    await reply(b.fake.slash('docker', { user: 'ana', options: { command: 'run -d --name web -p 8080:80 nginx' } }));
    const passed = await reply(b.fake.clickButton(hinted, customIdOf(hinted, 'Check')));
    expect(field(passed, 'Checks on your host')).toBe('✅ web is running\n✅ web was created from the nginx image\n✅ localhost:8080 answers with the nginx welcome page');
    expect(field(passed, '\u200b')).toBe('🎉 Lab passed! +50 XP');

    // XP is paid once: checking again only says it holds.
    const again = await reply(b.fake.clickButton(passed, customIdOf(passed, 'Check'), { force: true }));
    expect(field(again, '\u200b')).toBe('Every check holds (you passed this lab before).');
    const list = await reply(b.fake.slash('lab', { user: 'ana' }));
    expect(String(list.embeds[0]!.description).split('\n')[0]).toMatch(/^✅ \*\*1\.\*\* Your first web server/);
  });

  it('asks before a reset, and the reset wipes the host and runs the lab’s setup', async () => {
    const opened = await reply(b.fake.slash('lab', { user: 'ana', options: { lab: 'first-web-server' } }));
    const ask = await reply(b.fake.clickButton(opened, customIdOf(opened, 'Reset for this lab')));
    expect(ask.id).toBe(opened.id);
    expect(ask.embeds[0]!.description).toBe('This wipes your whole host in this server (images, containers, volumes, files) and prepares it for “Your first web server”. Go ahead?');
    expect(buttons(ask)).toEqual(['Wipe and prepare', 'Cancel']);
    const cancelled = await reply(b.fake.clickButton(ask, customIdOf(ask, 'Cancel')));
    expect(field(cancelled, 'Checks on your host')).toMatch(/^✅ web is running/);

    const askAgain = await reply(b.fake.clickButton(cancelled, customIdOf(cancelled, 'Reset for this lab')));
    const reset = await reply(b.fake.clickButton(askAgain, customIdOf(askAgain, 'Wipe and prepare')));
    expect(field(reset, '\u200b')).toBe('Your host was wiped and prepared for this lab.');
    expect(field(reset, 'Checks on your host')).toMatch(/^❌ web is running/);
    const ps = await reply(b.fake.slash('docker', { user: 'ana', options: { command: 'ps -a -q' } }));
    expect(String(ps.embeds[0]!.description)).toBe('```\nana@baleia:~$ docker ps -a -q\n```');
  });

  it('autocompletes lab names in the student’s language', async () => {
    const typed = await b.fake.autocomplete('lab', { user: 'bia', options: { lab: 'servidor' }, focused: 'lab' }).waitForResponse();
    expect(typed.choices).toEqual([{ name: '1. Seu primeiro servidor web', value: 'first-web-server' }]);
  });
});

describe('mistakes on the host', () => {
  it('bring the facts behind a failed docker rm of a running container up for review', async () => {
    await reply(b.fake.slash('docker', { user: 'bia', options: { command: 'run -d --name db nginx' } }));
    const failed = await reply(b.fake.slash('docker', { user: 'bia', options: { command: 'rm db' } }));
    expect(String(failed.embeds[0]!.description)).toMatch(/cannot remove container/);
    const mistakes = b.store.learning.recentMistakes(b.fake.guild.id, b.fake.user('bia').id, 5);
    expect(mistakes).toHaveLength(1);
    expect(mistakes[0]!.facts.length).toBeGreaterThan(0);
    const due = b.store.learning.dueCount(b.fake.guild.id, b.fake.user('bia').id, b.now() + 1);
    expect(due).toBeGreaterThan(0);
  });
});
