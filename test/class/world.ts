// A few class servers for the class use cases: a real SQLite database in memory, the real
// catalogue and course, the learning core reading each class's time zone from its settings, and
// a clock the test moves by hand. The "Discord" here is a function that records what was sent.
import { createBaleia, type StudentRef } from '../../src/app/baleia';
import { createClassUseCases, type ClassUseCases, type DailyWork } from '../../src/app/class';
import { createLearning, type Learning } from '../../src/app/learning';
import { loadCatalog } from '../../src/catalog-loader';
import { loadCourse, type Course } from '../../src/learning/content';
import { createStore, type Store } from '../../src/store';
import { openDatabase } from '../../src/store/database';

export interface ClassWorld {
  store: Store;
  course: Course;
  learning: Learning;
  classes: ClassUseCases;
  now: number;
  at(iso: string): void;
  advance(ms: number): void;
  student(scope: string, name: string, locale?: string): StudentRef;
  /** What the daily timer does at the current time, with Discord always accepting the message. */
  tick(): DailyWork[];
  /** Every message "sent", in order. */
  sent: { kind: DailyWork['kind']; scope: string; day: string; promptId: number; at: number }[];
}

let course: Promise<Course> | undefined;

export async function createClassWorld(start = '2026-03-02T08:00:00-03:00'): Promise<ClassWorld> {
  const catalog = loadCatalog();
  course ??= loadCourse(catalog);
  const store = createStore(openDatabase(':memory:'));
  let seed = 1;
  let messages = 0;
  const world = {
    store,
    course: await course,
    now: Date.parse(start),
    sent: [],
    at(iso: string) {
      world.now = Date.parse(iso);
    },
    advance(ms: number) {
      world.now += ms;
    },
    student(scope: string, name: string, locale = 'en'): StudentRef {
      return { scope, userId: `u-${name}`, displayName: name, locale };
    },
    tick() {
      const work = world.classes.dailyWork(world.now);
      for (const item of work) {
        world.sent.push({ kind: item.kind, scope: item.prompt.scope, day: item.prompt.day, promptId: item.prompt.id, at: world.now });
        if (item.kind === 'post') world.classes.markPosted(item.prompt.id, `m${++messages}`);
        else world.classes.markRevealed(item.prompt.id, `m${++messages}`);
      }
      return work;
    },
  } as unknown as ClassWorld;
  const clock = () => world.now;
  const baleia = createBaleia({ store, catalog, clock, seed: () => seed++ });
  world.learning = createLearning({ baleia, store, catalog, course: world.course, clock, timeZone: (scope) => store.classes.settings(scope)?.timeZone });
  world.classes = createClassUseCases({ store, learning: world.learning, clock });
  return world;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
