import LintelPlatformStore

/// The platform's tables on PostgreSQL: the same tables and columns as the SQLite migrations
/// (`PlatformSchema`), with PostgreSQL's types. Ids compare byte by byte (`COLLATE "C"`), as in
/// SQLite, so prefix ranges and orders agree between the storages. A migration that has shipped
/// is frozen: never edit one, add the next. Instances starting together take turns (an advisory
/// lock held for the migrating transaction).
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("v1 world, change log, devices, receipts", """
            CREATE TABLE item (
                entity TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, logId TEXT COLLATE "C" NOT NULL,
                locationId TEXT COLLATE "C", body BYTEA NOT NULL, PRIMARY KEY (entity, id));
            CREATE UNIQUE INDEX itemByLogId ON item(entity, logId);
            CREATE TABLE change (
                seq BIGINT PRIMARY KEY, entity TEXT COLLATE "C" NOT NULL, logId TEXT COLLATE "C" NOT NULL, op TEXT NOT NULL,
                locationId TEXT COLLATE "C", body BYTEA, committedAt BIGINT NOT NULL);
            CREATE INDEX changeByLocation ON change(locationId, seq);
            CREATE TABLE changeCounter (id INTEGER PRIMARY KEY CHECK (id = 1), last BIGINT NOT NULL);
            INSERT INTO changeCounter (id, last) VALUES (1, 0);
            CREATE TABLE scopeChecksum (locationId TEXT COLLATE "C" PRIMARY KEY, value BIGINT NOT NULL);
            CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE device (
                id TEXT COLLATE "C" PRIMARY KEY, deviceCodeHash TEXT NOT NULL UNIQUE, userCode TEXT COLLATE "C" NOT NULL,
                state TEXT NOT NULL, spaceId TEXT COLLATE "C", locationId TEXT COLLATE "C", credentialHash TEXT UNIQUE,
                pendingCredentialHash TEXT, hardware TEXT NOT NULL, createdAt BIGINT NOT NULL, expiresAt BIGINT NOT NULL,
                approvedAt BIGINT, lastPollAt BIGINT, lastSeenAt BIGINT, heartbeat TEXT);
            CREATE INDEX deviceByUserCode ON device(userCode, state);
            CREATE TABLE bookingIndex (
                id TEXT COLLATE "C" PRIMARY KEY, spaceId TEXT COLLATE "C" NOT NULL, ownerId TEXT COLLATE "C",
                startsAt BIGINT NOT NULL, endsAt BIGINT NOT NULL, holds INTEGER NOT NULL);
            CREATE INDEX bookingIndexBySpace ON bookingIndex(spaceId, startsAt, endsAt);
            CREATE INDEX bookingIndexByOwner ON bookingIndex(ownerId, startsAt, endsAt);
            CREATE TABLE receipt (
                deviceId TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, status TEXT NOT NULL, reason TEXT,
                receivedAt BIGINT NOT NULL, PRIMARY KEY (deviceId, seq));
            """),
        ("v2 acknowledgements", """
            CREATE TABLE acknowledgement (deviceId TEXT COLLATE "C" PRIMARY KEY, through BIGINT NOT NULL);
            """),
        ("v3 staff", """
            CREATE TABLE staff (name TEXT COLLATE "C" PRIMARY KEY, passwordHash TEXT NOT NULL, createdAt BIGINT NOT NULL);
            """),
    ]

    static func migrate(_ tx: any SQLTransaction) throws {
        _ = try tx.rows("SELECT pg_advisory_xact_lock(7375636174)")
        try tx.execute("CREATE TABLE IF NOT EXISTS lintelMigration (name TEXT PRIMARY KEY, appliedAt TIMESTAMPTZ NOT NULL DEFAULT now())")
        let applied = Set(try tx.rows("SELECT name FROM lintelMigration").map { try $0.string(0) })
        for migration in migrations where !applied.contains(migration.name) {
            for statement in migration.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                try tx.execute(String(statement))
            }
            try tx.execute("INSERT INTO lintelMigration (name) VALUES (?)", [migration.name])
        }
    }
}
