// Baleia's own deployment files: the Dockerfile passes Baleia's `docker build --check`, and
// .env.example documents every variable the configuration reads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { checkDockerfile } from '../../src/engine/dockerfile';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('deployment files', () => {
  it("passes Baleia's own docker build --check", () => {
    const result = checkDockerfile(read('Dockerfile'));
    expect(result.stdout).toBe('Check complete, no warnings found.\n');
    expect(result.exitCode).toBe(0);
  });

  it('runs as a non-root user with the database in a volume', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS deps$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/DATABASE_PATH=\/data\/baleia\.db/);
    expect(dockerfile).toMatch(/^VOLUME \/data$/m);
    const compose = read('compose.yaml');
    expect(compose).toContain('- baleia-data:/data');
    expect(compose).toContain('env_file: .env');
  });

  it('lists every configuration variable in .env.example, with a comment, and the example parses', () => {
    const declared = [...read('src/config.ts').matchAll(/^\s+([A-Z][A-Z_]+): z\./gm)].map((match) => match[1]);
    const example = read('.env.example');
    const variables = [...example.matchAll(/^([A-Z][A-Z_]+)=(.*)$/gm)].map((match) => match[1]);
    expect(variables.sort()).toEqual([...declared].sort());
    for (const name of variables) expect(example).toMatch(new RegExp(`#[^\\n]*\\n(?:#[^\\n]*\\n)*${name}=`));
    const env = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z_]+)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    expect(parseConfig(env)).toEqual({ DATABASE_PATH: 'data/baleia.db', LOG_LEVEL: 'info' });
  });
});
