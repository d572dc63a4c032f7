public import LintelPolicy

/// The languages panels speak, with every string they show.
public enum PanelLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case dutch = "nl"
    case german = "de"
    case french = "fr"

    public enum Text: Sendable {
        case free, inUse, booked, checkInDue, released, needsCleaning, cleaned, startsSoon
        case until, allDay, next, noMoreBookings, pressToCheckIn, checkInCloses, releasedExplanation
        case cleanExplanation, cleanedExplanation, offline, clockUnset, pairTitle, pairInstructions
        case selfTest, errorTitle, room, desk, parking, startsIn, freeExplanation
    }

    public func text(_ key: Text) -> String {
        let row: (String, String, String, String)
        switch key {
        case .free: row = ("Free", "Vrij", "Frei", "Libre")
        case .inUse: row = ("In use", "Bezet", "Belegt", "Occupée")
        case .booked: row = ("Booked", "Gereserveerd", "Gebucht", "Réservée")
        case .checkInDue: row = ("Check in now", "Nu inchecken", "Jetzt einchecken", "Enregistrez-vous")
        case .released: row = ("Released", "Vrijgegeven", "Freigegeben", "Libérée")
        case .needsCleaning: row = ("Needs cleaning", "Moet schoongemaakt", "Reinigung nötig", "À nettoyer")
        case .cleaned: row = ("Cleaned", "Schoongemaakt", "Gereinigt", "Nettoyé")
        case .startsSoon: row = ("Booked soon", "Zo bezet", "Bald belegt", "Bientôt réservée")
        case .until: row = ("until", "tot", "bis", "jusqu’à")
        case .allDay: row = ("for the rest of the day", "voor de rest van de dag", "für den Rest des Tages", "pour le reste de la journée")
        case .next: row = ("Next", "Hierna", "Als Nächstes", "Ensuite")
        case .noMoreBookings: row = ("No more bookings today", "Geen reserveringen meer vandaag", "Heute keine Buchungen mehr", "Plus de réservations aujourd’hui")
        case .pressToCheckIn: row = ("Press the check-in button or present your badge", "Druk op de incheckknop of houd je pas voor de lezer",
                                     "Check-in-Taste drücken oder Ausweis vorhalten", "Appuyez sur le bouton ou présentez votre badge")
        case .checkInCloses: row = ("Released if nobody checks in within", "Vrijgegeven als niemand incheckt binnen",
                                    "Wird freigegeben ohne Check-in in", "Libérée sans enregistrement dans")
        case .releasedExplanation: row = ("Nobody checked in, so the booking was released", "Niemand checkte in, de reservering is vrijgegeven",
                                          "Niemand hat eingecheckt, die Buchung wurde freigegeben", "Personne ne s’est enregistré, la réservation est libérée")
        case .cleanExplanation: row = ("Mark it clean with a cleaner’s badge", "Markeer als schoon met een schoonmaakpas",
                                       "Mit einem Reinigungsausweis als sauber melden", "Marquez-le propre avec un badge de nettoyage")
        case .cleanedExplanation: row = ("Ready for the next person", "Klaar voor de volgende", "Bereit für die nächste Person", "Prêt pour la personne suivante")
        case .offline: row = ("Offline · data from", "Offline · gegevens van", "Offline · Daten von", "Hors ligne · données d’il y a")
        case .clockUnset: row = ("Time not set yet", "Tijd nog niet ingesteld", "Uhrzeit noch nicht gestellt", "Heure pas encore réglée")
        case .pairTitle: row = ("Pair this panel", "Koppel dit scherm", "Dieses Display koppeln", "Associer cet écran")
        case .pairInstructions: row = ("Scan the code or enter it in the platform", "Scan de code of voer hem in op het platform",
                                       "Code scannen oder auf der Plattform eingeben", "Scannez le code ou saisissez-le sur la plateforme")
        case .selfTest: row = ("Display test", "Schermtest", "Bildschirmtest", "Test d’écran")
        case .errorTitle: row = ("This panel needs attention", "Dit scherm heeft aandacht nodig", "Dieses Display braucht Aufmerksamkeit", "Cet écran nécessite une intervention")
        case .room: row = ("Room", "Ruimte", "Raum", "Salle")
        case .desk: row = ("Desk", "Werkplek", "Arbeitsplatz", "Bureau")
        case .parking: row = ("Parking", "Parkeerplaats", "Parkplatz", "Parking")
        case .startsIn: row = ("starts in", "begint over", "beginnt in", "commence dans")
        case .freeExplanation: row = ("Book it now at this panel", "Reserveer nu via dit scherm", "Jetzt hier buchen", "Réservez maintenant sur cet écran")
        }
        switch self {
        case .english: return row.0
        case .dutch: return row.1
        case .german: return row.2
        case .french: return row.3
        }
    }

    /// The date as people read it on a door panel: "Mon 23 Nov", "ma 23 nov", "Mo. 23. Nov.", "lun. 23 nov.".
    public func date(_ date: LocalDate) -> String {
        let weekday = Weekday.allCases.firstIndex(of: date.weekday)!
        let m = date.month - 1
        switch self {
        case .english:
            return "\(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday]) \(date.day) \(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m])"
        case .dutch:
            return "\(["ma", "di", "wo", "do", "vr", "za", "zo"][weekday]) \(date.day) \(["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"][m])"
        case .german:
            return "\(["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."][weekday]) \(date.day). \(["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."][m])"
        case .french:
            return "\(["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."][weekday]) \(date.day) \(["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."][m])"
        }
    }

    /// "12 min" / "1:05" style durations.
    public func minutes(_ count: Int) -> String { "\(count) min" }
}
