// Rendering rules that hold for any output: Discord's limits are never broken, code blocks
// never break open, long button payloads are kept aside, double clicks are recognised.
import { describe, expect, it } from 'vitest';
import type { LineReply } from '../../src/app/baleia';
import { ClickGuard } from '../../src/discord/clicks';
import { PayloadStore } from '../../src/discord/payloads';
import { nextSteps } from '../../src/discord/render/next-steps';
import { renderLineReply } from '../../src/discord/render/line-reply';
import { codeBlock, escapeBackticks } from '../../src/discord/render/terminal';
import { validateMessagePayload } from '../fake-discord';

const more = (n: number) => `... ${n} more lines`;

function lineReply(text: string, extra: Partial<LineReply> = {}): LineReply {
  return {
    chunks: [{ stream: 'stdout', text }],
    exitCode: 0,
    prompt: 'ana@baleia:~$ ',
    promptBefore: 'ana@baleia:~$ ',
    events: [],
    explanation: { sentences: [], facts: [] },
    locale: 'en',
    ...extra,
  };
}

/** A small deterministic generator, so a failure replays. */
function* randomTexts(count: number): Generator<string> {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = ['`', '```', '\n', 'x', '🐋', 'é', ' ', '@everyone', '\u001b[31m', '\r\n', 'a'.repeat(500)];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = Math.floor(next() * 3000);
    while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
    yield text;
  }
}

describe('the terminal code block', () => {
  it('keeps short output whole', () => {
    expect(codeBlock('ana@baleia:~$ echo hi\nhi', { max: 4096, moreLines: more })).toBe('```\nana@baleia:~$ echo hi\nhi\n```');
  });

  it('cuts at a whole line and counts what it left out', () => {
    const text = ['$ seq 1 100', ...Array.from({ length: 100 }, (_, i) => String(i + 1))].join('\n');
    const block = codeBlock(text, { max: 60, moreLines: more });
    expect(block).toBe('```\n$ seq 1 100\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n... 90 more lines\n```');
    expect(block.length).toBeLessThanOrEqual(60);
  });

  it('never exceeds its size and always has exactly two fences, whatever the output', () => {
    for (const text of randomTexts(300)) {
      for (const max of [100, 1024, 4096]) {
        const block = codeBlock(text, { max, moreLines: more });
        expect(block.length).toBeLessThanOrEqual(max);
        expect(block.match(/```/g)).toHaveLength(2);
        expect(block.startsWith('```\n') && block.endsWith('\n```')).toBe(true);
      }
    }
  });

  it('breaks backtick runs with a zero-width joiner', () => {
    expect(escapeBackticks('a ``` b ` c')).toBe('a `\u200d`\u200d` b ` c');
  });
});

describe('a line reply as a Discord message', () => {
  it('stays within every limit at the extremes', () => {
    const payloads = new PayloadStore();
    const reply = lineReply('y\n'.repeat(5000) + 'z'.repeat(10_000), {
      exitCode: 125,
      explanation: { sentences: Array.from({ length: 20 }, () => 's'.repeat(400)), facts: Array.from({ length: 38 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`) },
    });
    const long = `docker run -d --name ${'n'.repeat(300)} -p 8080:80 nginx`;
    const message = renderLineReply(long, { ...reply, events: [{ kind: 'container.created', facts: [], data: { name: 'n'.repeat(300) } }], exitCode: 0 }, payloads);
    expect(validateMessagePayload(message)).toEqual([]);
    for (const text of randomTexts(50)) expect(validateMessagePayload(renderLineReply(text.slice(0, 2000), lineReply(text), payloads))).toEqual([]);
  });

  it('keeps long button lines aside under a short custom_id', () => {
    const payloads = new PayloadStore();
    const name = 'web-'.repeat(30);
    const message = renderLineReply(`docker run -d --name ${name} nginx`, lineReply('abc\n', { events: [{ kind: 'container.created', facts: [], data: { name } }] }), payloads);
    const ids = message.components![0]!.components.map((button) => (button as { custom_id: string }).custom_id);
    expect(ids[0]).toBe('line:docker ps');
    expect(ids[1]).toMatch(/^line:@[0-9a-z]+$/);
    expect(payloads.decode(ids[1]!.slice(5))).toBe(`docker logs ${name}`);
  });
});

describe('next steps', () => {
  it('offers the way out of a container and back to the list after leaving it', () => {
    expect(nextSteps('pwd', lineReply('', { prompt: '/ # ', promptBefore: '/ # ' })).map((s) => s.line)).toEqual(['exit', 'ls']);
    expect(nextSteps('ls', lineReply('', { prompt: '/ # ', promptBefore: '/ # ' })).map((s) => s.line)).toEqual(['exit']);
    const left = lineReply('', { events: [{ kind: 'session.exit-stops-container', facts: [], data: { name: 'box' } }], promptBefore: '/ # ' });
    expect(nextSteps('exit', left).map((s) => s.line)).toEqual(['docker ps -a']);
  });

  it('points at the missing thing after a not-found error', () => {
    const missing = lineReply('', { exitCode: 1, events: [{ kind: 'docker.error', facts: [], data: { code: 'container.not-found', message: 'No such container: nope' } }] });
    expect(nextSteps('docker stop nope', missing).map((s) => s.line)).toEqual(['docker ps -a']);
  });
});

describe('expiring payloads and double clicks', () => {
  it('forgets payloads after their time', () => {
    let now = 0;
    const payloads = new PayloadStore(1000, 10, () => now);
    const key = payloads.put('docker ps');
    expect(payloads.get(key)).toBe('docker ps');
    now = 1001;
    expect(payloads.get(key)).toBeUndefined();
  });

  it('ignores a second click while the first runs and shortly after', () => {
    let now = 0;
    const clicks = new ClickGuard(3000, () => now);
    expect(clicks.claim('m:line:docker ps')).toBe(true);
    expect(clicks.claim('m:line:docker ps')).toBe(false);
    clicks.release('m:line:docker ps');
    now = 2000;
    expect(clicks.claim('m:line:docker ps')).toBe(false);
    now = 5001;
    expect(clicks.claim('m:line:docker ps')).toBe(true);
  });
});
