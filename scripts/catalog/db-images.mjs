// Databases: postgres (Debian and Alpine), mysql (Oracle Linux), mongo (Ubuntu).
import { ALPINE_GROUP, ALPINE_PASSWD, DEBIAN_GROUP, DEBIAN_PASSWD, OL_GROUP, OL_PASSWD, UBUNTU_GROUP, UBUNTU_PASSWD, bin, dir, lines, link, script, withLines } from './base.mjs';
import { MONGO_ENTRYPOINT, MYSQL_ENTRYPOINT, POSTGRES_ENSURE_INITDB, POSTGRES_ENTRYPOINT } from './content.mjs';
import { ALPINE_BASE, DEBIAN_SLIM_BASE, ORACLE_BASE, UBUNTU_BASE } from './os-images.mjs';
import { PATH, at, bk, envSteps, image, layer } from './lib.mjs';

const GOSU_RUN_DEBIAN = 'set -eux;     savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends ca-certificates wget;     rm -rf /var/lib/apt/lists/*;     dpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')";     wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch";     wget -O /usr/local/bin/gosu.asc "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch.asc";     export GNUPGHOME="$(mktemp -d)";     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4;     gpg --batch --verify /usr/local/bin/gosu.asc /usr/local/bin/gosu;     gpgconf --kill all;     rm -rf "$GNUPGHOME" /usr/local/bin/gosu.asc;     apt-mark auto \'.*\' > /dev/null;     [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null;     apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false;     chmod +x /usr/local/bin/gosu;     gosu --version;     gosu nobody true';
const CONF_SAMPLE = lines(
  '# PostgreSQL configuration file (shortened sample; initdb copies it into $PGDATA).',
  "listen_addresses = '*'",
  'max_connections = 100',
  'shared_buffers = 128MB',
  'dynamic_shared_memory_type = posix',
  "log_timezone = 'Etc/UTC'",
  "timezone = 'Etc/UTC'",
);
const PG_BIN = ['postgres', 'psql', 'initdb', 'pg_ctl', 'pg_dump', 'pg_dumpall', 'pg_restore', 'pg_isready', 'pg_basebackup', 'createdb', 'dropdb', 'createuser', 'vacuumdb'];
const PG_TAIL = [bk.entrypoint(['docker-entrypoint.sh']), bk.stopsignal('SIGINT'), bk.expose([5432]), bk.cmd(['postgres'])];
const PG_CONF_RUN = 'set -eux;     dpkg-divert --add --rename --divert "/usr/share/postgresql/postgresql.conf.sample.dpkg" "/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample";     cp -v /usr/share/postgresql/postgresql.conf.sample.dpkg /usr/share/postgresql/postgresql.conf.sample;     ln -sv ../postgresql.conf.sample "/usr/share/postgresql/$PG_MAJOR/";     sed -ri "s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = \'*\'!" /usr/share/postgresql/postgresql.conf.sample;     grep -F "listen_addresses = \'*\'" /usr/share/postgresql/postgresql.conf.sample';
const PG_CONFIG = (env) => ({
  ExposedPorts: { '5432/tcp': {} },
  Env: env,
  Entrypoint: ['docker-entrypoint.sh'],
  Cmd: ['postgres'],
  Volumes: { '/var/lib/postgresql/data': {} },
  StopSignal: 'SIGINT',
  ArgsEscaped: true,
});

/** The last three layers both postgres variants share in shape: entrypoint scripts and the compatibility link. */
function pgEntrypointLayers(prefix) {
  return [
    bk.copy('docker-ensure-initdb.sh docker-entrypoint.sh /usr/local/bin/', layer(`${prefix}-entrypoint`, {
      files: { '/usr/local/bin/docker-entrypoint.sh': script(POSTGRES_ENTRYPOINT), '/usr/local/bin/docker-ensure-initdb.sh': script(POSTGRES_ENSURE_INITDB) },
      size: 'auto',
    })),
    bk.run('ln -sT docker-ensure-initdb.sh /usr/local/bin/docker-enforce-initdb.sh', layer(`${prefix}-enforce-link`, {
      files: { '/usr/local/bin/docker-enforce-initdb.sh': link('docker-ensure-initdb.sh') },
      size: 'auto',
    })),
  ];
}

// ---------------------------------------------------------------- postgres (Debian)

{
  const created = '2025-06-11T01:44:36Z';
  const p = 'postgres-17';
  const pgPath = `${PATH}:/usr/lib/postgresql/17/bin`;
  const gosuEnv = envSteps([['GOSU_VERSION', '1.17']]);
  const langEnv = envSteps([['LANG', 'en_US.utf8']]);
  const pgEnv = envSteps([['PG_MAJOR', '17'], ['PATH', pgPath], ['PG_VERSION', '17.5-1.pgdg120+1']]);
  const dataEnv = envSteps([['PGDATA', '/var/lib/postgresql/data']]);
  const installFiles = {
    '/usr/share/postgresql-common/pg_wrapper': script(lines('#!/usr/bin/perl', '# Runs the PostgreSQL client program of the right major version (stand-in).', 'exec "/usr/lib/postgresql/17/bin/" . ($0 =~ s!.*/!!r), @ARGV;')),
    '/usr/share/postgresql/17/postgresql.conf.sample': CONF_SAMPLE.replace("listen_addresses = '*'", "#listen_addresses = 'localhost'"),
    '/etc/postgresql-common/createcluster.conf': lines('# Options for pg_createcluster (the image sets create_main_cluster = false).', 'create_main_cluster = false'),
    '/usr/lib/postgresql/17/bin/postgres': bin(9_817_648),
    '/usr/lib/postgresql/17/bin/psql': bin(802_760),
  };
  for (const name of ['psql', 'pg_dump', 'pg_dumpall', 'pg_restore', 'pg_isready', 'pg_basebackup', 'createdb', 'dropdb', 'createuser', 'vacuumdb']) {
    installFiles[`/usr/bin/${name}`] = link('../share/postgresql-common/pg_wrapper');
  }
  const history = [
    ...DEBIAN_SLIM_BASE,
    ...at(created, [
      bk.run('set -eux;     groupadd -r postgres --gid=999;     useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres;     install --verbose --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql', layer(`${p}-user`, {
        files: {
          '/etc/passwd': withLines(DEBIAN_PASSWD, 'postgres:x:999:999::/var/lib/postgresql:/bin/bash'),
          '/etc/group': withLines(DEBIAN_GROUP, 'postgres:x:999:'),
          '/var/lib/postgresql': dir(0o1777),
        },
        size: 'auto',
      })),
      bk.run('set -ex;     apt-get update;     apt-get install -y --no-install-recommends         gnupg         less     ;     rm -rf /var/lib/apt/lists/*', layer(`${p}-gnupg`, {
        executables: ['/usr/bin/gpg', '/usr/bin/gpgv', '/usr/bin/gpg-agent', '/usr/bin/dirmngr', '/usr/bin/less', '/usr/bin/lessecho'],
        size: 9_935_012,
      })),
      ...gosuEnv.steps,
      bk.run(GOSU_RUN_DEBIAN, layer(`${p}-gosu`, { files: { '/usr/local/bin/gosu': bin(2_264_256) }, size: 4_123_507 })),
      bk.run('set -eux;     if [ -f /etc/dpkg/dpkg.cfg.d/docker ]; then         grep -q \'/usr/share/locale\' /etc/dpkg/dpkg.cfg.d/docker;         sed -ri \'/\\/usr\\/share\\/locale/d\' /etc/dpkg/dpkg.cfg.d/docker;         ! grep -q \'/usr/share/locale\' /etc/dpkg/dpkg.cfg.d/docker;     fi;     apt-get update; apt-get install -y --no-install-recommends locales; rm -rf /var/lib/apt/lists/*;     echo \'en_US.UTF-8 UTF-8\' >> /etc/locale.gen;     locale-gen;     locale -a | grep \'en_US.utf8\'', layer(`${p}-locales`, {
        files: { '/usr/lib/locale/locale-archive': { content: '(locale archive)\n', size: 3_057_520 }, '/etc/locale.gen': lines('# Locales locale-gen builds.', 'en_US.UTF-8 UTF-8') },
        executables: ['/usr/sbin/locale-gen', '/usr/sbin/update-locale', '/usr/sbin/validlocale'],
        size: 19_847_120,
      })),
      ...langEnv.steps,
      bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         libnss-wrapper         xz-utils         zstd     ;     rm -rf /var/lib/apt/lists/*', layer(`${p}-nss-wrapper`, {
        executables: ['/usr/lib/x86_64-linux-gnu/libnss_wrapper.so', '/usr/bin/xz', '/usr/bin/unxz', '/usr/bin/zstd'],
        size: 4_238_817,
      })),
      bk.run('mkdir /docker-entrypoint-initdb.d', layer(`${p}-initdb-dir`, { files: { '/docker-entrypoint-initdb.d': dir() }, size: 0 })),
      bk.run('set -ex;     key=\'B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8\';     export GNUPGHOME="$(mktemp -d)";     mkdir -p /usr/local/share/keyrings/;     gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key";     gpg --batch --export --armor "$key" > /usr/local/share/keyrings/postgres.gpg.asc;     gpgconf --kill all;     rm -rf "$GNUPGHOME"', layer(`${p}-key`, {
        files: { '/usr/local/share/keyrings/postgres.gpg.asc': { content: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n(stand-in)\n-----END PGP PUBLIC KEY BLOCK-----\n', size: 4_812 } },
        size: 'auto',
      })),
      ...pgEnv.steps,
      bk.run('set -ex;     export PYTHONDONTWRITEBYTECODE=1;     dpkgArch="$(dpkg --print-architecture)";     aptRepo="[ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main $PG_MAJOR";     case "$dpkgArch" in         amd64 | arm64 | ppc64el) echo "deb $aptRepo" > /etc/apt/sources.list.d/pgdg.list; apt-get update;;     esac;     apt-get install -y --no-install-recommends postgresql-common;     sed -ri \'s/#(create_main_cluster) .*$/\\1 = false/\' /etc/postgresql-common/createcluster.conf;     apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR=$PG_VERSION";     rm -rf /var/lib/apt/lists/*;     postgres --version', layer(`${p}-install`, {
        files: installFiles,
        executables: PG_BIN.filter((n) => n !== 'postgres' && n !== 'psql').map((n) => `/usr/lib/postgresql/17/bin/${n}`),
      })),
      bk.run(PG_CONF_RUN, layer(`${p}-conf`, {
        files: {
          '/usr/share/postgresql/postgresql.conf.sample': CONF_SAMPLE,
          '/usr/share/postgresql/postgresql.conf.sample.dpkg': CONF_SAMPLE.replace("listen_addresses = '*'", "#listen_addresses = 'localhost'"),
          '/usr/share/postgresql/17/postgresql.conf.sample': link('../postgresql.conf.sample'),
        },
        size: 'auto',
      })),
      bk.run('install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql', layer(`${p}-run-dir`, { files: { '/run/postgresql': dir(0o3777) }, size: 0 })),
      ...dataEnv.steps,
      bk.run('install --verbose --directory --owner postgres --group postgres --mode 1777 "$PGDATA"', layer(`${p}-pgdata`, { files: { '/var/lib/postgresql/data': dir(0o1777) }, size: 0 })),
      bk.volume(['/var/lib/postgresql/data']),
      ...pgEntrypointLayers(p),
      ...PG_TAIL,
    ]),
  ];
  image({
    repository: 'postgres',
    tags: ['latest', '17', '17.5'],
    created,
    size: 438_204_719,
    compressed: 151_318_277,
    config: PG_CONFIG([`PATH=${pgPath}`, ...gosuEnv.env, ...langEnv.env, 'PG_MAJOR=17', 'PG_VERSION=17.5-1.pgdg120+1', ...dataEnv.env]),
    history,
  });
}

// ---------------------------------------------------------------- postgres (Alpine)

{
  const created = '2025-06-11T02:08:41Z';
  const p = 'postgres-17-alpine';
  const gosuEnv = envSteps([['GOSU_VERSION', '1.17']]);
  const langEnv = envSteps([['LANG', 'en_US.utf8']]);
  const pgEnv = envSteps([['PG_MAJOR', '17'], ['PG_VERSION', '17.5']]);
  const dataEnv = envSteps([['PGDATA', '/var/lib/postgresql/data']]);
  const installFiles = {
    '/usr/local/bin/postgres': bin(9_512_392),
    '/usr/local/bin/psql': bin(764_984),
    '/usr/local/share/postgresql/postgresql.conf.sample': CONF_SAMPLE.replace("listen_addresses = '*'", "#listen_addresses = 'localhost'"),
    '/bin/bash': bin(791_792),
  };
  image({
    repository: 'postgres',
    tags: ['17-alpine', 'alpine'],
    created,
    size: 278_361_054,
    compressed: 104_718_350,
    config: PG_CONFIG([`PATH=${PATH}`, ...gosuEnv.env, ...langEnv.env, ...pgEnv.env, ...dataEnv.env]),
    history: [
      ...ALPINE_BASE,
      ...at(created, [
        bk.run('set -eux;     addgroup -g 70 -S postgres;     adduser -u 70 -S -D -G postgres -H -h /var/lib/postgresql -s /bin/sh postgres;     install --verbose --directory --owner postgres --group postgres --mode 1777 /var/lib/postgresql', layer(`${p}-user`, {
          files: {
            '/etc/passwd': withLines(ALPINE_PASSWD, 'postgres:x:70:70:Linux User,,,:/var/lib/postgresql:/bin/sh'),
            '/etc/group': withLines(ALPINE_GROUP, 'postgres:x:70:postgres'),
            '/var/lib/postgresql': dir(0o1777),
          },
          size: 'auto',
        })),
        ...gosuEnv.steps,
        bk.run('set -eux;     apk add --no-cache --virtual .gosu-deps ca-certificates dpkg gnupg;     dpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')";     wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch";     wget -O /usr/local/bin/gosu.asc "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch.asc";     export GNUPGHOME="$(mktemp -d)";     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4;     gpg --batch --verify /usr/local/bin/gosu.asc /usr/local/bin/gosu;     gpgconf --kill all;     rm -rf "$GNUPGHOME" /usr/local/bin/gosu.asc;     apk del --no-network .gosu-deps;     chmod +x /usr/local/bin/gosu;     gosu --version;     gosu nobody true', layer(`${p}-gosu`, {
          files: { '/usr/local/bin/gosu': bin(2_264_256) },
          size: 2_285_416,
        })),
        ...langEnv.steps,
        bk.run('mkdir /docker-entrypoint-initdb.d', layer(`${p}-initdb-dir`, { files: { '/docker-entrypoint-initdb.d': dir() }, size: 0 })),
        ...pgEnv.steps,
        bk.run('set -eux;         wget -O postgresql.tar.bz2 "https://ftp.postgresql.org/pub/source/v$PG_VERSION/postgresql-$PG_VERSION.tar.bz2";     mkdir -p /usr/src/postgresql;     tar --extract --file postgresql.tar.bz2 --directory /usr/src/postgresql --strip-components 1;     rm postgresql.tar.bz2;         apk add --no-cache --virtual .build-deps         $DOCKER_PG_LLVM_DEPS         bison         coreutils         dpkg-dev dpkg         flex         g++         gcc         krb5-dev         libc-dev         libedit-dev         libxml2-dev         libxslt-dev         linux-headers         make         openldap-dev         openssl-dev         perl-dev         perl-ipc-run         perl-utils         python3-dev         tcl-dev         util-linux-dev         zlib-dev         icu-dev         lz4-dev         zstd-dev     ;         cd /usr/src/postgresql;     ./configure         --enable-option-checking=fatal         --build="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"         --enable-integer-datetimes         --enable-thread-safety         --enable-tap-tests         --disable-rpath         --with-uuid=e2fs         --with-pgport=5432         --with-system-tzdata=/usr/share/zoneinfo         --prefix=/usr/local         --with-includes=/usr/local/include         --with-libraries=/usr/local/lib         --with-gssapi         --with-ldap         --with-tcl         --with-perl         --with-python         --with-openssl         --with-libxml         --with-libxslt         --with-icu         --with-llvm         --with-lz4         --with-zstd     ;     make -j "$(nproc)" world-bin;     make install-world-bin;     make -C contrib install;         runDeps="$(         scanelf --needed --nobanner --format \'%n#p\' --recursive /usr/local             | tr \',\' \'\\n\'             | sort -u             | awk \'system("[ -e /usr/local/lib/" $1 " ]") == 0 { next } { print "so:" $1 }\'             | grep -v -e perl -e python -e tcl     )";     apk add --no-cache --virtual .postgresql-rundeps         $runDeps         bash         tzdata         zstd         icu-data-full         $([ "$(apk --print-arch)" != \'ppc64le\' ] && echo \'nss_wrapper\')     ;     apk del --no-network .build-deps;     cd /;     rm -rf         /usr/src/postgresql         /usr/local/share/doc         /usr/local/share/man     ;         postgres --version', layer(`${p}-build`, {
          files: installFiles,
          executables: PG_BIN.filter((n) => n !== 'postgres' && n !== 'psql').map((n) => `/usr/local/bin/${n}`),
        })),
        bk.run('set -eux;     cp -v /usr/local/share/postgresql/postgresql.conf.sample /usr/local/share/postgresql/postgresql.conf.sample.orig;     sed -ri "s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = \'*\'!" /usr/local/share/postgresql/postgresql.conf.sample;     grep -F "listen_addresses = \'*\'" /usr/local/share/postgresql/postgresql.conf.sample', layer(`${p}-conf`, {
          files: {
            '/usr/local/share/postgresql/postgresql.conf.sample': CONF_SAMPLE,
            '/usr/local/share/postgresql/postgresql.conf.sample.orig': CONF_SAMPLE.replace("listen_addresses = '*'", "#listen_addresses = 'localhost'"),
          },
          size: 'auto',
        })),
        bk.run('install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql', layer(`${p}-run-dir`, { files: { '/run/postgresql': dir(0o3777) }, size: 0 })),
        ...dataEnv.steps,
        bk.run('install --verbose --directory --owner postgres --group postgres --mode 1777 "$PGDATA"', layer(`${p}-pgdata`, { files: { '/var/lib/postgresql/data': dir(0o1777) }, size: 0 })),
        bk.volume(['/var/lib/postgresql/data']),
        ...pgEntrypointLayers(p),
        ...PG_TAIL,
      ]),
    ],
  });
}

// ---------------------------------------------------------------- mysql

{
  const created = '2025-06-04T21:57:26Z';
  const p = 'mysql-9.3';
  const gosuEnv = envSteps([['GOSU_VERSION', '1.17']]);
  const versionEnv = envSteps([['MYSQL_MAJOR', 'innovation'], ['MYSQL_VERSION', '9.3.0-1.el9']]);
  const shellEnv = envSteps([['MYSQL_SHELL_VERSION', '9.3.0-1.el9']]);
  const repo = (section, name, path, file) => `set -eu;     { echo '[${section}]'; echo 'name=${name}'; echo 'enabled=1'; echo "baseurl=https://repo.mysql.com/yum/${path}/el/9/\\$basearch/"; echo 'gpgcheck=1'; echo 'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mysql'; echo 'module_hotfixes=true'; } | tee /etc/yum.repos.d/${file}`;
  const repoFile = (section, name, path) => lines(`[${section}]`, `name=${name}`, 'enabled=1', `baseurl=https://repo.mysql.com/yum/${path}/el/9/$basearch/`, 'gpgcheck=1', 'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mysql', 'module_hotfixes=true');
  const myCnf = lines(
    '# MySQL server configuration. Settings in /etc/mysql/conf.d/*.cnf override these.',
    '[mysqld]',
    'host-cache-size=0',
    'skip-name-resolve',
    'datadir=/var/lib/mysql',
    'socket=/var/run/mysqld/mysqld.sock',
    'secure-file-priv=/var/lib/mysql-files',
    'user=mysql',
    '',
    'pid-file=/var/run/mysqld/mysqld.pid',
    '[client]',
    'socket=/var/run/mysqld/mysqld.sock',
    '',
    '!includedir /etc/mysql/conf.d/',
  );
  image({
    repository: 'mysql',
    tags: ['latest', '9', '9.3', '9.3.0'],
    created,
    size: 859_428_311,
    compressed: 250_387_942,
    config: {
      ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} },
      Env: [`PATH=${PATH}`, ...gosuEnv.env, ...versionEnv.env, ...shellEnv.env],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['mysqld'],
      Volumes: { '/var/lib/mysql': {} },
      ArgsEscaped: true,
    },
    history: [
      ...ORACLE_BASE,
      ...at(created, [
        bk.run('set -eux;     groupadd --system --gid 999 mysql;     useradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql', layer(`${p}-user`, {
          files: { '/etc/passwd': withLines(OL_PASSWD, 'mysql:x:999:999::/var/lib/mysql:/bin/bash'), '/etc/group': withLines(OL_GROUP, 'mysql:x:999:') },
          size: 'auto',
        })),
        ...gosuEnv.steps,
        bk.run('set -eux;     arch="$(uname -m)";     case "$arch" in         aarch64) gosuArch=\'arm64\' ;;         x86_64) gosuArch=\'amd64\' ;;         *) echo >&2 "error: unsupported architecture: \'$arch\'"; exit 1 ;;     esac;     curl -fL -o /usr/local/bin/gosu.asc "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$gosuArch.asc";     curl -fL -o /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$gosuArch";     export GNUPGHOME="$(mktemp -d)";     gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys B42F6819007F00F88E364FD4036A9C25BF357DD4;     gpg --batch --verify /usr/local/bin/gosu.asc /usr/local/bin/gosu;     rm -rf "$GNUPGHOME" /usr/local/bin/gosu.asc;     chmod +x /usr/local/bin/gosu;     gosu --version;     gosu nobody true', layer(`${p}-gosu`, {
          files: { '/usr/local/bin/gosu': bin(2_264_256) },
          size: 2_264_256,
        })),
        bk.run('set -eux;     microdnf install -y         bzip2         gzip         openssl         xz         zstd         findutils     ;     microdnf clean all', layer(`${p}-utils`, {
          executables: ['bzip2', 'gzip', 'gunzip', 'openssl', 'xz', 'zstd', 'find', 'xargs'].map((n) => `/usr/bin/${n}`),
          size: 11_392_705,
          ratio: 0.4,
        })),
        bk.run('set -eux;     key=\'BCA4 3417 C3B4 85DD 128E  C6D4 B7B3 B788 A8D3 785C\';     export GNUPGHOME="$(mktemp -d)";     gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key";     gpg --batch --export --armor "$key" > /etc/pki/rpm-gpg/RPM-GPG-KEY-mysql;     rm -rf "$GNUPGHOME"', layer(`${p}-key`, {
          files: { '/etc/pki/rpm-gpg/RPM-GPG-KEY-mysql': { content: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n(stand-in)\n-----END PGP PUBLIC KEY BLOCK-----\n', size: 3_109 } },
          size: 'auto',
        })),
        ...versionEnv.steps,
        bk.run(repo('mysql-innovation-community-server-minimal', 'MySQL innovation Community Server Minimal', 'mysql-innovation-community/docker', 'mysql-community-minimal.repo'), layer(`${p}-repo`, {
          files: { '/etc/yum.repos.d/mysql-community-minimal.repo': repoFile('mysql-innovation-community-server-minimal', 'MySQL innovation Community Server Minimal', 'mysql-innovation-community/docker') },
          size: 'auto',
        })),
        bk.run('set -eux;     microdnf install -y "mysql-community-server-minimal-$MYSQL_VERSION";     microdnf clean all;     grep -F \'socket=/var/lib/mysql/mysql.sock\' /etc/my.cnf;     sed -i \'s!^socket=.*!socket=/var/run/mysqld/mysqld.sock!\' /etc/my.cnf;     grep -F \'socket=/var/run/mysqld/mysqld.sock\' /etc/my.cnf;     { echo \'[client]\'; echo \'socket=/var/run/mysqld/mysqld.sock\'; } >> /etc/my.cnf;     ! grep -F \'!includedir\' /etc/my.cnf;     { echo; echo \'!includedir /etc/mysql/conf.d/\'; } >> /etc/my.cnf;     mkdir -p /etc/mysql/conf.d;     mkdir -p /var/lib/mysql /var/run/mysqld;     chown mysql:mysql /var/lib/mysql /var/run/mysqld;     chmod 1777 /var/lib/mysql /var/run/mysqld;     mkdir /docker-entrypoint-initdb.d;     mysqld --version;     mysql --version', layer(`${p}-install`, {
          files: {
            '/etc/my.cnf': myCnf,
            '/etc/mysql/conf.d': dir(),
            '/var/lib/mysql': dir(0o1777),
            '/var/lib/mysql-files': dir(0o700),
            '/run/mysqld': dir(0o1777),
            '/docker-entrypoint-initdb.d': dir(),
            '/usr/sbin/mysqld': bin(86_302_416),
            '/usr/bin/mysql': bin(8_114_520),
          },
          executables: ['mysqladmin', 'mysqldump', 'mysqlcheck', 'mysql_tzinfo_to_sql', 'mysqlbinlog', 'my_print_defaults'].map((n) => `/usr/bin/${n}`),
        })),
        bk.run(repo('mysql-tools-community', 'MySQL Tools Community', 'mysql-tools-community', 'mysql-community-tools.repo'), layer(`${p}-tools-repo`, {
          files: { '/etc/yum.repos.d/mysql-community-tools.repo': repoFile('mysql-tools-community', 'MySQL Tools Community', 'mysql-tools-community') },
          size: 'auto',
        })),
        ...shellEnv.steps,
        bk.run('set -eux;     microdnf install -y "mysql-shell-$MYSQL_SHELL_VERSION";     microdnf clean all;         mysqlsh --version', layer(`${p}-shell`, {
          files: { '/usr/bin/mysqlsh': bin(52_803_072) },
          size: 271_938_460,
          ratio: 0.28,
        })),
        bk.volume(['/var/lib/mysql']),
        bk.copy('docker-entrypoint.sh /usr/local/bin/', layer(`${p}-entrypoint`, { files: { '/usr/local/bin/docker-entrypoint.sh': script(MYSQL_ENTRYPOINT) }, size: 'auto' })),
        bk.entrypoint(['docker-entrypoint.sh']),
        bk.expose([3306, 33060]),
        bk.cmd(['mysqld']),
      ]),
    ],
  });
}

// ---------------------------------------------------------------- mongo

{
  const created = '2025-07-01T19:03:44Z';
  const p = 'mongo-8.0';
  const gosuEnv = envSteps([['GOSU_VERSION', '1.17'], ['JSYAML_VERSION', '3.13.1']]);
  const repoEnv = envSteps([['MONGO_PACKAGE', 'mongodb-org'], ['MONGO_REPO', 'repo.mongodb.org'], ['MONGO_MAJOR', '8.0']]);
  const versionEnv = envSteps([['MONGO_VERSION', '8.0.11']]);
  const runEnv = envSteps([['HOME', '/data/db'], ['GLIBC_TUNABLES', 'glibc.pthread.rseq=0']]);
  image({
    repository: 'mongo',
    tags: ['latest', '8', '8.0', '8.0.11'],
    created,
    size: 883_172_466,
    compressed: 275_019_385,
    config: {
      ExposedPorts: { '27017/tcp': {} },
      Env: [`PATH=${PATH}`, ...gosuEnv.env, ...repoEnv.env, ...versionEnv.env, ...runEnv.env],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['mongod'],
      Volumes: { '/data/configdb': {}, '/data/db': {} },
      ArgsEscaped: true,
    },
    history: [
      ...UBUNTU_BASE,
      ...at(created, [
        bk.run('set -eux;     groupadd --gid 999 --system mongodb;     useradd --uid 999 --system --gid mongodb --home-dir /data/db mongodb;     mkdir -p /data/db /data/configdb;     chown -R mongodb:mongodb /data/db /data/configdb', layer(`${p}-user`, {
          files: {
            '/etc/passwd': withLines(UBUNTU_PASSWD, 'mongodb:x:999:999::/data/db:/bin/sh'),
            '/etc/group': withLines(UBUNTU_GROUP, 'mongodb:x:999:'),
            '/data/db': dir(),
            '/data/configdb': dir(),
          },
          size: 'auto',
        })),
        bk.run('set -eux;     apt-get update;     apt-get install -y --no-install-recommends         ca-certificates         jq         numactl         procps     ;     rm -rf /var/lib/apt/lists/*', layer(`${p}-deps`, {
          executables: ['/usr/bin/jq', '/usr/bin/numactl', '/usr/sbin/update-ca-certificates'],
          size: 8_314_227,
        })),
        ...gosuEnv.steps,
        bk.run('set -eux;     savedAptMark="$(apt-mark showmanual)";     apt-get update;     apt-get install -y --no-install-recommends         gnupg         wget     ;     rm -rf /var/lib/apt/lists/*;     dpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')";     wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch";     chmod +x /usr/local/bin/gosu;     gosu --version;     gosu nobody true;     wget -O /js-yaml.js "https://github.com/nodeca/js-yaml/raw/${JSYAML_VERSION}/dist/js-yaml.js";     apt-mark auto \'.*\' > /dev/null;     apt-mark manual $savedAptMark > /dev/null;     apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false', layer(`${p}-gosu`, {
          files: { '/usr/local/bin/gosu': bin(2_264_256), '/js-yaml.js': { content: '/* js-yaml 3.13.1 (stand-in) */\n', size: 105_796 } },
          size: 4_898_355,
        })),
        bk.run('mkdir /docker-entrypoint-initdb.d', layer(`${p}-initdb-dir`, { files: { '/docker-entrypoint-initdb.d': dir() }, size: 0 })),
        ...repoEnv.steps,
        bk.run('set -ex;     export GNUPGHOME="$(mktemp -d)";     set -- \'4B0752C1BCA238C0B4EE14DC41DE058A4E7DCA05\';     for key; do         gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key";     done;     mkdir -p /etc/apt/keyrings;     gpg --batch --export "$@" > /etc/apt/keyrings/mongodb.gpg;     gpgconf --kill all;     rm -rf "$GNUPGHOME";     echo "deb [ signed-by=/etc/apt/keyrings/mongodb.gpg ] http://$MONGO_REPO/apt/ubuntu noble/${MONGO_PACKAGE%-unstable}/$MONGO_MAJOR multiverse" | tee "/etc/apt/sources.list.d/${MONGO_PACKAGE%-unstable}.list"', layer(`${p}-repo`, {
          files: {
            '/etc/apt/keyrings/mongodb.gpg': { content: '(OpenPGP keyring)\n', size: 1_190 },
            '/etc/apt/sources.list.d/mongodb-org.list': 'deb [ signed-by=/etc/apt/keyrings/mongodb.gpg ] http://repo.mongodb.org/apt/ubuntu noble/mongodb-org/8.0 multiverse\n',
          },
          size: 'auto',
        })),
        ...versionEnv.steps,
        bk.run('set -x     && export DEBIAN_FRONTEND=noninteractive     && apt-get update     && apt-get install -y         ${MONGO_PACKAGE}=$MONGO_VERSION         ${MONGO_PACKAGE}-server=$MONGO_VERSION         ${MONGO_PACKAGE}-shell=$MONGO_VERSION         ${MONGO_PACKAGE}-mongos=$MONGO_VERSION         ${MONGO_PACKAGE}-tools=$MONGO_VERSION         ${MONGO_PACKAGE}-database-tools-extra=$MONGO_VERSION     && rm -f /usr/local/bin/systemctl     && rm -rf /var/lib/apt/lists/*     && rm -rf /var/lib/mongodb     && mv /etc/mongod.conf /etc/mongod.conf.orig', layer(`${p}-install`, {
          files: {
            '/usr/bin/mongod': bin(185_364_712),
            '/usr/bin/mongos': bin(134_217_912),
            '/usr/bin/mongosh': bin(118_432_640),
            '/etc/mongod.conf.orig': lines('# mongod.conf (the packaged default; the image starts mongod with options instead)', 'storage:', '  dbPath: /var/lib/mongodb', 'net:', '  port: 27017', '  bindIp: 127.0.0.1'),
          },
          executables: ['mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'mongostat', 'mongotop', 'bsondump', 'mongofiles'].map((n) => `/usr/bin/${n}`),
        })),
        bk.volume(['/data/db', '/data/configdb']),
        ...runEnv.steps,
        bk.copy('docker-entrypoint.sh /usr/local/bin/', layer(`${p}-entrypoint`, { files: { '/usr/local/bin/docker-entrypoint.sh': script(MONGO_ENTRYPOINT) }, size: 'auto' })),
        bk.entrypoint(['docker-entrypoint.sh']),
        bk.expose([27017]),
        bk.cmd(['mongod']),
      ]),
    ],
  });
}
