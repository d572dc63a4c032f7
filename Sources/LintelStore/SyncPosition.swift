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

    /// Applies a pull answer and its cursor in one write transaction: a snapshot replaces the
    /// platform's rows, a delta changes them item by item. Unpushed local changes (bookings and
    /// hygiene touched by an allowed decision still in the outbox) stay, as with every import;
    /// the outbox is never touched. The result must match the answer's checksum, and every
    /// reference must hold when the transaction ends; otherwise nothing changes and
    /// `PullRejected` says why.
    @discardableResult
    public func applyPull(_ answer: PullAnswer, at now: Date) throws -> PullApplied {
        // A snapshot's items are encoded and hashed, and the store's own shares read, before the
        // write lock is taken: the transaction holds it only for the rows that change.
        let prepared = try answer.snapshot.map(PullApplier.PreparedSnapshot.init)
        let held = prepared == nil ? [:] : try database.read { db in try PullApplier.heldHashes(db) }
        do {
            return try database.write { db -> PullApplied in
                // References are checked when the transaction commits: a delta may name a row
                // before the one it refers to, and a broken one rolls the whole answer back.
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                let local = try LocalChanges.read(db)
                let checksum: ScopeChecksum
                let items: Int
                switch answer.kind {
                case .snapshot:
                    guard let prepared else { throw PullRejected(.invalid, "a snapshot answer without its snapshot") }
                    // Only the sync writes the platform's items; should they have changed since they were read, read them again.
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scopeItem") ?? 0
                    checksum = try PullApplier.replace(with: prepared, held: count == held.count ? held : try PullApplier.heldHashes(db), in: db)
                    items = prepared.items.count
                    try bumpCatalogGeneration(db)
                case .delta:
                    guard let base = try SyncPosition.read(db) else {
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
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw PullRejected(.invalid, "the store refused it: \(error.message ?? "a constraint failed")")
        }
    }

    /// Notes a pull that found nothing new (`304`): the data is as fresh as now.
    public func notePullUnchanged(at now: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE syncState SET pulledAt = ? WHERE id = 1", arguments: [StoredInstant.encode(now)])
        }
    }
}
