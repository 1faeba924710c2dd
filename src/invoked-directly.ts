// Whether a module is the script node was started with (`tsx src/register.ts`), as opposed to
// being imported by another one: such files run their main() only then.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function invokedDirectly(moduleUrl: string): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    // A worker thread's argv names no file.
    return false;
  }
}
