#!/usr/bin/python3
"""The virtual panel in a real browser, as `make demo` runs it: starts scripts/demo.sh (the platform on
the demo world and `lintel run` paired and synced with it; scratch folder, free loopback ports),
opens the page in headless Chromium (Debian's chromium + chromium-driver,
driven by Debian's python3-selenium), waits for the live frame, presses the on-screen check-in
button and checks that the panel turned "in use" — in the page's state, in the pixels of the frame
the browser shows, in the agent's metrics, and on the platform — books on the platform's demo page
the page links to and sees the panel get it, then stops both with SIGTERM.

Usage: scripts/browser-test.py path/to/lintel [screenshot-folder]"""
import os, signal, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

lintel = os.path.abspath(sys.argv[1])
shots = sys.argv[2] if len(sys.argv) > 2 else None
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
port, platform_port = free_port(), free_port()
base = f"http://127.0.0.1:{port}"
scratch = tempfile.mkdtemp(prefix="lintel-browser-")
log = open(os.path.join(scratch, "agent.log"), "w+")
platform = os.path.join(os.path.dirname(lintel), "lintel-platform")
agent = subprocess.Popen([os.path.join(root, "scripts/demo.sh"), lintel, platform, scratch, str(port), str(platform_port), "ams-r-tulip"],
                         cwd=root, stdout=log, stderr=subprocess.STDOUT)
failures = []

def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

def get(path):
    with urllib.request.urlopen(base + path, timeout=5) as r:
        return r.read().decode()

driver = None
try:
    for _ in range(200):
        try:
            get("/healthz")
            break
        except OSError:
            if agent.poll() is not None:
                break
            time.sleep(0.05)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1200"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.get(base + "/")
    wait = WebDriverWait(driver, 60)
    status = lambda: driver.find_element(By.ID, "status").get_attribute("data-status")
    frame_loaded = "const i = document.getElementById('frame'); return i.complete && i.naturalWidth"
    wait.until(lambda d: status() == "checkin-due" and d.execute_script(frame_loaded) == 1280)
    check(status() == "checkin-due", "the page shows the demo booking's check-in as due")
    badges = driver.find_elements(By.CSS_SELECTOR, "#badge option")
    check(len(badges) >= 10, f"the badge reader offers the demo people ({len(badges)})")
    before = driver.find_element(By.ID, "frame").screenshot_as_png
    if shots:
        driver.save_screenshot(os.path.join(shots, "virtual-panel-due.png"))

    driver.find_element(By.ID, "press-checkin").click()
    wait.until(lambda d: status() == "in-use")
    check(status() == "in-use", "after the check-in button the page says in use")
    version = driver.find_element(By.ID, "status").get_attribute("data-version")
    wait.until(lambda d: d.execute_script("return document.getElementById('frame').src").endswith("v=" + version)
               and d.execute_script(frame_loaded) == 1280)
    time.sleep(0.3)
    after = driver.find_element(By.ID, "frame").screenshot_as_png
    check(before != after, "the frame the browser shows changed")
    # The in-use status pane is red: sample the left half of the frame in the browser.
    red = driver.execute_script("""
        const i = document.getElementById('frame'), c = document.createElement('canvas');
        c.width = i.naturalWidth; c.height = i.naturalHeight;
        const g = c.getContext('2d'); g.drawImage(i, 0, 0);
        const p = g.getImageData(40, 400, 1, 1).data; return [p[0], p[1], p[2]];""")
    check(red[0] > 150 and red[1] < 110 and red[2] < 110, f"the status pane is red (in use): rgb{tuple(red)}")
    if shots:
        driver.save_screenshot(os.path.join(shots, "virtual-panel-in-use.png"))
    metrics = get("/metrics")
    check('lintel_decisions_total{action="checkin",outcome="allowed"} 1' in metrics, "the agent's metrics count the allowed check-in")
    # The check-in reaches the platform.
    listing = ""
    for _ in range(100):
        listing = subprocess.run([platform, "bookings", "list", "--db", os.path.join(scratch, "platform.sqlite"), "--space", "ams-r-tulip"],
                                 capture_output=True, text=True).stdout
        if any("bk-demo-standup" in line and "checked-in" in line for line in listing.splitlines()):
            break
        time.sleep(0.1)
    check(any("bk-demo-standup" in line and "checked-in" in line for line in listing.splitlines()), "the platform has the check-in")
    # A booking on the platform's page, which the virtual panel links to, reaches the panel.
    link = wait.until(lambda d: d.find_elements(By.ID, "platform-booking"))[0].get_attribute("href")
    note = ""
    # The first free half hour from two and a half hours on in the panel's room while it is open
    # (office hours); else the location's first free half hour in its garage, open all day (a
    # walk-up books today only, so a run in the last minutes before midnight finds nothing).
    tries = [(link, later) for later in range(150, 1440, 45)]
    tries += [(link.replace("space=ams-r-tulip", "space=ams-p-01"), later) for later in range(10, 1440, 15)]
    for page, later in tries:
        driver.get(page)
        driver.find_element(By.NAME, "in").clear()
        driver.find_element(By.NAME, "in").send_keys(str(later))
        driver.find_element(By.NAME, "title").clear()
        driver.find_element(By.NAME, "title").send_keys("Booked in the browser")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        note = wait.until(lambda d: d.find_elements(By.CLASS_NAME, "note"))[0].text
        if not any(code in note for code in ("space_already_booked", "outside_opening_hours", "beyond_advance_window")):
            break
    check(note.startswith("Booked"), f"the platform's page books: {note}")
    store = os.path.join(scratch, "agent.sqlite")
    import sqlite3
    seen = False
    for _ in range(50):
        db = sqlite3.connect(store, timeout=5)
        seen = db.execute("SELECT COUNT(*) FROM booking WHERE title = 'Booked in the browser'").fetchone()[0] == 1
        db.close()
        if seen:
            break
        time.sleep(0.1)
    check(seen, "the panel's store has the booking within 5 s")
finally:
    if driver:
        driver.quit()
    agent.send_signal(signal.SIGTERM)
    try:
        code = agent.wait(timeout=10)
    except subprocess.TimeoutExpired:
        agent.kill()
        code = "timeout"
    check(code == 0, f"the demo (platform and agent) stops cleanly on SIGTERM (exit {code})")
    log.seek(0)
    text = log.read()
    check("agent stopped" in text, "the agent logged its stop")
    if failures:
        print(text)
sys.exit(1 if failures else 0)
