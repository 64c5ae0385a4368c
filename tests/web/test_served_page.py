"""The served page as a phone uses it: turned mid-flow it refits its font, and the link's token
leaves the address bar once the cookie carries it (issue 27 item 17)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.web.serving import serve
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, Terminal, wait_until, words


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_turning_the_phone_mid_flow_refits_the_font_and_the_terminal(
    browser: Browser, tmp_path: Path
) -> None:
    served = serve(tmp_path / "supple.json")
    try:
        # A narrow phone in portrait: the font shrinks so that 40 columns still fit.
        page = browser.new_page(viewport={"width": 300, "height": 900})
        terminal = Terminal(page)
        page.goto(served.url)
        wait_until(page, lambda: "Press enter to begin" in terminal.text, "the home screen")
        portrait = page.evaluate("window.supplePage.fontSize()")
        assert 11 <= portrait <= 13
        assert 40 <= terminal.screen.columns <= 45
        page.focus(".xterm-helper-textarea")
        page.keyboard.press("Enter")
        wait_until(page, lambda: "Before you start" in terminal.text, "how stiff, before")
        page.keyboard.press("Escape")
        wait_until(page, lambda: "Get ready" in words(terminal.text), "the flow")

        # Turned to landscape: wider and shorter, so a larger font fits in the 20 rows.
        page.set_viewport_size({"width": 900, "height": 500})
        wait_until(
            page,
            lambda: page.evaluate("window.supplePage.fontSize()") != portrait,
            "the font refitted",
        )
        landscape = page.evaluate("window.supplePage.fontSize()")
        assert landscape > portrait
        # The app was told its new size, and draws the flow in it.
        wait_until(page, lambda: terminal.screen.columns > 45, "the app resized")
        assert terminal.screen.lines >= 20
        wait_until(page, lambda: "left" in words(terminal.text), "the flow drawn again")

        # And back: the font it had.
        page.set_viewport_size({"width": 300, "height": 900})
        wait_until(
            page,
            lambda: page.evaluate("window.supplePage.fontSize()") == portrait,
            "the font back",
        )
        wait_until(page, lambda: 40 <= terminal.screen.columns <= 45, "40 columns again")
        page.close()
    finally:
        served.stop()


def test_the_token_leaves_the_address_bar_once_the_cookie_is_set(
    browser: Browser, tmp_path: Path
) -> None:
    served = serve(tmp_path / "supple.json", "--host", "0.0.0.0")
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        terminal = Terminal(page)
        url = served.url.replace(urlsplit(served.url).hostname or "", "127.0.0.1", 1)
        assert "token" in parse_qs(urlsplit(url).query)
        page.goto(url)
        wait_until(page, lambda: "Press enter to begin" in terminal.text, "the home screen")
        assert "token" not in parse_qs(urlsplit(page.url).query), page.url
        assert "token=" not in page.evaluate("location.href")
        # The address left, reloaded, still opens Supple: the cookie carries the token.
        reloaded = page.reload()
        assert reloaded is not None and reloaded.status == 200
        wait_until(page, lambda: "Press enter to begin" in terminal.text, "home after a reload")
        page.close()
    finally:
        served.stop()
