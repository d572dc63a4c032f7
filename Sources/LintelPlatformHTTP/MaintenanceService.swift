public import Foundation
public import LintelPlatformStore
public import Logging
public import ServiceLifecycle

/// The platform's housekeeping while it serves, every `interval`: bookings a day past their end
/// leave the world (their devices drop them), and changes older than the retention leave the
/// log (a device that was away longer gets a snapshot). Several instances may each run it: both
/// steps are idempotent.
public struct MaintenanceService: Service {
    public static let defaultInterval: Duration = .seconds(3600)

    let store: PlatformStore
    let retention: TimeInterval
    let keepEndedBookings: TimeInterval
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        store: PlatformStore, retention: TimeInterval, keepEndedBookings: TimeInterval = 86_400, interval: Duration = Self.defaultInterval,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.retention = retention
        self.keepEndedBookings = keepEndedBookings
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        // The wait between rounds ends with a graceful shutdown (SIGTERM), so serve stops at once.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await runOnce()
                try? await Task.sleep(for: interval)
            }
        }
        try? await store.flush()
    }

    /// One round: retire, then compact; a failure is logged and tried again next round.
    public func runOnce() async {
        let instant = now()
        do {
            let retired = try await store.retireBookings(endedBefore: instant.addingTimeInterval(-keepEndedBookings), at: instant)
            let compacted = try await store.compact(committedBefore: instant.addingTimeInterval(-retention))
            if retired > 0 || compacted != nil {
                logger.info("maintenance", metadata: ["retired": "\(retired)", "compactedThrough": "\(compacted.map { "\($0)" } ?? "-")"])
            }
        } catch {
            logger.error("maintenance failed; trying again in \(interval)", metadata: ["error": "\(error)"])
        }
    }
}
