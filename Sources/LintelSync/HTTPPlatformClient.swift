import AsyncHTTPClient
public import Foundation
import HTTPTypes
public import LintelWire
public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
public import NIOSSL
import WSClient

/// The platform over HTTP(S): AsyncHTTPClient for requests (one connection pool, gzip answers,
/// timeouts), WSClient for the poke socket. TLS certificates are verified unless the address is
/// plain `http://`; `caBundle` names a PEM file of extra roots (a site's own CA).
public final class HTTPPlatformClient: PlatformClient {
    public let baseURL: String
    private let configuration: HTTPClient.Configuration
    /// Made at the first request, so a client that never sent one needs no shutdown.
    private let made = Mutex<HTTPClient?>(nil)
    private let tls: TLSConfiguration?
    private let logger: Logger
    /// RFC 3986's unreserved characters: what a path segment carries as is.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    /// The process's one network thread, shared by the requests and the poke socket: a panel talks
    /// to one platform, and each further event loop costs a thread and its buffers (NIO's shared
    /// group would start one per core).
    static let network = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// The most a pull answer may be, uncompressed.
    public static let answerLimit = 256 << 20

    public init(baseURL: String, caBundle: String? = nil, logger: Logger = Logger(label: "lintel.sync")) throws {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw PlatformFailure.unreachable("\(baseURL): the platform's address must start with https:// (or http:// on loopback)")
        }
        self.baseURL = url
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caBundle {
            guard FileManager.default.isReadableFile(atPath: caBundle) else {
                throw PlatformFailure.unreachable("\(caBundle): the CA bundle cannot be read")
            }
            tls.trustRoots = .file(caBundle)
        }
        self.tls = url.hasPrefix("https://") ? tls : nil
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, decompression: .enabled(limit: .size(Self.answerLimit)))
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool = .init(idleTimeout: .seconds(50))
        self.configuration = configuration
        self.logger = logger
    }

    /// Closes the connections; the client is not used after.
    public func shutdown() async {
        let client = made.withLock { client in
            defer { client = nil }
            return client
        }
        try? await client?.shutdown()
    }

    deinit {
        // Shut down without waiting if nobody did (a task cancelled before it could).
        made.withLock { $0 }?.shutdown { _ in }
    }

    private var client: HTTPClient {
        made.withLock { client in
            if let client { return client }
            let new = HTTPClient(eventLoopGroupProvider: .shared(Self.network), configuration: configuration)
            client = new
            return new
        }
    }

    public func startEnrolment(hardware: String, agentVersion: String) async throws(PlatformFailure) -> Enrolment {
        let body = try encode(["hardware": hardware, "agentVersion": agentVersion])
        let (status, _, data) = try await send("/v1/enrolments", method: .POST, body: body, credential: nil)
        guard status == 201 else { throw failure(status, data, headers: [:]) }
        return try decode(Enrolment.self, data, "/v1/enrolments")
    }

    public func pollEnrolment(deviceCode: String) async throws(PlatformFailure) -> DeviceCredential? {
        let path = "/v1/enrolments/\(deviceCode.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? deviceCode)/token"
        let (status, headers, data) = try await send(path, method: .POST, body: nil, credential: nil)
        if status == 200 { return try decode(DeviceCredential.self, data, "/v1/enrolments/…/token") }
        let problem = failure(status, data, headers: headers)
        if case .status(400, let code?, _) = problem {
            switch code {
            case "authorization_pending", "slow_down": return nil
            case "expired_token", "access_denied": throw .enrolmentEnded(code)
            default: break
            }
        }
        throw problem
    }

    public func pull(cursor: String?, etag: String?, credential: String) async throws(PlatformFailure) -> PullResult {
        var path = "/v1/device/pull"
        if let cursor { path += "?cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? cursor)" }
        let (status, headers, data) = try await send(path, method: .GET, body: nil, credential: credential, ifNoneMatch: cursor == nil ? nil : etag)
        switch status {
        case 200: return .answer(data)
        case 304: return .unchanged
        default: throw failure(status, data, headers: headers)
        }
    }

    public func push(_ batch: EventBatch, credential: String) async throws(PlatformFailure) -> EventVerdicts {
        let body: Data
        do { body = try batch.json() } catch { throw .badAnswer("the batch could not be written: \(error)") }
        let (status, headers, data) = try await send("/v1/device/events", method: .POST, body: body, credential: credential)
        guard status == 200 else { throw failure(status, data, headers: headers) }
        return try decode(EventVerdicts.self, data, "/v1/device/events")
    }

    public func heartbeat(_ beat: Heartbeat, credential: String) async throws(PlatformFailure) {
        let body: Data
        do { body = try JSONEncoder().encode(beat) } catch { throw .badAnswer("\(error)") }
        let (status, headers, data) = try await send("/v1/device/heartbeat", method: .POST, body: body, credential: credential)
        guard status == 204 || status == 200 else { throw failure(status, data, headers: headers) }
    }

    public func listenForPokes(credential: String, onOpen: @escaping @Sendable () -> Void, onPoke: @escaping @Sendable () -> Void) async throws(PlatformFailure) {
        let url = (baseURL.hasPrefix("https://") ? "wss://" + baseURL.dropFirst(8) : "ws://" + baseURL.dropFirst(7)) + "/v1/device/poke"
        do {
            let close = try await WebSocketClient.connect(
                url: url,
                configuration: .init(maxFrameSize: 1 << 12, additionalHeaders: [.authorization: "Bearer \(credential)"],
                                     autoPing: .enabled(timePeriod: .seconds(30))),
                tlsConfiguration: tls, eventLoopGroup: Self.network, logger: logger
            ) { inbound, _, _ in
                onOpen()
                for try await message in inbound.messages(maxSize: 1 << 12) {
                    if case .text = message { onPoke() }
                }
            }
            if close == nil { throw PlatformFailure.unreachable("the poke socket was refused (credential revoked or the platform is busy)") }
        } catch let failure as PlatformFailure {
            throw failure
        } catch {
            throw .unreachable("poke socket: \(error)")
        }
    }

    // MARK: Requests

    /// Whether the platform answers its health check, with the same address, TLS verification and
    /// CA bundle as every request (`lintel doctor`).
    public func checkHealth() async throws(PlatformFailure) {
        let (status, headers, data) = try await send("/healthz", method: .GET, body: nil, credential: nil)
        guard status == 200 else { throw failure(status, data, headers: headers) }
    }

    /// Tells the platform this device leaves it (`lintel deprovision`): its credential stops working.
    public func retire(credential: String) async throws(PlatformFailure) {
        let (status, headers, data) = try await send("/v1/device", method: .DELETE, body: nil, credential: credential)
        guard status == 204 else { throw failure(status, data, headers: headers) }
    }

    private func send(_ path: String, method: HTTPMethod, body: Data?, credential: String?, ifNoneMatch: String? = nil) async throws(PlatformFailure) -> (Int, HTTPHeaders, Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let ifNoneMatch { request.headers.add(name: "If-None-Match", value: ifNoneMatch) }
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        if let credential { request.headers.add(name: "Authorization", value: "Bearer \(credential)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let buffer = try await response.body.collect(upTo: Self.answerLimit)
            return (Int(response.status.code), response.headers, Data(buffer.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .unreachable("no answer in time (\(path))")
        } catch let error as NIOTooManyBytesError {
            throw .badAnswer("\(path): the answer is larger than \(Self.answerLimit) bytes (\(error))")
        } catch {
            throw .unreachable("\(path): \(error)")
        }
    }

    private func failure(_ status: Int, _ data: Data, headers: HTTPHeaders) -> PlatformFailure {
        let problem = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let code = problem?["code"] as? String
        if status == 401 { return .revoked }
        let retryAfter = headers.first(name: "Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return .status(status, code: code, retryAfter: retryAfter)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ path: String) throws(PlatformFailure) -> T {
        do { return try SnapshotCoding.decode(T.self, from: data, file: path) } catch { throw .badAnswer(error.description) }
    }

    private func encode(_ value: [String: String]) throws(PlatformFailure) -> Data {
        do { return try JSONEncoder().encode(value) } catch { throw .badAnswer("\(error)") }
    }
}
