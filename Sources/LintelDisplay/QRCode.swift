import CQREncode

/// A QR code's modules (true: dark), from libqrencode, error correction level M.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    public let modules: [Bool]

    public init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        modules = (0..<(size * size)).map { code.pointee.data[$0] & 1 == 1 }
    }

    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }
}
