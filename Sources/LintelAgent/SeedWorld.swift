public import Foundation
import LintelPolicy
public import LintelStore
public import LintelWire

/// The world a demo or test run starts from: a snapshot moved to today, with bookings placed
/// relative to the moment the agent starts, imported in one transaction (a bad seed leaves the
/// store as it was).
public enum SeedWorld {
    public static func load(_ seed: AgentConfig.Seed, at now: Date) throws -> Snapshot {
        guard let data = FileManager.default.contents(atPath: seed.snapshotPath) else {
            throw SeedError("\(seed.snapshotPath): cannot read the seed snapshot")
        }
        var snapshot = try SnapshotCoding.decode(data, file: seed.snapshotPath)
        if seed.rebaseToToday { snapshot = rebase(snapshot, to: now) }
        for live in seed.bookings {
            // Whole minutes place the booking on a minute boundary, as people book; other offsets are exact (tests).
            let exact = (now.timeIntervalSince1970 + Double(live.startsInSeconds)).rounded(.down)
            let start = Date(timeIntervalSince1970: live.startsInSeconds % 60 == 0 ? (exact / 60).rounded(.down) * 60 : exact)
            let end = start.addingTimeInterval(Double(live.minutes) * 60)
            guard snapshot.spaces.contains(where: { $0.id == live.spaceId }) else {
                throw SeedError("\(seed.snapshotPath): seed booking \(live.id) names space \"\(live.spaceId)\", which the snapshot does not have")
            }
            snapshot.bookings.removeAll { $0.id == live.id || ($0.spaceId == live.spaceId && $0.holdsSpace && $0.overlaps(from: start, to: end)) }
            snapshot.bookings.append(Booking(id: live.id, spaceId: live.spaceId, ownerId: live.ownerId, start: start, end: end, title: live.title,
                                             checkIn: live.checkedIn ? .checkedIn : .pending))
        }
        return snapshot
    }

    /// Moves every booking and hygiene change by whole days so that the snapshot's day becomes
    /// today, keeping each one's local wall-clock time in its location (DST-correct).
    public static func rebase(_ snapshot: Snapshot, to now: Date) -> Snapshot {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let days = utc.dateComponents([.day], from: utc.startOfDay(for: snapshot.generatedAt), to: utc.startOfDay(for: now)).day ?? 0
        guard days != 0 else { return snapshot }
        let locationOfArea = Dictionary(snapshot.areas.map { ($0.id, $0.locationId) }, uniquingKeysWith: { a, _ in a })
        let zoneOfLocation = Dictionary(snapshot.locations.map { ($0.id, TimeZone(identifier: $0.timeZone) ?? utc.timeZone) }, uniquingKeysWith: { a, _ in a })
        let zoneOfSpace = Dictionary(snapshot.spaces.map { ($0.id, locationOfArea[$0.areaId].flatMap { zoneOfLocation[$0] } ?? utc.timeZone) },
                                     uniquingKeysWith: { a, _ in a })
        func shifted(_ instant: Date, in zone: TimeZone) -> Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            return calendar.date(byAdding: .day, value: days, to: instant) ?? instant.addingTimeInterval(Double(days) * 86_400)
        }
        var moved = snapshot
        moved.generatedAt = snapshot.generatedAt.addingTimeInterval(Double(days) * 86_400)
        moved.bookings = snapshot.bookings.map { booking in
            var b = booking
            let zone = zoneOfSpace[b.spaceId] ?? utc.timeZone
            b.start = shifted(b.start, in: zone)
            b.end = shifted(b.end, in: zone)
            return b
        }
        moved.hygiene = snapshot.hygiene.map { hygiene in
            var h = hygiene
            h.since = shifted(h.since, in: zoneOfSpace[h.spaceId] ?? utc.timeZone)
            return h
        }
        return moved
    }
}
