// .dockerignore as BuildKit reads it (moby/patternmatcher): one pattern per line, `#` comment
// lines, Go filepath.Match syntax plus `**`, leading `/` ignored, `!` re-includes, and the
// last pattern that matches a path (or one of its parent directories) decides.

export interface IgnorePattern {
  /** The pattern as cleaned (`node_modules`, `**\/*.log`). */
  text: string;
  exclusion: boolean;
  regex: RegExp | null;
}

export interface DockerIgnore {
  patterns: IgnorePattern[];
  /** True when the path (relative to the context, no leading `/`) is left out of the context. */
  ignores(path: string): boolean;
}

/** Go's filepath.Clean for slash paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

const REGEX_SPECIAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);

/** patternmatcher's Pattern.compile, as a regular expression over the whole path. */
function compile(pattern: string): RegExp | null {
  let source = '^';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        // `**` at the end accepts everything below; elsewhere it spans any number of directories.
        source += i + 1 >= chars.length ? '.*' : '(.*/)?';
      } else {
        source += '[^/]*';
      }
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next !== undefined) {
        source += /[A-Za-z0-9]/.test(next) ? next : `\\${next}`;
        i++;
      } else {
        source += '\\\\';
      }
    } else if (ch === '[') {
      // A character class as filepath.Match reads it: `[!a-z]` negates.
      let j = i + 1;
      let cls = '[';
      if (chars[j] === '!' || chars[j] === '^') {
        cls += '^';
        j++;
      }
      let closed = false;
      for (; j < chars.length; j++) {
        const c = chars[j] as string;
        if (c === ']' && j > i + 1) {
          closed = true;
          break;
        }
        cls += c === '\\' || c === '[' ? `\\${c}` : c;
      }
      if (!closed) return null;
      source += `${cls}]`;
      i = j;
    } else if (REGEX_SPECIAL.has(ch) || ch === ']') {
      source += `\\${ch}`;
    } else {
      source += ch;
    }
  }
  try {
    return new RegExp(`${source}$`, 'u');
  } catch {
    return null;
  }
}

/** Reads a .dockerignore file (ignorefile.ReadAll). */
export function parseDockerIgnore(text: string): DockerIgnore {
  const patterns: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines.slice(0, 2_000)) {
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const exclusion = pattern.startsWith('!');
    if (exclusion) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    if (pattern.length > 512) continue;
    patterns.push({ text: pattern, exclusion, regex: compile(pattern) });
  }
  return {
    patterns,
    ignores: (path) => matches(patterns, path),
  };
}

/** MatchesOrParentMatches: a pattern that matches a parent directory matches the path too. */
function matches(patterns: IgnorePattern[], path: string): boolean {
  if (patterns.length === 0) return false;
  const file = cleanPath(path);
  const parents = file.split('/').slice(0, -1);
  let matched = false;
  for (const pattern of patterns) {
    if (!pattern.regex) continue;
    // An exclusion only matters when something already matched, and vice versa.
    if (pattern.exclusion !== matched) continue;
    let hit = pattern.regex.test(file);
    if (!hit) {
      for (let i = 1; i <= parents.length && !hit; i++) hit = pattern.regex.test(parents.slice(0, i).join('/'));
    }
    if (hit) matched = !pattern.exclusion;
  }
  return matched;
}
