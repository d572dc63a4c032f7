import LintelDisplay
import Testing

@Suite("Connector going away and coming back")
struct ConnectorWatchTests {
    @Test("Observed connection states and what the sink does", arguments: [
        ([true, true], [nil, nil] as [ConnectorWatch.Action?], true),
        ([false], [.suspend], false),
        ([false, false, true], [.suspend, nil, .resume], true),
        ([false, true, false, true], [.suspend, .resume, .suspend, .resume], true),
    ] as [([Bool], [ConnectorWatch.Action?], Bool)])
    func transitions(_ observed: [Bool], _ actions: [ConnectorWatch.Action?], _ presenting: Bool) {
        var watch = ConnectorWatch()
        #expect(observed.map { watch.observe(connected: $0) } == actions)
        #expect(watch.isPresenting == presenting)
    }
}
