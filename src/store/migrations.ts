// Numbered schema migrations. Each runs once, in one transaction with the user_version bump;
// a database written by a newer Baleia is refused rather than damaged.

export const MIGRATIONS: readonly string[] = [
  // 1: students, their simulated hosts, content-addressed layers and the class registry.
  `
  CREATE TABLE students (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    locale TEXT,
    private_replies INTEGER NOT NULL DEFAULT 1,
    hidden_from_leaderboard INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_active_at INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id)
  );
  CREATE UNIQUE INDEX students_user_name ON students (scope, user_name);

  CREATE TABLE hosts (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    state TEXT NOT NULL,
    revision INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id)
  );

  CREATE TABLE layers (
    diff_id TEXT PRIMARY KEY,
    blob_digest TEXT NOT NULL,
    size INTEGER NOT NULL,
    compressed_size INTEGER NOT NULL,
    files TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE registry_tags (
    scope TEXT NOT NULL,
    repository TEXT NOT NULL,
    tag TEXT NOT NULL,
    image TEXT NOT NULL,
    digest TEXT NOT NULL,
    manifest_size INTEGER NOT NULL,
    pushed_by TEXT NOT NULL,
    pushed_at INTEGER NOT NULL,
    PRIMARY KEY (scope, repository, tag)
  );

  CREATE TABLE registry_layers (
    scope TEXT NOT NULL,
    repository TEXT NOT NULL,
    diff_id TEXT NOT NULL,
    PRIMARY KEY (scope, repository, diff_id)
  );
  CREATE INDEX registry_layers_by_layer ON registry_layers (scope, diff_id);
  `,
];
