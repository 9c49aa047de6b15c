/**
 * simphony-remote's tables exactly as its SQLAlchemy models
 * (`remoteappmanager/db/orm.py`) create them on SQLite, so that a database
 * made here works with remoteappmanager and the other way round.
 */
export const SIMPHONY_DDL = [
  `CREATE TABLE user (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	PRIMARY KEY (id)
)`,
  `CREATE UNIQUE INDEX ix_user_name ON user (name)`,
  `CREATE TABLE application (
	id INTEGER NOT NULL, 
	image VARCHAR, 
	PRIMARY KEY (id), 
	UNIQUE (image)
)`,
  `CREATE TABLE application_policy (
	id INTEGER NOT NULL, 
	app_license VARCHAR, 
	allow_home BOOLEAN, 
	allow_common BOOLEAN, 
	allow_view BOOLEAN, 
	volume_source VARCHAR, 
	volume_target VARCHAR, 
	volume_mode VARCHAR(2), 
	allow_startup_data BOOLEAN, 
	PRIMARY KEY (id)
)`,
  `CREATE TABLE accounting (
	id VARCHAR(32) NOT NULL, 
	user_id INTEGER, 
	application_id INTEGER, 
	application_policy_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (user_id, application_id, application_policy_id), 
	FOREIGN KEY(user_id) REFERENCES user (id) ON DELETE CASCADE, 
	FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE, 
	FOREIGN KEY(application_policy_id) REFERENCES application_policy (id) ON DELETE CASCADE
)`,
];

/** The columns remoteappmanager reads and writes, per table, with their declared type family. */
export const SIMPHONY_COLUMNS: Record<string, Record<string, 'INTEGER' | 'VARCHAR' | 'BOOLEAN'>> = {
  user: { id: 'INTEGER', name: 'VARCHAR' },
  application: { id: 'INTEGER', image: 'VARCHAR' },
  application_policy: {
    id: 'INTEGER',
    app_license: 'VARCHAR',
    allow_home: 'BOOLEAN',
    allow_common: 'BOOLEAN',
    allow_view: 'BOOLEAN',
    volume_source: 'VARCHAR',
    volume_target: 'VARCHAR',
    volume_mode: 'VARCHAR',
    allow_startup_data: 'BOOLEAN',
  },
  accounting: {
    id: 'VARCHAR',
    user_id: 'INTEGER',
    application_id: 'INTEGER',
    application_policy_id: 'INTEGER',
  },
};

/**
 * A policy's placement (CPUs, memory in bytes, constraints as a JSON list),
 * a row only for a policy that has one. It follows its policy out when
 * remoteappmanager (foreign keys on) or we delete it. `temp`: an empty one in
 * the connection's own temporary schema, for a file this process may not
 * write that never had ours (it reads as a file without placements).
 */
export function placementDdl({ temp }: { temp: boolean }) {
  return `CREATE ${temp ? 'TEMP ' : ''}TABLE IF NOT EXISTS remoteapp_policy_placement (
	policy_id INTEGER PRIMARY KEY${temp ? '' : ' REFERENCES application_policy (id) ON DELETE CASCADE'},
	cpus REAL,
	memory_bytes INTEGER,
	constraints TEXT
)`;
}

/**
 * The app's own tables. remoteappmanager never reads a table it has no model
 * for, so these ride along in the same file without disturbing it.
 */
export const APP_DDL = [
  `CREATE TABLE IF NOT EXISTS remoteapp_audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	engine TEXT,
	result TEXT NOT NULL CHECK (result IN ('ok', 'error')),
	detail TEXT NOT NULL DEFAULT ''
)`,
  `CREATE TABLE IF NOT EXISTS remoteapp_setting (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
)`,
  placementDdl({ temp: false }),
];
