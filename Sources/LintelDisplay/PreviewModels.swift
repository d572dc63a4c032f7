public import LintelPolicy

/// Sample panels for every screen: previews (`lintel render --screen NAME`), `docs/screens/`, and
/// the golden-image tests.
public enum PreviewModels {
    public static let screenNames = ["free", "upcoming", "checkin-due", "in-use", "in-use-private", "released",
                                     "needs-cleaning", "cleaned", "offline", "pairing", "selftest", "error"]

    /// The model `frames` ticks later: a check-in countdown loses a second a tick, any other
    /// status screen's clock gains a minute a tick. Shared by `lintel render --frames` and
    /// `lintel display test --frames`, so both end on the same picture.
    public static func advanced(_ model: PanelViewModel, frames: Int) -> PanelViewModel {
        var next = model
        guard frames > 0, case .status(let status) = model.screen else { return model }
        if case .checkInDue(let item, let seconds) = status {
            next.screen = .status(.checkInDue(item, secondsLeft: max(0, seconds - frames)))
        } else {
            let minutes = (model.time.minutes + frames) % 1440
            next.time = LocalTime(hour: minutes / 60, minute: minutes % 60)
        }
        return next
    }

    public static func model(_ name: String, kind: ResourceKind = .room, language: PanelLanguage = .english,
                             spaceName: String? = nil, locationName: String = "Amsterdam Zuidas") -> PanelViewModel? {
        let review = AgendaItem(start: LocalTime(hour: 14), end: LocalTime(hour: 15), subject: "Design review: lobby signage", organiser: "Chloé Martin")
        let agenda = [
            AgendaItem(start: LocalTime(hour: 15, minute: 30), end: LocalTime(hour: 16), subject: "1:1", organiser: "Devika Rao"),
            AgendaItem(start: LocalTime(hour: 16), end: LocalTime(hour: 17, minute: 30), subject: "Quarterly planning with the regional facility teams", organiser: "Anna de Vries"),
            AgendaItem(start: LocalTime(hour: 17, minute: 30), end: LocalTime(hour: 18)),
        ]
        let name0 = spaceName ?? (kind == .desk ? "Desk 2.03" : "Tulip")
        var model = PanelViewModel(screen: .status(.free(until: LocalTime(hour: 14))), kind: kind, spaceName: name0, locationName: locationName,
                                   time: LocalTime(hour: 13, minute: 52), date: LocalDate(year: 2026, month: 11, day: 23), language: language,
                                   agenda: [review] + agenda)
        switch name {
        case "free": break
        case "upcoming": model.screen = .status(.upcoming(review, inMinutes: 8)); model.agenda = agenda
        case "checkin-due": model.screen = .status(.checkInDue(review, secondsLeft: 437)); model.agenda = agenda; model.time = LocalTime(hour: 14, minute: 2)
        case "in-use": model.screen = .status(.inUse(review)); model.agenda = agenda; model.time = LocalTime(hour: 14, minute: 12)
        case "in-use-private":
            model.screen = .status(.inUse(AgendaItem(start: review.start, end: review.end))); model.agenda = agenda; model.time = LocalTime(hour: 14, minute: 12)
        case "released": model.screen = .status(.released(review)); model.agenda = agenda; model.time = LocalTime(hour: 14, minute: 11)
        case "needs-cleaning": model.screen = .status(.needsCleaning); model.kind = .desk; model.spaceName = spaceName ?? "Desk 2.03"
        case "cleaned": model.screen = .status(.cleaned); model.kind = .desk; model.spaceName = spaceName ?? "Desk 2.03"
        case "offline": model.offlineMinutes = 12
        case "pairing": model.screen = .pairing(code: "483-921", url: "https://lintel.example/pair/483921")
        case "selftest": model.screen = .selfTest
        case "error": model.screen = .error("No configuration found at /etc/lintel/agent.yaml. Provision this panel, or copy a configuration there and restart the lintel service.")
        default: return nil
        }
        return model
    }
}
