import Foundation
import GRDB
import LintelPolicy
import LintelWire

/// Applies a pull answer inside the caller's write transaction: a snapshot replaces the platform's
/// rows, a delta upserts and deletes item by item; either way each item's share of the scope
/// checksum is kept beside the rows, so the result can be checked against the platform's.
enum PullApplier {
    /// Replaces the platform's rows and item hashes with the snapshot's; the checksum of what is now held.
    static func replace(with snapshot: Snapshot, in db: Database) throws -> ScopeChecksum {
        try SnapshotWriter.replaceAll(with: snapshot, in: db)
        try db.execute(sql: "DELETE FROM scopeItem")
        let insert = try db.makeStatement(sql: "INSERT INTO scopeItem (entity, id, hash) VALUES (?, ?, ?)")
        var checksum = ScopeChecksum()
        for item in try WorldItem.items(of: snapshot) {
            let hash = ScopeChecksum.hash(item)
            checksum = ScopeChecksum(value: checksum.value &+ hash)
            try insert.execute(arguments: [item.entity.rawValue, item.id, Int64(bitPattern: hash)])
        }
        return checksum
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
                let hash = ScopeChecksum.hash(WorldItem(entity: change.entity, id: change.id, locationId: nil, body: try item.body(with: encoder)))
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
