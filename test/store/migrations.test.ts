import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError, openDatabase } from '../../src/store/database';
import { MIGRATIONS } from '../../src/store/migrations';

describe('the database schema', () => {
  it('migrates a new database from zero to the latest version, in WAL mode', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baleia-mig-')), 'a.db');
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['hosts', 'layers', 'registry_layers', 'registry_tags', 'students']));
    db.close();
  });

  it('is idempotent: opening again runs nothing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baleia-mig-')), 'b.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer Baleia instead of damaging it', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db)).toThrow(NewerDatabaseError);
  });
});
