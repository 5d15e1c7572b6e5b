"""monthly_summary: one row per month, golden values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from test_hours import time_row
from test_metrics import table

from analytics.export import to_csv_bytes
from analytics.schema import empty_transactions
from analytics.summary import (
    apportioned,
    monthly_summary,
    summary_for_download,
    transactions_with_income_flag,
)
from analytics.tax import TaxProfile


def sample() -> pd.DataFrame:
    return table(
        ("2024-01-05", "upwork", "earning", 1000.0, 100.0, "USD", None, "Acme"),
        ("2024-01-09", "upwork", "fee", 0.0, 5.0),  # connects
        ("2024-01-20", "upwork", "transfer", -895.0, 0.0),  # withdrawal, never income
        time_row("2024-01-04", "Acme", 20.0),  # 20 tracked hours for Acme (paid via Upwork)
        ("2024-03-05", "mturk", "earning", 60.0, 0.0, "USD", 4.0),
        ("2024-03-06", "mturk", "refund", -10.0, 0.0),  # a rejected HIT reversed, no hours
    )


def test_monthly_summary_golden_values():
    s = monthly_summary(sample())
    assert list(s.index.astype(str)) == ["2024-01", "2024-02", "2024-03"]
    assert s.index.name == "month"
    jan, feb, mar = s.loc["2024-01"], s.loc["2024-02"], s.loc["2024-03"]
    assert (jan["gross"], jan["fees"], jan["net"]) == (1000.0, 105.0, 895.0)  # 900 - 5
    assert (feb["gross"], feb["fees"], feb["net"]) == (0.0, 0.0, 0.0)
    assert (mar["gross"], mar["fees"], mar["net"]) == (50.0, 0.0, 50.0)  # 60 - 10
    # the refund's 10.00 given back, part of March's gross: 60.00 paid - 10.00
    assert s["refunds"].tolist() == [0.0, 0.0, -10.0]
    assert jan["hours"] == 20.0
    # January's net covered by hours: the Acme payment (900) and the connects fee (5), which
    # names no client and so goes with Upwork's earnings as a whole, all of them timed (Acme's
    # 20 tracked hours): (900 - 5) / 20 = 44.75
    assert jan["hourly"] == 44.75
    assert math.isnan(feb["hours"]) and math.isnan(feb["hourly"])
    assert mar["hours"] == 4.0
    # the rejected HIT (mturk, no client) belongs to the time of the mturk earning with no
    # client (analytics.hours.hour_records): net covered 60 - 10 = 50, over 4 h = 12.5
    assert mar["hourly"] == 12.5
    assert (jan["net_freelance"], mar["net_micro"]) == (895.0, 50.0)
    assert (jan["net_micro"], mar["net_freelance"]) == (0.0, 0.0)
    assert (jan["net_upwork"], mar["net_mturk"]) == (895.0, 50.0)
    assert s["cumulative_net"].tolist() == [895.0, 895.0, 945.0]
    assert "tax_set_aside" not in s.columns


def test_monthly_summary_with_a_flat_tax_profile():
    profile = TaxProfile(jurisdiction="flat", year=2024, rate=0.25)
    s = monthly_summary(sample(), tax_profile=profile)
    # flat 25%: set aside a quarter of each month's net income
    assert s["tax_set_aside"].tolist() == pytest.approx([895 * 0.25, 0.0, 50 * 0.25])


def test_tax_outside_the_profile_year_is_nan():
    profile = TaxProfile(jurisdiction="flat", year=2023, rate=0.25)
    s = monthly_summary(sample(), tax_profile=profile)
    assert s["tax_set_aside"].isna().all()


def test_months_after_the_tax_year_have_no_set_aside():
    # Income Nov 2024 - Feb 2025 with a flat 2024 profile: Nov and Dec 2024 get 25%, Jan and
    # Feb 2025 are outside the tax year: NaN, not 0.00.
    t = table(
        ("2024-11-05", "fiverr", "earning", 100.0, 0.0),
        ("2024-12-05", "fiverr", "earning", 200.0, 0.0),
        ("2025-01-05", "fiverr", "earning", 300.0, 0.0),
        ("2025-02-05", "fiverr", "earning", 400.0, 0.0),
    )
    s = monthly_summary(t, tax_profile=TaxProfile(jurisdiction="flat", year=2024, rate=0.25))
    assert s["tax_set_aside"].iloc[:2].tolist() == [25.0, 50.0]
    assert s["tax_set_aside"].iloc[2:].isna().all()


def test_tax_engine_refusal_becomes_a_message_not_a_crash():
    t = table(("2024-01-05", "paypal", "earning", 100.0, 0.0, "EUR"))
    s = monthly_summary(t, tax_profile=TaxProfile(jurisdiction="US", year=2025))
    assert s["tax_set_aside"].isna().all()
    assert any("tax set-aside not computed" in m and "USD" in m for m in s.attrs["messages"])


def test_empty_table_gives_no_rows():
    s = monthly_summary(empty_transactions())
    assert s.empty and "cumulative_net" in s.columns


def test_one_month_all_zero():
    t = table(("2024-05-05", "upwork", "adjustment", 0.0, 0.0))
    s = monthly_summary(t)
    assert len(s) == 1 and s["net"].iloc[0] == 0.0
    assert math.isnan(s["hourly"].iloc[0])


def test_mixed_currencies_need_a_base_currency():
    t = table(
        ("2024-01-02", "upwork", "earning", 100.0, 10.0, "USD"),
        ("2024-01-02", "paypal", "earning", 100.0, 0.0, "EUR"),
    )
    unconverted = monthly_summary(t)  # no base currency: nothing added across currencies
    assert unconverted[["gross", "fees", "net", "cumulative_net"]].isna().all().all()
    assert "mixed currencies (EUR, USD)" in unconverted.attrs["messages"][0]
    s = monthly_summary(t, base_currency="USD")
    assert s["net"].iloc[0] == pytest.approx(90 + 109.56)  # EUR at the ECB 1.0956 of 2 Jan 2024
    assert s["net_paypal"].iloc[0] == pytest.approx(109.56)


def test_hours_in_a_month_without_income_get_their_own_row():
    t = table(
        ("2024-03-05", "upwork", "earning", 300.0, 0.0, "USD", None, "Acme"),
        time_row("2024-02-20", "Acme", 6.0),  # worked in February, paid in March
    )
    s = monthly_summary(t)
    assert list(s.index.astype(str)) == ["2024-02", "2024-03"]
    # worked in February ...
    assert s.loc["2024-02", "hours_worked"] == 6.0 and math.isnan(s.loc["2024-03", "hours_worked"])
    # ... paid in March: the hours and the rate are in the month of the income they were
    # paid by; February has no income (no rate, not $0/h); March: 300 / 6 = 50
    assert math.isnan(s.loc["2024-02", "hours"]) and s.loc["2024-03", "hours"] == 6.0
    assert math.isnan(s.loc["2024-02", "hourly"])
    assert s.loc["2024-03", "hourly"] == 50.0
    from analytics.hours import hourly_rates

    assert hourly_rates(t).loc["upwork", "hourly"] == 50.0  # the same over the whole period


def test_a_months_hourly_rate_divides_its_income_by_the_hours_of_that_income():
    # The audit's June 2024: Upwork paid 315 for 9 h of its own hours (fee 31.50), and the
    # freelancer worked 10 + 8 = 18 h in June for Okafor, who paid 1,850 (fee 50) on 11 July.
    t = table(
        ("2024-06-10", "upwork", "earning", 315.0, 0.0, "USD", 9.0, "Brightline"),
        ("2024-06-10", "upwork", "fee", 0.0, 31.50, "USD", None, "Brightline"),
        time_row("2024-06-12", "Okafor", 10.0),
        time_row("2024-06-26", "Okafor", 8.0),
        ("2024-07-11", "paypal", "earning", 1_850.0, 50.0, "USD", None, "Okafor"),
    )
    s = monthly_summary(t)
    june, july = s.loc["2024-06"], s.loc["2024-07"]
    assert june["net"] == 283.50  # 315 - 31.50
    assert june["hours_worked"] == 27.0  # 9 + 10 + 8 worked in June
    assert june["hours"] == 9.0  # of which the 9 h of June's own Upwork income were paid
    # June's income with hours over the hours of that income: 283.50 / 9 = 31.50, not
    # 283.50 / 27 = 10.50 (Okafor's 18 h were paid in July)
    assert june["hourly"] == pytest.approx(31.50)
    assert july["net"] == 1_800.0 and math.isnan(july["hours_worked"])  # none worked in July
    assert july["hours"] == 18.0  # but July's income paid for Okafor's 18 h of June
    assert july["hourly"] == pytest.approx(100.0)  # 1,800 / 18
    # the months add up to the whole period's rate: (283.50 + 1,800) / (9 + 18) = 77.17
    from analytics.hours import hourly_rates

    assert hourly_rates(t, by=None).loc["all", "hourly"] == pytest.approx(2_083.50 / 27)


def january_2025() -> pd.DataFrame:
    """The audit's January 2025: Cedar paid in January for December's work, Ramirez's work of
    January paid in February, Upwork's Connects charged in January while its earnings (with
    hours of their own) are in February."""
    return table(
        time_row("2024-12-10", "Cedar", 10.0),
        ("2025-01-06", "paypal", "earning", 500.0, 20.0, "USD", None, "Cedar"),
        ("2025-01-15", "upwork", "fee", 0.0, 12.0, "USD", None, "Upwork"),  # Connects
        time_row("2025-01-20", "Ramirez", 8.0),
        ("2025-02-03", "upwork", "earning", 350.0, 0.0, "USD", 10.0, "Brightline"),
        ("2025-02-03", "upwork", "fee", 0.0, 35.0, "USD", None, "Brightline"),
        ("2025-02-13", "paypal", "earning", 480.0, 17.24, "USD", None, "Ramirez"),
    )


@pytest.mark.parametrize(
    "start, end",
    [(None, None), ("2025-01-01", "2025-01-31"), ("2024-12-15", "2025-02-10")],
    ids=["every date", "January only", "mid-December to mid-February"],
)
def test_a_months_figures_do_not_depend_on_the_date_range_around_it(start, end):
    s = monthly_summary(january_2025(), start=start, end=end)
    jan = s.loc["2025-01"]
    assert jan["net"] == 468.0  # 500 - 20 - 12
    assert jan["hours_worked"] == 8.0  # Ramirez's 8 h, worked in January (paid in February)
    assert jan["hours"] == 10.0  # January's income paid for Cedar's 10 h of December
    # January's income with hours: Cedar's 480, and the Connects, which belong to Upwork's
    # earnings as a whole (all of them timed: 350 of 350), so all -12 of them: 468; the hours
    # of that income: Cedar's 10 h of December. 468 / 10 = 46.80
    assert jan["hourly"] == pytest.approx(46.80)
    assert not any("match no income" in m for m in s.attrs["messages"])


def test_a_date_range_keeps_only_its_months():
    s = monthly_summary(january_2025(), start="2025-01-01", end="2025-01-31")
    assert list(s.index.astype(str)) == ["2025-01"]
    assert s["cumulative_net"].tolist() == [468.0]
    s = monthly_summary(january_2025())
    assert list(s.index.astype(str)) == ["2024-12", "2025-01", "2025-02"]
    # December: 10 h worked, nothing paid; February: Upwork (350 - 35) over its own 10 h and
    # Ramirez 462.76 over the 8 h of January: (315 + 462.76) / 18 = 43.209
    assert s.loc["2024-12", "hours_worked"] == 10.0 and math.isnan(s.loc["2024-12", "hourly"])
    assert math.isnan(s.loc["2024-12", "hours"])  # nothing paid in December
    assert s.loc["2025-02", "hours_worked"] == 10.0  # Upwork's own, on its payment's day
    assert s.loc["2025-02", "hours"] == 18.0  # Upwork's 10 and Ramirez's 8 of January
    assert s.loc["2025-02", "hourly"] == pytest.approx(777.76 / 18)


def test_a_weekly_estimate_is_paid_by_its_weeks_payments_in_both_months():
    # 10 h a week for Uber, a week from Monday 29 January to Sunday 4 February 2024 with
    # payments of 100 (Wed 31 Jan) and 300 (Fri 2 Feb): the estimate is dated on the week's
    # first payment, and its hours are paid 100 / 400 in January, 300 / 400 in February.
    t = table(
        ("2024-01-31", "uber", "earning", 100.0, 0.0),
        ("2024-02-02", "uber", "earning", 300.0, 0.0),
    )
    s = monthly_summary(t, estimates={"uber": {"hours_per_week": 10}})
    assert s.loc["2024-01", "hours_worked"] == 10.0  # an estimate: on its first payment's day
    assert math.isnan(s.loc["2024-02", "hours_worked"])
    assert s.loc["2024-01", "hours"] == 2.5 and s.loc["2024-02", "hours"] == 7.5  # as paid
    assert s.loc["2024-01", "hourly"] == pytest.approx(100 / 2.5)  # 40
    assert s.loc["2024-02", "hourly"] == pytest.approx(300 / 7.5)  # 40


EDGE_TABLES = {
    "empty": empty_transactions,
    "only time entries": lambda: table(time_row("2024-01-01", "Acme", 3.0)),
    "only a transfer": lambda: table(("2024-01-05", "paypal", "transfer", -10.0, 0.0)),
    "all zero": lambda: table(("2024-01-05", "upwork", "earning", 0.0, 0.0)),
}


@pytest.mark.parametrize("name", list(EDGE_TABLES))
def test_edge_tables_give_nan_or_nothing_never_an_exception(name):
    from analytics.fees import fee_summary
    from analytics.hours import hourly_rates
    from analytics.metrics import compare_streams, concentration, income_volatility

    t = EDGE_TABLES[name]()
    s = monthly_summary(t)
    assert s.empty or (s["net"] == 0).all()
    assert s.empty or s["hourly"].isna().all()
    assert math.isnan(income_volatility(s["net"]).cv)
    assert math.isnan(concentration(t)[1])
    assert compare_streams(t)["fee_rate"].isna().all()
    assert fee_summary(t)["fee_rate"].isna().all()
    assert hourly_rates(t)["hourly"].isna().all()


def test_tax_figures_carry_the_disclaimer_and_the_currency():
    profile = TaxProfile(jurisdiction="flat", year=2024, rate=0.25)
    s = monthly_summary(sample(), tax_profile=profile)
    assert s.attrs["disclaimer"] == "Estimate, not tax advice — flat-rate 2024 parameters"
    assert s.attrs["messages"][-1] == s.attrs["disclaimer"]
    assert s.attrs["currency"] == "USD"
    assert "disclaimer" not in monthly_summary(sample()).attrs  # no tax figures, no disclaimer
    us = monthly_summary(
        table(("2025-02-05", "upwork", "earning", 5_000.0, 0.0)),
        tax_profile=TaxProfile(jurisdiction="US", year=2025),
    )
    assert us.attrs["disclaimer"] == "Estimate, not tax advice — US 2025 parameters"


def test_summary_exported_to_excel_keeps_the_disclaimer_and_currency():
    import io

    import openpyxl

    from analytics.export import to_xlsx_bytes

    profile = TaxProfile(jurisdiction="flat", year=2024, rate=0.25)
    flat = monthly_summary(sample(), tax_profile=profile).reset_index()  # as the page does
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": flat})))
    assert book["Summary"]["B2"].number_format == '#,##0.00 "USD"'  # gross, January
    notes = [c.value for c in book["Notes"]["B"]]
    assert "Estimate, not tax advice — flat-rate 2024 parameters" in notes


def uk_year() -> pd.DataFrame:
    return table(
        ("2025-04-03", "fiverr", "earning", 500.0, 0.0, "GBP"),  # tax year 2024/25
        ("2025-04-20", "fiverr", "earning", 2_000.0, 0.0, "GBP"),  # tax month 6 Apr - 5 May
        ("2025-05-03", "fiverr", "earning", 1_000.0, 0.0, "GBP"),  # same tax month, May row
        ("2025-05-20", "fiverr", "earning", 3_000.0, 0.0, "GBP"),  # tax month 6 May - 5 Jun
        ("2026-04-05", "fiverr", "earning", 40_000.0, 0.0, "GBP"),  # last day of 2025/26
        ("2026-04-10", "fiverr", "earning", 1_000.0, 0.0, "GBP"),  # tax year 2026/27
    )


def test_uk_set_aside_is_on_the_calendar_month_of_the_income():
    s = monthly_summary(uk_year(), tax_profile=TaxProfile("UK", 2025))
    # UK 2025/26: personal allowance 12,570, then 20% income tax + 6% Class 4.
    # Tax month 1 (6 Apr - 5 May): income 2,000 + 1,000 = 3,000 -> 36,000 a year ->
    #   (36,000 - 12,570) x 26% = 6,091.80 -> rate r1 = 6,091.80 / 36,000 = 0.1692167
    #   its 1,000 of 3 May goes to the May row: 1,000 x r1 = 169.2167 -> 169.22;
    #   the April row keeps 3,000 x r1 = 507.65 minus that = 338.43 (= 2,000 x r1)
    # Tax month 2 (6 May - 5 Jun): 6,000 over 2 months -> 36,000 again: 3,000 x r1 = 507.65
    # Tax month 12 (6 Mar - 5 Apr 2026): 46,000 in 12 months -> (46,000 - 12,570) x 26% =
    #   8,691.80; 40,000 x 8,691.80 / 46,000 = 7,558.087 -> 7,558.09, on the April 2026 row
    assert s.loc["2025-04", "net"] == 2_500.0  # 500 of 2024/25 + 2,000
    assert s.loc["2025-04", "tax_set_aside"] == pytest.approx(338.43)
    assert s.loc["2025-05", "net"] == 4_000.0
    assert s.loc["2025-05", "tax_set_aside"] == pytest.approx(169.22 + 507.65)  # 676.87
    assert s.loc["2026-03", "net"] == 0.0 and s.loc["2026-03", "tax_set_aside"] == 0.0
    assert s.loc["2026-04", "net"] == 41_000.0
    assert s.loc["2026-04", "tax_set_aside"] == pytest.approx(7_558.09)
    # the rows add up to the plan's reserve: 507.65 + 507.65 + 7,558.09 = 8,573.39
    assert s["tax_set_aside"].sum() == pytest.approx(8_573.39)
    messages = " ".join(s.attrs["messages"])
    assert "UK tax months run from the 6th to the 5th" in messages
    assert "2025-04: 500.00 GBP" in messages and "tax year 2024/25" in messages
    assert "2026-04: 1,000.00 GBP" in messages and "tax year 2026/27" in messages


def test_uk_income_on_5_april_has_its_set_aside_on_the_same_row():
    # the audit's case: 40,000 on 5 Apr 2026, the only income of 2025/26 -> tax month 12:
    # 40,000 a year -> (40,000 - 12,570) x 26% = 7,131.80 (all 20% / 6%, below 50,270)
    t = table(("2026-04-05", "fiverr", "earning", 40_000.0, 0.0, "GBP"))
    s = monthly_summary(t, tax_profile=TaxProfile("UK", 2025))
    assert list(s.index.astype(str)) == ["2026-04"]
    assert s.loc["2026-04", "net"] == 40_000.0
    assert s.loc["2026-04", "tax_set_aside"] == pytest.approx(7_131.80)


def test_uk_placement_rule_reaches_the_excel_notes():
    import io

    import openpyxl

    from analytics.export import to_xlsx_bytes

    s = monthly_summary(uk_year(), tax_profile=TaxProfile("UK", 2025)).reset_index()
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Summary": s})))
    notes = " ".join(str(c.value) for c in book["Notes"]["B"])
    assert "UK tax months run from the 6th to the 5th" in notes
    assert "tax year 2024/25" in notes
    assert "Estimate, not tax advice — UK 2025/26 parameters" in notes


def test_downloaded_summary_carries_the_tax_disclaimer_on_every_row():
    s = monthly_summary(sample(), tax_profile=TaxProfile(jurisdiction="flat", year=2024, rate=0.25))
    flat = summary_for_download(s)
    assert flat["month"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert flat.columns[1] == "currency" and set(flat["currency"]) == {"USD"}  # says its money
    # 25% of each month's net: 895 -> 223.75, 0 -> 0, 50 -> 12.50
    assert flat["tax_set_aside"].tolist() == [223.75, 0.0, 12.5]
    at = flat.columns.get_loc("tax_set_aside")
    assert flat.columns[at + 1] == "tax_note"
    assert set(flat["tax_note"]) == {"Estimate, not tax advice — flat-rate 2024 parameters"}
    csv = to_csv_bytes(flat).decode("utf-8-sig").splitlines()
    assert csv[0].split(",")[at : at + 2] == ["tax_set_aside", "tax_note"]
    assert csv[1].endswith(',223.75,"Estimate, not tax advice — flat-rate 2024 parameters",895.00')
    # the tax in another currency than the table's: the column says which
    in_eur = summary_for_download(s.assign(), tax_currency="EUR")
    assert "tax_set_aside_EUR" in in_eur.columns and "tax_set_aside" not in in_eur.columns
    # months outside the tax year have no tax figure, and so no note
    other_year = monthly_summary(
        sample(), tax_profile=TaxProfile(jurisdiction="flat", year=2023, rate=0.25)
    )
    assert summary_for_download(other_year)["tax_note"].tolist() == ["", "", ""]
    # no tax profile: no tax columns
    assert "tax_note" not in summary_for_download(monthly_summary(sample())).columns


def test_downloaded_transactions_say_which_rows_are_income():
    # Upwork: 1,000 earned, 100 fee, 900 withdrawn. A SUM of every net is 0; of the income
    # rows it is the 900 the month shows.
    t = table(
        ("2025-01-05", "upwork", "earning", 1000.0, 0.0, "USD"),
        ("2025-01-05", "upwork", "fee", 0.0, 100.0, "USD"),
        ("2025-01-20", "upwork", "transfer", -900.0, 0.0, "USD"),
    )
    out = transactions_with_income_flag(t)
    assert list(out.columns[: out.columns.get_loc("counts_as_income") + 1])[-2:] == [
        "kind",
        "counts_as_income",
    ]
    assert list(out["counts_as_income"]) == ["yes", "yes", "no"]
    assert out["net"].sum() == 0.0
    assert out.loc[out["counts_as_income"] == "yes", "net"].sum() == 900.0
    assert monthly_summary(t)["net"].sum() == 900.0
    assert "fee_note" not in out.columns  # every fee known


def test_downloaded_transactions_say_where_the_fee_is_not_in_the_export():
    """An Upwork Weekly Summary's 29.50 is before Upwork's fee: its row says the 0.00 fee is
    not known; the transaction-history row beside it (fee 3.00 known) says nothing."""
    t = table(
        ("2023-09-16", "upwork", "earning", 29.5, 0.0, "USD"),
        ("2023-09-20", "upwork", "earning", 30.0, 3.0, "USD"),
        ("2023-09-16", "upwork", "time", 0.0, 0.0, "USD", 1.5),  # its hours: no money, no fee
    )
    t["source"] = ["weekly.csv", "transactions.csv", "weekly.csv"]
    out = transactions_with_income_flag(t, fee_unknown_sources={"weekly.csv"})
    assert out.columns[out.columns.get_loc("fee") + 1] == "fee_note"
    assert out["fee_note"].tolist() == [
        "fee not in this export: gross and net are before the platform's fee",
        "",
        "",
    ]
    # none of its rows left (filtered out): no column at all
    alone = transactions_with_income_flag(t.iloc[[1]], fee_unknown_sources={"weekly.csv"})
    assert "fee_note" not in alone.columns


def test_downloaded_summary_rows_add_up_to_the_cent():
    """Converted amounts carry parts of a cent. Written column by column, 100.004 - 0.006 =
    99.998 would read 100.00 - 0.01 = 100.00. The months' nets add up to the total net to the
    cent (150.000 -> 150.00: 99.998 -> 100.00, 50.002 -> 50.00), the fees to the total fees
    (0.010: the cent goes to January's 0.006, the larger part of a cent), and the gross is
    their sum: 100.00 + 0.01 = 100.01 and 50.00; the running total 100.00, 150.00."""
    months = pd.period_range("2025-01", periods=2, freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [100.004, 50.006],
            "fees": [0.006, 0.004],
            "net": [99.998, 50.002],
            "cumulative_net": [99.998, 150.0],
        },
        index=months,
    )
    flat = summary_for_download(summary)
    assert flat["gross"].tolist() == [100.01, 50.0]
    assert flat["fees"].tolist() == [0.01, 0.0]
    assert flat["net"].tolist() == [100.0, 50.0]
    assert flat["cumulative_net"].tolist() == [100.0, 150.0]


def test_transactions_download_keeps_a_row_without_an_exchange_rate_with_blank_amounts():
    """ECB: USD per EUR 1.0956 on 2 Jan 2024; no rate for XOF. In USD: the EUR payment is
    100 x 1.0956 = 109.56 gross, 3.88 x 1.0956 = 4.250928 fee; the USD one stays 50; the XOF
    one is listed with blank amounts (its 5,000 XOF under original_gross), so the file's sum
    of net, 105.309072 + 50 = 155.309072, is the dashboard's, and nothing is left out."""
    from test_metrics import table

    from analytics.summary import transactions_in_currency

    t = table(
        ("2024-01-02", "paypal", "earning", 100.0, 3.88, "EUR"),
        ("2024-01-02", "upwork", "earning", 50.0, 0.0, "USD"),
        ("2024-01-02", "other", "earning", 5000.0, 0.0, "XOF"),
    )
    out = transactions_with_income_flag(transactions_in_currency(t, "USD"))
    assert len(out) == 3
    assert out["gross"].iloc[0] == pytest.approx(109.56)
    assert out["fee"].iloc[0] == pytest.approx(4.250928)
    assert out["net"].sum() == pytest.approx(155.309072)
    xof = out.iloc[2]
    assert pd.isna(xof["gross"]) and pd.isna(xof["fee"]) and pd.isna(xof["net"])
    assert xof["original_currency"] == "XOF" and xof["original_gross"] == 5000.0
    assert xof["fx_note"].startswith("no rate") and xof["counts_as_income"] == "yes"
    assert set(out["currency"]) == {"USD"}  # the amount columns are all in USD (or blank)
    # all in the base currency already: the table as it is, no conversion columns
    usd = t[t["currency"] == "USD"]
    assert list(transactions_in_currency(usd, "USD").columns) == list(usd.columns)


def test_downloaded_summary_splits_add_up_to_the_net_written():
    """Converted amounts: gross 4.2666 and fees 2.6915 are written 4.27 and 2.69, net 1.58.
    The net of 1.5751 came from PayPal (0.7851) and Upwork (0.79), both freelance: rounded
    alone 0.79 + 0.79 = 1.58 happens to fit, but rounded down (0.78 + 0.79 = 1.57) one cent is
    missing, which goes to PayPal's larger part of a cent (0.51 against 0): 0.79 + 0.79. In
    February net 10.00 - 0.00 from three platforms of 3.3333, 3.3333 and 3.3334: rounded alone
    3.33 x 3 = 9.99; the missing cent goes to the largest part of a cent (0.34 on the third):
    3.33, 3.33, 3.34. A platform with nothing in a month stays 0.00."""
    months = pd.period_range("2025-01", periods=2, freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [4.2666, 10.0],
            "fees": [2.6915, 0.0],
            "net": [1.5751, 10.0],
            "net_freelance": [1.5751, 10.0],
            "net_paypal": [0.7851, 3.3333],
            "net_upwork": [0.79, 3.3333],
            "net_toptal": [0.0, 3.3334],
            "cumulative_net": [1.5751, 11.5751],
        },
        index=months,
    )
    summary.attrs["net_splits"] = {
        "stream": ["net_freelance"],
        "platform": ["net_paypal", "net_upwork", "net_toptal"],
    }
    flat = summary_for_download(summary)
    assert flat["net"].tolist() == [1.58, 10.0]
    assert flat["net_freelance"].tolist() == [1.58, 10.0]
    assert flat["net_paypal"].tolist() == [0.79, 3.33]
    assert flat["net_upwork"].tolist() == [0.79, 3.33]
    assert flat["net_toptal"].tolist() == [0.0, 3.34]


def test_downloaded_summary_keeps_the_net_where_fees_are_not_known():
    """An Upwork Weekly Summary alone: the page leaves its fees blank (not in the file); the
    download keeps the month's net (29.50, 63.50) instead of gross - blank = blank."""
    months = pd.period_range("2023-09", periods=2, freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [29.5, 63.5],
            "fees": [float("nan"), float("nan")],
            "net": [29.5, 63.5],
            "cumulative_net": [29.5, 93.0],
        },
        index=months,
    )
    flat = summary_for_download(summary)
    assert flat["net"].tolist() == [29.5, 63.5]
    assert flat["cumulative_net"].tolist() == [29.5, 93.0]
    assert flat["fees"].isna().all()


def test_the_downloaded_splits_come_from_monthly_summary():
    """Three Upwork payments of 10.00 less 1/3 of a cent of fee each (converted amounts carry
    such parts) and one MTurk reward of 0.004: net 29.99 + 0.004 = 29.994, written 29.99 (gross
    30.004 -> 30.00, fees 0.01); the micro and freelance columns, and the platforms', each add
    up to it: freelance 29.99, micro 0.00 (0.004 rounded down; no cent is missing)."""
    rows = [(f"2025-01-0{d}", "upwork", "earning", 10.0, 1 / 300) for d in (1, 2, 3)]
    t = table(*rows, ("2025-01-04", "mturk", "earning", 0.004, 0.0))
    summary = monthly_summary(t)
    assert summary.attrs["net_splits"] == {
        "stream": ["net_freelance", "net_micro"],
        "platform": ["net_mturk", "net_upwork"],
    }
    flat = summary_for_download(summary)
    assert flat["net"].tolist() == [29.99]
    assert flat["net_freelance"].tolist() == [29.99] and flat["net_micro"].tolist() == [0.0]
    assert flat["net_upwork"].tolist() == [29.99] and flat["net_mturk"].tolist() == [0.0]


def test_the_hourly_rate_can_be_checked_from_the_net_those_hours_paid_for():
    """A month with 500.00 for 20 hours of hourly work and a 100.00 bonus without hours: net
    600.00, but the rate is 500 / 20 = 25.00, and the summary says which 500 it divides."""
    from analytics.schema import conform

    t = conform(
        pd.DataFrame(
            {
                "date": pd.to_datetime(["2025-03-03", "2025-03-20"]),
                "platform": ["upwork", "upwork"],
                "stream": ["freelance", "freelance"],
                "kind": ["earning", "earning"],
                "gross": [500.0, 100.0],
                "fee": [0.0, 0.0],
                "net": [500.0, 100.0],
                "currency": ["USD", "USD"],
                "hours": [20.0, np.nan],
                "client": ["Acme", "Acme"],
                "description": ["Hourly", "Bonus"],
                "reference": ["a", "b"],
                "source": ["f.csv", "f.csv"],
                "txn_id": ["1", "2"],
            }
        )
    )
    row = monthly_summary(t).iloc[0]
    assert row["net"] == 600.0 and row["hours"] == 20.0
    assert row["net_with_hours"] == 500.0 and row["hourly"] == 25.0


# --- edges found by a mutation audit ---


UK = TaxProfile("UK", 2025)


def test_the_uk_tax_years_first_and_next_years_first_day():
    t = table(
        ("2025-04-03", "fiverr", "earning", 500.0, 0.0, "GBP"),  # 2024/25
        ("2025-04-06", "fiverr", "earning", 2_000.0, 0.0, "GBP"),  # first day of 2025/26
        ("2026-04-05", "fiverr", "earning", 40_000.0, 0.0, "GBP"),  # last day: on the April row
        ("2026-04-06", "fiverr", "earning", 1_000.0, 0.0, "GBP"),  # first day of 2026/27
    )
    messages = " ".join(monthly_summary(t, tax_profile=UK).attrs["messages"])
    assert "2025-04: 500.00 GBP" in messages  # not 2,500.00: 6 April is in the year
    assert "2026-04: 1,000.00 GBP" in messages  # 6 April 2026 is the next year


def test_a_month_after_the_plan_has_no_set_aside_not_zero():
    t = table(
        ("2025-05-20", "fiverr", "earning", 3_000.0, 0.0, "GBP"),
        ("2026-04-10", "fiverr", "earning", 1_000.0, 0.0, "GBP"),  # 2026/27
    )
    s = monthly_summary(t, tax_profile=UK)
    # the plan's tax months end with May 2025 (its last income of 2025/26): June on is NaN
    assert s.loc["2025-05", "tax_set_aside"] == pytest.approx(235.30)
    assert math.isnan(s.loc["2025-06", "tax_set_aside"])  # not 0.00
    assert math.isnan(s.loc["2026-04", "tax_set_aside"])


def test_a_range_starting_on_the_day_of_other_year_income_names_it():
    t = table(
        ("2025-05-20", "fiverr", "earning", 3_000.0, 0.0, "GBP"),
        ("2026-04-05", "fiverr", "earning", 40_000.0, 0.0, "GBP"),
        ("2026-04-10", "fiverr", "earning", 1_000.0, 0.0, "GBP"),
    )
    s = monthly_summary(t, tax_profile=UK, start="2026-04-10", end="2026-04-30")
    assert any(m.startswith("2026-04: 1,000.00 GBP") for m in s.attrs["messages"])


def test_hourly_is_the_income_with_hours_over_those_hours():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", 5.0),  # 5 h in the export
        ("2024-01-06", "etsy", "earning", 60.0, 0.0),  # no hours
    )
    s = monthly_summary(t)
    assert s.loc["2024-01", "net"] == 160.0
    assert s.loc["2024-01", "hourly"] == 20.0  # 100 / 5; not 160 / 5 = 32


def test_a_platform_named_like_a_stream_gets_its_own_column():
    t = table(
        ("2024-01-05", "other", "earning", 50.0, 0.0),
        ("2024-01-06", "paypal", "earning", 30.0, 0.0),
    )
    t["stream"] = ["other", "other"]  # PayPal put in the "other" stream by the user
    s = monthly_summary(t)
    assert s.loc["2024-01", "net_other"] == 80.0  # stream: 50 + 30
    assert s.loc["2024-01", "net_platform_other"] == 50.0  # platform "other" alone


def test_apportioned_cents():
    # -16,766.3 and 48,704.7 cents: floors -16,767 and 48,704 (sum 31,937), both 0.7 left;
    # the one cent missing to 31,938 goes to the first of the tied remainders
    out = apportioned(pd.DataFrame([[-167.663, 487.047]]), pd.Series([319.38]))
    assert out.iloc[0].tolist() == [-167.66, 487.04]
    # a written net one cent below the splits: the cent comes off an amount, never off a zero
    out = apportioned(pd.DataFrame([[0.0, 10.004, 10.004]]), pd.Series([19.99]))
    assert out.iloc[0].tolist() == [0.0, 9.99, 10.0]


def test_tax_column_keeps_its_name_in_the_tables_own_currency():
    s = monthly_summary(sample(), tax_profile=TaxProfile(jurisdiction="flat", year=2024, rate=0.25))
    flat = summary_for_download(s, tax_currency="USD")
    assert "tax_set_aside" in flat.columns and "tax_set_aside_USD" not in flat.columns


def test_an_adjustment_counts_as_income_in_the_download():
    t = table(("2024-03-09", "upwork", "adjustment", 7.5, 0.0))
    assert transactions_with_income_flag(t)["counts_as_income"].tolist() == ["yes"]


def test_a_refund_of_1_to_5_may_takes_back_set_aside_on_the_may_row():
    t = table(
        ("2025-04-20", "fiverr", "earning", 2_500.0, 0.0, "GBP"),
        ("2025-05-03", "fiverr", "refund", -500.0, 0.0, "GBP"),
    )
    s = monthly_summary(t, tax_profile=UK)
    # tax month 1 (6 Apr - 5 May): 2,000 -> 24,000 a year -> (24,000 - 12,570) x 26% = 2,971.80
    # r = 2,971.80 / 24,000 = 0.123825; set aside 2,000 x r = 247.65
    # May row: round(r x -500, 2) = -61.91; April row: 247.65 + 61.91 = 309.56
    assert s.loc["2025-05", "tax_set_aside"] == pytest.approx(-61.91)
    assert s.loc["2025-04", "tax_set_aside"] == pytest.approx(309.56)


def april_2025_gbp() -> pd.DataFrame:
    return table(
        ("2025-04-01", "fiverr", "earning", 100.0, 0.0, "GBP"),  # tax year 2024/25
        ("2025-04-03", "fiverr", "earning", 200.0, 0.0, "GBP"),  # tax year 2024/25
        ("2025-04-20", "fiverr", "earning", 2000.0, 0.0, "GBP"),  # tax year 2025/26
    )


def test_uk_note_on_other_year_income_counts_it_up_to_the_ranges_last_day():
    # UK 2025/26 begins on 6 Apr 2025; of April's income dated before it, a range ending on
    # 2 Apr holds 1 Apr's 100.00 only (3 Apr's 200 is after it: not 100 + 200 = 300)
    s = monthly_summary(april_2025_gbp(), tax_profile=TaxProfile("UK", 2025), end="2025-04-02")
    messages = " ".join(s.attrs["messages"])
    assert "2025-04: 100.00 GBP" in messages and "tax year 2024/25" in messages


def test_uk_note_on_other_year_income_counts_it_from_the_ranges_first_day():
    # a range starting on 2 Apr holds 3 Apr's 200.00 of 2024/25 income, not 1 Apr's 100 too
    s = monthly_summary(april_2025_gbp(), tax_profile=TaxProfile("UK", 2025), start="2025-04-02")
    assert "2025-04: 200.00 GBP" in " ".join(s.attrs["messages"])


def test_no_conversion_costs_column_without_a_conversion():
    # an Upwork payment in dollars with its 10.00 fee: nothing converted, no column for it
    s = monthly_summary(table(("2024-01-05", "upwork", "earning", 100.0, 10.0)))
    assert "conversion_costs" not in s.columns


def test_conversion_costs_are_zero_in_a_month_without_one():
    # January: PayPal's 3.00 fee and a 1.50 conversion -> fees 4.50, conversions 1.50;
    # February: a 2.00 fee, nothing converted -> conversions 0.00, not blank
    t = table(
        ("2024-01-05", "paypal", "earning", 100.0, 3.0),
        ("2024-01-05", "paypal", "fee", 0.0, 1.5),
        ("2024-02-05", "paypal", "earning", 50.0, 2.0),
    )
    t["description"] = ["", "Currency conversion USD to EUR", ""]
    s = monthly_summary(t)
    assert s["conversion_costs"].tolist() == [1.5, 0.0]
    assert s["fees"].tolist() == [4.5, 2.0]


def test_net_with_hours_takes_the_timed_share_of_a_shared_fee():
    # A: 100 over 2 h; B: 100 without hours; a 10.00 fee naming no client. The fee's share with
    # hours is 100 / (100 + 100) = 0.5: net_with_hours 100 - 10 x 0.5 = 95 (not 100 - 10 = 90),
    # 95 / 2 h = 47.50 an hour; the month's net 200 - 10 = 190
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 0.0, "USD", 2.0, "A"),
        ("2024-01-06", "upwork", "earning", 100.0, 0.0, "USD", None, "B"),
        ("2024-01-07", "upwork", "fee", 0.0, 10.0, "USD", None, ""),
    )
    s = monthly_summary(t)
    assert s["net"].tolist() == [190.0]
    assert s["net_with_hours"].tolist() == [95.0]
    assert s["hourly"].tolist() == [47.5]


def test_a_month_whose_payment_pays_for_no_hours_has_no_rate_but_adds_up_to_the_page():
    # Acme's 5 h of 10 Jan are paid on 15 Jan: 100 / 5 = 20 an hour in January. February's 100
    # from Acme (5 Feb, within a month of the tracked time) is tracked work too, but the hours
    # went to January's payment: no hours and no rate in February (not 100 over none), its 100
    # still in net_with_hours, so the months add up to the Hourly rates page's 200 / 5 = 40 an
    # hour for Acme's tracked work
    t = table(
        time_row("2024-01-10", "Acme", 5.0),
        ("2024-01-15", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
        ("2024-02-05", "upwork", "earning", 100.0, 0.0, "USD", None, "Acme"),
    )
    s = monthly_summary(t)
    columns = ["hours", "net_with_hours", "hourly"]
    assert s.loc["2024-01", columns].tolist() == [5.0, 100.0, 20.0]
    assert s.loc["2024-02", "net_with_hours"] == 100.0
    assert s.loc["2024-02", ["hours", "hourly"]].isna().all()
    from analytics.hours import hourly_rates

    page = hourly_rates(t, by=None).loc["all"]
    assert s["net_with_hours"].sum() == page["net_with_hours"] == 200.0
    assert s["hours"].sum() == page["hours"] == 5.0


def test_apportioned_spreads_several_missing_cents_one_each():
    # 3 x 10.6 cents: floors 10 + 10 + 10 = 30, 32 wanted: the 2 missing cents go one each to
    # the first two of the tied 0.6 remainders -> 11, 11, 10 (not 12, 10, 10)
    out = apportioned(pd.DataFrame({"a": [0.106], "b": [0.106], "c": [0.106]}), pd.Series([0.32]))
    assert out.iloc[0].tolist() == [0.11, 0.11, 0.10]


def test_apportioned_compares_remainders_below_a_hundredth_of_a_cent():
    # 12.3401 and 12.3449 cents: floors 12 + 12 = 24, 25 wanted; remainder 0.3449 > 0.3401, so
    # the cent goes to b -> 12, 13 (to a hundredth of a cent both are 0.34: a tie, a's cent)
    out = apportioned(pd.DataFrame({"a": [0.123401], "b": [0.123449]}), pd.Series([0.25]))
    assert out.iloc[0].tolist() == [0.12, 0.13]


def test_apportioned_rounds_down_first_and_a_tie_gives_the_cent_to_the_first():
    # 12.6 + 12.6 cents: floors 12 + 12 = 24, 25 wanted; both have 0.6 left: the first gets
    # the cent -> 13, 12 (rounded first, 13 + 13 = 26 would take one off the first: 12, 13)
    out = apportioned(pd.DataFrame({"a": [0.126], "b": [0.126]}), pd.Series([0.25]))
    assert out.iloc[0].tolist() == [0.13, 0.12]


def test_apportioned_writes_no_negative_zero():
    # a = -0.0: floor(-0.0 x 100) / 100 is -0.0, which a file would write as "-0.0"; it is
    # written 0.0 (b: 500 cents of the 500 wanted, no cent to move)
    out = apportioned(pd.DataFrame({"a": [-0.0], "b": [5.0]}), pd.Series([5.0]))
    assert str(out.iloc[0, 0]) == "0.0"


def test_download_rounds_half_cents_away_from_zero():
    # 271.125 is exactly half a cent: half away from zero -> 271.13 (half to even: 271.12)
    flat = summary_for_download(
        monthly_summary(table(("2024-01-05", "upwork", "earning", 271.125, 0.0)))
    )
    assert flat.loc[0, "gross"] == 271.13 and flat.loc[0, "net"] == 271.13


def test_no_fee_note_column_when_the_file_without_fees_brings_no_income():
    # weekly.csv (no fees in it) has only 5 hours, no money: nothing whose fee is missing, so no
    # fee_note column; the net is history.csv's 100 - 10 = 90
    t = table(
        ("2025-03-03", "upwork", "earning", 100.0, 10.0),
        ("2025-03-04", "upwork", "time", 0.0, 0.0, "", 5.0),
    )
    t["source"] = ["history.csv", "weekly.csv"]
    flat = summary_for_download(
        monthly_summary(t), transactions=t, fee_unknown_sources={"weekly.csv"}
    )
    assert "fee_note" not in flat.columns
    assert flat.loc[0, "net"] == 90.0


def test_a_stream_of_one_platform_has_that_platforms_cents_in_the_download():
    # April: Gumroad's -9.9053 (a converted refund) is sales' only net; Upwork and PayPal
    # 50.004 each are freelance. Net 90.1027 -> 90.10 = 9,010 cents. By stream alone: sales
    # -990.53 and freelance 10,000.8 cents round down to -991 + 10,000 = 9,009 and the cent
    # goes to freelance (.8 > .47): sales -9.91. By platform alone: -991 + 5,000 + 5,000 and
    # the cent goes to Gumroad (.47 > .4): -9.90 - two figures for one refund. Rounded by
    # (stream, platform) pair and added up: Gumroad's pair gets the cent, sales = Gumroad = -9.90
    t = table(
        ("2024-04-03", "gumroad", "refund", -9.9053, 0.0, "USD"),
        ("2024-04-20", "upwork", "earning", 50.004, 0.0, "USD"),
        ("2024-04-21", "paypal", "earning", 50.004, 0.0, "USD"),
    )
    row = summary_for_download(monthly_summary(t)).iloc[0]
    assert row["net"] == 90.10
    assert row["net_sales"] == row["net_gumroad"] == -9.90
    assert row["net_freelance"] == round(row["net_upwork"] + row["net_paypal"], 2) == 100.00
    # cut to fewer rows than it was made with, the table still splits (column by column)
    two = monthly_summary(
        table(
            ("2024-04-03", "upwork", "earning", 1.0, 0.0, "USD"),
            ("2024-05-03", "etsy", "earning", 2.0, 0.0, "USD"),
        )
    )
    assert summary_for_download(two.iloc[:1])["net_upwork"].tolist() == [1.0]


def test_a_downloads_notes_name_the_conversions_and_the_rates_stated():
    from analytics.currency import parse_stated_rates
    from analytics.summary import conversion_notes, transactions_in_currency

    stated, _ = parse_stated_rates("1 USD = 1,450 NGN\n1 USD = 1,600 NGN from 2025-04-01")
    t = table(
        ("2025-03-05", "upwork", "earning", 580000.0, 0.0, "NGN"),
        ("2025-04-07", "upwork", "earning", 160000.0, 0.0, "NGN"),
        ("2025-04-08", "upwork", "earning", 100.0, 0.0, "EUR"),  # an ECB rate
        ("2025-04-09", "upwork", "earning", 50.0, 0.0, "USD"),
    )
    rows = transactions_in_currency(t, "USD", stated)
    # 580,000 / 1,450 = 400.00; 160,000 / 1,600 = 100.00
    assert rows["gross"].tolist()[:2] == pytest.approx([400.0, 100.0])
    notes = conversion_notes(rows, "USD")
    assert notes[0].startswith("Amounts converted from EUR, NGN to USD at the ECB reference")
    assert notes[1] == (
        "Currencies without an ECB rate converted at the rates you stated (fx_note in the "
        "Transactions sheet): 1 USD = 1,450 NGN; 1 USD = 1,600 NGN from 2025-04-01."
    )
    # in euros the stated rates go through the ECB's dollar rate of each day: said once each
    in_euros = transactions_in_currency(t, "EUR", stated)
    assert conversion_notes(in_euros, "EUR")[1].endswith(
        ": 1 USD = 1,450 NGN; 1 USD = 1,600 NGN from 2025-04-01."
    )
    assert (
        "at the ECB reference rate of each transaction's day or at the rates you stated"
        in (notes[0])
    )
    # with the rates as stated: each both ways, with the days it counts
    assert conversion_notes(rows, "USD", stated)[1].endswith(
        ": 1 USD = 1,450 NGN (1 NGN = 0.000689655 USD) until 2025-03-31; 1 USD = 1,600 NGN "
        "(1 NGN = 0.000625 USD) from 2025-04-01."
    )
    assert conversion_notes(t, "USD") == []  # nothing converted
    assert conversion_notes(table(("2025-04-09", "upwork", "earning", 50.0)), "USD") == []


def test_the_months_add_up_to_the_totals_the_pages_show():
    """Three months of converted amounts whose own roundings drift: nets 100.005, 200.005,
    300.004 (each rounds half up to 100.01, 200.01, 300.00: 600.02) add up to 600.014, which
    the pages write 600.01; fees 0.005 three times (0.01 each: 0.03) add up to 0.015 -> 0.02.
    The download's months add up to 600.01 and 0.02, each within a cent of its own amount."""
    months = pd.period_range("2025-01", periods=3, freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [100.01, 200.01, 300.009],
            "fees": [0.005, 0.005, 0.005],
            "net": [100.005, 200.005, 300.004],
            "cumulative_net": [100.005, 300.01, 600.014],
        },
        index=months,
    )
    flat = summary_for_download(summary)
    assert round(flat["net"].sum(), 2) == 600.01
    assert round(flat["fees"].sum(), 2) == 0.02
    assert all(abs(a - b) <= 0.01 for a, b in zip(flat["net"], summary["net"], strict=True))
    assert (flat["gross"] - flat["fees"]).round(2).tolist() == flat["net"].tolist()
    assert flat["cumulative_net"].tolist()[-1] == 600.01


def test_each_years_months_add_up_to_that_years_profit():
    """A Berlin reviewer's case: Dec 2025 net 100.005 and 200.005 in Jan 2026 (100.01 and
    200.01 on their own), 300.004 in Feb 2026. 2025's profit is 100.005 -> 100.01 and 2026's
    500.009 -> 500.01; spread over the whole range's 600.014 -> 600.01, one month lost a
    cent and 2026 added up to 500.00, a cent short of the Tax reserve page's profit. Each
    year's months now add up to that year's: 100.01, and 200.01 + 300.00 (the cent of 2026's
    rounding goes to the larger part of a cent, 200.005)."""
    months = pd.PeriodIndex(["2025-12", "2026-01", "2026-02"], freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [100.005, 200.005, 300.004],
            "fees": [0.0, 0.0, 0.0],
            "net": [100.005, 200.005, 300.004],
            "cumulative_net": [100.005, 300.01, 600.014],
        },
        index=months,
    )
    flat = summary_for_download(summary)
    assert flat["net"].tolist() == [100.01, 200.01, 300.00]
    assert flat["gross"].tolist() == [100.01, 200.01, 300.00]
    assert flat["cumulative_net"].tolist() == [100.01, 300.02, 600.02]


def test_months_adding_up_leaves_a_month_without_a_figure_blank():
    from analytics.summary import months_adding_up

    # 0.005 + 0.005 = 0.01: one month 0.01, the other 0.00; the blank month stays blank
    out = months_adding_up(pd.Series([0.005, float("nan"), 0.005]))
    assert out[0] + out[2] == pytest.approx(0.01) and sorted([out[0], out[2]]) == [0.0, 0.01]
    assert np.isnan(out[1])


def test_conversion_costs_refunds_and_hours_months_add_up_to_their_totals_too():
    """The sample's two PayPal conversions cost 26.325526 and 25.178304 (51.50383, which the
    Fees page writes 51.50): months written 26.33 and 25.18 made a Total row of 51.51. Hours
    of 1/3 three times are 1.00 in all (0.33 each made 0.99); refunds of -0.005 twice -0.01."""
    months = pd.period_range("2025-01", periods=3, freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [100.0, 100.0, 100.0],
            "refunds": [-0.005, 0.0, -0.005],
            "fees": [26.325526, 0.0, 25.178304],
            "conversion_costs": [26.325526, 0.0, 25.178304],
            "net": [73.674474, 100.0, 74.821696],
            "hours": [1 / 3, 1 / 3, 1 / 3],
        },
        index=months,
    )
    flat = summary_for_download(summary)
    assert round(flat["conversion_costs"].sum(), 2) == 51.50
    assert flat["conversion_costs"].tolist()[1] == 0.0
    assert round(flat["hours"].sum(), 2) == 1.00
    assert round(flat["refunds"].sum(), 2) == -0.01
    for column in ("conversion_costs", "hours", "refunds"):
        assert all(abs(a - b) <= 0.01 for a, b in zip(flat[column], summary[column], strict=True))


def test_a_part_that_is_all_of_its_whole_is_written_as_the_whole():
    """January's net 73.674474 is all paid for hours and its fees 26.325526 all conversions:
    rounded each against its own column's total, net_with_hours came out 73.68 beside a net of
    73.67 and conversion_costs 26.32 beside fees of 26.33 (the reviewer's case)."""
    months = pd.period_range("2025-01", periods=2, freq="M", name="month")
    summary = pd.DataFrame(
        {
            "gross": [100.0, 100.0],
            "fees": [26.325526, 25.178304],
            "conversion_costs": [26.325526, 0.004],
            "net": [73.674474, 74.821696],
            "hours": [2.0, 0.0],
            "net_with_hours": [73.674474, 0.004],
        },
        index=months,
    )
    flat = summary_for_download(summary)
    first = flat.iloc[0]
    assert first["net_with_hours"] == first["net"] and first["conversion_costs"] == first["fees"]


def test_fees_by_type_add_up_to_the_months_fees_and_keep_the_summarys_conversion_costs():
    """Two months of fees by type with parts of a cent. January: commission 10.004,
    processing 2.003, conversions 0.333; the Summary writes fees 12.34 and conversion_costs
    0.33. The sheet keeps 0.33 and spreads 12.34 - 0.33 = 12.01 over 10.004 and 2.003:
    10.00 and 2.00 rounded down, the missing cent to the larger part of a cent (10.004's):
    10.01 and 2.00. February: 5.005 twice, fees 10.01: 5.00 each rounded down, the missing
    cent to the first of the tie: 5.01 and 5.00."""
    from analytics.summary import fee_types_for_download

    months = pd.PeriodIndex(["2026-01", "2026-02"], freq="M", name="month")
    by_month = pd.DataFrame(
        {
            "commission": [10.004, 5.005],
            "processing": [2.003, 5.005],
            "conversions": [0.333, 0.0],
        },
        index=months,
    )
    flat = pd.DataFrame(
        {"month": ["2026-01", "2026-02"], "fees": [12.34, 10.01], "conversion_costs": [0.33, 0.0]}
    )
    out = fee_types_for_download(by_month, flat)
    assert list(out.columns) == [
        "month",
        "commission_fees",
        "processing_fees",
        "conversion_costs",
        "fees",
    ]
    assert out["commission_fees"].tolist() == [10.01, 5.01]
    assert out["processing_fees"].tolist() == [2.00, 5.00]
    assert out["conversion_costs"].tolist() == [0.33, 0.0]
    assert out["fees"].tolist() == [12.34, 10.01]
    # fees not known in a month (a layout without fees): no sheet
    assert fee_types_for_download(by_month, flat.assign(fees=[12.34, float("nan")])) is None
