import Foundation
public import Logging

/// swift-log to standard error with the `<N>` priority prefixes journald reads (sd-daemon(3)):
/// `<3>lintel.display: page flip failed device=/dev/dri/card0`. Metadata whose key looks like a
/// credential (token, password, secret, authorization, key) is never written.
public struct JournaldLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void = JournaldLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// syslog priorities: emerg 0 … debug 7.
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static let secretWords = ["token", "password", "secret", "authorization", "credential", "apikey", "api-key", "key"]

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.keys.sorted().map { key -> String in
            let lowered = key.lowercased()
            let value = Self.secretWords.contains(where: { lowered.contains($0) }) ? "[redacted]" : "\(merged[key]!)"
            return "\(key)=\(value)"
        }
        let line = "<\(Self.priority(of: event.level))>\(label): \(event.message)" + (fields.isEmpty ? "" : " " + fields.joined(separator: " "))
        write(line.replacingOccurrences(of: "\n", with: " ") + "\n")
    }

    public static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }
}
