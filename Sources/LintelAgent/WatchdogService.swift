public import ServiceLifecycle

/// Asks the panel loop to ping systemd's watchdog at half the interval systemd set; the ping is sent
/// from inside the loop, so only a live loop keeps the service from being restarted.
public struct WatchdogService: Service {
    private let inbox: AgentInbox
    private let interval: Duration

    public init(inbox: AgentInbox, interval: Duration) {
        self.inbox = inbox
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            inbox.send(.watchdog)
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }
}
