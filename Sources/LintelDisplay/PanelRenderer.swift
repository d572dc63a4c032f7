/// Draws panel screens into a frame buffer in the panel's logical orientation and reports what
/// changed. The screen is cut into regions (header, status, footer, clock, agenda, offline note);
/// a region is redrawn only when what it shows changed, so a minute tick repaints the clock alone.
public final class PanelRenderer: @unchecked Sendable {
    public let width: Int
    public let height: Int
    public private(set) var frame: FrameBuffer
    private let fonts: FontSet
    private let text: TextRenderer
    private var shown: [Region: [AnyHashable]] = [:]
    /// The last status model drawn, for the minute-tick fast path.
    private var lastModel: PanelViewModel?
    private lazy var layout = PanelLayout(width: width, height: height)
    private lazy var clock = clockLayout(layout)

    enum Region: CaseIterable { case header, status, footer, clock, date, agenda, overlay, full }

    public init(width: Int, height: Int, fonts: FontSet, cache: GlyphCache = GlyphCache()) {
        self.width = width
        self.height = height
        self.fonts = fonts
        text = TextRenderer(cache: cache)
        frame = FrameBuffer(width: width, height: height)
    }

    /// Forgets what is on screen, so the next render redraws everything.
    public func invalidate() {
        shown = [:]
        lastModel = nil
    }

    /// Renders the model; returns the rectangles that changed (empty when nothing did).
    @discardableResult
    public func render(_ model: PanelViewModel) -> [Rect] {
        guard case .status(let status) = model.screen else {
            let key: [AnyHashable] = ["\(model.screen)", model.language, model.spaceName]
            guard shown[.full] != key else { return [] }
            shown = [.full: key]
            switch model.screen {
            case .pairing(let code, let url): drawPairing(model, code: code, url: url)
            case .selfTest: SelfTestPattern.draw(into: &frame, label: "\(model.language.text(.selfTest)) · \(width)×\(height)", text: text, fonts: fonts)
            case .error(let message): drawError(model, message: message)
            case .status: break
            }
            return [frame.bounds]
        }
        if shown[.full] != nil { shown = [:] }
        // Fast path: a minute tick changes the time alone, so only the clock digits are drawn.
        if var last = lastModel, last.time != model.time, shown[.clock] != nil {
            last.time = model.time
            if last == model {
                lastModel = model
                shown[.clock] = [model.time, model.clockUnset, model.pixelShift.x, model.pixelShift.y]
                drawTime(model, clock: clock)
                return [clock.box]
            }
        }
        lastModel = model
        let layout = self.layout, clock = self.clock
        let colour = PanelTheme.colour(of: status)
        var damage: [Rect] = []
        func region(_ region: Region, _ rect: Rect, key: [AnyHashable], draw: () -> Void) {
            guard shown[region] != key else { return }
            shown[region] = key
            draw()
            damage.append(rect)
        }
        let shift: [AnyHashable] = [model.pixelShift.x, model.pixelShift.y]
        let paneKey: [AnyHashable] = [colour, model.language] + shift
        region(.header, layout.header, key: paneKey + [model.spaceName, model.kind, model.locationName]) {
            drawHeader(model, layout: layout, colour: colour)
        }
        region(.status, layout.status, key: paneKey + [statusKey(status)]) {
            drawStatus(model, status: status, layout: layout, colour: colour)
        }
        region(.footer, layout.footer, key: paneKey + [footerKey(status), model.notice]) {
            drawFooter(model, status: status, layout: layout, colour: colour)
        }
        region(.date, layout.clock, key: [model.date, model.language, model.clockUnset] + shift) {
            frame.fill(layout.clock, PanelTheme.side)
            drawDate(model, layout: layout, clock: clock)
            shown[.clock] = nil // the date's background covers the time too
        }
        region(.clock, clock.box, key: [model.time, model.clockUnset] + shift) {
            drawTime(model, clock: clock)
        }
        region(.agenda, layout.agenda, key: [model.agenda, model.language] + shift) {
            drawAgenda(model, layout: layout)
        }
        region(.overlay, layout.overlay, key: [model.offlineMinutes, model.language]) {
            drawOverlay(model, layout: layout)
        }
        return damage
    }

    /// The status text does not show the countdown, so its seconds must not redraw it.
    private func statusKey(_ status: PanelStatus) -> AnyHashable {
        if case .checkInDue(let item, _) = status { return ["due", item] as [AnyHashable] }
        return status
    }

    /// The footer changes with the countdown, once a second, and with nothing else.
    private func footerKey(_ status: PanelStatus) -> AnyHashable {
        if case .checkInDue(_, let seconds) = status { return ["due", seconds] as [AnyHashable] }
        return status.name
    }

    // MARK: Status screen parts

    private func drawHeader(_ model: PanelViewModel, layout: PanelLayout, colour: Color) {
        frame.fill(layout.header, colour)
        let u = layout.unit, box = layout.topBox(layout.header).shifted(model.pixelShift)
        let kind = model.language.text(model.kind == .room ? .room : model.kind == .desk ? .desk : .parking)
        text.draw(model.spaceName, face: fonts.semibold, size: u * 55 / 1000, color: PanelTheme.onStatus, in: box,
                  baseline: box.y + u * 55 / 1000, background: colour, into: &frame)
        text.draw("\(kind) · \(model.locationName)", face: fonts.regular, size: u * 33 / 1000, color: PanelTheme.onStatusSoft,
                  in: box, baseline: box.y + u * 10 / 100, background: colour, into: &frame)
    }

    private func drawStatus(_ model: PanelViewModel, status: PanelStatus, layout: PanelLayout, colour: Color) {
        frame.fill(layout.status, colour)
        let l = model.language, u = layout.unit
        let box = Rect(x: layout.status.x + layout.padding, y: layout.status.y, width: layout.status.width - 2 * layout.padding,
                       height: layout.status.height).shifted(model.pixelShift)
        let title: String, line2: String?, line3: String?
        switch status {
        case .free(let until):
            title = l.text(.free); line2 = until.map { "\(l.text(.until)) \($0)" } ?? l.text(.allDay); line3 = nil
        case .upcoming(let item, let minutes):
            title = l.text(.startsSoon); line2 = "\(item.subject ?? l.text(.booked)) \(l.text(.startsIn)) \(l.minutes(minutes))"
            line3 = "\(item.start)–\(item.end)"
        case .checkInDue(let item, _):
            title = l.text(.checkInDue); line2 = item.subject ?? l.text(.booked)
            line3 = ["\(item.start)–\(item.end)", item.organiser].compactMap { $0 }.joined(separator: " · ")
        case .inUse(let item):
            title = l.text(.inUse); line2 = item.subject ?? l.text(.booked)
            line3 = ["\(l.text(.until)) \(item.end)", item.organiser].compactMap { $0 }.joined(separator: " · ")
        case .released(let item):
            title = l.text(.released); line2 = l.text(.releasedExplanation); line3 = "\(item.start)–\(item.end)"
        case .needsCleaning:
            title = l.text(.needsCleaning); line2 = l.text(.cleanExplanation); line3 = nil
        case .cleaned:
            title = l.text(.cleaned); line2 = l.text(.cleanedExplanation); line3 = nil
        }
        // The status word is the panel's headline: it shrinks to fit rather than lose letters.
        var big = u * 15 / 100
        while big > u * 7 / 100 && text.width(of: title, face: fonts.bold, size: big) > box.width { big -= max(1, big / 20) }
        var baseline = box.y + u * 15 / 100
        text.draw(title, face: fonts.bold, size: big, color: PanelTheme.onStatus, in: box, baseline: baseline, background: colour, into: &frame)
        if let line2 {
            // A sentence that does not fit takes two lines (the second shortened if need be).
            let size2 = u * 55 / 1000
            let lines = wrap(line2, face: fonts.semibold, size: size2, width: box.width)
            let shown = lines.count <= 2 ? lines : [lines[0], lines[1...].joined(separator: " ")]
            for line in shown {
                baseline += line == shown.first ? u * 9 / 100 : size2 * 5 / 4
                text.draw(line, face: fonts.semibold, size: size2, color: PanelTheme.onStatus, in: box, baseline: baseline, background: colour, into: &frame)
            }
        }
        if let line3, !line3.isEmpty {
            baseline += u * 65 / 1000
            text.draw(line3, face: fonts.regular, size: u * 42 / 1000, color: PanelTheme.onStatusSoft, in: box, baseline: baseline, background: colour, into: &frame)
        }
    }

    private func drawFooter(_ model: PanelViewModel, status: PanelStatus, layout: PanelLayout, colour: Color) {
        frame.fill(layout.footer, colour)
        let l = model.language, u = layout.unit
        let box = layout.bottomBox(layout.footer).shifted(model.pixelShift)
        let size = u * 36 / 1000
        if let notice = model.notice {
            let lines = wrap(notice, face: fonts.semibold, size: size, width: box.width).prefix(2)
            for (i, line) in lines.enumerated() {
                text.draw(line, face: fonts.semibold, size: size, color: PanelTheme.onStatus, in: box,
                          baseline: box.y + size + i * size * 5 / 4, background: colour, into: &frame)
            }
            return
        }
        switch status {
        case .checkInDue(_, let seconds):
            let countdown = "\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)"
            text.draw(l.text(.checkInCloses), face: fonts.regular, size: size, color: PanelTheme.onStatus, in: box,
                      baseline: box.y + size, background: colour, into: &frame)
            let pillHeight = u * 9 / 100
            let pill = Rect(x: box.x, y: box.y + size * 3 / 2, width: min(box.width / 3, u * 24 / 100), height: pillHeight)
            frame.fillRounded(pill, radius: pillHeight / 2, PanelTheme.onStatus)
            text.draw(countdown, face: fonts.bold, size: u * 6 / 100, color: colour, in: pill, baseline: pill.y + pillHeight * 73 / 100,
                      alignment: .center, background: PanelTheme.onStatus, into: &frame)
            let hintBox = Rect(x: pill.maxX + u * 3 / 100, y: pill.y, width: box.maxX - pill.maxX - u * 3 / 100, height: pillHeight)
            let hintSize = size * 85 / 100
            let lines = wrap(l.text(.pressToCheckIn), face: fonts.regular, size: hintSize, width: hintBox.width).prefix(2)
            for (i, line) in lines.enumerated() {
                text.draw(line, face: fonts.regular, size: hintSize, color: PanelTheme.onStatusSoft, in: hintBox,
                          baseline: hintBox.y + pillHeight / 2 - (lines.count == 2 ? hintSize / 6 : -hintSize / 3) + i * hintSize * 5 / 4,
                          background: colour, into: &frame)
            }
        case .free, .released:
            text.draw(l.text(.freeExplanation), face: fonts.regular, size: size, color: PanelTheme.onStatusSoft, in: box,
                      baseline: box.maxY - u * 2 / 100, background: colour, into: &frame)
        default:
            break
        }
    }

    /// Where the time sits: a box just big enough for "00:00" at the clock size, so a minute tick
    /// repaints a few glyphs and nothing else.
    struct ClockLayout {
        let box: Rect
        let size: Int
        let baseline: Int
        let alignment: TextRenderer.Alignment
    }

    private func clockLayout(_ layout: PanelLayout) -> ClockLayout {
        let u = layout.unit, area = layout.topBox(layout.clock)
        let size = u * 11 / 100
        let widest = text.width(of: "00:00", face: fonts.bold, size: size) + size / 8
        let baseline = area.y + u * 9 / 100
        let top = baseline - size * 80 / 100, bottom = baseline + size / 12
        let x = layout.landscape ? area.maxX - widest : area.x
        return ClockLayout(box: Rect(x: x - 4, y: top, width: widest + 8, height: bottom - top),
                           size: size, baseline: baseline, alignment: layout.landscape ? .right : .left)
    }

    private func drawTime(_ model: PanelViewModel, clock: ClockLayout) {
        frame.fill(clock.box, PanelTheme.side)
        let time = model.clockUnset ? "--:--" : model.time.description
        let inner = Rect(x: clock.box.x + 4, y: clock.box.y, width: clock.box.width - 8, height: clock.box.height).shifted(model.pixelShift)
        text.draw(time, face: fonts.bold, size: clock.size, color: PanelTheme.ink, in: inner.intersection(clock.box), baseline: clock.baseline + model.pixelShift.y,
                  alignment: clock.alignment, background: PanelTheme.side, into: &frame)
    }

    private func drawDate(_ model: PanelViewModel, layout: PanelLayout, clock: ClockLayout) {
        let u = layout.unit, box = layout.topBox(layout.clock).shifted(model.pixelShift)
        let note = model.clockUnset ? model.language.text(.clockUnset) : model.language.date(model.date)
        text.draw(note, face: fonts.regular, size: u * 35 / 1000, color: PanelTheme.inkSoft, in: box, baseline: box.y + u * 145 / 1000,
                  alignment: clock.alignment, background: PanelTheme.side, into: &frame)
    }

    private func drawAgenda(_ model: PanelViewModel, layout: PanelLayout) {
        frame.fill(layout.agenda, PanelTheme.side)
        let u = layout.unit, box = layout.agenda.inset(by: layout.padding).shifted(model.pixelShift)
        frame.fill(Rect(x: box.x, y: box.y, width: box.width, height: max(1, u / 400)), PanelTheme.rule)
        var baseline = box.y + u * 7 / 100
        text.draw(model.language.text(.next), face: fonts.semibold, size: u * 42 / 1000, color: PanelTheme.ink, in: box, baseline: baseline, background: PanelTheme.side, into: &frame)
        if model.agenda.isEmpty {
            baseline += u * 7 / 100
            text.draw(model.language.text(.noMoreBookings), face: fonts.regular, size: u * 36 / 1000, color: PanelTheme.inkSoft,
                      in: box, baseline: baseline, background: PanelTheme.side, into: &frame)
            return
        }
        let row = u * 12 / 100
        for item in model.agenda {
            guard baseline + row <= box.maxY else { break }
            baseline += u * 75 / 1000
            text.draw("\(item.start)–\(item.end)", face: fonts.semibold, size: u * 34 / 1000, color: PanelTheme.ink, in: box,
                      baseline: baseline, background: PanelTheme.side, into: &frame)
            baseline += u * 45 / 1000
            let who = [item.subject ?? model.language.text(.booked), item.organiser].compactMap { $0 }.joined(separator: " · ")
            text.draw(who, face: fonts.regular, size: u * 32 / 1000, color: PanelTheme.inkSoft, in: box, baseline: baseline, background: PanelTheme.side, into: &frame)
        }
    }

    private func drawOverlay(_ model: PanelViewModel, layout: PanelLayout) {
        frame.fill(layout.overlay, PanelTheme.side)
        guard let minutes = model.offlineMinutes else { return }
        let u = layout.unit, box = layout.overlay.inset(by: layout.padding / 2)
        frame.fillRounded(box, radius: box.height / 2, PanelTheme.ink)
        // The text's ink stays in the pill's middle, where the pill is solid: it may be copied whole.
        text.draw("\(model.language.text(.offline)) \(model.language.minutes(minutes))", face: fonts.semibold, size: u * 32 / 1000,
                  color: .white, in: box.inset(by: box.height / 4), baseline: box.y + box.height * 64 / 100, alignment: .center, background: PanelTheme.ink, into: &frame)
    }

    // MARK: Full screens

    private func drawPairing(_ model: PanelViewModel, code: String, url: String) {
        frame.fill(frame.bounds, PanelTheme.night)
        let layout = PanelLayout(width: width, height: height), u = layout.unit, p = layout.padding
        let landscape = layout.landscape
        let qrSide = landscape ? min(height - 2 * p, width * 4 / 10) : min(width - 2 * p, height * 45 / 100)
        let qrBox = landscape ? Rect(x: width - p - qrSide, y: (height - qrSide) / 2, width: qrSide, height: qrSide)
            : Rect(x: (width - qrSide) / 2, y: height - p - qrSide, width: qrSide, height: qrSide)
        if let qr = QRCode(url) { QRDrawing.draw(qr, in: qrBox, into: &frame) }
        let textBox = landscape ? Rect(x: p, y: p, width: qrBox.x - 2 * p, height: height - 2 * p)
            : Rect(x: p, y: p, width: width - 2 * p, height: qrBox.y - 2 * p)
        var baseline = textBox.y + u * 10 / 100
        text.draw(model.language.text(.pairTitle), face: fonts.bold, size: u * 8 / 100, color: .white, in: textBox, baseline: baseline, into: &frame)
        baseline += u * 22 / 100
        text.draw(code, face: fonts.bold, size: u * 16 / 100, color: Color(xrgb: 0x93C5FD), in: textBox, baseline: baseline, into: &frame)
        baseline += u * 9 / 100
        text.draw(model.language.text(.pairInstructions), face: fonts.regular, size: u * 4 / 100, color: Color(xrgb: 0xD1D5DB),
                  in: textBox, baseline: baseline, into: &frame)
        baseline += u * 6 / 100
        text.draw(url, face: fonts.regular, size: u * 32 / 1000, color: Color(xrgb: 0x9CA3AF), in: textBox, baseline: baseline, into: &frame)
    }

    private func drawError(_ model: PanelViewModel, message: String) {
        frame.fill(frame.bounds, PanelTheme.night)
        let layout = PanelLayout(width: width, height: height), u = layout.unit, p = layout.padding
        frame.fill(Rect(x: 0, y: 0, width: width, height: u * 3 / 100), PanelTheme.busy)
        let box = Rect(x: p, y: p, width: width - 2 * p, height: height - 2 * p)
        var baseline = box.y + u * 12 / 100
        text.draw(model.language.text(.errorTitle), face: fonts.bold, size: u * 7 / 100, color: .white, in: box, baseline: baseline, into: &frame)
        for line in wrap(message, face: fonts.regular, size: u * 45 / 1000, width: box.width).prefix(6) {
            baseline += u * 7 / 100
            text.draw(line, face: fonts.regular, size: u * 45 / 1000, color: Color(xrgb: 0xE5E7EB), in: box, baseline: baseline, into: &frame)
        }
        if !model.spaceName.isEmpty {
            text.draw(model.spaceName, face: fonts.semibold, size: u * 4 / 100, color: Color(xrgb: 0x9CA3AF), in: box,
                      baseline: box.maxY - u * 2 / 100, into: &frame)
        }
    }

    /// Greedy word wrap to `width` pixels.
    func wrap(_ message: String, face: Typeface, size: Int, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in message.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if text.width(of: candidate, face: face, size: size) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension Rect {
    func shifted(_ by: (x: Int, y: Int)) -> Rect { Rect(x: x + by.x, y: y + by.y, width: width, height: height) }
}
