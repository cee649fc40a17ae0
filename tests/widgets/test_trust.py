"""The trust widget wires its sliders to the course model and redraws chart and verdict."""
import pytest

import kundenkit as kk
from kundenkit.models import trust as tr
from kundenkit.widgets.trust import TrustExplorer


@pytest.mark.parametrize("branche", kk.BRANCHEN)
def test_explorer_builds_for_every_sector(branche):
    data = kk.load_course_data(branche=branche, n_kunden=400)
    explorer = TrustExplorer(data.kontakte)
    assert "kk-explorer" in explorer._dom_classes and "kk-trust" in explorer._dom_classes
    assert explorer.asymmetry._dom_classes == ("kk-main-control",)
    assert 0 < explorer.share_below < 1
    assert "Ihre Daten" in explorer.verdict.value


def test_main_control_changes_result_verdict_and_chart():
    data = kk.load_course_data(n_kunden=400)
    explorer = TrustExplorer(data.kontakte)
    verdict, spec, share = explorer.verdict.value, str(explorer.chart.spec), explorer.share_below
    assert "brauchen Sie 6 gehaltene" in verdict  # default model, break at contact 6
    for _ in range(3):
        explorer.asymmetry.value += explorer.asymmetry.step
    assert explorer.result.recovery == tr.recovery_steps(explorer.result.before, tr.TrustModel(asymmetry=4.5))
    assert explorer.verdict.value != verdict and str(explorer.chart.spec) != spec
    assert explorer.share_below >= share


def test_contacts_slider_limits_the_break_position():
    explorer = TrustExplorer(contacts=20, break_at=15)
    explorer.contacts.value = 10
    assert explorer.break_at.max == 10 and explorer.break_at.value == 10
    assert explorer.result.break_at == 10 and len(explorer.result.path) == 22


def test_without_data_only_the_paths_are_shown():
    explorer = TrustExplorer()
    assert explorer.share_below is None and "Ihre Daten" not in explorer.verdict.value
    assert "hconcat" not in explorer.chart.spec


def test_transfer_record_and_saver(tmp_path):
    path = tmp_path / "meine_arbeit" / "vertrauen.csv"
    explorer = TrustExplorer(save_path=path)
    explorer.gain.value = 0.1
    record = explorer.record()
    assert record["zugewinn"] == 0.1 and record["gehaltene_bis_zurück"] == explorer.result.recovery
    assert all(not isinstance(v, (dict, list)) for v in record.values())
    explorer.saver.company.value = "Muster AG"
    assert explorer.saver.save("neu") == path
    table = kk.read_csv(path)
    assert table["unternehmen"].tolist() == ["Muster AG"] and table["asymmetrie"].tolist() == [3]


def test_the_asymmetry_slider_changes_chart_and_verdict_over_its_whole_range():
    explorer = TrustExplorer()
    seen_specs, seen_after = set(), set()
    for i in range(int((explorer.asymmetry.max - explorer.asymmetry.min) / explorer.asymmetry.step) + 1):
        explorer.asymmetry.value = explorer.asymmetry.min + i * explorer.asymmetry.step
        seen_specs.add(str(explorer.chart.spec["title"]["subtitle"]))
        seen_after.add(round(explorer.result.after_break, 6))
    steps = i + 1
    assert len(seen_specs) == steps and len(seen_after) == steps
