"""Corpus-scale work: parallel batch processing, near-duplicates, event clustering, conflicts.

These run over many articles (or over the whole store), unlike the per-article stages in
:mod:`newsevents.stages`.
"""
