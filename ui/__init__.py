"""The desktop UI (PySide6): pages, dialogs, table models, the task runner.

Only ``main.py`` imports this package; it calls into ``fieldapp`` and
``sync.client`` and holds no business rules of its own.
"""
