"""The sidebar every page shows: date range, platforms, streams, base currency, tax profile.

Choices are kept in `st.session_state` under `giglens.f.*` keys, separate from the widgets'
own keys, so they survive moving between pages (Streamlit forgets a widget's state when a page
without it runs). `None` stored for a filter means "all", so files imported later show up.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics.charts import label_for
from analytics.tax.profile import FILING_STATUSES, JURISDICTIONS, TaxProfile
from giglens_ui.filters import Filters, default_currency

PREFIX = "giglens.f."
WIDGET = "giglens.w."
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "INR", "CHF")
TAX_YEARS = {"US": (2025, 2026), "UK": (2025,), "DE": (2025, 2026), "flat": (2025, 2026)}
JURISDICTION_LABELS = {
    "US": "United States",
    "UK": "United Kingdom (England, Wales, NI)",
    "DE": "Germany",
    "flat": "Elsewhere: a flat rate",
}
FILING_LABELS = {
    "single": "Single",
    "married_joint": "Married filing jointly",
    "head_of_household": "Head of household",
}


def stored(name: str, default=None):
    return st.session_state.get(PREFIX + name, default)


def _save(name: str, convert=None) -> None:
    value = st.session_state.get(WIDGET + name)
    st.session_state[PREFIX + name] = convert(value) if convert else value


def _prepare(name: str, value) -> str:
    """Give the widget its kept value before it is drawn; returns the widget key."""
    st.session_state[WIDGET + name] = value
    return WIDGET + name


def _all_or_list(options: list[str]):
    def convert(value):
        value = list(value or [])
        return None if set(value) == set(options) else value

    return convert


def _multiselect(label: str, name: str, options: list[str]) -> tuple[str, ...] | None:
    kept = stored(name)
    value = list(options) if kept is None else [o for o in kept if o in options]
    key = _prepare(name, value)
    chosen = st.multiselect(
        label,
        options,
        key=key,
        format_func=label_for,
        on_change=_save,
        args=(name, _all_or_list(options)),
    )
    return None if set(chosen) == set(options) else tuple(chosen)


def _date_range(data: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    first, last = data["date"].min().date(), data["date"].max().date()
    kept = stored("dates")
    start, end = kept if kept else (first, last)
    start = min(max(start, first), last)
    end = max(min(end, last), start)
    key = _prepare("dates", (start, end))

    def convert(value):
        value = tuple(value or ())
        if len(value) == 1:  # the second click of a range has not happened yet
            value = (value[0], end)
        if not value or (value[0] <= first and value[1] >= last):
            return None
        return value

    chosen = st.date_input(
        "Date range",
        min_value=first,
        max_value=last,
        key=key,
        on_change=_save,
        args=("dates", convert),
        format="YYYY-MM-DD",
    )
    chosen = tuple(chosen) if isinstance(chosen, (tuple, list)) else (chosen,)
    if len(chosen) == 1:
        chosen = (chosen[0], end)
    return chosen[0], chosen[1]


def _select(label: str, name: str, options: list, default, **kwargs):
    kept = stored(name, default)
    if kept not in options:
        kept = default if default in options else options[0]
    key = _prepare(name, kept)
    return st.selectbox(label, options, key=key, on_change=_save, args=(name,), **kwargs)


def tax_profile_inputs() -> TaxProfile:
    """The tax-profile widgets (jurisdiction, year, filing status, flat rate)."""
    st.subheader("Tax profile", divider="gray")
    jurisdiction = _select(
        "Where you pay tax",
        "jurisdiction",
        list(JURISDICTIONS),
        "US",
        format_func=lambda j: JURISDICTION_LABELS.get(j, j),
    )
    years = list(TAX_YEARS.get(jurisdiction, (2025,)))
    year = _select(
        "Tax year",
        "tax_year",
        years,
        years[0],
        format_func=lambda y: f"{y}/{str(y + 1)[-2:]}" if jurisdiction == "UK" else str(y),
    )
    filing_status = "single"
    rate = None
    if jurisdiction in ("US", "DE"):
        statuses = list(FILING_STATUSES) if jurisdiction == "US" else ["single", "married_joint"]
        filing_status = _select(
            "Filing status",
            "filing_status",
            statuses,
            "single",
            format_func=lambda s: FILING_LABELS.get(s, s),
        )
    if jurisdiction == "flat":
        kept = float(stored("flat_rate", 25.0))
        key = _prepare("flat_rate", kept)
        percent = st.number_input(
            "Flat tax rate (%)",
            min_value=0.0,
            max_value=90.0,
            step=1.0,
            key=key,
            on_change=_save,
            args=("flat_rate",),
        )
        rate = percent / 100.0
    return TaxProfile(
        jurisdiction=jurisdiction, year=int(year), filing_status=filing_status, rate=rate
    )


def render(data: pd.DataFrame) -> Filters:
    """Draw the sidebar for `data` (all imported rows) and return the user's choices."""
    with st.sidebar:
        st.header("Filters")
        if data.empty:
            st.caption("Import a file on the Home page to filter it here.")
            start = end = platforms = streams = None
            base = "USD"
        else:
            start, end = _date_range(data)
            platforms = _multiselect(
                "Platforms", "platforms", sorted(data["platform"].astype(str).unique())
            )
            streams = _multiselect(
                "Streams", "streams", sorted(data["stream"].astype(str).unique())
            )
            currencies = sorted(
                set(COMMON_CURRENCIES)
                | {c for c in data["currency"].astype(str).str.strip().unique() if c}
            )
            base = _select(
                "Show amounts in",
                "base_currency",
                currencies,
                default_currency(data),
                help="Other currencies are converted with the ECB reference rate of each day.",
            )
        profile = tax_profile_inputs()
    return Filters(
        start=start,
        end=end,
        platforms=platforms,
        streams=streams,
        base_currency=base,
        tax=profile,
    )
