import Foundation
import LintelSync
import Testing

private let t0 = Date(timeIntervalSince1970: 1_796_000_000)

/// A machine past its first pull, online, socket open.
private func onlineMachine(_ settings: SyncMachine.Settings = SyncMachine.Settings()) -> SyncMachine {
    var m = SyncMachine(settings: settings)
    _ = m.handle(.started(hasCredential: true), at: t0)
    _ = m.handle(.socket(open: true), at: t0)
    _ = m.handle(.pulled, at: t0)
    _ = m.handle(.pushed(remaining: 0, progressed: true), at: t0)
    _ = m.handle(.heartbeatDone, at: t0)
    return m
}

private func isWake(_ actions: [SyncMachine.Action]) -> Date? {
    if case .wake(let at)? = actions.first, actions.count == 1 { return at }
    return nil
}

struct MachineStep: Sendable, CustomTestStringConvertible {
    let rule: String
    let events: [SyncMachine.Event]
    let expected: [SyncMachine.Action]
    var testDescription: String { rule }
}

@Suite("Sync machine")
struct SyncMachineTests {
    @Test("What the machine does next", arguments: [
        MachineStep(rule: "a panel without a credential pairs first", events: [], expected: [.enrol]),
        MachineStep(rule: "a poke asks for a pull at once", events: [.poked], expected: [.pull(fresh: false)]),
        MachineStep(rule: "the outbox growing asks for a push", events: [.journaled], expected: [.push]),
        MachineStep(rule: "a checksum mismatch takes a fresh snapshot at once", events: [.poked, .snapshotNeeded], expected: [.pull(fresh: true)]),
        MachineStep(rule: "a revoked credential is forgotten (back to pairing)", events: [.poked, .pullFailed(.revoked)], expected: [.forgetCredential]),
        MachineStep(rule: "a socket that opens again pulls what it may have missed", events: [.socket(open: false), .socket(open: true)],
                    expected: [.pull(fresh: false)]),
    ])
    func next(_ step: MachineStep) {
        var m = step.rule.hasPrefix("a panel without") ? SyncMachine() : onlineMachine()
        var last: [SyncMachine.Action] = step.rule.hasPrefix("a panel without") ? m.handle(.started(hasCredential: false), at: t0) : []
        for event in step.events { last = m.handle(event, at: t0) }
        #expect(last == step.expected)
    }

    @Test("Two missed pulls in a row make the panel offline; a pull that succeeds makes it online again")
    func offlineAfterTwoMissedPulls() {
        var m = onlineMachine()
        _ = m.handle(.poked, at: t0)
        _ = m.handle(.pullFailed(.unreachable("refused")), at: t0)
        #expect(m.phase == .backingOff)
        #expect(!m.offline)
        _ = m.handle(.timer, at: t0.addingTimeInterval(10))
        _ = m.handle(.pullFailed(.unreachable("refused")), at: t0.addingTimeInterval(10))
        #expect(m.phase == .offline)
        #expect(m.offline)
        _ = m.handle(.timer, at: t0.addingTimeInterval(30))
        _ = m.handle(.pulled, at: t0.addingTimeInterval(30))
        #expect(m.phase == .online)
        #expect(m.missedPulls == 0)
    }

    @Test("Retry-After is honoured: no request before it says", arguments: [2.0, 30.0, 600.0])
    func retryAfterHonoured(_ seconds: Double) throws {
        var m = onlineMachine()
        _ = m.handle(.journaled, at: t0)
        let actions = m.handle(.pushFailed(.status(503, code: nil, retryAfter: seconds)), at: t0)
        let wake = try #require(isWake(actions))
        #expect(wake == t0.addingTimeInterval(seconds))
        // A poke before then waits too.
        #expect(isWake(m.handle(.poked, at: t0.addingTimeInterval(seconds - 1))) == wake)
        #expect(m.handle(.timer, at: wake) == [.pull(fresh: false)])
    }

    @Test("Backoff doubles with each failure in a row, with jitter of 0.5–1.5×, up to the cap")
    func exponentialBackoff() throws {
        var settings = SyncMachine.Settings()
        settings.backoffBase = 1
        settings.backoffCap = 60
        var m = onlineMachine(settings)
        var now = t0
        var delays: [Double] = []
        _ = m.handle(.journaled, at: now)
        for _ in 0..<10 {
            let wake = try #require(isWake(m.handle(.pushFailed(.status(500, code: nil, retryAfter: nil)), at: now)))
            delays.append(wake.timeIntervalSince(now))
            now = wake
            let again = m.handle(.timer, at: now)
            #expect(again == [.pull(fresh: false)] || again == [.push])
            if again == [.pull(fresh: false)] { _ = m.handle(.pulled, at: now) }
        }
        for (index, delay) in delays.enumerated() {
            let nominal = min(60, pow(2, Double(index)))
            #expect(delay >= nominal * 0.5 && delay <= nominal * 1.5, "failure \(index + 1): \(delay) s")
        }
        #expect(delays.last! <= 90)
    }

    @Test("While the socket is down, pulls come every poll interval ±20%; while it is up, every reconcile interval")
    func pollingWithJitter() throws {
        var settings = SyncMachine.Settings()
        settings.pollInterval = 30
        settings.reconcileInterval = 300
        settings.heartbeatInterval = 10_000
        var m = onlineMachine(settings)
        _ = m.handle(.socket(open: false), at: t0)
        let down = try #require(isWake(m.handle(.timer, at: t0)))
        #expect(down.timeIntervalSince(t0) >= 24 && down.timeIntervalSince(t0) <= 36)
        #expect(m.handle(.timer, at: down) == [.pull(fresh: false)])
        _ = m.handle(.socket(open: true), at: down)
        _ = m.handle(.pulled, at: down)
        let up = try #require(isWake(m.handle(.timer, at: down)))
        #expect(up.timeIntervalSince(down) >= 240 && up.timeIntervalSince(down) <= 360)
    }

    @Test("A socket that keeps failing does not put the next poll off: pulls still come every poll interval")
    func failingSocketKeepsPolling() throws {
        var settings = SyncMachine.Settings()
        settings.pollInterval = 2
        settings.heartbeatInterval = 10_000
        var m = onlineMachine(settings)
        _ = m.handle(.socket(open: false), at: t0)
        let due = try #require(isWake(m.handle(.timer, at: t0)))
        // The socket is tried again and fails, again and again, before the poll is due.
        for k in 1...5 { _ = m.handle(.socket(open: false), at: t0.addingTimeInterval(Double(k) * 0.3)) }
        #expect(isWake(m.handle(.timer, at: t0.addingTimeInterval(1.5))) == due)
        #expect(m.handle(.timer, at: due) == [.pull(fresh: false)])
    }

    @Test("A push the platform acknowledged nothing of waits instead of repeating at once")
    func noProgressWaits() throws {
        var m = onlineMachine()
        _ = m.handle(.journaled, at: t0)
        let wake = try #require(isWake(m.handle(.pushed(remaining: 5, progressed: false), at: t0)))
        #expect(wake > t0)
    }

    @Test("Pairing gives a credential: the first pull takes a whole snapshot's place, then the outbox is pushed")
    func enrolledStartsSyncing() {
        var m = SyncMachine()
        #expect(m.handle(.started(hasCredential: false), at: t0) == [.enrol])
        #expect(m.phase == .enrolling)
        #expect(m.handle(.enrolled, at: t0) == [.pull(fresh: false)])
        #expect(m.handle(.pulled, at: t0) == [.push])
    }

    @Test("What the panel shows changed: a heartbeat soon, not at the minute's interval, but at most one every 5 s")
    func panelChangeSendsHeartbeatSoon() {
        var m = onlineMachine()
        #expect(isWake(m.handle(.panelChanged, at: t0.addingTimeInterval(2))) == t0.addingTimeInterval(5), "5 s after the last one")
        #expect(m.handle(.timer, at: t0.addingTimeInterval(5)) == [.heartbeat])
        _ = m.handle(.heartbeatDone, at: t0.addingTimeInterval(5))
        #expect(isWake(m.handle(.panelChanged, at: t0.addingTimeInterval(6))) == t0.addingTimeInterval(10))
        #expect(isWake(m.handle(.timer, at: t0.addingTimeInterval(7))) == t0.addingTimeInterval(10), "nothing before then")
    }
}
