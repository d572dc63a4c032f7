public import Foundation
import LintelPolicy
public import LintelPlatformCore
public import LintelWire

/// The platform's world, one facade over its storage (`PlatformDatabase`: SQLite or PostgreSQL):
/// the items of the world, and the change log every write appends to in the same transaction.
/// Pulls are answered from it per device scope.
public final class PlatformStore: Sendable {
    public let database: any PlatformDatabase
    let heads = PullHeadCache()
    let deviceCache = DeviceCache()
    let lastSeen: LastSeenRecorder
    private let notices = NoticeBroadcaster()
    private let forwarder: Task<Void, Never>

    public init(database: any PlatformDatabase) {
        self.database = database
        lastSeen = LastSeenRecorder(database: database)
        let upstream = database.changeNotices()
        forwarder = Task { [heads, notices] in
            for await notice in upstream {
                heads.clear()
                notices.publish(notice)
            }
            notices.finish()
        }
    }

    deinit { forwarder.cancel() }

    /// Writes what waits to be written now (devices' "last seen"), as before a shutdown.
    public func flush() async throws { try await lastSeen.flush() }

    /// Every committed world write on the storage, by any instance: what pokes devices. The
    /// store's cached scope heads are dropped before a notice is handed on, so a device poked
    /// by it never gets "nothing new" from before the change.
    public func changeNotices() -> AsyncStream<ChangeNotice> { notices.stream() }

    /// The site storage: one SQLite file.
    public convenience init(path: String) throws { self.init(database: try SQLitePlatformDatabase(path: path)) }

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
    public func importWorld(_ snapshot: Snapshot, at instant: Date) async throws -> WriteSummary {
        try SnapshotValidator.validate(snapshot)
        let items = try WorldItem.items(of: snapshot)
        let bookings = Dictionary(snapshot.bookings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try await database.writeWorld { world in
            let current = try Self.currentItems(world.transaction)
            var summary = WriteSummary(upserts: 0, deletes: 0, lastSeq: world.lastSeq)
            var seen = Set<ItemKey>()
            for item in items {
                let key = ItemKey(entity: item.entity, id: item.id)
                seen.insert(key)
                if current[key]?.body == item.body { continue }
                try world.upsert(item, replacing: current[key], at: instant)
                if item.entity == .booking, let booking = bookings[item.id] { try world.index(booking) }
                summary.upserts += 1
            }
            for (key, old) in current where !seen.contains(key) {
                try world.delete(old, at: instant)
                summary.deletes += 1
            }
            summary.lastSeq = world.lastSeq
            return summary
        }
    }

    /// The whole world as a snapshot.
    public func world(at instant: Date) async throws -> Data {
        try await database.read { tx in try Self.assemble(try Self.items(tx, where: nil), generatedAt: instant) }
    }

    /// Every user, as a snapshot writes them, as one JSON array.
    public func userList() async throws -> Data {
        try await database.read { tx in
            var out = Data("[".utf8)
            for (index, row) in try tx.rows("SELECT body FROM item WHERE entity = 'user' ORDER BY id").enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(try row.data(0))
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
    public func pull(_ scope: DeviceScope, after cursor: Int64?, at instant: Date) async throws -> PullAnswer {
        if let cursor, let head = heads.head(of: scope.locationId), cursor == head.lastSeq, cursor >= head.retainedFrom {
            return .unchanged(cursor: head.lastSeq, checksum: head.checksum)
        }
        let generation = heads.generation
        return try await database.read { [heads] tx in
            let last = try Self.lastSeq(tx)
            let checksum = try Self.checksum(scope, tx)
            let retainedFrom = try Self.compactedThrough(tx)
            heads.store(.init(lastSeq: last, checksum: checksum, retainedFrom: retainedFrom), of: scope.locationId, readInGeneration: generation)
            guard let cursor, cursor >= retainedFrom, cursor <= last else {
                let items = try Self.items(tx, where: scope)
                return .snapshot(cursor: last, checksum: checksum, json: try Self.assemble(items, generatedAt: instant))
            }
            if cursor == last { return .unchanged(cursor: last, checksum: checksum) }
            var changes: [ChangeLogEntry] = []
            let rows = try tx.rows(
                """
                SELECT c.seq, c.entity, c.logId, c.op, c.locationId, COALESCE(c.body, i.body)
                FROM change c LEFT JOIN item i ON c.entity = 'badge' AND c.op = 'upsert' AND i.entity = 'badge' AND i.logId = c.logId
                WHERE c.seq > ? ORDER BY c.seq
                """, [cursor])
            for row in rows {
                guard let entity = WorldEntity(rawValue: try row.string(1)), let op = ChangeLogEntry.Operation(rawValue: try row.string(3))
                else { continue }
                let location = try row.optionalString(4)
                guard scope.contains(entity: entity, locationId: location) else { continue }
                changes.append(ChangeLogEntry(
                    seq: try row.integer(0), entity: entity, logId: try row.string(2), operation: op, locationId: location,
                    body: try row.optionalData(5)))
            }
            return changes.isEmpty ? .unchanged(cursor: last, checksum: checksum) : .delta(cursor: last, checksum: checksum, changes: changes)
        }
    }

    /// Takes the bookings that ended before `cutoff` out of the world (and so out of every scope),
    /// each as a delete in the change log: panels drop them in their next pull. Returns how many.
    @discardableResult
    public func retireBookings(endedBefore cutoff: Date, at instant: Date) async throws -> Int {
        try await database.writeWorld { world in
            let tx = world.transaction
            let ids = try tx.rows("SELECT id FROM bookingIndex WHERE endsAt < ?", [Millis.of(cutoff)]).map { try $0.string(0) }
            for id in ids {
                guard let row = try tx.row("SELECT locationId, body FROM item WHERE entity = 'booking' AND id = ?", [id]) else { continue }
                try world.delete(WorldItem(entity: .booking, id: id, locationId: try row.optionalString(0), body: try row.data(1)), at: instant)
            }
            return ids.count
        }
    }

    /// Forgets the changes committed before `cutoff` (the log's retention); a device whose cursor
    /// is older gets a snapshot. Returns the last sequence number forgotten, nil when none was.
    @discardableResult
    public func compact(committedBefore cutoff: Date) async throws -> Int64? {
        let through = try await database.read { tx in
            try tx.value("SELECT MAX(seq) FROM change WHERE committedAt < ?", [Millis.of(cutoff)])
        }
        guard case .integer(let seq) = through else { return nil }
        try await compact(through: seq)
        return seq
    }

    /// Forgets the changes up to `seq`; a device with an older cursor gets a snapshot.
    public func compact(through seq: Int64) async throws {
        _ = try await database.writeWorld { world in
            try world.transaction.execute("DELETE FROM change WHERE seq <= ?", [seq])
            try world.transaction.execute(
                "INSERT INTO meta (key, value) VALUES ('compactedThrough', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ["\(seq)"])
            return true
        }
    }

    /// The sequence numbers of the log after `seq`, in order (for tests that the log has no gaps).
    public func changeSeqs(after seq: Int64) async throws -> (last: Int64, seqs: [Int64]) {
        try await database.read { tx in
            (try Self.lastSeq(tx), try tx.rows("SELECT seq FROM change WHERE seq > ? ORDER BY seq", [seq]).map { try $0.integer(0) })
        }
    }

    /// How many stored changes hold `text` in their id or body (for tests that a badge number
    /// never reaches the log).
    public func changeLogRows(containing text: String) async throws -> Int {
        try await database.read { tx in
            try tx.rows("SELECT logId, body FROM change").filter { row in
                try row.string(0).contains(text) || String(decoding: try row.optionalData(1) ?? Data(), as: UTF8.self).contains(text)
            }.count
        }
    }

    // MARK: Reading

    private struct ItemKey: Hashable {
        var entity: WorldEntity
        var id: String
    }

    static func lastSeq(_ tx: any SQLTransaction) throws -> Int64 {
        guard case .integer(let last) = try tx.value("SELECT last FROM changeCounter WHERE id = 1") else { return 0 }
        return last
    }

    static func compactedThrough(_ tx: any SQLTransaction) throws -> Int64 {
        guard case .text(let value) = try tx.value("SELECT value FROM meta WHERE key = 'compactedThrough'") else { return 0 }
        return Int64(value) ?? 0
    }

    private static func checksum(_ scope: DeviceScope, _ tx: any SQLTransaction) throws -> ScopeChecksum {
        let values = try tx.rows("SELECT value FROM scopeChecksum WHERE locationId IN ('', ?)", [scope.locationId]).map { try $0.integer(0) }
        return ScopeChecksum(value: values.reduce(UInt64(0)) { $0 &+ UInt64(bitPattern: $1) })
    }

    private static func currentItems(_ tx: any SQLTransaction) throws -> [ItemKey: WorldItem] {
        var items: [ItemKey: WorldItem] = [:]
        for item in try Self.items(tx, where: nil) { items[ItemKey(entity: item.entity, id: item.id)] = item }
        return items
    }

    private static func items(_ tx: any SQLTransaction, where scope: DeviceScope?) throws -> [WorldItem] {
        var items: [WorldItem] = []
        for row in try tx.rows("SELECT entity, id, locationId, body FROM item ORDER BY entity, id") {
            guard let entity = WorldEntity(rawValue: try row.string(0)) else { continue }
            let item = WorldItem(entity: entity, id: try row.string(1), locationId: try row.optionalString(2), body: try row.data(3))
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
