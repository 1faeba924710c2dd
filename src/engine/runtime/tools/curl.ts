// curl on the host or in an image that ships it: reaches published ports and containers.
import { resolvePath } from '../../fs/paths';
import { reach, httpGet } from '../network';
import { fail, ok, tool, type ToolContext } from './tool-context';

interface Url {
  host: string;
  port: number;
  path: string;
}

export function parseUrl(text: string): Url | undefined {
  const match = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)?/.exec(text);
  if (!match) return undefined;
  const [, scheme = 'http', host = '', port, path] = match;
  return { host, port: port ? Number(port) : scheme === 'https' ? 443 : 80, path: path && path.length > 0 ? path : '/' };
}

export function curlTool(tc: ToolContext) {
  return tool('curl', (args, _env, cwd) => {
    let silent = false;
    let include = false;
    let head = false;
    let fail404 = false;
    let output: string | undefined;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-o' || arg === '--output') output = args[++i];
      else if (arg === '-H' || arg === '-X' || arg === '-d' || arg === '--data' || arg === '-m' || arg === '--max-time' || arg === '-w') i++;
      else if (arg.startsWith('--')) {
        if (arg === '--silent') silent = true;
        else if (arg === '--include') include = true;
        else if (arg === '--head') head = true;
        else if (arg === '--fail') fail404 = true;
      } else if (arg.startsWith('-') && arg.length > 1) {
        for (const flag of arg.slice(1)) {
          if (flag === 's') silent = true;
          else if (flag === 'i') include = true;
          else if (flag === 'I') head = true;
          else if (flag === 'f') fail404 = true;
        }
      } else url = arg;
    }
    void silent;
    if (!url) return fail("curl: try 'curl --help' or 'curl --manual' for more information\n", 2);
    const parsed = parseUrl(url);
    if (!parsed) return fail(`curl: (3) URL rejected: Malformed input to a URL function\n`, 3);
    const host = parsed.host.replace(/^\[|\]$/g, '');
    const target = reach(tc.ctx, tc.container, host, parsed.port);
    if (target.kind === 'unresolved') return fail(`curl: (6) Could not resolve host: ${parsed.host}\n`, 6);
    const refused = () => fail(`curl: (7) Failed to connect to ${parsed.host} port ${parsed.port} after 0 ms: Couldn't connect to server\n`, 7);
    if (target.kind === 'refused') return refused();
    // An app bound to 127.0.0.1 inside its container is unreachable from anywhere else.
    if (target.container !== tc.container && target.container.process?.app?.host === '127.0.0.1' && target.container.process.app.port === target.port) {
      return tc.container === null ? fail('curl: (56) Recv failure: Connection reset by peer\n', 56) : refused();
    }
    const response = httpGet(tc.ctx, target.container, target.port, parsed.path);
    if (response === null) return refused();
    if ('error' in response) return fail(`${response.error}\n`, 52);
    if (fail404 && response.status >= 400) return fail(`curl: (22) The requested URL returned error: ${response.status}\n`, 22);
    const headerText = `HTTP/1.1 ${response.status} ${response.reason}\r\n${response.headers.map(([key, value]) => `${key}: ${value}\r\n`).join('')}\r\n`;
    const text = head ? headerText : include ? headerText + response.body : response.body;
    if (output) {
      try {
        tc.fs.writeText(resolvePath(cwd, output), text);
      } catch {
        return fail(`curl: (23) Failure writing output to destination\n`, 23);
      }
      return ok();
    }
    return ok(text);
  });
}
