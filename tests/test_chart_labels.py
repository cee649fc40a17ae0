"""Point labels of the warmth × competence matrix (lesson 1.5) never cover each other or a point."""
import itertools
import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

import kundenkit as kk
from kundenkit.charts.warmth_competence import LABEL_FONT_SIZE, POINT_AREA, label_layout, text_width
from kundenkit.models import warmth_competence as model

SIZE = 300
SCALE = SIZE / (model.SCALE_MAX - model.SCALE_MIN)


def pixel(x, y):
    return (x - model.SCALE_MIN) * SCALE, (model.SCALE_MAX - y) * SCALE


def label_boxes(layout):
    boxes = []
    for row in layout[layout["label_text"] != ""].itertuples():
        x, y = pixel(row.label_x, row.label_y)
        width, height = text_width(row.label_text), LABEL_FONT_SIZE + 2
        left = {"left": x, "right": x - width, "center": x - width / 2}[row.label_align]
        boxes.append((left, y - height / 2, left + width, y + height / 2))
    return boxes


def point_boxes(layout):
    radius = math.sqrt(POINT_AREA / math.pi)
    return [(x - radius, y - radius, x + radius, y + radius)
            for x, y in (pixel(a, b) for a, b in zip(layout[model.WARMTH], layout[model.COMPETENCE]))]


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


scores = st.floats(min_value=model.SCALE_MIN, max_value=model.SCALE_MAX, allow_nan=False)
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ABCDEFGHIJKLMNOPQRSTUVWXYZ/-", min_size=1, max_size=24)


@given(st.lists(st.tuples(scores, scores, names), min_size=1, max_size=15))
def test_no_label_covers_another_label_or_a_point(rows):
    points = pd.DataFrame(rows, columns=[model.WARMTH, model.COMPETENCE, "name"])
    layout = label_layout(points, "name", size=SIZE)
    labels = label_boxes(layout)
    assert not any(overlap(a, b) for a, b in itertools.combinations(labels, 2))
    assert not any(overlap(label, point) for label in labels for point in point_boxes(layout))
    assert all(box[0] >= 0 and box[1] >= 0 and box[3] <= SIZE for box in labels)
    assert list(layout.index) == list(points.index)


def test_every_touchpoint_of_the_sample_survey_keeps_its_label():
    survey = kk.load_course_data(seed=42).befragung
    matrix = model.classify(model.scores(survey, by="touchpoint"))
    layout = label_layout(matrix, "touchpoint", size=330)
    assert (layout["label_text"] == layout["touchpoint"]).all()
    assert label_boxes(layout)  # and they are placed without overlap, as the property above checks


def test_a_label_that_fits_nowhere_is_left_out_and_the_point_keeps_its_tooltip():
    crowded = pd.DataFrame({model.WARMTH: [4.0] * 12, model.COMPETENCE: [4.0] * 12,
                            "name": [f"Touchpoint {i}" for i in range(12)]})
    layout = label_layout(crowded, "name", size=SIZE)
    assert 0 < (layout["label_text"] != "").sum() < 12
    chart = kk.charts.warmth_competence.quadrant_chart(model.classify(crowded), label="name").to_dict()
    tooltip_fields = [t["field"] for t in chart["layer"][1]["encoding"]["tooltip"]]
    assert "name" in tooltip_fields
