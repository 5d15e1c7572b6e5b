"""Streamlit helpers for the GigLens dashboard (the only package besides the pages that imports
Streamlit; `analytics` stays pure)."""
