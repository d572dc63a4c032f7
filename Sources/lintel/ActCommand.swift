import ArgumentParser
import Foundation
import LintelPolicy
import LintelStore

/// `lintel act`: decide and, when allowed, do it — as a panel does — and journal the decision.
struct ActCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act",
        abstract: "Decide and, when allowed, apply an action to the store; every decision is journaled.",
        discussion: """
            Prints {"decision":…,"reason":…,"message":…,"booking":ID,"journal":SEQ}. Exit status as for decide.
            """)

    @OptionGroup var location: StoreLocation
    @OptionGroup var question: DecisionOptions

    func run() throws {
        let (request, now) = try question.request()
        let applied = try location.openExisting().apply(request, at: now)
        let base = DecisionJSON.render(applied.decision).dropLast()
        print(base + ",\"booking\":\(applied.bookingId.map(DecisionJSON.quote) ?? "null"),\"journal\":\(applied.seq)}")
        if !applied.decision.isAllowed { throw ExitCode(1) }
    }
}
