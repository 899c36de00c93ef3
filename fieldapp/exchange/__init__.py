"""Spreadsheets for head office: the export workbook/CSV files and the shop list import.

- ``labels``: header words, sheet names and enum words in English and Chinese (no Qt), so
  the CLI and the server can write them too.
- ``export``: the writer. It takes row sources (iterables of dicts with the model's field
  names, live rows only) and never imports the store, so the head-office server feeds it
  from its own ``rows`` table.
- ``from_store``: the row source over a local store.
- ``import_shops``: reads a shop master list (.xlsx or .csv), plans what would change,
  and applies the plan through the store's repositories.

Threading: plain functions; a store handed in belongs to the calling thread.
"""

from __future__ import annotations
