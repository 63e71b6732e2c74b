"""Pure core of the Mac lineup dashboard: schema, loading, transforms, metrics and figures.

Nothing in this package imports Streamlit; the UI lives in ``components/`` and ``dashboard.py``.
"""
