#!/usr/bin/python3
"""The virtual panel in a real browser: starts `lintel run` on the demo configuration (scratch store,
free loopback port), opens the page in headless Chromium (Debian's chromium + chromium-driver,
driven by Debian's python3-selenium), waits for the live frame, presses the on-screen check-in
button and checks that the panel turned "in use" — in the page's state, in the pixels of the frame
the browser shows, and in the agent's metrics — then stops the agent with SIGTERM.

Usage: scripts/browser-test.py path/to/lintel [screenshot-folder]"""
import os, signal, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

lintel = os.path.abspath(sys.argv[1])
shots = sys.argv[2] if len(sys.argv) > 2 else None
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
scratch = tempfile.mkdtemp(prefix="lintel-browser-")
log = open(os.path.join(scratch, "agent.log"), "w+")
agent = subprocess.Popen([lintel, "run", "--config", os.path.join(root, "examples/demo-agent.yaml"),
                          "--store", os.path.join(scratch, "agent.sqlite"), "--http", f"127.0.0.1:{port}"],
                         stdout=log, stderr=subprocess.STDOUT)
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
    wait = WebDriverWait(driver, 15)
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
finally:
    if driver:
        driver.quit()
    agent.send_signal(signal.SIGTERM)
    try:
        code = agent.wait(timeout=10)
    except subprocess.TimeoutExpired:
        agent.kill()
        code = "timeout"
    check(code == 0, f"the agent stops cleanly on SIGTERM (exit {code})")
    log.seek(0)
    text = log.read()
    check("agent stopped" in text, "the agent logged its stop")
    if failures:
        print(text)
sys.exit(1 if failures else 0)
