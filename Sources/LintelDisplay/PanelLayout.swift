/// Where each region sits, for any size from 800×480 to 1920×1080, landscape or portrait: the
/// status pane (header, status, footer) beside or above the side pane (clock, agenda, offline note).
struct PanelLayout {
    let landscape: Bool
    /// The scale unit: the shorter side; sizes are fractions of it.
    let unit: Int
    let padding: Int
    let header: Rect
    let status: Rect
    let footer: Rect
    let clock: Rect
    let agenda: Rect
    let overlay: Rect

    init(width: Int, height: Int) {
        landscape = width >= height
        unit = min(width, height)
        padding = unit * 5 / 100
        let u = unit
        let pane = landscape ? Rect(x: 0, y: 0, width: width * 62 / 100, height: height)
            : Rect(x: 0, y: 0, width: width, height: height * 58 / 100)
        let side = landscape ? Rect(x: pane.maxX, y: 0, width: width - pane.maxX, height: height)
            : Rect(x: 0, y: pane.maxY, width: width, height: height - pane.maxY)
        let headerHeight = u * 18 / 100, footerHeight = u * 24 / 100
        header = Rect(x: pane.x, y: pane.y, width: pane.width, height: headerHeight)
        footer = Rect(x: pane.x, y: pane.maxY - footerHeight, width: pane.width, height: footerHeight)
        status = Rect(x: pane.x, y: header.maxY, width: pane.width, height: footer.y - header.maxY)
        let clockHeight = u * 22 / 100, overlayHeight = u * 11 / 100
        clock = Rect(x: side.x, y: side.y, width: side.width, height: clockHeight)
        overlay = Rect(x: side.x, y: side.maxY - overlayHeight, width: side.width, height: overlayHeight)
        agenda = Rect(x: side.x, y: clock.maxY, width: side.width, height: overlay.y - clock.maxY)
    }

    /// A region less the side padding and the top padding (text hangs from the top).
    func topBox(_ region: Rect) -> Rect {
        Rect(x: region.x + padding, y: region.y + padding * 3 / 4, width: region.width - 2 * padding, height: region.height - padding * 3 / 4)
    }

    /// A region less the side padding and the bottom padding (text stands on the bottom).
    func bottomBox(_ region: Rect) -> Rect {
        Rect(x: region.x + padding, y: region.y, width: region.width - 2 * padding, height: region.height - padding * 3 / 4)
    }
}
