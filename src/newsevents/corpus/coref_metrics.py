"""Coreference scores over clusterings of the same mentions: MUC, B-cubed, CEAF-e, CoNLL F1.

A clustering is a ``{mention: cluster id}`` dict. Key (gold) and response (system) must
cover the same mentions (the "gold mentions" setting); CoNLL F1 is the mean of the MUC,
B³ and CEAF-e F1 scores, as in the CoNLL-2012 scorer.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

Clustering = Mapping[Any, Hashable]
Score = dict[str, float]


def _groups(clustering: Clustering) -> list[set[Hashable]]:
    found: dict[Hashable, set[Hashable]] = {}
    for mention, cluster in clustering.items():
        found.setdefault(cluster, set()).add(mention)
    return list(found.values())


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> Score:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def b_cubed(key: Clustering, response: Clustering) -> Score:
    key_groups = {m: g for g in _groups(key) for m in g}
    resp_groups = {m: g for g in _groups(response) for m in g}
    mentions = list(key)
    p = sum(len(key_groups[m] & resp_groups[m]) / len(resp_groups[m]) for m in mentions)
    r = sum(len(key_groups[m] & resp_groups[m]) / len(key_groups[m]) for m in mentions)
    return _prf(p, len(mentions), r, len(mentions))


def _muc_side(gold: list[set[Hashable]], other: Clustering) -> tuple[float, float]:
    num = den = 0.0
    for group in gold:
        parts = {other.get(m, ("singleton", m)) for m in group}
        num += len(group) - len(parts)
        den += len(group) - 1
    return num, den


def muc(key: Clustering, response: Clustering) -> Score:
    r_num, r_den = _muc_side(_groups(key), response)
    p_num, p_den = _muc_side(_groups(response), key)
    return _prf(p_num, p_den, r_num, r_den)


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    gold, system = _groups(key), _groups(response)
    if not gold or not system:
        return _prf(0, len(system), 0, len(gold))
    similarity = np.array([[2 * len(g & s) / (len(g) + len(s)) for s in system] for g in gold])
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    total = float(similarity[rows, cols].sum())
    return _prf(total, len(system), total, len(gold))


def conll(key: Clustering, response: Clustering) -> dict[str, Score | float]:
    scores: dict[str, Score | float] = {
        "muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response),
    }
    f1s = [s["f1"] for s in scores.values() if isinstance(s, dict)]
    scores["conll_f1"] = sum(f1s) / 3
    return scores
