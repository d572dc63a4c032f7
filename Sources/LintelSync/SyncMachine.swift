public import Foundation

/// The sync's decisions, pure: from what happened (a poke, a timer, a pull's or push's outcome)
/// to what to do next (pull, push, heartbeat, enrol, wait until). One operation at a time; the
/// caller performs it and feeds the outcome back. Pulls come first after a poke, pushes drain the
/// outbox in order, failures back off exponentially with jitter (or as long as `Retry-After`
/// says), and two missed pulls in a row make the panel offline.
public struct SyncMachine: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Seconds between pulls while the poke socket is down (each ±20%).
        public var pollInterval: Double = 30
        /// Seconds between reconciling pulls while the socket is up (each ±20%).
        public var reconcileInterval: Double = 300
        /// The first retry after a failure, doubling with each failure in a row, up to `backoffCap` (each 0.5–1.5×).
        public var backoffBase: Double = 1
        public var backoffCap: Double = 120
        /// Missed pulls in a row before the panel counts as offline (and shows its note).
        public var missedPullsBeforeOffline = 2
        public var heartbeatInterval: Double = 60

        public init() {}
    }

    public enum Phase: String, Sendable, CaseIterable {
        /// No credential: the panel shows its pairing code and waits for a technician.
        case enrolling
        /// A credential, no answer from the platform yet.
        case enrolled
        case online
        /// A request failed; waiting to try again.
        case backingOff = "backing_off"
        /// Missed pulls in a row: the panel shows its note with the data's age.
        case offline
        /// The platform refused the credential: back to pairing, the outbox kept.
        case revoked
    }

    public enum Event: Sendable, Equatable {
        case started(hasCredential: Bool)
        /// Pairing gave a credential.
        case enrolled
        case poked
        case socket(open: Bool)
        /// The outbox grew.
        case journaled
        /// A wake asked for came.
        case timer
        case pulled
        case pullFailed(PlatformFailure)
        /// The answer did not match the platform's checksum (or came without a base): take a snapshot.
        case snapshotNeeded
        /// A batch went through; `remaining` events still wait.
        case pushed(remaining: Int, progressed: Bool)
        case pushFailed(PlatformFailure)
        case heartbeatDone
        /// What the panel shows changed: the platform hears it with the next heartbeat, sent
        /// soon (at most one every `heartbeatMinimumGap` seconds) rather than at the interval.
        case panelChanged
    }

    public enum Action: Sendable, Equatable {
        /// Start pairing (show a code, poll for the approval).
        case enrol
        /// Pull; `fresh` without a cursor (a snapshot).
        case pull(fresh: Bool)
        /// Push the next batch of the outbox.
        case push
        case heartbeat
        /// Forget the credential: it was revoked. The outbox stays.
        case forgetCredential
        /// Send `.timer` at this instant.
        case wake(at: Date)
    }

    public let settings: Settings
    public private(set) var phase: Phase = .enrolled
    /// Failures in a row (of any request).
    public private(set) var failures = 0
    /// Pulls missed in a row.
    public private(set) var missedPulls = 0
    /// The reason of the last failure, while it lasts.
    public private(set) var lastFailure: String?
    public private(set) var socketOpen = false
    private var pullWanted = true
    private var freshWanted = false
    private var pushWanted = true
    private var nextPoll: Date?
    private var nextHeartbeat: Date?
    private var lastHeartbeat: Date?
    /// The least time between two heartbeats when the panel keeps changing.
    public static let heartbeatMinimumGap: Double = 5
    private var retryAt: Date?
    private var random: SplitMix64

    public init(settings: Settings = Settings(), seed: UInt64 = 0x5EED) {
        self.settings = settings
        random = SplitMix64(seed: seed)
    }

    /// Whether the panel should show itself offline.
    public var offline: Bool { phase == .offline }

    public mutating func handle(_ event: Event, at now: Date) -> [Action] {
        switch event {
        case .started(let hasCredential):
            guard hasCredential else {
                phase = .enrolling
                return [.enrol]
            }
            phase = .enrolled
        case .enrolled:
            phase = .enrolled
            failures = 0
            retryAt = nil
            pullWanted = true
            pushWanted = true
        case .poked:
            pullWanted = true
        case .socket(let open):
            let changed = socketOpen != open
            socketOpen = open
            if open {
                // A socket that just opened may have missed pokes while it was down.
                pullWanted = true
            } else if changed {
                // Polling from now on: no later than a poll interval from here, however often the socket fails again.
                let poll = now.addingTimeInterval(jittered(settings.pollInterval, spread: 0.2))
                nextPoll = min(nextPoll ?? poll, poll)
            }
        case .journaled:
            pushWanted = true
        case .timer:
            break
        case .pulled:
            succeeded()
            missedPulls = 0
            phase = .online
            nextPoll = now.addingTimeInterval(jittered(socketOpen ? settings.reconcileInterval : settings.pollInterval, spread: 0.2))
        case .pullFailed(let failure):
            if failure == .revoked { return revoke() }
            missedPulls += 1
            pullWanted = true
            failed(failure, at: now)
        case .snapshotNeeded:
            freshWanted = true
            pullWanted = true
            // Once at once; a second mismatch in a row waits like any failure.
            failures += 1
            lastFailure = "checksum"
            if failures > 1 { retryAt = now.addingTimeInterval(backoff(nil)) }
        case .pushed(let remaining, let progressed):
            if progressed {
                succeeded()
                if phase != .online && missedPulls == 0 { phase = .online }
                pushWanted = remaining > 0
            } else {
                // The platform took nothing of a non-empty batch: wait as after a failure, not in a tight loop.
                pushWanted = remaining > 0
                if remaining > 0 { failed(.badAnswer("no event acknowledged"), at: now) }
            }
        case .pushFailed(let failure):
            if failure == .revoked { return revoke() }
            pushWanted = true
            failed(failure, at: now)
        case .heartbeatDone:
            nextHeartbeat = now.addingTimeInterval(settings.heartbeatInterval)
        case .panelChanged:
            let soonest = lastHeartbeat.map { $0.addingTimeInterval(Self.heartbeatMinimumGap) } ?? now
            nextHeartbeat = min(nextHeartbeat ?? soonest, max(now, soonest))
        }
        return next(at: now)
    }

    private mutating func next(at now: Date) -> [Action] {
        guard phase != .enrolling, phase != .revoked else { return [] }
        if let retryAt, retryAt > now { return [.wake(at: retryAt)] }
        retryAt = nil
        if pullWanted || nextPoll.map({ $0 <= now }) ?? true {
            pullWanted = false
            let fresh = freshWanted
            freshWanted = false
            nextPoll = now.addingTimeInterval(jittered(socketOpen ? settings.reconcileInterval : settings.pollInterval, spread: 0.2))
            return [.pull(fresh: fresh)]
        }
        if pushWanted {
            pushWanted = false
            return [.push]
        }
        if phase == .online, nextHeartbeat.map({ $0 <= now }) ?? true {
            nextHeartbeat = now.addingTimeInterval(settings.heartbeatInterval)
            lastHeartbeat = now
            return [.heartbeat]
        }
        var wake = nextPoll ?? now.addingTimeInterval(settings.pollInterval)
        if phase == .online, let nextHeartbeat { wake = min(wake, nextHeartbeat) }
        return [.wake(at: wake)]
    }

    private mutating func succeeded() {
        failures = 0
        retryAt = nil
        lastFailure = nil
    }

    private mutating func failed(_ failure: PlatformFailure, at now: Date) {
        failures += 1
        lastFailure = failure.reason
        retryAt = now.addingTimeInterval(backoff(failure.retryAfter))
        phase = missedPulls >= settings.missedPullsBeforeOffline ? .offline : .backingOff
    }

    private mutating func revoke() -> [Action] {
        phase = .revoked
        lastFailure = PlatformFailure.revoked.reason
        return [.forgetCredential]
    }

    /// `Retry-After` when the platform gave one; otherwise doubling from `backoffBase`, capped, with jitter.
    private mutating func backoff(_ retryAfter: Double?) -> Double {
        if let retryAfter { return max(0, retryAfter) }
        let exponent = Double(min(max(failures - 1, 0), 30))
        return jittered(min(settings.backoffCap, settings.backoffBase * pow(2, exponent)), spread: 0.5)
    }

    private mutating func jittered(_ seconds: Double, spread: Double) -> Double {
        seconds * (1 - spread + 2 * spread * random.nextUnit())
    }
}

/// A small seeded generator (SplitMix64): the machine's jitter, the same for the same seed.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
