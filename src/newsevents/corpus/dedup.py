"""Near-duplicate articles: wire copies and republished stories, found with MinHash.

Each article's text becomes a set of word 5-shingles, summarised by a MinHash signature;
a MinHash LSH index finds the candidate pairs whose estimated Jaccard similarity is over
the threshold, so the cost stays near-linear in the number of articles. Articles linked
by such pairs form a group; the group's earliest article (by publication date, then id)
is the original and the others are stored as its copies. Copies are kept (they are
evidence that a report spread) but are not counted as independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash, MinHashLSH

METHOD = "minhash.v1"
NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.7
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Copy:
    """``article_id`` repeats ``copy_of`` (the earliest article of its group)."""

    article_id: str
    copy_of: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text (whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> LeanMinHash:
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch(list(shingles(text)))
    return LeanMinHash(minhash)


class _Groups:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def find_copies(
    articles: Iterable[tuple[str, str, str | None]], threshold: float = THRESHOLD
) -> list[Copy]:
    """``articles`` as ``(id, text, published)``; the copies among them, each with its original."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures: dict[str, LeanMinHash] = {}
    order: dict[str, tuple[str, str]] = {}
    groups = _Groups()
    for article_id, text, published in articles:
        if article_id in signatures or not text.strip():
            continue
        sig = signature(text)
        for other in lsh.query(sig):
            if sig.jaccard(signatures[other]) >= threshold:
                groups.union(article_id, other)
        lsh.insert(article_id, sig)
        signatures[article_id] = sig
        order[article_id] = (published or "9999", article_id)
    members: dict[str, list[str]] = {}
    for article_id in groups.parent:
        members.setdefault(groups.find(article_id), []).append(article_id)
    copies: list[Copy] = []
    for group in members.values():
        original = min(group, key=lambda a: order[a])
        for article_id in sorted(group):
            if article_id != original:
                similarity = signatures[article_id].jaccard(signatures[original])
                copies.append(Copy(article_id, original, round(similarity, 3)))
    return copies
