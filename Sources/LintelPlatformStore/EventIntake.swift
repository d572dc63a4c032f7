public import Foundation
import LintelPolicy
public import LintelWire

/// A device's outbox events, taken at most once by (device, sequence). The platform is
/// authoritative: each decision the panel allowed is decided again with the same rules
/// (`Policy.decide`) against the platform's world at the event's instant; if it still holds, its
/// effects (`ActionEffect`) are applied with their change-log entries, and if not, it is rejected
/// with the reason and the platform's own version goes into the change log, so the panel's next
/// pull corrects it. A batch is one write transaction: all of it or none.
public struct EventIntake: Sendable {
    let database: any PlatformDatabase

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

    public func receive(deviceId: String, events: [OutboxEvent], at now: Date) async throws -> Answer {
        try await database.writeWorld { world in
            let tx = world.transaction
            let reader = WorldReader(tx)
            var verdicts: [(Int64, Verdict)] = []
            for event in events.sorted(by: { $0.seq < $1.seq }) {
                if try tx.row("SELECT 1 FROM receipt WHERE deviceId = ? AND seq = ?", [deviceId, event.seq]) != nil {
                    verdicts.append((event.seq, .duplicate))
                    continue
                }
                let verdict = try take(event, reader: reader, at: now, in: world)
                var reason: String?
                if case .rejected(let code) = verdict { reason = code }
                try tx.execute(
                    "INSERT INTO receipt (deviceId, seq, status, reason, receivedAt) VALUES (?, ?, ?, ?, ?)",
                    [deviceId, event.seq, reason == nil ? "applied" : "rejected", reason, Millis.of(now)])
                verdicts.append((event.seq, verdict))
            }
            return Answer(verdicts: verdicts, acknowledgedThrough: try acknowledge(deviceId, in: tx))
        }
    }

    /// Moves the device's acknowledgement up through the receipts that follow it without a gap
    /// and keeps it, so the next batch starts from there instead of from the first receipt.
    private func acknowledge(_ deviceId: String, in tx: any SQLTransaction) throws -> Int64 {
        let kept = try tx.row("SELECT through FROM acknowledgement WHERE deviceId = ?", [deviceId])?.integer(0) ?? 0
        var through = kept
        for row in try tx.rows("SELECT seq FROM receipt WHERE deviceId = ? AND seq > ? ORDER BY seq", [deviceId, through]) {
            guard try row.integer(0) == through + 1 else { break }
            through += 1
        }
        if through != kept {
            try tx.execute(
                "INSERT INTO acknowledgement (deviceId, through) VALUES (?, ?) ON CONFLICT (deviceId) DO UPDATE SET through = excluded.through",
                [deviceId, through])
        }
        return through
    }

    /// Decides one event again and applies what it does.
    private func take(_ event: OutboxEvent, reader: WorldReader, at now: Date, in world: WorldWrite) throws -> Verdict {
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
        guard decision.isAllowed else {
            try correct(event, isBook: isBook, location: location, at: now, in: world)
            if case .deny(let reason, _) = decision { return .rejected(reason.rawValue) }
            return .rejected("denied")
        }
        let newId = event.bookingId ?? "bk-" + Secrets.randomToken(bytes: 12)
        for effect in ActionEffect.of(request, context: context, decision: decision, at: event.at, newBookingId: newId) {
            switch effect {
            case .booking(let booking):
                try reader.write(booking, at: now, in: world)
            case .hygiene(let hygiene):
                try reader.write(.hygiene, hygiene.spaceId, location, hygiene, at: now, in: world)
            }
        }
        return .applied
    }

    /// After a rejection, the platform's own version of what the panel changed goes into the
    /// change log (or, for a booking the panel made, its removal), so the panel's next pull
    /// replaces its local change.
    private func correct(_ event: OutboxEvent, isBook: Bool, location: String?, at now: Date, in world: WorldWrite) throws {
        guard let id = event.bookingId else { return }
        if let body = try world.transaction.row("SELECT body FROM item WHERE entity = 'booking' AND id = ?", [id])?.data(0) {
            try world.relog(WorldItem(entity: .booking, id: id, locationId: location, body: body), at: now)
        } else if isBook {
            try world.appendDelete(.booking, id, location, at: now)
        }
    }
}

extension PlatformStore {
    public var events: EventIntake { EventIntake(database: database) }
}
