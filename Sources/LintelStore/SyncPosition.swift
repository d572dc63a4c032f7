public import Foundation
import GRDB
public import LintelWire

/// Where the panel stands with the platform: the cursor of the last pull it applied, the checksum
/// of the platform's items it holds, and when it last applied or confirmed (a `304`) the scope.
public struct SyncPosition: Sendable, Equatable {
    public var cursor: String
    public var checksum: ScopeChecksum
    /// The space the platform's answer named.
    public var spaceId: String?
    /// When a pull answer was last applied.
    public var appliedAt: Date
    /// When a pull last succeeded, with or without changes: the age of the panel's data counts from here.
    public var pulledAt: Date

    /// Whether a snapshot's apply began and did not finish (a crash part-way): the cursor and
    /// checksum no longer describe the rows, so the next pull must be a fresh snapshot.
    public var isUnfinished: Bool { cursor.isEmpty }

    static func read(_ db: Database) throws -> SyncPosition? {
        guard let row = try Row.fetchOne(db, sql: "SELECT cursor, checksum, spaceId, appliedAt, pulledAt FROM syncState WHERE id = 1") else { return nil }
        return SyncPosition(cursor: row[0], checksum: ScopeChecksum(value: UInt64(bitPattern: row[1])), spaceId: row[2],
                            appliedAt: StoredInstant.decode(row[3]), pulledAt: StoredInstant.decode(row[4]))
    }

    func write(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO syncState (id, cursor, checksum, spaceId, appliedAt, pulledAt) VALUES (1, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET cursor = excluded.cursor, checksum = excluded.checksum, spaceId = excluded.spaceId,
                appliedAt = excluded.appliedAt, pulledAt = excluded.pulledAt
            """, arguments: [cursor, Int64(bitPattern: checksum.value), spaceId, StoredInstant.encode(appliedAt), StoredInstant.encode(pulledAt)])
    }

    static func forget(in db: Database) throws {
        try db.execute(sql: "DELETE FROM syncState")
        try db.execute(sql: "DELETE FROM scopeItem")
    }
}

/// What applying a pull answer did.
public struct PullApplied: Sendable, Equatable {
    public var kind: PullAnswer.Kind
    /// Items changed (a delta) or held (a snapshot).
    public var items: Int
    public var position: SyncPosition
}

/// A pull answer the store refused; the store is as it was before it.
public struct PullRejected: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes, as counted in the metrics.
    public enum Reason: String, Sendable, CaseIterable {
        /// The scope's checksum after applying differs from the platform's: take a fresh snapshot.
        case checksum
        /// A delta came while the store holds no snapshot from the platform.
        case noBase = "no_base"
        /// A body failed the store's rules (a reference to a missing item, an impossible value).
        case invalid
    }

    public var reason: Reason
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "pull answer refused (\(reason.rawValue)): \(detail)" }
}

extension AuthStore {
    /// Where the panel stands with the platform; nil before the first pull was applied.
    public func syncPosition() throws -> SyncPosition? {
        try database.read { db in try SyncPosition.read(db) }
    }

    /// Applies a pull answer and its cursor. A delta is one write transaction; so is a snapshot
    /// into a store without the platform's scope. A snapshot over a held scope writes only what
    /// differs, in steps of about a millisecond each (`stepBudget`), so a press waits for one step
    /// and not for the whole snapshot; between steps every item is the platform's old or new
    /// version and every reference holds, and until the last step the sync position says the
    /// snapshot is unfinished, so a crash part-way makes the next pull a fresh snapshot.
    /// Unpushed local changes (bookings and hygiene touched by an allowed decision still in the
    /// outbox) stay, as with every import; the outbox is never touched. The result must match the
    /// answer's checksum, and every reference must hold; otherwise nothing changes and
    /// `PullRejected` says why (a stepped snapshot is checked before its first step; should a
    /// later step fail regardless, the position reads unfinished until a fresh snapshot). `afterStep` is called after each step of a stepped snapshot has
    /// committed; an error it throws stops the apply there, as a crash would.
    @discardableResult
    public func applyPull(_ answer: PullAnswer, at now: Date, stepBudget: Duration = .milliseconds(1),
                          afterStep: (_ writesDone: Int) throws -> Void = { _ in }) throws -> PullApplied {
        do {
            guard answer.kind == .snapshot else { return try applyInOne(answer, prepared: nil, at: now) }
            guard let snapshot = answer.snapshot else { throw PullRejected(.invalid, "a snapshot answer without its snapshot") }
            // A snapshot's items are encoded and hashed, and what the store holds read, before the
            // write lock is taken.
            let prepared = try PullApplier.PreparedSnapshot(snapshot)
            guard prepared.checksum == answer.checksum else {
                throw PullRejected(.checksum, "the platform's checksum is \(answer.checksum), its snapshot's items make \(prepared.checksum)")
            }
            guard let diff = try database.read({ db in try SnapshotDiff.read(prepared, from: db) }) else {
                return try applyInOne(answer, prepared: prepared, at: now)
            }
            return try applyInSteps(answer, prepared: prepared, diff: diff, at: now, budget: stepBudget, afterStep: afterStep)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw PullRejected(.invalid, "the store refused it: \(error.message ?? "a constraint failed")")
        }
    }

    /// The whole answer in one write transaction.
    private func applyInOne(_ answer: PullAnswer, prepared: PullApplier.PreparedSnapshot?, at now: Date) throws -> PullApplied {
        try database.write { db -> PullApplied in
            // References are checked when the transaction commits: a delta may name a row
            // before the one it refers to, and a broken one rolls the whole answer back.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let local = try LocalChanges.read(db)
            let checksum: ScopeChecksum
            let items: Int
            switch answer.kind {
            case .snapshot:
                guard let prepared else { throw PullRejected(.invalid, "a snapshot answer without its snapshot") }
                checksum = try PullApplier.replace(with: prepared, in: db)
                items = prepared.items.count
                try bumpCatalogGeneration(db)
            case .delta:
                guard let base = try SyncPosition.read(db), !base.isUnfinished else {
                    throw PullRejected(.noBase, "a delta after cursor-less state; a snapshot is needed first")
                }
                let (after, referenceChanged) = try PullApplier.apply(answer.changes, over: base.checksum, in: db)
                checksum = after
                items = answer.changes.count
                if referenceChanged { try bumpCatalogGeneration(db) }
            }
            guard checksum == answer.checksum else {
                throw PullRejected(.checksum, "the platform's checksum is \(answer.checksum), the store's would be \(checksum)")
            }
            try local.restore(in: db)
            let position = SyncPosition(cursor: answer.cursor, checksum: checksum, spaceId: answer.spaceId, appliedAt: now, pulledAt: now)
            try position.write(db)
            return PullApplied(kind: answer.kind, items: items, position: position)
        }
    }

    /// A snapshot's differences in steps. Each step is a transaction that keeps the unpushed local
    /// rows it touches; the steps before the last commit without syncing the disk (their rows count
    /// only once the last one, which syncs, has committed the position, and no bookings or hygiene).
    private func applyInSteps(_ answer: PullAnswer, prepared: PullApplier.PreparedSnapshot, diff: SnapshotDiff, at now: Date, budget: Duration,
                              afterStep: (Int) throws -> Void) throws -> PullApplied {
        var done = 0
        while done < diff.writes.count {
            let stale = try quickWrite { db -> Bool in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                if done == 0 {
                    // Only the sync writes the platform's items; should they have changed since they were read, start again.
                    guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scopeItem") == diff.heldCount else { return true }
                    try db.execute(sql: "UPDATE syncState SET cursor = '' WHERE id = 1")
                }
                var local = try LocalRowKeeper(db)
                let start = done, began = ContinuousClock.now
                while done < diff.writes.count {
                    try local.willWrite(diff.writes[done].entity, id: diff.writes[done].id, in: db)
                    try SnapshotDiff.perform(diff.writes[done], in: db)
                    done += 1
                    if done % 16 == 0, ContinuousClock.now - began > budget, diff.canCommit(after: done) { break }
                }
                if diff.touchesReferences(start..<done) { try bumpCatalogGeneration(db) }
                try local.restore(in: db)
                return false
            }
            if stale { return try applyInOne(answer, prepared: prepared, at: now) }
            try afterStep(done)
        }
        return try database.write { db -> PullApplied in
            try PullApplier.noteSnapshot(prepared, in: db)
            let position = SyncPosition(cursor: answer.cursor, checksum: answer.checksum, spaceId: answer.spaceId, appliedAt: now, pulledAt: now)
            try position.write(db)
            return PullApplied(kind: .snapshot, items: prepared.items.count, position: position)
        }
    }

    /// A write transaction whose commit does not wait for the disk: what it writes is kept once a
    /// later transaction (which does) commits, and lost together with everything after it otherwise.
    private func quickWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            let level = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(level)") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Notes a pull that found nothing new (`304`): the data is as fresh as now.
    public func notePullUnchanged(at now: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE syncState SET pulledAt = ? WHERE id = 1", arguments: [StoredInstant.encode(now)])
        }
    }
}
