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
    public func exposition() -> [UInt8] {
        syncConnected.set(to: 0.0)
        lastSync.set(to: 0.0)
        return registry.emitToBuffer()
    }
}
