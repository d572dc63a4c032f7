import ArgumentParser
import Foundation
import LintelPolicy
import LintelStore

/// `lintel decide`: ask the local policy whether an action is allowed, as a panel would.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide whether an actor may take an action on a space (changes nothing).",
        discussion: """
            Prints one JSON object {"decision":"allow"|"deny","reason":CODE,"message":TEXT}.
            Exit status: 0 allowed, 1 denied, 2 bad input. Reason codes are listed in docs/reasons.md.
            """)

    @OptionGroup var location: StoreLocation
    @OptionGroup var question: DecisionOptions

    func run() throws {
        let (request, now) = try question.request()
        let (decision, _) = try location.openExisting().decide(request, at: now)
        print(DecisionJSON.render(decision))
        if !decision.isAllowed { throw ExitCode(1) }
    }
}
