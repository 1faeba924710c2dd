// busybox wget (`wget -qO- http://web`), the alpine way to fetch a page.
import { resolvePath } from '../../fs/paths';
import { httpGet, reach } from '../network';
import { parseUrl } from './curl';
import { fail, ok, tool, type ToolContext, type ToolResult } from './tool-context';

export function wgetRun(tc: ToolContext) {
  return (args: string[], _env: Map<string, string>, cwd: string): ToolResult => {
    let quiet = false;
    let output: string | undefined;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-O') output = args[++i];
      else if (arg.startsWith('-O')) output = arg.slice(2);
      else if (arg.startsWith('-') && arg.length > 1) {
        if (arg.includes('q')) quiet = true;
        if (arg.endsWith('O')) output = args[++i];
      } else url = arg;
    }
    if (!url) return fail('BusyBox v1.37.0 (2025-05-26 20:04:45 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n', 1);
    const parsed = parseUrl(url);
    if (!parsed) return fail(`wget: bad address '${url}'\n`, 1);
    const target = reach(tc.ctx, tc.container, parsed.host, parsed.port);
    if (target.kind === 'unresolved') return fail(`wget: bad address '${parsed.host}'\n`, 1);
    const refused = fail(`wget: can't connect to remote host (${parsed.host}): Connection refused\n`, 1);
    if (target.kind === 'refused') return refused;
    const response = httpGet(tc.ctx, target.container, target.port, parsed.path);
    if (response === null) return refused;
    if ('error' in response) return fail('wget: error getting response\n', 1);
    if (response.status >= 400) return fail(`${quiet ? '' : `Connecting to ${parsed.host}:${parsed.port}\n`}wget: server returned error: HTTP/1.1 ${response.status} ${response.reason}\n`, 1);
    const progress = quiet ? '' : `Connecting to ${parsed.host}:${parsed.port}\n`;
    if (output === '-') return { stdout: response.body, stderr: progress, exitCode: 0 };
    const file = output ?? (parsed.path.split('/').pop() || 'index.html');
    tc.fs.writeText(resolvePath(cwd, file), response.body);
    return { stdout: '', stderr: `${progress}${quiet ? '' : `saving to '${file}'\n'${file}' saved\n`}`, exitCode: 0 };
  };
}

export function wgetTool(tc: ToolContext) {
  return tool('wget', wgetRun(tc));
}

