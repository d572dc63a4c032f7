public import ServiceLifecycle
public import Foundation

/// Wakes the panel when it asked to be woken — the minute turning, a check-in window closing, a
/// countdown's next second — and at no other time, so an idle panel sleeps. A new request replaces
/// the pending one.
public final class SchedulerService: Service, Sendable {
    /// Slack after the requested instant, so the panel never wakes a hair before its deadline and
    /// asks again.
    public static let slack: Duration = .milliseconds(2)

    private let inbox: AgentInbox
    private let clock: any AgentClock
    private let requests: AsyncStream<Date>
    private let continuation: AsyncStream<Date>.Continuation

    public init(inbox: AgentInbox, clock: any AgentClock) {
        self.inbox = inbox
        self.clock = clock
        (requests, continuation) = AsyncStream.makeStream(of: Date.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Wake the panel at `instant` (wall clock) instead of at any earlier request.
    public func schedule(_ instant: Date) {
        continuation.yield(instant)
    }

    public func run() async throws {
        var timer: Task<Void, Never>?
        for await instant in requests.cancelOnGracefulShutdown() {
            timer?.cancel()
            let delay = max(0, instant.timeIntervalSince(clock.now()))
            timer = Task { [inbox] in
                do {
                    try await Task.sleep(for: .nanoseconds(Int64(delay * 1e9)) + Self.slack)
                } catch {
                    return
                }
                inbox.send(.tick)
            }
        }
        timer?.cancel()
    }
}
