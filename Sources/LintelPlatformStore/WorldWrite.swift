public import Foundation
public import LintelPolicy
import LintelPlatformCore
public import LintelWire

/// One transaction's writes to the world: every item upserted or deleted appends its change to
/// the log with the next sequence number, and the scope checksums follow. Made by a storage's
/// `writeWorld`, which has taken the log's counter; `finish` writes the counter and checksums back
/// and says whom the write concerns.
public final class WorldWrite {
    public let transaction: any SQLTransaction
    /// The last sequence number handed out, in this transaction or before it.
    public private(set) var lastSeq: Int64
    private let firstSeq: Int64
    private var checksums = ChecksumChanges()
    private var reach = ChangeNotice.Reach()

    /// Reads the counter; `lockingClause` is what the storage needs to hold it until commit
    /// (PostgreSQL's `FOR UPDATE`; SQLite has one writer at a time and needs none).
    public init(_ transaction: any SQLTransaction, lockingClause: String) throws {
        self.transaction = transaction
        guard let row = try transaction.row("SELECT last FROM changeCounter WHERE id = 1" + lockingClause) else {
            throw SQLRowError(column: 0, expected: "the change counter row", found: .null)
        }
        lastSeq = try row.integer(0)
        firstSeq = lastSeq
    }

    /// Writes the counter and checksums; the notice for the other instances, or nil when the
    /// transaction logged no change.
    public func finish() throws -> ChangeNotice? {
        guard lastSeq > firstSeq else { return nil }
        try transaction.execute("UPDATE changeCounter SET last = ? WHERE id = 1", [lastSeq])
        try checksums.write(in: transaction)
        return reach.notice(seq: lastSeq)
    }

    // MARK: Items

    public func upsert(_ item: WorldItem, replacing old: WorldItem?, at instant: Date) throws {
        let logId = Self.logId(item.entity, item.id)
        try transaction.execute(
            """
            INSERT INTO item (entity, id, logId, locationId, body) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (entity, id) DO UPDATE SET logId = excluded.logId, locationId = excluded.locationId, body = excluded.body
            """, [item.entity.rawValue, item.id, logId, item.locationId, item.body])
        if let old { checksums.remove(old) }
        checksums.add(item)
        try append(item.entity, logId, .upsert, item.locationId, item.entity == .badge ? nil : item.body, at: instant)
    }

    public func delete(_ item: WorldItem, at instant: Date) throws {
        try transaction.execute("DELETE FROM item WHERE entity = ? AND id = ?", [item.entity.rawValue, item.id])
        if item.entity == .booking { try transaction.execute("DELETE FROM bookingIndex WHERE id = ?", [item.id]) }
        checksums.remove(item)
        try append(item.entity, Self.logId(item.entity, item.id), .delete, item.locationId, nil, at: instant)
    }

    /// Logs an item again unchanged, so a device that changed it locally gets the platform's
    /// version back (a correction after a rejected event).
    public func relog(_ item: WorldItem, at instant: Date) throws {
        try append(item.entity, Self.logId(item.entity, item.id), .upsert, item.locationId, item.entity == .badge ? nil : item.body, at: instant)
    }

    /// A delete for an item the world does not hold (a booking a panel made that the platform
    /// refused), so the panel that holds it drops it.
    public func appendDelete(_ entity: WorldEntity, _ id: String, _ location: String?, at instant: Date) throws {
        try append(entity, Self.logId(entity, id), .delete, location, nil, at: instant)
    }

    /// Keeps the booking index in step with a booking item: whether it holds its space, and when.
    public func index(_ booking: Booking) throws {
        let holds = (booking.status == .confirmed || booking.status == .ended) && booking.approval != .rejected
        try transaction.execute(
            """
            INSERT INTO bookingIndex (id, spaceId, ownerId, startsAt, endsAt, holds) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET spaceId = excluded.spaceId, ownerId = excluded.ownerId, startsAt = excluded.startsAt,
                endsAt = excluded.endsAt, holds = excluded.holds
            """, [booking.id, booking.spaceId, booking.ownerId, Millis.of(booking.start), Millis.of(booking.end), holds])
    }

    /// The digest a badge is known by outside the item table; every other item by its id.
    static func logId(_ entity: WorldEntity, _ id: String) -> String {
        guard entity == .badge else { return id }
        return "sha256:" + Secrets.digest(id)
    }

    private func append(
        _ entity: WorldEntity, _ logId: String, _ op: ChangeLogEntry.Operation, _ location: String?, _ body: Data?, at instant: Date
    ) throws {
        lastSeq += 1
        try transaction.execute(
            "INSERT INTO change (seq, entity, logId, op, locationId, body, committedAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [lastSeq, entity.rawValue, logId, op.rawValue, location, body, Millis.of(instant)])
        reach.add(entity, locationId: location)
    }
}

/// What one write does to the stored checksums: '' holds the organisation-wide items, a location
/// id that location's own. Summed in memory, written once at the end of the write.
struct ChecksumChanges {
    private var added: [String: ScopeChecksum] = [:]
    private var removed: [String: ScopeChecksum] = [:]

    private static func key(_ item: WorldItem) -> String { DeviceScope.isLocationBound(item.entity) ? item.locationId ?? "" : "" }

    mutating func add(_ item: WorldItem) { added[Self.key(item), default: ScopeChecksum()].add(item) }
    mutating func remove(_ item: WorldItem) { removed[Self.key(item), default: ScopeChecksum()].add(item) }

    func write(in transaction: any SQLTransaction) throws {
        for key in Set(added.keys).union(removed.keys) {
            let stored = UInt64(bitPattern: try transaction.value("SELECT value FROM scopeChecksum WHERE locationId = ?", [key])
                .map { if case .integer(let value) = $0 { value } else { 0 } } ?? 0)
            let value = stored &+ (added[key]?.value ?? 0) &- (removed[key]?.value ?? 0)
            try transaction.execute(
                "INSERT INTO scopeChecksum (locationId, value) VALUES (?, ?) ON CONFLICT (locationId) DO UPDATE SET value = excluded.value",
                [key, Int64(bitPattern: value)])
        }
    }
}
