public import Foundation
import GRDB
import LintelPolicy
public import LintelPlatformCore
public import LintelWire

/// The platform's world on SQLite, one facade: the items of the world, and the change log every
/// write appends to in the same transaction. Pulls are answered from it per device scope.
public final class PlatformStore: Sendable {
    let database: DatabasePool

    public init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        database = try DatabasePool(path: path, configuration: config)
        try PlatformSchema.migrator.migrate(database)
    }

    // MARK: Writing the world

    /// What a write did: how many items it upserted and deleted, and the last change it logged.
    public struct WriteSummary: Sendable, Equatable {
        public var upserts: Int
        public var deletes: Int
        public var lastSeq: Int64
    }

    /// Replaces the world with a snapshot (validated first, all or nothing): the items that differ
    /// are upserted, the ones gone are deleted, and each of those is one change.
    @discardableResult
    public func importWorld(_ snapshot: Snapshot, at instant: Date) throws -> WriteSummary {
        try SnapshotValidator.validate(snapshot)
        let items = try WorldItem.items(of: snapshot)
        let bookings = Dictionary(snapshot.bookings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try database.write { db in
            let current = try Self.currentItems(db)
            var summary = WriteSummary(upserts: 0, deletes: 0, lastSeq: try Self.lastSeq(db))
            var seen = Set<ItemKey>()
            var checksums = ChecksumChanges()
            for item in items {
                let key = ItemKey(entity: item.entity, id: item.id)
                seen.insert(key)
                if current[key]?.body == item.body { continue }
                summary.lastSeq = try Self.upsert(item, replacing: current[key], at: instant, checksums: &checksums, in: db)
                if item.entity == .booking, let booking = bookings[item.id] { try Self.index(booking, in: db) }
                summary.upserts += 1
            }
            for (key, old) in current where !seen.contains(key) {
                summary.lastSeq = try Self.delete(old, at: instant, checksums: &checksums, in: db)
                summary.deletes += 1
            }
            try checksums.write(in: db)
            return summary
        }
    }

    /// The whole world as a snapshot.
    public func world(at instant: Date) throws -> Data {
        try database.read { db in try Self.assemble(try Self.items(db, where: nil), generatedAt: instant) }
    }

    /// Every user, as a snapshot writes them, as one JSON array.
    public func userList() throws -> Data {
        try database.read { db in
            var out = Data("[".utf8)
            for (index, body) in try Data.fetchAll(db, sql: "SELECT body FROM item WHERE entity = 'user' ORDER BY id").enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(body)
            }
            out.append(UInt8(ascii: "]"))
            return out
        }
    }

    // MARK: Pulling

    public enum PullAnswer: Sendable {
        case unchanged(cursor: Int64, checksum: ScopeChecksum)
        case snapshot(cursor: Int64, checksum: ScopeChecksum, json: Data)
        case delta(cursor: Int64, checksum: ScopeChecksum, changes: [ChangeLogEntry])
    }

    /// The scope since `cursor`: nothing new, the changes after it, or a snapshot when there is no
    /// cursor or it is older than what the log retains. One read transaction: the cursor, the
    /// changes and the checksum describe the same state.
    public func pull(_ scope: DeviceScope, after cursor: Int64?, at instant: Date) throws -> PullAnswer {
        try database.read { db in
            let last = try Self.lastSeq(db)
            let checksum = try Self.checksum(scope, db)
            let retainedFrom = Int64(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'compactedThrough'") ?? "0") ?? 0
            guard let cursor, cursor >= retainedFrom, cursor <= last else {
                let items = try Self.items(db, where: scope)
                return .snapshot(cursor: last, checksum: checksum, json: try Self.assemble(items, generatedAt: instant))
            }
            if cursor == last { return .unchanged(cursor: last, checksum: checksum) }
            var changes: [ChangeLogEntry] = []
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT c.seq, c.entity, c.logId, c.op, c.locationId, COALESCE(c.body, i.body)
                    FROM change c LEFT JOIN item i ON c.entity = 'badge' AND c.op = 'upsert' AND i.entity = 'badge' AND i.logId = c.logId
                    WHERE c.seq > ? ORDER BY c.seq
                    """, arguments: [cursor])
            while let row = try rows.next() {
                guard let entity = WorldEntity(rawValue: row[1]), let op = ChangeLogEntry.Operation(rawValue: row[3]) else { continue }
                let location: String? = row[4]
                guard scope.contains(entity: entity, locationId: location) else { continue }
                changes.append(ChangeLogEntry(seq: row[0], entity: entity, logId: row[2], operation: op, locationId: location, body: row[5]))
            }
            return changes.isEmpty ? .unchanged(cursor: last, checksum: checksum) : .delta(cursor: last, checksum: checksum, changes: changes)
        }
    }

    /// Takes the bookings that ended before `cutoff` out of the world (and so out of every scope),
    /// each as a delete in the change log: panels drop them in their next pull. Returns how many.
    @discardableResult
    public func retireBookings(endedBefore cutoff: Date, at instant: Date) throws -> Int {
        try database.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM bookingIndex WHERE endsAt < ?", arguments: [DeviceRegistry.millis(cutoff)])
            var checksums = ChecksumChanges()
            for id in ids {
                guard let row = try Row.fetchOne(db, sql: "SELECT locationId, body FROM item WHERE entity = 'booking' AND id = ?", arguments: [id])
                else { continue }
                _ = try Self.delete(WorldItem(entity: .booking, id: id, locationId: row[0], body: row[1]), at: instant, checksums: &checksums, in: db)
            }
            try checksums.write(in: db)
            return ids.count
        }
    }

    /// Forgets the changes up to `seq`; a device with an older cursor gets a snapshot.
    public func compact(through seq: Int64) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM change WHERE seq <= ?", arguments: [seq])
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('compactedThrough', ?)", arguments: ["\(seq)"])
        }
    }

    /// How many stored changes hold `text` in their id or body (for tests that a badge number
    /// never reaches the log).
    public func changeLogRows(containing text: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change WHERE instr(logId, ?) > 0 OR instr(CAST(body AS TEXT), ?) > 0",
                             arguments: [text, text]) ?? 0
        }
    }

    // MARK: Inside a write

    private struct ItemKey: Hashable {
        var entity: WorldEntity
        var id: String
    }

    /// The digest a badge is known by outside this table; every other item by its id.
    static func logId(_ entity: WorldEntity, _ id: String) -> String {
        guard entity == .badge else { return id }
        return "sha256:" + DeviceRegistry.digest(id)
    }

    /// Keeps the booking index in step with a booking item: whether it holds its space, and when.
    static func index(_ booking: Booking, in db: Database) throws {
        let holds = (booking.status == .confirmed || booking.status == .ended) && booking.approval != .rejected
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO bookingIndex (id, spaceId, ownerId, startsAt, endsAt, holds) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [booking.id, booking.spaceId, booking.ownerId, DeviceRegistry.millis(booking.start), DeviceRegistry.millis(booking.end), holds])
    }

    static func upsert(
        _ item: WorldItem, replacing old: WorldItem?, at instant: Date, checksums: inout ChecksumChanges, in db: Database
    ) throws -> Int64 {
        let logId = logId(item.entity, item.id)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO item (entity, id, logId, locationId, body) VALUES (?, ?, ?, ?, ?)").execute(
            arguments: [item.entity.rawValue, item.id, logId, item.locationId, item.body])
        if let old { checksums.remove(old) }
        checksums.add(item)
        return try append(item.entity, logId, .upsert, item.locationId, item.entity == .badge ? nil : item.body, at: instant, in: db)
    }

    static func delete(_ item: WorldItem, at instant: Date, checksums: inout ChecksumChanges, in db: Database) throws -> Int64 {
        try db.execute(sql: "DELETE FROM item WHERE entity = ? AND id = ?", arguments: [item.entity.rawValue, item.id])
        if item.entity == .booking { try db.execute(sql: "DELETE FROM bookingIndex WHERE id = ?", arguments: [item.id]) }
        checksums.remove(item)
        return try append(item.entity, logId(item.entity, item.id), .delete, item.locationId, nil, at: instant, in: db)
    }

    /// A delete for an item the world does not hold (a booking a panel made that the platform
    /// refused), so the panel that holds it drops it.
    static func appendDelete(_ entity: WorldEntity, _ id: String, _ location: String?, at instant: Date, in db: Database) throws -> Int64 {
        try append(entity, logId(entity, id), .delete, location, nil, at: instant, in: db)
    }

    private static func append(
        _ entity: WorldEntity, _ logId: String, _ op: ChangeLogEntry.Operation, _ location: String?, _ body: Data?, at instant: Date, in db: Database
    ) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO change (entity, logId, op, locationId, body, committedAt) VALUES (?, ?, ?, ?, ?, ?)").execute(
            arguments: [entity.rawValue, logId, op.rawValue, location, body, Int64(instant.timeIntervalSince1970 * 1000)])
        return db.lastInsertedRowID
    }

    /// What one write does to the stored checksums: '' holds the organisation-wide items, a
    /// location id that location's own. Summed in memory, written once at the end of the write.
    struct ChecksumChanges {
        private var added: [String: ScopeChecksum] = [:]
        private var removed: [String: ScopeChecksum] = [:]

        private static func key(_ item: WorldItem) -> String { DeviceScope.isLocationBound(item.entity) ? item.locationId ?? "" : "" }

        mutating func add(_ item: WorldItem) { added[Self.key(item), default: ScopeChecksum()].add(item) }
        mutating func remove(_ item: WorldItem) { removed[Self.key(item), default: ScopeChecksum()].add(item) }

        func write(in db: Database) throws {
            for key in Set(added.keys).union(removed.keys) {
                let stored = UInt64(bitPattern: try Int64.fetchOne(db, sql: "SELECT value FROM scopeChecksum WHERE locationId = ?", arguments: [key]) ?? 0)
                let value = stored &+ (added[key]?.value ?? 0) &- (removed[key]?.value ?? 0)
                try db.execute(sql: "INSERT OR REPLACE INTO scopeChecksum (locationId, value) VALUES (?, ?)", arguments: [key, Int64(bitPattern: value)])
            }
        }
    }

    // MARK: Reading

    static func lastSeq(_ db: Database) throws -> Int64 {
        let logged = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM change") ?? 0
        let compacted = Int64(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'compactedThrough'") ?? "0") ?? 0
        return max(logged, compacted)
    }

    private static func checksum(_ scope: DeviceScope, _ db: Database) throws -> ScopeChecksum {
        let values = try Int64.fetchAll(db, sql: "SELECT value FROM scopeChecksum WHERE locationId IN ('', ?)", arguments: [scope.locationId])
        return ScopeChecksum(value: values.reduce(UInt64(0)) { $0 &+ UInt64(bitPattern: $1) })
    }

    private static func currentItems(_ db: Database) throws -> [ItemKey: WorldItem] {
        var items: [ItemKey: WorldItem] = [:]
        for item in try Self.items(db, where: nil) { items[ItemKey(entity: item.entity, id: item.id)] = item }
        return items
    }

    private static func items(_ db: Database, where scope: DeviceScope?) throws -> [WorldItem] {
        var items: [WorldItem] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT entity, id, locationId, body FROM item")
        while let row = try rows.next() {
            guard let entity = WorldEntity(rawValue: row[0]) else { continue }
            let item = WorldItem(entity: entity, id: row[1], locationId: row[2], body: row[3])
            if scope?.contains(item) ?? true { items.append(item) }
        }
        return items
    }

    /// A snapshot made of item bodies as they are stored: no decoding, no encoding.
    static func assemble(_ items: [WorldItem], generatedAt instant: Date) throws -> Data {
        var groups: [WorldEntity: [Data]] = [:]
        for item in items { groups[item.entity, default: []].append(item.body) }
        var out = Data("{\"format\":\"\(Snapshot.formatName)\",\"generatedAt\":\"\(ISO8601.format(instant))\"".utf8)
        guard let organisation = groups[.organisation]?.first else { throw PlatformStoreError.noWorld }
        out.append(Data(",\"organisation\":".utf8))
        out.append(organisation)
        let collections: [(WorldEntity, String)] = [
            (.location, "locations"), (.area, "areas"), (.profile, "profiles"), (.category, "categories"), (.space, "spaces"),
            (.visa, "visas"), (.role, "roles"), (.user, "users"), (.badge, "badges"), (.authorisation, "authorisations"),
            (.authorisationHistory, "authorisationHistory"), (.booking, "bookings"), (.hygiene, "hygiene"),
        ]
        for (entity, name) in collections {
            out.append(Data(",\"\(name)\":[".utf8))
            for (index, body) in (groups[entity] ?? []).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(body)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

public enum PlatformStoreError: Error, CustomStringConvertible {
    case noWorld

    public var description: String {
        switch self {
        case .noWorld: "the platform holds no world yet: import a snapshot first (lintel-platform import FILE)"
        }
    }
}
