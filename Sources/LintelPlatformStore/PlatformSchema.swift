import GRDB

/// The platform's SQLite migrations. A migration that has shipped is frozen: never edit one, add the next.
enum PlatformSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 world and change log") { db in
            try db.execute(sql: """
                -- The world: every item as a snapshot writes it. Badge rows hold badge numbers: this
                -- is the platform's badge table, and nothing else does (logId is their digest).
                CREATE TABLE item (
                    entity TEXT NOT NULL, id TEXT NOT NULL, logId TEXT NOT NULL, locationId TEXT, body BLOB NOT NULL,
                    PRIMARY KEY (entity, id)) WITHOUT ROWID;
                CREATE UNIQUE INDEX itemByLogId ON item(entity, logId);
                -- Every write to the world, in commit order (SQLite has one writer at a time, so the
                -- sequence is the commit order). A badge's change carries its digest and no body.
                CREATE TABLE change (
                    seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, logId TEXT NOT NULL, op TEXT NOT NULL,
                    locationId TEXT, body BLOB, committedAt INTEGER NOT NULL);
                CREATE INDEX changeByLocation ON change(locationId, seq);
                -- The checksum of the organisation-wide items ('') and of each location's own items.
                CREATE TABLE scopeChecksum (locationId TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2 devices") { db in
            try db.execute(sql: """
                -- Devices from their first pairing request on. Secrets are stored as SHA-256 digests:
                -- the device code it polls with and the credential it is given once.
                CREATE TABLE device (
                    id TEXT PRIMARY KEY NOT NULL, deviceCodeHash TEXT NOT NULL UNIQUE, userCode TEXT NOT NULL,
                    state TEXT NOT NULL, spaceId TEXT, locationId TEXT, credentialHash TEXT UNIQUE,
                    hardware TEXT NOT NULL, createdAt INTEGER NOT NULL, expiresAt INTEGER NOT NULL,
                    approvedAt INTEGER, lastPollAt INTEGER, lastSeenAt INTEGER, heartbeat TEXT);
                CREATE INDEX deviceByUserCode ON device(userCode, state);
                """)
        }
        migrator.registerMigration("v3 booking index") { db in
            try db.execute(sql: """
                -- What the collision and owner queries of a decision need, kept with every booking item.
                CREATE TABLE bookingIndex (
                    id TEXT PRIMARY KEY NOT NULL, spaceId TEXT NOT NULL, ownerId TEXT, startsAt INTEGER NOT NULL, endsAt INTEGER NOT NULL,
                    holds INTEGER NOT NULL) WITHOUT ROWID;
                CREATE INDEX bookingIndexBySpace ON bookingIndex(spaceId, startsAt, endsAt);
                CREATE INDEX bookingIndexByOwner ON bookingIndex(ownerId, startsAt, endsAt);
                """)
        }
        migrator.registerMigration("v4 credential rotation") { db in
            // A rotated credential waits here until the device first uses it; until then the old one works.
            try db.execute(sql: "ALTER TABLE device ADD COLUMN pendingCredentialHash TEXT")
        }
        migrator.registerMigration("v5 event receipts") { db in
            try db.execute(sql: """
                -- Every event a device pushed, once: the primary key is what makes a repeat a duplicate.
                CREATE TABLE receipt (
                    deviceId TEXT NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT, receivedAt INTEGER NOT NULL,
                    PRIMARY KEY (deviceId, seq)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6 change counter") { db in
            try db.execute(sql: """
                -- The last sequence number handed out. Kept apart from the change table so compaction
                -- (which deletes changes) never lets a number be handed out twice.
                CREATE TABLE changeCounter (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
                INSERT INTO changeCounter (id, last) VALUES (1, MAX(
                    (SELECT COALESCE(MAX(seq), 0) FROM change),
                    COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'compactedThrough'), 0)));
                """)
        }
        migrator.registerMigration("v7 acknowledgements") { db in
            try db.execute(sql: """
                -- Per device, the sequence through which every event has been taken, so a batch's answer
                -- reads only the receipts above it. Missing means 0.
                CREATE TABLE acknowledgement (deviceId TEXT PRIMARY KEY, through INTEGER NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v8 staff") { db in
            try db.execute(sql: """
                -- The people who may sign in to the platform's pages (technicians approving panels,
                -- facility staff): a name and a bcrypt hash of the password, never the password.
                CREATE TABLE staff (name TEXT PRIMARY KEY NOT NULL, passwordHash TEXT NOT NULL, createdAt INTEGER NOT NULL) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
