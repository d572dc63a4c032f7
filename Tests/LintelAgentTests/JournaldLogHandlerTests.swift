import LintelAgent
import Logging
import Synchronization
import Testing

@Suite("Logs for journald")
struct JournaldLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("Each level carries its syslog priority", arguments: [
        (Logger.Level.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func priorities(_ level: Logger.Level, _ priority: Int) {
        let sink = Lines()
        var handler = JournaldLogHandler(label: "lintel.test") { sink.append($0) }
        handler.logLevel = .trace
        let logger = Logger(label: "lintel.test") { _ in handler }
        logger.log(level: level, "hello")
        #expect(sink.all == ["<\(priority)>lintel.test: hello\n"])
    }

    @Test("Credentials never reach the log; other metadata does, sorted")
    func redaction() {
        let sink = Lines()
        let logger = Logger(label: "lintel.sync") { _ in JournaldLogHandler(label: "lintel.sync") { sink.append($0) } }
        logger.warning("push failed", metadata: ["status": "503", "authToken": "s3cr3t", "device": "panel-7", "password": "hunter2"])
        let line = sink.all.first ?? ""
        #expect(line == "<4>lintel.sync: push failed authToken=[redacted] device=panel-7 password=[redacted] status=503\n")
        #expect(!line.contains("s3cr3t") && !line.contains("hunter2"))
    }

    @Test("Below the log level nothing is written")
    func levelFilter() {
        let sink = Lines()
        let logger = Logger(label: "lintel.x") { _ in JournaldLogHandler(label: "lintel.x") { sink.append($0) } }
        logger.debug("noise")
        #expect(sink.all.isEmpty)
    }
}
