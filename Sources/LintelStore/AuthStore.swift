public import Foundation
import GRDB
public import LintelPolicy
import Synchronization

/// The device's SQLite authorisation cache: one file in WAL mode, migrated on open. It imports whole
/// snapshots in one transaction, exports them back, and loads exactly the rows one decision needs.
public final class AuthStore: Sendable {
    let database: DatabaseQueue
    /// Reference data in memory, with the SQLite data version it was read at.
    private let catalogCache = Mutex<(version: Int, catalog: ReferenceCatalog)?>(nil)
    public let path: String

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.journalMode = .wal
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Read pages through a memory map: no read system call and no copy per page. The mapped
            // pages are the kernel's page cache, shared and reclaimable, not the agent's heap.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
        }
        self.path = path
        database = try DatabaseQueue(path: path, configuration: config)
        try StoreSchema.migrator.migrate(database)
    }

    /// A store that lives in memory only: for tests and previews.
    public init(inMemoryNamed name: String = "lintel") throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        path = ":memory:"
        database = try DatabaseQueue(named: name, configuration: config)
        try StoreSchema.migrator.migrate(database)
    }

    // MARK: Snapshots

    /// Validates and imports a snapshot's JSON, replacing everything in one transaction. A snapshot
    /// that fails leaves the store exactly as it was.
    @discardableResult
    public func importSnapshot(json data: Data, file: String? = nil) throws -> StoreStats {
        let snapshot = try SnapshotCoding.decode(data, file: file)
        try importSnapshot(snapshot)
        return try stats()
    }

    /// Imports an already decoded snapshot (validated again), replacing everything in one transaction.
    public func importSnapshot(_ snapshot: Snapshot) throws {
        try SnapshotValidator.validate(snapshot)
        try database.write { db in
            try SnapshotWriter.replaceAll(with: snapshot, in: db)
        }
        catalogCache.withLock { $0 = nil }
    }

    public func exportSnapshot() throws -> Snapshot {
        try database.read { db in try SnapshotReader.read(db) }
    }

    public func stats() throws -> StoreStats {
        try database.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            let meta = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { ($0[0] as String, $0[1] as String) })
            let pageCount = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return StoreStats(
                organisation: try String.fetchOne(db, sql: "SELECT name FROM organisation"),
                snapshotGeneratedAt: meta["snapshotGeneratedAt"],
                importedAt: meta["importedAt"],
                locations: try count("location"), areas: try count("area"), spaces: try count("space"),
                categories: try count("category"), customRoles: try count("role"), users: try count("user"),
                badges: try count("badge"), authorisations: try count("authorisation"), bookings: try count("booking"),
                databaseBytes: pageCount * pageSize)
        }
    }

    // MARK: Acting

    /// Decides and, when allowed, applies the action — in one write transaction, so the decision
    /// holds for the rows it changes — and appends the decision to the journal either way. A crash
    /// leaves either the change and its journal entry, or neither.
    public func apply(_ request: DecisionRequest, at now: Date) throws -> (decision: Decision, bookingId: BookingID?, seq: Int64) {
        let result = try database.write { db -> (Decision, BookingID?, Int64) in
            let catalog = try currentCatalog(db)
            let context = try DecisionLoader(db: db, catalog: catalog).context(for: request, at: now)
            let decision = Policy.decide(request, in: context, at: now)
            var bookingId = context.booking?.id ?? request.bookingId
            if decision.isAllowed {
                bookingId = try ChangeApplier.apply(request, context: context, decision: decision, at: now, in: db) ?? bookingId
            }
            try db.execute(sql: """
                INSERT INTO journal (at, spaceId, action, actor, bookingId, startsAt, endsAt, onBehalfOf, decision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [StoredInstant.encode(now), request.spaceId, request.action.rawValue, request.actor.description, bookingId,
                                 request.start.map(StoredInstant.encode), request.end.map(StoredInstant.encode), request.onBehalfOf, decision.code])
            return (decision, bookingId, db.lastInsertedRowID)
        }
        return result
    }

    /// Journal entries not yet pushed to the platform, oldest first.
    public func pendingJournal(limit: Int = 500) throws -> [JournalEntry] {
        try journal(sql: "WHERE pushedAt IS NULL ORDER BY seq LIMIT \(max(1, limit))")
    }

    /// The whole journal, oldest first.
    public func journal() throws -> [JournalEntry] { try journal(sql: "ORDER BY seq") }

    /// Marks entries up to `seq` as pushed (the platform acknowledged them); idempotent.
    public func markPushed(through seq: Int64, at now: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE journal SET pushedAt = ? WHERE seq <= ? AND pushedAt IS NULL", arguments: [StoredInstant.encode(now), seq])
        }
    }

    /// How many journal entries and panel events wait to be pushed to the platform.
    public func outboxCount() throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM journal WHERE pushedAt IS NULL) + (SELECT count(*) FROM panelEvent WHERE pushedAt IS NULL)
                """) ?? 0
        }
    }

    /// Appends a panel event to the outbox (its own transaction); returns its number.
    @discardableResult
    public func record(_ kind: PanelEvent.Kind, _ value: String, spaceId: SpaceID, at now: Date) throws -> Int64 {
        try database.write { db in
            try db.execute(sql: "INSERT INTO panelEvent (at, spaceId, kind, value) VALUES (?, ?, ?, ?)",
                           arguments: [StoredInstant.encode(now), spaceId, kind.rawValue, value])
            return db.lastInsertedRowID
        }
    }

    /// Every panel event, oldest first; with `pendingOnly`, those not yet pushed.
    public func panelEvents(pendingOnly: Bool = false) throws -> [PanelEvent] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, at, spaceId, kind, value, pushedAt FROM panelEvent \(pendingOnly ? "WHERE pushedAt IS NULL" : "") ORDER BY seq
                """).map { row in
                PanelEvent(seq: row[0], at: StoredInstant.decode(row[1]), spaceId: row[2], kind: try RowCoding.enumValue(PanelEvent.Kind.self, row[3]),
                           value: row[4], pushedAt: (row[5] as Int64?).map(StoredInstant.decode))
            }
        }
    }

    /// Marks panel events up to `seq` as pushed; idempotent.
    public func markPanelEventsPushed(through seq: Int64, at now: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE panelEvent SET pushedAt = ? WHERE seq <= ? AND pushedAt IS NULL", arguments: [StoredInstant.encode(now), seq])
        }
    }

    private func journal(sql clause: String) throws -> [JournalEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, at, spaceId, action, actor, bookingId, startsAt, endsAt, onBehalfOf, decision, pushedAt FROM journal \(clause)
                """).map { row in
                JournalEntry(
                    seq: row[0], at: StoredInstant.decode(row[1]), spaceId: row[2], action: try RowCoding.enumValue(PanelAction.self, row[3]),
                    actor: row[4], bookingId: row[5], start: (row[6] as Int64?).map(StoredInstant.decode), end: (row[7] as Int64?).map(StoredInstant.decode),
                    onBehalfOf: row[8], decision: row[9], pushedAt: (row[10] as Int64?).map(StoredInstant.decode))
            }
        }
    }

    // MARK: Authorisations

    /// "Authorisations for [user]": the user's current booking authorisations, by category.
    public func authorisations(of userId: UserID) throws -> [BookingAuthorisation] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT categoryId, visaId, validFrom, validUntil FROM authorisation WHERE userId = ? ORDER BY categoryId, rowid
                """, arguments: [userId]).map {
                BookingAuthorisation(userId: userId, categoryId: $0[0], visaId: $0[1],
                                     validFrom: ($0[2] as Int64?).map(StoredInstant.decode), validUntil: ($0[3] as Int64?).map(StoredInstant.decode))
            }
        }
    }

    /// "Authorisations history for [user]": every change to the user's authorisations, oldest first.
    public func authorisationHistory(of userId: UserID) throws -> [AuthorisationChange] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT categoryId, visaId, change, at, byUserId FROM authorisationHistory WHERE userId = ? ORDER BY at, id
                """, arguments: [userId]).map {
                AuthorisationChange(userId: userId, categoryId: $0[0], visaId: $0[1],
                                    change: try RowCoding.enumValue(AuthorisationChange.Kind.self, $0[2]),
                                    at: StoredInstant.decode($0[3]), by: $0[4])
            }
        }
    }

    /// The user a badge belongs to, as a panel resolves `badge:UID`; nil for an unknown badge.
    public func user(forBadge uid: String) throws -> User? {
        try database.read { db in
            let catalog = try currentCatalog(db)
            return catalog.badgeOwners[uid].flatMap { catalog.usersById[$0] }
        }
    }

    /// What a panel needs to draw its space at `now`: the place, the bookings of its local day
    /// (from local midnight, and any still running into it), the desk's hygiene and organisers' names.
    public func panelDay(spaceId: SpaceID, at now: Date) throws -> PanelDay? {
        try database.read { db in
            let catalog = try currentCatalog(db)
            guard let place = catalog.places[spaceId] else { return nil }
            let today = place.clock.date(of: now)
            let from = place.clock.instant(on: today, at: LocalTime(hour: 0))
            let to = place.clock.instant(on: today.adding(days: 1), at: LocalTime(hour: 0))
            let loader = DecisionLoader(db: db, catalog: catalog)
            let bookings = try Row.fetchAll(db, sql: """
                SELECT \(RowCoding.bookingColumns) FROM booking WHERE spaceId = ? AND startsAt < ? AND endsAt > ? ORDER BY startsAt
                """, arguments: [spaceId, StoredInstant.encode(to), StoredInstant.encode(from)]).map(RowCoding.booking)
            var names: [UserID: String] = [:]
            for owner in bookings.compactMap(\.ownerId) { names[owner] = catalog.usersById[owner]?.name }
            return PanelDay(place: place, bookings: bookings, hygiene: try loader.hygiene(of: spaceId), organiserNames: names)
        }
    }

    /// Runs SQLite's own consistency check; true when the file is sound.
    public func integrityCheck() throws -> Bool {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" }
    }

    /// The journal mode in force (`wal` for a file store).
    public func journalMode() throws -> String {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: Decisions

    /// Loads the rows the request needs and asks the policy. Returns the decision and what it read.
    public func decide(_ request: DecisionRequest, at now: Date) throws -> (Decision, DecisionContext) {
        let context = try decisionContext(for: request, at: now)
        return (Policy.decide(request, in: context, at: now), context)
    }

    /// Exactly the rows one decision needs.
    ///
    /// All reads happen in one deferred transaction, so a concurrent import is seen wholly or not at
    /// all. The transaction uses prepared statements only: GRDB's `read` runs fresh `PRAGMA` and
    /// `BEGIN` statements each time, and every fresh prepare makes SQLite re-prepare the cached
    /// decision queries, which cost more than the queries themselves.
    public func decisionContext(for request: DecisionRequest, at now: Date) throws -> DecisionContext {
        try database.inDatabase { db in
            try PreparedQuery(db, "BEGIN DEFERRED TRANSACTION").forEachRow([]) { _ in }
            do {
                let catalog = try currentCatalog(db)
                let context = try DecisionLoader(db: db, catalog: catalog).context(for: request, at: now)
                try PreparedQuery(db, "COMMIT TRANSACTION").forEachRow([]) { _ in }
                return context
            } catch {
                try? PreparedQuery(db, "ROLLBACK TRANSACTION").forEachRow([]) { _ in }
                throw error
            }
        }
    }

    /// The reference catalog, reloaded when another connection has changed the database.
    private func currentCatalog(_ db: Database) throws -> ReferenceCatalog {
        var version = 0
        try PreparedQuery(db, "PRAGMA data_version").forEachRow([]) { version = Int($0.integer(0)) }
        if let cached = catalogCache.withLock({ $0 }), cached.version == version { return cached.catalog }
        let catalog = try ReferenceCatalog.load(db)
        catalogCache.withLock { $0 = (version, catalog) }
        return catalog
    }
}

/// One space's day as a panel shows it.
public struct PanelDay: Sendable {
    public var place: PlaceContext
    public var bookings: [Booking]
    public var hygiene: DeskHygiene?
    public var organiserNames: [UserID: String]
}

/// What a store holds, for `lintel store stats`.
public struct StoreStats: Sendable, Codable, Equatable {
    public var organisation: String?
    public var snapshotGeneratedAt: String?
    public var importedAt: String?
    public var locations: Int
    public var areas: Int
    public var spaces: Int
    public var categories: Int
    public var customRoles: Int
    public var users: Int
    public var badges: Int
    public var authorisations: Int
    public var bookings: Int
    public var databaseBytes: Int
}
