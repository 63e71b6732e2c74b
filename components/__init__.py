"""Streamlit UI pieces: each takes values and returns values; none loads data or reads globals."""
