/// A checksum of a set of world items that does not depend on their order and can be kept up to
/// date item by item: the wrapping sum of each item's 64-bit FNV-1a hash over its entity, id and
/// body. The platform sends it with every pull answer; a device that sums its own items and gets
/// another value has drifted and takes a fresh snapshot.
public struct ScopeChecksum: Sendable, Hashable, CustomStringConvertible {
    public private(set) var value: UInt64

    public init(value: UInt64 = 0) { self.value = value }

    public init(_ items: some Sequence<WorldItem>) {
        value = 0
        for item in items { add(item) }
    }

    public mutating func add(_ item: WorldItem) { value &+= Self.hash(item) }
    public mutating func remove(_ item: WorldItem) { value &-= Self.hash(item) }

    /// Sixteen lowercase hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public init?(_ text: String) {
        guard text.count == 16, let value = UInt64(text, radix: 16) else { return nil }
        self.value = value
    }

    /// One item's share of the checksum.
    public static func hash(_ item: WorldItem) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        for byte in item.entity.rawValue.utf8 { mix(byte) }
        mix(0)
        for byte in item.id.utf8 { mix(byte) }
        mix(0)
        for byte in item.body { mix(byte) }
        return h
    }
}
