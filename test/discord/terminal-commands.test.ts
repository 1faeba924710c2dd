// /docker and /sh end to end: a real discord.js client against the fake Discord, the real
// use cases on an in-memory SQLite store, the mini catalogue.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootBot, buttons, reply, terminal, type Booted } from './support/boot';

let b: Booted;
beforeAll(async () => {
  b = await bootBot();
});
afterAll(async () => {
  await b?.close();
});
afterEach(() => b.fake.assertClean());

const docker = (command: string, user?: string) => b.fake.slash('docker', { options: { command }, ...(user ? { user } : {}) });
const sh = (line: string, user?: string) => b.fake.slash('sh', { options: { line }, ...(user ? { user } : {}) });

describe('/docker', () => {
  it('runs nginx detached and answers with the exact transcript, an explanation and next steps', async () => {
    const handle = docker('run -d --name web -p 8080:80 nginx');
    const response = await handle.waitForResponse();
    expect(response.type).toBe(4);
    expect(response.ephemeral).toBe(true);
    const message = await reply(handle);
    expect(terminal(message)).toMatch(
      /^student@baleia:~\$ docker run -d --name web -p 8080:80 nginx\nUnable to find image 'nginx:latest' locally\nlatest: Pulling from library\/nginx\n([0-9a-f]{12}: Pull complete\n){3}Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for nginx:latest\n[0-9a-f]{64}$/,
    );
    const embed = message.embeds[0]!;
    expect(embed.fields[0].name).toBe('O que aconteceu');
    expect(embed.fields[0].value).toContain('nginx:latest');
    expect(embed.footer.text).toBe('código de saída 0 · Fatos do curso: F03 F07 F13 F21 F28');
    expect(buttons(message)).toEqual(['docker ps', 'docker logs web', 'curl -s localhost:8080', 'docker exec -it web sh']);
  });

  it('takes the line with or without the docker prefix and lists the running container', async () => {
    b.advance(60);
    const message = await reply(docker('docker ps'));
    expect(terminal(message)).toBe(
      [
        'student@baleia:~$ docker ps',
        'CONTAINER ID   IMAGE     COMMAND                  CREATED              STATUS              PORTS                                     NAMES',
        'ca53e5a2d801   nginx     "/docker-entrypoint.…"   About a minute ago   Up About a minute   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web',
      ].join('\n'),
    );
    expect(buttons(message)).toEqual(['docker ps -a']);
  });

  it('runs the next step when its button is pressed, as a new reply', async () => {
    const first = await reply(docker('run -d --name cache nginx'));
    const click = b.fake.clickButton(first, first.components[0]!.components[1].custom_id);
    const message = await reply(click);
    expect(message.id).not.toBe(first.id);
    expect(terminal(message)).toBe(
      'student@baleia:~$ docker logs cache\n/docker-entrypoint.sh: Configuration complete; ready for start up\n2026/03/02 12:01:00 [notice] 1#1: nginx/1.29.0',
    );
  });

  it('offers the obvious fix after a name conflict', async () => {
    const message = await reply(docker('run -d --name web nginx'));
    expect(terminal(message)).toContain('Conflict. The container name "/web" is already in use');
    expect(message.embeds[0]!.color).toBe(0xe5534b);
    expect(buttons(message)).toEqual(['docker ps -a', 'docker rm -f web']);
  });

  it('keeps each student on their own host', async () => {
    b.fake.addMember({ username: 'bruno', locale: 'en-US' });
    const message = await reply(docker('ps -a --format "{{.Names}}"', 'bruno'));
    expect(terminal(message)).toBe('bruno@baleia:~$ docker ps -a --format "{{.Names}}"');
    expect(message.embeds[0]!.footer.text).toBe('exit code 0');
  });
});

describe('/sh', () => {
  it('curls the published port from the host shell', async () => {
    const message = await reply(sh('curl -s localhost:8080'));
    expect(terminal(message)).toBe(
      'student@baleia:~$ curl -s localhost:8080\n<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>',
    );
  });

  it('runs lines inside the container after docker run -it, until exit', async () => {
    const attached = await reply(docker('run -it --name box alpine'));
    expect(terminal(attached).split('\n')[0]).toBe('student@baleia:~$ docker run -it --name box alpine');
    expect(terminal(attached).split('\n').at(-1)).toBe('/ #');
    expect(buttons(attached)).toEqual(['exit', 'cat /etc/os-release', 'ls']);
    expect(attached.embeds[0]!.footer.text).toContain('dentro de um contêiner');

    const inside = await reply(sh('echo hello > /greeting.txt && cat /greeting.txt'));
    expect(terminal(inside)).toBe('/ # echo hello > /greeting.txt && cat /greeting.txt\nhello');
    expect(buttons(inside)).toEqual(['exit', 'ls']);

    const exit = await reply(b.fake.clickButton(inside, inside.components[0]!.components[0].custom_id));
    expect(terminal(exit)).toBe('/ # exit\nstudent@baleia:~$');
    expect(exit.embeds[0]!.fields[0].value).toContain('box');
    expect(buttons(exit)).toEqual(['docker ps -a']);

    const back = await reply(sh('pwd'));
    expect(terminal(back)).toBe('student@baleia:~$ pwd\n/home/student');
  });
});

describe('/docker autocomplete', () => {
  const suggest = async (command: string) => {
    const response = await b.fake.autocomplete('docker', { options: { command }, focused: 'command' }).waitForResponse();
    expect(response.type).toBe(8);
    return (response.choices ?? []).map((choice) => String(choice.value));
  };

  it('completes subcommands, most used first', async () => {
    expect((await suggest('r')).slice(0, 5)).toEqual(['r', 'run', 'rm', 'rmi', 'rename']);
    expect(await suggest('volume c')).toEqual(['volume c', 'volume create']);
  });

  it('completes the flags of the command being typed', async () => {
    expect(await suggest('run --n')).toEqual(['run --n', 'run --name', 'run --network', 'run --network-alias', 'run --no-healthcheck']);
    expect(await suggest('ps -')).toContain('ps -a');
  });

  it("completes the student's own containers, images and volumes", async () => {
    await reply(docker('volume create site'));
    expect(await suggest('logs ')).toEqual(['logs', 'logs cache', 'logs web', 'logs box']);
    expect(await suggest('docker stop w')).toEqual(['docker stop w', 'docker stop web']);
    expect(await suggest('rmi a')).toEqual(['rmi a', 'rmi alpine:latest']);
    expect(await suggest('run -v ')).toEqual(['run -v', 'run -v site:']);
    expect(await suggest('run -d ng')).toEqual(['run -d ng', 'run -d nginx:latest', 'run -d nginx']);
  });
});
