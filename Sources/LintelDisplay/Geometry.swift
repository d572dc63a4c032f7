/// A pixel rectangle; `x`, `y` at the top left, empty when width or height is not positive.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var area: Int { isEmpty ? 0 : width * height }

    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return right > left && bottom > top ? Rect(x: left, y: top, width: right - left, height: bottom - top) : .zero
    }

    public func union(_ other: Rect) -> Rect {
        if isEmpty { return other }
        if other.isEmpty { return self }
        let left = min(x, other.x), top = min(y, other.y)
        return Rect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }

    public func inset(by d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}

/// A colour as XRGB8888 (0x00RRGGBB), the format of DRM dumb buffers and the frame buffer.
public struct Color: Sendable, Hashable {
    public var xrgb: UInt32

    public init(xrgb: UInt32) { self.xrgb = xrgb & 0x00FF_FFFF }

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        xrgb = UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
    }

    public var red: UInt8 { UInt8(truncatingIfNeeded: xrgb >> 16) }
    public var green: UInt8 { UInt8(truncatingIfNeeded: xrgb >> 8) }
    public var blue: UInt8 { UInt8(truncatingIfNeeded: xrgb) }

    /// This colour blended towards `other` by `amount` (0…255).
    public func mixed(with other: Color, amount: UInt32) -> Color {
        let inverse = 255 - amount
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((UInt32(a) * inverse + UInt32(b) * amount + 127) / 255) }
        return Color(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }

    public static let black = Color(xrgb: 0x000000)
    public static let white = Color(xrgb: 0xFFFFFF)
}
