// Who can reach whom: published ports from the host, container names on user-defined
// networks (the default bridge has no DNS), container IPs, and what a server answers.
import type { HostContext } from '../host-context';
import type { Container } from '../model/host-state';
import type { ProgramSpec } from '../registry/catalog-schema';
import { containerFs } from './machines';

export type Reach =
  | { kind: 'container'; container: Container; port: number }
  | { kind: 'refused' }
  | { kind: 'unresolved' };

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]']);

function running(ctx: HostContext): Container[] {
  return Object.values(ctx.state.containers).filter((container) => container.state.status === 'running');
}

function sharedNetwork(a: Container, b: Container): string | undefined {
  return Object.keys(a.networks).find((name) => b.networks[name] !== undefined);
}

/** Resolves `host:port` as seen from the student's host (`from` null) or from a container. */
export function reach(ctx: HostContext, from: Container | null, host: string, port: number): Reach {
  const all = Object.values(ctx.state.containers);
  if (from === null) {
    if (LOCAL_NAMES.has(host) || host === 'baleia') {
      const target = running(ctx).find((container) =>
        Object.entries(container.hostConfig.portBindings).some(([, bindings]) =>
          bindings.some((binding) => Number(binding.hostPort) === port && binding.hostPort !== ''),
        ) && container.networks && publishedPort(container, port) !== undefined,
      );
      if (!target) return { kind: 'refused' };
      return { kind: 'container', container: target, port: publishedPort(target, port)! };
    }
    const byIp = all.find((container) => Object.values(container.networks).some((network) => network.ipAddress === host));
    if (byIp) return byIp.state.status === 'running' ? { kind: 'container', container: byIp, port } : { kind: 'refused' };
    return { kind: 'unresolved' };
  }
  if (LOCAL_NAMES.has(host) || host === from.config.hostname) return { kind: 'container', container: from, port };
  const byIp = all.find((container) => Object.values(container.networks).some((network) => network.ipAddress === host));
  if (byIp) return byIp.state.status === 'running' && sharedNetwork(from, byIp) ? { kind: 'container', container: byIp, port } : { kind: 'refused' };
  // Embedded DNS only on user-defined networks: names and aliases of containers sharing one.
  const byName = all.find((container) => {
    const network = sharedNetwork(from, container);
    if (!network || network === 'bridge') return false;
    return container.name === host || container.networks[network]?.aliases.includes(host) || container.id.startsWith(host);
  });
  if (!byName) return { kind: 'unresolved' };
  return byName.state.status === 'running' ? { kind: 'container', container: byName, port } : { kind: 'unresolved' };
}

/** The container port a published host port maps to. */
function publishedPort(container: Container, hostPort: number): number | undefined {
  for (const [key, bindings] of Object.entries(container.hostConfig.portBindings)) {
    if (bindings.some((binding) => Number(binding.hostPort) === hostPort)) return Number(key.split('/')[0]);
  }
  return undefined;
}

export function programOf(ctx: HostContext, container: Container): ProgramSpec | undefined {
  const name = container.process?.program;
  return name ? ctx.ports.catalog.programs[name] : undefined;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
}

/** What a server in `container` answers to GET `path` on `port`, or null if nothing listens. */
export function httpGet(ctx: HostContext, container: Container, port: number, path: string): HttpResponse | { error: string } | null {
  const app = container.process?.app;
  if (app && app.port === port) {
    const wanted = path.split('?')[0] || '/';
    const route = app.routes.find((candidate) => candidate.method === 'GET' && candidate.path === wanted);
    const status = route?.status ?? (wanted === '/' ? app.status : 404);
    const body = route?.body ?? (wanted === '/' ? app.body : `Cannot GET ${wanted}\n`);
    const contentType = route?.contentType ?? app.contentType;
    const reason = status === 200 ? 'OK' : status === 404 ? 'Not Found' : status === 201 ? 'Created' : status === 500 ? 'Internal Server Error' : 'OK';
    return { status, reason, headers: [['Content-Type', contentType], ['Content-Length', String(new TextEncoder().encode(body).length)]], body };
  }
  const program = programOf(ctx, container);
  if (!program || !program.listens.includes(port)) return null;
  if (!program.http) return { error: program.curlError ?? 'curl: (52) Empty reply from server' };
  const fs = containerFs(ctx, container);
  const clean = decodeURIComponent(path.split('?')[0] ?? '/');
  let filePath = `${program.http.root}${clean}`;
  let node = fs.getNode(filePath);
  if (node?.type === 'dir') {
    filePath = `${filePath.replace(/\/$/, '')}/${program.http.index}`;
    node = fs.getNode(filePath);
  }
  const date = new Date(ctx.now).toUTCString();
  if (!node || node.type !== 'file') {
    const body = program.http.server.startsWith('nginx')
      ? `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>${program.http.server}</center>\r\n</body>\r\n</html>\r\n`
      : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
    return { status: 404, reason: 'Not Found', headers: [['Server', program.http.server], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)]], body };
  }
  const body = fs.readText(filePath);
  const type = filePath.endsWith('.html') ? 'text/html' : filePath.endsWith('.css') ? 'text/css' : filePath.endsWith('.js') ? 'application/javascript' : filePath.endsWith('.json') ? 'application/json' : 'text/plain';
  return {
    status: 200,
    reason: 'OK',
    headers: [['Server', program.http.server], ['Date', date], ['Content-Type', type], ['Content-Length', String(new TextEncoder().encode(body).length)], ['Connection', 'keep-alive']],
    body,
  };
}
