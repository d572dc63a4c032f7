import LintelPolicy
import LintelTestKit

private let ten = "2026-11-23T10:00:00+01:00"
private let eleven = "2026-11-23T11:00:00+01:00"
private let notAllowed = Fixture.role("no-booking") { $0.bookingLevel = .notAllowed }
private let colleague = Fixture.user("u-2")

/// Booking rights, collisions and the physical rules for making a booking.
let bookingScenarios: [Scenario] = [
    .book("A booking needs its start before its end", expect: "invalid_interval", from: eleven, to: ten),
    .book("A panel offline longer than its staleness takes no new booking", expect: "data_too_old", from: ten, to: eleven) {
        $0.dataTooOld = true
    },
    .book("Nothing is booked in the past", expect: "booking_in_past",
          from: "2026-11-23T08:00:00+01:00", to: "2026-11-23T08:30:00+01:00"),
    .book("Book now within the current minute counts as now", expect: "allowed",
          from: "2026-11-23T08:59:30+01:00", to: "2026-11-23T09:30:00+01:00"),
    .book("No overlapping bookings on one space", expect: "space_already_booked",
          from: "2026-11-23T10:30:00+01:00", to: "2026-11-23T11:30:00+01:00") { $0.spaceBookings = [mondayMeeting] },
    .book("Back-to-back bookings do not overlap", expect: "allowed", from: eleven, to: "2026-11-23T12:00:00+01:00") {
        $0.spaceBookings = [mondayMeeting]
    },
    .book("A cancelled booking frees its space", expect: "allowed", from: ten, to: eleven) {
        $0.spaceBookings = [with(mondayMeeting) { $0.status = .cancelled }]
    },
    .book("A released no-show frees its space", expect: "allowed", from: ten, to: eleven) {
        $0.spaceBookings = [with(mondayMeeting) { $0.status = .released }]
    },
    .book("Bookings: not allowed to make or manage bookings", expect: "booking_not_allowed",
          by: Fixture.user(roles: [notAllowed]), from: ten, to: eleven),
    .book("A user with no booking role cannot book", expect: "booking_not_allowed", by: Fixture.user(roles: []), from: ten, to: eleven),
    .book("Own bookings only: no booking on behalf of others", expect: "on_behalf_not_allowed",
          from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = colleague },
    .book("A Booking Manager books a room on behalf of a colleague", expect: "allowed", by: Fixture.user(roles: [.bookingManager]),
          from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = colleague },
    .book("Desks on behalf need team and on-behalf bookings enabled", expect: "on_behalf_not_allowed",
          by: Fixture.user(roles: [Fixture.role { $0.bookingLevel = .others; $0.teamAndOnBehalfBookings = false }]),
          place: Fixture.place(.desk), from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = colleague },
    .book("Parking on behalf with team and on-behalf bookings enabled", expect: "allowed",
          by: Fixture.user(roles: [Fixture.role { $0.bookingLevel = .others; $0.teamAndOnBehalfBookings = true }]),
          place: Fixture.place(.parking), from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = colleague },
    .book("The person booked for must have active access", expect: "beneficiary_not_active", by: Fixture.user(roles: [.bookingManager]),
          from: ten, to: eleven, onBehalfOf: "u-2") { $0.beneficiary = Fixture.user("u-2", state: .inactive) },
    .book("The person booked for must exist", expect: "unknown_user", by: Fixture.user(roles: [.bookingManager]),
          from: ten, to: eleven, onBehalfOf: "u-ghost") { $0.beneficiary = .unknownUser("u-ghost") },
    .book("A category that requires authorisation needs a visa", expect: "authorisation_required",
          place: Fixture.place(requiresAuthorisation: true), from: ten, to: eleven),
    .book("An expired visa does not authorise", expect: "authorisation_not_valid",
          place: Fixture.place(requiresAuthorisation: true), from: ten, to: eleven) {
        $0.authorisations = [BookingAuthorisation(userId: "u-1", categoryId: "cat-room", visaId: "v",
                                                  validUntil: Fixture.instant("2026-01-01T00:00:00Z"))]
    },
    .book("A visa must cover the whole booking", expect: "authorisation_not_valid",
          place: Fixture.place(requiresAuthorisation: true), from: ten, to: eleven) {
        $0.authorisations = [BookingAuthorisation(userId: "u-1", categoryId: "cat-room", visaId: "v",
                                                  validUntil: Fixture.instant("2026-11-23T10:30:00+01:00"))]
    },
    .book("A valid visa authorises the category", expect: "allowed", place: Fixture.place(requiresAuthorisation: true), from: ten, to: eleven) {
        $0.authorisations = [BookingAuthorisation(userId: "u-1", categoryId: "cat-room", visaId: "v",
                                                  validFrom: Fixture.instant("2026-01-01T00:00:00Z"))]
    },
    .book("Another category's visa does not count", expect: "authorisation_required",
          place: Fixture.place(requiresAuthorisation: true), from: ten, to: eleven) {
        $0.authorisations = [BookingAuthorisation(userId: "u-1", categoryId: "cat-lab", visaId: "v")]
    },
    .book("Anonymous bookings cannot hold a visa", expect: "authorisation_required", by: .anonymous,
          place: Fixture.place(requiresAuthorisation: true), from: "2026-11-23T09:00:00+01:00", to: "2026-11-23T09:30:00+01:00"),
    .book("Recurring desk bookings need the permission", expect: "recurring_not_allowed",
          by: Fixture.user(roles: [Fixture.role { $0.desks.recurring = .notAllowed }]), place: Fixture.place(.desk),
          from: ten, to: eleven, recurring: true),
    .book("Recurring desk bookings allowed only for specific locations", expect: "recurring_not_allowed",
          by: Fixture.user(roles: [Fixture.role { $0.desks.recurring = .allowed(PlaceScope(includeLocations: ["floor-3"])) }]),
          place: Fixture.place(.desk), from: ten, to: eleven, recurring: true),
    .book("Recurring desk bookings in an included location", expect: "allowed",
          by: Fixture.user(roles: [Fixture.role { $0.desks.recurring = .allowed(PlaceScope(includeLocations: ["floor-2"])) }]),
          place: Fixture.place(.desk), from: ten, to: eleven, recurring: true),
    .book("Recurring parking bookings need the permission", expect: "recurring_not_allowed",
          by: Fixture.user(roles: [Fixture.role { $0.parking.recurring = .notAllowed }]), place: Fixture.place(.parking),
          from: ten, to: eleven, recurring: true),
    .book("Simultaneous desk bookings are off: a second desk at the same time is refused", expect: "simultaneous_booking_not_allowed",
          place: Fixture.place(.desk), from: ten, to: eleven) {
        $0.ownerBookings = [Fixture.booking("bk-other", space: "desk-9", from: "2026-11-23T09:30:00+01:00", to: "2026-11-23T12:00:00+01:00")]
    },
    .book("Simultaneous desk bookings allowed by the role", expect: "allowed",
          by: Fixture.user(roles: [Fixture.role { $0.desks.simultaneous = true }]), place: Fixture.place(.desk), from: ten, to: eleven) {
        $0.ownerBookings = [Fixture.booking("bk-other", space: "desk-9", from: "2026-11-23T09:30:00+01:00", to: "2026-11-23T12:00:00+01:00")]
    },
    .book("Simultaneous parking bookings are off", expect: "simultaneous_booking_not_allowed", place: Fixture.place(.parking),
          from: ten, to: eleven) {
        $0.ownerBookings = [Fixture.booking("bk-other", space: "parking-9", from: ten, to: eleven)]
    },
    .book("A desk booked by someone else at the same time does not count as simultaneous", expect: "allowed",
          place: Fixture.place(.desk), from: ten, to: eleven) {
        $0.ownerBookings = [Fixture.booking("bk-other", space: "desk-9", owner: "u-2", from: ten, to: eleven)]
    },
    .book("A booking that needs approval is made and waits", expect: "allowed_pending_approval",
          place: Fixture.place(requiresApproval: true), from: ten, to: eleven),
    .book("Someone who may approve there books without waiting", expect: "allowed", by: Fixture.user(roles: [.manager]),
          place: Fixture.place(requiresApproval: true), from: ten, to: eleven),
    .book("Rights from several roles add up", expect: "allowed",
          by: Fixture.user(roles: [Fixture.role("short") { $0.rooms.maxDurationMinutes = 30 }, .user]), from: ten, to: eleven),
    .book("When every role refuses, the reason comes from the role that got furthest", expect: "duration_exceeds_limit",
          by: Fixture.user(roles: [notAllowed, Fixture.role("short") { $0.rooms.maxDurationMinutes = 30 }]), from: ten, to: eleven),
    .book("The Manager role books outside opening hours", expect: "allowed", by: Fixture.user(roles: [.manager]),
          from: "2026-11-23T20:00:00+01:00", to: "2026-11-23T21:00:00+01:00"),
]
