import Foundation
import GRDB
import LintelPolicy
import LintelWire

/// The outbox table: decisions and observations in one gap-free sequence, inside the caller's
/// transaction. An actor is stored as the resolved user id and how they acted — never a badge
/// number, which stays in the badge table.
enum Outbox {
    static let columns = "seq, at, spaceId, kind, action, actorKind, actorUserId, bookingId, startsAt, endsAt, onBehalfOf, decision, observation, value, pushedAt"

    static func append(decision: Decision, for request: DecisionRequest, actor: ResolvedActor, bookingId: BookingID?, at now: Date,
                       in db: Database) throws -> Int64 {
        let userId: UserID? = switch actor {
        case .user(let user, _): user.id
        case .unknownUser(let id): id
        case .unknownBadge, .anonymous, .system: nil
        }
        try db.execute(sql: """
            INSERT INTO outbox (at, spaceId, kind, action, actorKind, actorUserId, bookingId, startsAt, endsAt, onBehalfOf, decision)
            VALUES (?, ?, 'decision', ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [StoredInstant.encode(now), request.spaceId, request.action.rawValue, OutboxEvent.actorKind(of: request.actor).rawValue,
                             userId, bookingId, request.start.map(StoredInstant.encode), request.end.map(StoredInstant.encode),
                             request.onBehalfOf, decision.code])
        return db.lastInsertedRowID
    }

    static func append(observation: OutboxEvent.Observation, _ value: String, spaceId: SpaceID, at now: Date, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO outbox (at, spaceId, kind, observation, value) VALUES (?, ?, 'observation', ?, ?)",
                       arguments: [StoredInstant.encode(now), spaceId, observation.rawValue, value])
        return db.lastInsertedRowID
    }

    static func depth(_ db: Database) throws -> Int {
        var count = 0
        try PreparedQuery(db, "SELECT count(*) FROM outbox WHERE pushedAt IS NULL").forEachRow([]) { count = Int($0.integer(0)) }
        return count
    }

    static func deviceId(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT id FROM device") ?? "unknown"
    }

    static func entries(_ db: Database, kind: OutboxEvent.Kind? = nil, pendingOnly: Bool, limit: Int) throws -> [OutboxEntry] {
        let device = try deviceId(db)
        let conditions: [String] = (pendingOnly ? ["pushedAt IS NULL"] : []) + (kind.map { ["kind = '\($0.rawValue)'"] } ?? [])
        let filter: String = conditions.isEmpty ? "" : "WHERE \(conditions.joined(separator: " AND "))"
        return try Row.fetchAll(db, sql: """
            SELECT \(columns) FROM outbox \(filter)
            ORDER BY seq LIMIT \(max(1, min(limit, Int(Int32.max))))
            """).map { row in
            var event = OutboxEvent(deviceId: device, seq: row[0], at: StoredInstant.decode(row[1]), spaceId: row[2],
                                    kind: try RowCoding.enumValue(OutboxEvent.Kind.self, row[3]))
            event.action = try (row[4] as String?).map { try RowCoding.enumValue(PanelAction.self, $0) }
            event.actorKind = try (row[5] as String?).map { try RowCoding.enumValue(OutboxEvent.ActorKind.self, $0) }
            event.actorUserId = row[6]
            event.bookingId = row[7]
            event.start = (row[8] as Int64?).map(StoredInstant.decode)
            event.end = (row[9] as Int64?).map(StoredInstant.decode)
            event.onBehalfOf = row[10]
            event.decision = row[11]
            event.observation = try (row[12] as String?).map { try RowCoding.enumValue(OutboxEvent.Observation.self, $0) }
            event.value = row[13]
            return OutboxEntry(event: event, pushedAt: (row[14] as Int64?).map(StoredInstant.decode))
        }
    }
}
