// Configuration from the environment, parsed once. Nothing else reads process.env.
import { z } from 'zod';

const ConfigSchema = z.object({
  DISCORD_TOKEN: z.string().trim().min(50, 'DISCORD_TOKEN looks too short: copy the bot token from the Developer Portal (Bot → Reset Token)').optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{17,20}$/, 'DISCORD_GUILD_ID must be a server ID (17-20 digits; right-click the server → Copy Server ID)').optional(),
  DISCORD_API_URL: z.url('DISCORD_API_URL must be a URL such as http://127.0.0.1:8080/api').optional(),
  DATABASE_PATH: z.string().min(1).default('data/baleia.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Empty strings count as unset, so a blank line in .env does not break anything. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Baleia's configuration has problems:\n${lines.join('\n')}`);
  }
  return result.data;
}
