"""`plans serve` in a real headless browser (Debian's chromium driven by playwright).

Loads the page, waits for the tree and the reader, presses `/`, types 鉴湖 through the browser's
input-method path (a composition committed by the IME, as a Chinese user's typing arrives), sees
the results, opens the 专栏, copies it with `y` (browser clipboard), exports from compare (a
download), and keeps a screenshot under `tests/artifacts/` (gitignored; the path is printed).
Every request the page makes goes to the server it came from.

Skipped, with the reason, when playwright or chromium is missing (`make test` installs both where it
can: `apt-get install chromium`, never a downloaded browser).
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serve_proc import Served

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "plans.yaml"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("PLANS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

if sync_playwright is None:
    REASON = "playwright is not installed (pip install -e '.[test]')"
elif not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
    REASON = f"no chromium at {CHROMIUM} (apt-get install chromium, or set PLANS_CHROMIUM)"
else:
    REASON = ""
if REASON:
    print(f"\ntest_serve_browser: skipped: {REASON}")
pytestmark = pytest.mark.skipif(bool(REASON), reason=REASON)

TIMEOUT_MS = 30_000


def wait_screen(page: Page, *texts: str) -> str:
    """Wait until every text is on the terminal's screen (as the page's terminal holds it)."""
    try:
        page.wait_for_function(
            "(texts) => window.plansPage && texts.every(t => window.plansPage.screenText().includes(t))",
            arg=list(texts), timeout=TIMEOUT_MS)
    except Exception:
        print("screen when it timed out:\n" + page.evaluate("() => window.plansPage.screenText()"))
        raise
    return page.evaluate("() => window.plansPage.screenText()")


def test_browser_session(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    requests: list[str] = []
    with ThreadPoolExecutor(1) as pool:  # the server starts while the browser does
        starting = pool.submit(Served, "--data", str(DATA), "--state-dir", str(tmp_path / "serve"), cwd=tmp_path)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
                try:
                    shot = drive(browser, starting.result(), tmp_path, requests)
                finally:
                    browser.close()
        finally:
            served = starting.result()
            served.stop()
    foreign = [u for u in requests if urlsplit(u).netloc != f"127.0.0.1:{served.port}"]
    assert requests and not foreign, foreign
    with capsys.disabled():
        print(f"\n[serve browser test] screenshot: {shot}")


def drive(browser: Browser, served: Served, tmp_path: Path, requests: list[str]) -> Path:
    origin = f"http://127.0.0.1:{served.port}"
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.goto(served.base)
    assert page.title().startswith("科技创新规划浏览器")
    assert page.locator("link[rel=icon]").get_attribute("href") == "static/plans/favicon.png"

    # first screen: the tree and the reader's text
    wait_screen(page, "▾ 浙江省", "▸ 十四五 20", "根据《绍兴市")
    assert page.evaluate("() => document.activeElement.classList.contains('xterm-helper-textarea')")
    # the app gave the page its theme's background (OSC 11): no xterm.js black around the grid
    background = page.evaluate("() => document.documentElement.style.getPropertyValue('--plans-terminal-bg')")
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", background) and background != "#000000", background

    # `/`, then 鉴湖 through an input method: a composition, committed
    page.keyboard.press("/")
    wait_screen(page, "空格=且")
    cdp = context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "jian'hu", "selectionStart": 7, "selectionEnd": 7})
    cdp.send("Input.insertText", {"text": "鉴湖"})
    screen = wait_screen(page, "鉴湖现代纺织实验室", "7 条结果")
    assert "鉴湖" in screen.splitlines()[2]  # in the search box itself

    # Enter opens the first result: a 专栏, boxed in the reader and shown in the 专栏 pane
    page.keyboard.press("Enter")
    wait_screen(page, "专栏 10：绍兴市", "╭", "2．鉴湖现代纺织实验室")

    # `y`: the browser's clipboard gets it (not the server's)
    page.keyboard.press("y")
    # the toast says 已复制 … 到浏览器剪贴板; where it overlaps a pane border Textual blanks some of
    # its CJK characters (Textualize/textual#6357), so only its start is checked
    wait_screen(page, "已复制")
    page.wait_for_function("() => window.plansPage.copied !== null", timeout=TIMEOUT_MS)
    copied = page.evaluate("() => window.plansPage.copied")
    assert "鉴湖现代纺织实验室" in copied and "绍兴市" in copied
    assert "鉴湖现代纺织实验室" in page.evaluate("() => navigator.clipboard.readText()")

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "serve-column.png"
    page.screenshot(path=str(shot))

    # compare, `e`: the export arrives as downloads, nothing is written on the server
    page.keyboard.press("m")
    wait_screen(page, "导出")
    with page.expect_download(timeout=TIMEOUT_MS) as first:
        page.keyboard.press("e")
    download = first.value
    assert download.suggested_filename.startswith("compare-")
    saved = tmp_path / "downloaded" / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8").count("\n") > 3
    assert not any(p.name.startswith("compare-") for p in tmp_path.iterdir())
    return shot
