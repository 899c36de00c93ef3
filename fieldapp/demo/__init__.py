"""Deterministic demo data: a year of a deep-distribution team's work in 河南省.

``generate(store, scale=..., seed=..., today=...)`` fills an empty store; see
:mod:`fieldapp.demo.generator`. ``corpus`` holds the word lists it draws from.
Threading: ``generate`` runs on the thread that owns the store.
"""

from __future__ import annotations

from .generator import SCALES, DemoSummary, generate

__all__ = ["SCALES", "DemoSummary", "generate"]
