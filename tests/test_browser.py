"""The lesson in a real browser: JupyterLab, headless Chromium, no internet. A slider moves, the chart changes."""
import os
import re

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


GERMAN_READOUT = re.compile(r"[−-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?: %)?")


def main_readout(explorer):
    """The German readout next to the lesson's main slider (ipywidgets' own readout is switched off)."""
    return explorer.locator(".kk-slider:has(.kk-main-control) .kk-readout").first


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")
                                             if p.stem.endswith(("einfuehrung", "ueberblick"))))
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
    readout_before = main_readout(explorer).inner_text()
    assert GERMAN_READOUT.fullmatch(readout_before), readout_before
    control.locator(".noUi-handle").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    # A chart may re-render into a new <svg>: query it afresh inside the widget each time.
    page.wait_for_function(
        "([box, before]) => box.querySelector('.vega-embed svg.marks')?.innerHTML !== before",
        arg=[explorer.element_handle(), svg_before], timeout=15_000,
    )
    page.wait_for_function(
        "([box, before]) => box.querySelector('.kk-slider:has(.kk-main-control) .kk-readout')?.innerText !== before",
        arg=[explorer.element_handle(), readout_before], timeout=10_000,
    )
    assert GERMAN_READOUT.fullmatch(main_readout(explorer).inner_text())
    page.wait_for_function(
        "([box, before]) => box.querySelector('.kk-verdict')?.innerText !== before",
        arg=[explorer.element_handle(), verdict_before], timeout=10_000,
    )
    assert output_problems(page)["not_loaded"] == []
    assert not any("vega" in url or "jsdelivr" in url for url in blocked), blocked


def test_german_number_typed_into_the_transfer_field_is_shown_and_used(browser_page):
    """Lesson 1.1's transfer: ``1500,5`` in "Umsatz je Kunde/Jahr (€)" becomes 1.500,50 and the verdict uses it."""
    from kundenkit.formatting import de_number
    from kundenkit.widgets.relationship import explorer as relationship_explorer

    reference = relationship_explorer()  # the notebook's transfer widget: no data, the course's example values
    reference.revenue.text.value = "1500,5"
    expected = f"{de_number(reference.result.extra_revenue)} €"   # Mehrerlös je Kunde at 1.500,50 €

    page, base, token, _ = browser_page
    run_all_cells(page, base, token, "notebooks/01_01_was_sind_beziehungen.ipynb")
    transfer = page.locator(".kk-relationship").nth(1)   # the first one is "Ausprobieren" with the sample data
    verdict = transfer.locator(".kk-verdict")
    verdict.wait_for(timeout=30_000)
    before = verdict.inner_text()
    assert expected not in before
    box = transfer.locator(".kk-number-field", has_text="Umsatz je Kunde").locator("input")
    box.fill("1500,5")
    box.press("Enter")
    page.wait_for_function("input => input.value === '1.500,50'", arg=box.element_handle(), timeout=15_000)
    page.wait_for_function("([box, text]) => box.innerText.includes(text)",
                           arg=[verdict.element_handle(), expected], timeout=15_000)
    assert transfer.locator(".kk-field-message").first.inner_text().strip() == ""

    box.fill("1.5")                                      # unclear: refused next to the field, value kept
    box.press("Enter")
    message = transfer.locator(".kk-field-message").first
    message.wait_for(state="visible", timeout=15_000)
    assert "Meinen Sie 1,5?" in message.inner_text()
    assert expected in verdict.inner_text()


def test_exercise_is_answered_in_german_without_code(browser_page):
    """Exercise 1.1-a: an unclear entry gets a German hint, the right one typed as the table shows it is accepted
    and kept in antworten/."""
    import json

    import kundenkit as kk
    from kundenkit.exercises.answers import as_typed
    from kundenkit.exercises.catalog import get_exercise
    from kundenkit.exercises.saved_answers import ANSWERS_DIR, answer_path

    exercise = get_exercise("1.1-a")
    right = as_typed(exercise, exercise.reference(kk.load_course_data()))
    saved = answer_path(ROOT / "exercises" / ANSWERS_DIR, exercise.id)
    saved.unlink(missing_ok=True)
    page, base, token, _ = browser_page
    try:
        run_all_cells(page, base, token, "exercises/01_01_was_sind_beziehungen.ipynb")
        field = page.locator(".kk-answer-field").first
        field.wait_for(timeout=30_000)
        feedback = field.locator(".kk-feedback")
        for typed, expected in (("0.05", "Diese Eingabe kann der Kurs nicht lesen"), (right, "Richtig")):
            field.locator("input").fill(typed)
            field.locator("button", has_text="Prüfen").click()
            page.wait_for_function("([box, text]) => box.innerText.includes(text)",
                                   arg=[field.element_handle(), expected], timeout=15_000)
        assert "Richtig" in feedback.first.inner_text()
        assert json.loads(saved.read_text(encoding="utf-8"))["antwort"] == right
    finally:
        saved.unlink(missing_ok=True)
        if saved.parent.is_dir() and not any(saved.parent.iterdir()):
            saved.parent.rmdir()
