public import Foundation
public import LintelDisplay
public import LintelPolicy

/// What the panel shows at an instant, from the space's day, the clock's state, the refusal on
/// show and the night schedule. Pure: the same inputs give the same picture.
public enum PanelPresenter {
    /// The panel's picture and brightness.
    public struct Presentation: Sendable, Equatable {
        public var model: PanelViewModel
        /// Backlight percent the night schedule asks for (0: blank).
        public var brightness: Int
    }

    public static func present(day: PanelDay, at now: Date, synchronised: Bool, notice: String?, occupied: Bool?,
                               offlineMinutes: Int? = nil, language: PanelLanguage, night: NightSchedule?) -> Presentation {
        let clock = day.place.clock
        let minutes = clock.minutesIntoDay(of: now)
        let action = night?.action(on: clock.date(of: now), at: LocalTime(hour: minutes / 60, minute: minutes % 60))
        var model = PanelViewModelBuilder.build(
            place: day.place, bookings: day.bookings, hygiene: day.hygiene, organiserNames: day.organiserNames, now: now, language: language,
            offlineMinutes: offlineMinutes, clockUnset: !synchronised, occupied: occupied)
        model.notice = notice
        return Presentation(model: model, brightness: NightSchedule.brightness(for: action))
    }

    /// The screen for a store that does not hold the space (yet).
    public static func missing(spaceId: SpaceID, language: PanelLanguage) -> PanelViewModel {
        PanelViewModel(screen: .error(AgentError.unknownSpace(spaceId).description), language: language)
    }
}
