"""The manager view (``kundenkit ansicht``): lessons as pages without code, offline, saving like JupyterLab."""
import json
import os
import re
import subprocess
import sys
import time

import nbformat
import pytest

from browser import block_internet, find_chromium, free_port, stop_process_group, wait_until_serving
from conftest import ROOT

TEMPLATE = ROOT / "src" / "kundenkit" / "share" / "jupyter" / "voila" / "templates" / "kundenkit"


def test_the_template_loads_nothing_from_the_internet():
    """Voilà's own template links Font Awesome from a CDN; the course's template strips exactly those links."""
    voila_lab = ROOT / ".venv" / "share" / "jupyter" / "voila" / "templates" / "lab" / "index.html.j2"
    ours = (TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    if voila_lab.exists():  # every CDN link of Voilà's template is one the course's template removes
        cdn_links = [line.strip() for line in voila_lab.read_text(encoding="utf-8").splitlines()
                     if "https://" in line and "<link" in line]
        assert cdn_links and all(link in ours for link in cdn_links), cdn_links
    for page in TEMPLATE.iterdir():
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text
        assert "https://" not in text.replace("replace('<link rel=\"stylesheet\" href=\"https://", "")


def test_only_pages_without_saved_state_are_preheated():
    """A preheated page was run before the manager saved anything: it must not show answers or transfers."""
    from kundenkit.manager_view import JUPYTER_CONFIG

    pools = json.loads((JUPYTER_CONFIG / "voila.json").read_text(encoding="utf-8"))["VoilaKernelManager"]
    preheated = [name for name, pool in pools["kernel_pools_config"].items() if pool["pool_size"] > 0]
    assert pools["kernel_pools_config"]["default"]["pool_size"] == 0 and preheated
    for name in preheated:
        code = "\n".join(c.source for c in nbformat.read(ROOT / name, as_version=4).cells if c.cell_type == "code")
        assert not re.search(r"save_path|aufgabe|Transfer|ActionPlan|Reset", code), name


ALL_NOTEBOOKS = sorted(str(p.relative_to(ROOT)) for folder in ("notebooks", "solutions", "exercises")
                       for p in (ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS)
def test_what_only_works_with_code_is_tagged_for_jupyterlab(notebook):
    """The manager view hides cells tagged nur-jupyterlab: running cells, editing parameters, the Python tasks."""
    cells = nbformat.read(ROOT / notebook, as_version=4).cells
    shown = [c for c in cells if "nur-jupyterlab" not in c.metadata.get("tags", [])]
    for cell in shown:
        if cell.cell_type == "markdown":
            assert not re.search(r"Umschalt \+ Eingabe|Alle Zellen ausführen|^### Parameter|^## Mit Python",
                                 cell.source, re.M), (notebook, cell.source[:200])
        else:
            assert "check_answer" not in cell.source, (notebook, cell.source[:200])


def test_a_page_without_daten_pfad_reads_the_folder_the_manager_view_names(tmp_path, monkeypatch):
    from kundenkit import generate_customers, load_course_data
    from kundenkit.course import OWN_DATA_ENV
    from kundenkit.data.files import save_customer_base

    save_customer_base(generate_customers(seed=5, n_customers=37), tmp_path / "firma")
    monkeypatch.setenv(OWN_DATA_ENV, str(tmp_path / "firma"))
    assert len(load_course_data().kunden) == 37                      # the notebook's daten_pfad = None
    assert len(load_course_data(daten_pfad=None, n_kunden=10).kunden) == 37
    assert len(load_course_data(daten_pfad=str(tmp_path / "firma")).kunden) == 37
    monkeypatch.delenv(OWN_DATA_ENV)
    assert len(load_course_data(n_kunden=10).kunden) == 10


def test_own_data_folder_is_checked_before_the_view_starts(tmp_path):
    from kundenkit import KundenkitError, generate_customers
    from kundenkit.data.files import save_customer_base
    from kundenkit.manager_view import own_data_folder

    workspace = tmp_path / "meine_arbeit"
    save_customer_base(generate_customers(seed=3, n_customers=50), workspace / "data" / "firma")
    assert own_data_folder("data/firma", workspace) == (workspace / "data" / "firma").resolve()
    (workspace / "data" / "leer").mkdir()
    with pytest.raises(KundenkitError) as error:
        own_data_folder("data/leer", workspace)
    assert "kunden.csv" in str(error.value)
    with pytest.raises(KundenkitError) as error:
        own_data_folder("data/fehlt", workspace)
    assert "--daten" in str(error.value) and "make ansicht DATEN=" in str(error.value)


CHROMIUM = find_chromium()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("KUNDENKIT_BROWSER_TEST") != "required",
    reason="Chromium fehlt (Debian: apt-get install chromium); Browsertest übersprungen.")


@pytest.fixture(scope="module")
def manager_view(tmp_path_factory):
    """``kundenkit ansicht`` as a learner starts it, on a fresh folder and a free port."""
    workdir = tmp_path_factory.mktemp("ansicht")
    workspace, port = workdir / "meine_arbeit", free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "KUNDENKIT_DATEN")}
    log = open(workdir / "ansicht.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "kundenkit", "ansicht", "--kurs", str(ROOT),
                                "--ordner", str(workspace), "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_until_serving(f"http://localhost:{port}/", process, workdir / "ansicht.log")
        yield f"http://localhost:{port}", workspace, workdir / "ansicht.log"
    finally:
        stop_process_group(process)
        log.close()


@pytest.fixture(scope="module")
def browser(manager_view):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "KUNDENKIT_BROWSER_TEST=required, but no Chromium was found"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


def open_page(browser, url: str):
    """A page of the manager view, fully built, with every request that would leave the machine recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 4000})
    blocked = block_internet(page)
    page.goto(url)
    page.wait_for_function("() => !document.getElementById('loading')", timeout=120_000)
    return page, blocked


def close_page(page) -> None:
    """Leave the page as a manager does (Voilà's request that ends the kernel goes out unintercepted)."""
    page.unroute_all(behavior="ignoreErrors")
    page.goto("about:blank")
    page.close()


@needs_browser
@pytest.mark.browser
def test_manager_view_prints_its_address_and_copies_the_course(manager_view):
    base, workspace, log = manager_view
    assert (workspace / "notebooks" / "01_02_partner_nicht_koenig.ipynb").is_file()
    assert f"{base}/voila/render/notebooks/00_einfuehrung.ipynb" in log.read_text(encoding="utf-8")


@needs_browser
@pytest.mark.browser
def test_two_lessons_without_code_offline_and_a_control_redraws_the_chart(manager_view, browser):
    import psutil

    base, _, _ = manager_view
    for notebook in ("notebooks/00_einfuehrung.ipynb", "notebooks/01_02_partner_nicht_koenig.ipynb"):
        page, blocked = open_page(browser, f"{base}/voila/render/{notebook}")
        page.locator(".vega-embed svg.marks").first.wait_for(timeout=60_000)
        text = page.locator("body").inner_text()
        assert "Ansicht ohne Code" in text
        assert not re.search(r"(?:src|href)=\"https?://(?!localhost)", page.content())  # nothing to fetch
        # Cells tagged for JupyterLab only (run cells, edit parameters) are not shown; no code either.
        assert "Umschalt + Eingabe" not in text and "Die nächste Zelle legt fest" not in text
        assert page.locator(".jp-InputArea-editor, .jp-Editor").count() == 0
        assert "import kundenkit" not in text
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        if "01_02" in notebook:
            explorer = page.locator(".kk-explorer").first
            before = explorer.locator(".vega-embed svg.marks").first.inner_html()
            verdict = explorer.locator(".kk-verdict").first.inner_text()
            explorer.locator(".kk-main-control .noUi-handle").first.focus()
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "([box, before]) => box.querySelector('.vega-embed svg.marks')?.innerHTML !== before",
                arg=[explorer.element_handle(), before], timeout=15_000)
            page.wait_for_function("([box, before]) => box.querySelector('.kk-verdict')?.innerText !== before",
                                   arg=[explorer.element_handle(), verdict], timeout=15_000)
        assert blocked == [], blocked
        kernel = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        close_page(page)
        # Leaving the page ends its kernel: a manager who opens thirty pages does not keep thirty kernels.
        for _ in range(60):
            if not any(kernel in " ".join(p.info["cmdline"] or []) for p in psutil.process_iter(["cmdline"])):
                break
            time.sleep(0.5)
        else:
            raise AssertionError(f"the kernel {kernel} of {notebook} still runs after its page was closed")


@needs_browser
@pytest.mark.browser
def test_answers_and_transfers_are_saved_in_the_learners_folder(manager_view, browser):
    import kundenkit as kk
    from kundenkit.exercises.answers import as_typed
    from kundenkit.exercises.catalog import get_exercise
    from kundenkit.exercises.saved_answers import ANSWERS_DIR, answer_path

    base, workspace, _ = manager_view
    exercise = get_exercise("1.2-a")
    right = as_typed(exercise, exercise.reference(kk.load_course_data()))
    page, blocked = open_page(browser, f"{base}/voila/render/exercises/01_02_partner_nicht_koenig.ipynb")
    assert "Mit Python" not in page.locator("body").inner_text()
    field = page.locator(".kk-answer-field").first
    field.locator("input").fill(right)
    field.locator("button", has_text="Prüfen").click()
    page.wait_for_function("box => box.innerText.includes('Richtig')", arg=field.element_handle(), timeout=15_000)
    saved = answer_path(workspace / "exercises" / ANSWERS_DIR, exercise.id)
    assert json.loads(saved.read_text(encoding="utf-8"))["antwort"] == right
    close_page(page)

    page, more_blocked = open_page(browser, f"{base}/voila/render/notebooks/01_02_partner_nicht_koenig.ipynb")
    saver = page.locator(".kk-explorer").nth(1)   # the transfer widget
    saver.locator("input[placeholder='Name Ihres Unternehmens']").fill("Muster GmbH")
    saver.locator("button", has_text="Speichern").click()
    page.wait_for_function("box => box.innerText.includes('Gespeichert in')", arg=saver.element_handle(),
                           timeout=15_000)
    assert "make ansicht DATEN=" in saver.inner_text()   # how to switch to own data, said for this view
    transfer = workspace / "transfer" / "01_02_partner_nicht_koenig.csv"
    assert "Muster GmbH" in transfer.read_text(encoding="utf-8-sig")
    assert blocked == more_blocked == []
    close_page(page)

    # The chapter's transfer sheet collects it; the manager view opens the printable page by a link.
    page, blocked = open_page(browser, f"{base}/voila/render/notebooks/01_00_ueberblick.ipynb")
    sheet = page.locator(".widget-vbox:has(button:has-text('Transferblatt speichern'))").last
    sheet.locator("textarea").fill("Königsliste prüfen")
    sheet.locator("button", has_text="Transferblatt speichern").click()
    link = sheet.locator("a", has_text="Zum Drucken öffnen")
    link.wait_for(timeout=15_000)
    with page.context.expect_page() as printable:
        link.click()
    printable.value.wait_for_load_state()
    text = printable.value.locator("body").inner_text()
    assert "Muster GmbH" in text and "Königsliste prüfen" in text
    assert (workspace / "transfer" / "kapitel_01_transferblatt.html").is_file() and blocked == []
    printable.value.close()
    close_page(page)


@needs_browser
@pytest.mark.browser
def test_the_folder_list_is_german_and_starts_the_course(manager_view, browser):
    base, _, _ = manager_view
    page, blocked = open_page(browser, f"{base}/")
    text = page.locator("body").inner_text()
    assert "Kurs beginnen: Einführung" in text and "Select items" not in text
    page.locator("a", has_text="Kurs beginnen").click()
    page.wait_for_url("**/voila/render/notebooks/00_einfuehrung.ipynb*")
    assert blocked == []
    close_page(page)


PAGES = sorted(f"{folder}/{p.name}" for folder in ("notebooks", "exercises") for p in (ROOT / folder).glob("*.ipynb"))


@needs_browser
@pytest.mark.browser
@pytest.mark.parametrize("notebook", PAGES)
def test_every_page_renders_without_code_errors_or_requests_leaving(manager_view, browser, notebook):
    """Every lesson, overview and exercise page: no error output, every widget loaded, no hidden cell failed."""
    base, _, _ = manager_view
    page, blocked = open_page(browser, f"{base}/voila/render/{notebook}")
    # Voilà renders a widget when it scrolls into view: scroll to each one still loading (at most 30 s).
    quiet = 0
    for _ in range(60):
        waiting = page.locator(".jp-OutputArea-output", has_text="Loading widget")
        quiet = quiet + 1 if waiting.count() == 0 else 0
        if quiet == 2:   # none loading twice in a row
            break
        if waiting.count():
            waiting.first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    problems = page.evaluate("""() => {
        const notLoaded = /Loading widget|Error displaying widget|model not found|No renderer could be found/i;
        return {
            errors: [...document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"], '
                + '[data-mime-type="application/vnd.jupyter.error"], .jp-RenderedText.jp-mod-trusted pre')]
                .map(e => e.innerText.slice(0, 300)).filter(t => /Error|Traceback|Fehler/.test(t)),
            not_loaded: [...document.querySelectorAll('.jp-OutputArea-output')]
                .filter(e => notLoaded.test(e.innerText)).map(e => e.innerText.slice(0, 200)),
            voila_error: /There was an error when executing cell/.test(document.body.innerText),
            code: document.querySelectorAll('.jp-InputArea-editor').length,
        };
    }""")
    assert problems == {"errors": [], "not_loaded": [], "voila_error": False, "code": 0}, problems
    assert blocked == [], blocked
    close_page(page)
