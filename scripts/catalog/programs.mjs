// How the catalogue's programs behave when they run as a container's main process: the log
// lines they print (what `docker logs` shows), the ports they listen on, what stops them.
// Placeholders filled at run time: {{date}} 2025/06/30, {{isodate}} 2025-06-30, {{time}} 10:00:00,
// {{iso}}, {{pid}}, {{hostname}}.
import { POSTGRES_PASSWORD_ERROR } from './content.mjs';

const out = (...texts) => texts.map((text) => ({ stream: 'stdout', text }));
const err = (...texts) => texts.map((text) => ({ stream: 'stderr', text }));

// ---------------------------------------------------------------- nginx

const ngx = (who, text) => `{{date}} {{time}} [notice] ${who}: ${text}`;
const nginx = {
  kind: 'server',
  listens: [80],
  http: { root: '/usr/share/nginx/html', index: 'index.html', server: 'nginx/1.29.0' },
  // The entrypoint's lines go to stdout; nginx's error log is a link to /dev/stderr.
  startLogs: [
    ...out(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ),
    ...err(
      ngx('1#1', 'using the "epoll" event method'),
      ngx('1#1', 'nginx/1.29.0'),
      // nginx really prints a space after the compiler version.
      ngx('1#1', 'built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) '),
      ngx('1#1', 'OS: Linux 6.8.0-49-generic'),
      ngx('1#1', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
      ngx('1#1', 'start worker processes'),
      ngx('1#1', 'start worker process 29'),
      ngx('1#1', 'start worker process 30'),
    ),
  ],
  // SIGQUIT (the image's StopSignal) is nginx's graceful shutdown: workers finish, then exit 0.
  stopLogs: err(
    ngx('1#1', 'signal 3 (SIGQUIT) received, shutting down'),
    ngx('29#29', 'gracefully shutting down'),
    ngx('30#30', 'gracefully shutting down'),
    ngx('29#29', 'exiting'),
    ngx('30#30', 'exiting'),
    ngx('29#29', 'exit'),
    ngx('30#30', 'exit'),
    ngx('1#1', 'signal 17 (SIGCHLD) received from 30'),
    ngx('1#1', 'worker process 30 exited with code 0'),
    ngx('1#1', 'signal 29 (SIGIO) received'),
    ngx('1#1', 'signal 17 (SIGCHLD) received from 29'),
    ngx('1#1', 'worker process 29 exited with code 0'),
    ngx('1#1', 'exit'),
  ),
  stopExitCode: 0,
};

// ---------------------------------------------------------------- httpd

const AH00558 = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message";
const httpd = {
  kind: 'server',
  listens: [80],
  http: { root: '/usr/local/apache2/htdocs', index: 'index.html', server: 'Apache/2.4.63 (Unix)' },
  // httpd checks its configuration once before forking, so AH00558 appears twice.
  startLogs: err(
    AH00558,
    AH00558,
    '[{{date}} {{time}}.114523] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations',
    "[{{date}} {{time}}.114611] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
  ),
  // SIGWINCH (the image's StopSignal) is httpd's graceful stop.
  stopLogs: err('[{{date}} {{time}}.502207] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully'),
  stopExitCode: 0,
};

// ---------------------------------------------------------------- redis

const rc = (text) => `1:C {{date}} {{time}}.412 ${text}`;
const rm = (text) => `1:M {{date}} {{time}}.415 ${text}`;
const redisServer = {
  kind: 'server',
  listens: [6379],
  curlError: 'curl: (52) Empty reply from server',
  startLogs: out(
    rc('* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
    rc('* Redis version=8.0.2, bits=64, commit=00000000, modified=1, pid=1, just started'),
    rc('# Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
    rm('* monotonic clock: POSIX clock_gettime'),
    rm('* Running mode=standalone, port=6379.'),
    rm('* <bf> RedisBloom version 8.0.1 (Git=unknown)'),
    rm("* Module 'bf' loaded from /usr/local/lib/redis/modules//redisbloom.so"),
    rm('* <search> Redis version found by RedisSearch : 8.0.2 - oss'),
    rm("* Module 'search' loaded from /usr/local/lib/redis/modules//redisearch.so"),
    rm('* <timeseries> RedisTimeSeries version 80001, git_sha=unknown'),
    rm("* Module 'timeseries' loaded from /usr/local/lib/redis/modules//redistimeseries.so"),
    rm("* <ReJSON> Created new data type 'ReJSON-RL'"),
    rm("* Module 'ReJSON' loaded from /usr/local/lib/redis/modules//rejson.so"),
    rm("# WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect."),
    rm('* Server initialized'),
    rm('* Ready to accept connections tcp'),
  ),
  stopLogs: out(
    rm('# Received SIGTERM scheduling shutdown...'),
    rm('* User requested shutdown...'),
    rm('* Saving the final RDB snapshot before exiting.'),
    rm('* DB saved on disk'),
    rm('# Redis is now ready to exit, bye bye...'),
  ),
  stopExitCode: 0,
};

// ---------------------------------------------------------------- postgres

const pg = (ms, pid, text) => `{{isodate}} {{time}}.${ms} UTC [${pid}] LOG:  ${text}`;
const PG_STARTING = 'starting PostgreSQL 17.5 (Debian 17.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit';
const postgres = {
  kind: 'server',
  listens: [5432],
  curlError: 'curl: (52) Empty reply from server',
  requiresEnv: { anyOf: ['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'], logs: err(...POSTGRES_PASSWORD_ERROR), exitCode: 1 },
  // First start on an empty volume: initdb, a temporary server for the init scripts, then the real one.
  startLogs: [
    ...out(
      'The files belonging to this database system will be owned by user "postgres".',
      'This user must also own the server process.',
      '',
      'The database cluster will be initialized with locale "en_US.utf8".',
      'The default database encoding has accordingly been set to "UTF8".',
      'The default text search configuration will be set to "english".',
      '',
      'Data page checksums are disabled.',
      '',
      'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
      'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix',
      'selecting default "max_connections" ... 100',
      'selecting default "shared_buffers" ... 128MB',
      'selecting default time zone ... Etc/UTC',
      'creating configuration files ... ok',
      'running bootstrap script ... ok',
      'performing post-bootstrap initialization ... ok',
      'syncing data to disk ... ok',
      '',
      '',
      'Success. You can now start the database server using:',
      '',
      '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
      '',
    ),
    ...err(
      'initdb: warning: enabling "trust" authentication for local connections',
      'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.',
    ),
    ...out(`waiting for server to start....${pg('215', 48, PG_STARTING)}`),
    ...err(
      pg('217', 48, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
      pg('224', 51, 'database system was shut down at {{isodate}} {{time}} UTC'),
      pg('229', 48, 'database system is ready to accept connections'),
    ),
    ...out(
      ' done',
      'server started',
      '',
      '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*',
      '',
      `waiting for server to shut down....${pg('398', 48, 'received fast shutdown request')}`,
    ),
    ...err(
      pg('399', 48, 'aborting any active transactions'),
      pg('402', 48, 'background worker "logical replication launcher" (PID 54) exited with exit code 1'),
      pg('402', 49, 'shutting down'),
      pg('404', 49, 'checkpoint starting: shutdown immediate'),
      pg('981', 49, 'checkpoint complete: wrote 921 buffers (5.6%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.034 s, sync=0.693 s, total=0.577 s; sync files=301, longest=0.006 s, average=0.003 s; distance=4238 kB, estimate=4238 kB; lsn=0/1908980, redo lsn=0/1908980'),
      pg('987', 48, 'database system is shut down'),
    ),
    ...out(' done', 'server stopped', '', 'PostgreSQL init process complete; ready for start up.', ''),
    ...err(
      pg('112', 1, PG_STARTING),
      pg('112', 1, 'listening on IPv4 address "0.0.0.0", port 5432'),
      pg('112', 1, 'listening on IPv6 address "::", port 5432'),
      pg('115', 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
      pg('121', 64, 'database system was shut down at {{isodate}} {{time}} UTC'),
      pg('126', 1, 'database system is ready to accept connections'),
    ),
  ],
  // SIGINT (the image's StopSignal) is PostgreSQL's "fast" shutdown.
  stopLogs: err(
    pg('310', 1, 'received fast shutdown request'),
    pg('311', 1, 'aborting any active transactions'),
    pg('314', 1, 'background worker "logical replication launcher" (PID 70) exited with exit code 1'),
    pg('314', 65, 'shutting down'),
    pg('316', 65, 'checkpoint starting: shutdown immediate'),
    pg('322', 65, 'checkpoint complete: wrote 0 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.001 s, sync=0.001 s, total=0.006 s; sync files=0, longest=0.000 s, average=0.000 s; distance=0 kB, estimate=0 kB; lsn=0/1908A30, redo lsn=0/1908A30'),
    pg('329', 1, 'database system is shut down'),
  ),
  stopExitCode: 0,
};

// ---------------------------------------------------------------- mysql

const note = (text) => `{{isodate}} {{time}}+00:00 [Note] [Entrypoint]: ${text}`;
let micros = 104_318;
const my = (thread, level, code, subsystem, text) => `{{isodate}}T{{time}}.${String((micros += 2_719) % 1_000_000).padStart(6, '0')}Z ${thread} [${level}] [MY-${String(code).padStart(6, '0')}] [${subsystem}] ${text}`;
const MYSQL_START = out(
  note('Entrypoint script for MySQL Server 9.3.0-1.el9 started.'),
  note("Switching to dedicated user 'mysql'"),
  note('Entrypoint script for MySQL Server 9.3.0-1.el9 started.'),
);
const mysqlServerUp = (pid, port) => err(
  my(0, 'System', 15015, 'Server', 'MySQL Server - start.'),
  my(0, 'System', 10116, 'Server', `/usr/sbin/mysqld (mysqld 9.3.0) starting as process ${pid}`),
  my(1, 'System', 13576, 'InnoDB', 'InnoDB initialization has started.'),
  my(1, 'System', 13577, 'InnoDB', 'InnoDB initialization has ended.'),
  my(0, 'Warning', 10068, 'Server', 'CA certificate ca.pem is self signed.'),
  my(0, 'System', 13602, 'Server', 'Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.'),
  my(0, 'System', 11323, 'Server', port === 0 ? 'X Plugin ready for connections. Socket: /var/run/mysqld/mysqlx.sock' : "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock"),
  my(0, 'System', 10931, 'Server', `/usr/sbin/mysqld: ready for connections. Version: '9.3.0'  socket: '/var/run/mysqld/mysqld.sock'  port: ${port}  MySQL Community Server - GPL.`),
);
const mysqlServerDown = (thread, who) => err(
  my(thread, 'System', 13172, 'Server', `Received SHUTDOWN from user ${who}. Shutting down mysqld (Version: 9.3.0).`),
  my(0, 'System', 10910, 'Server', '/usr/sbin/mysqld: Shutdown complete (mysqld 9.3.0)  MySQL Community Server - GPL.'),
  my(0, 'System', 15016, 'Server', 'MySQL Server - end.'),
);
const mysqld = {
  kind: 'server',
  listens: [3306, 33060],
  curlError: 'curl: (1) Received HTTP/0.9 when not allowed',
  requiresEnv: {
    anyOf: ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'],
    logs: [
      ...MYSQL_START,
      ...err(
        '{{isodate}} {{time}}+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
        '    You need to specify one of the following as an environment variable:',
        '    - MYSQL_ROOT_PASSWORD',
        '    - MYSQL_ALLOW_EMPTY_PASSWORD',
        '    - MYSQL_RANDOM_ROOT_PASSWORD',
      ),
    ],
    exitCode: 1,
  },
  startLogs: [
    ...MYSQL_START,
    ...out(note('Initializing database files')),
    ...err(
      my(0, 'System', 15017, 'Server', 'MySQL Server Initialization - start.'),
      my(0, 'System', 13169, 'Server', '/usr/sbin/mysqld (mysqld 9.3.0) initializing of server in progress as process 80'),
      my(1, 'System', 13576, 'InnoDB', 'InnoDB initialization has started.'),
      my(1, 'System', 13577, 'InnoDB', 'InnoDB initialization has ended.'),
      my(6, 'Warning', 10453, 'Server', 'root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.'),
      my(0, 'System', 15018, 'Server', 'MySQL Server Initialization - end.'),
    ),
    ...out(note('Database files initialized'), note('Starting temporary server')),
    ...mysqlServerUp(124, 0),
    ...out(note('Temporary server started.'), "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'"),
    ...out(note('Stopping temporary server')),
    ...mysqlServerDown(10, 'root'),
    ...out(note('Temporary server stopped'), '', note('MySQL init process done. Ready for start up.'), ''),
    ...mysqlServerUp(1, 3306),
  ],
  stopLogs: mysqlServerDown(0, '<via user signal>'),
  stopExitCode: 0,
};

// ---------------------------------------------------------------- mongo

const mg = (ms, c, id, ctx, msg, attr) => {
  const pad = (text, width) => text + ' '.repeat(Math.max(0, width - text.length));
  const head = `{"t":{"$date":"{{isodate}}T{{time}}.${ms}+00:00"},"s":"I",  ${pad(`"c":"${c}",`, 16)}${pad(`"id":${id},`, 14)}"ctx":"${ctx}","msg":"${msg}"`;
  return attr === undefined ? `${head}}` : `${head},"attr":${JSON.stringify(attr)}}`;
};
const mongod = {
  kind: 'server',
  listens: [27017],
  startLogs: out(
    mg('612', 'CONTROL', 23285, 'main', "Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'"),
    mg('615', 'CONTROL', 4615611, 'initandlisten', 'MongoDB starting', { pid: 1, port: 27017, dbPath: '/data/db', architecture: '64-bit', host: '{{hostname}}' }),
    mg('615', 'CONTROL', 23403, 'initandlisten', 'Build Info', { buildInfo: { version: '8.0.11', openSSLVersion: 'OpenSSL 3.0.13 30 Jan 2024', modules: [], allocator: 'tcmalloc-google', environment: { distmod: 'ubuntu2404', distarch: 'x86_64', target_arch: 'x86_64' } } }),
    mg('615', 'CONTROL', 51765, 'initandlisten', 'Operating System', { os: { name: 'Ubuntu', version: '24.04' } }),
    mg('615', 'CONTROL', 21951, 'initandlisten', 'Options set by command line', { options: { net: { bindIp: '*' } } }),
    mg('617', 'STORAGE', 22297, 'initandlisten', 'Using the XFS filesystem is strongly recommended with the WiredTiger storage engine. See http://dochub.mongodb.org/core/prodnotes-filesystem'),
    mg('842', 'NETWORK', 23015, 'listener', 'Listening on', { address: '/tmp/mongodb-27017.sock' }),
    mg('842', 'NETWORK', 23015, 'listener', 'Listening on', { address: '0.0.0.0' }),
    mg('842', 'NETWORK', 23016, 'listener', 'Waiting for connections', { port: 27017, ssl: 'off' }),
  ),
  stopLogs: out(
    mg('101', 'CONTROL', 23377, 'SignalHandler', 'Received signal', { signal: 15, error: 'Terminated' }),
    mg('101', 'CONTROL', 23378, 'SignalHandler', 'Signal was sent by kill(2)', { pid: 0, uid: 0 }),
    mg('101', 'CONTROL', 23381, 'SignalHandler', 'will terminate after current cmd ends'),
    mg('311', 'CONTROL', 20565, 'SignalHandler', 'Now exiting'),
    mg('311', 'CONTROL', 23138, 'SignalHandler', 'Shutting down', { exitCode: 0 }),
  ),
  stopExitCode: 0,
};

// ---------------------------------------------------------------- hello-world

/** What /hello writes (verbatim from hello.c): it starts and ends with an empty line. */
const HELLO = [
  '',
  'Hello from Docker!',
  'This message shows that your installation appears to be working correctly.',
  '',
  'To generate this message, Docker took the following steps:',
  ' 1. The Docker client contacted the Docker daemon.',
  ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
  '    (amd64)',
  ' 3. The Docker daemon created a new container from that image which runs the',
  '    executable that produces the output you are currently reading.',
  ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
  '    to your terminal.',
  '',
  'To try something more ambitious, you can run an Ubuntu container with:',
  ' $ docker run -it ubuntu bash',
  '',
  'Share images, automate workflows, and more with a free Docker ID:',
  ' https://hub.docker.com/',
  '',
  'For more examples and ideas, visit:',
  ' https://docs.docker.com/get-started/',
  '',
];

// ---------------------------------------------------------------- REPLs and shells

const python = {
  kind: 'interactive',
  banner: 'Python 3.13.5 (main, Jun 12 2025, 00:00:00) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.',
  prompt: '>>> ',
};
const node = { kind: 'interactive', banner: 'Welcome to Node.js v24.3.0.\nType ".help" for more information.', prompt: '> ' };
const shell = { kind: 'interactive' };

export const programs = {
  nginx,
  'httpd-foreground': httpd,
  'redis-server': redisServer,
  postgres,
  mysqld,
  mongod,
  'docker-entrypoint.sh': { kind: 'wrapper' },
  hello: { kind: 'oneshot', startLogs: out(...HELLO), exitCode: 0 },
  sh: shell,
  ash: shell,
  dash: shell,
  bash: shell,
  python3: python,
  python,
  node,
};
