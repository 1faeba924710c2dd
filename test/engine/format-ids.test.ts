import { describe, expect, it } from 'vitest';
import { containerCommand, ellipsis, shortId, truncateCommand, truncateCreatedBy } from '../../src/engine/format/ids';

describe('short IDs and truncated columns', () => {
  it('shows 12 hex characters without the sha256: prefix', () => {
    expect(shortId('sha256:9234e8fb04c47cfe0f49931e4ac7eb76fa904e33b7f8576aec0501c085f02516')).toBe('9234e8fb04c4');
    expect(shortId('3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e')).toBe('3f4e5d6c7b8a');
    expect(shortId('abc')).toBe('abc');
  });

  it('builds the daemon command string, quoting args that contain spaces', () => {
    expect(containerCommand('/docker-entrypoint.sh', ['nginx', '-g', 'daemon off;'])).toBe("/docker-entrypoint.sh nginx -g 'daemon off;'");
    expect(containerCommand('sleep', ['3600'])).toBe('sleep 3600');
    expect(containerCommand('/bin/sh', [])).toBe('/bin/sh');
  });

  it('cuts docker ps COMMAND to 20 columns and Go-quotes it', () => {
    expect(truncateCommand("/docker-entrypoint.sh nginx -g 'daemon off;'")).toBe('"/docker-entrypoint.…"');
    expect(truncateCommand('docker-entrypoint.sh redis-server')).toBe('"docker-entrypoint.s…"');
    expect(truncateCommand('/bin/sh')).toBe('"/bin/sh"');
    expect(truncateCommand('sleep 3600')).toBe('"sleep 3600"');
    expect(truncateCommand('/hello')).toBe('"/hello"');
    expect(truncateCommand('12345678901234567890')).toBe('"12345678901234567890"');
    expect(truncateCommand('123456789012345678901')).toBe('"1234567890123456789…"');
  });

  it('escapes quotes and backslashes in the COMMAND column like strconv.Quote', () => {
    expect(truncateCommand('sh -c "echo hi"', true)).toBe('"sh -c \\"echo hi\\""');
    expect(truncateCommand('printf a\\tb', true)).toBe('"printf a\\\\tb"');
    expect(truncateCommand('a\tb', true)).toBe('"a\\tb"');
    expect(truncateCommand("sh -c 'echo hi; sleep 1'")).toBe('"sh -c \'echo hi; sle…"');
  });

  it('measures wide characters as two columns when cutting', () => {
    expect(ellipsis('echo 日本語日本語日本語日本語', 20)).toBe('echo 日本語日本語日…');
    expect(ellipsis('x', 1)).toBe('x');
    expect(ellipsis('abc', 0)).toBe('');
  });

  it('cuts history CREATED BY to 45 columns after turning tabs into spaces', () => {
    expect(truncateCreatedBy('COPY docker-entrypoint.sh /usr/local/bin/ # buildkit')).toBe('COPY docker-entrypoint.sh /usr/local/bin/ # …');
    expect(truncateCreatedBy('ADD alpine-minirootfs-3.22.0-x86_64.tar.gz / # buildkit')).toBe('ADD alpine-minirootfs-3.22.0-x86_64.tar.gz /…');
    expect(truncateCreatedBy('RUN a\tb')).toBe('RUN a b');
    expect(truncateCreatedBy('RUN /bin/sh -c apk add --no-cache --virtual .build-deps', true)).toBe(
      'RUN /bin/sh -c apk add --no-cache --virtual .build-deps',
    );
  });
});
