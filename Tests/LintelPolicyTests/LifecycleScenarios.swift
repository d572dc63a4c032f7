import LintelPolicy
import LintelTestKit

private let otherSpaceBooking = with(mondayMeeting) { $0.spaceId = "room-2" }
private let badgePanel = Fixture.place(location: { var l = Fixture.amsterdam; l.panelAccess = .badge; return l }())
private let noCheckIn = Fixture.place(location: { var l = Fixture.amsterdam; l.checkIn = nil; return l }())
private let plainOffice = Fixture.place(.desk, location: { var l = Fixture.amsterdam; l.hygienic = false; return l }())
private let deskMeeting = with(mondayMeeting) { $0.spaceId = "desk-1" }
private let dirty = DeskHygiene(spaceId: "desk-1", state: .needsCleaning, since: Fixture.instant("2026-11-23T08:00:00+01:00"))
private let colleague = Fixture.user("u-2")

/// Check-in, release, ending, cancelling, extending and approving an existing booking
/// (Monday 10:00–11:00, check-in from 09:50 to 10:10).
let lifecycleScenarios: [Scenario] = [
    // Check-in window
    .act("Check-in is not open 11 minutes before the start", .checkIn, expect: "check_in_not_open", booking: mondayMeeting, at: "2026-11-23T09:49:00+01:00"),
    .act("Check-in opens 10 minutes before the start", .checkIn, expect: "allowed", booking: mondayMeeting, at: "2026-11-23T09:50:00+01:00"),
    .act("Check-in of a booking the panel knows goes on while it is offline too long to book", .checkIn, expect: "allowed",
         booking: mondayMeeting, at: "2026-11-23T09:50:00+01:00") { $0.dataTooOld = true },
    .act("Check-in is open until 10 minutes after the start", .checkIn, expect: "allowed", booking: mondayMeeting, at: "2026-11-23T10:09:59+01:00"),
    .act("Check-in closes 10 minutes after the start", .checkIn, expect: "check_in_closed", booking: mondayMeeting, at: "2026-11-23T10:10:00+01:00"),
    .act("A booking is checked in once", .checkIn, expect: "already_checked_in",
         booking: with(mondayMeeting) { $0.checkIn = .checkedIn }, at: "2026-11-23T10:00:00+01:00"),
    .act("A booking waiting for approval cannot be checked in", .checkIn, expect: "approval_pending",
         booking: with(mondayMeeting) { $0.approval = .pending }, at: "2026-11-23T10:00:00+01:00"),
    .act("Locations without check-in have nothing to check in", .checkIn, expect: "check_in_not_required", place: noCheckIn,
         booking: mondayMeeting, at: "2026-11-23T10:00:00+01:00"),
    .act("A hygienic desk that needs cleaning is not checked in until cleaned", .checkIn, expect: "desk_needs_cleaning",
         place: Fixture.place(.desk), booking: deskMeeting, at: "2026-11-23T10:00:00+01:00") { $0.hygiene = dirty },
    .act("Outside hygienic locations cleaning does not hold up check-in", .checkIn, expect: "allowed", place: plainOffice,
         booking: deskMeeting, at: "2026-11-23T10:00:00+01:00") { $0.hygiene = dirty },
    .act("At a panel open to anyone, a colleague checks the meeting in", .checkIn, expect: "allowed", by: colleague,
         booking: mondayMeeting, at: "2026-11-23T10:00:00+01:00"),
    .act("At an open panel an anonymous press checks the meeting in", .checkIn, expect: "allowed", by: .anonymous,
         booking: mondayMeeting, at: "2026-11-23T10:00:00+01:00"),
    .act("At a badge-only panel only the owner or a manager checks in", .checkIn, expect: "not_booking_owner", by: colleague,
         place: badgePanel, booking: mondayMeeting, at: "2026-11-23T10:00:00+01:00"),
    .act("At a badge-only panel the owner checks in with their badge", .checkIn, expect: "allowed",
         place: badgePanel, booking: mondayMeeting, at: "2026-11-23T10:00:00+01:00"),
    .act("At a badge-only panel a Booking Manager checks someone in", .checkIn, expect: "allowed",
         by: Fixture.user("u-2", roles: [.bookingManager]), place: badgePanel, booking: mondayMeeting, at: "2026-11-23T10:00:00+01:00"),
    .act("Check-in with no booking due", .checkIn, expect: "booking_required", at: "2026-11-23T10:00:00+01:00"),
    .act("A booking on another space", .checkIn, expect: "unknown_booking", booking: otherSpaceBooking, at: "2026-11-23T10:00:00+01:00"),
    .act("A cancelled booking cannot be checked in", .checkIn, expect: "booking_not_active",
         booking: with(mondayMeeting) { $0.status = .cancelled }, at: "2026-11-23T10:00:00+01:00"),
    // Auto-release
    .act("A no-show is released when the check-in window closes", .autoRelease, expect: "allowed", by: .system,
         booking: mondayMeeting, at: "2026-11-23T10:10:00+01:00"),
    .act("No release while the check-in window is open", .autoRelease, expect: "release_too_early", by: .system,
         booking: mondayMeeting, at: "2026-11-23T10:09:00+01:00"),
    .act("A checked-in booking is never released", .autoRelease, expect: "already_checked_in", by: .system,
         booking: with(mondayMeeting) { $0.checkIn = .checkedIn }, at: "2026-11-23T10:30:00+01:00"),
    .act("No release where check-in is not used", .autoRelease, expect: "check_in_not_required", by: .system, place: noCheckIn,
         booking: mondayMeeting, at: "2026-11-23T10:30:00+01:00"),
    .act("An ended booking is not released", .autoRelease, expect: "booking_already_ended", by: .system,
         booking: with(mondayMeeting) { $0.status = .ended }, at: "2026-11-23T10:30:00+01:00"),
    // End early
    .act("The owner ends an in-progress booking early", .end, expect: "allowed", booking: mondayMeeting, at: "2026-11-23T10:30:00+01:00"),
    .act("A booking that has not started cannot be ended", .end, expect: "booking_not_in_progress", booking: mondayMeeting, at: "2026-11-23T09:55:00+01:00"),
    .act("A booking that is over cannot be ended", .end, expect: "booking_already_ended", booking: mondayMeeting, at: "2026-11-23T11:00:00+01:00"),
    .act("The system ends a checked-in booking whose room its sensor saw empty", .end, expect: "allowed", by: .system,
         booking: with(mondayMeeting) { $0.checkIn = .checkedIn }, at: "2026-11-23T10:30:00+01:00"),
    .act("The system cannot cancel a booking", .cancel, expect: "actor_not_permitted", by: .system, booking: mondayMeeting, at: monday0900),
    // Cancel
    .act("The owner cancels before the start", .cancel, expect: "allowed", booking: mondayMeeting, at: monday0900),
    .act("A started booking is ended, not cancelled", .cancel, expect: "booking_already_started", booking: mondayMeeting, at: "2026-11-23T10:05:00+01:00"),
    .act("A colleague cannot cancel someone's booking", .cancel, expect: "not_booking_owner", by: colleague, booking: mondayMeeting, at: monday0900),
    .act("A Booking Manager deletes someone's booking", .cancel, expect: "allowed", by: Fixture.user("u-2", roles: [.bookingManager]),
         booking: mondayMeeting, at: monday0900),
    .act("A Booking Manager excluded from the space cannot manage its bookings", .cancel, expect: "not_booking_owner",
         by: Fixture.user("u-2", roles: [Fixture.role { $0.bookingLevel = .others; $0.bookingScope = PlaceScope(excludeSpaces: ["room-1"]) }]),
         booking: mondayMeeting, at: monday0900),
    .act("Anonymous walk-ups cannot cancel", .cancel, expect: "identification_required", by: .anonymous, booking: mondayMeeting, at: monday0900),
    .act("A cancelled booking stays cancelled", .cancel, expect: "booking_not_active",
         booking: with(mondayMeeting) { $0.status = .cancelled }, at: monday0900),
    .act("An ended booking cannot be cancelled", .cancel, expect: "booking_already_ended",
         booking: with(mondayMeeting) { $0.status = .ended }, at: monday0900),
    .act("A named booking that the store does not hold", .cancel, expect: "unknown_booking", booking: mondayMeeting, at: monday0900) {
        $0.booking = nil
    },
    // Extend
    .act("The owner extends by 30 minutes", .extend, expect: "allowed", booking: mondayMeeting, end: "2026-11-23T11:30:00+01:00",
         at: "2026-11-23T10:40:00+01:00"),
    .act("An extension must end later than now booked", .extend, expect: "extend_not_later", booking: mondayMeeting,
         end: "2026-11-23T10:45:00+01:00", at: "2026-11-23T10:40:00+01:00"),
    .act("An extension needs a new end", .extend, expect: "invalid_interval", booking: mondayMeeting, at: "2026-11-23T10:40:00+01:00"),
    .act("An extension cannot run into the next booking", .extend, expect: "space_already_booked", booking: mondayMeeting,
         end: "2026-11-23T11:30:00+01:00", at: "2026-11-23T10:40:00+01:00") {
        $0.spaceBookings = [mondayMeeting, Fixture.booking("bk-2", owner: "u-3", from: "2026-11-23T11:15:00+01:00", to: "2026-11-23T12:00:00+01:00")]
    },
    .act("An extension keeps to the role's duration limit", .extend, expect: "duration_exceeds_limit",
         by: Fixture.user(roles: [Fixture.role { $0.rooms.maxDurationMinutes = 60 }]), booking: mondayMeeting,
         end: "2026-11-23T11:30:00+01:00", at: "2026-11-23T10:40:00+01:00"),
    .act("An extension keeps to opening hours", .extend, expect: "outside_opening_hours", booking: mondayMeeting,
         end: "2026-11-23T18:30:00+01:00", at: "2026-11-23T10:40:00+01:00"),
    .act("An extension keeps the owner's visa valid", .extend, expect: "authorisation_not_valid",
         place: Fixture.place(requiresAuthorisation: true), booking: mondayMeeting, end: "2026-11-23T12:00:00+01:00", at: "2026-11-23T10:40:00+01:00") {
        $0.authorisations = [BookingAuthorisation(userId: "u-1", categoryId: "cat-room", visaId: "v",
                                                  validUntil: Fixture.instant("2026-11-23T11:30:00+01:00"))]
    },
    .act("A booking that is over cannot be extended", .extend, expect: "booking_already_ended", booking: mondayMeeting,
         end: "2026-11-23T12:00:00+01:00", at: "2026-11-23T11:05:00+01:00"),
    // Approvals
    .act("A Manager approves a pending booking", .approve, expect: "allowed", by: Fixture.user("u-2", platformRole: .manager, roles: [.manager]),
         booking: with(mondayMeeting) { $0.approval = .pending }, at: monday0900),
    .act("Booking approvals: not allowed", .approve, expect: "approval_not_permitted", by: colleague,
         booking: with(mondayMeeting) { $0.approval = .pending }, at: monday0900),
    .act("Booking approvals only for another location", .approve, expect: "approval_not_permitted",
         by: Fixture.user("u-2", roles: [Fixture.role { $0.approvals = .allowed(PlaceScope(includeLocations: ["loc-nyc"])) }]),
         booking: with(mondayMeeting) { $0.approval = .pending }, at: monday0900),
    .act("Booking approvals excluding this space", .approve, expect: "approval_not_permitted",
         by: Fixture.user("u-2", roles: [Fixture.role { $0.approvals = .allowed(PlaceScope(excludeSpaces: ["room-1"])) }]),
         booking: with(mondayMeeting) { $0.approval = .pending }, at: monday0900),
    .act("Booking approvals including this location", .approve, expect: "allowed",
         by: Fixture.user("u-2", roles: [Fixture.role { $0.approvals = .allowed(PlaceScope(includeLocations: ["loc-ams"])) }]),
         booking: with(mondayMeeting) { $0.approval = .pending }, at: monday0900),
    .act("Only a pending booking can be approved", .approve, expect: "not_pending_approval", by: Fixture.user("u-2", roles: [.manager]),
         booking: mondayMeeting, at: monday0900),
    // Week planner
    .act("Allow access to weekplanner", .weekPlanner, expect: "allowed", at: monday0900),
    .act("No access to the weekplanner", .weekPlanner, expect: "weekplanner_not_permitted",
         by: Fixture.user(roles: [Fixture.role { $0.weekPlanner = false }]), at: monday0900),
]
