import Foundation
import LintelDisplay
import LintelDisplayDRM
import LintelPolicy
import Testing

@Suite("Night schedule and backlight")
struct NightScheduleTests {
    static let night = NightSchedule(from: LocalTime(hour: 20), to: LocalTime(hour: 7), action: .dim(percent: 20), wholeDays: [.sun])
    static let monday = LocalDate(year: 2026, month: 11, day: 23)

    @Test("Dimmed from 20:00 to 07:00 across midnight, all Sunday", arguments: [
        (monday, LocalTime(hour: 19, minute: 59), 100),
        (monday, LocalTime(hour: 20), 20),
        (monday, LocalTime(hour: 23, minute: 30), 20),
        (monday.adding(days: 1), LocalTime(hour: 6, minute: 59), 20),
        (monday.adding(days: 1), LocalTime(hour: 7), 100),
        (monday.adding(days: 6), LocalTime(hour: 12), 20),
    ] as [(LocalDate, LocalTime, Int)])
    func brightness(_ date: LocalDate, _ time: LocalTime, _ percent: Int) {
        #expect(NightSchedule.brightness(for: Self.night.action(on: date, at: time)) == percent)
    }

    @Test("A daytime span and blanking")
    func blankSpan() {
        let lunch = NightSchedule(from: LocalTime(hour: 12), to: LocalTime(hour: 13), action: .blank)
        #expect(lunch.action(on: Self.monday, at: LocalTime(hour: 12, minute: 30)) == .blank)
        #expect(lunch.action(on: Self.monday, at: LocalTime(hour: 13)) == nil)
        #expect(NightSchedule.brightness(for: .blank) == 0)
    }

    @Test("The sysfs backlight is set as a share of its maximum, and powered off when blanked")
    func sysfsBacklight() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backlight-\(UUID().uuidString)")
        let device = root.appendingPathComponent("10-0045")
        try FileManager.default.createDirectory(at: device, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "255\n".write(to: device.appendingPathComponent("max_brightness"), atomically: true, encoding: .utf8)
        try "255\n".write(to: device.appendingPathComponent("brightness"), atomically: true, encoding: .utf8)
        try "0\n".write(to: device.appendingPathComponent("bl_power"), atomically: true, encoding: .utf8)
        let backlight = try #require(SysfsBacklight(root: root.path))
        try backlight.set(percent: 20)
        #expect(try String(contentsOf: device.appendingPathComponent("brightness"), encoding: .utf8) == "51\n")
        #expect(backlight.percent == 20)
        try backlight.set(percent: 0)
        #expect(try String(contentsOf: device.appendingPathComponent("bl_power"), encoding: .utf8) == "4\n")
        try backlight.set(percent: 100)
        #expect(try String(contentsOf: device.appendingPathComponent("bl_power"), encoding: .utf8) == "0\n")
        #expect(try String(contentsOf: device.appendingPathComponent("brightness"), encoding: .utf8) == "255\n")
    }

    @Test("No backlight directory: no backlight")
    func absent() {
        #expect(SysfsBacklight(root: "/nonexistent/backlight") == nil)
    }
}
