"""CAMEO ↔ PLOVER tables: types, modes, QuadClass and Goldstein values."""

from __future__ import annotations

import pytest

from newsevents import cameo


@pytest.mark.parametrize(
    ("code", "kind", "mode"),
    [
        ("042", "CONSULT", "visit"),
        ("051", "SUPPORT", None),
        ("173", "COERCE", "arrest"),
        ("0841", "RETREAT", "release"),
        ("1823", "ASSAULT", "kill"),
        ("020", "REQUEST", None),
        ("010", None, None),
        ("0211", "REQUEST", "assist"),
    ],
)
def test_cameo_plover_for(code, kind, mode):
    assert cameo.plover_for(code) == (kind, mode)


@pytest.mark.parametrize(
    ("code", "quad", "goldstein"),
    [("042", 1, 1.0), ("072", 2, 7.0), ("141", 4, -6.5), ("1823", 4, -9.0), ("111", 3, -2.0)],
)
def test_cameo_root_quadclass_goldstein(code, quad, goldstein):
    root = cameo.root_of(code)
    assert root is not None
    assert (root.quad_class, root.goldstein) == (quad, goldstein)


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("DEMAND", ("REQUEST", None)),
        ("DISAPPROVE", ("ACCUSE", "disapprove")),
        ("INVESTIGATE", ("ACCUSE", "investigate")),
        ("FIGHT", ("ASSAULT", None)),
        ("PROTEST", ("PROTEST", None)),
    ],
)
def test_cameo_modernise_legacy_types(legacy, expected):
    assert cameo.modernise(legacy) == expected
