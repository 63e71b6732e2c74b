"""A bare reference Streamlit app that scripts/bench.py and scripts/load.py measure the dashboard against.

One cached 400-row synthetic table (numpy, fixed seed), a multiselect and a toggle (key "log") in the
sidebar, and one 28-colour plotly.express scatter on log axes. Nothing else: no URL sync, no
validation, no derived views. Run it with `streamlit run scripts/reference_app.py`.
"""

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

ROWS = 400
GROUPS = [f"Group {i:02d}" for i in range(28)]
PALETTE = px.colors.qualitative.Alphabet + px.colors.qualitative.Dark2[:2]  # 26 + 2 = 28 colours

st.set_page_config(page_title="Reference app", layout="wide")


@st.cache_data
def make_table() -> pd.DataFrame:
    """400 synthetic rows: a name, one of 28 groups, a year and two positive log-spread measures."""
    rng = np.random.default_rng(20240611)
    return pd.DataFrame(
        {
            "name": [f"Item {i:03d}" for i in range(ROWS)],
            "group": [GROUPS[i % len(GROUPS)] for i in range(ROWS)],
            "year": rng.integers(1984, 2026, ROWS),
            "price": np.round(10 ** rng.uniform(2.5, 4.0, ROWS), 0),
            "performance": 10 ** rng.uniform(0.0, 5.0, ROWS),
        }
    )


table = make_table()
with st.sidebar:
    groups = st.multiselect("Groups", GROUPS, key="groups", placeholder="All groups")
    log = st.toggle("Log scales", value=True, key="log")

shown = table[table["group"].isin(groups)] if groups else table
fig = px.scatter(
    shown,
    x="price",
    y="performance",
    color="group",
    color_discrete_sequence=PALETTE,
    hover_name="name",
    hover_data=["year"],
    log_x=log,
    log_y=log,
    title="Performance against price",
)
st.plotly_chart(fig, width="stretch")
