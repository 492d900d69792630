"""The web review in a real browser: `safe-reply review --web` on a free loopback port, driven by the
system's headless Chromium through its driver (Debian's chromium + chromium-driver).

Sign in, filter, label three findings by keyboard (one with a note), reveal a term with the right role
and fail to with the wrong one, see the dashboard; then check the audit trail and that neither the
pages a non-revealer saw nor the server log hold a protected term. Screenshots go to the test's
folder; with SAFE_REPLY_UPDATE_SCREENSHOTS=1 they replace the ones in docs/ that the README shows.
CI sets SAFE_REPLY_REQUIRE_BROWSER=1: there a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from safe_reply.log import RecordFilter, open_store
from safe_reply.log.records import AuditEvent, Label
from web.webdata import PASSWORD, REVEAL_KEY, make_log, reviewers_file

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
REQUIRE_ENV = "SAFE_REPLY_REQUIRE_BROWSER"
DOCS = Path(__file__).resolve().parents[2] / "docs"
# Without the background-networking flags Chromium tries to reach the network on its own.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions", "--window-size=1280,900",
)  # fmt: skip
SECRETS = ("Orion", "Tianjin", "Powercell")

pytestmark = pytest.mark.slow


def _need_browser() -> None:
    missing = [p for p in (CHROMIUM, DRIVER) if not Path(p).exists()]
    if missing:
        reason = f"no {' and '.join(missing)}: apt-get install chromium chromium-driver"
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{reason}; {REQUIRE_ENV} is set, so this is an error")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """The running review server: (base URL, log path, server output file)."""
    _need_browser()
    db = make_log(tmp_path / "log.sqlite3")
    config = tmp_path / "config"
    shutil.copytree(Path(__file__).resolve().parents[2] / "config", config)
    port = _free_port()
    output = tmp_path / "server.log"
    env = {**os.environ, "SAFE_REPLY_REVEAL_KEY": REVEAL_KEY, "SAFE_REPLY_LOG_KEY": "web-test-key"}
    command = [
        sys.executable, "-c", "from safe_reply.cli import main; main()", "review", "--web", "--port", str(port),
        "--store", str(db), "--config", str(config), "--reviewers", str(reviewers_file(tmp_path / "reviewers.yaml")),
        "--proposals", str(tmp_path / "proposals"),
    ]  # fmt: skip
    with output.open("w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the review server did not start:\n{output.read_text()}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", db, output
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    _need_browser()
    os.environ.setdefault("SE_AVOID_STATS", "true")  # Selenium Manager is never asked (driver path given)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


def test_review_in_a_real_browser(server: tuple[str, Path, Path], browser: object, tmp_path: Path) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    url, db, output = server
    assert isinstance(browser, WebDriver)
    driver = browser
    wait = WebDriverWait(driver, 15)
    seen_by_others: list[str] = []

    def sign_in(name: str) -> None:
        driver.get(f"{url}/queue")
        wait.until(ec.presence_of_element_located((By.ID, "sign-in")))
        driver.find_element(By.ID, "name").send_keys(name)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "who"), name))

    def press(keys: str) -> None:
        ActionChains(driver).send_keys(keys).perform()

    def gone(element: WebElement) -> Callable[[WebDriver], bool]:
        """`ec.staleness_of`, also when Chrome reports the replaced page's node as "does not belong to the
        document" (a WebDriverException, not a StaleElementReferenceException) while the page reloads."""

        def check(_: WebDriver) -> bool:
            try:
                element.is_enabled()
            except WebDriverException:  # StaleElementReferenceException is one too
                return True
            return False

        return check

    def label_by_key(key: str) -> None:
        old = driver.find_element(By.CSS_SELECTOR, "tr.selected")
        press(key)
        wait.until(gone(old))  # the label was posted and the queue reloaded
        wait.until(ec.presence_of_element_located((By.ID, "count")))

    # Sign in as a reviewer who may reveal; the queue leaves out the two mechanical AI-notice findings.
    sign_in("anna")
    assert driver.find_element(By.ID, "count").text.startswith("4 Befund(e)")
    driver.save_screenshot(str(tmp_path / "review-queue.png"))

    # Filter: product line ebike.
    Select(driver.find_element(By.ID, "filter-product_line")).select_by_value("ebike")
    driver.find_element(By.ID, "apply-filters").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "count"), "3 Befund(e)"))
    rows = [r.get_attribute("data-record") for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-item]")]
    assert rows == ["1", "2", "3"]

    # Three labels, one key each; the second with a note typed after `n`.
    label_by_key("c")
    press("n")
    driver.switch_to.active_element.send_keys("lebenslange Garantie ist freigegeben", Keys.ENTER)
    label_by_key("f")
    label_by_key("c")
    assert driver.find_element(By.ID, "empty").text == "Nichts zu prüfen / nothing to review"

    # Reveal with the right role: the term appears in the button, and the reveal is recorded.
    driver.get(f"{url}/records/1")
    driver.save_screenshot(str(tmp_path / "review-record.png"))
    mask = driver.find_element(By.CSS_SELECTOR, "button.mask")
    assert mask.text == "⟦codename:3f2a9c1d00aa11bb⟧"
    mask.click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "reveal-status"), "revealed and recorded"))
    assert driver.find_element(By.CSS_SELECTOR, "button.mask.revealed").text == "Orion"
    assert driver.find_element(By.ID, "policy-hash").text == "policyhash01"
    driver.find_element(By.CSS_SELECTOR, "header form.who button").click()
    # Signed out once the sign-in page is there: loading the next page before that raced the logout
    # (on a loaded machine the queue came back still signed in as anna).
    wait.until(ec.presence_of_element_located((By.ID, "sign-in")))

    # The wrong role: a reviewer who may label but not reveal.
    sign_in("ben")
    seen_by_others.append(driver.page_source)
    driver.get(f"{url}/records/3")
    driver.find_element(By.CSS_SELECTOR, "button.mask").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "reveal-status"), "your role may not reveal terms"))
    assert driver.find_elements(By.CSS_SELECTOR, "button.mask.revealed") == []
    seen_by_others.append(driver.page_source)

    # The dashboard: rates and precision as charts.
    driver.get(f"{url}/dashboard")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#chart-rates svg")))
    precision = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#precision tbody tr")]
    assert precision == [
        "claims.de/guarantee-absolute 0 1 0.0 %",
        "trade_secrets.codename 1 0 100.0 %",
        "trade_secrets.supplier 1 0 100.0 %",
    ]
    assert driver.find_elements(By.CSS_SELECTOR, "#chart-precision-bars svg rect")
    driver.save_screenshot(str(tmp_path / "review-dashboard.png"))
    seen_by_others.append(driver.page_source)

    # The audit trail: who labelled what, and every reveal and refused reveal.
    store = open_store(db)
    try:
        labels = {s.id: s.labels for s in store.query(RecordFilter())}
        trail = {record_id: store.history(record_id) for record_id in (1, 2, 3)}
    finally:
        store.close()
    assert (labels[2][0].label, labels[2][0].note, labels[2][0].reviewer) == (
        Label.FALSE_POSITIVE,
        "lebenslange Garantie ist freigegeben",
        "anna",
    )
    assert [(e.event, e.reviewer, e.value) for e in trail[1]] == [
        (AuditEvent.LABEL, "anna", "confirmed"),
        (AuditEvent.REVEAL, "anna", "codename"),
    ]
    assert [(e.event, e.reviewer, e.value) for e in trail[3]] == [
        (AuditEvent.LABEL, "anna", "confirmed"),
        (AuditEvent.REVEAL_DENIED, "ben", "supplier"),
    ]

    # Nothing a non-revealer saw, and nothing in the server log, holds a protected term.
    log_text = output.read_text()
    assert "POST /records/1/reveal HTTP/1.1\" 200" in log_text
    assert "POST /records/3/reveal HTTP/1.1\" 403" in log_text
    for text in (*seen_by_others, log_text):
        assert not [s for s in SECRETS if s in text]

    if os.environ.get("SAFE_REPLY_UPDATE_SCREENSHOTS"):
        for name in ("review-queue.png", "review-record.png", "review-dashboard.png"):
            shutil.copyfile(tmp_path / name, DOCS / name)
