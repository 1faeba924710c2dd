// Short IDs and the truncated text columns of `docker ps` and `docker history`.

import { goQuote } from './go-strconv';
import { eastAsianWidth } from './text-width';

/**
 * stringid.TruncateID: drops an algorithm prefix such as `sha256:` and keeps 12 characters.
 * `sha256:9234e8fb04c4…` → `9234e8fb04c4`.
 */
export function shortId(id: string): string {
  const colon = id.indexOf(':');
  const hexPart = colon >= 0 ? id.slice(colon + 1) : id;
  return hexPart.length > 12 ? hexPart.slice(0, 12) : hexPart;
}

/**
 * docker/cli formatter.Ellipsis: cuts text to `maxWidth` display columns, the last one being `…`.
 * ASCII text is cut by characters; other text by East Asian width (wide characters count 2).
 */
export function ellipsis(text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  const runes = Array.from(text);
  if (maxWidth === 1) return runes[0] ?? '';
  if (/^[\x00-\x7f]*$/.test(text)) {
    return text.length <= maxWidth ? text : `${text.slice(0, maxWidth - 1)}…`;
  }
  const ends: number[] = [];
  let total = 0;
  for (const rune of runes) {
    total += eastAsianWidth(rune.codePointAt(0) ?? 0);
    ends.push(total);
  }
  if (total <= maxWidth) return text;
  for (let i = 0; i + 1 < ends.length; i++) {
    if ((ends[i] as number) <= maxWidth - 1 && (ends[i + 1] as number) > maxWidth - 1) {
      return `${runes.slice(0, i + 1).join('')}…`;
    }
  }
  return text;
}

/**
 * The container's command as the daemon reports it in `docker ps` (moby daemon/list.go):
 * Path, then the args joined by spaces, each arg that contains a space wrapped in single quotes.
 * `sh -c 'echo hi'`, `/docker-entrypoint.sh nginx -g 'daemon off;'`.
 */
export function containerCommand(path: string, args: ReadonlyArray<string>): string {
  if (args.length === 0) return path;
  return `${path} ${args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg)).join(' ')}`;
}

/**
 * The COMMAND column of `docker ps`: cut to 20 columns (19 + `…`) unless `--no-trunc`, then
 * Go-quoted (strconv.Quote), so inner double quotes and backslashes are escaped.
 * `"/docker-entrypoint.…"`, `"sleep 3600"`.
 */
export function truncateCommand(command: string, noTrunc = false): string {
  return goQuote(noTrunc ? command : ellipsis(command, 20));
}

/** CREATED BY in `docker history`: tabs become spaces, then cut to 45 columns unless `--no-trunc`. */
export function truncateCreatedBy(createdBy: string, noTrunc = false): string {
  const oneLine = createdBy.replaceAll('\t', ' ');
  return noTrunc ? oneLine : ellipsis(oneLine, 45);
}
