"""Property tests: arbitrary input never escapes as a traceback; amounts round-trip to the cent."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import ImportFailed, load_export
from analytics.parsing import parse_amount

HEADER = "date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_import_failed(data):
    try:
        result = load_export(data, "random.bin")
    except ImportFailed as exc:
        assert str(exc)
    else:
        assert result.rows_imported + len(result.skipped) + len(result.rejected) == result.rows_read


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8)
)
def test_template_with_random_cells_accounts_for_every_row(cells):
    body = "\n".join(
        ",".join(['"' + c.replace('"', '""') + '"' for c in cells[i : i + 11]])
        for i in range(0, len(cells), 3)
    )
    try:
        result = load_export((HEADER + body).encode(), "fuzz.csv")
    except ImportFailed:
        return
    assert result.rows_imported + len(result.skipped) + len(result.rejected) == result.rows_read


@given(
    st.decimals(min_value=Decimal("-9999999.99"), max_value=Decimal("9999999.99"), places=2),
    st.sampled_from(["", "$", "£", "€", "CA$"]),
    st.booleans(),
    st.booleans(),
)
def test_amount_round_trip(amount, symbol, thousands, decimal_comma):
    digits = f"{abs(amount):,.2f}" if thousands else f"{abs(amount):.2f}"
    if decimal_comma:
        digits = digits.replace(",", "_").replace(".", ",").replace("_", ".")
    cell = ("-" if amount < 0 else "") + symbol + digits
    parsed = parse_amount(pd.Series([cell], dtype=object), decimal_comma=decimal_comma)
    assert not parsed.bad.iloc[0]
    assert Decimal(str(parsed.values.iloc[0])).quantize(Decimal("0.01")) == amount
