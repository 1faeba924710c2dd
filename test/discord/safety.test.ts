// What keeps the bot safe and up: replies in time, one action per double click, no pings,
// limits never broken, errors answered kindly, logs without the token, a graceful stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaleiaBug, type Baleia } from '../../src/app/baleia';
import { validateMessagePayload } from '../fake-discord';
import { bootBot, customIdOf, reply, terminal, type Booted } from './support/boot';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real use cases, with a few lines made slow or broken on purpose. */
function troublesome(calls: string[], token: () => string) {
  return (real: Baleia): Baleia => ({
    ...real,
    async runLine(student, line, options) {
      calls.push(line);
      if (line.includes('slow') || line.startsWith('docker logs')) await sleep(500);
      if (line === 'docker explode') throw new Error(`handler exploded (token ${token()})`);
      if (line === 'docker engine-bug') throw new BaleiaBug('the simulated host hit an unexpected error; nothing was changed');
      return real.runLine(student, line, options);
    },
  });
}

describe('a bot under stress', () => {
  let b: Booted;
  const calls: string[] = [];
  beforeAll(async () => {
    b = await bootBot({ deferAfterMs: 150, wrap: troublesome(calls, () => b.fake.token) });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('defers a slow command, then edits the deferral into the reply', async () => {
    const handle = b.fake.slash('sh', { options: { line: 'echo slow' } });
    const response = await handle.waitForResponse();
    expect(response.type).toBe(5);
    expect(response.ephemeral).toBe(true);
    const edit = await handle.waitForEdit(5000);
    expect(edit.target).toBe('@original');
    expect(terminal(edit.message)).toBe('student@baleia:~$ echo slow\nslow');
    expect(edit.body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a quick command directly, without a deferral', async () => {
    const response = await b.fake.slash('sh', { options: { line: 'echo quick' } }).waitForResponse();
    expect(response.type).toBe(4);
  });

  it('acts once on a double click', async () => {
    const first = await reply(b.fake.slash('docker', { options: { command: 'run -d --name web nginx' } }));
    const id = customIdOf(first, 'docker logs web');
    const before = calls.filter((line) => line === 'docker logs web').length;
    const one = b.fake.clickButton(first, id);
    const two = b.fake.clickButton(first, id);
    const [a, c] = await Promise.all([one.waitForResponse(), two.waitForResponse()]);
    expect([a.type, c.type].sort()).toEqual([5, 6]);
    await b.fake.waitFor(() => one.record.edits.length + two.record.edits.length > 0, 5000, 'the logs reply');
    await sleep(100);
    expect(calls.filter((line) => line === 'docker logs web').length - before).toBe(1);
  });

  it('pings nobody, whatever the output says', async () => {
    const role = b.fake.role('@everyone');
    const handle = b.fake.slash('sh', { options: { line: `echo "@everyone @here <@&${role.id}> <@${b.fake.botUser.id}>"` } });
    const message = await reply(handle);
    expect(terminal(message)).toContain('@everyone @here');
    expect(message.mention_everyone).toBe(false);
    const sent = b.fake.restCalls.filter((call) => call.route === '/interactions/:id/:token/callback' && (call.body as { type: number }).type === 4);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const call of sent) expect((call.body as { data: { allowed_mentions: unknown } }).data.allowed_mentions).toEqual({ parse: [] });
    const edits = b.fake.restCalls.filter((call) => call.route?.startsWith('/webhooks/') && call.method !== 'GET' && call.method !== 'DELETE');
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (const call of edits) expect((call.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('cuts long output at whole lines with "... N more lines" and Discord accepts the embed', async () => {
    const handle = b.fake.slash('sh', { options: { line: 'seq 1 3000' } });
    const message = await reply(handle);
    expect(handle.record.callbackAttempts.map((call) => call.status)).toEqual([204]);
    const description = String(message.embeds[0]!.description);
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.length).toBeGreaterThan(4000);
    const lines = terminal(message).split('\n');
    expect(lines[0]).toBe('student@baleia:~$ seq 1 3000');
    expect(lines[1]).toBe('1');
    const shown = lines.length - 2;
    expect(lines.at(-2)).toBe(String(shown));
    expect(lines.at(-1)).toBe(`... mais ${3000 - shown} linhas`);
    expect(validateMessagePayload(handle.record.callback!.data!)).toEqual([]);
  });

  it('keeps backticks in the output from closing the code block', async () => {
    const message = await reply(b.fake.slash('sh', { options: { line: 'printf "%s\\n" "\\`\\`\\`oops\\`\\`\\`"' } }));
    const description = String(message.embeds[0]!.description);
    expect(description.match(/```/g)).toHaveLength(2);
    expect(terminal(message).split('\n')[1]!.replace(/\u200d/g, '')).toBe('```oops```');
  });

  it('answers a handler that throws with a short, kind, private message and keeps answering', async () => {
    const failed = await reply(b.fake.slash('docker', { options: { command: 'explode' } }));
    expect(failed.flags & 64).toBe(64);
    expect(failed.embeds[0]!.description).toBe('Desculpe, algo deu errado do lado do Baleia. Nada foi alterado; tente de novo.');
    const next = await reply(b.fake.slash('docker', { options: { command: 'ps -q' } }));
    expect(terminal(next)).toMatch(/^student@baleia:~\$ docker ps -q\n[0-9a-f]{12}$/);
    const bug = await reply(b.fake.slash('docker', { options: { command: 'engine-bug' } }));
    expect(bug.embeds[0]!.description).toContain('Seu host simulado encontrou um erro inesperado');
  });

  it('logs the failure with context but never the bot token', async () => {
    const line = b.logs.find((entry) => entry.includes('handler exploded'));
    expect(line).toBeDefined();
    expect(line).toContain('token [redacted]');
    expect(JSON.parse(line!)).toMatchObject({ level: 50, msg: 'an interaction handler failed' });
    expect(b.logs.join('\n')).not.toContain(b.fake.token);
  });
});

describe('a graceful stop', () => {
  it('finishes the interaction in flight before disconnecting', async () => {
    const calls: string[] = [];
    const b = await bootBot({ deferAfterMs: 100, wrap: troublesome(calls, () => 'none') });
    const handle = b.fake.slash('sh', { options: { line: 'echo slow goodbye' } });
    await b.fake.waitFor(() => b.bot.inFlight() > 0, 2000, 'the interaction to start');
    await b.bot.stop();
    expect(handle.record.edits.at(-1)?.message.embeds[0]!.description).toContain('slow goodbye');
    expect(b.bot.client.isReady()).toBe(false);
    await b.fake.close();
    b.store.close();
  });
});
