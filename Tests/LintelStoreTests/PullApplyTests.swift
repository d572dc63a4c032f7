import Foundation
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

private func at(_ time: String) -> Date { Fixture.instant("2026-11-23T\(time):00+01:00") }

/// The demo world as the platform would send it, and answers built from it the way the platform
/// builds them: the checksum is that of the world after the answer.
private struct Platform {
    var world: Snapshot
    var seq: Int64 = 1

    init() throws { world = try SnapshotCoding.decode(TemporaryStore.demoWorldData()) }

    var checksum: ScopeChecksum { ScopeChecksum(try! WorldItem.items(of: world)) }

    func snapshot() -> PullAnswer {
        PullAnswer(kind: .snapshot, cursor: "v1.\(seq)", checksum: checksum, spaceId: "ams-r-tulip", snapshot: world, changes: [])
    }

    mutating func upsert(_ booking: Booking) -> PullAnswer {
        world.bookings.removeAll { $0.id == booking.id }
        world.bookings.append(booking)
        seq += 1
        return PullAnswer(kind: .delta, cursor: "v1.\(seq)", checksum: checksum, spaceId: "ams-r-tulip",
                          snapshot: nil, changes: [.init(entity: .booking, operation: .upsert, id: booking.id, value: .booking(booking))])
    }

    mutating func delete(booking id: String) -> PullAnswer {
        world.bookings.removeAll { $0.id == id }
        seq += 1
        return PullAnswer(kind: .delta, cursor: "v1.\(seq)", checksum: checksum, spaceId: "ams-r-tulip",
                          snapshot: nil, changes: [.init(entity: .booking, operation: .delete, id: id, value: nil)])
    }
}

private func meeting(_ id: String = "bk-sync", space: String = "ams-r-tulip", title: String = "Synced") -> Booking {
    var booking = Fixture.booking(id, space: space, owner: "u-bram", from: "2026-11-23T13:00:00+01:00", to: "2026-11-23T14:00:00+01:00")
    booking.title = title
    return booking
}

@Suite("Pull answers applied to the store")
struct PullApplyTests {
    @Test("A snapshot answer fills an empty store and keeps its cursor and checksum")
    func snapshotIntoEmptyStore() throws {
        let temporary = try TemporaryStore()
        let platform = try Platform()
        #expect(try temporary.store.syncPosition() == nil)
        let applied = try temporary.store.applyPull(platform.snapshot(), at: at("09:00"))
        #expect(applied.kind == .snapshot)
        #expect(applied.position.cursor == "v1.1")
        #expect(applied.position.checksum == platform.checksum)
        #expect(try temporary.store.stats().bookings == platform.world.bookings.count)
        #expect(try temporary.store.syncPosition()?.pulledAt == at("09:00"))
    }

    @Test("Deltas add, change and delete a booking, each with its cursor, and the store's checksum follows the platform's")
    func deltasFollowThePlatform() throws {
        let temporary = try TemporaryStore()
        var platform = try Platform()
        let store = temporary.store
        try store.applyPull(platform.snapshot(), at: at("09:00"))
        try store.applyPull(platform.upsert(meeting()), at: at("09:01"))
        #expect(try store.panelDay(spaceId: "ams-r-tulip", at: at("09:01"))?.bookings.contains { $0.id == "bk-sync" && $0.title == "Synced" } == true)
        try store.applyPull(platform.upsert(meeting(title: "Moved")), at: at("09:02"))
        #expect(try store.panelDay(spaceId: "ams-r-tulip", at: at("09:02"))?.bookings.first { $0.id == "bk-sync" }?.title == "Moved")
        let last = try store.applyPull(platform.delete(booking: "bk-sync"), at: at("09:03"))
        #expect(try store.panelDay(spaceId: "ams-r-tulip", at: at("09:03"))?.bookings.contains { $0.id == "bk-sync" } == false)
        #expect(last.position.cursor == "v1.4")
        #expect(try store.syncPosition()?.checksum == platform.checksum)
        #expect(try store.integrityCheck())
    }

    @Test("A refused answer leaves the store as it was: rows, cursor and checksum", arguments: ["checksum", "invalid", "no_base"])
    func refusedAnswerChangesNothing(_ reason: String) throws {
        let temporary = try TemporaryStore()
        var platform = try Platform()
        let store = temporary.store
        var answer: PullAnswer
        if reason != "no_base" { try store.applyPull(platform.snapshot(), at: at("09:00")) }
        switch reason {
        case "checksum":
            answer = platform.upsert(meeting())
            answer.checksum = ScopeChecksum(value: answer.checksum.value &+ 1)
        case "invalid":
            // A booking on a space the store does not have: the reference fails when the transaction ends.
            answer = platform.upsert(meeting(space: "no-such-space"))
        default:
            answer = platform.upsert(meeting())
        }
        let before = try store.syncPosition()
        let bookings = try store.stats().bookings
        #expect(throws: PullRejected.self) { try store.applyPull(answer, at: at("09:05")) }
        do {
            try store.applyPull(answer, at: at("09:05"))
        } catch let rejected as PullRejected {
            #expect(rejected.reason.rawValue == reason)
        }
        #expect(try store.syncPosition() == before)
        #expect(try store.stats().bookings == bookings)
        #expect(try store.integrityCheck())
    }

    @Test("An unpushed check-in survives a delta that carries the platform's older copy of its booking; once pushed, the platform's copy wins")
    func unpushedLocalChangeSurvives() throws {
        let temporary = try TemporaryStore()
        var platform = try Platform()
        let store = temporary.store
        try store.applyPull(platform.snapshot(), at: at("08:00"))
        var soon = Fixture.booking("bk-soon", space: "ams-r-tulip", owner: "u-bram", from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00")
        soon.title = "Soon"
        try store.applyPull(platform.upsert(soon), at: at("09:55"))
        let checkIn = try store.apply(DecisionRequest(actor: .user("u-bram"), action: .checkIn, spaceId: "ams-r-tulip", bookingId: "bk-soon"), at: at("09:58"))
        #expect(checkIn.decision.isAllowed)
        soon.title = "Soon, renamed on the platform"
        try store.applyPull(platform.upsert(soon), at: at("09:59"))
        let local = try #require(try store.panelDay(spaceId: "ams-r-tulip", at: at("09:59"))?.bookings.first { $0.id == "bk-soon" })
        #expect(local.checkIn == .checkedIn, "the panel's check-in is kept until the platform has it")
        try store.markPushed(through: checkIn.seq, at: at("10:00"))
        try store.applyPull(platform.upsert(soon), at: at("10:01"))
        let after = try #require(try store.panelDay(spaceId: "ams-r-tulip", at: at("10:01"))?.bookings.first { $0.id == "bk-soon" })
        #expect(after.title == "Soon, renamed on the platform")
        #expect(try store.outboxDepth() >= 0)
    }

    @Test("A snapshot into a store that holds the scope writes what differs: a changed item changes, a gone one goes, a panel booking the platform refused goes, an unpushed one stays — in one step or sixteen writes at a time",
          arguments: [Duration.milliseconds(3), .zero])
    func snapshotOverHeldScope(stepBudget: Duration) throws {
        let temporary = try TemporaryStore()
        var platform = try Platform()
        let store = temporary.store
        // A booking due at 12:00 that the panel checks in and the platform then renames.
        var due = Fixture.booking("bk-due", space: "ams-r-tulip", owner: "u-bram", from: "2026-11-23T12:00:00+01:00", to: "2026-11-23T12:45:00+01:00")
        due.title = "Due"
        platform.world.bookings.append(due)
        try store.applyPull(platform.snapshot(), at: at("08:00"))
        // Two walk-up bookings at the panel: the first pushed (and refused by the platform), the second not yet.
        let refused = try store.apply(DecisionRequest(actor: .anonymous, action: .book, spaceId: "ams-r-canal", end: at("12:30")), at: at("12:00"))
        try #require(refused.decision.isAllowed)
        try store.markPushed(through: refused.seq, at: at("12:01"))
        let checkIn = try store.apply(DecisionRequest(actor: .user("u-bram"), action: .checkIn, spaceId: "ams-r-tulip", bookingId: "bk-due"), at: at("12:01"))
        try #require(checkIn.decision.isAllowed)
        let unpushed = try store.apply(DecisionRequest(actor: .anonymous, action: .book, spaceId: "ams-r-board", end: at("12:30")), at: at("12:00"))
        try #require(unpushed.decision.isAllowed)
        // The platform meanwhile: one booking renamed, one gone, the checked-in one renamed too.
        let renamed = try #require(platform.world.bookings.first)
        for i in platform.world.bookings.indices { platform.world.bookings[i].title = i == 0 ? "Renamed on the platform" : "Renamed \(i)" }
        let gone = try #require(platform.world.bookings.dropLast().last)
        platform.world.bookings.removeAll { $0.id == gone.id }
        platform.world.bookings[platform.world.bookings.count - 1].title = "Due, renamed on the platform"
        platform.seq += 10
        var steps = 0
        let applied = try store.applyPull(platform.snapshot(), at: at("12:05"), stepBudget: stepBudget, afterStep: { _ in steps += 1 })
        if stepBudget == .zero { #expect(steps > 1, "written in steps") }
        #expect(applied.position.checksum == platform.checksum)
        let day = { (space: String) in try store.panelDay(spaceId: space, at: at("12:05"))?.bookings ?? [] }
        #expect(try day(renamed.spaceId).first { $0.id == renamed.id }?.title == "Renamed on the platform")
        #expect(try day(gone.spaceId).contains { $0.id == gone.id } == false)
        #expect(try day("ams-r-canal").contains { $0.id == refused.bookingId } == false, "refused by the platform: gone")
        #expect(try day("ams-r-board").contains { $0.id == unpushed.bookingId }, "not pushed yet: kept")
        let checkedIn = try #require(try day("ams-r-tulip").first { $0.id == "bk-due" })
        #expect(checkedIn.checkIn == .checkedIn && checkedIn.title == "Due", "the panel's check-in is kept until the platform has it")
        #expect(try store.integrityCheck())
        // And a store filled from the same snapshot at once holds the same platform rows.
        let fresh = try TemporaryStore()
        try fresh.store.applyPull(platform.snapshot(), at: at("12:05"))
        var held = try store.exportSnapshot(), whole = try fresh.store.exportSnapshot()
        held.bookings.removeAll { $0.id == unpushed.bookingId || $0.id == "bk-due" }
        whole.bookings.removeAll { $0.id == "bk-due" }
        held.generatedAt = whole.generatedAt
        #expect(try WorldItem.items(of: held).map(\.body) == WorldItem.items(of: whole).map(\.body))
    }

    /// The demo world held, then changed on the platform the way a long absence changes it: a
    /// new room with bookings, a room gone with its bookings, many bookings renamed.
    private func heldWorldChanged() throws -> (TemporaryStore, Platform) {
        let temporary = try TemporaryStore()
        var platform = try Platform()
        try temporary.store.applyPull(platform.snapshot(), at: at("08:00"))
        var added = try #require(platform.world.spaces.first { $0.id == "ams-r-canal" })
        added.id = "ams-r-new"
        added.name = "New room"
        platform.world.spaces.append(added)
        let booked = Set(platform.world.bookings.map(\.spaceId))
        let goneSpace = try #require(platform.world.spaces.first { $0.id != "ams-r-tulip" && $0.id != "ams-r-canal" && booked.contains($0.id) })
        platform.world.spaces.removeAll { $0.id == goneSpace.id }
        platform.world.bookings.removeAll { $0.spaceId == goneSpace.id }
        platform.world.hygiene.removeAll { $0.spaceId == goneSpace.id }
        for i in platform.world.bookings.indices { platform.world.bookings[i].title = "Renamed \(i)" }
        for hour in 0..<40 {
            platform.world.bookings.append(Fixture.booking("bk-new-\(hour)", space: "ams-r-new", owner: "u-bram",
                                                           from: "2026-11-\(24 + hour / 10)T\(String(format: "%02d", 8 + hour % 10)):00:00+01:00",
                                                           to: "2026-11-\(24 + hour / 10)T\(String(format: "%02d", 8 + hour % 10)):30:00+01:00"))
        }
        platform.seq += 10
        return (temporary, platform)
    }

    @Test("A snapshot over a held scope is written in steps, each a transaction after which every reference holds; it ends with the rows a single apply gives")
    func snapshotInSteps() throws {
        let (temporary, platform) = try heldWorldChanged()
        let store = temporary.store
        var steps: [Int] = []
        let observe: (Int) throws -> Void = { done in
            steps.append(done)
            let holds = try store.referencesHold(), unfinished = try store.syncPosition()?.isUnfinished
            #expect(holds, "after \(done) writes")
            #expect(unfinished == true, "until the last step the position says unfinished")
        }
        let applied = try store.applyPull(platform.snapshot(), at: at("12:05"), stepBudget: .zero, afterStep: observe)
        #expect(steps.count > 2, "a zero budget writes the bookings sixteen at a time: \(steps)")
        #expect(applied.position.checksum == platform.checksum)
        #expect(try store.syncPosition()?.isUnfinished == false)
        #expect(try store.integrityCheck())
        #expect(try store.referencesHold())
        let fresh = try TemporaryStore()
        try fresh.store.applyPull(platform.snapshot(), at: at("12:05"))
        var held = try store.exportSnapshot(), whole = try fresh.store.exportSnapshot()
        held.generatedAt = whole.generatedAt
        #expect(try WorldItem.items(of: held).map(\.body) == WorldItem.items(of: whole).map(\.body))
    }

    @Test("A snapshot apply stopped part-way (a crash) leaves a consistent store that asks for a fresh snapshot: a delta is refused, the next snapshot heals it")
    func snapshotStoppedPartWay() throws {
        struct Crash: Error {}
        var (temporary, platform) = try heldWorldChanged()
        let store = temporary.store
        let crash: (Int) throws -> Void = { done in if done > 20 { throw Crash() } }
        #expect(throws: Crash.self) { try store.applyPull(platform.snapshot(), at: at("12:05"), stepBudget: .zero, afterStep: crash) }
        #expect(try store.integrityCheck())
        #expect(try store.referencesHold())
        #expect(try store.syncPosition()?.isUnfinished == true)
        let delta = platform.upsert(meeting())
        do {
            try store.applyPull(delta, at: at("12:06"))
            Issue.record("a delta over an unfinished snapshot was applied")
        } catch let rejected as PullRejected {
            #expect(rejected.reason == .noBase)
        }
        let healed = try store.applyPull(platform.snapshot(), at: at("12:07"))
        #expect(healed.position.checksum == platform.checksum)
        #expect(try store.syncPosition()?.isUnfinished == false)
    }

    @Test("A file import forgets the platform's cursor: the next pull takes a snapshot")
    func importForgetsCursor() throws {
        let temporary = try TemporaryStore()
        let platform = try Platform()
        try temporary.store.applyPull(platform.snapshot(), at: at("09:00"))
        try temporary.store.importSnapshot(json: try TemporaryStore.demoWorldData())
        #expect(try temporary.store.syncPosition() == nil)
    }
}

struct BadAnswer: Sendable, CustomTestStringConvertible {
    let rule: String
    let json: String
    let path: String
    var testDescription: String { rule }
}

@Suite("Pull answers read strictly")
struct PullAnswerDecodingTests {
    static let upsertHead = #"{"kind":"delta","cursor":"v1.2","checksum":"00000000000000ff","spaceId":"ams-r-tulip","changes":["#

    @Test("A bad pull answer is refused with the JSON path it failed at", arguments: [
        BadAnswer(rule: "truncated mid-stream", json: #"{"kind":"delta","cursor":"v1.2","checksum":"00000000000000ff","changes":[{"entity":"booking""#, path: "$"),
        BadAnswer(rule: "malformed JSON", json: #"{"kind":"delta",,}"#, path: "$"),
        BadAnswer(rule: "a valid body of the wrong schema", json: #"{"hello":"world"}"#, path: "$.hello"),
        BadAnswer(rule: "a checksum that is not sixteen hex digits", json: #"{"kind":"delta","cursor":"v1.2","checksum":"xyz","changes":[]}"#, path: "$.checksum"),
        BadAnswer(rule: "a change of an unknown entity", json: upsertHead + #"{"entity":"spaceship","op":"delete","id":"x"}]}"#, path: "$.changes[0].entity"),
        BadAnswer(rule: "an upsert without its body", json: upsertHead + #"{"entity":"booking","op":"upsert","id":"bk-1"}]}"#, path: "$.changes[0]"),
        BadAnswer(rule: "a body that names another item", json: upsertHead
            + #"{"entity":"visa","op":"upsert","id":"v-1","body":{"id":"v-2","name":"Forklift"}}]}"#, path: "$.changes[0].id"),
        BadAnswer(rule: "a snapshot answer without its snapshot", json: #"{"kind":"snapshot","cursor":"v1.2","checksum":"00000000000000ff"}"#, path: "$"),
    ])
    func refused(_ bad: BadAnswer) throws {
        do {
            _ = try PullAnswer.decode(Data(bad.json.utf8), source: "pull answer")
            Issue.record("accepted: \(bad.json)")
        } catch {
            #expect(error.file == "pull answer")
            #expect(error.path.hasPrefix(bad.path), "path \(error.path) for \(bad.rule): \(error.description)")
        }
    }

    @Test("A platform delta reads back to the same item bodies (the checksum's bytes)")
    func bodiesRoundTrip() throws {
        let world = try SnapshotCoding.decode(TemporaryStore.demoWorldData())
        for item in try WorldItem.items(of: world) {
            let json = Self.upsertHead + #"{"entity":"\#(item.entity.rawValue)","op":"upsert","id":\#(String(decoding: try JSONEncoder().encode(item.id), as: UTF8.self)),"body":\#(String(decoding: item.body, as: UTF8.self))}]}"#
            let answer = try PullAnswer.decode(Data(json.utf8))
            let value = try #require(answer.changes.first?.value)
            #expect(try value.body() == item.body, "\(item.entity) \(item.id)")
        }
    }
}
