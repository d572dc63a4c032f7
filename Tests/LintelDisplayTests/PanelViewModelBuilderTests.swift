import Foundation
import LintelDisplay
import LintelPolicy
import LintelStore
import LintelWire
import LintelTestKit
import Testing

@Suite("What the demo world's panels show")
struct PanelViewModelBuilderTests {
    struct Moment: Sendable, CustomTestStringConvertible {
        let rule: String
        let space: String
        let at: String
        let status: String
        let detail: String?
        var testDescription: String { rule }
    }

    @Test("The panel's state at an instant", arguments: [
        Moment(rule: "Tulip at 08:55: Bram's 09:00 planning is due, 15 minutes to check in", space: "ams-r-tulip",
               at: "2026-11-23T08:55:00+01:00", status: "checkin-due", detail: "900 Sprint planning"),
        Moment(rule: "Tulip at 08:40: free until 09:00", space: "ams-r-tulip", at: "2026-11-23T08:40:00+01:00", status: "free", detail: "09:00"),
        Moment(rule: "Tulip at 09:30, nobody checked in: released", space: "ams-r-tulip", at: "2026-11-23T09:30:00+01:00", status: "released", detail: nil),
        Moment(rule: "Tulip at 10:00: free until Chloé's 14:00 review", space: "ams-r-tulip", at: "2026-11-23T10:00:00+01:00", status: "free", detail: "14:00"),
        Moment(rule: "Tulip at 13:46: booked soon", space: "ams-r-tulip", at: "2026-11-23T13:46:00+01:00", status: "upcoming", detail: "14"),
        Moment(rule: "Tulip at 15:30: free for the rest of the day", space: "ams-r-tulip", at: "2026-11-23T15:30:00+01:00", status: "free", detail: nil),
        Moment(rule: "Canal at 10:05: a private booking shows no subject", space: "ams-r-canal", at: "2026-11-23T10:05:00+01:00",
               status: "checkin-due", detail: "300 booked"),
        Moment(rule: "Desk 2.01: Bram is checked in", space: "ams-d-201", at: "2026-11-23T10:00:00+01:00", status: "in-use", detail: nil),
        Moment(rule: "Desk 2.02 after the walk-up: needs cleaning", space: "ams-d-202", at: "2026-11-23T10:00:00+01:00", status: "needs-cleaning", detail: nil),
        Moment(rule: "New York's Liberty at 08:56 EST: due (opens 5 min before)", space: "nyc-r-liberty", at: "2026-11-23T08:56:00-05:00",
               status: "checkin-due", detail: "1140 Client call"),
    ])
    func state(_ moment: Moment) throws {
        let temporary = try TemporaryDemoStore()
        let now = Fixture.instant(moment.at)
        let day = try #require(try temporary.store.panelDay(spaceId: moment.space, at: now))
        let model = PanelViewModelBuilder.build(place: day.place, bookings: day.bookings, hygiene: day.hygiene,
                                                organiserNames: day.organiserNames, now: now, language: .english)
        guard case .status(let status) = model.screen else { Issue.record("not a status screen"); return }
        #expect(status.name == moment.status)
        switch status {
        case .checkInDue(let item, let seconds): #expect("\(seconds) \(item.subject ?? "booked")" == moment.detail)
        case .free(let until): #expect(until?.description == moment.detail)
        case .upcoming(_, let minutes): #expect("\(minutes)" == moment.detail)
        default: break
        }
    }

    @Test("A desk shows Cleaned for ten minutes after it was marked clean — also when the stored instant was rounded up by under a millisecond",
          arguments: [(-0.0004, "cleaned"), (0.0, "cleaned"), (599.0, "cleaned"), (600.0, "free"), (-5.0, "free")])
    func cleanedWindow(_ age: Double, _ expected: String) {
        let now = Fixture.instant("2026-11-23T12:00:00+01:00").addingTimeInterval(0.7)
        let hygiene = DeskHygiene(spaceId: "desk-1", state: .clean, since: now.addingTimeInterval(-age))
        let model = PanelViewModelBuilder.build(place: Fixture.place(.desk), bookings: [], hygiene: hygiene, organiserNames: [:], now: now,
                                                language: .english)
        guard case .status(let status) = model.screen else { Issue.record("not a status screen"); return }
        #expect(status.name == expected)
    }

    @Test("Times are the location's: New York's clock reads New York time")
    func localClock() throws {
        let temporary = try TemporaryDemoStore()
        let now = Fixture.instant("2026-11-23T14:00:00Z")
        let day = try #require(try temporary.store.panelDay(spaceId: "nyc-r-liberty", at: now))
        let model = PanelViewModelBuilder.build(place: day.place, bookings: day.bookings, hygiene: day.hygiene,
                                                organiserNames: day.organiserNames, now: now, language: .english)
        #expect(model.time == LocalTime(hour: 9))
    }

    @Test("Static content walks a small square, one step every ten minutes", arguments: [0, 9, 10, 155, 1439])
    func pixelShift(_ minute: Int) {
        let shift = PanelViewModelBuilder.pixelShift(minuteOfDay: minute)
        #expect(abs(shift.x) <= 2 && abs(shift.y) <= 2)
        #expect(PanelViewModelBuilder.pixelShift(minuteOfDay: minute - minute % 10) == shift)
    }
}

/// The demo world in a temporary store file.
final class TemporaryDemoStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lintel-display-\(UUID().uuidString)")
    let store: AuthStore

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try AuthStore(path: folder.appendingPathComponent("store.sqlite").path)
        try store.importSnapshot(json: try Data(contentsOf: ProjectFiles.demoWorld))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
