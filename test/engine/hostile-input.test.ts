import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/util/rng';
import { TestHost } from '../support/test-host';

const WORDS = [
  'docker', 'run', 'ps', '-a', '-d', '-it', '--rm', '--name', 'web', 'nginx', 'alpine', 'hello-world', '-p', '8080:80', '80', ':',
  '-v', 'data:/data', '/data', './site:/x', '--mount', 'type=volume,dst=/d', '-e', 'A=1', 'exec', 'rm', '-f', 'rmi', 'images',
  'volume', 'create', 'ls', 'inspect', '-f', '{{.State.Status}}', '{{', '}}', 'stop', 'start', 'commit', 'tag', 'push', 'pull',
  'network', 'connect', 'logs', 'diff', 'history', 'system', 'df', 'prune', 'cp', 'web:/etc/hosts', '.', 'sh', '-c', 'echo',
  'cat', '/etc/passwd', '|', '&&', ';', '>', 'f', '$(', ')', '"', "'", '\\', '*', '~', '-m', 'abc', '--cpus', '99', 'ubuntu:',
  'a::b', 'UPPER', 'x'.repeat(300), '--format', 'table {{.ID}}', 'kill', '-s', 'HUP', 'pause', 'unpause', 'rename', 'port',
];

function randomLine(rng: ReturnType<typeof createRng>): string {
  const length = 1 + Math.floor(rng.next() * 10);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(rng.next() * WORDS.length)]!);
  if (rng.next() < 0.6) words.unshift('docker');
  return words.join(' ');
}

describe('hostile and random command lines', () => {
  it('answers 400 random lines without crashing and keeps a consistent host', async () => {
    const host = new TestHost();
    await host.run('docker run -d --name web -p 8080:80 nginx');
    const rng = createRng(2026);
    for (let i = 0; i < 400; i++) {
      const line = randomLine(rng);
      const result = await host.run(line);
      expect(typeof result.exitCode, line).toBe('number');
      // Every container references an image the host has, and every volume mount a volume.
      for (const container of Object.values(host.state.containers)) {
        expect(host.state.images[container.imageId], line).toBeDefined();
        for (const mount of container.mounts) if (mount.type === 'volume') expect(host.state.volumes[mount.name!], line).toBeDefined();
      }
      expect(() => JSON.stringify(host.state)).not.toThrow();
    }
  });

  it('stops an endless loop with a clear message and changes nothing else', async () => {
    const host = new TestHost();
    const before = JSON.stringify(host.state.hostFiles);
    const result = await host.run('while true; do :; done');
    expect(result.exitCode).toBe(126);
    expect(result.stderr).toMatch(/too many/);
    expect(JSON.stringify(host.state.hostFiles)).toBe(before);
  });

  it('refuses a line longer than the limit', async () => {
    const host = new TestHost();
    const result = await host.run(`echo ${'a'.repeat(9000)}`);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^baleia: line too long/);
  });

  it('refuses a huge file with File too large', async () => {
    const host = new TestHost();
    const result = await host.run('seq 1 400000 > big.txt');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/File too large|too large|limit|exceeded/i);
  });

  it('does not change the host when docker rejects a flag', async () => {
    const host = new TestHost();
    const before = JSON.stringify({ ...host.state, rng: 0 });
    const result = await host.run('docker run --bogus alpine');
    expect(result.exitCode).toBe(125);
    expect(result.stderr).toBe("unknown flag: --bogus\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n");
    expect(JSON.stringify({ ...host.state, rng: 0 })).toBe(before);
  });
});
