// `npm start` with a token: the bot process stops gracefully on SIGTERM, after answering the
// interaction in flight, and its logs never contain the token.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/register';
import { createFakeDiscord } from '../fake-discord';

const TOKEN = `MTA.${'x'.repeat(24)}.${'y'.repeat(38)}`;

describe('the bot process', () => {
  it('answers, then stops on SIGTERM with exit code 0 and the database saved', async () => {
    const fake = await createFakeDiscord({ quiet: true, token: TOKEN });
    const dir = mkdtempSync(join(tmpdir(), 'baleia-bot-'));
    try {
      await registerCommands({ token: TOKEN, apiUrl: fake.restUrl, guildId: fake.guild.id });
      const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/bot-process.ts', import.meta.url).pathname], {
        env: { ...process.env, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.restUrl, DATABASE_PATH: join(dir, 'baleia.db'), LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await fake.waitFor(() => out.includes('Baleia is online'), 15_000, 'the bot to come online');
      const reply = await fake.slash('docker', { options: { command: 'volume create kept' } }).waitForReply();
      expect(String(reply.embeds[0]?.description)).toContain('docker volume create kept');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('"msg":"shutting down"');
      expect(out).toContain('"msg":"stopped"');
      expect(out).not.toContain(TOKEN);
      const { openStore } = await import('../../src/store');
      const store = openStore(join(dir, 'baleia.db'));
      expect(store.hosts.get(fake.guild.id, fake.user('student').id)?.state.volumes.kept).toBeDefined();
      store.close();
    } finally {
      await fake.close();
    }
    // A cold tsx start of the whole bot takes a few seconds on a busy machine.
  }, 30_000);
});
