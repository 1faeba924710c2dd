// POSIX path helpers for the simulated filesystem (the engine has no node:path).

/** Normalises an absolute or relative path against `base`: resolves `.`, `..` and repeated slashes. */
export function resolvePath(base: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${base}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `/a/b/c` → [`/a`, `/a/b`]: the directories above a path, outermost first. */
export function ancestors(path: string): string[] {
  const result: string[] = [];
  let index = path.indexOf('/', 1);
  while (index !== -1) {
    result.push(path.slice(0, index));
    index = path.indexOf('/', index + 1);
  }
  return result;
}

/** True when `path` is `dir` itself or inside it. */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

/** Maps `path` (inside `from`) to the same place under `to`. */
export function rebase(path: string, from: string, to: string): string {
  const rest = from === '/' ? path : path.slice(from.length);
  if (to === '/') return rest === '' ? '/' : rest;
  return rest === '' || rest === '/' ? to : `${to}${rest}`;
}
