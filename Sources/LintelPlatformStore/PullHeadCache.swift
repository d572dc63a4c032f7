import Foundation
import LintelWire
import Synchronization

/// The head of each location's scope as the last read found it (the log's last sequence number,
/// the scope checksum, what compaction retains), so a pull with nothing new is answered without
/// the database. Every change notice empties it before anyone is poked; an entry also lasts at
/// most `lifetime`, in case a notice is lost. An entry read before a notice is never stored after it.
final class PullHeadCache: Sendable {
    struct Head: Sendable {
        var lastSeq: Int64
        var checksum: ScopeChecksum
        var retainedFrom: Int64
    }

    static let lifetime: Duration = .seconds(1)

    private struct State {
        var heads: [String: (head: Head, storedAt: ContinuousClock.Instant)] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())

    func head(of location: String) -> Head? {
        state.withLock { state in
            guard let entry = state.heads[location], ContinuousClock.now - entry.storedAt < Self.lifetime else { return nil }
            return entry.head
        }
    }

    /// The generation to hand back to `store` with a head read from the database.
    var generation: UInt64 { state.withLock { $0.generation } }

    func store(_ head: Head, of location: String, readInGeneration generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            state.heads[location] = (head, ContinuousClock.now)
        }
    }

    func clear() {
        state.withLock { state in
            state.heads = [:]
            state.generation += 1
        }
    }
}
