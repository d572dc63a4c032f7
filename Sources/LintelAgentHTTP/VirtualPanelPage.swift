/// The virtual panel's web page: the live frame, and buttons standing in for the board's check-in,
/// end, extend and clean buttons, the PIR sensor and the badge reader.
enum VirtualPanelPage {
    /// `platformPage`: where a booking can be made on the platform this panel syncs with.
    static func html(title: String, width: Int, height: Int, platformPage: String? = nil) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title) · virtual panel</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
          body { font: 15px system-ui, sans-serif; background: #1d1f22; color: #e8e8e8; margin: 24px; }
          h1 { font-size: 18px; font-weight: 600; margin: 0 0 12px; }
          #frame { width: min(100%, \(width)px); aspect-ratio: \(width) / \(height); background: #000; border: 10px solid #0b0b0c; border-radius: 14px; display: block; }
          .bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 14px 0; }
          button, select { font: inherit; padding: 8px 14px; border-radius: 8px; border: 1px solid #555; background: #2d3035; color: #fff; cursor: pointer; }
          button:hover { background: #3a3e44; }
          button.on { background: #1f7a4a; }
          #state { color: #aab; } #notice { color: #f0b35a; }
          small { color: #889; }
        </style></head>
        <body>
        <h1>\(title) — virtual panel <small>(the same pixels the display shows)</small></h1>
        <img id="frame" alt="panel" src="/frame.png?v=0">
        <div class="bar">
          <button id="press-checkin" onclick="send('/press/checkin')">Check-in button</button>
          <button id="press-extend" onclick="send('/press/extend')">Extend</button>
          <button id="press-end" onclick="send('/press/end')">End</button>
          <button id="press-clean" onclick="send('/press/clean')">Clean</button>
          <button id="presence" onclick="togglePresence()">PIR: nobody</button>
        </div>
        <div class="bar">
          <select id="badge"></select>
          <button id="present-badge" onclick="presentBadge()">Present badge</button>
        </div>
        <div class="bar">Status: <b id="status" data-status="">…</b> <span id="notice"></span> <small id="state"></small></div>
        <p><small>Check in a due booking or book the room now with the check-in button; a badge shown just before a press acts as that person.
        Metrics: <a href="/metrics" style="color:#8ab">/metrics</a>\(platformPage.map { " · <a id=\"platform-booking\" href=\"\($0)\" target=\"_blank\" style=\"color:#8ab\">make a booking on the platform</a> (it shows here within a second)" } ?? "")</small></p>
        <script>
        let version = 0, present = false;
        async function send(path) { await fetch(path, { method: 'POST' }); poll(); }
        function togglePresence() {
          present = !present;
          document.getElementById('presence').textContent = present ? 'PIR: someone there' : 'PIR: nobody';
          document.getElementById('presence').classList.toggle('on', present);
          send('/presence/' + (present ? 'on' : 'off'));
        }
        function presentBadge() { const uid = document.getElementById('badge').value; if (uid) send('/badge/' + encodeURIComponent(uid)); }
        async function poll() {
          try {
            const s = await (await fetch('/state.json', { cache: 'no-store' })).json();
            if (s.version !== version) {
              version = s.version;
              document.getElementById('frame').src = '/frame.png?v=' + version;
              loadBadges();
            }
            const status = document.getElementById('status');
            status.textContent = s.status; status.dataset.status = s.status; status.dataset.version = s.version;
            document.getElementById('notice').textContent = s.notice || '';
            document.getElementById('state').textContent = 'frame ' + s.version;
          } catch (e) { document.getElementById('state').textContent = 'agent not reachable'; }
        }
        // The people come with the store: read again while there are none (a panel still syncing).
        let loadingBadges = false;
        function loadBadges() {
          const select = document.getElementById('badge');
          if (select.options.length > 0 || loadingBadges) return;
          loadingBadges = true;
          fetch('/badges.json').then(r => r.json()).then(list => {
            if (select.options.length === 0) {
              for (const b of list) { const o = document.createElement('option'); o.value = b.uid; o.textContent = b.name + ' (' + b.uid + ')'; select.appendChild(o); }
            }
          }).finally(() => { loadingBadges = false; });
        }
        loadBadges();
        poll(); setInterval(poll, 250);
        </script>
        </body></html>
        """
    }
}
