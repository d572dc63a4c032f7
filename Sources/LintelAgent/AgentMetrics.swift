public import Foundation
import Prometheus
public import LintelPolicy
import Synchronization

/// The agent's figures in Prometheus' text format: decisions by action and outcome, denials by
/// reason, frames and how long they took, the clock, the outbox and the sync state.
public final class AgentMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let frames: Counter
    private let frameTime: DurationHistogram
    private let pressToFrame: DurationHistogram
    private let clockSynchronised: Gauge
    private let outboxPending: Gauge
    private let syncConnected: Gauge
    private let lastSync: Gauge
    private let cacheAge: Gauge
    /// When the data was last confirmed by the platform (for the cache age at each scrape).
    private let dataFrom = Mutex<Date?>(nil)
    private let syncStates: [String: Gauge]

    public init() {
        frames = registry.makeCounter(descriptor: Self.d("frames", "total", "Frames presented to the display"))
        frameTime = registry.makeDurationHistogram(
            descriptor: Self.d("frame_render", "seconds", "Time to render and present one frame"), buckets: [.microseconds(200), .milliseconds(1), .milliseconds(5), .milliseconds(20), .milliseconds(100)],
)
        pressToFrame = registry.makeDurationHistogram(
            descriptor: Self.d("input_to_frame", "seconds", "From an input reaching the panel loop to the frame that answers it"), buckets: [.milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(21), .milliseconds(50), .milliseconds(200)],
)
        clockSynchronised = registry.makeGauge(descriptor: Self.d("clock", "synchronised", "1 when the system clock is known to be right"))
        outboxPending = registry.makeGauge(descriptor: Self.d("outbox", "pending", "Outbox events (decisions and observations) not yet pushed to the platform"))
        syncConnected = registry.makeGauge(descriptor: Self.d("sync", "connected", "1 while the platform is reachable (sync not configured: 0)"))
        lastSync = registry.makeGauge(descriptor: Self.d("sync_last_success_timestamp", "seconds", "When the last sync succeeded (0: never)"))
        cacheAge = registry.makeGauge(descriptor: Self.d("sync_cache_age", "seconds", "Age of the panel's data: since the platform last confirmed it (0: never synced)"))
        var states: [String: Gauge] = [:]
        for state in Self.syncStateNames {
            states[state] = registry.makeGauge(descriptor: Self.d("sync", "state", "1 for the sync's current state"), labels: [("state", state)])
        }
        syncStates = states
        states["not_configured"]?.set(to: 1)
    }

    /// The sync machine's states, and `not_configured` without sync.
    public static let syncStateNames = ["not_configured", "enrolling", "enrolled", "online", "backing_off", "offline", "revoked"]

    /// The sync's state now; `connected` while the platform answers.
    public func sync(state: String, connected: Bool) {
        for (name, gauge) in syncStates { gauge.set(to: name == state ? 1 : 0) }
        syncConnected.set(to: connected ? 1 : 0)
    }

    /// A pull or push succeeded; `dataFrom` is when the platform last confirmed the panel's data.
    public func syncSucceeded(at now: Date, dataFrom: Date?) {
        lastSync.set(to: now.timeIntervalSince1970)
        dataFrom.map { date in self.dataFrom.withLock { $0 = date } }
    }

    /// The data's age counts from here (read from the store at start).
    public func syncData(from date: Date?) { dataFrom.withLock { $0 = date } }

    /// A sync request or answer failed, by stable reason.
    public func syncFailed(reason: String) {
        registry.makeCounter(descriptor: Self.d("sync_failures", "total", "Sync failures by reason"), labels: [("reason", reason)]).increment()
    }

    /// A pull answer applied (`snapshot` or `delta`).
    public func syncApplied(kind: String) {
        registry.makeCounter(descriptor: Self.d("sync_applied", "total", "Pull answers applied to the store"), labels: [("kind", kind)]).increment()
    }

    /// Events the platform acknowledged.
    public func syncPushed(events: Int) {
        registry.makeCounter(descriptor: Self.d("sync_pushed_events", "total", "Outbox events the platform acknowledged")).increment(by: Int64(events))
    }

    public func decided(_ action: PanelAction, _ decision: Decision) {
        registry.makeCounter(descriptor: Self.d("decisions", "total", "Policy decisions made at this panel"), labels: [("action", action.rawValue), ("outcome", decision.isAllowed ? "allowed" : "denied")]).increment()
        if let reason = decision.denialReason {
            registry.makeCounter(descriptor: Self.d("denials", "total", "Denials by reason code"), labels: [("reason", reason.rawValue)]).increment()
        }
    }

    public func framePresented(took duration: Duration) {
        frames.increment()
        frameTime.record(duration)
    }

    public func inputAnswered(took duration: Duration) { pressToFrame.record(duration) }
    public func clock(synchronised: Bool) { clockSynchronised.set(to: synchronised ? 1.0 : 0.0) }
    public func outbox(pending: Int) { outboxPending.set(to: Double(pending)) }

    private static func d(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "lintel", metricName: name, unitName: unit, helpText: help)
    }

    /// The exposition text served at /metrics.
    public func exposition(at now: Date = Date()) -> [UInt8] {
        cacheAge.set(to: dataFrom.withLock { $0 }.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        return registry.emitToBuffer()
    }
}
