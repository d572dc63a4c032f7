import Foundation
import GRDB
import LintelWire

/// What a snapshot changes in a store that already holds the platform's scope, worked out before
/// any write: the items whose checksum share differs, the items gone, and the booking and hygiene
/// rows the platform does not hold at all (a panel booking it refused).
///
/// The writes are ordered so that every reference holds after any prefix that ends inside the
/// booking and hygiene part: reference data written first, bookings and hygiene next, their
/// deletions after, reference data deleted last. A snapshot applied in several transactions may
/// therefore commit only at such a point (`canCommit(after:)`).
struct SnapshotDiff {
    enum Write {
        case upsert(WorldItemValue, hash: UInt64)
        case delete(WorldEntity, id: String)

        var entity: WorldEntity {
            switch self {
            case .upsert(let value, _): value.entity
            case .delete(let entity, _): entity
            }
        }

        var id: String {
            switch self {
            case .upsert(let value, _): value.id
            case .delete(_, let id): id
            }
        }

        /// Whether other rows may refer to this one's (everything but bookings and desk hygiene).
        var isReference: Bool { entity != .booking && entity != .hygiene }
    }

    var writes: [Write]
    /// Where the reference data written first ends and where the reference data deleted last begins.
    private var referenceUpsertsEnd: Int
    private var referenceDeletesStart: Int

    /// `held` are the checksum shares of the scope items the store holds; `storedBookings` and
    /// `storedHygiene` the ids of the booking and desk hygiene rows it holds, scope items or not.
    init(_ prepared: PullApplier.PreparedSnapshot, held: [PullApplier.ItemKey: Int64],
         storedBookings: [String], storedHygiene: [String]) {
        var gone = held
        var referenceUpserts: [Write] = [], activityUpserts: [Write] = []
        for item in prepared.items {
            let key = PullApplier.ItemKey(entity: item.value.entity.rawValue, id: item.value.id)
            if gone.removeValue(forKey: key) == Int64(bitPattern: item.hash) { continue }
            let write = Write.upsert(item.value, hash: item.hash)
            if write.isReference { referenceUpserts.append(write) } else { activityUpserts.append(write) }
        }
        // Rows the snapshot does not have, scope items or strays; references deleted in reverse order.
        let inSnapshot = Set(prepared.items.lazy.map { PullApplier.ItemKey(entity: $0.value.entity.rawValue, id: $0.value.id) })
        for id in storedBookings where !inSnapshot.contains(.init(entity: WorldEntity.booking.rawValue, id: id)) {
            gone[.init(entity: WorldEntity.booking.rawValue, id: id)] = 0
        }
        for id in storedHygiene where !inSnapshot.contains(.init(entity: WorldEntity.hygiene.rawValue, id: id)) {
            gone[.init(entity: WorldEntity.hygiene.rawValue, id: id)] = 0
        }
        let order = Dictionary(uniqueKeysWithValues: WorldEntity.allCases.enumerated().map { ($0.element, $0.offset) })
        let deletes = gone.keys.compactMap { key in WorldEntity(rawValue: key.entity).map { Write.delete($0, id: key.id) } }
            .sorted { order[$0.entity]! > order[$1.entity]! }
        let activityDeletes = deletes.filter { !$0.isReference }, referenceDeletes = deletes.filter(\.isReference)
        writes = referenceUpserts + activityUpserts + activityDeletes + referenceDeletes
        heldCount = held.count
        referenceUpsertsEnd = referenceUpserts.count
        referenceDeletesStart = writes.count - referenceDeletes.count
    }

    /// What `prepared` changes in the store `db` reads; nil when the store holds none of the
    /// platform's items (the snapshot is then written whole).
    static func read(_ prepared: PullApplier.PreparedSnapshot, from db: Database) throws -> SnapshotDiff? {
        let held = try PullApplier.heldHashes(db)
        guard !held.isEmpty else { return nil }
        return SnapshotDiff(prepared, held: held, storedBookings: try String.fetchAll(db, sql: "SELECT id FROM booking"),
                            storedHygiene: try String.fetchAll(db, sql: "SELECT spaceId FROM hygiene"))
    }

    /// The scope items the diff was worked out against (a later change to them makes it stale).
    let heldCount: Int

    /// Whether a transaction may end after the first `count` writes with every reference holding.
    func canCommit(after count: Int) -> Bool {
        count >= referenceUpsertsEnd && count <= referenceDeletesStart || count == writes.count
    }

    /// Whether any of the writes in `range` touches reference data (the decision catalog must be read again).
    func touchesReferences(_ range: Range<Int>) -> Bool {
        writes[range].contains(where: \.isReference)
    }

    /// Performs one write, keeping the scope item's checksum share beside its rows.
    static func perform(_ write: Write, in db: Database) throws {
        switch write {
        case .upsert(let value, let hash):
            try ItemRows.upsert(value, in: db)
            try db.cachedStatement(sql: "INSERT INTO scopeItem (entity, id, hash) VALUES (?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET hash = excluded.hash")
                .execute(arguments: [value.entity.rawValue, value.id, Int64(bitPattern: hash)])
        case .delete(let entity, let id):
            try ItemRows.delete(entity, id: id, in: db)
            try db.cachedStatement(sql: "DELETE FROM scopeItem WHERE entity = ? AND id = ?").execute(arguments: [entity.rawValue, id])
        }
    }
}
