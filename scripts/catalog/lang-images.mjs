// Language runtimes: node (on buildpack-deps and Alpine), python (on buildpack-deps and
// Debian slim), golang (on buildpack-deps:scm and Alpine, for multi-stage builds).
import { ALPINE_GROUP, ALPINE_PASSWD, DEBIAN_GROUP, DEBIAN_PASSWD, bin, dir, lines, link, script, withLines } from './base.mjs';
import { NODE_ENTRYPOINT, NPM_CLI, PIP_SCRIPT, YARN_BIN } from './content.mjs';
import { ALPINE_BASE, BUILDPACK_BASE, BUILDPACK_SCM_BASE, DEBIAN_SLIM_BASE } from './os-images.mjs';
import { PATH, at, bk, envSteps, image, layer } from './lib.mjs';

// ---------------------------------------------------------------- node

/** What the Node.js tarball puts under /usr/local, the same on Debian and Alpine. */
const nodeFiles = (nodeSize) => ({
  '/usr/local/bin/node': bin(nodeSize),
  '/usr/local/bin/nodejs': link('/usr/local/bin/node'),
  '/usr/local/bin/npm': link('../lib/node_modules/npm/bin/npm-cli.js'),
  '/usr/local/bin/npx': link('../lib/node_modules/npm/bin/npx-cli.js'),
  '/usr/local/bin/corepack': link('../lib/node_modules/corepack/dist/corepack.js'),
  '/usr/local/lib/node_modules/npm/bin/npm-cli.js': script(NPM_CLI),
  '/usr/local/lib/node_modules/npm/bin/npx-cli.js': script(lines('#!/usr/bin/env node', "require('../lib/cli.js')(process, 'npx')")),
  '/usr/local/lib/node_modules/corepack/dist/corepack.js': script(lines('#!/usr/bin/env node', "require('./lib/corepack.cjs').runMain(process.argv.slice(2))")),
  '/usr/local/include/node/node.h': { content: '// Node.js embedder API (stand-in)\n', size: 63_844 },
});
const yarnFiles = () => ({
  '/opt/yarn-v1.22.22/bin/yarn': script(YARN_BIN),
  '/opt/yarn-v1.22.22/bin/yarnpkg': script(lines('#!/usr/bin/env node', "require('./yarn.js')")),
  '/opt/yarn-v1.22.22/bin/yarn.js': script(lines('#!/usr/bin/env node', "require('../lib/cli').default()")),
  '/opt/yarn-v1.22.22/lib/cli.js': { content: '// yarn 1.22.22 (stand-in)\n', size: 5_281_043 },
  '/usr/local/bin/yarn': link('/opt/yarn-v1.22.22/bin/yarn'),
  '/usr/local/bin/yarnpkg': link('/opt/yarn-v1.22.22/bin/yarnpkg'),
});
const NODE_TAIL = [bk.entrypoint(['docker-entrypoint.sh']), bk.cmd(['node'])];
const nodeConfig = (version) => ({
  Env: [`PATH=${PATH}`, `NODE_VERSION=${version}`, 'YARN_VERSION=1.22.22'],
  Entrypoint: ['docker-entrypoint.sh'],
  Cmd: ['node'],
  ArgsEscaped: true,
});

{
  const created = '2025-06-25T01:22:33Z';
  const p = 'node-24';
  image({
    repository: 'node',
    tags: ['latest', '24', '24.3.0', 'bookworm'],
    created,
    size: 1_121_804_117,
    compressed: 410_262_913,
    config: nodeConfig('24.3.0'),
    history: [
      ...BUILDPACK_BASE,
      ...at(created, [
        bk.run('groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node', layer(`${p}-user`, {
          files: {
            '/etc/passwd': withLines(DEBIAN_PASSWD, 'node:x:1000:1000::/home/node:/bin/bash'),
            '/etc/group': withLines(DEBIAN_GROUP, 'node:x:1000:'),
            '/home/node': dir(),
            '/home/node/.bashrc': lines('# ~/.bashrc for new users: add your own aliases and settings here.', "alias ll='ls -l'"),
            '/home/node/.bash_logout': lines('# ~/.bash_logout: run when a login shell exits.', ''),
          },
          size: 'auto',
        })),
        bk.env('NODE_VERSION', '24.3.0'),
        bk.run('ARCH= && dpkgArch="$(dpkg --print-architecture)"   && case "${dpkgArch##*-}" in     amd64) ARCH=\'x64\';;     ppc64el) ARCH=\'ppc64le\';;     s390x) ARCH=\'s390x\';;     arm64) ARCH=\'arm64\';;     armhf) ARCH=\'armv7l\';;     i386) ARCH=\'x86\';;     *) echo "unsupported architecture"; exit 1 ;;   esac   && export GNUPGHOME="$(mktemp -d)"   && set -ex   && for key in C0D6248439F1D5604AAFFB4021D900FFDB233756 DD792F5973C6DE52C432CBDAC77ABFA00DDBF2B7 CC68F5A3106FF448322E48ED27F5E38D5B0A215F 8FCCA13FEF1D0C2E91008E09770F7A9A5AE15600 890C08DB8579162FEE0DF9DB8BEAB4DFCF555EF4 C82FA3AE1CBEDC6BE46B9360C43CEC45C17AB93C 108F52B48DB57BB0CC439B2997B01419BD92F80A A363A499291CBBC940DD62E41F10027AF002F8B0   ; do       gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key" ||       gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key" ;   done   && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz"   && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/SHASUMS256.txt.asc"   && gpg --batch --decrypt --output SHASUMS256.txt SHASUMS256.txt.asc   && gpgconf --kill all   && rm -rf "$GNUPGHOME"   && grep " node-v$NODE_VERSION-linux-$ARCH.tar.xz\\$" SHASUMS256.txt | sha256sum -c -   && tar -xJf "node-v$NODE_VERSION-linux-$ARCH.tar.xz" -C /usr/local --strip-components=1 --no-same-owner   && rm "node-v$NODE_VERSION-linux-$ARCH.tar.xz" SHASUMS256.txt.asc SHASUMS256.txt   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version   && rm -rf /tmp/*', layer(`${p}-install`, {
          files: nodeFiles(121_286_648),
        })),
        bk.env('YARN_VERSION', '1.22.22'),
        bk.run('set -ex   && export GNUPGHOME="$(mktemp -d)"   && for key in 6A010C5166006599AA17F08146C2130DFD2497F5   ; do     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key" ||     gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key" ;   done   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz"   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz.asc"   && gpg --batch --verify yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz   && gpgconf --kill all   && rm -rf "$GNUPGHOME"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && rm yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz   && yarn --version   && rm -rf /tmp/*', layer(`${p}-yarn`, {
          files: yarnFiles(),
          size: 5_341_867,
        })),
        bk.copy('docker-entrypoint.sh /usr/local/bin/', layer(`${p}-entrypoint`, { files: { '/usr/local/bin/docker-entrypoint.sh': script(NODE_ENTRYPOINT) }, size: 'auto' })),
        ...NODE_TAIL,
      ]),
    ],
  });
}

{
  const created = '2025-07-02T00:43:10Z';
  const p = 'node-22-alpine';
  image({
    repository: 'node',
    tags: ['22-alpine', 'lts-alpine', '22'],
    created,
    size: 135_012_345,
    compressed: 47_738_120,
    config: nodeConfig('22.17.0'),
    history: [
      ...ALPINE_BASE,
      ...at(created, [
        bk.env('NODE_VERSION', '22.17.0'),
        bk.run('addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add --no-cache         libstdc++     && apk add --no-cache --virtual .build-deps         curl     && ARCH= OPENSSL_ARCH=\'linux*\' && alpineArch="$(apk --print-arch)"       && case "${alpineArch##*-}" in         x86_64) ARCH=\'x64\' CHECKSUM="(checksum)" OPENSSL_ARCH=linux-x86_64;;         *) ;;       esac   && if [ -n "${CHECKSUM}" ]; then     set -eu;     curl -fsSLO --compressed "https://unofficial-builds.nodejs.org/download/release/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz";     echo "$CHECKSUM  node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz" | sha256sum -c -       && tar -xJf "node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz" -C /usr/local --strip-components=1 --no-same-owner       && ln -s /usr/local/bin/node /usr/local/bin/nodejs;   fi   && rm -f "node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz"   && find /usr/local/include/node/openssl/archs -mindepth 1 -maxdepth 1 ! -name "$OPENSSL_ARCH" -exec rm -rf {} \\;   && apk del .build-deps   && node --version   && npm --version   && rm -rf /tmp/*', layer(`${p}-install`, {
          files: {
            ...nodeFiles(117_433_216),
            '/etc/passwd': withLines(ALPINE_PASSWD, 'node:x:1000:1000:Linux User,,,:/home/node:/bin/sh'),
            '/etc/group': withLines(ALPINE_GROUP, 'node:x:1000:node'),
            '/home/node': dir(),
            '/usr/lib/libstdc++.so.6': link('libstdc++.so.6.0.33'),
            '/usr/lib/libstdc++.so.6.0.33': bin(2_592_520),
          },
        })),
        bk.env('YARN_VERSION', '1.22.22'),
        bk.run('apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && export GNUPGHOME="$(mktemp -d)"   && for key in 6A010C5166006599AA17F08146C2130DFD2497F5   ; do     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key" ||     gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key" ;   done   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz"   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz.asc"   && gpg --batch --verify yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz   && gpgconf --kill all   && rm -rf "$GNUPGHOME"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && rm yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz   && apk del .build-deps-yarn   && yarn --version   && rm -rf /tmp/*', layer(`${p}-yarn`, {
          files: yarnFiles(),
          size: 5_460_331,
        })),
        bk.copy('docker-entrypoint.sh /usr/local/bin/', layer(`${p}-entrypoint`, { files: { '/usr/local/bin/docker-entrypoint.sh': script(NODE_ENTRYPOINT) }, size: 'auto' })),
        ...NODE_TAIL,
      ]),
    ],
  });
}

// ---------------------------------------------------------------- python

const PYTHON_PATH = `/usr/local/bin:${PATH}`;
const pythonEnv = envSteps([['PATH', PYTHON_PATH], ['LANG', 'C.UTF-8']]);
const pythonVersionEnv = envSteps([['GPG_KEY', '7169605F62C751356D054A26A821E680E5FA6305'], ['PYTHON_VERSION', '3.13.5']]);
const PYTHON_SYMLINKS_RUN = 'set -eux;     for src in idle3 pip3 pydoc3 python3 python3-config; do         dst="$(echo "$src" | tr -d 3)";         [ -s "/usr/local/bin/$src" ];         [ ! -e "/usr/local/bin/$dst" ];         ln -svT "$src" "/usr/local/bin/$dst";     done';
const pythonFiles = () => ({
  '/usr/local/bin/python3.13': bin(14_472),
  '/usr/local/bin/python3': link('python3.13'),
  '/usr/local/bin/pip3': script(PIP_SCRIPT),
  '/usr/local/bin/pip3.13': script(PIP_SCRIPT),
  '/usr/local/bin/idle3': link('idle3.13'),
  '/usr/local/bin/idle3.13': script(lines('#!/usr/local/bin/python3.13', 'from idlelib.pyshell import main', "if __name__ == '__main__':", '    main()')),
  '/usr/local/bin/pydoc3': link('pydoc3.13'),
  '/usr/local/bin/pydoc3.13': script(lines('#!/usr/local/bin/python3.13', 'import pydoc', "if __name__ == '__main__':", '    pydoc.cli()')),
  '/usr/local/bin/python3-config': link('python3.13-config'),
  '/usr/local/bin/python3.13-config': script(lines('#!/bin/sh', '# Prints the flags to build against this Python (stand-in).', 'echo "-I/usr/local/include/python3.13"')),
  '/usr/local/lib/libpython3.13.so.1.0': bin(29_612_376),
  '/usr/local/lib/python3.13/os.py': { content: '"""OS routines for NT or Posix depending on what system we\'re on (stand-in)."""\n', size: 41_207 },
  '/usr/local/lib/python3.13/site-packages/pip/__init__.py': { content: '__version__ = "25.1.1"\n', size: 357 },
});
const pythonSymlinks = (key) => layer(key, {
  files: Object.fromEntries(['idle', 'pip', 'pydoc', 'python', 'python-config'].map((n) => [`/usr/local/bin/${n}`, link(n.replace(/(-config)?$/, '3$1'))])),
  size: 'auto',
});
const PYTHON_BUILD_RUN = 'set -eux;         savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends         dpkg-dev         gcc         gnupg         libbluetooth-dev         libbz2-dev         libc6-dev         libdb-dev         libffi-dev         libgdbm-dev         liblzma-dev         libncursesw5-dev         libreadline-dev         libsqlite3-dev         libssl-dev         make         tk-dev         uuid-dev         wget         xz-utils         zlib1g-dev     ;         wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz";     wget -O python.tar.xz.asc "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz.asc";     GNUPGHOME="$(mktemp -d)"; export GNUPGHOME;     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY";     gpg --batch --verify python.tar.xz.asc python.tar.xz;     gpgconf --kill all;     rm -rf "$GNUPGHOME" python.tar.xz.asc;     mkdir -p /usr/src/python;     tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz;     rm python.tar.xz;         cd /usr/src/python;     gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)";     ./configure         --build="$gnuArch"         --enable-loadable-sqlite-extensions         --enable-optimizations         --enable-option-checking=fatal         --enable-shared         --with-lto         --with-ensurepip     ;     nproc="$(nproc)";     make -j "$nproc";     make install;         cd /;     rm -rf /usr/src/python;         find /usr/local -depth         \\(             \\( -type d -a \\( -name test -o -name tests -o -name idle_test \\) \\)             -o \\( -type f -a \\( -name \'*.pyc\' -o -name \'*.pyo\' -o -name \'libpython*.a\' \\) \\)         \\) -exec rm -rf \'{}\' +     ;         ldconfig;         python3 --version;     pip3 --version';
const PYTHON_CONFIG = { Env: [`PATH=${PYTHON_PATH}`, ...pythonEnv.env.slice(1), ...pythonVersionEnv.env], Cmd: ['python3'], ArgsEscaped: true };

{
  const created = '2025-06-12T04:35:21Z';
  const p = 'python-3.13';
  image({
    repository: 'python',
    tags: ['latest', '3', '3.13', '3.13.5'],
    created,
    size: 1_019_571_004,
    compressed: 385_106_532,
    config: PYTHON_CONFIG,
    history: [
      ...BUILDPACK_BASE,
      ...at(created, [
        ...pythonEnv.steps,
        bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         libbluetooth-dev         tk-dev         uuid-dev     ;     rm -rf /var/lib/apt/lists/*', layer(`${p}-deps`, {
          executables: ['/usr/lib/x86_64-linux-gnu/libtk8.6.so', '/usr/lib/x86_64-linux-gnu/libuuid.so', '/usr/lib/x86_64-linux-gnu/libbluetooth.so'],
          size: 19_312_448,
          ratio: 0.45,
        })),
        ...pythonVersionEnv.steps,
        bk.run(PYTHON_BUILD_RUN, layer(`${p}-build`, { files: pythonFiles() })),
        bk.run(PYTHON_SYMLINKS_RUN, pythonSymlinks(`${p}-symlinks`)),
        bk.cmd(['python3']),
      ]),
    ],
  });
}

{
  const created = '2025-06-12T04:21:07Z';
  const p = 'python-3.13-slim';
  image({
    repository: 'python',
    tags: ['3.13-slim', 'slim'],
    created,
    size: 121_043_227,
    compressed: 43_218_774,
    config: PYTHON_CONFIG,
    history: [
      ...DEBIAN_SLIM_BASE,
      ...at(created, [
        ...pythonEnv.steps,
        bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         netbase         tzdata     ;     rm -rf /var/lib/apt/lists/*', layer(`${p}-deps`, {
          files: {
            '/etc/ssl/certs/ca-certificates.crt': { content: '-----BEGIN CERTIFICATE-----\n(Mozilla CA bundle, 146 certificates)\n-----END CERTIFICATE-----\n', size: 219_342 },
            '/etc/localtime': link('/usr/share/zoneinfo/Etc/UTC'),
            '/usr/share/zoneinfo/Etc/UTC': { content: 'TZif2 (UTC)\n', size: 114 },
            '/etc/protocols': lines('# Internet (IP) protocols', 'ip\t0\tIP', 'icmp\t1\tICMP', 'tcp\t6\tTCP', 'udp\t17\tUDP'),
          },
          size: 3_476_311,
          ratio: 0.4,
        })),
        ...pythonVersionEnv.steps,
        bk.run(PYTHON_BUILD_RUN, layer(`${p}-build`, { files: pythonFiles() })),
        bk.run(PYTHON_SYMLINKS_RUN, pythonSymlinks(`${p}-symlinks`)),
        bk.cmd(['python3']),
      ]),
    ],
  });
}

// ---------------------------------------------------------------- golang

const GO_PATH = `/go/bin:/usr/local/go/bin:${PATH}`;
const goEnv = envSteps([['GOLANG_VERSION', '1.24.4'], ['GOTOOLCHAIN', 'local'], ['GOPATH', '/go'], ['PATH', GO_PATH]]);
const goFiles = () => ({
  '/usr/local/go/bin/go': bin(14_771_282),
  '/usr/local/go/bin/gofmt': bin(3_133_016),
  '/usr/local/go/VERSION': lines('go1.24.4', 'time 2025-06-02T18:35:42Z'),
  '/usr/local/go/pkg/tool/linux_amd64/compile': bin(27_165_764),
  '/usr/local/go/pkg/tool/linux_amd64/link': bin(7_631_152),
  '/usr/local/go/src/fmt/print.go': { content: '// Package fmt implements formatted I/O (stand-in).\npackage fmt\n', size: 31_941 },
});
const goTail = (p) => [
  bk.run('mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH"', layer(`${p}-gopath`, {
    files: { '/go': dir(0o1777), '/go/src': dir(0o1777), '/go/bin': dir(0o1777) },
    size: 0,
  })),
  bk.workdir('/go', layer(`${p}-workdir`, { size: 0 })),
];

{
  const created = '2025-06-11T00:40:22Z';
  const p = 'golang-1.24';
  image({
    repository: 'golang',
    tags: ['latest', '1.24'],
    created,
    size: 683_914_512,
    compressed: 265_083_120,
    config: { Env: [`PATH=${GO_PATH}`, ...goEnv.env.slice(0, 3)], Cmd: ['bash'], WorkingDir: '/go' },
    history: [
      ...BUILDPACK_SCM_BASE,
      ...at(created, [
        bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         g++         gcc         libc6-dev         make         pkg-config     ;     rm -rf /var/lib/apt/lists/*', layer(`${p}-gcc`, {
          files: { '/usr/bin/gcc': link('gcc-12'), '/usr/bin/g++': link('g++-12'), '/usr/bin/gcc-12': bin(1_007_120), '/usr/bin/g++-12': bin(1_011_216) },
          executables: ['/usr/bin/make', '/usr/bin/pkg-config', '/usr/bin/as', '/usr/bin/ld'],
        })),
        ...goEnv.steps,
        bk.copy('/target/ /', layer(`${p}-go`, { files: goFiles(), size: 246_018_736, ratio: 0.32 })),
        ...goTail(p),
      ]),
    ],
  });
}

{
  const created = '2025-06-11T00:33:18Z';
  const p = 'golang-1.24-alpine';
  image({
    repository: 'golang',
    tags: ['1.24-alpine', 'alpine'],
    created,
    size: 255_012_905,
    compressed: 82_403_117,
    config: { Env: [`PATH=${GO_PATH}`, ...goEnv.env.slice(0, 3)], Cmd: ['/bin/sh'], WorkingDir: '/go', ArgsEscaped: true },
    history: [
      ...ALPINE_BASE,
      ...at(created, [
        bk.run('apk add --no-cache ca-certificates', layer(`${p}-certs`, {
          files: { '/etc/ssl/certs/ca-certificates.crt': { content: '-----BEGIN CERTIFICATE-----\n(Mozilla CA bundle, 146 certificates)\n-----END CERTIFICATE-----\n', size: 219_342 } },
          executables: ['/usr/sbin/update-ca-certificates'],
          size: 684_719,
          ratio: 0.45,
        })),
        ...goEnv.steps,
        bk.copy('/target/ /', layer(`${p}-go`, { files: goFiles() })),
        ...goTail(p),
      ]),
    ],
  });
}
