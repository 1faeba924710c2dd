// --format for list commands, through docker/cli's formatting pipeline (format/docker-format).
import { precheckContainerFormat, renderListFormat, type ListFormat } from '../format/docker-format';
import type { Invocation } from './invocation';

/** Renders rows with the user's --format (or the command's default table). Returns the exit code. */
export function renderFormatted(inv: Invocation, format: string | undefined, rows: object[], spec: ListFormat, defaultTable = spec.defaultTable): number {
  const chosen = format === undefined || format === '' || format === 'table' ? defaultTable : format;
  const result = renderListFormat({ format: chosen, rows, spec });
  if (!result.ok) {
    inv.io.err(result.stderr);
    return result.exitCode;
  }
  inv.io.out(result.stdout);
  return 0;
}

/** docker ps validates --format before asking the daemon anything. */
export function precheckPsFormat(inv: Invocation, format: string | undefined, emptyRow: object): boolean {
  if (format === undefined) return true;
  const error = precheckContainerFormat(format, emptyRow);
  if (error === undefined) return true;
  inv.io.err(`${error}\n`);
  return false;
}
