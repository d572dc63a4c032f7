public import LintelWire

/// The opaque cursor of a pull answer (`v1.` and the last change's sequence); its ETag adds the
/// scope's checksum.
public struct PullCursor: Sendable, Hashable, CustomStringConvertible {
    public var seq: Int64

    public init(seq: Int64) { self.seq = seq }

    public init?(_ text: String) {
        guard text.hasPrefix("v1."), let seq = Int64(text.dropFirst(3)), seq >= 0 else { return nil }
        self.seq = seq
    }

    public var description: String { "v1.\(seq)" }

    public func etag(_ checksum: ScopeChecksum) -> String { "\"\(self)-\(checksum)\"" }
}
