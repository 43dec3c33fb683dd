"""The page in a real browser: Debian's Chromium driven by Playwright over the demo ledger.

Runs when RAWI_TEST_BROWSER=1 (CI; the setup installs Chromium with
scripts/install-chromium) or when /usr/bin/chromium exists; skipped otherwise.
Every view is loaded and screenshotted (under pytest's tmp dir; the article view
and the conflicts board are also copied to docs/screenshots/ for the README).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from browser_support import (
    CHROMIUM_ARGS,
    HOSTILE_KEY,
    ROOT,
    SEED_KEY,
    build_demo_ledger,
    chromium_path,
    seed_analysis,
    serve,
    wanted,
)

_run, _why = wanted()
pytestmark = pytest.mark.skipif(not _run, reason=_why)

DOCS_SHOTS = ROOT / "docs" / "screenshots"


def _publish(shot: Path, name: str) -> None:
    """Refresh the README's screenshots only when asked (RAWI_UPDATE_SCREENSHOTS=1), so that a
    test run does not rewrite tracked files."""
    if os.environ.get("RAWI_UPDATE_SCREENSHOTS") == "1":
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SHOTS / name)


RELAY = "وكالة الأنباء المركزية الكورية"
KIM = "كيم جونغ أون"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


def _route(key: str) -> str:
    return quote(key, safe="")


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ledger") / "demo.sqlite"
    build_demo_ledger(db)
    return db


@pytest.fixture(scope="module")
def base_url(ledger_db: Path) -> Iterator[str]:
    with serve(ledger_db) as server:
        yield server.url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = chromium_path()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        # A fresh profile per run through launch_persistent_context: Playwright refuses
        # --user-data-dir in launch()'s args.
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=exe,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            locale="en-US",
            timezone_id="UTC",
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


class Watch:
    """What went wrong on a page: console errors, uncaught exceptions, failed requests, dialogs."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self._failed(r.url, r.failure or "failed"))
        page.on("response", lambda r: self._failed(r.url, str(r.status)) if r.status >= 400 else None)
        page.on("dialog", self._dialog)

    def _failed(self, url: str, why: str) -> None:
        if not url.endswith("/favicon.ico"):
            self.errors.append(f"request {url}: {why}")

    def _dialog(self, d: Any) -> None:
        self.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    pg = browser.new_page()
    watch = Watch(pg)
    try:
        yield pg, watch
    finally:
        pg.close()


def open_view(pg: Any, base_url: str, hash_: str, view: str) -> None:
    pg.goto(f"{base_url}/{hash_}")
    pg.wait_for_selector(f"main[data-view='{view}']:not([aria-busy])")


VIEWS = [
    ("articles", "#/articles"),
    ("article", f"#/article/{_route(SEED_KEY)}"),
    ("claims", "#/claims"),
    ("conflicts", "#/conflicts"),
    ("timeline", "#/timeline?entity=" + _route("كوريا الشمالية")),
    ("entity", "#/entity/Q56226"),
    ("paste", "#/paste"),
]


@pytest.mark.parametrize(("view", "hash_"), VIEWS, ids=[v for v, _ in VIEWS])
def test_each_view_loads(page: tuple[Any, Watch], base_url: str, shots: Path, view: str, hash_: str) -> None:
    pg, watch = page
    open_view(pg, base_url, hash_, view)
    assert pg.locator("main h1").count() == 1
    assert not pg.locator("main .error").count(), pg.locator("main .error").inner_text()
    if view in ("articles", "claims"):
        assert pg.locator("main tbody tr").count() > 0
    if view == "timeline":
        assert pg.locator("ol.timeline li").count() > 0
    if view == "entity":
        assert pg.locator("main h1").inner_text() == KIM
        assert pg.locator("main tbody tr").count() > 0  # what Kim said
    pg.screenshot(path=str(shots / f"{view}.png"), full_page=True)
    assert watch.errors == []


def test_seed_article_shows_kims_relay_chain(
    page: tuple[Any, Watch], base_url: str, ledger_db: Path, shots: Path
) -> None:
    analysis = seed_analysis(ledger_db)
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    kim_via_kcna = {
        a["id"]
        for a in analysis["attributions"]
        if names.get(a["source"]["entity"]) == KIM and any(v["text"] == RELAY for v in a["via"])
    }
    assert kim_via_kcna, "the extraction no longer finds Kim quoted via KCNA"
    pg, watch = page
    open_view(pg, base_url, f"#/article/{_route(SEED_KEY)}", "article")
    text = pg.locator(".article-text")
    assert text.get_attribute("dir") == "rtl"
    assert text.evaluate("n => n.textContent") == analysis["text"]  # every character, once, in order
    for role in ("source", "cue", "content", "relay", "time", "quantity"):
        assert text.locator(f"mark.m-{role}").count() > 0, role
    relay = text.locator("mark.m-relay").filter(has_text=re.compile(f"^{RELAY}$")).first
    assert set(relay.get_attribute("data-att").split()) & kim_via_kcna
    relay.focus()
    tip = pg.locator("#tip")
    tip.wait_for(state="visible")
    tip_text = tip.inner_text()
    assert "relay" in tip_text and KIM in tip_text
    assert any(re.search(rf"\b{a}\b", tip_text) for a in kim_via_kcna)
    assert relay.get_attribute("aria-describedby") == "tip"
    # Colours differ by role (the legend's promise).
    colours = {
        role: text.locator(f"mark.m-{role}").first.evaluate("m => getComputedStyle(m).backgroundColor")
        for role in ("source", "cue", "content", "relay", "time", "quantity")
    }
    assert len(set(colours.values())) == 6, colours
    # For the README: the top of the article, with the first relay's panel open.
    pg.evaluate("window.scrollTo(0, 0)")
    text.locator("mark.m-relay").first.focus()
    tip.wait_for(state="visible")
    pg.screenshot(path=str(shots / "article-relay.png"))
    _publish(shots / "article-relay.png", "article.png")
    assert watch.errors == []


def test_conflicts_board_shows_the_demo_conflict(page: tuple[Any, Watch], base_url: str, shots: Path) -> None:
    pg, watch = page
    open_view(pg, base_url, "#/conflicts", "conflicts")
    pairs = pg.locator("section.pair-conflict")
    assert pairs.count() >= 1
    found = False
    for i in range(pairs.count()):
        cards = pairs.nth(i).locator(".card")
        assert cards.count() == 2
        sides = [cards.nth(j).inner_text() for j in range(2)]
        if any("أكثر من 4000" in s for s in sides) and any("حوالي 2000" in s or "نحو 2500" in s for s in sides):
            found = True
            for j in range(2):  # each side: outlet, date, value, and the figure highlighted in its sentence
                card = cards.nth(j)
                assert re.search(r"\d{4}-\d{2}-\d{2}", card.locator("dd").first.inner_text())
                assert card.locator(".value").inner_text().strip()
                assert card.locator(".evidence mark").count() == 1
    assert found, "the demo's 4000-against-2000/2500 conflict is not on the board"
    pg.screenshot(path=str(shots / "conflicts-board.png"), full_page=True)
    _publish(shots / "conflicts-board.png", "conflicts.png")
    assert watch.errors == []


def _paste(pg: Any, base_url: str, text: str) -> Any:
    """Paste `text` (dated 2025-10-24) on the paste view; the rendered article, once shown."""
    open_view(pg, base_url, "#/paste", "paste")
    pg.fill("#paste-text", text)
    pg.fill("#paste-date", "2025-10-24")
    pg.click("form.paste button[type=submit]")
    out = pg.locator("#paste-out .article-text")
    out.wait_for()
    return out


def test_paste_extracts_at_once(page: tuple[Any, Watch], base_url: str, shots: Path) -> None:
    pg, watch = page
    out = _paste(
        pg, base_url, "وقال المتحدث باسم الجيش، بحسب وكالة الأنباء الرسمية، إن أكثر من 300 جندي قتلوا يوم الخميس."
    )
    assert out.locator("mark.m-quantity").count() == 1
    assert out.locator("mark.m-cue").count() >= 1
    time_mark = out.locator("mark.m-time").first
    time_mark.focus()
    assert "2025-10-23" in pg.locator("#tip").inner_text()  # the Thursday before the dateline
    pg.screenshot(path=str(shots / "paste-result.png"), full_page=True)
    assert watch.errors == []


def test_an_english_article_reads_left_to_right(page: tuple[Any, Watch], base_url: str) -> None:
    pg, watch = page
    out = _paste(pg, base_url, "At least 27 people were killed on Thursday, police said, according to Reuters.")
    assert out.get_attribute("dir") == "ltr"
    assert out.locator("mark.m-quantity").count() == 1
    assert out.locator("mark.m-cue").count() >= 1
    assert watch.errors == []


def test_keyboard_reaches_a_mark_and_its_tooltip(page: tuple[Any, Watch], base_url: str) -> None:
    pg, watch = page
    open_view(pg, base_url, f"#/article/{_route(SEED_KEY)}", "article")
    for _ in range(40):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.matches('mark.m')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted span")
    assert pg.locator("#tip").is_visible()
    focused = pg.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # a visible focus ring
    pg.keyboard.press("Escape")
    assert not pg.locator("#tip").is_visible()
    # Enter on a link navigates: from the article list into an article.
    open_view(pg, base_url, "#/articles", "articles")
    pg.locator("main tbody a").first.focus()
    pg.keyboard.press("Enter")
    pg.wait_for_selector("main[data-view='article']:not([aria-busy])")
    assert watch.errors == []


def test_hostile_article_runs_nothing(page: tuple[Any, Watch], base_url: str, shots: Path) -> None:
    pg, watch = page
    open_view(pg, base_url, "#/articles", "articles")
    assert "<script>" in pg.locator("main tbody").inner_text()  # its outlet, shown as text
    open_view(pg, base_url, f"#/article/{_route(HOSTILE_KEY)}", "article")
    text = pg.locator(".article-text")
    shown = text.inner_text()
    assert "<script>window.__pwned=1</script>" in shown and 'onerror="window.__pwned=1"' in shown
    assert pg.locator("main h1").inner_text().startswith("<img")
    # Nothing from the article became an element: no scripts, images, frames, or links in the text.
    assert pg.locator("main script, main img, main iframe, main svg, .article-text a, .article-text b").count() == 0
    assert pg.locator("a[href^='javascript:' i]").count() == 0
    marks = text.locator("mark.m")
    assert marks.count() > 0
    for i in range(marks.count()):
        marks.nth(i).hover()
        marks.nth(i).focus()
        marks.nth(i).click()
    links = pg.locator("main a")
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        assert href.startswith(("#/", "http://", "https://")), href
    pg.screenshot(path=str(shots / "hostile.png"), full_page=True)
    assert pg.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == []
    assert watch.errors == []


# Random spans over a text with astral characters: every span's pieces, read in order, must give
# back exactly its code points, and the whole text must survive unchanged (nested or crossing).
RENDER_CHECK = """async () => {
  const { renderMarks } = await import("/static/highlight.js");
  const text = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? "😀" : "قالx<b>"[i % 7])).join("");
  const cps = Array.from(text);
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const failures = [];
  for (let round = 0; round < 200; round++) {
    const spans = [];
    for (let k = 0; k < 1 + rand(8); k++) {
      const start = rand(cps.length);
      spans.push({ id: k, start, end: start + 1 + rand(cps.length - start), role: "content" });
    }
    spans.sort((x, y) => x.start - y.start || y.end - x.end);
    const root = document.createElement("div");
    renderMarks(root, text, spans, (s) => { const m = document.createElement("mark"); m.dataset.id = s.id; return m; });
    if (root.textContent !== text) failures.push(["text", round]);
    for (const s of spans) {
      const got = [...root.querySelectorAll(`mark[data-id="${s.id}"]`)].map((m) => m.textContent).join("");
      if (got !== cps.slice(s.start, s.end).join("")) failures.push([round, s.start, s.end, got]);
    }
  }
  return failures;
}"""


def test_spans_nest_and_split_exactly(page: tuple[Any, Watch], base_url: str) -> None:
    pg, watch = page
    open_view(pg, base_url, "#/paste", "paste")
    assert pg.evaluate(RENDER_CHECK) == []
    assert watch.errors == []
