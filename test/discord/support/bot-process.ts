// The bot as `npm start` runs it (runDiscordBot, signal handlers and all), in its own process,
// against a fake Discord whose REST URL and token come in the environment.
import { createBaleia } from '../../../src/app/baleia';
import { parseConfig } from '../../../src/config';
import { runDiscordBot } from '../../../src/discord/run';
import { openStore } from '../../../src/store';
import { catalogFrom, MINI_CATALOG } from '../../support/test-host';

const config = parseConfig(process.env);
const store = openStore(config.DATABASE_PATH);
const catalog = catalogFrom(MINI_CATALOG);
let seed = 1;
const baleia = createBaleia({ store, catalog, clock: () => Date.now(), seed: () => seed++ });
runDiscordBot({ config, store, catalog, baleia }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
