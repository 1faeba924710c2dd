// Exact output of the list commands and the daemon's errors, as a golden transcript reviewed
// against docker-behaviour.md. Regenerate with UPDATE_GOLDEN=1 after an intended change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TestHost } from '../support/test-host';

const GOLDEN = new URL('./golden/tables.txt', import.meta.url).pathname;

const LINES = [
  'docker pull alpine',
  'docker run -d --name web -p 8080:80 -v site:/usr/share/nginx/html nginx',
  'docker run --name box alpine sh -c "echo hi > /tmp/x"',
  'docker volume create pgdata',
  'docker ps -s',
  'docker ps -a --no-trunc',
  'docker images --digests',
  'docker ps -n 1',
  'docker ps --filter status=exited',
  'docker volume ls',
  'docker system df',
  'docker system df -v',
  'docker port web',
  'docker history alpine',
  'docker rmi alpine',
  'docker rmi -f alpine',
  'docker images -a',
  'docker images --filter dangling=true',
  'docker ps --format "table {{.Names}}\\t{{.Image}}"',
  'docker volume inspect pgdata',
  'docker stop box',
  'docker start nope',
  'docker kill box',
  'docker pause box',
  'docker unpause web',
  'docker exec box ls',
  'docker run',
  'docker volume rm nope',
  'docker volume rm site',
  'docker pull nosuchimage',
  'docker pull nginx:nope',
  'docker run -p abc nginx',
  'docker run --rm --restart always alpine',
  'docker rm web',
  'docker rm -f nope',
  'docker ps --format "{{.Foo}}"',
  'docker images --format "{{.Nope"',
  'docker inspect -f "{{.State.Status}}" web box nope',
];

describe('tables and errors exactly as Docker prints them', () => {
  it('matches the reviewed golden transcript', async () => {
    const host = new TestHost();
    let transcript = '';
    for (const line of LINES) {
      const result = await host.run(line);
      transcript += `$ ${line}\n${TestHost.text(result)}[exit ${result.exitCode}]\n`;
      host.advance(65);
    }
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, transcript);
    expect(transcript).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
