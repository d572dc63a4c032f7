import LintelPolicy
import LintelTestKit

/// Platform Manager: activity states and module levels; who may act at all.
let membershipScenarios: [Scenario] = [
    .book("An active user books a free room in opening hours", expect: "allowed",
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("Pending users have no access (linked, no role yet)", expect: "user_pending", by: Fixture.user(state: .pending),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("Inactive users have no access to space modules", expect: "user_inactive", by: Fixture.user(state: .inactive),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("A visitor is below the booking module's user level", expect: "module_not_permitted", by: Fixture.user(platformRole: .visitor),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("A module restricted to visitor level lets visitors book", expect: "allowed", by: Fixture.user(platformRole: .visitor),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00") {
        $0.organisation.modules = ModuleAccess(minimumRole: [.booking: .visitor])
    },
    .act("Approvals restricted to managers keep users out", .approve, expect: "module_not_permitted",
         booking: with(mondayMeeting) { $0.approval = .pending }, at: monday0900) {
        $0.organisation.modules = ModuleAccess(minimumRole: [.approvals: .manager])
    },
    .book("An unknown user id is refused", expect: "unknown_user", by: .unknownUser("u-ghost"),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("A badge linked to nobody is refused", expect: "unknown_badge", by: .unknownBadge("DEADBEEF"),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("The system only releases no-shows", expect: "actor_not_permitted", by: .system,
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .act("People do not auto-release bookings", .autoRelease, expect: "system_only", booking: mondayMeeting, at: "2026-11-23T10:30:00+01:00"),
    .act("Anonymous walk-ups cannot mark desks clean", .markClean, expect: "identification_required", by: .anonymous,
         place: Fixture.place(.desk), at: monday0900),
    .book("Anonymous walk-ups cannot use a badge-only panel", expect: "badge_required", by: .anonymous,
          place: Fixture.place(location: { var l = Fixture.amsterdam; l.panelAccess = .badge; return l }()),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T10:30:00+01:00"),
    .book("An anonymous walk-up books a room now at an open panel", expect: "allowed", by: .anonymous,
          from: "2026-11-23T09:00:00+01:00", to: "2026-11-23T09:30:00+01:00"),
    .book("Walk-up bookings follow the walk-up role's limits", expect: "duration_exceeds_limit", by: .anonymous,
          from: "2026-11-23T09:00:00+01:00", to: "2026-11-23T10:30:00+01:00") {
        $0.walkUpRole = Fixture.role("walk-up") { $0.rooms.maxDurationMinutes = 60 }
    },
    .book("Anonymous walk-ups cannot book on behalf of someone", expect: "identification_required", by: .anonymous,
          from: "2026-11-23T09:00:00+01:00", to: "2026-11-23T09:30:00+01:00", onBehalfOf: "u-2"),
    .book("A space that does not exist", expect: "unknown_space", place: nil,
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
    .book("A non-bookable space (occupancy only)", expect: "space_not_bookable", place: Fixture.place(bookable: false),
          from: "2026-11-23T10:00:00+01:00", to: "2026-11-23T11:00:00+01:00"),
]
