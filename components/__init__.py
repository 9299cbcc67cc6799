"""Pure figure builders: a DataFrame in, a `Chart` (plotly figure plus its words and rows) out.

Nothing here imports Streamlit or reads the database, so the app and the figure export render
exactly the same figures.
"""
