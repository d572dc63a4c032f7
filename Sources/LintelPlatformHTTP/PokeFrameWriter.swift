import NIOCore
import NIOWebSocket

/// Writes "pull now" onto one poke socket's connection, from its event loop, as a WebSocket text
/// frame encoded once when the socket opens. It sits just below the frame encoder, so TLS, when
/// there is one, still wraps what it writes, and the WebSocket writer above it is not involved.
///
/// Why not the WebSocket writer: a change can concern thousands of sockets, and through that
/// writer each costs a hop of its own onto the event loop, a frame encoding and a pass through the
/// pipeline. Here a change costs one hop per event loop and one buffer write per socket
/// (`platform_change_to_poke_p99_ms` in `make bench`).
final class PokeFrameWriter: ChannelOutboundHandler {
    // What the frame encoder writes passes through untouched.
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let frame: ByteBuffer
    private var context: ChannelHandlerContext?

    private init(text: String, allocator: ByteBufferAllocator) {
        let payload = Array(text.utf8)
        precondition(payload.count < 126, "a poke fits the one-byte length of a WebSocket frame")
        var frame = allocator.buffer(capacity: payload.count + 2)
        // FIN with the text opcode, then the length; a server's frames are not masked.
        frame.writeInteger(UInt8(0x81))
        frame.writeInteger(UInt8(payload.count))
        frame.writeBytes(payload)
        self.frame = frame
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Writes the poke; nothing when the connection has gone. Call it on the channel's event loop.
    func poke() {
        guard let context, context.channel.isActive else { return }
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    /// A writer of `text` on an upgraded WebSocket connection, bound to its event loop.
    static func install(text: String, on channel: any Channel) async throws -> NIOLoopBound<PokeFrameWriter> {
        try await channel.eventLoop.submit {
            let writer = PokeFrameWriter(text: text, allocator: channel.allocator)
            let encoder = try channel.pipeline.syncOperations.handler(type: WebSocketFrameEncoder.self)
            try channel.pipeline.syncOperations.addHandler(writer, position: .before(encoder))
            return NIOLoopBound(writer, eventLoop: channel.eventLoop)
        }.get()
    }
}
