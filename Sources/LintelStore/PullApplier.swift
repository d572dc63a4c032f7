import Foundation
import GRDB
import LintelPolicy
import LintelWire

/// Applies a pull answer inside the caller's write transaction: a snapshot replaces the platform's
/// rows, a delta upserts and deletes item by item; either way each item's share of the scope
/// checksum is kept beside the rows, so the result can be checked against the platform's.
enum PullApplier {
    /// A snapshot's items with their checksum shares, worked out before the write transaction.
    struct PreparedSnapshot {
        var snapshot: Snapshot
        var items: [(value: WorldItemValue, hash: UInt64)]
        var checksum: ScopeChecksum

        init(_ snapshot: Snapshot) throws {
            self.snapshot = snapshot
            let encoder = SnapshotCoding.encoder()
            items = try WorldItemValue.values(of: snapshot).map { ($0, try $0.hash(with: encoder)) }
            checksum = ScopeChecksum(value: items.reduce(0) { $0 &+ $1.hash })
        }
    }

    struct ItemKey: Hashable {
        var entity: String
        var id: String
    }

    /// The checksum shares of the platform's items the store holds.
    static func heldHashes(_ db: Database) throws -> [ItemKey: Int64] {
        var held: [ItemKey: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT entity, id, hash FROM scopeItem")
        while let row = try rows.next() { held[ItemKey(entity: row[0], id: row[1])] = row[2] }
        return held
    }

    /// Makes the store hold the snapshot in the caller's transaction. Into a store without the
    /// platform's items it writes every row; otherwise only what differs (`SnapshotDiff`), so a
    /// snapshot after a long absence costs the write lock what changed, not the whole scope.
    /// Rows the platform no longer has — a booking the panel made that the platform refused — go
    /// too; the caller restores unpushed local ones.
    static func replace(with prepared: PreparedSnapshot, in db: Database) throws -> ScopeChecksum {
        guard let diff = try SnapshotDiff.read(prepared, from: db) else {
            try SnapshotWriter.replaceAll(with: prepared.snapshot, in: db)
            try db.execute(sql: "DELETE FROM scopeItem")
            let insert = try db.makeStatement(sql: "INSERT INTO scopeItem (entity, id, hash) VALUES (?, ?, ?)")
            for item in prepared.items { try insert.execute(arguments: [item.value.entity.rawValue, item.value.id, Int64(bitPattern: item.hash)]) }
            return prepared.checksum
        }
        for write in diff.writes { try SnapshotDiff.perform(write, in: db) }
        try noteSnapshot(prepared, in: db)
        return prepared.checksum
    }

    /// Records when the snapshot was made and when it was applied.
    static func noteSnapshot(_ prepared: PreparedSnapshot, in db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshotGeneratedAt', ?), ('importedAt', ?)",
                       arguments: [ISO8601.format(prepared.snapshot.generatedAt), ISO8601.format(Date())])
    }

    /// Applies a delta's changes in order over `checksum`; the checksum after them and whether
    /// reference data (anything but bookings and hygiene) changed.
    static func apply(_ changes: [PullAnswer.Change], over checksum: ScopeChecksum, in db: Database) throws -> (ScopeChecksum, referenceChanged: Bool) {
        var value = checksum.value
        var referenceChanged = false
        let encoder = SnapshotCoding.encoder()
        let oldHash = try db.cachedStatement(sql: "SELECT hash FROM scopeItem WHERE entity = ? AND id = ?")
        let putHash = try db.cachedStatement(sql: "INSERT INTO scopeItem (entity, id, hash) VALUES (?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET hash = excluded.hash")
        let dropHash = try db.cachedStatement(sql: "DELETE FROM scopeItem WHERE entity = ? AND id = ?")
        for change in changes {
            if change.entity != .booking && change.entity != .hygiene { referenceChanged = true }
            if let old = try Int64.fetchOne(oldHash, arguments: [change.entity.rawValue, change.id]) { value &-= UInt64(bitPattern: old) }
            if let item = change.value {
                let hash = try item.hash(with: encoder)
                value &+= hash
                try putHash.execute(arguments: [change.entity.rawValue, change.id, Int64(bitPattern: hash)])
                try ItemRows.upsert(item, in: db)
            } else {
                try dropHash.execute(arguments: [change.entity.rawValue, change.id])
                try ItemRows.delete(change.entity, id: change.id, in: db)
            }
        }
        return (ScopeChecksum(value: value), referenceChanged)
    }
}
