import Foundation
import LintelStore
import LintelWire
import LintelTestKit
import Testing

@Suite("A power cut while acting leaves every change with exactly one journal entry")
struct ActPowerCutTests {
    @Test("SIGKILL during a stream of lintel act: changes and journal agree")
    func killDuringActs() throws {
        let scratch = try Scratch()
        let store = scratch.path("panel.sqlite")
        #expect(try LintelProcess.run(["store", "import", "--store", store, ProjectFiles.demoWorld.path]).status == 0)
        // A shell loop of walk-up bookings, one a minute apart, killed while it runs.
        let script = scratch.path("acts.sh")
        var lines = ["#!/bin/sh"]
        for minute in 0..<40 {
            let start = String(format: "2026-11-23T15:%02d:00+01:00", minute)
            let end = String(format: "2026-11-23T15:%02d:30+01:00", minute)
            lines.append("\(LintelProcess.executable.path) act --store \(store) --at \(start) --actor anonymous --action book --resource ams-r-canal --start \(start) --end \(end) > /dev/null")
        }
        try lines.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script]
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, SIGKILL)
        // Also kill the lintel child that may be mid-transaction.
        _ = try? LintelProcess.run(["store", "stats", "--store", store])
        let killer = Process()
        killer.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        killer.arguments = ["-9", "-f", "act --store \(store)"]
        try? killer.run()
        killer.waitUntilExit()
        process.waitUntilExit()

        let reopened = try AuthStore(path: store)
        #expect(try reopened.integrityCheck())
        let journal = try reopened.journal()
        let local = try reopened.exportSnapshot().bookings.filter { $0.id.hasPrefix("local-") }
        #expect(!journal.isEmpty, "no act completed before the kill")
        #expect(Set(journal.compactMap(\.bookingId)) == Set(local.map(\.id)), "every booking has its journal entry and no entry lacks its booking")
        #expect(journal.map(\.seq) == Array(1...Int64(journal.count)))
    }
}
