public import Foundation
import GRDB
public import LintelPolicy
public import LintelWire

/// A device's outbox events, taken at most once by (device, sequence). The platform is
/// authoritative: each decision the panel allowed is decided again with the same rules
/// (`Policy.decide`) against the platform's world at the event's instant; if it still holds, its
/// effects (`ActionEffect`) are applied with their change-log entries, and if not, it is rejected
/// with the reason and the platform's own version goes into the change log, so the panel's next
/// pull corrects it. A batch is one write transaction: all of it or none.
public struct EventIntake: Sendable {
    let database: DatabasePool

    public enum Verdict: Sendable, Equatable {
        /// Taken: applied to the world, or recorded (observations, denials the panel made).
        case applied
        /// Taken before; nothing done again.
        case duplicate
        /// Decided otherwise by the platform, with the reason code.
        case rejected(String)
    }

    public struct Answer: Sendable, Equatable {
        public var verdicts: [(seq: Int64, verdict: Verdict)]
        /// Every sequence from 1 up to this one has been taken.
        public var acknowledgedThrough: Int64

        public static func == (a: Answer, b: Answer) -> Bool {
            a.acknowledgedThrough == b.acknowledgedThrough && a.verdicts.map(\.seq) == b.verdicts.map(\.seq)
                && a.verdicts.map(\.verdict) == b.verdicts.map(\.verdict)
        }
    }

    public func receive(deviceId: String, events: [OutboxEvent], at now: Date) throws -> Answer {
        try database.write { db in
            let reader = WorldReader(db: db)
            var verdicts: [(Int64, Verdict)] = []
            for event in events.sorted(by: { $0.seq < $1.seq }) {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM receipt WHERE deviceId = ? AND seq = ?", arguments: [deviceId, event.seq]) == true {
                    verdicts.append((event.seq, .duplicate))
                    continue
                }
                let verdict = try take(event, reader: reader, at: now, in: db)
                var reason: String?
                if case .rejected(let code) = verdict { reason = code }
                try db.execute(
                    sql: "INSERT INTO receipt (deviceId, seq, status, reason, receivedAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [deviceId, event.seq, reason == nil ? "applied" : "rejected", reason, DeviceRegistry.millis(now)])
                verdicts.append((event.seq, verdict))
            }
            var through: Int64 = 0
            for seq in try Int64.fetchAll(db, sql: "SELECT seq FROM receipt WHERE deviceId = ? ORDER BY seq", arguments: [deviceId]) {
                guard seq == through + 1 else { break }
                through = seq
            }
            return Answer(verdicts: verdicts, acknowledgedThrough: through)
        }
    }

    /// Decides one event again and applies what it does.
    private func take(_ event: OutboxEvent, reader: WorldReader, at now: Date, in db: Database) throws -> Verdict {
        guard event.kind == .decision, let action = event.action, let code = event.decision, code.hasPrefix("allowed") else {
            return .applied  // an observation, or a denial the panel made: recorded, nothing to change
        }
        let actor: ActorReference = switch event.actorKind {
        case .system: .system
        case .anonymous, nil: .anonymous
        case .badge, .user: event.actorUserId.map { .user($0) } ?? .anonymous
        }
        let isBook = action == .book
        let request = DecisionRequest(
            actor: actor, action: action, spaceId: event.spaceId, bookingId: isBook ? nil : event.bookingId,
            start: event.start, end: event.end, onBehalfOf: event.onBehalfOf)
        let context = try reader.context(for: request, at: event.at)
        let decision = Policy.decide(request, in: context, at: event.at)
        let location = try reader.locationId(ofSpace: event.spaceId)
        var checksums = PlatformStore.ChecksumChanges()
        guard decision.isAllowed else {
            try correct(event, isBook: isBook, location: location, at: now, checksums: &checksums, in: db)
            try checksums.write(in: db)
            if case .deny(let reason, _) = decision { return .rejected(reason.rawValue) }
            return .rejected("denied")
        }
        let newId = event.bookingId ?? "bk-" + DeviceRegistry.randomToken(bytes: 12)
        for effect in ActionEffect.of(request, context: context, decision: decision, at: event.at, newBookingId: newId) {
            switch effect {
            case .booking(let booking):
                try upsert(.booking, booking.id, location, booking, at: now, checksums: &checksums, in: db)
                try PlatformStore.index(booking, in: db)
            case .hygiene(let hygiene):
                try upsert(.hygiene, hygiene.spaceId, location, hygiene, at: now, checksums: &checksums, in: db)
            }
        }
        try checksums.write(in: db)
        return .applied
    }

    private func upsert(
        _ entity: WorldEntity, _ id: String, _ location: String?, _ value: some Encodable, at now: Date,
        checksums: inout PlatformStore.ChecksumChanges, in db: Database
    ) throws {
        let item = WorldItem(entity: entity, id: id, locationId: location, body: try ItemCoding.encode(value))
        let old = try Data.fetchOne(db, sql: "SELECT body FROM item WHERE entity = ? AND id = ?", arguments: [entity.rawValue, id])
            .map { WorldItem(entity: entity, id: id, locationId: location, body: $0) }
        _ = try PlatformStore.upsert(item, replacing: old, at: now, checksums: &checksums, in: db)
    }

    /// After a rejection, the platform's own version of what the panel changed goes into the
    /// change log (or, for a booking the panel made, its removal), so the panel's next pull
    /// replaces its local change.
    private func correct(
        _ event: OutboxEvent, isBook: Bool, location: String?, at now: Date, checksums: inout PlatformStore.ChecksumChanges, in db: Database
    ) throws {
        guard let id = event.bookingId else { return }
        if let body = try Data.fetchOne(db, sql: "SELECT body FROM item WHERE entity = 'booking' AND id = ?", arguments: [id]) {
            let item = WorldItem(entity: .booking, id: id, locationId: location, body: body)
            _ = try PlatformStore.upsert(item, replacing: item, at: now, checksums: &checksums, in: db)
        } else if isBook {
            _ = try PlatformStore.appendDelete(.booking, id, location, at: now, in: db)
        }
    }
}

extension PlatformStore {
    public var events: EventIntake { EventIntake(database: database) }
}
