public import Foundation
import GRDB
public import LintelPolicy
public import LintelWire
import Synchronization

/// The device's SQLite authorisation cache: one file in WAL mode, migrated on open. It imports whole
/// snapshots in one transaction, exports them back, loads exactly the rows one decision needs, and
/// keeps the outbox: every decision and observation, numbered once, until the platform has it.
///
/// Durability: a write that returns is on disk (`synchronous = FULL` on the writing connection,
/// set after GRDB's WAL setup, which would lower it). Reads go through a pool of reader
/// connections and never wait for a write.
public final class AuthStore: Sendable {
    let database: any DatabaseWriter
    /// Reference data in memory, with the catalog generation (`PRAGMA user_version`) it was read at.
    private let catalogCache = Mutex<(version: Int, catalog: ReferenceCatalog)?>(nil)
    private let transactions: TransactionCounter?
    /// One read-only connection of its own for the decision path: no pool checkout per decision,
    /// and, in WAL mode, it never waits for the writer either.
    private let decisionReader: DatabaseQueue?
    public let path: String

    /// Opens (creating if needed) the store at `path` and brings its schema up to date. With
    /// `countingTransactions`, every transaction begun on any of its connections is counted
    /// (SQLite's trace hook), for `transactionsBegun`. `syncEachCommit: false` lowers durability to
    /// SQLite's NORMAL — only for a benchmark to measure what the promise costs, never for a panel.
    public init(path: String, countingTransactions: Bool = false, syncEachCommit: Bool = true) throws {
        let counter = countingTransactions ? TransactionCounter() : nil
        var config = Configuration()
        config.journalMode = .wal
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // Read pages through a memory map: no read system call and no copy per page. The mapped
            // pages are the kernel's page cache, shared and reclaimable, not the agent's heap.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            // Deleted rows are overwritten with zeros: a revoked badge number does not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if let counter { db.trace(options: .statement) { if case .statement(let statement) = $0 { counter.saw(statement.sql) } } }
        }
        self.path = path
        transactions = counter
        let pool = try DatabasePool(path: path, configuration: config)
        // GRDB's WAL setup sets `synchronous = NORMAL` after `prepareDatabase` has run: a commit
        // would then reach the disk only at the next checkpoint. FULL syncs the WAL at each commit,
        // so a decision the panel shows as done survives a power cut. The pool has one writer
        // connection for its whole life, so this holds for every write.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = \(syncEachCommit ? "FULL" : "NORMAL")") }
        database = pool
        try StoreSchema.migrator.migrate(database)
        var readOnly = config
        readOnly.readonly = true
        decisionReader = try DatabaseQueue(path: path, configuration: readOnly)
    }

    /// A store that lives in memory only: for tests and previews.
    public init(inMemoryNamed name: String = "lintel") throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        path = ":memory:"
        transactions = nil
        decisionReader = nil
        database = try DatabaseQueue(named: name, configuration: config)
        try StoreSchema.migrator.migrate(database)
    }

    /// Transactions begun on the store's connections so far (0 unless opened with `countingTransactions`).
    public var transactionsBegun: Int { transactions?.count ?? 0 }

    /// The `synchronous` setting on the connection that writes: 2 (FULL) for a file store.
    public func writerSynchronous() throws -> Int {
        try database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: Snapshots

    /// Validates and imports a snapshot's JSON, replacing everything in one transaction. A snapshot
    /// that fails leaves the store exactly as it was.
    @discardableResult
    public func importSnapshot(json data: Data, file: String? = nil) throws -> StoreStats {
        let snapshot = try SnapshotCoding.decode(data, file: file)
        try importSnapshot(snapshot, file: file)
        return try stats()
    }

    /// Imports an already decoded snapshot (validated again), replacing the platform's rows in one
    /// transaction. What the panel changed and has not pushed yet stays: bookings and desk hygiene
    /// touched by an unpushed allowed decision keep their local state (the platform's copy replaces
    /// them once it has the event), and the outbox is never touched.
    /// A constraint of the store that the validator did not catch first is reported as a rejected
    /// snapshot naming the file, never as SQLite's own message alone.
    public func importSnapshot(_ snapshot: Snapshot, file: String? = nil) throws {
        do {
            try SnapshotValidator.validate(snapshot)
        } catch var error {
            error.file = file
            throw error
        }
        do {
            try database.write { db in
                let local = try LocalChanges.read(db)
                try SnapshotWriter.replaceAll(with: snapshot, in: db)
                try local.restore(in: db)
                try bumpCatalogGeneration(db)
                // The store no longer holds what the platform sent: the next pull takes a snapshot.
                try SyncPosition.forget(in: db)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw SnapshotError(
                file: file, path: "$", value: nil,
                problem: "the store refused the snapshot (\(error.message ?? "a constraint failed")): a rule the validator does not know yet",
                rule: .invalidValue)
        }
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
    /// holds for the rows it changes — and appends the decision to the outbox either way. A crash
    /// leaves either the change and its outbox entry, or neither; once this returns, both are on
    /// disk. With `fitting`, book and extend are first cut to what the rules allow
    /// (`Policy.fitted`). With `dayOf`, the same transaction reads that space's day after the change.
    /// `dataTooOld`: the panel has been away from the platform too long to take new bookings.
    public func apply(_ request: DecisionRequest, at now: Date, fitting: Bool = false, dayOf spaceId: SpaceID? = nil,
                      dataTooOld: Bool = false) throws -> AppliedDecision {
        try database.write { db -> AppliedDecision in
            let catalog = try currentCatalog(db)
            let loader = DecisionLoader(db: db, catalog: catalog)
            var context = try loader.context(for: request, at: now)
            context.dataTooOld = dataTooOld
            let asked = fitting ? Policy.fitted(request, in: context, at: now) : request
            let decision = Policy.decide(asked, in: context, at: now)
            var bookingId = context.booking?.id ?? asked.bookingId
            if decision.isAllowed {
                bookingId = try ChangeApplier.apply(asked, context: context, decision: decision, at: now, in: db) ?? bookingId
            }
            let seq = try Outbox.append(decision: decision, for: asked, actor: context.actor, bookingId: bookingId, at: now, in: db)
            let day = try spaceId.flatMap { try PanelDayReader(db: db, catalog: catalog).day(of: $0, at: now) }
            return AppliedDecision(request: asked, decision: decision, bookingId: bookingId, seq: seq, day: day,
                                   outboxDepth: try Outbox.depth(db))
        }
    }

    /// Appends an observation (what the panel showed, what its sensor saw) to the outbox; returns
    /// its sequence number.
    @discardableResult
    public func record(_ observation: OutboxEvent.Observation, _ value: String, spaceId: SpaceID, at now: Date) throws -> Int64 {
        try database.write { db in try Outbox.append(observation: observation, value, spaceId: spaceId, at: now, in: db) }
    }

    /// The device id that, with a sequence number, names each outbox event.
    public func deviceId() throws -> String {
        try database.read { db in try Outbox.deviceId(db) }
    }

    /// The outbox, oldest first: every event, or those not yet pushed (at most `limit`).
    public func outbox(pendingOnly: Bool = false, limit: Int = Int.max) throws -> [OutboxEntry] {
        try database.read { db in try Outbox.entries(db, pendingOnly: pendingOnly, limit: limit) }
    }

    /// The decisions in the outbox (the journal), oldest first.
    public func journal(pendingOnly: Bool = false) throws -> [OutboxEvent] {
        try database.read { db in try Outbox.entries(db, kind: .decision, pendingOnly: pendingOnly, limit: Int.max).map(\.event) }
    }

    /// The observations in the outbox, oldest first.
    public func observations(pendingOnly: Bool = false) throws -> [OutboxEvent] {
        try database.read { db in try Outbox.entries(db, kind: .observation, pendingOnly: pendingOnly, limit: Int.max).map(\.event) }
    }

    /// Marks every event up to `seq` as pushed (the platform acknowledged them); idempotent.
    public func markPushed(through seq: Int64, at now: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE outbox SET pushedAt = ? WHERE seq <= ? AND pushedAt IS NULL", arguments: [StoredInstant.encode(now), seq])
        }
    }

    /// The SQLite library's version.
    public func sqliteVersion() throws -> String {
        try database.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "" }
    }

    /// How many events wait to be pushed to the platform.
    public func outboxDepth() throws -> Int {
        try database.read { db in try Outbox.depth(db) }
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

    /// What a panel needs to draw its space at `now` (see `PanelDay`); nil for a space the store
    /// does not hold. Throws `StoreError.empty` for a store nothing was imported into.
    public func panelDay(spaceId: SpaceID, at now: Date) throws -> PanelDay? {
        try database.read { db in try PanelDayReader(db: db, catalog: try currentCatalog(db)).day(of: spaceId, at: now) }
    }

    /// Runs SQLite's own consistency check; true when the file is sound.
    public func integrityCheck() throws -> Bool {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" }
    }

    /// Writes a consistent copy of the store, its last committed transaction included, to a new file at `path`.
    public func copy(to path: String) throws {
        try database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
    }

    /// Whether every reference between rows holds (SQLite's `foreign_key_check` finds nothing).
    public func referencesHold() throws -> Bool {
        try database.read { db in try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") == nil }
    }

    /// The journal mode in force (`wal` for a file store).
    public func journalMode() throws -> String {
        try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Runs `body` in one read transaction: for a caller that needs several reads to agree.
    func read<T>(_ body: (Database) throws -> T) throws -> T { try database.read(body) }

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
        let body = { [self] (db: Database) throws -> DecisionContext in
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
        if let decisionReader { return try decisionReader.inDatabase(body) }
        return try database.unsafeReentrantRead(body)
    }

    /// The reference catalog, reloaded when its generation changed: every write of reference data
    /// (an import, a sync), by this process or another, bumps `PRAGMA user_version` in its transaction.
    private func currentCatalog(_ db: Database) throws -> ReferenceCatalog {
        var version = 0
        try PreparedQuery(db, "PRAGMA user_version").forEachRow([]) { version = Int($0.integer(0)) }
        if let cached = catalogCache.withLock({ $0 }), cached.version == version { return cached.catalog }
        let catalog = try ReferenceCatalog.load(db)
        catalogCache.withLock { $0 = (version, catalog) }
        return catalog
    }

    func bumpCatalogGeneration(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        try db.execute(sql: "PRAGMA user_version = \(version &+ 1)")
    }
}

/// What `AuthStore.apply` did: the request as decided (cut to fit, when asked), the answer, the
/// booking made or acted on, the outbox sequence number of the decision, the space's fresh day when
/// asked for, and how many events wait to be pushed.
public struct AppliedDecision: Sendable, Equatable {
    public var request: DecisionRequest
    public var decision: Decision
    public var bookingId: BookingID?
    public var seq: Int64
    public var day: PanelDay?
    public var outboxDepth: Int

    public init(request: DecisionRequest, decision: Decision, bookingId: BookingID?, seq: Int64, day: PanelDay?, outboxDepth: Int) {
        self.request = request
        self.decision = decision
        self.bookingId = bookingId
        self.seq = seq
        self.day = day
        self.outboxDepth = outboxDepth
    }
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
