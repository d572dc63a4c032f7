#!/usr/bin/python3
"""The platform's staff pages in a real browser at phone size, with a real unpaired agent: starts
lintel-platform on the demo world (a staff account made with `staff set`) and `lintel run` with no
credential; reads the code the panel shows (its loopback status), opens the approval URL the QR
code carries in headless Chromium emulating a phone (Debian's chromium + chromium-driver, driven
by python3-selenium), is sent to sign in (a wrong password first), picks the room and approves;
the agent must have its credential and show the room within 10 s. Then the devices page shows the
panel with its health and the room's bookings page lists the demo's stand-up; a wrong code is a
clear error.

Usage: scripts/platform-pages-test.py path/to/lintel [screenshot-folder]"""
import json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

lintel = os.path.abspath(sys.argv[1])
shots = sys.argv[2] if len(sys.argv) > 2 else None
platform = os.path.join(os.path.dirname(lintel), "lintel-platform")
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

scratch = tempfile.mkdtemp(prefix="lintel-pages-")
path = lambda name: os.path.join(scratch, name)
pport, aport = free_port(), free_port()
purl, aurl = f"http://127.0.0.1:{pport}", f"http://127.0.0.1:{aport}"
os.umask(0o077)
with open(path("admin-token"), "w") as f:
    f.write(os.urandom(16).hex())
with open(path("password"), "w") as f:
    f.write("technician password 1\n")
config = os.path.join(root, "examples/demo-agent.yaml")
with open(path("world.json"), "w") as f:
    subprocess.run([lintel, "store", "seed", "--config", config, "--space", "ams-r-tulip"], stdout=f, check=True)
db = path("platform.sqlite")
subprocess.run([platform, "import", "--db", db, path("world.json")], check=True, stdout=subprocess.DEVNULL)
subprocess.run([platform, "staff", "set", "tess", "--password-file", path("password"), "--db", db], check=True, stdout=subprocess.DEVNULL)
plog, alog = open(path("platform.log"), "w+"), open(path("agent.log"), "w+")
server = subprocess.Popen([platform, "serve", "--db", db, "--port", str(pport), "--admin-token-file", path("admin-token")],
                          stdout=plog, stderr=subprocess.STDOUT)
agent = None
driver = None

def get(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode()

def agent_status():
    try:
        return json.loads(get(aurl + "/status.json"))
    except (OSError, ValueError):
        return None

try:
    for _ in range(300):
        try:
            get(purl + "/healthz")
            break
        except OSError:
            time.sleep(0.1)
    agent = subprocess.Popen([lintel, "run", "--config", config, "--store", path("agent.sqlite"), "--credential", path("credential.json"),
                              "--platform", purl, "--http", f"127.0.0.1:{aport}"], cwd=root, stdout=alog, stderr=subprocess.STDOUT)
    code = None
    for _ in range(300):
        status = agent_status()
        code = status and status["provisioning"].get("pairingCode")
        if code:
            break
        time.sleep(0.1)
    check(bool(code), f"the unpaired panel shows a pairing code ({code})")
    check(status is not None and status.get("showing") == "pairing", "the panel shows the pairing screen")

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0}})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20)
    # Nothing sticks out at the right: the page needs no sideways scrolling on a phone.
    fits = """return document.documentElement.scrollWidth <= window.innerWidth + 1 &&
        Array.from(document.querySelectorAll('body *')).every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)"""

    # The QR code's URL: sign-in first, then back to the approval of this code.
    driver.get(f"{purl}/pair?code={code}")
    check("/signin" in driver.current_url, "the approval page asks to sign in first")
    check(driver.execute_script(fits), "the sign-in page fits a phone's width (390 px)")
    driver.find_element(By.ID, "name").send_keys("tess")
    driver.find_element(By.ID, "password").send_keys("not the password")
    driver.find_element(By.ID, "signin").click()
    error = wait.until(lambda d: d.find_elements(By.ID, "error"))[0].text
    check("Wrong name or password" in error, f"a wrong password is refused: {error}")
    driver.find_element(By.ID, "name").send_keys("tess")
    driver.find_element(By.ID, "password").send_keys("technician password 1")
    driver.find_element(By.ID, "signin").click()
    wait.until(lambda d: d.find_elements(By.ID, "approve"))
    check(driver.find_element(By.ID, "code").get_attribute("value") == code, "signed in, the approval page has the panel's code")
    check(driver.execute_script(fits), "the approval page fits a phone's width (390 px)")
    if shots:
        driver.save_screenshot(os.path.join(shots, "platform-pair-phone.png"))
    Select(driver.find_element(By.ID, "space")).select_by_value("ams-r-tulip")
    driver.find_element(By.ID, "approve").click()
    approved_at = time.monotonic()
    note = wait.until(lambda d: d.find_elements(By.ID, "note"))[0].text
    check(note.startswith("Approved: panel dev-") and "Tulip" in note, f"the page says the panel is approved: {note}")
    shown = None
    while time.monotonic() - approved_at < 15:
        status = agent_status()
        if status and status["provisioning"]["state"] == "paired" and status.get("showing") not in (None, "pairing"):
            shown = time.monotonic() - approved_at
            break
        time.sleep(0.1)
    check(shown is not None and shown <= 10, f"the panel is paired and shows the room {shown and round(shown, 1)} s after the approval (≤ 10)")
    check(os.stat(path("credential.json")).st_mode & 0o777 == 0o600, "the credential file is 0600")

    # The devices page: the panel, its room and its health once its heartbeat came.
    health = ""
    for _ in range(40):
        driver.get(purl + "/devices")
        rows = driver.find_elements(By.CSS_SELECTOR, "tr.device")
        health = rows[0].find_element(By.CLASS_NAME, "health").text if rows else ""
        if "shows" in health and "shows pairing" not in health:
            break
        time.sleep(0.5)
    check(len(rows) == 1 and rows[0].get_attribute("data-state") == "active", "the devices page lists the panel as active")
    check("shows checkin-due" in health and "lintel" in health, f"with what it shows (the demo's stand-up due) from its heartbeat: {health!r}")
    check(driver.execute_script(fits), "the devices page fits a phone's width")
    if shots:
        driver.save_screenshot(os.path.join(shots, "platform-devices-phone.png"))
    rows[0].find_element(By.LINK_TEXT, "Tulip").click()
    bookings = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr.booking"))
    check(any("Team stand-up" in row.text for row in bookings), "the room's bookings page lists the demo stand-up")
    check("times in Europe/Amsterdam" in driver.page_source, "in the room's own time zone")

    driver.get(purl + "/pair?code=ABCD-EFGH")
    error = wait.until(lambda d: d.find_elements(By.ID, "error"))[0].text
    check("no device is waiting with the code ABCD-EFGH" in error, f"a wrong code is a clear error: {error}")
    driver.find_element(By.ID, "signout").click()
    driver.get(purl + "/devices")
    check("/signin" in driver.current_url, "signed out, the devices page asks to sign in again")
finally:
    if driver:
        driver.quit()
    for process in (agent, server):
        if process:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    if failures:
        for log in (alog, plog):
            log.seek(0)
            print(log.read()[-4000:])
sys.exit(1 if failures else 0)
