// npm run bench: every figure the issues ask for, as medians and percentiles over many runs.
// Numbers depend on the machine and its load; run it on an idle machine and compare runs.
import { printHostSession, runHostSessionBench } from './host-session';
import { runLearningBench } from './learning';
import { runParserBench } from './parsers';

async function main(): Promise<void> {
  console.log(`Baleia benchmark — node ${process.version}, ${new Date().toISOString()}`);
  printHostSession(await runHostSessionBench());
  await runParserBench();
  await runLearningBench();
}

await main();
