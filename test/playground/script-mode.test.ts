import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function playground(script: string, database: string, args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    input: script,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: database, DISCORD_TOKEN: '', USER: 'ana' },
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('the terminal playground in script mode', () => {
  it('prints the transcript a terminal would show and keeps the host across runs', () => {
    const database = join(mkdtempSync(join(tmpdir(), 'baleia-play-')), 'play.db');
    const first = playground('docker run -d --name web -p 8080:80 nginx\ncurl -s localhost:8080 | grep h1\ncat > notes.txt <<EOF\nola\nEOF\n', database, ['--quiet']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('ana@baleia:~$ docker run -d --name web -p 8080:80 nginx\n');
    expect(first.stdout).toContain("Unable to find image 'nginx:latest' locally\n");
    expect(first.stdout).toContain('ana@baleia:~$ curl -s localhost:8080 | grep h1\n<h1>Welcome to nginx!</h1>\n');
    expect(first.stdout).not.toContain('↳');

    const second = playground('docker ps --format "{{.Names}}"\ncat notes.txt\n', database);
    expect(second.stdout).toBe('ana@baleia:~$ docker ps --format "{{.Names}}"\nweb\nana@baleia:~$ cat notes.txt\nola\n');
  }, 90_000);

  it('explains in Portuguese by default and follows the prompt into a container', () => {
    const database = join(mkdtempSync(join(tmpdir(), 'baleia-play-')), 'play.db');
    const run = playground('docker pull alpine\ndocker run -it --name box alpine\ncd /tmp\ntouch a\nexit\ndocker diff box\n', database);
    expect(run.stdout).toContain('/ # cd /tmp\n/tmp # touch a\n/tmp # exit\n');
    expect(run.stdout).toContain('ana@baleia:~$ docker diff box\nC /root\nA /root/.ash_history\nC /tmp\nA /tmp/a\n');
    expect(run.stdout).toMatch(/↳ .*contêiner/);
  }, 90_000);
});
