// The starter projects (data/templates) and the `starter` command that lays them into the
// student's home: each one's Dockerfile passes or fails the build checks as intended, and
// each builds into a working image.
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/app/files';
import { STARTER_PROJECTS } from '../../src/engine/runtime/tools/starter';
import { installStarter, newHost, run } from './support';

async function starterHost() {
  const host = newHost();
  installStarter(host);
  return host;
}

describe('starter', () => {
  it('lists the starter projects', async () => {
    const r = await run(await starterHost(), 'starter');
    expect(r.stdout).toBe(`Starter projects. \`starter NAME\` copies one into ./NAME/ (or \`starter NAME FOLDER\`):

  node-api       Node.js API (Express)
  python-app     Python web app (Flask)
  static-site    Static site on nginx
  go-multistage  Go program, multi-stage build
  mistakes       A Dockerfile full of mistakes

Then: cd NAME && docker build -t NAME .
`);
  });

  it('writes a project into ./NAME/ and says what to do next', async () => {
    const host = await starterHost();
    const r = await run(host, 'starter static-site');
    expect(r.stdout).toBe(`Created static-site/ with 4 files: Static site on nginx.
  static-site/Dockerfile
  static-site/README.md
  static-site/site/index.html
  static-site/site/style.css

Two files served by nginx:alpine: the smallest useful Dockerfile, one COPY on top of a ready-made web server.

Next: cd static-site && docker build -t static-site .
`);
    expect((await run(host, 'cat static-site/Dockerfile')).stdout).toBe('FROM nginx:alpine\nCOPY site/ /usr/share/nginx/html/\n');
  });

  it('never overwrites a file: a second run changes nothing and names the clash', async () => {
    const host = await starterHost();
    await run(host, 'starter node-api');
    await run(host, "echo 'my own server' > node-api/server.js");
    const r = await run(host, 'starter node-api');
    expect(r.stderr).toBe('starter: node-api/.dockerignore already exists. Nothing was written: starter never overwrites your files. Pick another folder: starter node-api OTHER-FOLDER\n');
    expect(r.exitCode).toBe(1);
    expect((await run(host, 'cat node-api/server.js')).stdout).toBe('my own server\n');
    expect((await run(host, 'starter node-api api2 && ls api2')).stdout).toContain('server.js');
  });

  it('says plainly when a project does not exist', async () => {
    const r = await run(await starterHost(), 'starter rails');
    expect(r.stderr).toBe('starter: there is no starter project called "rails". Run starter to see the list.\n');
    expect(r.exitCode).toBe(1);
  });

  it('is not a program inside containers or builds', async () => {
    const host = await starterHost();
    expect((await run(host, 'docker run --rm alpine:3.22 starter')).exitCode).not.toBe(0);
  });
});

describe('starter projects', () => {
  it('are the five the course uses, in the shape /file template reads', () => {
    expect(STARTER_PROJECTS.map((p) => p.id)).toEqual(['node-api', 'python-app', 'static-site', 'go-multistage', 'mistakes']);
    expect(loadTemplates().map((t) => t.id).sort()).toEqual(['go-multistage', 'mistakes', 'node-api', 'python-app', 'static-site']);
  });

  for (const id of ['node-api', 'python-app', 'static-site', 'go-multistage']) {
    it(`${id} passes docker build --check with no warnings`, async () => {
      const host = await starterHost();
      const r = await run(host, `starter ${id} && cd ${id} && docker build --check .`);
      expect(r.stdout.endsWith('Check complete, no warnings found.\n')).toBe(true);
      expect(r.exitCode).toBe(0);
    });
  }

  it('mistakes gets Docker warnings from --check and Baleia advice on size, layers and the cache', async () => {
    const host = await starterHost();
    const r = await run(host, 'starter mistakes && cd mistakes && docker build --check .');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Check complete, 3 warnings have been found!\n');
    for (const rule of ['MaintainerDeprecated', 'LegacyKeyValueFormat', 'JSONArgsRecommended']) expect(r.stdout).toContain(`WARNING: ${rule} - `);
    const check = r.events.find((e) => e.kind === 'build.check');
    expect(check?.data).toMatchObject({ warnings: 3 });
    expect(Number(check?.data.advice)).toBeGreaterThanOrEqual(4);
  });

  it('static-site builds on nginx:alpine and serves its page', async () => {
    const host = await starterHost();
    const r = await run(host, 'starter static-site && cd static-site && docker build -t site . && docker run -d -p 8080:80 site && curl -s localhost:8080');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('<h1>Hello from nginx in a container!</h1>');
  });

  it('go-multistage builds a final image a fraction of the size of its build stage', async () => {
    const host = await starterHost();
    await run(host, 'starter go-multistage && cd go-multistage');
    expect((await run(host, 'docker build -t greeter .')).exitCode).toBe(0);
    expect((await run(host, 'docker build --target build -t greeter:build .')).exitCode).toBe(0);
    expect((await run(host, 'docker images --format "{{.Tag}} {{.Size}}" greeter')).stdout).toBe('latest 9.81MB\nbuild 689MB\n');
    expect((await run(host, 'docker run --rm greeter')).stdout).toBe('Hello from a tiny Go binary!\nOnly this program made it into the final image.\n');
  });

  it('node-api builds, and editing server.js keeps npm install cached', async () => {
    const host = await starterHost();
    await run(host, 'starter node-api && cd node-api');
    expect((await run(host, 'docker build -t api .')).exitCode).toBe(0);
    await run(host, "sed -i 's/a container/my container/' server.js");
    const r = await run(host, 'docker build -t api .');
    expect(r.stderr).toContain(' => CACHED [4/5] RUN npm install --omit=dev');
  });

  it('python-app builds with pip', async () => {
    const host = await starterHost();
    expect((await run(host, 'starter python-app && cd python-app && docker build -t web .')).exitCode).toBe(0);
  });

  it('mistakes builds despite its findings, into an image over a gigabyte', async () => {
    const host = await starterHost();
    const r = await run(host, 'starter mistakes && cd mistakes && docker build -t mistakes .');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(' 3 warnings found (use docker --debug to expand):\n');
    expect((await run(host, 'docker images --format "{{.Size}}" mistakes')).stdout).toBe('1.06GB\n');
  });
});
