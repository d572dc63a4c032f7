/// Draws a QR code with its quiet zone, modules scaled to whole pixels and centred in a box.
enum QRDrawing {
    static func draw(_ code: QRCode, in box: Rect, into frame: inout FrameBuffer) {
        let quiet = 4
        let module = max(1, min(box.width, box.height) / (code.size + 2 * quiet))
        let side = module * (code.size + 2 * quiet)
        let origin = (x: box.x + (box.width - side) / 2, y: box.y + (box.height - side) / 2)
        frame.fill(Rect(x: origin.x, y: origin.y, width: side, height: side), .white)
        for y in 0..<code.size {
            for x in 0..<code.size where code[x, y] {
                frame.fill(Rect(x: origin.x + (x + quiet) * module, y: origin.y + (y + quiet) * module, width: module, height: module), .black)
            }
        }
    }
}
