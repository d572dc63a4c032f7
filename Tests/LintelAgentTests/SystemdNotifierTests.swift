import Foundation
import LintelAgent
import Testing

@Suite("systemd notifications over a real datagram socket")
struct SystemdNotifierTests {
    /// A datagram socket bound where NOTIFY_SOCKET would point, to read what the notifier sends.
    final class Listener: @unchecked Sendable {
        let fd: Int32
        let path: String

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            var bytes = Array(path.utf8)
            if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
            let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            guard bound == 0 else { throw NotifyError.socket(errno) }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        func receive() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
        }

        deinit {
            close(fd)
            if !path.hasPrefix("@") { unlink(path) }
        }
    }

    @Test("READY, STATUS, WATCHDOG and STOPPING arrive as datagrams", arguments: ["file", "abstract"])
    func messages(_ kind: String) throws {
        let name = kind == "file" ? FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)").path
            : "@lintel-notify-\(UUID().uuidString)"
        let listener = try Listener(path: name)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        try notifier.ready(status: "showing Tulip")
        #expect(listener.receive() == "READY=1\nSTATUS=showing Tulip")
        try notifier.watchdog()
        #expect(listener.receive() == "WATCHDOG=1")
        try notifier.stopping()
        #expect(listener.receive() == "STOPPING=1")
    }

    @Test("Without NOTIFY_SOCKET nothing is sent and nothing fails")
    func notUnderSystemd() throws {
        let notifier = SystemdNotifier(environment: [:])
        try notifier.ready()
        #expect(notifier.socketPath == nil)
    }

    @Test("The watchdog is pinged at half the interval systemd expects, for this process only")
    func watchdogInterval() {
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval == .seconds(15))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval == nil)
    }
}
