// docker build's output as buildx 0.24 prints it: the tty screen a terminal keeps after the
// build (the chat shows a terminal), the plain text form, -q, and the names it gives.
import { describe, expect, it } from 'vitest';
import { newHost, run, SMALL_APP, writeProject } from './support';

const FIRST_BUILD = `[+] Building 2.4s (11/11) FINISHED                               docker:default
 => [internal] load build definition from Dockerfile                       0.0s
 => => transferring dockerfile: 224B                                       0.0s
 => [internal] load metadata for docker.io/library/alpine:3.22             1.3s
 => [auth] library/alpine:pull token for registry-1.docker.io              0.0s
 => [internal] load .dockerignore                                          0.0s
 => => transferring context: 2B                                            0.0s
 => [1/5] FROM docker.io/library/alpine:3.22@sha256:718acc95a725574b564d5  0.3s
 => => resolve docker.io/library/alpine:3.22@sha256:718acc95a725574b564d5  0.0s
 => => sha256:ae36502934949958e0daf27432f4445f4a0502d5691543d 527B / 527B  0.0s
 => => sha256:aa1c0df2fb03cdbf197905c1b860ff73acdad1f6da8bc0f 600B / 600B  0.0s
 => => sha256:ba84740b614e5dc2409e0b875d14a42436f83ec9e0e 3.80MB / 3.80MB  0.2s
 => => extracting sha256:ba84740b614e5dc2409e0b875d14a42436f83ec9e0eb58f8  0.1s
 => [internal] load build context                                          0.0s
 => => transferring context: 373B                                          0.0s
 => [2/5] WORKDIR /app                                                     0.1s
 => [3/5] COPY package.json .                                              0.0s
 => [4/5] RUN echo "installing" && mkdir -p node_modules && echo ok > nod  0.2s
 => [5/5] COPY . .                                                         0.0s
 => exporting to image                                                     0.1s
 => => exporting layers                                                    0.1s
 => => writing image sha256:d9300a3db40349aa587c1aa794de123d15ee4294e3a20  0.0s
 => => naming to docker.io/library/app:latest                              0.0s
`;

const REBUILD = `[+] Building 0.8s (10/10) FINISHED                               docker:default
 => [internal] load build definition from Dockerfile                       0.0s
 => => transferring dockerfile: 224B                                       0.0s
 => [internal] load metadata for docker.io/library/alpine:3.22             0.5s
 => [internal] load .dockerignore                                          0.0s
 => => transferring context: 2B                                            0.0s
 => [1/5] FROM docker.io/library/alpine:3.22@sha256:718acc95a725574b564d5  0.0s
 => [internal] load build context                                          0.0s
 => => transferring context: 380B                                          0.0s
 => CACHED [2/5] WORKDIR /app                                              0.0s
 => CACHED [3/5] COPY package.json .                                       0.0s
 => CACHED [4/5] RUN echo "installing" && mkdir -p node_modules && echo o  0.0s
 => [5/5] COPY . .                                                         0.0s
 => exporting to image                                                     0.1s
 => => exporting layers                                                    0.1s
 => => writing image sha256:68fd6181f8de87a4a2390aa4139e189f68890fb4b29f6  0.0s
 => => naming to docker.io/library/app:latest                              0.0s
`;

const PLAIN = `#0 building with "default" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 224B done
#1 DONE 0.0s

#2 [internal] load metadata for docker.io/library/alpine:3.22
#2 DONE 1.3s

#3 [auth] library/alpine:pull token for registry-1.docker.io
#3 DONE 0.0s

#4 [internal] load .dockerignore
#4 transferring context: 2B done
#4 DONE 0.0s

#5 [1/5] FROM docker.io/library/alpine:3.22@sha256:718acc95a725574b564d51c1d08a7dca4e984137fa2b0c2f14ac469dffc02185
#5 resolve docker.io/library/alpine:3.22@sha256:718acc95a725574b564d51c1d08a7dca4e984137fa2b0c2f14ac469dffc02185 done
#5 sha256:ae36502934949958e0daf27432f4445f4a0502d5691543d16840ac87e07a225c 527B / 527B done
#5 sha256:aa1c0df2fb03cdbf197905c1b860ff73acdad1f6da8bc0fc7571dca9951a1164 600B / 600B 0.0s done
#5 sha256:ba84740b614e5dc2409e0b875d14a42436f83ec9e0eb58f808e8c5633ee5782d 3.80MB / 3.80MB 0.2s done
#5 extracting sha256:ba84740b614e5dc2409e0b875d14a42436f83ec9e0eb58f808e8c5633ee5782d 0.1s done
#5 DONE 0.3s

#6 [internal] load build context
#6 transferring context: 373B done
#6 DONE 0.0s

#7 [2/5] WORKDIR /app
#7 DONE 0.1s

#8 [3/5] COPY package.json .
#8 DONE 0.0s

#9 [4/5] RUN echo "installing" && mkdir -p node_modules && echo ok > node_modules/dep.txt
#9 0.122 installing
#9 DONE 0.2s

#10 [5/5] COPY . .
#10 DONE 0.0s

#11 exporting to image
#11 exporting layers 0.1s done
#11 writing image sha256:d9300a3db40349aa587c1aa794de123d15ee4294e3a203bfa86a725b35cd5f10 done
#11 naming to docker.io/library/app:latest done
#11 DONE 0.1s
`;

describe('docker build output', () => {
  it('shows the first build as BuildKit leaves it in a terminal: base download, every step, the image', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    const r = await run(host, 'docker build -t app app');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(FIRST_BUILD);
    expect(r.exitCode).toBe(0);
  });

  it('marks the steps before COPY . . as CACHED after editing server.js', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    await run(host, 'docker build -t app app');
    host.advance(30);
    writeProject(host, 'app', { 'server.js': 'console.log("hello, world");\n' });
    const r = await run(host, 'docker build -t app app');
    expect(r.stderr).toBe(REBUILD);
    expect(r.exitCode).toBe(0);
  });

  it('prints the plain form with --progress=plain, RUN output included', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    const r = await run(host, 'docker build --progress=plain -t app app');
    expect(r.stderr).toBe(PLAIN);
  });

  it('prints only the image ID on stdout with -q', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    const r = await run(host, 'docker build -q app');
    expect(r.stdout).toBe('sha256:d9300a3db40349aa587c1aa794de123d15ee4294e3a203bfa86a725b35cd5f10\n');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('refuses -q with a progress mode other than auto or quiet', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    const r = await run(host, 'docker build -q --progress=plain app');
    expect(r.stderr).toBe('ERROR: progress=plain and quiet cannot be used together\n');
    expect(r.exitCode).toBe(1);
  });

  it('names the image once per -t, and a build without -t leaves a <none> image', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    const tagged = await run(host, 'docker build -t app -t ana/app:1.0 app');
    expect(tagged.stderr).toContain(' => => naming to docker.io/library/app:latest                              0.0s\n');
    expect(tagged.stderr).toContain(' => => naming to docker.io/ana/app:1.0                                     0.0s\n');
    const other = newHost();
    writeProject(other, 'app', SMALL_APP);
    const bare = await run(other, 'docker build app');
    expect(bare.stderr).not.toContain('naming to');
    expect((await run(other, 'docker images')).stdout).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED                  SIZE\n<none>       <none>    d9300a3db403   Less than a second ago   8.31MB\n',
    );
  });

  it('records the build in docker history: layer steps with # buildkit, settings as 0B rows', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    await run(host, 'docker build -t app app');
    expect((await run(host, 'docker history app')).stdout).toBe(`IMAGE          CREATED        CREATED BY                                      SIZE      COMMENT
d9300a3db403   1 second ago   CMD ["node" "server.js"]                        0B        buildkit.dockerfile.v0
<missing>      1 second ago   EXPOSE map[3000/tcp:{}]                         0B        buildkit.dockerfile.v0
<missing>      1 second ago   COPY . . # buildkit                             238B      buildkit.dockerfile.v0
<missing>      1 second ago   RUN /bin/sh -c echo "installing" && mkdir -p…   3B        buildkit.dockerfile.v0
<missing>      1 second ago   COPY package.json . # buildkit                  38B       buildkit.dockerfile.v0
<missing>      1 second ago   WORKDIR /app                                    0B        buildkit.dockerfile.v0
<missing>      9 months ago   CMD ["/bin/sh"]                                 0B        buildkit.dockerfile.v0
<missing>      9 months ago   ADD alpine-minirootfs-3.22.0-x86_64.tar.gz /…   8.31MB    buildkit.dockerfile.v0
`);
  });

  it('gives the image the config the Dockerfile sets', async () => {
    const host = newHost();
    writeProject(host, 'app', SMALL_APP);
    await run(host, 'docker build -t app --label course=baleia app');
    const r = await run(host, "docker inspect --format '{{json .Config.Cmd}} {{.Config.WorkingDir}} {{json .Config.ExposedPorts}} {{json .Config.Labels}}' app");
    expect(r.stdout).toBe('["node","server.js"] /app {"3000/tcp":{}} {"course":"baleia"}\n');
  });

  it('prints the warnings Docker raises after a successful build', async () => {
    const host = newHost();
    writeProject(host, 'app', { Dockerfile: 'FROM alpine:3.22\nENV MODE dev\nCMD echo hi\n' });
    const r = await run(host, 'docker build -t app app');
    expect(r.exitCode).toBe(0);
    expect(r.stderr.endsWith(`
 2 warnings found (use docker --debug to expand):
 - LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (line 2)
 - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 3)
`)).toBe(true);
  });
});

describe('docker build arguments, as the buildx plugin checks them', () => {
  it('needs exactly one context argument', async () => {
    const r = await run(newHost(), 'docker build -t app');
    expect(r.stderr).toBe(
      "ERROR: docker: 'docker buildx build' requires 1 argument\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nRun 'docker buildx build --help' for more information\n",
    );
    expect(r.exitCode).toBe(1);
  });

  it('prints buildx help for docker build --help, with no legacy-builder warning', async () => {
    const r = await run(newHost(), 'docker build --help');
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('Usage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build\n\nAliases:\n  docker build, docker builder build, docker image build, docker buildx b\n')).toBe(true);
    expect(r.stdout).toContain('      --check                         Shorthand for "--call=check"\n');
  });

  it('refuses an unknown flag with exit 125', async () => {
    const r = await run(newHost(), 'docker build --bogus .');
    expect(r.stderr).toBe("unknown flag: --bogus\n\nUsage:  docker buildx build [OPTIONS] PATH | URL | -\n\nRun 'docker buildx build --help' for more information\n");
    expect(r.exitCode).toBe(125);
  });

  it('refuses a tag that is not a valid reference', async () => {
    const r = await run(newHost(), 'docker build -t Web .');
    expect(r.stderr).toBe('ERROR: invalid tag "Web": invalid reference format: repository name (library/Web) must be lowercase\n');
    expect(r.exitCode).toBe(1);
  });

  it('says when the context folder does not exist', async () => {
    const r = await run(newHost(), 'docker build -t app nope');
    expect(r.stderr).toBe('ERROR: unable to prepare context: path "nope" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('builds the same way as docker image build, docker builder build and docker buildx build', async () => {
    for (const command of ['image build', 'builder build', 'buildx build']) {
      const host = newHost();
      writeProject(host, 'app', SMALL_APP);
      const r = await run(host, `docker ${command} -q app`);
      expect(r.stdout).toBe('sha256:d9300a3db40349aa587c1aa794de123d15ee4294e3a203bfa86a725b35cd5f10\n');
    }
  });
});
