// Each course fact whose curriculum row says the engine shows it, shown the way a student
// would see it: a script typed into the playground, and what the terminal prints.
import { describe, expect, it } from 'vitest';
import { playScript } from '../support/playground-script';

const out = async (lines: string[]) => (await playScript(lines)).transcript;

describe('the course facts, as the playground shows them', () => {
  it('F01: an image carries its environment, command and layers (docker inspect)', async () => {
    const text = await out(['docker pull nginx', `docker image inspect -f '{{.Config.Env}} {{.Config.Cmd}} {{len .RootFS.Layers}}' nginx`]);
    expect(text).toMatch(/\[PATH=\/usr\/local\/sbin:.* NGINX_VERSION=1\.29\.0 .*\] \[nginx -g daemon off;\] 7\n/);
  });

  it('F03 and F28: images come from a registry, pulled as compressed layers', async () => {
    const { transcript } = await playScript(['docker pull alpine'], { quiet: false });
    expect(transcript).toMatch(/Using default tag: latest\nlatest: Pulling from library\/alpine\n[0-9a-f]{12}: Pull complete\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\ndocker\.io\/library\/alpine:latest\n/);
    expect(transcript).toMatch(/3\.8MB compressed.*8\.31MB/);
  });

  it('F04 and F15: committing a change makes a new image with a new ID; the original never changes', async () => {
    const text = await out([
      'docker pull alpine',
      `docker image inspect -f '{{.Id}}' alpine`,
      `docker run --name box alpine sh -c 'echo hi > /hello'`,
      'docker commit -m "add hello" box alpine-hello',
      `docker image inspect -f '{{.Id}}' alpine`,
      `docker history --format '{{.CreatedBy}} | {{.Comment}}' alpine-hello`,
    ]);
    const ids = [...text.matchAll(/^sha256:[0-9a-f]{64}$/gm)].map((match) => match[0]);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).not.toBe(ids[0]);
    expect(text).toContain('sh -c echo hi > /hello | add hello\n');
  });

  it('F05: an image is a stack of layers, one per instruction that changed files (docker history)', async () => {
    const text = await out(['docker pull nginx', 'docker history nginx']);
    expect(text).toMatch(/IMAGE +CREATED +CREATED BY +SIZE +COMMENT\n/);
    expect(text).toContain('0B        buildkit.dockerfile.v0');
    expect(text).toMatch(/# debian\.sh --arch 'amd64' out\/ 'bookworm' '…   74\.8MB    debuerreotype 0\.15/);
  });

  it('F06: images share layers: the second pull reuses them and system df counts them once', async () => {
    const text = await out(['docker pull nginx', 'docker pull httpd', 'docker system df']);
    expect(text).toMatch(/latest: Pulling from library\/httpd\n[0-9a-f]{12}: Already exists\n/);
    expect(text).toMatch(/Images +2 +0 +\d+(\.\d+)?MB/);
  });

  it('F07 and F37: docker run nginx makes a running container from the nginx image', async () => {
    const text = await out(['docker run -d --name web nginx', `docker ps --format '{{.Image}} {{.Names}} {{.State}}'`]);
    expect(text).toContain('nginx web running\n');
  });

  it("F08 and F18: two containers of one image do not see each other's changes", async () => {
    const text = await out([
      'docker run -d --name one nginx',
      'docker run -d --name two nginx',
      `docker exec one sh -c 'echo only-one > /tmp/note'`,
      'docker exec one cat /tmp/note',
      'docker exec two cat /tmp/note',
    ]);
    expect(text).toContain('only-one\n');
    expect(text).toContain('cat: /tmp/note: No such file or directory');
  });

  it('F10: each container has its own hostname, network address and processes', async () => {
    const text = await out(['docker run -d --name one nginx', 'docker run -d --name two nginx', `docker inspect -f '{{.NetworkSettings.IPAddress}}' one two`, 'docker exec one hostname', 'docker exec two hostname']);
    expect(text).toContain('172.17.0.2\n172.17.0.3\n');
    const hostnames = [...text.matchAll(/^([0-9a-f]{12})$/gm)].map((match) => match[1]);
    expect(new Set(hostnames).size).toBe(2);
  });

  it('F11 and F20: stop keeps the container and its files; rm deletes them', async () => {
    const text = await out([
      'docker run -d --name web nginx',
      `docker exec web sh -c 'echo kept > /tmp/state'`,
      'docker stop web',
      `docker ps -a --format '{{.Names}} {{.State}}'`,
      'docker start web',
      'docker exec web cat /tmp/state',
      'docker rm -f web',
      'docker ps -aq',
    ]);
    expect(text).toContain('web exited\n');
    expect(text).toContain('kept\n');
    expect(text).toMatch(/docker ps -aq\n$/);
  });

  it('F13: a container gets its own name, ports, environment, volumes and memory limit', async () => {
    const text = await out([
      'docker run -d --name web -p 8080:80 -e MODE=dev -v data:/data --memory 256m nginx',
      `docker inspect -f '{{.Name}} {{.HostConfig.PortBindings}} {{.HostConfig.Memory}} {{range .Mounts}}{{.Name}}:{{.Destination}}{{end}}' web`,
      `docker exec web sh -c 'echo $MODE'`,
    ]);
    expect(text).toContain('/web map[80/tcp:[{ 8080}]] 268435456 data:/data\n');
    expect(text).toContain('dev\n');
  });

  it('F14: changes in a container never reach its image: a new container starts clean', async () => {
    const text = await out(['docker run --name one alpine rm /etc/motd', 'docker diff one', 'docker run --rm alpine cat /etc/motd']);
    expect(text).toContain('C /etc\nD /etc/motd\n');
    expect(text).toContain('Welcome to Alpine!');
  });

  it('F19: docker images lists images, docker ps running containers, docker ps -a all of them', async () => {
    const text = await out(['docker run -d --name up nginx', 'docker run --name done alpine true', `docker images --format '{{.Repository}}'`, `docker ps --format '{{.Names}}'`, `docker ps -a --format '{{.Names}}'`]);
    expect(text).toContain("docker images --format '{{.Repository}}'\nnginx\nalpine\n");
    expect(text).toContain("docker ps --format '{{.Names}}'\nup\n");
    expect(text).toContain("docker ps -a --format '{{.Names}}'\ndone\nup\n");
  });

  it('F21: created, running, paused, exited, removed', async () => {
    const text = await out([
      'docker create --name life nginx',
      `docker ps -a --format '{{.Status}}'`,
      'docker start life',
      'docker pause life',
      `docker ps --format '{{.Status}}'`,
      'docker unpause life',
      'docker stop life',
      `docker ps -a --format '{{.Status}}'`,
      'docker rm life',
    ]);
    expect(text).toContain("docker ps -a --format '{{.Status}}'\nCreated\n");
    expect(text).toContain('Up Less than a second (Paused)\n');
    expect(text).toContain('Exited (0) Less than a second ago\n');
    expect(text).toMatch(/docker rm life\nlife\n$/);
  });

  it('F24: a small base image is much smaller than a full distribution', async () => {
    const text = await out(['docker pull alpine', 'docker pull ubuntu', `docker images --format '{{.Repository}} {{.Size}}'`]);
    expect(text).toContain('alpine 8.31MB\n');
    expect(text).toContain('ubuntu 78.1MB\n');
  });

  it('F29: a named volume keeps its data after the container is removed', async () => {
    const text = await out([
      'docker run --name writer -v notes:/data alpine sh -c "echo saved > /data/n.txt"',
      'docker rm writer',
      'docker run --rm -v notes:/data alpine cat /data/n.txt',
    ]);
    expect(text).toContain('saved\n');
  });

  it('F30: one volume shared by two running containers', async () => {
    const text = await out([
      'docker run -d --name one -v shared:/srv nginx',
      'docker run -d --name two -v shared:/srv nginx',
      `docker exec one sh -c 'echo from-one > /srv/msg'`,
      'docker exec two cat /srv/msg',
    ]);
    expect(text).toContain('from-one\n');
  });

  it('F31 and F34: data in a volume outlives the image version that wrote it', async () => {
    const text = await out([
      'docker run --name v1 -v appdata:/data alpine sh -c "echo v1-data > /data/file"',
      'docker rm v1',
      'docker rmi alpine',
      'docker run --rm -v appdata:/data debian:bookworm-slim cat /data/file',
    ]);
    expect(text).toContain('v1-data\n');
  });

  it('F32 and F35: images that declare VOLUME get an anonymous volume on every run (redis, postgres)', async () => {
    const text = await out([
      'docker run -d --name cache redis',
      'docker run -d --name db -e POSTGRES_PASSWORD=secret postgres',
      `docker inspect -f '{{range .Mounts}}{{.Destination}} {{end}}' cache db`,
      'docker volume ls -q',
    ]);
    expect(text).toContain('/data \n/var/lib/postgresql/data \n');
    expect(text.split('docker volume ls -q\n')[1]!.match(/^[0-9a-f]{64}$/gm)).toHaveLength(2);
  });

  it('F33: docker run -v name:/path mounts a named volume, as inspect shows', async () => {
    const text = await out(['docker run -d --name web -v site:/usr/share/nginx/html nginx', `docker inspect -f '{{json .Mounts}}' web`]);
    expect(text).toContain('"Type":"volume","Name":"site","Source":"/var/lib/docker/volumes/site/_data","Destination":"/usr/share/nginx/html","Driver":"local","Mode":"z","RW":true');
  });

  describe('building images', () => {
    const dockerfile = [
      "cat > Dockerfile <<'EOF'",
      'FROM alpine:3.22',
      'WORKDIR /app',
      'COPY deps.txt .',
      'RUN cat deps.txt > installed.txt',
      'COPY . .',
      'CMD ["cat", "/app/message.txt"]',
      'EOF',
    ];
    const project = ['echo "left-pad" > deps.txt', 'echo "hello v1" > message.txt', ...dockerfile];

    it('F05, F22 and F23: docker build -t turns a Dockerfile into an image, one layer per file-changing step', async () => {
      const text = await out([...project, 'docker build -t app .', 'docker run --rm app', `docker history --no-trunc --format '{{.CreatedBy}}|{{.Size}}' app`]);
      expect(text).toContain(' => naming to docker.io/library/app:latest');
      expect(text).toContain('docker run --rm app\nhello v1\n');
      expect(text).toMatch(/CMD \["cat" "\/app\/message\.txt"\]\|0B\nCOPY \. \. # buildkit\|\d+B\nRUN \/bin\/sh -c cat deps\.txt > installed\.txt # buildkit\|\d+B\nCOPY deps\.txt \. # buildkit\|\d+B\nWORKDIR \/app\|0B\n/);
    });

    it('F04 and F16: to change an image, change its files and rebuild: a new ID, the old one dangling', async () => {
      const text = await out([...project, 'docker build -q -t app .', 'echo "hello v2" > message.txt', 'docker build -q -t app .', 'docker run --rm app', `docker images --format '{{.Repository}}:{{.Tag}}'`]);
      const ids = [...text.matchAll(/^sha256:[0-9a-f]{64}$/gm)].map((match) => match[0]);
      expect(ids).toHaveLength(2);
      expect(ids[0]).not.toBe(ids[1]);
      expect(text).toContain('hello v2\n');
      expect(text).toContain('app:latest\n<none>:<none>\n');
    });

    it('F06 and F26: a rebuild after editing a file reuses the steps before the copy of that file', async () => {
      const text = await out([...project, 'docker build -t app .', '# wait 30', 'echo "hello v2" > message.txt', 'docker build -t app .']);
      const second = text.slice(text.lastIndexOf('docker build -t app .'));
      expect(second).toContain(' => CACHED [2/5] WORKDIR /app');
      expect(second).toContain(' => CACHED [3/5] COPY deps.txt .');
      expect(second).toContain(' => CACHED [4/5] RUN cat deps.txt > installed.txt');
      expect(second).toMatch(/ => \[5\/5\] COPY \. \. +\d\.\ds/);
    });

    it('F25: fewer RUN lines make fewer layers', async () => {
      const text = await out([
        "cat > Dockerfile <<'EOF'\nFROM alpine:3.22\nRUN echo a > /a\nRUN echo b > /b\nRUN echo c > /c\nEOF",
        'docker build -q -t many .',
        "cat > Dockerfile <<'EOF'\nFROM alpine:3.22\nRUN echo a > /a && echo b > /b && echo c > /c\nEOF",
        'docker build -q -t one .',
        `docker image inspect -f '{{len .RootFS.Layers}}' many one`,
      ]);
      expect(text).toContain("'{{len .RootFS.Layers}}' many one\n4\n2\n");
    });

    it('F27: a multi-stage build keeps only the final stage, so the image is much smaller', async () => {
      const text = await out(['starter go-multistage', 'cd go-multistage', 'docker build -q -t greeter .', 'docker pull golang:1.24', `docker images --format '{{.Repository}} {{.Size}}'`]);
      expect(text).toMatch(/golang \d+MB\n/);
      expect(text).toMatch(/greeter \d+(\.\d+)?MB\n/);
      const sizes = Object.fromEntries([...text.matchAll(/^(golang|greeter) ([\d.]+)MB$/gm)].map((match) => [match[1], Number(match[2])]));
      expect(sizes.greeter).toBeLessThan(sizes.golang! / 20);
    });

    it('F31: rebuilding the image keeps the data in its volume', async () => {
      const text = await out([
        ...project,
        'docker build -q -t app .',
        'docker run --rm -v appdata:/data app sh -c "echo kept > /data/file"',
        'echo "hello v2" > message.txt',
        'docker build -q -t app .',
        'docker run --rm -v appdata:/data app cat /data/file',
      ]);
      expect(text).toMatch(/cat \/data\/file\nkept\n$/);
    });
  });
});

