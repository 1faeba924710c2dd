import { describe, expect, it } from 'vitest';
import { TestHost } from '../support/test-host';

const text = TestHost.text;

describe('running containers', () => {
  it('pulls a missing image on docker run, prints its output and exits 0', async () => {
    const host = new TestHost();
    const result = await host.run('docker run alpine echo hi');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/^Unable to find image 'alpine:latest' locally\nlatest: Pulling from library\/alpine\n[0-9a-f]{12}: Pull complete\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\n$/);
    expect(result.stdout).toBe('hi\n');
  });

  it('lists a stopped container only with ps -a, in Docker table layout', async () => {
    const host = new TestHost();
    await host.run('docker run --name first alpine echo hi');
    host.advance(120);
    expect((await host.run('docker ps')).stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
    const all = await host.run('docker ps -a');
    expect(all.stdout).toMatch(/^CONTAINER ID   IMAGE     COMMAND     CREATED         STATUS                     PORTS     NAMES\n[0-9a-f]{12}   alpine    "echo hi"   2 minutes ago   Exited \(0\) 2 minutes ago             first\n$/);
  });

  it('keeps a server running with its ports published and serves its html through curl', async () => {
    const host = new TestHost();
    const run = await host.run('docker run -d --name web -p 8080:80 nginx');
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    host.advance(3);
    expect((await host.run('docker ps --format "{{.Names}} {{.Status}} {{.Ports}}"')).stdout).toBe('web Up 3 seconds 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n');
    expect((await host.run('curl -s localhost:8080')).stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect((await host.run('curl -s localhost:9999')).stderr).toBe("curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n");
  });

  it('refuses to remove a running container with the daemon message, and removes it with -f', async () => {
    const host = new TestHost();
    await host.run('docker run -d --name web nginx');
    const refused = await host.run('docker rm web');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe('Error response from daemon: cannot remove container "web": container is running: stop the container before removing or force remove\n');
    expect(refused.events.map((event) => event.data.code)).toContain('container.remove-running');
    const forced = await host.run('docker rm -f web');
    expect(forced.stdout).toBe('web\n');
    expect(text(await host.run('docker ps -aq'))).toBe('');
  });

  it('exits at once when the main command is a shell without a terminal', async () => {
    const host = new TestHost();
    const result = await host.run('docker run --name box alpine');
    expect(result.exitCode).toBe(0);
    expect(result.events.find((event) => event.kind === 'container.exited')?.data.why).toBe('shell-eof');
  });

  it('runs a timed command: Up while sleeping, Exited (0) once the time has passed', async () => {
    const host = new TestHost();
    await host.run('docker run -d --name nap alpine sleep 30');
    host.advance(10);
    expect((await host.run('docker ps --format "{{.Status}}"')).stdout).toBe('Up 10 seconds\n');
    host.advance(25);
    expect((await host.run('docker ps -a --format "{{.Status}}"')).stdout).toBe('Exited (0) 5 seconds ago\n');
  });

  it('moves the prompt into the container with -it and stops the container on exit', async () => {
    const host = new TestHost();
    const attached = await host.run('docker run -it --name box alpine');
    expect(attached.prompt).toBe('/ # ');
    await host.run('cd /tmp');
    expect((await host.run('pwd')).stdout).toBe('/tmp\n');
    expect((await host.run('echo note > n.txt')).exitCode).toBe(0);
    const left = await host.run('exit');
    expect(left.prompt).toBe('ana@baleia:~$ ');
    expect((await host.run('docker ps -a --format "{{.Names}} {{.State}}"')).stdout).toBe('box exited\n');
    // An interactive ash session also leaves its history file, as on a real host.
    expect((await host.run('docker diff box')).stdout).toBe('C /root\nA /root/.ash_history\nC /tmp\nA /tmp/n.txt\n');
    expect((await host.run('docker exec box cat /root/.ash_history')).stderr).toContain('is not running');
  });

  it('keeps the writable layer across stop and start, and loses it on rm', async () => {
    const host = new TestHost();
    await host.run('docker run -d --name web nginx');
    await host.run("docker exec web sh -c 'echo kept > /tmp/state'");
    await host.run('docker stop web');
    await host.run('docker start web');
    expect((await host.run('docker exec web cat /tmp/state')).stdout).toBe('kept\n');
    await host.run('docker rm -f web');
    await host.run('docker run -d --name web nginx');
    expect((await host.run('docker exec web cat /tmp/state')).stderr).toContain('No such file or directory');
  });

  it('gives the shell of the image: alpine has no curl and says so like busybox ash', async () => {
    const host = new TestHost();
    await host.run('docker pull alpine');
    const result = await host.run("docker run alpine sh -c 'curl localhost'");
    expect(result.stderr).toBe('sh: curl: not found\n');
    expect(result.exitCode).toBe(127);
  });

  it('fails to start a command the image does not ship, with exit code 127', async () => {
    const host = new TestHost();
    await host.run('docker pull alpine');
    const result = await host.run('docker run --name broken alpine bash');
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "bash": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
    );
    expect((await host.run('docker ps -a --format "{{.Status}}"')).stdout).toBe('Created\n');
  });
});

describe('volumes', () => {
  it('keeps a named volume and its data after the container is removed', async () => {
    const host = new TestHost();
    await host.run('docker run -d --name web -p 8080:80 -v site:/usr/share/nginx/html nginx');
    await host.run(`docker exec web sh -c 'echo "<h1>oi</h1>" > /usr/share/nginx/html/index.html'`);
    await host.run('docker rm -f web');
    await host.run('docker run -d --name web2 -p 8080:80 -v site:/usr/share/nginx/html nginx');
    expect((await host.run('curl -s localhost:8080')).stdout).toBe('<h1>oi</h1>\n');
    expect((await host.run('docker volume ls')).stdout).toBe('DRIVER    VOLUME NAME\nlocal     site\n');
  });

  it('fills a new empty volume with what the image has at that path', async () => {
    const host = new TestHost();
    const run = await host.run('docker run --rm -v webdata:/usr/share/nginx/html nginx ls /usr/share/nginx/html');
    expect(run.stdout).toBe('50x.html\nindex.html\n');
    expect(run.events.some((event) => event.kind === 'volume.seeded')).toBe(true);
  });

  it('refuses to remove a volume a container uses', async () => {
    const host = new TestHost();
    await host.run('docker run --name c1 -v data:/data alpine true');
    const refused = await host.run('docker volume rm data');
    const id = Object.keys(host.state.containers)[0];
    expect(refused.stderr).toBe(`Error response from daemon: remove data: volume is in use - [${id}]\n`);
  });
});

describe('more of the container lifecycle', () => {
  it('restarts a failing container up to the on-failure limit, then leaves it exited', async () => {
    const host = new TestHost();
    await host.run('docker pull alpine');
    await host.run('docker run -d --restart on-failure:3 --name nap alpine sh -c "sleep 5; exit 2"');
    host.advance(30);
    expect((await host.run('docker ps -a --format "{{.Status}}"')).stdout).toBe('Exited (2) 10 seconds ago\n');
    expect((await host.run('docker inspect -f "{{.RestartCount}}" nap')).stdout).toBe('3\n');
  });

  it('shows a container that exits at once under --restart always as Restarting', async () => {
    const host = new TestHost();
    await host.run('docker pull alpine');
    await host.run('docker run -d --restart always --name again alpine');
    host.advance(2);
    expect((await host.run('docker ps --format "{{.Status}}"')).stdout).toBe('Restarting (0) 2 seconds ago\n');
  });

  it('runs what is piped into docker run -i as the shell script', async () => {
    const host = new TestHost();
    await host.run('docker pull alpine');
    expect((await host.run("echo 'cat /etc/alpine-release' | docker run -i --rm alpine sh")).stdout).toBe('3.22.0\n');
  });

  it('attaches to a detached interactive shell and exits with it', async () => {
    const host = new TestHost();
    await host.run('docker pull debian:bookworm-slim');
    await host.run('docker run -dit --name shell debian:bookworm-slim');
    expect((await host.run('docker attach shell')).prompt).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    expect((await host.run('exit')).prompt).toBe('ana@baleia:~$ ');
    expect((await host.run('docker ps -a --format "{{.State}}"')).stdout).toBe('exited\n');
  });

  it('lets containers on a user network reach each other by name, but not on the default bridge', async () => {
    const host = new TestHost();
    await host.run('docker network create app');
    await host.run('docker run -d --name db --network app nginx');
    await host.run('docker run -d --name lone nginx');
    expect((await host.run('docker run --rm --network app nginx curl -s db')).stdout).toContain('Welcome to nginx!');
    expect((await host.run('docker exec lone curl -s db')).stderr).toBe('curl: (6) Could not resolve host: db\n');
  });

  it('copies files between the home directory and a stopped container', async () => {
    const host = new TestHost();
    await host.run('echo "<p>copied</p>" > page.html');
    await host.run('docker create --name web nginx');
    const copy = await host.run('docker cp page.html web:/usr/share/nginx/html/page.html');
    expect(copy.stderr).toBe('Successfully copied 2.05kB to web:/usr/share/nginx/html/page.html\n');
    await host.run('docker start web');
    expect((await host.run('docker exec web cat /usr/share/nginx/html/page.html')).stdout).toBe('<p>copied</p>\n');
  });
});

describe('bind mounts and interactive programs', () => {
  it("serves the student's own files with a bind mount, live", async () => {
    const host = new TestHost();
    await host.run('mkdir site && echo "<h1>v1</h1>" > site/index.html');
    await host.run('docker run -d --name web -p 8080:80 -v ./site:/usr/share/nginx/html nginx');
    expect((await host.run('curl -s localhost:8080')).stdout).toBe('<h1>v1</h1>\n');
    await host.run('echo "<h1>v2</h1>" > site/index.html');
    expect((await host.run('curl -s localhost:8080')).stdout).toBe('<h1>v2</h1>\n');
    expect((await host.run('docker inspect -f "{{json .HostConfig.Binds}}" web')).stdout).toBe('["/home/ana/site:/usr/share/nginx/html"]\n');
  });

  it('opens a Python prompt with docker run -it python and leaves it with exit()', async () => {
    const host = new TestHost({ catalog: new URL('../../data/images/catalog.json', import.meta.url).pathname });
    await host.run('docker pull python:3.13-slim');
    const run = await host.run('docker run -it --name py python:3.13-slim');
    expect(run.stdout).toMatch(/^Python 3\.13\.5 .*\nType "help", "copyright", "credits" or "license" for more information\.\n$/);
    expect(run.prompt).toBe('>>> ');
    expect((await host.run('print("oi")')).stdout).toBe('oi\n');
    expect((await host.run('2 + 3 * 4')).stdout).toBe('14\n');
    expect((await host.run('exit()')).prompt).toBe('ana@baleia:~$ ');
  });
});

describe("students' own apps", () => {
  const packageJson = `{"name":"api","version":"1.0.0","scripts":{"start":"node server.js"},"dependencies":{"express":"^5.1.0"}}`;
  const server = [
    "const express = require('express');",
    'const app = express();',
    'const port = process.env.PORT || 3000;',
    "app.get('/', (req, res) => res.send('Hello from the API'));",
    'app.listen(port, () => console.log(`API listening on port ${port}`));',
  ].join('\n');

  async function writeApi(host: TestHost) {
    await host.run(`mkdir api && printf '%s' '${packageJson}' > api/package.json`);
    await host.run(`cat > api/server.js <<'EOF'\n${server}\nEOF`);
  }

  it('runs an express app after npm install and answers through the published port', async () => {
    const host = new TestHost({ catalog: new URL('../../data/images/catalog.json', import.meta.url).pathname });
    await writeApi(host);
    await host.run('docker pull node:22-alpine');
    await host.run('docker run -d --name api -p 3000:3000 -v ./api:/app -w /app node:22-alpine sh -c "npm install && npm start"');
    expect((await host.run('docker logs api')).stdout).toContain('API listening on port 3000\n');
    expect((await host.run('curl -s localhost:3000')).stdout).toBe('Hello from the API');
  });

  it('fails like node does when the dependencies were never installed', async () => {
    const host = new TestHost({ catalog: new URL('../../data/images/catalog.json', import.meta.url).pathname });
    await writeApi(host);
    await host.run('docker pull node:22-alpine');
    const run = await host.run('docker run --rm -v ./api:/app -w /app node:22-alpine node server.js');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("Error: Cannot find module 'express'");
  });
});
