import PostgresNIO

/// The PostgreSQL server could not be used: unreachable, refused the user, no such database.
/// Says which server (password hidden) and what it answered.
public struct PostgresStorageError: Error, CustomStringConvertible {
    public var url: String
    public var reason: String

    init(url: String, error: PSQLError) {
        self.url = url
        var reason = "\(error.code)"
        if let server = error.serverInfo?[.message] { reason += ": " + server }
        if let underlying = error.underlying { reason += ": \(underlying)" }
        self.reason = reason
    }

    public var description: String { "cannot use the PostgreSQL database \(url): \(reason)" }
}
