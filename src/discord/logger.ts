// Structured logs with pino. The bot token never reaches the output: known fields are
// redacted, and any text that still contains it (an error message, a URL) is scrubbed.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Secrets to scrub from every line (the bot token). */
  secrets?: Array<string | undefined>;
  /** Where lines go (default: stdout). */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  const target = options.destination ?? process.stdout;
  const scrubbing = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = chunk.toString();
      for (const secret of secrets) line = line.split(secret).join('[redacted]');
      target.write(line);
      callback();
    },
  });
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'baleia' },
      redact: {
        paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    scrubbing,
  );
}
