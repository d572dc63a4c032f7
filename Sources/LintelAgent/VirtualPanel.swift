public import LintelDisplay
import Synchronization

/// The panel as a web page sees it: the last frame presented (the same pixels a DRM display would
/// show), a version that changes with every frame, and what the panel is saying. A frame sink,
/// read by the HTTP service from another thread.
public final class VirtualPanel: FrameSink, Sendable {
    public let width: Int
    public let height: Int
    private let state = Mutex(State())

    private struct State {
        var frame: FrameBuffer?
        var version = 0
        var png: (version: Int, bytes: [UInt8])?
        var status = ""
        var notice: String?
    }

    /// What the page shows beside the frame.
    public struct Snapshot: Sendable, Equatable {
        public var version: Int
        public var status: String
        public var notice: String?
    }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public func present(_ frame: FrameBuffer, damage: [Rect]) throws {
        state.withLock {
            $0.frame = frame
            $0.version += 1
        }
    }

    /// Called by the agent with each model it shows.
    public func describe(status: String, notice: String?) {
        state.withLock {
            $0.status = status
            $0.notice = notice
        }
    }

    public var snapshot: Snapshot {
        state.withLock { Snapshot(version: $0.version, status: $0.status, notice: $0.notice) }
    }

    /// The current frame as PNG bytes (encoded once per frame, on demand), and its version.
    public func png() throws -> (version: Int, bytes: [UInt8])? {
        let (frame, version, cached) = state.withLock { ($0.frame, $0.version, $0.png) }
        if let cached, cached.version == version { return cached }
        guard let frame else { return nil }
        let encoded = (version: version, bytes: try PNGCodec.encode(frame))
        state.withLock { if $0.version == version { $0.png = encoded } }
        return encoded
    }
}
