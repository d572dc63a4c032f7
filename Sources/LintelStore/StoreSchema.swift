import GRDB

/// The store's migrations. A migration that has shipped is frozen: never edit one, add the next.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 authorisation store") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE organisation (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, modules TEXT NOT NULL, walkUpRoleId TEXT NOT NULL);
                CREATE TABLE location (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, timeZone TEXT NOT NULL, hygienic INTEGER NOT NULL,
                    panelAccess TEXT NOT NULL, checkInOpensBefore INTEGER, checkInClosesAfter INTEGER, panelInsight TEXT NOT NULL);
                CREATE TABLE area (
                    id TEXT PRIMARY KEY NOT NULL, locationId TEXT NOT NULL REFERENCES location(id),
                    parentId TEXT REFERENCES area(id), name TEXT NOT NULL);
                CREATE TABLE profile (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, openingHours TEXT NOT NULL);
                CREATE TABLE category (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
                    requiresAuthorisation INTEGER NOT NULL, requiresApproval INTEGER NOT NULL);
                CREATE TABLE space (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
                    areaId TEXT NOT NULL REFERENCES area(id), categoryId TEXT NOT NULL REFERENCES category(id),
                    profileId TEXT REFERENCES profile(id), bookable INTEGER NOT NULL, capacity INTEGER);
                CREATE TABLE visa (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL);
                CREATE TABLE role (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
                    clonedFrom TEXT, permissions TEXT NOT NULL);
                CREATE TABLE user (
                    id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, email TEXT, state TEXT NOT NULL, platformRole TEXT NOT NULL);
                CREATE TABLE userRole (
                    userId TEXT NOT NULL REFERENCES user(id), position INTEGER NOT NULL, roleId TEXT NOT NULL,
                    PRIMARY KEY (userId, position)) WITHOUT ROWID;
                CREATE TABLE roleAssignment (
                    userId TEXT NOT NULL REFERENCES user(id), position INTEGER NOT NULL, role TEXT NOT NULL, scope TEXT,
                    PRIMARY KEY (userId, position)) WITHOUT ROWID;
                CREATE TABLE badge (uid TEXT PRIMARY KEY NOT NULL, userId TEXT NOT NULL REFERENCES user(id)) WITHOUT ROWID;
                CREATE TABLE authorisation (
                    userId TEXT NOT NULL REFERENCES user(id), categoryId TEXT NOT NULL REFERENCES category(id),
                    visaId TEXT NOT NULL REFERENCES visa(id), validFrom INTEGER, validUntil INTEGER);
                CREATE INDEX authorisationByUserCategory ON authorisation(userId, categoryId);
                CREATE TABLE authorisationHistory (
                    id INTEGER PRIMARY KEY, userId TEXT NOT NULL REFERENCES user(id), categoryId TEXT NOT NULL,
                    visaId TEXT NOT NULL, change TEXT NOT NULL, at INTEGER NOT NULL, byUserId TEXT);
                CREATE INDEX authorisationHistoryByUser ON authorisationHistory(userId, at);
                CREATE TABLE booking (
                    id TEXT PRIMARY KEY NOT NULL, spaceId TEXT NOT NULL REFERENCES space(id),
                    ownerId TEXT REFERENCES user(id), madeById TEXT REFERENCES user(id),
                    startsAt INTEGER NOT NULL, endsAt INTEGER NOT NULL, seriesId TEXT, title TEXT,
                    isPrivate INTEGER NOT NULL, status TEXT NOT NULL, checkIn TEXT NOT NULL, approval TEXT NOT NULL,
                    CHECK (startsAt < endsAt));
                -- The collision queries filter on start, end and status: the indexes cover them,
                -- so only the bookings that really overlap are read from the table.
                CREATE INDEX bookingBySpaceStart ON booking(spaceId, startsAt, endsAt, status);
                CREATE INDEX bookingByOwnerStart ON booking(ownerId, startsAt, endsAt, status);
                CREATE TABLE hygiene (
                    spaceId TEXT PRIMARY KEY NOT NULL REFERENCES space(id), state TEXT NOT NULL,
                    lastBookingId TEXT, lastOwnerId TEXT, since INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v2 journal") { db in
            try db.execute(sql: """
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    spaceId TEXT NOT NULL,
                    action TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    bookingId TEXT,
                    startsAt INTEGER,
                    endsAt INTEGER,
                    onBehalfOf TEXT,
                    decision TEXT NOT NULL,
                    pushedAt INTEGER);
                CREATE INDEX journalUnpushed ON journal(seq) WHERE pushedAt IS NULL;
                """)
        }
        // Frozen: what a panel saw happen that is not a decision (what it showed, what its
        // occupancy sensor saw), in the outbox beside the journal.
        migrator.registerMigration("v3 panel events") { db in
            try db.execute(sql: """
                CREATE TABLE panelEvent (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    spaceId TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL,
                    pushedAt INTEGER);
                CREATE INDEX panelEventUnpushed ON panelEvent(seq) WHERE pushedAt IS NULL;
                """)
        }
        // Frozen: one outbox for decisions and observations in one gap-free sequence, a device id
        // that with the sequence names each event, and actors recorded as the resolved user and how
        // they acted. Existing journals are rewritten: a badge number becomes its holder's user id
        // (nil for an unknown badge), so no badge number is left outside the badge table.
        migrator.registerMigration("v4 one outbox") { db in
            try db.execute(sql: """
                CREATE TABLE device (id TEXT PRIMARY KEY NOT NULL);
                INSERT INTO device (id) VALUES (lower(hex(randomblob(16))));
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    spaceId TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('decision', 'observation')),
                    action TEXT,
                    actorKind TEXT CHECK (actorKind IN ('badge', 'anonymous', 'user', 'system')),
                    actorUserId TEXT,
                    bookingId TEXT,
                    startsAt INTEGER,
                    endsAt INTEGER,
                    onBehalfOf TEXT,
                    decision TEXT,
                    observation TEXT,
                    value TEXT,
                    pushedAt INTEGER,
                    CHECK ((kind = 'decision') = (action IS NOT NULL AND actorKind IS NOT NULL AND decision IS NOT NULL)),
                    CHECK ((kind = 'observation') = (observation IS NOT NULL AND value IS NOT NULL)));
                CREATE INDEX outboxUnpushed ON outbox(seq) WHERE pushedAt IS NULL;
                INSERT INTO outbox (at, spaceId, kind, action, actorKind, actorUserId, bookingId, startsAt, endsAt, onBehalfOf, decision,
                                    observation, value, pushedAt)
                SELECT at, spaceId, kind, action, actorKind, actorUserId, bookingId, startsAt, endsAt, onBehalfOf, decision,
                       observation, value, pushedAt FROM (
                    SELECT at, 0 AS source, seq AS original, spaceId, 'decision' AS kind, action,
                           CASE WHEN actor = 'anonymous' THEN 'anonymous' WHEN actor = 'system' THEN 'system'
                                WHEN actor LIKE 'badge:%' THEN 'badge' ELSE 'user' END AS actorKind,
                           CASE WHEN actor IN ('anonymous', 'system') THEN NULL
                                WHEN actor LIKE 'badge:%' THEN (SELECT userId FROM badge WHERE uid = substr(actor, 7) OR uid = upper(substr(actor, 7)))
                                ELSE actor END AS actorUserId,
                           bookingId, startsAt, endsAt, onBehalfOf, decision, NULL AS observation, NULL AS value, pushedAt
                    FROM journal
                    UNION ALL
                    SELECT at, 1, seq, spaceId, 'observation', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, kind, value, pushedAt
                    FROM panelEvent)
                ORDER BY at, source, original;
                DROP TABLE journal;
                DROP TABLE panelEvent;
                """)
        }
        // Frozen: where the panel stands with the platform — the cursor of the last applied pull,
        // the checksum of the platform's items it holds (each item's share kept, so a delta can
        // update it), and when a pull last succeeded (the data's age).
        migrator.registerMigration("v5 sync state") { db in
            try db.execute(sql: """
                CREATE TABLE syncState (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    cursor TEXT NOT NULL,
                    checksum INTEGER NOT NULL,
                    spaceId TEXT,
                    appliedAt INTEGER NOT NULL,
                    pulledAt INTEGER NOT NULL);
                CREATE TABLE scopeItem (
                    entity TEXT NOT NULL, id TEXT NOT NULL, hash INTEGER NOT NULL,
                    PRIMARY KEY (entity, id)) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
