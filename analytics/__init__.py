"""GigLens analytics: pure Python (pandas), never imports Streamlit."""

from analytics.currency import to_base_currency
from analytics.errors import ImportFailed, UnknownFormat
from analytics.export import to_csv_bytes, to_xlsx_bytes
from analytics.fees import fee_rate_by_month, fee_schedules, fee_summary, schedule_fee
from analytics.hours import attribute_time, hour_records, hourly_rates
from analytics.loader import ImportResult, load_export
from analytics.metrics import (
    MissingRateError,
    MixedCurrencyError,
    Volatility,
    compare_streams,
    concentration,
    income_volatility,
    monthly_income,
)
from analytics.schema import COLUMNS, INCOME_KINDS, KINDS, STREAMS
from analytics.summary import monthly_summary

__all__ = [
    "COLUMNS",
    "INCOME_KINDS",
    "KINDS",
    "STREAMS",
    "ImportFailed",
    "ImportResult",
    "MissingRateError",
    "MixedCurrencyError",
    "UnknownFormat",
    "Volatility",
    "attribute_time",
    "compare_streams",
    "concentration",
    "fee_rate_by_month",
    "fee_schedules",
    "fee_summary",
    "hour_records",
    "hourly_rates",
    "income_volatility",
    "load_export",
    "monthly_income",
    "monthly_summary",
    "schedule_fee",
    "to_base_currency",
    "to_csv_bytes",
    "to_xlsx_bytes",
]
