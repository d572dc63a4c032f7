import ArgumentParser
import Foundation
import LintelWire

/// `lintel store validate`: check snapshot files against every rule `lintel store import` applies,
/// without a store.
struct StoreValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check snapshot files by the rules of import, writing nothing; exit 0 when all pass, 2 when any fails.")

    @Flag(help: "One JSON object per file: file, ok, and for a rejected file path, rule, line, column, problem.")
    var json = false

    @Argument(help: "Snapshot files (see docs/snapshot.md).")
    var files: [String]

    func run() throws {
        var failures = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw InputError("cannot read snapshot file \(file)") }
            do {
                let snapshot = try SnapshotCoding.decode(data, file: file)
                report(["file": file, "ok": true],
                       text: "\(file): ok (\(snapshot.locations.count) locations, \(snapshot.spaces.count) spaces, "
                           + "\(snapshot.users.count) users, \(snapshot.bookings.count) bookings)")
            } catch {
                failures += 1
                var fields: [String: Any] = ["file": file, "ok": false, "path": error.path, "rule": error.rule.rawValue, "problem": error.problem]
                if let line = error.line, let column = error.column { fields["line"] = line; fields["column"] = column }
                report(fields, text: "\(error)")
            }
        }
        if failures > 0 { throw ExitCode(2) }
    }

    private func report(_ fields: [String: Any], text: String) {
        guard json else { return print(text) }
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        print(String(decoding: data, as: UTF8.self))
    }
}
