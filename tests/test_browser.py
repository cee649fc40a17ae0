"""The lesson in a real browser: JupyterLab, headless Chromium, no internet. A slider moves, the chart changes."""
import os

import pytest

from browser import block_internet, find_chromium, jupyterlab, output_problems, run_all_cells
from conftest import LESSONS, ROOT

CHROMIUM = find_chromium()
if CHROMIUM is None and os.environ.get("KUNDENKIT_BROWSER_TEST") != "required":
    pytest.skip("Chromium fehlt (Debian: apt-get install chromium); Browsertest übersprungen.", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "KUNDENKIT_BROWSER_TEST=required, but no Chromium was found"
    with jupyterlab(ROOT, tmp_path_factory.mktemp("lab")) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        blocked = block_internet(page)
        yield page, base, token, blocked
        browser.close()


def chart_svg(explorer):
    return explorer.locator(".vega-embed svg.marks").first.inner_html()


@pytest.mark.parametrize("notebook", ["00_einfuehrung.ipynb", "01_00_ueberblick.ipynb"])
def test_overview_notebook_renders_offline_without_errors(browser_page, notebook):
    page, base, token, _ = browser_page
    run_all_cells(page, base, token, f"notebooks/{notebook}")
    page.wait_for_timeout(1500)
    problems = output_problems(page)
    assert problems["errors"] == [] and problems["not_loaded"] == [], problems
    assert problems["charts"] >= (1 if notebook.startswith("00") else 0), problems


@pytest.mark.parametrize("lesson", [p.name for p in LESSONS])
def test_lesson_renders_offline_and_its_main_control_redraws_the_chart(browser_page, lesson):
    """Every widget loads, every chart renders; moving the lesson's main slider changes chart and verdict."""
    page, base, token, blocked = browser_page
    run_all_cells(page, base, token, f"notebooks/{lesson}")
    explorer = page.locator(".kk-explorer").first
    explorer.locator(".vega-embed svg.marks").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    problems = output_problems(page)
    assert problems["errors"] == [] and problems["not_loaded"] == [], problems
    assert problems["charts"] >= 2, problems  # the widget in "Ausprobieren" and the one in "Transfer"

    verdict_before, svg_before = explorer.locator(".kk-verdict").first.inner_text(), chart_svg(explorer)
    control = explorer.locator(".kk-main-control").first
    readout_before = control.locator(".widget-readout").inner_text()
    control.locator(".noUi-handle").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    # A chart may re-render into a new <svg>: query it afresh inside the widget each time.
    page.wait_for_function(
        "([box, before]) => box.querySelector('.vega-embed svg.marks')?.innerHTML !== before",
        arg=[explorer.element_handle(), svg_before], timeout=15_000,
    )
    assert control.locator(".widget-readout").inner_text() != readout_before
    page.wait_for_function(
        "([box, before]) => box.querySelector('.kk-verdict')?.innerText !== before",
        arg=[explorer.element_handle(), verdict_before], timeout=10_000,
    )
    assert output_problems(page)["not_loaded"] == []
    assert not any("vega" in url or "jsdelivr" in url for url in blocked), blocked
