"""monthly_income, concentration and compare_streams on small hand-checked tables."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from analytics.fees import fee_summary
from analytics.metrics import (
    MissingRateError,
    MixedCurrencyError,
    client_labels,
    compare_streams,
    concentration,
    in_one_currency,
    income_volatility,
    monthly_income,
    months_without_rows,
)
from analytics.schema import conform, empty_transactions, stream_for
from analytics.summary import monthly_summary


def table(*rows: tuple) -> pd.DataFrame:
    """Canonical rows from (date, platform, kind, gross, fee[, currency[, hours[, client]]])."""
    cols = ["date", "platform", "kind", "gross", "fee", "currency", "hours", "client"]
    defaults = [None, None, None, 0.0, 0.0, "USD", None, ""]
    data = {c: [] for c in cols}
    for row in rows:
        full = list(row) + defaults[len(row) :]
        for c, v in zip(cols, full, strict=True):
            data[c].append(v)
    frame = pd.DataFrame(data)
    frame["net"] = frame["gross"] - frame["fee"]
    frame["stream"] = frame["platform"].map(stream_for)
    return conform(frame)


def test_monthly_income_fills_missing_months_with_zero_and_counts_only_income():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0),
        ("2024-01-20", "upwork", "fee", 0.0, 2.0),  # e.g. connects
        ("2024-01-21", "upwork", "transfer", -88.0, 0.0),  # withdrawal: never income
        ("2024-01-22", "upwork", "tax", -5.0, 0.0),  # withheld tax: never income
        ("2024-03-02", "upwork", "refund", -40.0, -4.0),  # refund with the fee returned
        ("2024-03-09", "upwork", "adjustment", 7.5, 0.0),
    )
    m = monthly_income(t)
    assert list(m.index.astype(str)) == ["2024-01", "2024-02", "2024-03"]
    assert m.index.freqstr == "M"
    # January: (100 - 10) + (0 - 2) = 88; February: nothing = 0; March: (-40 + 4) + 7.5 = -28.5
    assert m.tolist() == [88.0, 0.0, -28.5]


def test_monthly_income_by_platform_and_stream():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0),
        ("2024-02-05", "mturk", "earning", 3.0, 0.0),
        ("2024-02-06", "mturk", "earning", 2.0, 0.0),
    )
    by_platform = monthly_income(t, by="platform")
    assert by_platform.loc["2024-01", "upwork"] == 90.0
    assert by_platform.loc["2024-01", "mturk"] == 0.0
    assert by_platform.loc["2024-02", "mturk"] == 5.0  # 3 + 2
    by_stream = monthly_income(t, by="stream")
    assert sorted(by_stream.columns) == ["freelance", "micro"]
    assert by_stream["freelance"].tolist() == [90.0, 0.0]


def test_monthly_income_by_client_merges_outer_spaces():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2024-01-06", "upwork", "earning", 50.0, 0.0, "USD", None, "Acme "),
    )
    assert monthly_income(t, by="client")["Acme"].tolist() == [150.0]


def test_weekly_income_for_micro_workers():
    t = table(
        ("2024-01-01", "mturk", "earning", 1.0, 0.0),  # Monday of week 1
        ("2024-01-07", "mturk", "earning", 2.0, 0.0),  # Sunday, same week
        ("2024-01-22", "mturk", "earning", 4.0, 0.0),  # Monday of the fourth week
    )
    w = monthly_income(t, freq="W")
    # weeks Jan 1-7: 1 + 2; Jan 8-14: 0; Jan 15-21: 0; Jan 22-28: 4
    assert w.tolist() == [3.0, 0.0, 0.0, 4.0]
    assert str(w.index[0].start_time.date()) == "2024-01-01"


def test_monthly_income_of_an_empty_table_is_empty():
    m = monthly_income(empty_transactions())
    assert m.empty and isinstance(m.index, pd.PeriodIndex)
    assert monthly_income(empty_transactions(), by="platform").empty


def test_monthly_income_with_only_transfers_is_empty():
    t = table(("2024-01-05", "paypal", "transfer", -100.0, 0.0))
    assert monthly_income(t).empty


def test_mixed_currencies_give_nan_and_a_message_not_an_error():
    t = table(
        ("2024-01-02", "upwork", "earning", 100.0, 0.0, "USD"),
        ("2024-02-02", "paypal", "earning", 100.0, 0.0, "EUR"),
    )
    monthly = monthly_income(t)  # 100 USD + 100 EUR are not 200 of anything
    assert list(monthly.index.astype(str)) == ["2024-01", "2024-02"]
    assert monthly.isna().all()
    assert re.search("mixed currencies .*EUR, USD.*base currency", monthly.attrs["problem"])
    by_platform = monthly_income(t, by="platform")
    assert sorted(by_platform.columns) == ["paypal", "upwork"] and by_platform.isna().all().all()
    shares, hhi = concentration(t)
    assert sorted(shares.index) == ["paypal", "upwork"] and shares["share"].isna().all()
    assert math.isnan(hhi) and "mixed currencies" in shares.attrs["problem"]
    vol = income_volatility(monthly)
    assert vol.n_months == 2 and math.isnan(vol.mean) and math.isnan(vol.cv)
    streams = compare_streams(t)
    assert streams.loc["freelance", "months_active"] == 2  # counting months needs no currency
    assert streams.loc["freelance", "n_clients"] == 0
    assert streams[["net", "share", "avg_payment", "fee_rate"]].isna().all().all()
    assert issubclass(MixedCurrencyError, ValueError)


def test_mixed_currencies_converted_with_the_ecb_rate_of_the_day():
    t = table(
        ("2024-01-02", "upwork", "earning", 100.0, 0.0, "USD"),
        ("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"),
    )
    # ECB reference rate of 2 January 2024: 1 EUR = 1.0956 USD
    assert monthly_income(t, base_currency="USD").tolist() == [pytest.approx(100 + 109.56)]


def test_a_row_without_rate_is_reported_not_converted_one_to_one():
    t = table(
        ("2024-01-02", "upwork", "earning", 100.0, 0.0, "USD"),
        ("2024-01-02", "other", "earning", 5000.0, 0.0, "XOF"),  # no ECB reference rate
    )
    monthly = monthly_income(t, base_currency="USD")
    assert monthly.isna().all()
    assert re.search("1 income row.*XOF", monthly.attrs["problem"])
    with pytest.raises(MissingRateError, match="1 income row.*XOF"):  # inside the package
        in_one_currency(t, base_currency="USD")


def test_missing_rate_message_names_the_reason_not_the_weekend_footnote():
    t = table(
        ("2024-01-06", "paypal", "earning", 100.0, 0.0, "EUR"),  # a Saturday: Friday's rate
        ("2024-01-02", "other", "earning", 5000.0, 0.0, "XOF"),
    )
    problem = monthly_income(t, base_currency="USD").attrs["problem"]
    assert problem.startswith("1 income row(s) could not be converted to USD: ")
    assert "XOF not converted" in problem and "weekend" not in problem


def test_transfers_in_another_currency_do_not_block_income():
    t = table(
        ("2024-01-02", "upwork", "earning", 100.0, 0.0, "USD"),
        ("2024-01-03", "paypal", "transfer", -90.0, 0.0, "EUR"),
    )
    assert monthly_income(t).tolist() == [100.0]


def test_bad_grouping_is_a_plain_error():
    with pytest.raises(ValueError, match="by must be one of"):
        monthly_income(empty_transactions(), by="colour")


def test_concentration_shares_and_herfindahl():
    t = table(
        ("2024-01-05", "upwork", "earning", 600.0, 0.0),
        ("2024-01-05", "fiverr", "earning", 300.0, 0.0),
        ("2024-01-05", "mturk", "earning", 100.0, 0.0),
    )
    shares, hhi = concentration(t, by="platform")
    assert list(shares.index) == ["upwork", "fiverr", "mturk"]
    assert shares["share"].tolist() == pytest.approx([0.6, 0.3, 0.1])
    assert hhi == pytest.approx(0.6**2 + 0.3**2 + 0.1**2)  # 0.46


def test_concentration_one_client_is_one_and_losses_count_as_zero_share():
    t = table(
        ("2024-01-05", "upwork", "earning", 500.0, 0.0, "USD", None, "Acme"),
        ("2024-01-06", "upwork", "refund", -80.0, 0.0, "USD", None, "Beta"),
    )
    shares, hhi = concentration(t, by="client")
    assert shares.loc["Beta", "share"] == 0.0
    assert shares.loc["Acme", "share"] == 1.0
    assert hhi == 1.0


def test_concentration_over_named_clients_leaves_out_income_without_a_name():
    # Stripe 600 with no customer, Acme 300 and Beta 100: all rows, the unnamed 600 is one
    # "client" (0.6² + 0.3² + 0.1² = 0.46); over the named ones, 0.75² + 0.25² = 0.625
    from analytics.metrics import income_without_client

    t = table(
        ("2024-01-05", "stripe", "earning", 600.0, 0.0, "USD", None, ""),
        ("2024-01-06", "paypal", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2024-01-07", "paypal", "earning", 100.0, 0.0, "USD", None, "Beta"),
    )
    assert concentration(t, by="client")[1] == pytest.approx(0.46)
    shares, hhi = concentration(t, by="client", named_only=True)
    assert list(shares.index) == ["Acme", "Beta"]
    assert hhi == pytest.approx(0.625)
    assert income_without_client(t).to_dict() == {"stripe": 600.0}
    # without any client name at all, there is nobody to depend on
    assert math.isnan(concentration(t[t["client"] == ""], by="client", named_only=True)[1])


def test_toptal_pays_as_your_client_and_counts_as_one():
    # Toptal contracts the work itself: its 600 is one client's beside Acme 300 and Beta 100,
    # 0.6² + 0.3² + 0.1² = 0.46 over the named clients too; Upwork's own "Upwork" charge (the
    # 5.00 fee) is no client, left out of the named ones
    from analytics.metrics import income_without_client

    t = table(
        ("2024-01-05", "toptal", "earning", 600.0, 0.0, "USD", None, "Toptal"),
        ("2024-01-06", "paypal", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2024-01-07", "upwork", "earning", 100.0, 0.0, "USD", None, "Beta"),
        ("2024-01-08", "upwork", "fee", 0.0, 5.0, "USD", None, "Upwork"),
    )
    shares, hhi = concentration(t, by="client", named_only=True)
    assert list(shares.index) == ["Toptal", "Acme", "Beta"]
    assert shares["net"].tolist() == [600.0, 300.0, 100.0]
    assert hhi == pytest.approx(0.46)
    assert income_without_client(t).empty


def test_concentration_without_income_is_nan():
    shares, hhi = concentration(empty_transactions())
    assert shares.empty and math.isnan(hhi)


def test_compare_streams_micro_vs_freelance():
    t = table(
        # micro: MTurk, two months of three, no client names, no fees, hours from the export
        ("2024-01-10", "mturk", "earning", 6.0, 0.0, "USD", 1.0),
        ("2024-01-11", "mturk", "earning", 4.0, 0.0, "USD", 1.0),
        ("2024-03-10", "mturk", "earning", 10.0, 0.0, "USD", 2.0),
        # freelance: Upwork, three clients, 10% fee, 10 hours in the export
        ("2024-01-15", "upwork", "earning", 500.0, 50.0, "USD", 5.0, "Acme"),
        ("2024-02-15", "upwork", "earning", 300.0, 30.0, "USD", 3.0, "Beta"),
        ("2024-03-15", "upwork", "earning", 200.0, 20.0, "USD", 2.0, "acme"),
    )
    out = compare_streams(t)
    assert list(out.index) == ["freelance", "micro"]
    micro, free = out.loc["micro"], out.loc["freelance"]
    assert free["net"] == 900.0  # 450 + 270 + 180
    assert micro["net"] == 20.0
    assert free["share"] == pytest.approx(900 / 920)
    assert (free["months_active"], micro["months_active"]) == (3, 2)
    # micro monthly over Jan-Mar: [10, 0, 10]: mean 20/3, sample sd = sqrt(((10/3)^2*2 +
    # (20/3)^2)/2) = sqrt(100/3); cv = sqrt(100/3) / (20/3)
    assert micro["cv"] == pytest.approx(math.sqrt(100 / 3) / (20 / 3))
    # freelance monthly [450, 270, 180]: mean 300, sd = sqrt((150^2 + 30^2 + 120^2)/2)
    assert free["cv"] == pytest.approx(math.sqrt((150**2 + 30**2 + 120**2) / 2) / 300)
    assert micro["hourly"] == pytest.approx(20 / 4)  # 20 net over 1 + 1 + 2 hours
    assert free["hourly"] == pytest.approx(900 / 10)
    assert micro["avg_payment"] == pytest.approx(20 / 3)
    assert free["avg_payment"] == pytest.approx(1000 / 3)
    assert (free["n_clients"], micro["n_clients"]) == (2, 0)  # "Acme" and "acme" are one
    assert free["top_client_share"] == pytest.approx((450 + 180) / 900)
    assert math.isnan(micro["top_client_share"])
    assert free["fee_rate"] == pytest.approx(100 / 1000)
    assert micro["fee_rate"] == 0.0


def test_compare_streams_share_is_of_the_positive_total_like_concentration():
    # freelance 1,000 net; micro a refund month, -50 net. Of all streams 1,000 - 50 = 950, so
    # 1,000 / 950 = 1.053 would be above 1. Of the positive total (1,000): freelance 1.0,
    # micro max(-50, 0) / 1,000 = 0.
    t = table(
        ("2024-01-10", "upwork", "earning", 1_000.0, 0.0),
        ("2024-01-11", "mturk", "refund", -50.0, 0.0),
    )
    out = compare_streams(t)
    assert out.loc["freelance", "share"] == 1.0
    assert out.loc["micro", "share"] == 0.0
    assert out.loc["micro", "net"] == -50.0  # the loss itself is still shown
    # three streams 600 / 400 / -100: 600 / 1,000 = 0.6, 400 / 1,000 = 0.4, 0
    t = table(
        ("2024-01-10", "upwork", "earning", 600.0, 0.0),
        ("2024-01-10", "etsy", "earning", 400.0, 0.0),
        ("2024-01-11", "mturk", "refund", -100.0, 0.0),
    )
    shares = compare_streams(t)["share"]
    assert shares.to_dict() == pytest.approx({"freelance": 0.6, "sales": 0.4, "micro": 0.0})
    assert shares.sum() == pytest.approx(1.0)
    assert concentration(t, by="stream")[0]["share"].to_dict() == pytest.approx(shares.to_dict())


def test_compare_streams_share_without_positive_income_is_nan():
    t = table(("2024-01-11", "mturk", "refund", -50.0, 0.0))
    assert math.isnan(compare_streams(t).loc["micro", "share"])


def test_compare_streams_of_an_empty_table():
    out = compare_streams(empty_transactions())
    assert out.empty and "hourly" in out.columns


def test_compare_streams_without_hours_gives_nan_hourly():
    t = table(("2024-01-10", "etsy", "earning", 60.0, 6.15))
    assert math.isnan(compare_streams(t).loc["sales", "hourly"])


def test_compare_streams_counts_clients_who_pay_not_the_platforms_own_charges():
    # The platforms name themselves on their own charges: Upwork's Connects ("Upwork"),
    # PayPal's currency conversion ("PayPal"), and an MTurk dashboard day sums many requesters
    # under "Amazon MTurk". None of them is a client.
    t = table(
        # freelance: Acme via Upwork (10% fee as its own row), Beta via PayPal (refund 20)
        ("2025-01-06", "upwork", "earning", 400.0, 0.0, "USD", None, "Acme"),
        ("2025-01-06", "upwork", "fee", 0.0, 40.0, "USD", None, "Acme"),
        ("2025-01-09", "upwork", "fee", 0.0, 12.0, "USD", None, "Upwork"),  # Connects
        ("2025-01-10", "paypal", "earning", 100.0, 3.98, "USD", None, "Beta"),
        ("2025-01-11", "paypal", "refund", -20.0, 0.0, "USD", None, "Beta"),
        ("2025-01-12", "paypal", "fee", 0.0, 5.0, "USD", None, "PayPal"),  # conversion
        # micro: two requesters, and a dashboard day of unnamed ones
        ("2025-01-13", "mturk", "earning", 1.00, 0.0, "USD", None, "Lab A"),
        ("2025-01-13", "mturk", "earning", 0.50, 0.0, "USD", None, "Lab B"),
        ("2025-01-14", "mturk", "earning", 3.00, 0.0, "USD", None, "Amazon MTurk"),
    )
    out = compare_streams(t)
    free, micro = out.loc["freelance"], out.loc["micro"]
    assert (free["n_clients"], micro["n_clients"]) == (2, 2)  # Acme, Beta; Lab A, Lab B
    # client nets: Acme 400 - 40 = 360; Beta 100 - 3.98 - 20 = 76.02 -> 360 / 436.02
    assert free["top_client_share"] == pytest.approx(360 / (360 + 76.02))
    # Lab A 1.00 of the 1.50 from named requesters (the 3.00 dashboard day names none)
    assert micro["top_client_share"] == pytest.approx(1.00 / 1.50)
    # the stream's own net still has everything: 360 - 12 + 76.02 - 5 = 419.02
    assert free["net"] == pytest.approx(419.02)


def test_top_client_share_stays_within_0_and_1():
    # January 2025 of the sample data: Cedar Lane Dental paid 437.50 (PayPal fee 15.76, net
    # 421.74) and Upwork charged 12.00 of Connects. Freelance net 421.74 - 12 = 409.74;
    # 421.74 / 409.74 = 1.029 would be above 100%. Of the positive income from clients:
    # 421.74 / 421.74 = 1.
    t = table(
        ("2025-01-06", "paypal", "earning", 437.50, 15.76, "USD", None, "Cedar Lane Dental"),
        ("2025-01-20", "upwork", "fee", 0.0, 12.0, "USD", None, "Upwork"),
    )
    free = compare_streams(t).loc["freelance"]
    assert free["net"] == pytest.approx(409.74)
    assert free["n_clients"] == 1
    assert free["top_client_share"] == 1.0
    # a client who got back more than they paid (refund 80 of a 50 payment, net -30) adds
    # nothing to depend on: 300 / 300, not 300 / 270
    t = table(
        ("2025-01-06", "paypal", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2025-01-07", "paypal", "earning", 50.0, 0.0, "USD", None, "Beta"),
        ("2025-01-08", "paypal", "refund", -80.0, 0.0, "USD", None, "Beta"),
    )
    free = compare_streams(t).loc["freelance"]
    assert (free["n_clients"], free["top_client_share"]) == (2, 1.0)
    # no client with positive net: no share
    t = table(("2025-01-08", "paypal", "refund", -80.0, 0.0, "USD", None, "Beta"))
    assert math.isnan(compare_streams(t).loc["freelance", "top_client_share"])


def test_compare_streams_over_a_date_range_matches_hours_over_every_date():
    # Acme's 10 h worked on 20 Jan are paid on 3 Feb (500, fee 50). Over February alone the
    # stream's hourly rate is 450 / 10 = 45, the same as over every date.
    from test_hours import time_row

    t = table(
        time_row("2025-01-20", "Acme", 10.0),
        ("2025-02-03", "upwork", "earning", 500.0, 50.0, "USD", None, "Acme"),
        ("2025-03-03", "etsy", "earning", 20.0, 1.0),
    )
    feb = compare_streams(t, start="2025-02-01", end="2025-02-28")
    assert list(feb.index) == ["freelance"]  # March's sale is outside the range
    assert feb.loc["freelance", "hourly"] == 45.0
    assert compare_streams(t).loc["freelance", "hourly"] == 45.0


def test_client_spellings_that_differ_in_case_or_spaces_are_one_client():
    t = table(
        ("2024-01-05", "upwork", "earning", 300.0, 0.0, "USD", None, "Acme Corp"),
        ("2024-01-06", "paypal", "earning", 100.0, 0.0, "USD", None, "acme corp "),
        ("2024-01-07", "paypal", "earning", 200.0, 0.0, "USD", None, "Acme Corp"),
        ("2024-01-08", "paypal", "earning", 400.0, 0.0, "USD", None, "Beta"),
    )
    shares, hhi = concentration(t, by="client")
    # Acme 300 + 100 + 200 = 600 of 1,000; labelled with its most frequent spelling
    assert list(shares.index) == ["Acme Corp", "Beta"]
    assert shares["share"].tolist() == pytest.approx([0.6, 0.4])
    assert hhi == pytest.approx(0.6**2 + 0.4**2)
    assert monthly_income(t, by="client").loc["2024-01"].to_dict() == {
        "Acme Corp": 600.0,
        "Beta": 400.0,
    }


def test_concentration_by_stream_and_a_plain_error_for_other_groupings():
    t = table(
        ("2024-01-05", "upwork", "earning", 300.0, 0.0),
        ("2024-01-05", "mturk", "earning", 100.0, 0.0),
    )
    shares, hhi = concentration(t, by="stream")
    assert shares.loc["freelance", "share"] == pytest.approx(0.75)  # 300 / 400
    assert hhi == pytest.approx(0.75**2 + 0.25**2)
    with pytest.raises(ValueError, match="by must be 'platform', 'client' or 'stream'"):
        concentration(t, by="colour")


# --- text helpers used on large tables --------------------------------------------------------


def test_distinct_text_and_categories_as_text_match_astype_str():
    from analytics.metrics import categories_as_text, distinct_text

    cells = pd.Series(["upwork", "mturk", None, "upwork", "etsy"], dtype="category")
    cells = cells.cat.add_categories(["unused"])
    # astype(str) writes a missing cell as "nan"; an unused category is no cell at all
    assert sorted(distinct_text(cells)) == ["etsy", "mturk", "nan", "upwork"]
    assert categories_as_text(cells).tolist() == ["upwork", "mturk", "nan", "upwork", "etsy"]
    assert sorted(distinct_text(pd.Series(["b", "a", "b"]))) == ["a", "b"]


def test_text_key_strips_and_casefolds_each_cell():
    from analytics.metrics import text_key

    cells = pd.Series([" Acme ", "ACME", "straße", "STRASSE", "", None], dtype=object)
    assert text_key(cells).tolist() == ["acme", "acme", "strasse", "strasse", "", ""]


def test_months_without_rows_finds_stretches_no_file_covers():
    from analytics.metrics import months_without_rows

    t = table(
        ("2016-01-05", "paypal", "earning", 100.0, 3.0),
        ("2016-02-05", "paypal", "transfer", -97.0, 0.0),  # a transfer counts as coverage
        ("2016-10-05", "paypal", "earning", 10.0, 0.0),  # Mar-Sep 2016: 7 empty months
        ("2017-01-05", "paypal", "earning", 10.0, 0.0),  # Nov-Dec 2016: 2, under 6
        ("2023-01-05", "upwork", "earning", 500.0, 50.0),  # Feb 2017-Dec 2022: 71 months
    )
    runs = [(str(a), str(b)) for a, b in months_without_rows(t)]
    assert runs == [("2016-03", "2016-09"), ("2017-02", "2022-12")]
    assert [(str(a), str(b)) for a, b in months_without_rows(t, at_least=2)][1] == (
        "2016-11",
        "2016-12",
    )
    assert months_without_rows(t.iloc[:0]) == []
    assert months_without_rows(t.iloc[[0]]) == []  # one month: nothing between


# --- edges found by a mutation audit ---


def test_transfer_without_rate_does_not_block_conversion():
    t = table(
        ("2024-01-02", "upwork", "earning", 100.0, 10.0, "USD"),
        ("2024-01-03", "other", "transfer", -5000.0, 0.0, "XOF"),  # no ECB rate, not income
    )
    m = monthly_income(t, base_currency="USD")
    assert m.tolist() == [90.0]  # 100 - 10
    assert "problem" not in m.attrs


def test_a_range_ends_on_its_last_day():
    t = table(
        ("2024-01-31", "upwork", "earning", 100.0, 10.0),
        ("2024-02-01", "upwork", "earning", 50.0, 5.0),  # midnight of the day after the range
    )
    out = compare_streams(t, start="2024-01-01", end="2024-01-31")
    assert out.loc["freelance", "net"] == 90.0  # 100 - 10; not 90 + 45
    s = monthly_summary(t, start="2024-01-01", end="2024-01-31")
    assert list(s.index.astype(str)) == ["2024-01"] and s["net"].tolist() == [90.0]


def test_a_client_named_only_on_a_refund_is_a_client():
    t = table(
        ("2025-01-06", "paypal", "earning", 300.0, 0.0, "USD", None, "Acme"),
        ("2025-01-08", "paypal", "refund", -20.0, 0.0, "USD", None, "Beta"),
    )
    free = compare_streams(t).loc["freelance"]
    assert free["n_clients"] == 2  # Acme and Beta
    assert free["top_client_share"] == 1.0  # 300 / (300 + max(-20, 0))


def test_platform_naming_itself_on_an_earning_is_no_client():
    t = table(
        ("2025-01-06", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2025-01-07", "upwork", "earning", 20.0, 0.0, "USD", None, "Upwork"),  # own bonus
        ("2025-01-08", "paypal", "fee", 0.0, 1.0, "USD", None, "Upwork"),
    )
    assert compare_streams(t).loc["freelance", "n_clients"] == 1  # Acme only


def test_own_charges_stay_out_of_a_payer_clients_net():
    t = table(
        ("2025-01-06", "upwork", "earning", 100.0, 10.0, "USD", None, "Acme"),
        ("2025-01-09", "upwork", "fee", 0.0, 5.0, "USD", None, "Upwork"),  # Connects
        ("2025-01-10", "paypal", "earning", 50.0, 0.0, "USD", None, "Upwork"),  # payout, unmatched
    )
    free = compare_streams(t).loc["freelance"]
    # client nets: Acme 90, "Upwork" (the PayPal payer) 50; Connects in neither: 90 / 140
    assert free["top_client_share"] == pytest.approx(90 / 140)


def test_avg_payment_is_of_positive_earnings_only():
    t = table(
        ("2024-01-10", "mturk", "earning", 6.0, 0.0),
        ("2024-01-11", "mturk", "earning", 4.0, 0.0),
        ("2024-01-12", "mturk", "earning", 0.0, 0.0),  # a zero earning: no payment
        ("2024-01-13", "mturk", "adjustment", 10.0, 0.0),  # a bonus adjustment: no payment
    )
    assert compare_streams(t).loc["micro", "avg_payment"] == 5.0  # (6 + 4) / 2


def test_cv_and_fee_rate_follow_the_date_range():
    t = table(
        ("2024-01-10", "upwork", "earning", 100.0, 10.0),
        ("2024-02-10", "upwork", "earning", 100.0, 10.0),
        ("2024-03-10", "upwork", "earning", 400.0, 120.0),
    )
    r = compare_streams(t, start="2024-01-01", end="2024-02-29").loc["freelance"]
    assert r["cv"] == 0.0  # months [90, 90]: sd 0
    assert r["fee_rate"] == pytest.approx(0.10)  # (10 + 10) / (100 + 100); not 140 / 600


def test_no_stand_in_currency_in_messages():
    t = table(
        ("2024-01-02", "stripe", "earning", 100.0, 3.2, "USD"),
        ("2024-01-03", "stripe", "earning", 100.0, 3.2, "EUR"),
    )
    out = fee_summary(t)
    assert out.attrs["problem"].startswith("mixed currencies")
    assert not any("XXX" in m for m in out.attrs["messages"])


def test_a_five_month_gap_is_no_missing_download_by_default():
    from analytics.metrics import months_without_rows

    t = table(
        ("2016-01-05", "paypal", "earning", 100.0, 3.0),
        ("2016-07-05", "paypal", "earning", 10.0, 0.0),  # Feb-Jun: 5 empty months, under 6
    )
    assert months_without_rows(t) == []


def test_falling_income_needs_no_buffer_not_minus_zero():
    import pandas as pd

    # mean 303.70; cumulative deviations 106.85, 183.35, 0.00: never below zero -> 0
    v = income_volatility(pd.Series([410.55, 380.20, 120.35]))
    assert v.smoothing_buffer == 0.0 and not math.copysign(1.0, v.smoothing_buffer) < 0


def test_compare_streams_says_how_much_of_the_income_the_hourly_rate_stands_on():
    """Freelance: Upwork 400 net with 10 hours, PayPal 1,600 net without hours: the stream's
    rate is 400 / 10 = 40 an hour, on 400 / 2,000 = 20% of its income. Micro: MTurk 30 with 2
    hours, all of it: 15 an hour on 100%. Sales without hours: NaN for both."""
    t = table(
        ("2025-01-06", "upwork", "earning", 400.0, 0.0, "USD", 10.0),
        ("2025-01-10", "paypal", "earning", 1600.0, 0.0),
        ("2025-01-13", "mturk", "earning", 30.0, 0.0, "USD", 2.0),
        ("2025-01-14", "etsy", "earning", 50.0, 0.0),
    )
    out = compare_streams(t)
    assert out.loc["freelance", "hourly"] == pytest.approx(40.0)
    assert out.loc["freelance", "hourly_coverage"] == pytest.approx(0.20)
    assert out.loc["micro", "hourly_coverage"] == pytest.approx(1.0)
    assert math.isnan(out.loc["sales", "hourly_coverage"])


def test_a_streams_cv_is_over_its_own_months_not_the_years_before_it_began():
    """Freelance from Jan 2024 to Mar 2025 (a steady 100 a month); micro only Jan-Mar 2025 at
    40, 45, 30: mean 38.33, sample sd sqrt((1.67^2 + 6.67^2 + 8.33^2) / 2) = 7.64, CV 0.199.
    Over the whole table's 15 months, twelve zeros before it began gave a CV of about 2.2."""
    rows = [
        (f"{m.year}-{m.month:02d}-10", "upwork", "earning", 100.0, 0.0)
        for m in pd.period_range("2024-01", "2025-03", freq="M")
    ]
    rows += [
        ("2025-01-12", "mturk", "earning", 40.0, 0.0),
        ("2025-02-12", "mturk", "earning", 45.0, 0.0),
        ("2025-03-12", "mturk", "earning", 30.0, 0.0),
    ]
    out = compare_streams(table(*rows))
    mean = 115 / 3
    sd = math.sqrt(((40 - mean) ** 2 + (45 - mean) ** 2 + (30 - mean) ** 2) / 2)
    assert out.loc["micro", "cv"] == pytest.approx(sd / mean)
    assert out.loc["micro", "cv"] == pytest.approx(0.199, abs=0.001)
    assert out.loc["freelance", "cv"] == 0.0


def test_client_spellings_tied_in_count_take_the_alphabetically_first_label():
    # "acme" once and "Acme " (stripped: "Acme") once: a tie of 1 to 1, broken alphabetically;
    # "A" (65) sorts before "a" (97), so both are "Acme", with 100 + 50 = 150
    assert client_labels(pd.Series(["acme", "Acme "]))[0].tolist() == ["Acme", "Acme"]
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", None, "acme"),
        ("2024-01-06", "upwork", "earning", 50.0, 0.0, "USD", None, "Acme "),
    )
    shares, _hhi = concentration(t, by="client")
    assert shares.index.tolist() == ["Acme"] and shares["net"].tolist() == [150.0]


def test_monthly_income_by_platform_fills_a_month_without_income_with_zero():
    # Upwork: January 100, February nothing, March 50 -> 100, 0, 50 (February 0, not blank)
    t = table(
        ("2024-01-15", "upwork", "earning", 100.0, 0.0),
        ("2024-03-10", "upwork", "earning", 50.0, 0.0),
    )
    assert monthly_income(t, by="platform")["upwork"].tolist() == [100.0, 0.0, 50.0]


def test_six_empty_months_are_a_missing_download_by_default():
    # rows in January and August 2024: February-July is 6 empty months, at least the default 6
    t = table(
        ("2024-01-15", "paypal", "earning", 10.0, 0.0),
        ("2024-08-15", "paypal", "earning", 10.0, 0.0),
    )
    assert [(str(a), str(b)) for a, b in months_without_rows(t)] == [("2024-02", "2024-07")]


def test_compare_streams_fee_rate_leaves_out_files_without_fees():
    """weekly.csv's 100 holds no fee (the file has none) and history.csv's 200 paid 20: the
    fee rate is 20 / 200 = 0.10, not 20 / 300 = 0.067; the net still counts both, 100 + 180 =
    280."""
    t = table(
        ("2025-03-03", "upwork", "earning", 100.0, 0.0),
        ("2025-03-10", "upwork", "earning", 200.0, 20.0),
    )
    t["source"] = ["weekly.csv", "history.csv"]
    out = compare_streams(t, fee_unknown_sources=("weekly.csv",))
    assert out.loc["freelance", "fee_rate"] == 0.1
    assert out.loc["freelance", "net"] == 280.0


def test_an_mturk_dashboard_day_is_no_client_in_the_concentration():
    """Requesters Lab A 1.00 and Lab B 0.50 (from a HIT list), and dashboard days summing
    many requesters under "Amazon MTurk" (3.00): the clients are Lab A and Lab B only.
    Shares 1.00 / 1.50 and 0.50 / 1.50: HHI = 4/9 + 1/9 = 5/9; the 3.00 is income without a
    client name."""
    from analytics.metrics import concentration, income_without_client

    t = table(
        ("2025-01-13", "mturk", "earning", 1.00, 0.0, "USD", None, "Lab A"),
        ("2025-01-13", "mturk", "earning", 0.50, 0.0, "USD", None, "Lab B"),
        ("2025-01-14", "mturk", "earning", 3.00, 0.0, "USD", None, "Amazon MTurk"),
    )
    clients, hhi = concentration(t, by="client", named_only=True)
    assert list(clients.index) == ["Lab A", "Lab B"]
    assert hhi == pytest.approx(5 / 9)
    assert income_without_client(t).to_dict() == {"mturk": 3.00}
    everyone, _ = concentration(t, by="client")
    assert "Amazon MTurk" not in everyone.index and everyone.loc["", "net"] == 3.00
