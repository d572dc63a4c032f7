public import Foundation
import Synchronization

/// What a running agent knows about itself that its store does not: what the panel shows, the
/// sync's state and last error, the pairing code on the screen, the last event of each input role,
/// the display. The services note it as it happens; `lintel status` reads it through the loopback
/// API. It never holds a credential or a badge number (an input is its role, kind and time).
public final class AgentStatus: Sendable {
    public struct Live: Codable, Sendable, Equatable {
        public var startedAt: Date
        public var showing: String?
        public var notice: String?
        public var display: String?
        public var pairingCode: String?
        public var syncState: String?
        public var lastSyncAt: Date?
        public var lastSyncError: String?
        public var lastSyncErrorAt: Date?
        /// Per input role (`checkin-button`, `pir`, `badge-reader`, …), its last event.
        public var inputs: [String: InputSeen] = [:]
    }

    public struct InputSeen: Codable, Sendable, Equatable {
        public var event: String
        public var at: Date
    }

    private let state: Mutex<Live>
    private let showingObservers = Mutex<[@Sendable (String) -> Void]>([])

    public init(startedAt: Date = Date()) { state = Mutex(Live(startedAt: startedAt)) }

    public var live: Live { state.withLock { $0 } }

    /// What the panel shows now; observers hear of each change of its status.
    public func showing(_ status: String, notice: String?) {
        let changed = state.withLock { live -> Bool in
            defer { live.showing = status; live.notice = notice }
            return live.showing != status
        }
        guard changed else { return }
        for observer in showingObservers.withLock({ $0 }) { observer(status) }
    }

    /// Calls `observer` whenever what the panel shows changes (the sync tells the platform).
    public func observeShowing(_ observer: @escaping @Sendable (String) -> Void) { showingObservers.withLock { $0.append(observer) } }
    public func display(_ summary: String) { state.withLock { $0.display = summary } }
    public func pairing(code: String?) { state.withLock { $0.pairingCode = code } }
    public func sync(state name: String) { state.withLock { $0.syncState = name } }
    public func syncSucceeded(at instant: Date) { state.withLock { $0.lastSyncAt = instant } }
    public func syncFailed(_ description: String, at instant: Date) {
        state.withLock { $0.lastSyncError = description; $0.lastSyncErrorAt = instant }
    }
    public func input(role: String, event: String, at instant: Date) {
        state.withLock { $0.inputs[role] = InputSeen(event: event, at: instant) }
    }
}
