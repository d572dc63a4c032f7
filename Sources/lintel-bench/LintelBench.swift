import Foundation

/// `make bench`: prints one JSON object of figures. Targets: decision_p99_us ≤ 50.
@main
enum LintelBench {
    static func main() throws {
        let quick = CommandLine.arguments.contains("--quick")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let benchmark = quick
            ? DecisionBenchmark(users: 1_000, spaces: 100, bookings: 10_000, decisions: 5_000)
            : DecisionBenchmark(users: 10_000, spaces: 1_000, bookings: 100_000, decisions: 50_000)
        let figures = try benchmark.run(in: folder)
        let report: [(String, String)] = [
            ("decision_p50_us", format(figures.p50)),
            ("decision_p99_us", format(figures.p99)),
            ("decision_max_us", format(figures.max)),
            ("decision_p99_target_us", "50"),
            ("decisions_measured", "\(benchmark.decisions)"),
            ("decisions_allowed_share", format(figures.allowedShare)),
            ("store_users", "\(benchmark.users)"),
            ("store_spaces", "\(benchmark.spaces)"),
            ("store_bookings", "\(benchmark.bookings)"),
            ("store_bytes", "\(figures.storeBytes)"),
            ("store_import_s", format(figures.importSeconds)),
        ]
        print("{" + report.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
