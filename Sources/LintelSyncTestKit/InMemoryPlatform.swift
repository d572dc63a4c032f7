public import Foundation
public import LintelSync
public import LintelWire
import Synchronization

/// A platform in memory, for unit tests of the sync: pull answers the test queues, pushes it
/// records (each sequence applied once, as the real platform's receipts do), pokes it sends, and a
/// switch that makes every request fail as if the platform were down.
public final class InMemoryPlatform: PlatformClient {
    private struct State {
        var answers: [PullResult] = []
        var received: [Int64: OutboxEvent] = [:]
        var duplicates = 0
        var down = false
        var pulls = 0
        var pushes = 0
        var pokers: [@Sendable () -> Void] = []
        var credential = DeviceCredential(deviceId: "dev-memory", credential: "memory-credential-0123456789", spaceId: "room-1")
        var approved = true
    }

    private let state = Mutex(State())

    public init() {}

    /// Answers the next pulls give, in order; `.unchanged` once they run out.
    public func queue(_ result: PullResult) { state.withLock { $0.answers.append(result) } }

    /// While down, every request fails as unreachable.
    public func setDown(_ down: Bool) { state.withLock { $0.down = down } }

    /// Sends "pull" to every open poke socket.
    public func poke() { for poker in state.withLock({ $0.pokers }) { poker() } }

    /// Every event received, by sequence, once.
    public var received: [Int64: OutboxEvent] { state.withLock { $0.received } }
    public var duplicates: Int { state.withLock { $0.duplicates } }
    public var pulls: Int { state.withLock { $0.pulls } }
    public var pushes: Int { state.withLock { $0.pushes } }

    private func checkUp() throws(PlatformFailure) {
        if state.withLock({ $0.down }) { throw .unreachable("the in-memory platform is down") }
    }

    public func startEnrolment(hardware: String, agentVersion: String) async throws(PlatformFailure) -> Enrolment {
        try checkUp()
        return Enrolment(deviceCode: "device-code-0123456789", userCode: "ABCD-EFGH", verificationUri: "http://platform/pair",
                         verificationUriComplete: "http://platform/pair?code=ABCD-EFGH", expiresIn: 600, interval: 1)
    }

    public func pollEnrolment(deviceCode: String) async throws(PlatformFailure) -> DeviceCredential? {
        try checkUp()
        return state.withLock { $0.approved ? $0.credential : nil }
    }

    public func pull(cursor: String?, etag: String?, credential: String) async throws(PlatformFailure) -> PullResult {
        try checkUp()
        return state.withLock { s in
            s.pulls += 1
            return s.answers.isEmpty ? .unchanged : s.answers.removeFirst()
        }
    }

    public func push(_ batch: EventBatch, credential: String) async throws(PlatformFailure) -> EventVerdicts {
        try checkUp()
        return state.withLock { s in
            s.pushes += 1
            var results: [EventVerdicts.Verdict] = []
            for event in batch.events {
                if s.received[event.seq] == nil {
                    s.received[event.seq] = event
                    results.append(.init(seq: event.seq, status: .applied))
                } else {
                    s.duplicates += 1
                    results.append(.init(seq: event.seq, status: .duplicate))
                }
            }
            var through: Int64 = 0
            while s.received[through + 1] != nil { through += 1 }
            return EventVerdicts(acknowledgedThrough: through, results: results)
        }
    }

    public func heartbeat(_ beat: Heartbeat, credential: String) async throws(PlatformFailure) {
        try checkUp()
    }

    public func listenForPokes(credential: String, onOpen: @escaping @Sendable () -> Void, onPoke: @escaping @Sendable () -> Void) async throws(PlatformFailure) {
        try checkUp()
        state.withLock { $0.pokers.append(onPoke) }
        onOpen()
        while !Task.isCancelled, !state.withLock({ $0.down }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        throw .unreachable("the in-memory platform went down")
    }
}
