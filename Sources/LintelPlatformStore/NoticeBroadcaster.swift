import Foundation
import Synchronization

/// Hands every change notice to each stream open at the time (an instance's pokes, tests). A
/// stream that falls behind keeps only the newest notices: a notice means "pull", so the last
/// one says all the earlier ones did.
public final class NoticeBroadcaster: Sendable {
    public init() {}

    private let streams = Mutex<[UInt64: AsyncStream<ChangeNotice>.Continuation]>([:])
    private let nextId = Atomic<UInt64>(0)

    public func stream() -> AsyncStream<ChangeNotice> {
        let id = nextId.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream.makeStream(of: ChangeNotice.self, bufferingPolicy: .bufferingNewest(64))
        continuation.onTermination = { [weak self] _ in _ = self?.streams.withLock { $0.removeValue(forKey: id) } }
        streams.withLock { $0[id] = continuation }
        return stream
    }

    public func publish(_ notice: ChangeNotice) {
        for continuation in streams.withLock({ Array($0.values) }) { continuation.yield(notice) }
    }

    public func finish() {
        for continuation in streams.withLock({ Array($0.values) }) { continuation.finish() }
    }
}
