"""The review page in a real browser (Debian's chromium and chromium-driver through Selenium).

The page is driven as a person would, with the keyboard and the mouse: filter, merge, split, move,
undo, confirm, edit, save; then the saved ladder and TMX are checked. Every step waits for the
page's revision to change (an explicit condition, never a sleep).
"""

from __future__ import annotations

import os
import shutil

import pytest

pytest.importorskip("flask", reason="the review server needs Flask (pip install 'vienalign[review]')")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the test extra has it)")

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from align.formats import read_ladder  # noqa: E402
from align.tmx_read import open_tmx, validate  # noqa: E402
from tests.review_helpers import POLICY, Server, write_pair  # noqa: E402

WAIT = 30  # seconds any one condition may take on a busy CI machine
SCREENSHOT_ENV = "VIENALIGN_REVIEW_SCREENSHOT"
"""Where to copy the screenshot of a document under review, when set."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("chromium and chromium-driver are not installed (.ci/run installs Debian's packages)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    # Without the networking flags, Chromium keeps trying to reach Google on a closed network.
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def revision(driver) -> str | None:
    return driver.find_element(By.TAG_NAME, "body").get_attribute("data-revision")


def wait_revision(driver, expected: int) -> None:
    WebDriverWait(driver, WAIT).until(lambda d: revision(d) == str(expected),
                                      f"the page did not reach revision {expected}: "
                                      f"{d_status(driver)!r}")


def d_status(driver) -> str:
    return driver.find_element(By.ID, "status").text


def keys(driver, *sequence: str) -> None:
    driver.find_element(By.TAG_NAME, "body").send_keys(*sequence)


def ctrl(driver, key: str) -> None:
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()


def row(driver, first_src: int):
    """The row of the unit whose first source sentence is ``first_src``."""
    return driver.find_element(By.CSS_SELECTOR, f'tr.unit:has(.sent[data-side="src"][data-index="{first_src}"]'
                                                f':first-child)')


def units(driver) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(tuple(src), tuple(tgt)) for src, tgt in
            driver.execute_script("return page.state.units.map((u) => [u.src, u.tgt]);")]


def visible_rows(driver) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, "tr.unit"))


LADDER = """\
[0]:[0]:0.95
[1]:[1]:0.20
[2]:[2]:0.97
[3, 4]:[3, 4]:0.10
[5]:[5]:0.99
[6]:[6, 7]:0.30
[7]:[]:0.05
[8]:[8]:0.92
[9]:[9]:0.40
"""


def test_review_by_keyboard_and_mouse_then_save(browser, tmp_path):
    src, tgt = write_pair(tmp_path, 10)
    ladder = tmp_path / "start.ladder"
    ladder.write_text(LADDER, encoding="utf-8")
    outdir = tmp_path / "out"
    server = Server(src, tgt, "--presplit", "--ladder", ladder, "-o", outdir)
    try:
        assert server.url, server.stop()
        browser.get(server.url)
        wait_revision(browser, 0)
        # The filter starts at the weakest tenth: of 9 units, the one scoring 0.05 is shown.
        assert browser.find_element(By.ID, "threshold").get_attribute("value") == "0.100"
        assert visible_rows(browser) == 1 and browser.find_element(By.ID, "counter").text == "1 unit to check"

        # Filter: "f" focuses the score filter; type 0.5.
        keys(browser, "f")
        field = browser.switch_to.active_element
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys("0.5", Keys.ENTER)
        WebDriverWait(browser, WAIT).until(lambda d: visible_rows(d) == 5)
        assert browser.find_element(By.ID, "counter").text == "5 units to check"

        # Merge: click the unit scoring 0.20, press m (with the next unit, hidden by the filter).
        row(browser, 1).click()
        keys(browser, "m")
        wait_revision(browser, 1)
        assert units(browser)[1] == ((1, 2), (1, 2))

        # Split the 2-2 unit: click it, press s (the first sentence of each side, then the rest).
        row(browser, 3).click()
        keys(browser, "s")
        wait_revision(browser, 2)
        assert units(browser)[2:4] == [((3,), (3,)), ((4,), (4,))]

        # Move: click the target sentence 7 of [6]:[6, 7], press ] to move it to [7]:[].
        browser.find_element(By.CSS_SELECTOR, '.sent[data-side="tgt"][data-index="7"]').click()
        keys(browser, "]")
        wait_revision(browser, 3)
        assert units(browser)[5:7] == [((6,), (6,)), ((7,), (7,))]

        # Undo: a wrong merge (Shift+M, with the unit above), taken back with Ctrl+Z.
        before = units(browser)
        keys(browser, "M")
        wait_revision(browser, 4)
        assert units(browser) != before
        ctrl(browser, "z")
        wait_revision(browser, 5)
        assert units(browser) == before

        # Confirm with the toolbar (mouse), then fix a typo: double-click, type, Enter.
        row(browser, 9).click()
        browser.find_element(By.CSS_SELECTOR, '#toolbar button[data-action="confirm"]').click()
        wait_revision(browser, 6)
        sentence = browser.find_element(By.CSS_SELECTOR, '.sent[data-side="tgt"][data-index="9"]')
        ActionChains(browser).double_click(sentence).perform()
        editor = WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "textarea.editor"))
        editor.send_keys(Keys.CONTROL, "a")
        editor.send_keys("A corrected sentence.", Keys.ENTER)
        wait_revision(browser, 7)

        # Save with Ctrl+S.
        ctrl(browser, "s")
        WebDriverWait(browser, WAIT).until(lambda d: d_status(d).startswith("saved "), "not saved")
        assert browser.find_element(By.ID, "save").text == "Save"
    finally:
        server.stop()

    beads = read_ladder(outdir / "doc.ladder")
    assert [(b.src, b.tgt, round(b.score, 2)) for b in beads] == [
        ((0,), (0,), 0.95), ((1, 2), (1, 2), 1.0), ((3,), (3,), 1.0), ((4,), (4,), 1.0), ((5,), (5,), 0.99),
        ((6,), (6,), 1.0), ((7,), (7,), 1.0), ((8,), (8,), 0.92), ((9,), (9,), 1.0)]
    assert [p for p in validate(outdir / "doc.tmx") if p.level != "warning"] == []
    _, tmx_units = open_tmx(outdir / "doc.tmx")
    tmx_units = list(tmx_units)
    assert len(tmx_units) == 9  # every unit is a pair scoring at least 0.5 now
    assert [unit.prop("x-reviewed") for unit in tmx_units] == [None, "yes", "yes", "yes", None, "yes", "yes", None, "yes"]
    assert tmx_units[-1].text("en") == "A corrected sentence."
    original = tgt.read_text(encoding="utf-8").splitlines()[9]
    assert (outdir / "doc.en.sent").read_text(encoding="utf-8").splitlines()[9] == original != "A corrected sentence."


def test_screenshot_of_a_vietnamese_english_document_under_review(browser, tmp_path):
    Image = pytest.importorskip("PIL.Image")
    name = POLICY.with_name("005-press-briefing")
    server = Server(f"{name}.vi.txt", f"{name}.en.txt", "-o", tmp_path / "out")
    try:
        assert server.url, server.stop()
        browser.get(server.url)
        wait_revision(browser, 0)
        keys(browser, "a")  # every unit, not only the doubtful ones
        keys(browser, "n")  # to the first doubtful unit, in context
        WebDriverWait(browser, WAIT).until(lambda d: d_status(d).startswith("unit "))
        score_colours = browser.execute_script(
            "return ['tr.current td.score', 'tr.unit:not(.current) td.score']"
            ".map((css) => getComputedStyle(document.querySelector(css)).borderLeftColor);")
        shot = tmp_path / "review.png"
        browser.save_screenshot(str(shot))
    finally:
        server.stop()
    if os.environ.get(SCREENSHOT_ENV):
        shutil.copyfile(shot, os.environ[SCREENSHOT_ENV])
    image = Image.open(shot).convert("RGB")
    colours = {rgb for _, rgb in image.getcolors(maxcolors=1 << 22)}
    # The doubtful unit's score colour and a confident unit's are drawn, and they differ.
    doubtful, confident = (tuple(int(v) for v in colour[4:-1].split(",")) for colour in score_colours)
    assert doubtful != confident and doubtful in colours and confident in colours
