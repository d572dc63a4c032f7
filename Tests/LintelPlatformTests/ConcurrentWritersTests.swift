import Foundation
import LintelPlatformCore
import LintelPlatformStore
import LintelWire
import Synchronization
import Testing

/// Several instances writing one storage at once, as a fleet's `lintel-platform` instances do.
@Suite("Concurrent writers: the change log is in commit order without gaps, and every instance hears of every commit")
struct ConcurrentWritersTests {
    let now = ISO8601.parse("2026-11-23T07:30:00Z")!

    /// Bookings of five minutes each from 15:00 Amsterdam time on, in the Tulip and Canal rooms, none overlapping.
    func slot(_ index: Int) -> (space: String, start: Date, end: Date) {
        let base = ISO8601.parse("2026-11-23T14:00:00Z")!
        let start = base.addingTimeInterval(Double(index / 2) * 300)
        return (index % 2 == 0 ? "ams-r-tulip" : "ams-r-canal", start, start.addingTimeInterval(300))
    }

    @Test("Six writers on two instances and a reader pulling all along: the reader never sees a gap", arguments: StorageKind.available)
    func noGapsUnderConcurrentCommits(_ storage: StorageKind) async throws {
        let first = try await TemporaryPlatform.make(storage)
        let imported = try await first.store.importWorld(try TemporaryPlatform.demoWorld(), at: now)
        let second = try await first.secondInstance()
        let instances = [first.store, second]
        let perWriter = 8, writers = 6
        let finished = Flag()
        let writing = Task {
            defer { finished.set() }
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<writers {
                    group.addTask { [self] in
                        var made = 0
                        for n in 0..<perWriter {
                            let (space, start, end) = slot(writer * perWriter + n)
                            _ = try await instances[writer % 2].bookings.add(
                                spaceId: space, ownerId: "u-bram", start: start, end: end, title: "w\(writer) n\(n)", at: now)
                            made += 1
                        }
                        return made
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        var cursor = imported.lastSeq
        var reads = 0
        var gaps: [String] = []
        while true {
            let done = finished.isSet
            let (last, seqs) = try await instances[reads % 2].changeSeqs(after: cursor)
            if seqs != Array(stride(from: cursor + 1, through: last, by: 1)) {
                gaps.append("after \(cursor) up to \(last): \(seqs)")
            }
            cursor = last
            reads += 1
            if done { break }
        }
        let made = try await writing.value
        #expect(gaps.isEmpty, "\(gaps.prefix(3))")
        #expect(made == writers * perWriter)
        #expect(cursor == imported.lastSeq + Int64(made), "one change per booking, numbered one after another")
        #expect(reads > 1)
        await second.database.close()
    }

    @Test("A booking made through one instance reaches the other instance's notices (within 2 s), for its location only",
          arguments: StorageKind.available)
    func noticeReachesTheOtherInstance(_ storage: StorageKind) async throws {
        let first = try await TemporaryPlatform.make(storage)
        try await first.store.importWorld(try TemporaryPlatform.demoWorld(), at: now)
        let second = try await first.secondInstance()
        let notices = first.store.database.changeNotices()
        let booking = try await second.bookings.add(
            spaceId: "ams-r-tulip", ownerId: "u-bram", start: slot(0).start, end: slot(0).end, title: "from B", at: now)
        let notice = try await Self.first(of: notices, within: .seconds(2))
        #expect(notice.concerns(locationId: "loc-ams"))
        #expect(!notice.concerns(locationId: "loc-nyc"), "New York's panels are not poked for an Amsterdam booking")
        guard case .delta(let cursor, _, let changes) = try await first.store.pull(DeviceScope(locationId: "loc-ams"), after: notice.seq - 1, at: now)
        else {
            Issue.record("no delta at the notice's sequence")
            return
        }
        #expect(cursor == notice.seq && changes.map(\.logId) == [booking.id])
        await second.database.close()
    }

    static func first(of stream: AsyncStream<ChangeNotice>, within limit: Duration) async throws -> ChangeNotice {
        try await withThrowingTaskGroup(of: ChangeNotice?.self) { group in
            group.addTask {
                for await notice in stream { return notice }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let notice = try await group.next() ?? nil else { throw TimeoutError() }
            return notice
        }
    }

    struct TimeoutError: Error {}

    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }
}
