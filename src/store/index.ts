// The store: the only code that speaks SQL.
import { openDatabase, type Db } from './database';
import { createHostRepository } from './hosts';
import { createLayerRepository } from './layers';
import { createChannelRepository } from './channels';
import { createClassRepository } from './class';
import { createLearningRepository } from './learning';
import { createRegistryRepository } from './registry';
import { createStudentRepository } from './students';

export function createStore(db: Db) {
  return {
    db,
    hosts: createHostRepository(db),
    layers: createLayerRepository(db),
    learning: createLearningRepository(db),
    channels: createChannelRepository(db),
    classes: createClassRepository(db),
    registry: createRegistryRepository(db),
    students: createStudentRepository(db),
    /** Runs `work` in one transaction: all of it is saved, or none. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    close(): void {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

export function openStore(path: string): Store {
  return createStore(openDatabase(path));
}
