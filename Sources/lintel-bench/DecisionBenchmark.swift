import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit

/// Measures decisions end to end (store reads + policy) on a large generated organisation.
struct DecisionBenchmark {
    let users: Int
    let spaces: Int
    let bookings: Int
    let decisions: Int

    struct Figures {
        var importSeconds: Double
        /// The bench world as snapshot JSON, and reading it back: the RFC 8259 scan, strict decoding
        /// and every validator rule (what `lintel store import` does before it writes).
        var snapshotBytes: Int
        var decodeSeconds: Double
        var storeBytes: Int
        var p50: Double
        /// The median of the per-pass p99s: one burst of host noise spoils one pass, not the figure.
        var p99: Double
        /// The p99 over all decisions of all passes together.
        var pooledP99: Double
        var passP99s: [Double]
        var max: Double
        var allowedShare: Double
    }

    func run(in folder: URL) throws -> Figures {
        let reference = ISO8601.parse("2026-11-23T09:00:00Z")!
        let snapshot = SyntheticWorld.snapshot(users: users, spaces: spaces, bookings: bookings, around: reference)
        let json = try SnapshotCoding.encode(snapshot)
        let decodeStart = DispatchTime.now()
        _ = try SnapshotCoding.decode(json)
        let decodeSeconds = Double(DispatchTime.now().uptimeNanoseconds - decodeStart.uptimeNanoseconds) / 1e9
        let path = folder.appendingPathComponent("bench.sqlite").path
        let store = try AuthStore(path: path)
        let importStart = DispatchTime.now()
        try store.importSnapshot(snapshot)
        let importSeconds = Double(DispatchTime.now().uptimeNanoseconds - importStart.uptimeNanoseconds) / 1e9
        let storeBytes = try store.stats().databaseBytes

        var random = SplitMix64(seed: 7)
        let requests = (0..<(decisions + 1_000)).map { _ in request(&random, snapshot: snapshot, reference: reference) }
        var samples: [Double] = []
        samples.reserveCapacity(decisions)
        var byAction: [String: [Double]] = [:]
        var allowed = 0
        for (i, (request, at)) in requests.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            let (decision, _) = try store.decide(request, at: at)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000
            if i >= 1_000 { // the first thousand warm the caches
                samples.append(elapsed)
                byAction[request.action.rawValue, default: []].append(elapsed)
                if decision.isAllowed { allowed += 1 }
            }
        }
        let samplesInOrder = samples
        let passes = 5
        let perPass = samplesInOrder.count / passes
        let passStats = (0..<passes).map { pass -> (p50: Double, p99: Double) in
            let part = samplesInOrder[(pass * perPass)..<((pass + 1) * perPass)].sorted()
            return (part[part.count / 2], part[part.count * 99 / 100])
        }
        samples.sort()
        if ProcessInfo.processInfo.environment["LINTEL_BENCH_DETAIL"] != nil {
            for (action, values) in byAction.sorted(by: { $0.key < $1.key }) {
                let sorted = values.sorted()
                FileHandle.standardError.write(Data("\(action): n=\(sorted.count) p50=\(sorted[sorted.count / 2]) p99=\(sorted[sorted.count * 99 / 100])\n".utf8))
            }
            let marks = [0.5, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999].map { "p\($0 * 100)=\(samples[Int(Double(samples.count) * $0)])" }
            FileHandle.standardError.write(Data("all: \(marks.joined(separator: " "))\n".utf8))
            let quarters = (0..<4).map { q -> String in
                let part = Array(samplesInOrder[(q * samplesInOrder.count / 4)..<((q + 1) * samplesInOrder.count / 4)]).sorted()
                return "q\(q + 1) p99=\(part[part.count * 99 / 100])"
            }
            FileHandle.standardError.write(Data("over time: \(quarters.joined(separator: " "))\n".utf8))
        }
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        let medianOf = { (values: [Double]) in values.sorted()[values.count / 2] }
        return Figures(importSeconds: importSeconds, snapshotBytes: json.count, decodeSeconds: decodeSeconds, storeBytes: storeBytes, p50: medianOf(passStats.map(\.p50)),
                       p99: medianOf(passStats.map(\.p99)), pooledP99: percentile(0.99), passP99s: passStats.map(\.p99),
                       max: samples.last ?? 0, allowedShare: Double(allowed) / Double(max(1, samples.count)))
    }

    /// A realistic mix: panel check-ins and releases, bookings now and ahead, extensions, cleaning.
    private func request(_ random: inout SplitMix64, snapshot: Snapshot, reference: Date) -> (DecisionRequest, Date) {
        let space = snapshot.spaces[Int(random.next() % UInt64(snapshot.spaces.count))]
        let user = snapshot.users[Int(random.next() % UInt64(snapshot.users.count))]
        let at = reference.addingTimeInterval(Double(random.next() % (8 * 3600)))
        let actor: ActorReference = random.next() % 4 == 0 ? .badge(String(format: "B%07d", Int(random.next() % UInt64(snapshot.users.count)) / 2 * 2))
            : random.next() % 5 == 0 ? .anonymous : .user(user.id)
        switch random.next() % 10 {
        case 0, 1, 2:
            let start = at.addingTimeInterval(Double(random.next() % (3 * 86_400)))
            return (DecisionRequest(actor: actor, action: .book, spaceId: space.id, start: start,
                                    end: start.addingTimeInterval(Double(30 + random.next() % 120) * 60),
                                    recurring: random.next() % 8 == 0), at)
        case 3:
            return (DecisionRequest(actor: actor, action: .book, spaceId: space.id, end: at.addingTimeInterval(1800)), at)
        case 4, 5:
            return (DecisionRequest(actor: actor, action: .checkIn, spaceId: space.id), at)
        case 6:
            return (DecisionRequest(actor: .system, action: .autoRelease, spaceId: space.id), at)
        case 7:
            return (DecisionRequest(actor: actor, action: .extend, spaceId: space.id, end: at.addingTimeInterval(3600)), at)
        case 8:
            let booking = snapshot.bookings[Int(random.next() % UInt64(snapshot.bookings.count))]
            return (DecisionRequest(actor: .user(booking.ownerId ?? user.id), action: .cancel, spaceId: booking.spaceId, bookingId: booking.id), at)
        default:
            return (DecisionRequest(actor: actor, action: .markClean, spaceId: space.id), at)
        }
    }
}
