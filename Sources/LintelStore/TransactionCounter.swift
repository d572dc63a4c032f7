import Synchronization

/// Counts the transactions begun on a store's connections, from SQLite's statement trace: how a
/// benchmark knows what a press costs instead of estimating it.
final class TransactionCounter: Sendable {
    private let begun = Atomic<Int>(0)

    func saw(_ sql: String) {
        if sql.utf8.starts(with: "BEGIN".utf8) { begun.add(1, ordering: .relaxed) }
    }

    var count: Int { begun.load(ordering: .relaxed) }
}
