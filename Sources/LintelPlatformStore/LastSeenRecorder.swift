import Foundation
import Synchronization

/// When each device was last seen, kept in memory and written in one transaction every
/// `interval`, so a device's requests never wait for a write of their own (a pull is a read).
/// What is pending when the process ends is lost: a "last seen" a few seconds old.
final class LastSeenRecorder: Sendable {
    static let interval: Duration = .seconds(5)

    private let pending = Mutex<[String: Date]>([:])
    private let database: any PlatformDatabase
    private let flusher = Mutex<Task<Void, Never>?>(nil)

    init(database: any PlatformDatabase) { self.database = database }

    deinit { flusher.withLock { $0?.cancel() } }

    func record(_ deviceId: String, at instant: Date) {
        pending.withLock { $0[deviceId] = max($0[deviceId] ?? instant, instant) }
        flusher.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.interval)
                    try? await self?.flush()
                }
            }
        }
    }

    /// Writes what is pending now.
    func flush() async throws {
        let seen = pending.withLock { pending in defer { pending = [:] }; return pending }
        guard !seen.isEmpty else { return }
        try await database.write { tx in
            for (id, instant) in seen {
                try tx.execute("UPDATE device SET lastSeenAt = ? WHERE id = ? AND (lastSeenAt IS NULL OR lastSeenAt < ?)",
                               [Millis.of(instant), id, Millis.of(instant)])
            }
        }
    }
}
