import LintelDisplay
import LintelPolicy
import LintelTestKit
import Testing

@Suite("Damage tracking: only what changed is redrawn")
struct DamageTrackingTests {
    static var fonts: FontSet { GoldenImageTests.fonts }

    struct Change: Sendable, CustomTestStringConvertible {
        let rule: String
        let change: @Sendable (inout PanelViewModel) -> Void
        /// How many regions must be redrawn.
        let regions: Int
        var testDescription: String { rule }
    }

    @Test("A change redraws only its regions", arguments: [
        Change(rule: "Nothing changed: nothing redrawn", change: { _ in }, regions: 0),
        Change(rule: "A minute tick redraws the clock alone", change: { $0.time = LocalTime(hour: 14, minute: 3) }, regions: 1),
        Change(rule: "A countdown second redraws the footer alone",
               change: { if case .status(.checkInDue(let item, let s)) = $0.screen { $0.screen = .status(.checkInDue(item, secondsLeft: s - 1)) } },
               regions: 1),
        Change(rule: "A new booking later today redraws the agenda alone",
               change: { $0.agenda.append(AgendaItem(start: LocalTime(hour: 18), end: LocalTime(hour: 19))) }, regions: 1),
        Change(rule: "Going offline redraws the offline note alone", change: { $0.offlineMinutes = 3 }, regions: 1),
        Change(rule: "Checking in redraws the status pane (header, status, footer)",
               change: { $0.screen = .status(.inUse(AgendaItem(start: LocalTime(hour: 14), end: LocalTime(hour: 15), subject: "Design review: lobby signage"))) },
               regions: 3),
    ])
    func redrawsOnlyChangedRegions(_ change: Change) throws {
        let renderer = PanelRenderer(width: 1280, height: 800, fonts: Self.fonts)
        var model = try #require(PreviewModels.model("checkin-due"))
        let first = renderer.render(model)
        #expect(first.reduce(Rect.zero) { $0.union($1) } == Rect(x: 0, y: 0, width: 1280, height: 800), "the first frame covers the whole screen")
        let before = renderer.frame
        change.change(&model)
        let damage = renderer.render(model)
        #expect(damage.count == change.regions)
        // Outside the damage, not one pixel changed.
        var outside = renderer.frame
        for rect in damage { outside.copy(rect, from: before) }
        #expect(outside == before)
    }

    @Test("A clock tick touches under 2.5% of a 1280×800 frame")
    func clockTickIsSmall() throws {
        let renderer = PanelRenderer(width: 1280, height: 800, fonts: Self.fonts)
        var model = try #require(PreviewModels.model("in-use"))
        renderer.render(model)
        model.time = LocalTime(hour: 14, minute: 13)
        let damage = renderer.render(model)
        #expect(damage.count == 1)
        #expect(damage.reduce(0) { $0 + $1.area } < 1280 * 800 / 40)
    }

    @Test("Rotated damage lands where the rotated frame changed", arguments: [90, 180, 270])
    func rotatedDamage(_ degrees: Int) {
        var frame = FrameBuffer(width: 40, height: 30)
        let rect = Rect(x: 5, y: 3, width: 10, height: 4)
        frame.fill(rect, .white)
        let rotated = frame.rotated(by: degrees)
        let mapped = frame.rotate(rect, by: degrees)
        var whites = 0
        for y in 0..<rotated.height { for x in 0..<rotated.width where rotated[x, y] == .white { whites += 1 } }
        #expect(whites == rect.area)
        for y in mapped.y..<mapped.maxY { for x in mapped.x..<mapped.maxX { #expect(rotated[x, y] == .white) } }
    }
}
