"""Small widgets that pages compose (design.md, "Composition"): each talks outward
through signals, carries objectNames for tests, and stays well under 400 lines.
Colours and fonts come from the theme (``ui.theme``), not from the widget.
Threading: UI thread.
"""
