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
  // 2: learning. FSRS cards (one per question per student), each time a card is put in front of
  // a student (so a second click on the same card counts once), the review log, lesson and lab
  // progress, XP, the days that count for streaks, mistakes made on the host, and labs an
  // instructor assigned to the class.
  `
  CREATE TABLE cards (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    due INTEGER NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    scheduled_days INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    state INTEGER NOT NULL,
    last_review INTEGER,
    introduced_at INTEGER NOT NULL,
    PRIMARY KEY (scope, user_id, question_id)
  ) WITHOUT ROWID;
  CREATE INDEX cards_by_due ON cards (scope, user_id, due);

  CREATE TABLE quiz_presentations (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    source TEXT NOT NULL,
    ref TEXT,
    shown_at INTEGER NOT NULL,
    answered_at INTEGER,
    result TEXT
  );
  CREATE INDEX quiz_presentations_open ON quiz_presentations (scope, user_id, answered_at, id);
  CREATE UNIQUE INDEX quiz_presentations_daily ON quiz_presentations (scope, user_id, ref) WHERE source = 'daily';

  CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    presentation_id INTEGER,
    source TEXT NOT NULL,
    ref TEXT,
    at INTEGER NOT NULL,
    day TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answer TEXT NOT NULL,
    rating INTEGER NOT NULL,
    elapsed_ms INTEGER,
    due_after INTEGER NOT NULL,
    xp INTEGER NOT NULL
  );
  CREATE INDEX reviews_by_student ON reviews (scope, user_id, at);
  CREATE INDEX reviews_by_question ON reviews (scope, question_id, correct);
  CREATE INDEX reviews_by_ref ON reviews (scope, source, ref);

  CREATE TABLE lesson_progress (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    pages_seen INTEGER NOT NULL DEFAULT 0,
    tries TEXT NOT NULL DEFAULT '[]',
    started_at INTEGER NOT NULL,
    completed_at INTEGER,
    PRIMARY KEY (scope, user_id, lesson_id)
  ) WITHOUT ROWID;

  CREATE TABLE lab_progress (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    lab_id TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    hints INTEGER NOT NULL DEFAULT 0,
    checks INTEGER NOT NULL DEFAULT 0,
    last_checked_at INTEGER,
    last_result TEXT,
    passed_at INTEGER,
    PRIMARY KEY (scope, user_id, lab_id)
  ) WITHOUT ROWID;

  CREATE TABLE learners (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    lesson_id TEXT,
    lesson_page INTEGER,
    lab_id TEXT,
    PRIMARY KEY (scope, user_id)
  ) WITHOUT ROWID;

  CREATE TABLE xp_events (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    day TEXT NOT NULL,
    source TEXT NOT NULL,
    ref TEXT NOT NULL,
    xp INTEGER NOT NULL
  );
  CREATE INDEX xp_events_by_student ON xp_events (scope, user_id, day);
  CREATE UNIQUE INDEX xp_events_once ON xp_events (scope, user_id, source, ref) WHERE source IN ('lesson', 'lab');

  CREATE TABLE activity_days (
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    day TEXT NOT NULL,
    reviews_done INTEGER NOT NULL DEFAULT 0,
    labs_passed INTEGER NOT NULL DEFAULT 0,
    daily_answered INTEGER NOT NULL DEFAULT 0,
    answers INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, user_id, day)
  ) WITHOUT ROWID;

  CREATE TABLE host_mistakes (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    user_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    code TEXT NOT NULL,
    facts TEXT NOT NULL,
    message TEXT NOT NULL
  );
  CREATE INDEX host_mistakes_by_scope ON host_mistakes (scope, at);
  CREATE INDEX host_mistakes_by_student ON host_mistakes (scope, user_id, at);

  CREATE TABLE assignments (
    scope TEXT NOT NULL,
    lab_id TEXT NOT NULL,
    assigned_at INTEGER NOT NULL,
    assigned_by TEXT NOT NULL,
    PRIMARY KEY (scope, lab_id)
  ) WITHOUT ROWID;
  `,
  // 3: channels an instructor made public lab channels (replies there are public).
  `
  CREATE TABLE lab_channels (
    channel_id TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at INTEGER NOT NULL
  );
  CREATE INDEX lab_channels_by_scope ON lab_channels (scope);
  `,
  // 4: the class: each server's daily-question settings, and every daily prompt, claimed here
  // before it is sent (one per class day: the unique slot), so a restart never posts a day twice
  // and can tell a prompt that went out from one that still has to.
  `
  CREATE TABLE class_settings (
    scope TEXT PRIMARY KEY,
    channel_id TEXT NOT NULL,
    prompt_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    instructor_role_id TEXT,
    window_minutes INTEGER,
    locale TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    schedule_from INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE daily_prompts (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    day TEXT NOT NULL,
    seq INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    claimed_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    requested_by TEXT,
    post_attempts INTEGER NOT NULL DEFAULT 0,
    message_id TEXT,
    posted_at INTEGER,
    reveal_attempts INTEGER NOT NULL DEFAULT 0,
    reveal_message_id TEXT,
    revealed_at INTEGER,
    abandoned_at INTEGER,
    last_error TEXT
  );
  CREATE UNIQUE INDEX daily_prompts_slot ON daily_prompts (scope, day, seq);
  CREATE INDEX daily_prompts_open ON daily_prompts (revealed_at, abandoned_at);
  CREATE INDEX daily_prompts_by_scope ON daily_prompts (scope, id);
  `,
  // 5: instructors interact with the bot too, but class reports and the leaderboard leave them out.
  `
  ALTER TABLE students ADD COLUMN instructor INTEGER NOT NULL DEFAULT 0;
  `,
];
