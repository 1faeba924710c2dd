// Web and cache servers: nginx (Debian and Alpine), httpd, redis (Debian and Alpine).
import { ALPINE_GROUP, ALPINE_PASSWD, DEBIAN_GROUP, DEBIAN_PASSWD, bin, dir, lines, link, script, withLines } from './base.mjs';
import {
  HTTPD_CONF, HTTPD_FOREGROUND, HTTPD_INDEX, NGINX_50X, NGINX_CONF, NGINX_DEFAULT_CONF, NGINX_ENTRYPOINT, NGINX_ENVSUBST,
  NGINX_INDEX, NGINX_IPV6, NGINX_MIME_TYPES, NGINX_RESOLVERS, NGINX_TUNE, redisEntrypoint,
} from './content.mjs';
import { ALPINE_BASE, DEBIAN_SLIM_BASE } from './os-images.mjs';
import { PATH, at, bk, envSteps, image, layer } from './lib.mjs';

// ---------------------------------------------------------------- nginx

/** Files the nginx package installs, the same on Debian and Alpine. */
const nginxFiles = () => ({
  '/etc/nginx/nginx.conf': NGINX_CONF,
  '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
  '/etc/nginx/mime.types': NGINX_MIME_TYPES,
  '/etc/nginx/modules': link('/usr/lib/nginx/modules'),
  '/usr/share/nginx/html/index.html': NGINX_INDEX,
  '/usr/share/nginx/html/50x.html': NGINX_50X,
  // The image sends nginx's logs to the container's output, which `docker logs` shows.
  '/var/log/nginx/access.log': link('/dev/stdout'),
  '/var/log/nginx/error.log': link('/dev/stderr'),
  '/var/cache/nginx': dir(),
  '/docker-entrypoint.d': dir(),
});

/** The entrypoint and its four configuration steps: one COPY layer each. */
function nginxScriptLayers(prefix) {
  const copies = [
    ['docker-entrypoint.sh /', '/docker-entrypoint.sh', NGINX_ENTRYPOINT],
    ['10-listen-on-ipv6-by-default.sh /docker-entrypoint.d', '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', NGINX_IPV6],
    ['15-local-resolvers.envsh /docker-entrypoint.d', '/docker-entrypoint.d/15-local-resolvers.envsh', NGINX_RESOLVERS],
    ['20-envsubst-on-templates.sh /docker-entrypoint.d', '/docker-entrypoint.d/20-envsubst-on-templates.sh', NGINX_ENVSUBST],
    ['30-tune-worker-processes.sh /docker-entrypoint.d', '/docker-entrypoint.d/30-tune-worker-processes.sh', NGINX_TUNE],
  ];
  return copies.map(([args, path, text], i) => bk.copy(args, layer(`${prefix}-copy-${i + 1}`, { files: { [path]: script(text) }, size: 'auto' })));
}

const NGINX_TAIL = [bk.entrypoint(['/docker-entrypoint.sh']), bk.expose([80]), bk.stopsignal('SIGQUIT'), bk.cmd(['nginx', '-g', 'daemon off;'])];
const NGINX_CONFIG = (env) => ({
  ExposedPorts: { '80/tcp': {} },
  Env: env,
  Entrypoint: ['/docker-entrypoint.sh'],
  Cmd: ['nginx', '-g', 'daemon off;'],
  Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
  StopSignal: 'SIGQUIT',
  ArgsEscaped: true,
});

{
  const created = '2025-06-24T18:14:46Z';
  const { steps, env } = envSteps([['NGINX_VERSION', '1.29.0'], ['NJS_VERSION', '0.9.0'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm'], ['DYNPKG_RELEASE', '1~bookworm']]);
  const install = layer('nginx-1.29-install', {
    files: {
      ...nginxFiles(),
      '/etc/passwd': withLines(DEBIAN_PASSWD, 'nginx:x:101:101:nginx user:/nonexistent:/bin/false'),
      '/etc/group': withLines(DEBIAN_GROUP, 'nginx:x:101:'),
      '/usr/sbin/nginx': bin(1_474_592),
      '/usr/sbin/nginx-debug': bin(1_532_192),
      '/usr/lib/nginx/modules/ngx_http_js_module.so': bin(1_693_344),
      '/usr/lib/nginx/modules/ngx_stream_js_module.so': bin(1_627_808),
      '/usr/bin/curl': bin(285_136),
      '/usr/bin/envsubst': bin(39_008),
    },
    executables: ['/usr/bin/njs', '/usr/bin/gpgv1'],
  });
  image({
    repository: 'nginx',
    tags: ['latest', '1.29', '1.29.0', 'mainline', 'bookworm'],
    created,
    size: 192_413_200,
    compressed: 72_117_436,
    config: NGINX_CONFIG([`PATH=${PATH}`, ...env]),
    history: [
      ...DEBIAN_SLIM_BASE,
      ...at(created, [
        bk.label('maintainer', 'NGINX Docker Maintainers <docker-maint@nginx.com>'),
        ...steps,
        bk.run('set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && echo "deb [signed-by=/etc/apt/keyrings/nginx-archive-keyring.gpg] https://nginx.org/packages/mainline/debian/ bookworm nginx" >> /etc/apt/sources.list.d/nginx.list     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y nginx=${NGINX_VERSION}-${PKG_RELEASE} nginx-module-njs=${NGINX_VERSION}+${NJS_VERSION}-${NJS_RELEASE} gettext-base curl     && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d', install),
        ...nginxScriptLayers('nginx-1.29'),
        ...NGINX_TAIL,
      ]),
    ],
  });
}

{
  const created = '2025-06-24T18:26:58Z';
  const slimEnv = envSteps([['NGINX_VERSION', '1.29.0'], ['PKG_RELEASE', '1'], ['DYNPKG_RELEASE', '1']]);
  const njsEnv = envSteps([['NJS_VERSION', '0.9.0'], ['NJS_RELEASE', '1']]);
  const install = layer('nginx-1.29-alpine-slim-install', {
    files: {
      ...nginxFiles(),
      '/etc/passwd': withLines(ALPINE_PASSWD, 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin'),
      '/etc/group': withLines(ALPINE_GROUP, 'nginx:x:101:nginx'),
      '/usr/sbin/nginx': bin(1_329_512),
      '/usr/sbin/nginx-debug': bin(1_386_856),
      '/usr/bin/curl': bin(251_432),
      '/usr/lib/libcurl.so.4': bin(706_192),
    },
    size: 3_998_321,
    compressed: 1_791_240,
  });
  const njs = layer('nginx-1.29-alpine-njs', {
    files: {
      '/usr/lib/nginx/modules/ngx_http_js_module.so': bin(1_651_024),
      '/usr/lib/nginx/modules/ngx_stream_js_module.so': bin(1_585_488),
      '/usr/bin/envsubst': bin(40_144),
    },
    executables: ['/usr/bin/njs', '/usr/lib/libxml2.so.2', '/usr/lib/libxslt.so.1', '/usr/lib/libgd.so.3'],
  });
  image({
    repository: 'nginx',
    tags: ['alpine', '1.29-alpine'],
    created,
    size: 52_318_004,
    compressed: 20_472_118,
    config: NGINX_CONFIG([`PATH=${PATH}`, ...slimEnv.env, ...njsEnv.env]),
    history: [
      ...ALPINE_BASE,
      ...at(created, [
        bk.label('maintainer', 'NGINX Docker Maintainers <docker-maint@nginx.com>'),
        ...slimEnv.steps,
        bk.run('set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="nginx=${NGINX_VERSION}-r${PKG_RELEASE}"     && apk add -X "https://nginx.org/packages/mainline/alpine/v$(egrep -o \'^[0-9]+\\.[0-9]+\' /etc/alpine-release)/main" --no-cache $nginxPackages     && apk add --no-cache tzdata     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d     && apk add --no-cache curl ca-certificates', install),
        ...nginxScriptLayers('nginx-1.29-alpine'),
        ...NGINX_TAIL,
        ...njsEnv.steps,
        bk.run('set -x     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="nginx=${NGINX_VERSION}-r${PKG_RELEASE} nginx-module-xslt=${NGINX_VERSION}-r${DYNPKG_RELEASE} nginx-module-geoip=${NGINX_VERSION}-r${DYNPKG_RELEASE} nginx-module-image-filter=${NGINX_VERSION}-r${DYNPKG_RELEASE} nginx-module-njs=${NGINX_VERSION}.${NJS_VERSION}-r${NJS_RELEASE}"     && apk add -X "https://nginx.org/packages/mainline/alpine/v$(egrep -o \'^[0-9]+\\.[0-9]+\' /etc/alpine-release)/main" --no-cache $nginxPackages     && apk add --no-cache --virtual .gettext gettext     && mv /usr/bin/envsubst /tmp/     && runDeps="$( scanelf --needed --nobanner /tmp/envsubst | awk \'{ gsub(/,/, "\\nso:", $2); print "so:" $2 }\' | sort -u )"     && apk add --no-cache $runDeps     && apk del --no-network .gettext     && mv /tmp/envsubst /usr/local/bin/', njs),
      ]),
    ],
  });
}

// ---------------------------------------------------------------- httpd

{
  const created = '2025-06-10T20:41:25Z';
  const prefix = envSteps([['HTTPD_PREFIX', '/usr/local/apache2']]);
  const version = envSteps([['HTTPD_VERSION', '2.4.63'], ['HTTPD_PATCHES', '']]);
  const httpdPath = `/usr/local/apache2/bin:${PATH}`;
  const mkdir = layer('httpd-2.4-prefix', { files: { '/usr/local/apache2': dir() }, size: 0 });
  const workdir = layer('httpd-2.4-workdir', { size: 0 });
  const deps = layer('httpd-2.4-deps', {
    executables: ['/usr/lib/x86_64-linux-gnu/libapr-1.so.0', '/usr/lib/x86_64-linux-gnu/libaprutil-1.so.0', '/usr/lib/x86_64-linux-gnu/apr-util-1/apr_ldap-1.so'],
    files: { '/etc/ssl/certs/ca-certificates.crt': { content: '-----BEGIN CERTIFICATE-----\n(Mozilla CA bundle, 146 certificates)\n-----END CERTIFICATE-----\n', size: 219_342 } },
    size: 4_930_118,
  });
  const build = layer('httpd-2.4-build', {
    files: {
      '/usr/local/apache2/bin/httpd': bin(2_694_312),
      '/usr/local/apache2/bin/apachectl': script(lines('#!/bin/sh', '# Starts, stops and tests the configuration of httpd (stand-in).', 'exec /usr/local/apache2/bin/httpd -k "$@"')),
      '/usr/local/apache2/conf/httpd.conf': HTTPD_CONF,
      '/usr/local/apache2/conf/mime.types': lines('# MIME types (shortened)', 'text/html\t\t\t\t\thtml htm', 'text/css\t\t\t\t\tcss', 'application/javascript\t\t\t\tjs', 'image/png\t\t\t\t\tpng'),
      '/usr/local/apache2/htdocs/index.html': HTTPD_INDEX,
      '/usr/local/apache2/logs': dir(),
      '/usr/local/apache2/cgi-bin': dir(),
      '/usr/local/apache2/icons/apache_pb.png': { content: 'PNG (stand-in)\n', size: 4_463 },
      '/usr/local/apache2/error/HTTP_NOT_FOUND.html.var': { content: 'Content-language: en\n(stand-in)\n', size: 13_118 },
    },
    executables: ['htpasswd', 'ab', 'rotatelogs', 'apxs', 'htdigest'].map((n) => `/usr/local/apache2/bin/${n}`)
      .concat(['mod_mpm_event', 'mod_authz_core', 'mod_dir', 'mod_mime', 'mod_log_config', 'mod_unixd', 'mod_rewrite', 'mod_proxy'].map((m) => `/usr/local/apache2/modules/${m}.so`)),
  });
  const foreground = layer('httpd-2.4-foreground', { files: { '/usr/local/bin/httpd-foreground': script(HTTPD_FOREGROUND) }, size: 'auto' });
  image({
    repository: 'httpd',
    tags: ['latest', '2.4', '2.4.63'],
    created,
    size: 148_127_554,
    compressed: 56_061_235,
    config: {
      ExposedPorts: { '80/tcp': {} },
      Env: [`PATH=${httpdPath}`, ...prefix.env, ...version.env],
      Cmd: ['httpd-foreground'],
      WorkingDir: '/usr/local/apache2',
      StopSignal: 'SIGWINCH',
      ArgsEscaped: true,
    },
    history: [
      ...DEBIAN_SLIM_BASE,
      ...at(created, [
        ...prefix.steps,
        bk.env('PATH', httpdPath),
        bk.run('mkdir -p "$HTTPD_PREFIX"     && chown www-data:www-data "$HTTPD_PREFIX"', mkdir),
        bk.workdir('/usr/local/apache2', workdir),
        bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         libaprutil1-ldap         libldap-common     ;     rm -rf /var/lib/apt/lists/*', deps),
        ...version.steps,
        bk.run('set -eux;         savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends         bzip2         dpkg-dev         gcc         gnupg         libapr1-dev         libaprutil1-dev         libbrotli-dev         libcurl4-openssl-dev         libjansson-dev         liblua5.2-dev         libnghttp2-dev         libpcre2-dev         libssl-dev         libxml2-dev         make         wget         zlib1g-dev     ;     wget -O httpd.tar.bz2 "https://dlcdn.apache.org/httpd/httpd-$HTTPD_VERSION.tar.bz2";     mkdir -p src;     tar -xf httpd.tar.bz2 -C src --strip-components=1;     rm httpd.tar.bz2;     cd src;     ./configure --prefix="$HTTPD_PREFIX" --enable-mods-shared=reallyall --enable-mpms-shared=all;     make -j "$(nproc)";     make install;     cd ..;     rm -r src man manual;     apt-mark auto \'.*\' > /dev/null;     [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark;     apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false;     rm -rf /var/lib/apt/lists/*;     httpd -v', build),
        bk.stopsignal('SIGWINCH'),
        bk.copy('httpd-foreground /usr/local/bin/', foreground),
        bk.expose([80]),
        bk.cmd(['httpd-foreground']),
      ]),
    ],
  });
}

// ---------------------------------------------------------------- redis

const REDIS_BINARIES = {
  '/usr/local/bin/redis-server': bin(15_712_840),
  '/usr/local/bin/redis-cli': bin(7_903_152),
  '/usr/local/bin/redis-benchmark': bin(7_321_568),
  '/usr/local/bin/redis-check-aof': link('redis-server'),
  '/usr/local/bin/redis-check-rdb': link('redis-server'),
  '/usr/local/bin/redis-sentinel': link('redis-server'),
};
const REDIS_MODULES = ['redisbloom', 'redisearch', 'rejson', 'redistimeseries'].map((m) => `/usr/local/lib/redis/modules/${m}.so`);
const REDIS_BUILD = 'set -eux;         savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         wget         dpkg-dev         gcc         g++         libc6-dev         libssl-dev         make         git         cmake         python3         python3-pip         python3-venv         python3-dev         unzip         rsync         clang         automake         autoconf         libtool     ;     wget -O redis.tar.gz "https://github.com/redis/redis/archive/refs/tags/$REDIS_VERSION.tar.gz";     mkdir -p /usr/src/redis;     tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1;     rm redis.tar.gz;     export BUILD_TLS=yes;     export BUILD_WITH_MODULES=yes;     export INSTALL_RUST_TOOLCHAIN=yes;     export DISABLE_WERRORS=yes;     make -C /usr/src/redis -j "$(nproc)" all;     make -C /usr/src/redis install;     rm -r /usr/src/redis;     apt-mark auto \'.*\' > /dev/null;     [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark;     apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false;     rm -rf /var/lib/apt/lists/*;     redis-cli --version;     redis-server --version';
const REDIS_CONFIG = (env) => ({
  ExposedPorts: { '6379/tcp': {} },
  Env: env,
  Entrypoint: ['docker-entrypoint.sh'],
  Cmd: ['redis-server'],
  Volumes: { '/data': {} },
  WorkingDir: '/data',
  ArgsEscaped: true,
});
const REDIS_TAIL = [bk.entrypoint(['docker-entrypoint.sh']), bk.expose([6379]), bk.cmd(['redis-server'])];

{
  const created = '2025-06-11T00:06:09Z';
  const gosuEnv = envSteps([['GOSU_VERSION', '1.17']]);
  const versionEnv = envSteps([['REDIS_VERSION', '8.0.2']]);
  const user = layer('redis-8.0-user', {
    files: { '/etc/passwd': withLines(DEBIAN_PASSWD, 'redis:x:999:999::/home/redis:/bin/sh'), '/etc/group': withLines(DEBIAN_GROUP, 'redis:x:999:') },
    size: 'auto',
  });
  const tz = layer('redis-8.0-tzdata', {
    files: {
      '/etc/localtime': link('/usr/share/zoneinfo/Etc/UTC'),
      '/etc/timezone': 'Etc/UTC\n',
      '/usr/share/zoneinfo/Etc/UTC': { content: 'TZif2 (UTC)\n', size: 114 },
      '/usr/share/zoneinfo/America/Sao_Paulo': { content: 'TZif2 (America/Sao_Paulo)\n', size: 1_444 },
    },
    size: 1_484_262,
  });
  const gosu = layer('redis-8.0-gosu', { files: { '/usr/local/bin/gosu': bin(2_264_256) }, size: 4_123_507 });
  const build = layer('redis-8.0-build', { files: REDIS_BINARIES, executables: REDIS_MODULES });
  const data = layer('redis-8.0-data', { files: { '/data': dir() }, size: 0 });
  const workdir = layer('redis-8.0-workdir', { size: 0 });
  const entry = layer('redis-8.0-entrypoint', { files: { '/usr/local/bin/docker-entrypoint.sh': script(redisEntrypoint('gosu redis')) }, size: 'auto' });
  image({
    repository: 'redis',
    tags: ['latest', '8', '8.0', '8.0.2'],
    created,
    size: 137_318_420,
    compressed: 52_192_847,
    config: REDIS_CONFIG([`PATH=${PATH}`, ...gosuEnv.env, ...versionEnv.env]),
    history: [
      ...DEBIAN_SLIM_BASE,
      ...at(created, [
        bk.run('set -eux;     groupadd -r -g 999 redis;     useradd -r -g redis -u 999 redis', user),
        bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         tzdata     ;     rm -rf /var/lib/apt/lists/*', tz),
        ...gosuEnv.steps,
        bk.run('set -eux;     savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends ca-certificates gnupg wget;     rm -rf /var/lib/apt/lists/*;     dpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')";     wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch";     wget -O /usr/local/bin/gosu.asc "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch.asc";     export GNUPGHOME="$(mktemp -d)";     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4;     gpg --batch --verify /usr/local/bin/gosu.asc /usr/local/bin/gosu;     gpgconf --kill all;     rm -rf "$GNUPGHOME" /usr/local/bin/gosu.asc;     apt-mark auto \'.*\' > /dev/null;     [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null;     apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false;     chmod +x /usr/local/bin/gosu;     gosu --version;     gosu nobody true', gosu),
        ...versionEnv.steps,
        bk.run(REDIS_BUILD, build),
        bk.run('mkdir /data && chown redis:redis /data', data),
        bk.volume(['/data']),
        bk.workdir('/data', workdir),
        bk.copy('docker-entrypoint.sh /usr/local/bin/', entry),
        ...REDIS_TAIL,
      ]),
    ],
  });
}

{
  const created = '2025-06-11T00:21:07Z';
  const versionEnv = envSteps([['REDIS_VERSION', '8.0.2']]);
  const user = layer('redis-8.0-alpine-user', {
    files: { '/etc/passwd': withLines(ALPINE_PASSWD, 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin'), '/etc/group': withLines(ALPINE_GROUP, 'redis:x:1000:redis') },
    size: 'auto',
  });
  const tz = layer('redis-8.0-alpine-tzdata', {
    files: { '/usr/share/zoneinfo/Etc/UTC': { content: 'TZif2 (UTC)\n', size: 114 }, '/usr/share/zoneinfo/America/Sao_Paulo': { content: 'TZif2 (America/Sao_Paulo)\n', size: 1_444 } },
    size: 1_436_702,
  });
  const build = layer('redis-8.0-alpine-build', { files: REDIS_BINARIES, executables: REDIS_MODULES });
  const data = layer('redis-8.0-alpine-data', { files: { '/data': dir() }, size: 0 });
  const workdir = layer('redis-8.0-alpine-workdir', { size: 0 });
  // BusyBox has setpriv, so the Alpine variant needs no gosu.
  const entry = layer('redis-8.0-alpine-entrypoint', {
    files: { '/usr/local/bin/docker-entrypoint.sh': script(redisEntrypoint('setpriv --reuid=redis --regid=redis --clear-groups --')) },
    size: 'auto',
  });
  image({
    repository: 'redis',
    tags: ['alpine', '8-alpine'],
    created,
    size: 61_214_380,
    compressed: 24_306_771,
    config: REDIS_CONFIG([`PATH=${PATH}`, ...versionEnv.env]),
    history: [
      ...ALPINE_BASE,
      ...at(created, [
        bk.run('set -eux;     addgroup -S -g 1000 redis;     adduser -S -G redis -u 999 redis', user),
        bk.run('apk add --no-cache         tzdata', tz),
        ...versionEnv.steps,
        bk.run('set -eux;         apk add --no-cache --virtual .build-deps         coreutils         gcc         g++         linux-headers         make         musl-dev         openssl-dev         git         cmake         python3         py3-pip         clang         clang-dev         llvm-dev         automake         autoconf         libtool         rsync         tar         wget     ;     wget -O redis.tar.gz "https://github.com/redis/redis/archive/refs/tags/$REDIS_VERSION.tar.gz";     mkdir -p /usr/src/redis;     tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1;     rm redis.tar.gz;     export BUILD_TLS=yes BUILD_WITH_MODULES=yes INSTALL_RUST_TOOLCHAIN=yes DISABLE_WERRORS=yes;     make -C /usr/src/redis -j "$(nproc)" all;     make -C /usr/src/redis install;     rm -r /usr/src/redis;     runDeps="$(         scanelf --needed --nobanner --format \'%n#p\' --recursive /usr/local             | tr \',\' \'\\n\'             | sort -u             | awk \'system("[ -e /usr/local/lib/" $1 " ]") == 0 { next } { print "so:" $1 }\'     )";     apk add --no-network --virtual .redis-rundeps $runDeps;     apk del --no-network .build-deps;     redis-cli --version;     redis-server --version', build),
        bk.run('mkdir /data && chown redis:redis /data', data),
        bk.volume(['/data']),
        bk.workdir('/data', workdir),
        bk.copy('docker-entrypoint.sh /usr/local/bin/', entry),
        ...REDIS_TAIL,
      ]),
    ],
  });
}
