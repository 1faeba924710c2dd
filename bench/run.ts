// npm run bench: every figure the issues ask for, as medians and percentiles over many runs.
// Numbers depend on the machine and its load; run it on an idle machine and compare runs.
import { printHostSession, runHostSessionBench } from './host-session';
import { printBuildBench, runBuildBench } from './build';
import { runClassBench } from './class';
import { runDiscordLoad } from './discord-load';
import { runLearningBench } from './learning';
import { runParserBench } from './parsers';

async function main(): Promise<void> {
  console.log(`Baleia benchmark — node ${process.version}, ${new Date().toISOString()}`);
  printHostSession(await runHostSessionBench());
  await runParserBench();
  printBuildBench(await runBuildBench());
  await runLearningBench();
  await runClassBench();
  console.log('\n## Discord: 30 students x 50 mixed commands through the fake Discord (interaction -> reply)');
  for (const thinkMs of [0, 1000]) {
    const result = await runDiscordLoad({ thinkMs });
    const pacing = thinkMs === 0 ? 'each sends the next command as soon as the reply arrives' : `each pauses about ${thinkMs} ms between commands`;
    console.log(`${pacing}: ${result.interactions} interactions in ${result.seconds} s, p50 ${result.p50} ms, p99 ${result.p99} ms (target < 150), max ${result.max} ms, errors ${result.errors} (target 0)`);
  }
}

await main();
