import LintelPolicy
import LintelTestKit
import Testing

let allScenarios = membershipScenarios + bookingScenarios + scopeScenarios + timeScenarios + lifecycleScenarios + hygieneScenarios

@Suite("Policy decisions")
struct PolicyTableTests {
    @Test("Membership and module access", arguments: membershipScenarios)
    func membership(_ scenario: Scenario) { expect(scenario) }

    @Test("Booking rights and collisions", arguments: bookingScenarios)
    func booking(_ scenario: Scenario) { expect(scenario) }

    @Test("Booking permissions down the place hierarchy", arguments: scopeScenarios)
    func scope(_ scenario: Scenario) { expect(scenario) }

    @Test("Advance window, weekdays, opening hours and duration on the local clock", arguments: timeScenarios)
    func time(_ scenario: Scenario) { expect(scenario) }

    @Test("Check-in, release, end, cancel, extend, approve", arguments: lifecycleScenarios)
    func lifecycle(_ scenario: Scenario) { expect(scenario) }

    @Test("Hygienic desk mark clean levels", arguments: hygieneScenarios)
    func hygiene(_ scenario: Scenario) { expect(scenario) }

    @Test("Every denial reason is reachable through some scenario")
    func everyReasonReachable() {
        let reached = Set(allScenarios.map(\.expected))
        let unreached = DenialReason.allCases.map(\.rawValue).filter { !reached.contains($0) }
        #expect(unreached.isEmpty, "no scenario reaches: \(unreached)")
    }

    @Test("Scenario names are unique, so a failure names one rule")
    func uniqueNames() {
        let names = allScenarios.map(\.name)
        #expect(Set(names).count == names.count)
    }

    private func expect(_ scenario: Scenario) {
        let decision = scenario.decide()
        #expect(decision.code == scenario.expected, "\(scenario.name): got \(decision)")
    }
}
