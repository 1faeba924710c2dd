// Base operating-system images and the layers other images build on: hello-world,
// busybox, alpine, ubuntu, debian (full and slim), buildpack-deps and Oracle Linux.
import { createHash } from 'node:crypto';
import { ELF, alpineTree, bin, busyboxTree, debianTree, lines, oracleLinuxTree, ubuntuTree } from './base.mjs';
import { PATH, at, bk, image, layer, legacy } from './lib.mjs';

/** A stable stand-in for the `file:<sha256>` the legacy builder writes for ADD. */
const fileHash = (name) => createHash('sha256').update(`baleia:${name}`).digest('hex');

export const CREATED = {
  alpine: '2025-05-30T12:05:52Z',
  debian: '2025-06-10T00:00:00Z',
  ubuntu: '2025-05-29T04:21:52.179839346Z',
  oracle: '2025-06-03T20:52:35.503288791Z',
  buildpack: '2025-06-10T13:12:51Z',
};

// ---------------------------------------------------------------- layers

const alpine = alpineTree();
layer('alpine-3.22', { ...alpine, size: 8_309_328, compressed: 3_799_845 });

const slim = debianTree({ slim: true });
layer('debian-bookworm-slim', { ...slim, size: 74_812_843, compressed: 28_227_259 });

const full = debianTree({ slim: false });
layer('debian-bookworm', { ...full, size: 116_985_302, compressed: 48_491_322 });

const ubuntu = ubuntuTree();
layer('ubuntu-noble', { ...ubuntu, size: 78_126_045, compressed: 29_723_147 });

const oracle = oracleLinuxTree();
layer('oraclelinux-9-slim', { ...oracle, size: 113_871_926, compressed: 42_874_529 });

// buildpack-deps:bookworm is three RUN layers on debian:bookworm (curl, scm, then the
// compilers and -dev libraries); node, python and golang build on them.
layer('buildpack-deps-bookworm-curl', {
  files: {
    '/usr/bin/curl': bin(285_136),
    '/usr/bin/wget': bin(545_568),
    '/usr/bin/gpg': bin(1_120_552),
    '/usr/lib/x86_64-linux-gnu/libcurl.so.4': { symlink: 'libcurl.so.4.8.0' },
    '/usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0': bin(710_232),
    '/etc/ssl/certs/ca-certificates.crt': { content: '-----BEGIN CERTIFICATE-----\n(Mozilla CA bundle, 146 certificates)\n-----END CERTIFICATE-----\n', size: 219_342 },
    '/etc/protocols': lines('# Internet (IP) protocols', 'ip\t0\tIP', 'icmp\t1\tICMP', 'tcp\t6\tTCP', 'udp\t17\tUDP'),
    '/etc/services': lines('# Network services, Internet style', 'http\t\t80/tcp\t\twww', 'https\t\t443/tcp', 'postgresql\t5432/tcp\tpostgres', 'mysql\t\t3306/tcp', 'redis\t\t6379/tcp'),
  },
  executables: ['/usr/bin/gpgv', '/usr/bin/gpg-agent', '/usr/bin/dirmngr', '/usr/bin/sq', '/usr/sbin/update-ca-certificates'],
  size: 24_071_115,
  compressed: 11_598_904,
});
layer('buildpack-deps-bookworm-scm', {
  files: { '/usr/bin/git': bin(4_084_632), '/usr/bin/ssh': bin(1_068_936), '/usr/bin/svn': bin(313_192) },
  executables: ['/usr/bin/hg', '/usr/bin/scp', '/usr/bin/ssh-keygen', '/usr/bin/git-shell', '/usr/bin/svnadmin',
    ...['free', 'kill', 'pgrep', 'pidof', 'pkill', 'pmap', 'ps', 'pwdx', 'top', 'uptime', 'vmstat', 'w', 'watch'].map((n) => `/usr/bin/${n}`)],
  size: 66_651_238,
  compressed: 23_347_530,
});
layer('buildpack-deps-bookworm', {
  files: {
    '/usr/bin/gcc': { symlink: 'gcc-12' },
    '/usr/bin/g++': { symlink: 'g++-12' },
    '/usr/bin/cc': { symlink: '/etc/alternatives/cc' },
    '/etc/alternatives/cc': { symlink: '/usr/bin/gcc' },
    '/usr/bin/gcc-12': bin(1_007_120),
    '/usr/bin/g++-12': bin(1_011_216),
    '/usr/bin/convert': { symlink: '/etc/alternatives/convert' },
    '/etc/alternatives/convert': { symlink: '/usr/bin/convert-im6.q16' },
    '/usr/include/stdio.h': { content: '/* C standard input/output (stand-in) */\n', size: 31_651 },
  },
  executables: ['make', 'patch', 'unzip', 'xz', 'bzip2', 'file', 'autoconf', 'automake', 'libtool', 'pkg-config', 'as', 'ld', 'ar', 'convert-im6.q16', 'dpkg-buildpackage']
    .map((n) => `/usr/bin/${n}`),
  size: 722_604_345,
  compressed: 266_295_840,
});

// ---------------------------------------------------------------- histories other images start from

export const DEBIAN_SLIM_BASE = [{ created: CREATED.debian, createdBy: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1749513600'", comment: 'debuerreotype 0.15', layer: 'debian-bookworm-slim' }];
export const DEBIAN_BASE = [{ created: CREATED.debian, createdBy: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1749513600'", comment: 'debuerreotype 0.15', layer: 'debian-bookworm' }];
export const ALPINE_BASE = at(CREATED.alpine, [bk.add('alpine-minirootfs-3.22.0-x86_64.tar.gz /', 'alpine-3.22'), bk.cmd(['/bin/sh'])]);
export const UBUNTU_BASE = at(CREATED.ubuntu, [
  legacy.nop('ARG RELEASE'),
  legacy.nop('ARG LAUNCHPAD_BUILD_ARCH'),
  legacy.nop('LABEL org.opencontainers.image.ref.name=ubuntu'),
  legacy.nop('LABEL org.opencontainers.image.version=24.04'),
  legacy.addFile(fileHash('ubuntu-noble'), 'ubuntu-noble'),
  legacy.nop('CMD ["/bin/bash"]'),
]);
export const ORACLE_BASE = at(CREATED.oracle, [legacy.addFile(fileHash('oraclelinux-9-slim'), 'oraclelinux-9-slim'), legacy.nop('CMD ["/bin/bash"]')]);

const SCM_STEPS = at(CREATED.buildpack, [
  bk.run('set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase sq wget ; rm -rf /var/lib/apt/lists/*', 'buildpack-deps-bookworm-curl'),
  bk.run('set -eux; apt-get update; apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps ; rm -rf /var/lib/apt/lists/*', 'buildpack-deps-bookworm-scm'),
]);
/** buildpack-deps:bookworm-scm (golang's base). */
export const BUILDPACK_SCM_BASE = [...DEBIAN_BASE, ...SCM_STEPS];
/** buildpack-deps:bookworm (node's and python's base). */
export const BUILDPACK_BASE = [
  ...BUILDPACK_SCM_BASE,
  ...at(CREATED.buildpack, [
    bk.run('set -ex; apt-get update; apt-get install -y --no-install-recommends autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev libyaml-dev make patch unzip xz-utils zlib1g-dev ; rm -rf /var/lib/apt/lists/*', 'buildpack-deps-bookworm'),
  ]),
];

// ---------------------------------------------------------------- images

layer('hello-world', { files: { '/hello': { content: ELF, mode: 0o755, size: 10_072 } }, size: 10_072, compressed: 3_508 });
image({
  repository: 'hello-world',
  tags: ['latest', 'linux'],
  created: '2025-05-21T19:32:01Z',
  config: { Env: [`PATH=${PATH}`], Cmd: ['/hello'], WorkingDir: '/', ArgsEscaped: true },
  history: at('2025-05-21T19:32:01Z', [bk.copy('hello /', 'hello-world'), bk.cmd(['/hello'])]),
});

layer('busybox-1.37', { ...busyboxTree(), size: 4_277_910, compressed: 2_154_361 });
image({
  repository: 'busybox',
  tags: ['latest', '1.37', '1.37.0'],
  created: '2025-05-28T17:24:47Z',
  config: { Env: [`PATH=${PATH}`], Cmd: ['sh'], ArgsEscaped: true },
  history: at('2025-05-28T17:24:47Z', [bk.add('busybox.tar.xz /', 'busybox-1.37'), bk.cmd(['sh'])]),
});

image({
  repository: 'alpine',
  tags: ['latest', '3', '3.22', '3.22.0'],
  created: CREATED.alpine,
  config: { Env: [`PATH=${PATH}`], Cmd: ['/bin/sh'], WorkingDir: '/', ArgsEscaped: true },
  history: ALPINE_BASE,
});

image({
  repository: 'ubuntu',
  tags: ['latest', '24.04', 'noble'],
  created: CREATED.ubuntu,
  config: {
    Env: [`PATH=${PATH}`],
    Cmd: ['/bin/bash'],
    Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
  },
  history: UBUNTU_BASE,
});

image({
  repository: 'debian',
  tags: ['latest', '12', 'bookworm'],
  created: CREATED.debian,
  config: { Env: [`PATH=${PATH}`], Cmd: ['bash'] },
  history: DEBIAN_BASE,
});

image({
  repository: 'debian',
  tags: ['bookworm-slim', '12-slim'],
  created: CREATED.debian,
  config: { Env: [`PATH=${PATH}`], Cmd: ['bash'] },
  history: DEBIAN_SLIM_BASE,
});
