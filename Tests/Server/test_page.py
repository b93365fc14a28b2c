"""The web page at `/`, driven in a real browser: Debian's Chromium, headless, through chromedriver.

It uploads the astronaut portrait, checks that the page marks the face where the server found
it, types a sentence, submits, follows the job's progress to the end and plays the finished
video in the page's `<video>` (its length must match the talk's `duration`). Also: a face-less
photo shows "No face found" and cannot be submitted; a keyed server asks for a key and the page
sends it; a recording with an avatar pack and WebVTT captions makes a video whose captions load.

Screenshots (full page, 1366 px wide and 420 px wide) go to $ORATOR_SCREENSHOTS, default a new
temporary folder whose path is printed. CHROMIUM and CHROMEDRIVER override the browser paths.
"""
from __future__ import annotations

import base64
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

import serverlib

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
DESKTOP = (1366, 900)
MOBILE_WIDTH = 420
SENTENCE = "Hello there. This short video was made by the Orator web page."
#: How long a job may take: a debug build renders far slower than a release one.
RENDER_TIMEOUT = 180.0


# -- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(os.environ.get("ORATOR_SCREENSHOTS") or tempfile.mkdtemp(prefix="orator-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def browser():
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            pytest.fail(f"{path} is missing: run scripts/setup-server (apt-get install {package})")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--autoplay-policy=no-user-gesture-required",
                     "--mute-audio", "--lang=en-US", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


# -- helpers ---------------------------------------------------------------------------------

def wait_for(driver: WebDriver, condition: Callable[[WebDriver], Any], what: str, timeout: float = 20.0) -> Any:
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)
    except Exception as error:  # noqa: BLE001 - one message that says what did not happen
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; "
                             f"page errors: {page_errors(driver)}") from error


def text_of(driver: WebDriver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text.strip()


def shown(driver: WebDriver, element_id: str) -> bool:
    return driver.find_element(By.ID, element_id).is_displayed()


def page_errors(driver: WebDriver) -> list[str]:
    """Uncaught script errors in the browser's console (failed requests are the tests' business)."""
    try:
        entries = driver.get_log("browser")
    except WebDriverException:
        return []
    return [entry["message"] for entry in entries
            if entry.get("level") == "SEVERE" and "Failed to load resource" not in entry["message"]]


def open_page(driver: WebDriver, server: serverlib.Server, *, with_key: bool = True) -> None:
    driver.get(server.url + "/")
    if with_key and server.auth:
        driver.execute_script("localStorage.setItem('orator.apiKey', arguments[0])", ":".join(server.auth))
        driver.refresh()
    assert driver.title == "Orator"


def wait_for_voices(driver: WebDriver) -> None:
    wait_for(driver, lambda d: d.execute_script(
        "return [...document.getElementById('voice-select').options].some(o => o.dataset.id === 'en-us')"),
        "the voice list (GET /voices) with en-us")


def choose(driver: WebDriver, radio_id: str) -> None:
    """Clicks the label of a segmented control's radio button, as a person would."""
    driver.find_element(By.CSS_SELECTOR, f"label:has(> #{radio_id})").click()
    assert driver.find_element(By.ID, radio_id).is_selected()


def screenshot(driver: WebDriver, folder: Path, name: str) -> None:
    """Full-page screenshots, desktop (1366 wide) and mobile (420 wide); the mobile page must not scroll sideways."""
    for label, width, mobile in (("desktop", DESKTOP[0], False), ("mobile", MOBILE_WIDTH, True)):
        metrics = {"width": width, "height": DESKTOP[1], "deviceScaleFactor": 1, "mobile": mobile}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        time.sleep(0.3)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        overflow = driver.execute_script("return document.documentElement.scrollWidth")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
        time.sleep(0.3)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        (folder / f"{name}-{label}.png").write_bytes(base64.b64decode(shot["data"]))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        assert overflow <= width, f"{name}: the page is {overflow} px wide in a {width} px window"
    time.sleep(0.2)


def transcript_of(clip: Path) -> str:
    """The words of a pocketsphinx-testdata clip, from the `transcription` file beside it."""
    for line in (clip.parent / "transcription").read_text().splitlines():
        if line.rstrip().endswith(f"({clip.stem})"):
            return line.split("(")[0].replace("<s>", "").replace("</s>", "").strip()
    raise AssertionError(f"no transcript of {clip.name} in {clip.parent / 'transcription'}")


def submit_and_follow(driver: WebDriver, server: serverlib.Server, folder: Path | None = None,
                      shot: str | None = None) -> tuple[str, list[str], dict[str, Any]]:
    """Presses submit and watches the page until the video shows: the talk id, the stages the
    progress bar named, and the finished talk from the API. A screenshot `shot` once it moves."""
    driver.find_element(By.ID, "submit").click()
    talk_id = wait_for(driver, lambda d: d.execute_script("return localStorage.getItem('orator.lastTalk')"),
                       "POST /talks to answer (the page keeps the talk id)")
    assert talk_id.startswith("tlk_"), talk_id
    stages: list[str] = []
    deadline = time.monotonic() + RENDER_TIMEOUT
    while time.monotonic() < deadline:
        now = driver.execute_script(WATCH_JOB)
        if now["result"]:
            break
        if now["error"]:
            pytest.fail(f"the page shows an error for {talk_id}: {now['error']}\n{server.log[-3000:]}")
        if now["progress"]:
            if now["stage"] and (not stages or stages[-1] != now["stage"]):
                stages.append(now["stage"])
            if shot and folder and now["value"] not in (None, "0"):
                screenshot(driver, folder, shot)
                shot = None
        time.sleep(0.1)
    else:
        pytest.fail(f"{talk_id} did not finish in the page within {RENDER_TIMEOUT:.0f} s; "
                    f"stages seen: {stages}; talk: {server.get(f'/talks/{talk_id}').text}")
    print(f"{talk_id}: stages shown {stages}")
    talk = server.get(f"/talks/{talk_id}").json()
    assert talk["status"] == "done", talk
    return talk_id, stages, talk


#: One look at the output panel: is the result, an error or the progress bar showing, and what it says.
WATCH_JOB = """
const visible = (id) => { const node = document.getElementById(id); return Boolean(node && node.offsetParent !== null); };
return {result: visible('result'), error: visible('job-error') ? document.getElementById('job-error').textContent : null,
        progress: visible('job-progress') && visible('progress'),
        stage: document.getElementById('progress-stage').textContent.trim(),
        value: document.getElementById('progress').getAttribute('aria-valuenow')};
"""

PLAY_VIDEO = """
const done = arguments[arguments.length - 1];
const video = document.getElementById('result-video');
const deadline = Date.now() + 40000;
const until = (ok, what) => new Promise((resolve, reject) => {
  const check = () => {
    if (video.error) reject(new Error(`media error ${video.error.code}: ${video.error.message}`));
    else if (ok()) resolve();
    else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}: readyState ${video.readyState}, currentTime ${video.currentTime}`));
    else setTimeout(check, 50);
  };
  check();
});
(async () => {
  video.muted = true;
  await until(() => video.readyState >= 2, 'readyState >= 2');
  const readyState = video.readyState;
  await video.play();
  const start = video.currentTime;
  await until(() => video.currentTime > start + 0.3, 'currentTime to advance');
  const end = video.currentTime;
  video.pause();
  return {readyState, duration: video.duration, start, end, src: video.currentSrc,
          width: video.videoWidth, height: video.videoHeight};
})().then(done, (error) => done({error: String(error)}));
"""


# -- tests -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_photo_talk_is_made_followed_and_played(server, browser, portrait_path, screenshots):
    srv = server()
    # The same photo through the API: the faces the page must mark.
    uploaded = serverlib.upload_image(srv, portrait_path.read_bytes())
    assert uploaded.status_code == 201, uploaded.text
    expected = uploaded.json()
    assert expected["faces"], f"the server found no face in the astronaut portrait: {expected}"

    open_page(browser, srv)
    wait_for_voices(browser)
    wait_for(browser, lambda d: text_of(d, "jobs-list") == "" and shown(d, "jobs-empty"), "the empty job list")
    screenshot(browser, screenshots, "01-start")

    choose(browser, "presenter-photo")
    browser.find_element(By.ID, "portrait-input").send_keys(str(portrait_path))
    wait_for(browser, lambda d: "face" in text_of(d, "face-status").lower()
             and "is-ok" in d.find_element(By.ID, "face-status").get_attribute("class"),
             "the face status to say a face was found")
    assert "found" in text_of(browser, "face-status").lower()

    # Each box sits where the server's box is, scaled to the preview (within 2 px).
    geometry = browser.execute_script("""
        const img = document.getElementById('portrait-img').getBoundingClientRect();
        const boxes = [...document.querySelectorAll('#face-boxes .face-box')].map(b => b.getBoundingClientRect());
        return {img: {x: img.left, y: img.top, w: img.width, h: img.height},
                boxes: boxes.map(b => ({x: b.left, y: b.top, w: b.width, h: b.height}))};
    """)
    faces = sorted(expected["faces"], key=lambda f: f["x"])
    assert len(geometry["boxes"]) == len(faces), geometry
    img = geometry["img"]
    assert img["w"] > 100 and img["h"] > 100, f"the preview is too small: {img}"
    sx, sy = img["w"] / expected["width"], img["h"] / expected["height"]
    for face, box in zip(faces, sorted(geometry["boxes"], key=lambda b: b["x"])):
        want = {"x": img["x"] + face["x"] * sx, "y": img["y"] + face["y"] * sy,
                "w": face["width"] * sx, "h": face["height"] * sy}
        for key in want:
            assert abs(box[key] - want[key]) <= 2, f"face box {box} is not the server's {face} scaled ({want})"

    browser.find_element(By.ID, "script-text").send_keys(SENTENCE)
    sizes = Select(browser.find_element(By.ID, "size-select"))
    assert {o.get_attribute("value") for o in sizes.options} >= {"512", "720", "landscape", "vertical", "square"}
    sizes.select_by_value("512")
    voice = Select(browser.find_element(By.ID, "voice-select")).first_selected_option
    assert voice.get_attribute("data-provider") == "espeak" and voice.get_attribute("data-id") == "en-us"
    submit = browser.find_element(By.ID, "submit")
    wait_for(browser, lambda d: submit.is_enabled(), "the submit button to be enabled")
    screenshot(browser, screenshots, "02-ready")

    talk_id, stages, talk = submit_and_follow(browser, srv, screenshots, "03-progress")
    assert stages, "the progress bar never showed a stage"
    assert talk["duration"] and talk["duration"] > 0.5, talk

    # The page followed the server-sent events (a fetch of /events), not only polling.
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any(url.endswith(f"/talks/{talk_id}/events") for url in urls), urls

    played = browser.execute_async_script(PLAY_VIDEO)
    assert "error" not in played, f"the video did not play: {played}"
    assert played["readyState"] >= 2, played
    assert played["end"] > played["start"], played
    assert (played["width"], played["height"]) == (512, 512), played
    assert abs(played["duration"] - talk["duration"]) <= 0.2, \
        f"the player says {played['duration']} s, the API {talk['duration']} s"
    assert f"/talks/{talk_id}/result.mp4" in played["src"], played

    download = browser.find_element(By.ID, "result-download").get_attribute("href")
    assert f"/talks/{talk_id}/result.mp4" in download, download
    assert "s" in text_of(browser, "result-duration")

    # The list of past jobs was refreshed when the job ended.
    row = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, f'.job[data-id="{talk_id}"][data-status="done"]'),
                   "the finished job in the list")[0]
    assert row.find_element(By.CSS_SELECTOR, ".job-status").text == "Done"
    assert f"/talks/{talk_id}/result.mp4" in row.find_element(By.CSS_SELECTOR, ".job-download").get_attribute("href")
    assert SENTENCE.split()[0] in row.find_element(By.CSS_SELECTOR, ".job-name").text
    browser.execute_script("window.scrollTo(0, 0)")
    screenshot(browser, screenshots, "04-done")
    assert not page_errors(browser)


def test_faceless_photo_shows_no_face_found(open_server, browser, gradient, tmp_path, screenshots):
    photo = tmp_path / "gradient.png"
    photo.write_bytes(gradient)
    open_page(browser, open_server)
    wait_for_voices(browser)
    choose(browser, "presenter-photo")
    browser.find_element(By.ID, "portrait-input").send_keys(str(photo))
    wait_for(browser, lambda d: "No face found in this photo" in text_of(d, "face-status"), "the no-face status")
    assert "is-error" in browser.find_element(By.ID, "face-status").get_attribute("class")
    assert not browser.find_elements(By.CSS_SELECTOR, "#face-boxes .face-box")
    assert shown(browser, "portrait-img"), "the face-less photo should still be previewed"
    assert shown(browser, "portrait-error")
    browser.find_element(By.ID, "script-text").send_keys(SENTENCE)
    submit = browser.find_element(By.ID, "submit")
    assert not submit.is_enabled(), "a face-less photo must not be submittable"
    assert "face" in text_of(browser, "submit-hint").lower()
    screenshot(browser, screenshots, "05-no-face")
    # Back to the built-in presenter, the same script can be sent.
    choose(browser, "presenter-builtin")
    wait_for(browser, lambda d: submit.is_enabled(), "submit to be enabled for the built-in presenter")
    assert not page_errors(browser)


def test_keyed_server_asks_for_the_key(keyed_server, browser, screenshots):
    open_page(browser, keyed_server, with_key=False)
    wait_for(browser, lambda d: shown(d, "auth-panel"), "the API key field (GET /health says auth)")
    screenshot(browser, screenshots, "06-api-key")

    field = browser.find_element(By.ID, "api-key")
    field.send_keys("alice:not-the-secret")
    browser.find_element(By.ID, "api-key-save").click()
    wait_for(browser, lambda d: shown(d, "auth-panel") and shown(d, "auth-error"), "the refused-key message")

    field.clear()
    field.send_keys(":".join(keyed_server.auth))
    browser.find_element(By.ID, "api-key-save").click()
    wait_for_voices(browser)
    assert not shown(browser, "auth-panel")
    stored = browser.execute_script("return localStorage.getItem('orator.apiKey')")
    assert stored == ":".join(keyed_server.auth)
    browser.refresh()  # the stored key is sent again after a reload
    wait_for_voices(browser)
    assert not shown(browser, "auth-panel")
    assert not page_errors(browser)


@pytest.mark.slow
def test_recording_with_an_avatar_pack(server, browser, orator_bin, speech_path, tmp_path, screenshots):
    packs = tmp_path / "packs"
    packs.mkdir()
    subprocess.run([orator_bin, "avatar", "export", str(packs / "studio-ada")], check=True, capture_output=True)
    srv = server(args=["--avatars", str(packs)])
    open_page(browser, srv)
    wait_for_voices(browser)
    choose(browser, "presenter-avatar")
    avatars = Select(browser.find_element(By.ID, "avatar-select"))
    assert [o.get_attribute("value") for o in avatars.options] == ["studio-ada"]

    choose(browser, "source-audio")
    assert not browser.find_element(By.ID, "voice-select").is_enabled(), "a recording brings its own voice"
    browser.find_element(By.ID, "audio-input").send_keys(str(speech_path))
    wait_for(browser, lambda d: text_of(d, "audio-duration").endswith(" s"), "the recording's duration (POST /audios)")
    assert not shown(browser, "audio-error"), text_of(browser, "audio-error")
    words = transcript_of(speech_path)
    browser.find_element(By.ID, "transcript-text").send_keys(words)
    # A recording's captions come from its transcript: the page says so and offers them.
    assert shown(browser, "captions-hint")
    browser.find_element(By.CSS_SELECTOR, "label:has(> #caption-vtt)").click()
    assert browser.find_element(By.ID, "caption-vtt").is_selected()
    wait_for(browser, lambda d: d.find_element(By.ID, "submit").is_enabled(), "submit to be enabled")

    talk_id, _, talk = submit_and_follow(browser, srv)
    assert talk["config"]["avatar"] == "studio-ada", talk
    assert talk["audio_url"], talk
    assert set(talk["captions"]) == {"vtt"}, talk
    checked = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const video = document.getElementById('result-video');
        const track = video.querySelector('track');
        const wait = () => video.readyState >= 1 || video.error ? Promise.resolve() : new Promise(r => setTimeout(() => r(wait()), 50));
        wait().then(async () => {
          const vtt = track ? await (await fetch(track.src)).text() : '';
          done({duration: video.duration, error: video.error && video.error.code, vtt: vtt.slice(0, 300),
                links: [...document.querySelectorAll('#result-captions a')].map(a => a.textContent)});
        }, (e) => done({error: String(e)}));
    """)
    assert not checked["error"], checked
    assert abs(checked["duration"] - talk["duration"]) <= 0.2, (checked, talk["duration"])
    assert checked["vtt"].startswith("WEBVTT") and words.split()[-1] in checked["vtt"].lower(), checked
    row = browser.find_element(By.CSS_SELECTOR, f'.job[data-id="{talk_id}"] .job-name')
    assert row.text.startswith(words.split()[0]), row.text
    screenshot(browser, screenshots, "07-recording-avatar")
    assert not page_errors(browser)
