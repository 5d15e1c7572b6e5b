"""Property tests: arbitrary input never escapes as a traceback; amounts round-trip to the cent."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import ImportFailed, load_export
from analytics.importers import LAYOUTS
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


@settings(deadline=None)  # speed is for `make bench`, not for a loaded CI machine
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


# Every layout's required header over rows of realistic and hostile cells (amounts in every
# spelling, dates in every format, type words, totals, quotes, formulas), with preambles, ragged
# rows, CR LF, UTF-16 and Windows-1252.
HEADERS = sorted({tuple(layout.required) for layout in LAYOUTS if len(layout.required) >= 2})
TOKENS = [
    "",
    "--",
    "-",
    "0",
    "0.00",
    "-0.00",
    "12.50",
    "-3.10",
    "1,234.56",
    "-1,653.75",
    "$5.50",
    "-$0.20",
    "£1,200.00",
    "€3,50",
    "1.234,56",
    "(12.00)",
    "12.00-",
    "USD",
    "EUR",
    "usd",
    "GBP",
    "abc",
    "1e5",
    "inf",
    "2025-03-01",
    "03/01/2025",
    "1/3/2025",
    "01.03.2025",
    "Mar 3, 2025",
    "March 3, 2026",
    "3 March 2026",
    "2025-13-45",
    "31/02/2025",
    "2025-03-01 10:00:00",
    "Payment",
    "Withdrawal",
    "Fee",
    "Refund",
    "Sale",
    "Deposit",
    "Completed",
    "Pending",
    "Paid",
    "Rejected",
    "Approved",
    "Memo",
    "Credit",
    "Debit",
    "Total",
    "Totals",
    "Subtotal",
    "Acme, Inc.",
    'say "hi"',
    "zoë",
    "  padded  ",
    "\t",
    "=cmd()",
    "Invoice for Logo: M1",
    "Service Fee",
    "Hourly",
    "Fixed Price",
    "Bonus",
    "Transfer to Card",
    "01:30:00",
    "1.5",
    "Yes",
    "No",
    "TID1",
    "RTID1",
    "charge",
    "payout",
    "refund",
    "stripe_fee",
    "General Withdrawal",
    "Website Payment",
    "Express Checkout Payment",
    "General Currency Conversion",
]
cell = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))


def quote(c):
    return '"' + c.replace('"', '""') + '"' if any(ch in c for ch in ',"\n\r') else c


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.sampled_from(HEADERS),
    st.lists(st.lists(cell, min_size=1, max_size=25), max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
    st.lists(st.sampled_from(["Report", "", "Generated 2026", "a,b"]), max_size=3),
)
def test_every_layout_with_random_cells_never_crashes_and_keeps_the_books(
    header, rows, newline, bom, ragged, encoding, preamble
):
    lines = (
        preamble
        + [",".join(quote(h) for h in header)]
        + [",".join(quote(c) for c in (row if ragged else row[: len(header)])) for row in rows]
    )
    text = newline.join(lines) + newline
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    """Whatever a file of a known layout holds, the import either fails with a message or
    accounts for every row, and every transaction keeps net = gross - fee."""
    try:
        r = load_export(data, "f.csv")
    except ImportFailed as e:
        assert str(e)
        return
    t = r.transactions
    imported = set(np.asarray(r.transaction_rows).tolist())
    skipped, rejected = set(r.skipped["row"]), set(r.rejected["row"])
    assert not (imported & skipped) and not (imported & rejected) and not (skipped & rejected)
    assert len(imported) + len(skipped) + len(rejected) == r.rows_read, (
        len(imported),
        len(skipped),
        len(rejected),
        r.rows_read,
    )
    if len(t):
        assert np.allclose(t["net"], t["gross"] - t["fee"], atol=0.006)
        assert np.isfinite(t["gross"]).all() and np.isfinite(t["fee"]).all()
        assert t["date"].notna().all()
        money = t["kind"].astype(str) != "time"
        assert t.loc[money, "currency"].astype(str).str.fullmatch("[A-Z]{3}").all(), t[
            "currency"
        ].unique()
        assert t["txn_id"].is_unique
