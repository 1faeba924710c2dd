// A class server for learning tests: a real SQLite database in memory, the real catalogue and
// course, and a clock the test moves by hand (São Paulo is UTC-3 all year).
import { createBaleia, type StudentRef } from '../../src/app/baleia';
import { createLearning, type Learning } from '../../src/app/learning';
import { loadCatalog } from '../../src/catalog-loader';
import { loadCourse, type Course } from '../../src/learning/content';
import { openDatabase } from '../../src/store/database';
import { createStore, type Store } from '../../src/store';

export const SCOPE = 'guild-1';

export interface World {
  store: Store;
  course: Course;
  learning: Learning;
  baleia: ReturnType<typeof createBaleia>;
  now: number;
  /** Sets the clock to an instant given as ISO text (`2026-03-02T09:00:00-03:00`). */
  at(iso: string): void;
  advance(ms: number): void;
  student(name: string, locale?: string): StudentRef;
}

export async function createWorld(options: { start?: string; timeZone?: string; newCardsPerDay?: number } = {}): Promise<World> {
  const catalog = loadCatalog();
  const course = await loadCourse(catalog);
  const store = createStore(openDatabase(':memory:'));
  let seed = 1;
  const world = {
    store,
    course,
    now: Date.parse(options.start ?? '2026-03-02T09:00:00-03:00'),
    at(iso: string) {
      world.now = Date.parse(iso);
    },
    advance(ms: number) {
      world.now += ms;
    },
    student(name: string, locale = 'en'): StudentRef {
      return { scope: SCOPE, userId: `u-${name}`, displayName: name, locale };
    },
  } as World;
  const clock = () => world.now;
  world.baleia = createBaleia({ store, catalog, clock, seed: () => seed++ });
  world.learning = createLearning({
    baleia: world.baleia,
    store,
    catalog,
    course,
    clock,
    ...(options.timeZone && { timeZone: () => options.timeZone }),
    ...(options.newCardsPerDay !== undefined && { newCardsPerDay: options.newCardsPerDay }),
  });
  return world;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
