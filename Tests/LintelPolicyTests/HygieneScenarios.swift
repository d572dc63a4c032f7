import LintelPolicy
import LintelTestKit

private func dirtyDesk(lastOwner: UserID?) -> DeskHygiene {
    DeskHygiene(spaceId: "desk-1", state: .needsCleaning, lastBookingId: "bk-0", lastOwnerId: lastOwner,
                since: Fixture.instant("2026-11-23T08:00:00+01:00"))
}

private func clean(_ name: String, level: CleanLevel, lastOwner: UserID?, expect: String) -> Scenario {
    .act(name, .markClean, expect: expect, by: Fixture.user("u-1", roles: [Fixture.role { $0.clean = level }]),
         place: Fixture.place(.desk), at: monday0900) { $0.hygiene = dirtyDesk(lastOwner: lastOwner) }
}

/// "Hygienic desk mark clean": the four levels against who last used the desk (anonymous, the
/// cleaner themself, someone else).
let hygieneScenarios: [Scenario] = [
    clean("None: cannot clean an anonymously booked desk", level: .none, lastOwner: nil, expect: "clean_not_permitted"),
    clean("None: cannot clean their own desk", level: .none, lastOwner: "u-1", expect: "clean_not_permitted"),
    clean("Anonymous: can clean an anonymously booked desk", level: .anonymous, lastOwner: nil, expect: "allowed"),
    clean("Anonymous: cannot clean their own desk", level: .anonymous, lastOwner: "u-1", expect: "clean_level_insufficient"),
    clean("Anonymous: cannot clean someone else's desk", level: .anonymous, lastOwner: "u-2", expect: "clean_level_insufficient"),
    clean("Anonymous and own: can clean an anonymous desk", level: .anonymousAndOwn, lastOwner: nil, expect: "allowed"),
    clean("Anonymous and own: can clean their own desk", level: .anonymousAndOwn, lastOwner: "u-1", expect: "allowed"),
    clean("Anonymous and own: cannot clean someone else's desk", level: .anonymousAndOwn, lastOwner: "u-2", expect: "clean_level_insufficient"),
    clean("All: can clean an anonymous desk", level: .all, lastOwner: nil, expect: "allowed"),
    clean("All: can clean someone else's desk", level: .all, lastOwner: "u-2", expect: "allowed"),
    .act("A clean desk needs no cleaning", .markClean, expect: "already_clean", place: Fixture.place(.desk), at: monday0900) {
        $0.hygiene = DeskHygiene(spaceId: "desk-1", state: .clean, since: Fixture.instant("2026-11-23T08:00:00+01:00"))
    },
    .act("Rooms are not hygienic desks", .markClean, expect: "not_hygienic_desk", at: monday0900),
    .act("Desks outside hygienic locations are not cleaned at the panel", .markClean, expect: "not_hygienic_desk",
         place: Fixture.place(.desk, location: Fixture.newYork, areaIds: ["nyc-f30"]), at: monday0900),
    .act("A Location Manager cleans any desk in the location", .markClean, expect: "allowed",
         by: Fixture.user(roles: [], assignments: [RoleAssignment(role: .locationManager, scope: "loc-ams")]),
         place: Fixture.place(.desk), at: monday0900) { $0.hygiene = dirtyDesk(lastOwner: "u-7") },
    .act("A cleaning module restricted to managers keeps users out", .markClean, expect: "module_not_permitted",
         place: Fixture.place(.desk), at: monday0900) {
        $0.hygiene = dirtyDesk(lastOwner: nil)
        $0.organisation.modules = ModuleAccess(minimumRole: [.hygiene: .manager])
    },
]
