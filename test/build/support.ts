// Helpers for build tests: a host on the real image catalogue and projects written into the
// student's home directory, as the playground or /file would leave them.
import { REAL_CATALOG, TestHost } from '../support/test-host';

export const HOME = '/home/ana';

export function newHost(): TestHost {
  return new TestHost({ catalog: REAL_CATALOG });
}

/** Writes files (paths relative to ~/dir) into the host's writable layer. */
export function writeProject(host: TestHost, dir: string, files: Record<string, string>, mode = 0o644): void {
  for (const [relative, content] of Object.entries(files)) {
    const path = `${HOME}/${dir}/${relative}`;
    const parts = path.split('/').filter(Boolean);
    for (let i = 3; i < parts.length; i++) {
      const ancestor = `/${parts.slice(0, i).join('/')}`;
      if (!host.state.hostFiles[ancestor]) host.state.hostFiles[ancestor] = { type: 'dir', mode: 0o755, mtime: host.now };
    }
    host.state.hostFiles[path] = { type: 'file', mode, content, mtime: host.now };
  }
}

export function removeFile(host: TestHost, dir: string, relative: string): void {
  delete host.state.hostFiles[`${HOME}/${dir}/${relative}`];
}

/** The `starter` command needs its program file on PATH (the host image will ship it). */
export function installStarter(host: TestHost): void {
  host.state.hostFiles['/usr/bin/starter'] = { type: 'file', mode: 0o755, content: '' };
}

export async function run(host: TestHost, line: string, stdin?: string) {
  const result = await host.run(line, stdin);
  return { ...result, text: TestHost.text(result) };
}

/** The state a failed or refused build must leave as it found it. */
export function snapshot(host: TestHost) {
  return JSON.stringify({
    images: host.state.images,
    tags: host.state.tags,
    containers: host.state.containers,
    volumes: host.state.volumes,
    hostFiles: host.state.hostFiles,
    cacheKeys: host.state.buildCache.map((r) => r.key).sort(),
  });
}

export const SMALL_APP = {
  Dockerfile: 'FROM alpine:3.22\nWORKDIR /app\nCOPY package.json .\nRUN echo "installing" && mkdir -p node_modules && echo ok > node_modules/dep.txt\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
  'package.json': '{ "name": "app", "version": "1.0.0" }\n',
  'server.js': 'console.log("hello");\n',
};
