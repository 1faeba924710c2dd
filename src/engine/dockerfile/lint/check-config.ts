// `# check=skip=JSONArgsRecommended;error=true` (and the BUILDKIT_DOCKERFILE_CHECK build arg),
// as BuildKit's linter.ParseLintOptions reads it.
import { goQuote } from '../go-compat';

export interface CheckConfig {
  skipAll: boolean;
  skip: Set<string>;
  experimentalAll: boolean;
  experimental: Set<string>;
  /** `error=true`: any warning fails the build (`lint violation found for rules: ...`). */
  errorOnWarn: boolean;
}

export const DEFAULT_CHECK_CONFIG: CheckConfig = {
  skipAll: false,
  skip: new Set(),
  experimentalAll: false,
  experimental: new Set(),
  errorOnWarn: false,
};

function goParseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** Returns the config, or the error BuildKit fails the build with. */
export function parseCheckOptions(value: string): CheckConfig | { error: string } {
  const str = value.trim();
  if (str === '') return { ...DEFAULT_CHECK_CONFIG, skip: new Set(), experimental: new Set() };
  const cfg: CheckConfig = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), errorOnWarn: false };
  const parts: string[] = [];
  let rest = str;
  // strings.SplitN(s, ";", 3)
  for (let i = 0; i < 2; i++) {
    const at = rest.indexOf(';');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  const fail = (msg: string) => ({ error: `failed to parse check options: ${msg}` });
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) return fail(`invalid check option ${goQuote(p)}`);
    const k = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    switch (k) {
      case 'skip':
        if (v === 'all') cfg.skipAll = true;
        else for (const r of v.split(',')) cfg.skip.add(r.trim());
        break;
      case 'experimental':
        if (v === 'all') cfg.experimentalAll = true;
        else for (const r of v.split(',')) cfg.experimental.add(r.trim());
        break;
      case 'error': {
        const b = goParseBool(v);
        if (b === undefined) return fail(`failed to parse check option ${goQuote(p)}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`);
        cfg.errorOnWarn = b;
        break;
      }
      default:
        return fail(`invalid check option ${goQuote(k)}`);
    }
  }
  return cfg;
}

/** The check configuration in force: the build arg wins over the directive, as in BuildKit. */
export function checkConfigFor(
  directive: string | undefined,
  buildArgs: Record<string, string> | undefined,
): CheckConfig | { error: string } {
  if (buildArgs && Object.hasOwn(buildArgs, 'BUILDKIT_DOCKERFILE_CHECK')) {
    return parseCheckOptions(buildArgs.BUILDKIT_DOCKERFILE_CHECK as string);
  }
  return parseCheckOptions(directive ?? '');
}
