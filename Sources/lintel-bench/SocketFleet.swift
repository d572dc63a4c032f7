import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// Many poke sockets from this process, as light as a load generator can make them, so that what
/// is measured is the platform: each socket is a channel on event loop threads of their own whose
/// handler notes when a poke came, with no task per socket. The waiting side reads one atomic
/// total, so measuring costs the sockets little.
final class SocketFleet: Sendable {
    private let port: Int
    private let credentials: [String]
    private let state: Mutex<[(count: Int, last: ContinuousClock.Instant)]>
    private let total = Atomic<Int>(0)
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)

    init(port: Int, credentials: [String]) {
        self.port = port
        self.credentials = credentials
        state = Mutex(Array(repeating: (0, ContinuousClock.now), count: credentials.count))
    }

    /// Opens every socket, 250 at a time, each waiting for the poke a new socket gets.
    func open() async throws {
        for start in stride(from: 0, to: credentials.count, by: 250) {
            let batch = Array(start..<min(start + 250, credentials.count))
            let before = counts()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in batch { group.addTask { try await self.connect(index) } }
                try await group.waitForAll()
            }
            _ = try await waitForPokes(on: batch, after: before, within: .seconds(60))
        }
    }

    private func connect(_ index: Int) async throws {
        let headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("Authorization", "Bearer \(credentials[index])"), ("Content-Length", "0")])
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/v1/device/poke", headers: headers)
        let upgraded: EventLoopFuture<Bool> = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                let upgrader = NIOTypedWebSocketClientUpgrader<Bool>(maxFrameSize: 1 << 12) { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(PokeCounter(index: index, fleet: self))
                        return true
                    }
                }
                let upgrade = NIOTypedHTTPClientUpgradeConfiguration<Bool>(
                    upgradeRequestHead: head, upgraders: [upgrader],
                    notUpgradingCompletionHandler: { $0.eventLoop.makeCompletedFuture { false } })
                // The first poke may come in the same read as the switch of protocols: kept, not dropped.
                var configuration = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: upgrade)
                configuration.leftOverBytesStrategy = .forwardBytes
                return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: configuration)
            }
        }
        guard try await upgraded.get() else { throw BenchError("poke socket \(index) was refused") }
    }

    /// A poke reached socket `index`.
    fileprivate func arrived(_ index: Int) {
        let now = ContinuousClock.now
        state.withLock { $0[index] = ($0[index].count + 1, now) }
        total.add(1, ordering: .releasing)
    }

    func counts() -> [Int] { state.withLock { $0.map(\.count) } }

    /// Waits until every socket of `indexes` has more pokes than `before` says; when each last came.
    func waitForPokes(on indexes: [Int], after before: [Int], within limit: Duration) async throws -> [ContinuousClock.Instant] {
        let deadline = ContinuousClock.now + limit
        let target = before.reduce(0, +) + indexes.count
        while ContinuousClock.now < deadline {
            if total.load(ordering: .acquiring) >= target {
                let done = state.withLock { state in indexes.allSatisfy { state[$0].count > before[$0] } ? indexes.map { state[$0].last } : nil }
                if let done { return done }
            }
            try await Task.sleep(for: .microseconds(200))
        }
        let missing = state.withLock { snapshot in indexes.filter { snapshot[$0].count <= before[$0] }.count }
        throw BenchError("\(missing) of \(indexes.count) sockets were not poked within \(limit)")
    }

    /// Closes every socket.
    func close() { try? group.syncShutdownGracefully() }
}

/// One socket's end: a text frame is a poke; a ping is answered, as a device would.
private final class PokeCounter: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let index: Int
    let fleet: SocketFleet

    init(index: Int, fleet: SocketFleet) {
        self.index = index
        self.fleet = fleet
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text: fleet.arrived(index)
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose: context.close(promise: nil)
        default: break
        }
    }
}
