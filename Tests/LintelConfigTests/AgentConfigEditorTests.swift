import LintelConfig
import Testing

/// What `lintel provision` writes into the agent's configuration: only the lines it owns change.
@Suite("Provisioning edits the configuration's platform and board lines, keeping the rest")
struct AgentConfigEditorTests {
    @Test("The platform, board and CA bundle set or replaced, comments and other keys kept", arguments: [
        ("# comment\nspace: a\n", "# comment\nspace: a\nboard: /b.yaml\nsync:\n  platform: https://p.example\n"),
        ("space: a\nboard: old.yaml  # the old one\nsync:\n  # which platform\n  platform: http://127.0.0.1:9\n  poll-seconds: 5\nhttp:\n  listen: 127.0.0.1:1\n",
         "space: a\nboard: /b.yaml\nsync:\n  # which platform\n  platform: https://p.example\n  poll-seconds: 5\nhttp:\n  listen: 127.0.0.1:1\n"),
        ("sync:\n  credential: /c.json\n", "sync:\n  platform: https://p.example\n  credential: /c.json\nboard: /b.yaml\n"),
    ])
    func edits(_ before: String, _ after: String) {
        #expect(AgentConfigEditor.provisioning(before, platform: "https://p.example", board: "/b.yaml", caBundle: nil) == after)
    }

    @Test("A CA bundle goes into the sync section; a value YAML would misread is quoted")
    func caBundleAndQuoting() {
        let edited = AgentConfigEditor.provisioning("sync:\n  platform: x\n", platform: "https://p.example", board: "my board #1.yaml", caBundle: "/etc/ssl/site.pem")
        #expect(edited == "sync:\n  ca-bundle: /etc/ssl/site.pem\n  platform: https://p.example\nboard: \"my board #1.yaml\"\n")
    }
}
