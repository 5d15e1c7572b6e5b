"""fee_summary, fee_rate_by_month and the published fee schedules (reference doc §6 / §6.1)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_metrics import table

from analytics.fees import (
    above_only_by_conversions,
    fee_rate_by_month,
    fee_schedules,
    fee_summary,
    schedule_fee,
    taxes_charged,
)
from analytics.schema import empty_transactions


def one_fee(platform: str, gross: float, date: str = "2024-06-01", currency: str = "USD"):
    rows = pd.DataFrame(
        {
            "platform": [platform],
            "date": [pd.Timestamp(date)],
            "gross": [gross],
            "currency": [currency],
        }
    )
    return schedule_fee(rows).iloc[0]


# §6.1 fee-engine oracles, as the schedules' upper bound for one payment
def test_fiverr_100_dollar_gig_seller_nets_80():
    assert 100 - one_fee("fiverr", 100.0) == 80.00


def test_upwork_flat_ten_percent_1000_contract_nets_900():
    assert 1000 - one_fee("upwork", 1000.0, "2024-03-01") == 900.00


def test_upwork_rounding_example_from_the_support_article():
    # $22.22/h x 12 h = $266.64; 10% = 26.664 -> fee 26.66, net 239.98
    fee = one_fee("upwork", 22.22 * 12, "2024-03-01")
    assert fee == 26.66
    assert round(22.22 * 12 - fee, 2) == 239.98


def test_a_schedule_fee_of_half_a_cent_rounds_up_as_a_person_does():
    # PayPal 2025: 3.49% x 3,150.00 + 0.49 = 109.935 + 0.49 = 110.425 -> 110.43 (a float
    # rounded with round() gives 110.42); Etsy: 13.00 x 9.5% + 0.45 = 1.685 -> 1.69
    assert one_fee("paypal", 3150.00, "2025-09-24") == 110.43
    assert one_fee("etsy", 13.00, "2024-09-24") == 1.69


def test_upwork_schedule_follows_the_date():
    assert one_fee("upwork", 1000.0, "2025-05-01") == 150.00  # variable 0-15% since 2025-05-01
    assert one_fee("upwork", 1000.0, "2023-05-02") == 200.00  # last day of the sliding scale
    assert one_fee("upwork", 1000.0, "2023-05-03") == 100.00  # flat 10% from 2023-05-03
    assert math.isnan(one_fee("upwork", 1000.0, "2015-01-01"))  # before any recorded schedule


def test_freelancer_ten_percent_or_five_dollars():
    assert one_fee("freelancer", 40.0) == 5.00  # max(4, 5)
    assert one_fee("freelancer", 200.0) == 20.00  # max(20, 5)


def test_etsy_50_item_with_10_shipping():
    # listing 0.20 + transaction 6.5% x 60 = 3.90 + processing 3% x 60 + 0.25 = 2.05 -> 6.15
    assert one_fee("etsy", 60.0) == 6.15


def test_paypal_checkout_100_dollars():
    # the 2025-2026 schedule: 3.49% + 0.49
    assert one_fee("paypal", 100.0, date="2025-06-01") == 3.98
    assert one_fee("paypal", 100.0, date="2025-06-01", currency="EUR") == 3.88  # + EUR 0.39


def test_stripe_domestic_100_dollars():
    assert one_fee("stripe", 100.0) == 3.20  # 2.9% + 0.30


def test_mturk_takes_nothing_from_workers_and_toptal_publishes_nothing():
    assert one_fee("mturk", 1.00) == 0.0
    assert math.isnan(one_fee("toptal", 1000.0))


def test_every_schedule_is_dated_data_with_a_source():
    schedules = fee_schedules()
    assert schedules["source"].str.len().gt(10).all()
    assert schedules["rule"].str.len().gt(5).all()
    upwork = schedules[schedules["platform"] == "upwork"].sort_values("valid_from")
    # consecutive Upwork periods do not overlap and leave no gap
    ends = upwork["valid_to"].iloc[:-1].to_numpy()
    starts = upwork["valid_from"].iloc[1:].to_numpy()
    assert ((starts - ends) == pd.Timedelta(days=1)).all()


def test_fee_summary_golden_values():
    t = table(
        ("2024-01-05", "upwork", "earning", 500.0, 50.0),
        ("2024-02-05", "upwork", "earning", 300.0, 30.0),
        ("2024-02-06", "upwork", "fee", 0.0, 2.40),  # connects
        ("2024-02-07", "upwork", "transfer", -700.0, 2.0),  # withdrawal fee row is a transfer
        ("2024-01-08", "etsy", "earning", 60.0, 6.15),
    )
    out = fee_summary(t)
    up = out.loc["upwork"]
    assert up["gross"] == 800.0
    assert up["fees"] == pytest.approx(82.40)  # 50 + 30 + 2.40
    assert up["net"] == pytest.approx(717.60)
    assert up["fee_rate"] == pytest.approx(82.40 / 800)
    assert up["n_payments"] == 2
    assert up["schedule_fees"] == pytest.approx(80.0)  # 10% of 500 + 10% of 300
    assert bool(up["above_schedule"]) is True  # the connects put it 2.40 above 80.00
    et = out.loc["etsy"]
    assert et["schedule_fees"] == pytest.approx(6.15)
    assert bool(et["above_schedule"]) is False
    assert "Wise" not in et["schedule"] and et["schedule"].startswith("Etsy: US seller")


def test_half_a_cent_of_rounding_per_payment_is_not_flagged():
    # two payments of 10.00 at Upwork's 10%: schedule 1.00 + 1.00 = 2.00; tolerance 2 x 0.005
    within = table(
        ("2024-01-05", "upwork", "earning", 10.00, 1.01),
        ("2024-01-06", "upwork", "earning", 10.00, 1.00),
    )
    above = table(
        ("2024-01-05", "upwork", "earning", 10.00, 1.01),
        ("2024-01-06", "upwork", "earning", 10.00, 1.01),
    )
    assert bool(fee_summary(within).loc["upwork", "above_schedule"]) is False  # 2.01 <= 2.01
    assert bool(fee_summary(above).loc["upwork", "above_schedule"]) is True  # 2.02 > 2.01


def test_platform_without_schedule_is_not_flagged():
    t = table(("2024-01-05", "toptal", "earning", 1000.0, 0.0))
    out = fee_summary(t)
    assert out.loc["toptal", "above_schedule"] is pd.NA
    assert math.isnan(out.loc["toptal", "schedule_rate"])


def test_fee_summary_by_stream_and_empty_and_zero_gross():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0),
        ("2024-01-05", "mturk", "earning", 5.0, 0.0),
        ("2024-01-05", "etsy", "fee", 0.0, 0.20),  # a listing fee with no sale
    )
    by_stream = fee_summary(t, by="stream")
    assert by_stream.loc["freelance", "fee_rate"] == pytest.approx(0.10)
    assert math.isnan(by_stream.loc["sales", "fee_rate"])  # fees but no gross
    empty = fee_summary(empty_transactions())
    assert empty.empty and "conversion_costs" in empty.columns
    assert empty.attrs["fee_rate_by_month"].empty  # the trend is there, with no month


def test_fee_summary_refuses_to_add_currencies():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0, "USD"),
        ("2024-01-05", "paypal", "earning", 100.0, 3.88, "EUR"),
    )
    fees = fee_summary(t)  # the groups and payment counts, no amounts added across currencies
    assert sorted(fees.index) == ["paypal", "upwork"]
    assert fees["n_payments"].tolist() == [1, 1]
    assert fees[["gross", "fees", "fee_rate", "net", "schedule_rate"]].isna().all().all()
    assert fees["above_schedule"].isna().all()
    assert "mixed currencies (EUR, USD)" in fees.attrs["problem"]
    # only the reason: nothing about the stand-in used to shape the table
    assert not any("XXX" in m for m in fees.attrs["messages"])


def test_fee_rate_by_month_trend():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 20.0),
        ("2024-03-05", "upwork", "earning", 200.0, 20.0),
        ("2024-03-05", "fiverr", "earning", 50.0, 10.0),
    )
    by_platform = fee_rate_by_month(t)
    assert list(by_platform.index.astype(str)) == ["2024-01", "2024-02", "2024-03"]
    assert by_platform.loc["2024-01", "upwork"] == pytest.approx(0.20)
    assert math.isnan(by_platform.loc["2024-02", "upwork"])  # no gross in February
    assert by_platform.loc["2024-03", "upwork"] == pytest.approx(0.10)
    total = fee_rate_by_month(t, by=None)
    assert total.loc["2024-03"] == pytest.approx((20 + 10) / (200 + 50))
    assert fee_rate_by_month(empty_transactions()).empty


# §6.1 oracles the schedule models only as an upper bound, checked through fee_summary's flag
def test_upwork_legacy_sliding_scale_example_is_within_the_schedule():
    # Upwork's own 2016 example: a new client contract of $600 -> 20% x 500 + 10% x 100 = $110
    ok = table(("2016-07-01", "upwork", "earning", 600.0, 0.20 * 500 + 0.10 * 100))
    out = fee_summary(ok).loc["upwork"]
    assert out["fees"] == 110.0
    assert out["schedule_fees"] == 120.0  # the upper bound, 20% x 600
    assert bool(out["above_schedule"]) is False
    over = table(("2016-07-01", "upwork", "earning", 600.0, 130.0))
    assert bool(fee_summary(over).loc["upwork", "above_schedule"]) is True


def test_peopleperhour_monthly_scheme_example():
    # support article 205218377: invoices A 100, B 200, C 50 in one month (15% on the first
    # 175 of the month, then 3.5%, at least 1 per invoice):
    # A 15% x 100 = 15.00; B 15% x 75 + 3.5% x 125 = 15.625 -> 15.63; C max(3.5% x 50, 1) = 1.75
    assert pytest.approx(15.625) == 0.15 * 75 + 0.035 * 125  # half a cent: rounded up
    fees = [0.15 * 100, 15.63, max(0.035 * 50, 1.0)]
    t = table(
        *[
            ("2018-03-0" + str(day), "peopleperhour", "earning", gross, fee, "GBP")
            for day, gross, fee in zip((1, 2, 3), (100.0, 200.0, 50.0), fees, strict=True)
        ]
    )
    out = fee_summary(t).loc["peopleperhour"]
    assert out["fees"] == pytest.approx(32.38)
    assert round(out["fee_rate"], 3) == 0.093  # "effective 9.3%": 32.38 / 350
    assert bool(out["above_schedule"]) is False  # within the 20% top tier


def test_stripe_international_card_is_above_the_domestic_schedule():
    # §6.1: international card with conversion 2.9 + 1.5 + 1 = 5.4% + 0.30 -> $5.70 on $100;
    # the schedule is the domestic 2.9% + 0.30 = $3.20, so the surcharges are flagged
    t = table(("2024-06-01", "stripe", "earning", 100.0, round(0.054 * 100 + 0.30, 2)))
    out = fee_summary(t).loc["stripe"]
    assert out["fees"] == 5.70 and out["schedule_fees"] == 3.20
    assert bool(out["above_schedule"]) is True


def test_fee_summary_by_client_merges_spellings():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0, "USD", None, "Acme"),
        ("2024-01-06", "upwork", "earning", 300.0, 30.0, "USD", None, " ACME"),
    )
    out = fee_summary(t, by="client")
    assert len(out) == 1 and out["gross"].iloc[0] == 400.0
    assert out["fee_rate"].iloc[0] == pytest.approx(40 / 400)


def test_schedule_after_conversion_uses_the_rows_own_currency():
    # PayPal $100.00 on 3 Mar 2025, fee exactly 3.49% x 100 + $0.49 = $3.98.
    # ECB 3 Mar 2025: 1 EUR = 1.0465 USD, so $ -> EUR is / 1.0465:
    #   gross 100 / 1.0465 = 95.5566; fee 3.98 / 1.0465 = 3.8032
    # The schedule is $3.98 in dollars, converted the same way -> 3.8032: not above it.
    # (Recomputed on the euro gross with the EUR fixed fee it would be
    #  3.49% x 95.56 + 0.39 = 3.725 -> 3.73, and the $3.98 fee looked 7 cents too high.)
    t = table(("2025-03-03", "paypal", "earning", 100.0, 3.98, "USD"))
    out = fee_summary(t, base_currency="EUR").loc["paypal"]
    assert out["gross"] == pytest.approx(100 / 1.0465) and out["fees"] == pytest.approx(
        3.98 / 1.0465
    )
    assert out["schedule_fees"] == pytest.approx(3.98 / 1.0465)
    assert bool(out["above_schedule"]) is False
    assert bool(fee_summary(t).loc["paypal", "above_schedule"]) is False  # as without conversion


def test_schedule_of_mixed_currencies_converted_to_usd():
    # €100 at PayPal: 3.49% x 100 + €0.39 = €3.88 (its own schedule, charged exactly);
    # to USD at the ECB 1.0465 of 3 Mar 2025: 3.88 x 1.0465 = 4.06042 for fee and schedule.
    # $100 at PayPal: $3.98. Schedule total 4.06042 + 3.98 = 8.04042 = the fees.
    t = table(
        ("2025-03-03", "paypal", "earning", 100.0, 3.88, "EUR"),
        ("2025-03-03", "paypal", "earning", 100.0, 3.98, "USD"),
    )
    out = fee_summary(t, base_currency="USD").loc["paypal"]
    assert out["fees"] == pytest.approx(8.04042)
    assert out["schedule_fees"] == pytest.approx(8.04042)
    assert bool(out["above_schedule"]) is False
    # gross 104.65 + 100 = 204.65: schedule_rate = 8.04042 / 204.65
    assert out["schedule_rate"] == pytest.approx(8.04042 / 204.65)


def test_schedule_of_a_table_converted_before_the_fee_check():
    # The dashboard converts first ("Show amounts in: USD") and then asks for the fee summary:
    # the same figures as above. €100 -> $104.65, fee 3.88 -> 4.06042, schedule alike.
    from analytics.currency import to_base_currency

    t = table(
        ("2025-03-03", "paypal", "earning", 100.0, 3.88, "EUR"),
        ("2025-03-03", "paypal", "earning", 100.0, 3.98, "USD"),
    )
    out = fee_summary(to_base_currency(t, base="USD")).loc["paypal"]
    assert out["fees"] == pytest.approx(8.04042)
    assert out["schedule_fees"] == pytest.approx(8.04042)
    assert bool(out["above_schedule"]) is False


def test_schedule_rate_is_over_the_gross_of_the_payments_it_applies_to():
    # Fiverr 20%: payments 100 and 200 -> schedule 20 + 40 = 60 over their gross 300 = 20%.
    # A refund of 50 (fee 10 returned) and a fee-only row of 2 are in `gross` and `fees`
    # (gross 100 + 200 - 50 = 250, fees 20 + 40 - 10 + 2 = 52), not in the schedule's rate.
    # The observed rate is over the same payments: 52 / 300, comparable with the 20%.
    t = table(
        ("2025-03-05", "fiverr", "earning", 100.0, 20.0),
        ("2025-03-06", "fiverr", "earning", 200.0, 40.0),
        ("2025-03-07", "fiverr", "refund", -50.0, -10.0),
        ("2025-03-20", "fiverr", "fee", 0.0, 2.0),
    )
    out = fee_summary(t).loc["fiverr"]
    assert out["gross"] == 250.0 and out["fees"] == pytest.approx(52.0)
    assert out["fee_rate"] == pytest.approx(52 / 300)  # 0.1733, not 52 / 250 = 0.208
    assert out["schedule_fees"] == pytest.approx(60.0)
    assert out["schedule_rate"] == pytest.approx(0.20)  # 60 / 300, not 60 / 250 = 0.24
    assert bool(out["above_schedule"]) is False  # 52 <= 60


def test_a_currency_without_a_published_fixed_fee_leaves_the_schedule_fee_unknown():
    # Stripe, Etsy and Freelancer.com publish their fixed fee / minimum in USD only: a payment in
    # another currency has no known schedule fee (NaN), not one computed with a fixed fee of 0
    assert math.isnan(one_fee("stripe", 100.0, currency="EUR"))
    assert math.isnan(one_fee("etsy", 60.0, currency="GBP"))
    assert math.isnan(one_fee("freelancer", 40.0, currency="EUR"))  # the $5 minimum is USD
    assert math.isnan(one_fee("paypal", 100.0, currency="CHF"))  # PayPal lists 5 others
    # plain percentages hold in every currency: Upwork 10% of EUR 1,000 = EUR 100
    assert one_fee("upwork", 1000.0, "2024-03-01", currency="EUR") == 100.00
    assert one_fee("fiverr", 100.0, currency="GBP") == 20.00  # 20%


def test_a_euro_stripe_payment_is_not_flagged_and_the_page_is_told_why():
    # EUR 100 at 2.9% + EUR 0.30 = EUR 3.20. With the USD-only 30c counted as 0 the schedule
    # would be 2.9% x 100 = 2.90 and 3.20 would be flagged as above it; unknown instead.
    t = table(
        ("2024-06-01", "stripe", "earning", 100.0, 3.20, "EUR"),
        ("2024-06-02", "stripe", "earning", 50.0, 1.75, "EUR"),  # 2.9% x 50 + 0.30 = 1.75
    )
    out = fee_summary(t)
    assert out.loc["stripe", "above_schedule"] is pd.NA
    assert math.isnan(out.loc["stripe", "schedule_fees"])
    assert math.isnan(out.loc["stripe", "schedule_rate"])
    [message] = out.attrs["messages"]
    assert message.startswith("Stripe: 2 payment(s) in EUR could not be checked")
    assert "only in USD" in message and "not counted as 0" in message


def test_unknown_schedule_fees_are_per_payment_currency_after_conversion():
    # EUR 100 at Stripe converted to USD: the schedule is worked out in the payment's own
    # currency (EUR), where it is unknown, so the converted group is not compared either;
    # a USD payment next to it alone has 2.9% x 100 + 0.30 = 3.20
    t = table(
        ("2025-03-03", "stripe", "earning", 100.0, 3.20, "EUR"),
        ("2025-03-03", "stripe", "earning", 100.0, 3.20, "USD"),
    )
    out = fee_summary(t, base_currency="USD")
    assert out.loc["stripe", "above_schedule"] is pd.NA
    assert out.attrs["messages"] == [
        "Stripe: 1 payment(s) in EUR could not be checked against the published fee, which "
        "gives its fixed fee or minimum only in USD. Their schedule fee is left unknown (not "
        "counted as 0), so they are not flagged as above the schedule."
    ]
    assert (
        fee_summary(table(("2025-03-03", "stripe", "earning", 100.0, 3.20))).attrs["messages"] == []
    )


def test_a_payment_before_the_schedules_dates_is_not_checked_against_it():
    # PayPal's schedule is the 2025-2026 one: a 2016 payment of $100 with a $3.20 fee (2.9% +
    # 30c then) is not flagged against today's 3.49% + 49c, nor counted as within it
    t = table(
        ("2016-03-01", "paypal", "earning", 100.0, 3.20),
        ("2025-03-01", "paypal", "earning", 100.0, 3.98),  # 3.49 + 0.49: at the schedule
    )
    old, new = fee_summary(t.iloc[[0]]), fee_summary(t.iloc[[1]])
    assert math.isnan(old.loc["paypal", "schedule_rate"])
    assert old["above_schedule"].isna().all()
    assert old.attrs["messages"] == [
        "PayPal: 1 payment on 1 Mar 2016 is dated outside the published fee schedule GigLens "
        "has (from 1 Jan 2025), so it is not checked against it; the payments within its dates "
        "are."
    ]
    assert new.loc["paypal", "schedule_fees"] == pytest.approx(3.98)
    assert new.loc["paypal", "above_schedule"] == False  # noqa: E712 (a pandas boolean)
    assert new.attrs["messages"] == []


def test_payments_within_the_schedules_dates_are_checked_beside_older_ones():
    # 2016: $100 with $3.20 (not checked); 2025: two $100 payments with $9.00 fees each, where
    # the schedule allows 3.49% + 0.49 = 3.98 each: 18.00 > 7.96, above the schedule
    t = table(
        ("2016-03-01", "paypal", "earning", 100.0, 3.20),
        ("2025-03-01", "paypal", "earning", 100.0, 9.00),
        ("2025-04-01", "paypal", "earning", 100.0, 9.00),
    )
    fees = fee_summary(t)
    row = fees.loc["paypal"]
    assert (row["n_payments"], row["n_checked"]) == (3, 2)
    assert row["schedule_fees"] == pytest.approx(7.96)
    assert row["schedule_rate"] == pytest.approx(7.96 / 200)
    assert row["above_schedule"] == True  # noqa: E712 (a pandas boolean)
    assert row["fees"] == pytest.approx(21.20)  # the observed total keeps every payment
    assert fees.attrs["messages"][0].startswith("PayPal: 1 payment on 1 Mar 2016 is dated")


def test_a_paypal_payment_in_another_currency_is_checked_at_the_international_rate():
    # A US account paid mostly in dollars; one client pays €1,100 (10 Apr 2025), charged the
    # international rate: (3.49% + 1.50%) x 1,100 + €0.39 = 54.89 + 0.39 = €55.28.
    # Dollars: 3.49% x 100 + 0.49 = 3.98; 3.49% x 200 + 0.49 = 7.47.
    # In USD at the ECB's 1.1082 of 10 Apr 2025: 55.28 x 1.1082 = 61.261296 (fee and
    # schedule alike). Schedule 3.98 + 7.47 + 61.261296 = 72.711296 = the fees: not above it.
    # (At the domestic rate, 38.39 + 0.39 = €38.78 -> 42.98, the fees looked $18 too high.)
    t = table(
        ("2025-04-10", "paypal", "earning", 100.0, 3.98, "USD"),
        ("2025-04-10", "paypal", "earning", 200.0, 7.47, "USD"),
        ("2025-04-10", "paypal", "earning", 1100.0, 55.28, "EUR"),
    )
    out = fee_summary(t, base_currency="USD")
    assert out.loc["paypal", "schedule_fees"] == pytest.approx(72.711296)
    assert bool(out.loc["paypal", "above_schedule"]) is False
    assert (
        "PayPal: 1 payment(s) in EUR, not the currency of most of your PayPal payments (USD), "
        "were checked as international payments (+1.50%)." in out.attrs["messages"]
    )
    # with as many euro as dollar payments, neither currency is the usual one: domestic rate
    even = fee_summary(t.iloc[1:], base_currency="USD")
    assert even.loc["paypal", "schedule_fees"] == pytest.approx(7.47 + 38.78 * 1.1082)


def test_what_a_currency_conversion_cost_is_shown_apart_from_the_schedule():
    # $100 paid (fee 3.98, exactly the schedule) and a conversion that cost $26.33 (its fee row
    # as the PayPal importer writes it): $26.33 above the schedule, all of it the conversion.
    t = table(
        ("2025-04-10", "paypal", "earning", 100.0, 3.98, "USD"),
        ("2025-04-10", "paypal", "fee", 0.0, 26.33, "USD"),
    )
    t.loc[1, "description"] = (
        "Currency conversion 854.70 EUR to 873.33 USD: PayPal's rate 1.0218, ECB reference "
        "rate 1.0526 (21 Nov 2024) would give 899.66 USD"
    )
    out = fee_summary(t).loc["paypal"]
    assert bool(out["above_schedule"]) is True
    assert out["above_by"] == pytest.approx(26.33)
    assert out["conversion_fees"] == pytest.approx(26.33)


def test_schedules_as_a_person_reads_them():
    from analytics.fees import schedules_for_reading

    table = schedules_for_reading()
    paypal = table[table["Platform"] == "PayPal"].iloc[0]
    assert (paypal["From"], paypal["To"], paypal["Percent"]) == ("1 Jan 2025", "(now)", "3.49%")
    assert paypal["Fixed fee"].startswith("USD 0.49, EUR 0.39")
    assert paypal["Minimum"] == ""
    assert not table.isna().any().any()


def test_payments_count_only_positive_gross_and_fees_below_the_schedule_are_not_above_it():
    """Fiverr keeps 20% under its published schedule: a 100.00 order with a 15.00 fee is 5.00
    *below* it, so above_by is 0 (not -5.00); a 0.00 earning row is no payment."""
    t = table(
        ("2025-06-05", "fiverr", "earning", 100.0, 15.0),
        ("2025-06-06", "fiverr", "earning", 0.0, 0.0),
    )
    out = fee_summary(t).loc["fiverr"]
    assert out["n_payments"] == 1
    assert out["schedule_fees"] == pytest.approx(20.0)  # 20% of 100.00
    assert out["above_by"] == 0.0 and not out["above_schedule"]


def test_taxes_charged_counts_vat_on_fees_and_withholding_per_platform():
    from analytics.fees import taxes_charged

    t = table(
        ("2025-03-03", "upwork", "earning", 100.0, 0.0),
        ("2025-03-03", "upwork", "fee", 0.0, 10.0),
        ("2025-03-03", "upwork", "tax", -1.60, 0.0),  # VAT (KE) 16% of the 10.00 service fee
        ("2025-04-03", "upwork", "tax", -2.00, 0.0),  # withholding tax
        ("2025-04-09", "etsy", "tax", -0.96, 0.0),  # VAT on an Offsite Ads fee
        ("2025-04-10", "etsy", "tax", 0.96, 0.0),  # ...refunded: nothing taken in all
        ("2025-04-10", "paypal", "earning", 50.0, 2.0),
    )
    got = taxes_charged(t)
    assert got.to_dict() == {"upwork": pytest.approx(1.60 + 2.00)}  # etsy nets to 0: left out
    assert taxes_charged(t[t["kind"] != "tax"]).empty
    assert taxes_charged(t, by="stream").to_dict() == {"freelance": pytest.approx(3.60)}


def test_above_only_by_conversions_allows_half_a_cent_a_payment():
    """10.00 above with 3.00 of conversions: more than conversions. 3.01 above with 3.00 of
    conversions over 4 payments: within 4 x 0.005 = 0.02 of rounding, conversions only. Not
    above at all: never "conversions only"."""
    summary = pd.DataFrame(
        {
            "above_schedule": pd.array([True, True, False, pd.NA], dtype="boolean"),
            "above_by": [10.00, 3.01, 0.0, float("nan")],
            "conversion_fees": [3.00, 3.00, 5.00, 0.0],
            "n_checked": [4, 4, 4, 0],
        }
    )
    assert above_only_by_conversions(summary).tolist() == [False, True, False, False]


def test_conversion_costs_of_all_dates_and_the_monthly_trend_come_with_fee_summary():
    """A 2016 conversion that cost $1.13 lies outside PayPal's 2025 schedule: not in
    `conversion_fees` (the schedule check), but in `conversion_costs` (all dates). The per-month
    fee rate rides along: Jan 2016 4.25 / 84.00 = 5.06%; Feb 2016 no gross (NaN)."""
    t = table(
        ("2016-01-05", "paypal", "earning", 84.0, 4.25, "USD"),
        ("2016-02-10", "paypal", "fee", 0.0, 1.13, "USD"),
    )
    t.loc[1, "description"] = "Currency conversion 100.00 EUR to 108.00 USD, worth 109.13 USD"
    out = fee_summary(t)
    assert out.loc["paypal", "conversion_fees"] == 0.0
    assert out.loc["paypal", "conversion_costs"] == pytest.approx(1.13)
    trend = out.attrs["fee_rate_by_month"]
    assert trend.loc["2016-01", "paypal"] == pytest.approx(4.25 / 84.0)
    assert math.isnan(trend.loc["2016-02", "paypal"])


# --- edges found by a mutation audit ---


def test_platform_without_schedule_gets_no_outside_dates_message():
    t = table(("2024-01-02", "gumroad", "earning", 100.0, 10.0))
    assert fee_summary(t).attrs["messages"] == []


def test_adjustments_are_not_payments_checked_against_the_schedule():
    # Upwork 2024 (10%): the 100.00 payment allows 10.00, its fee is 12.00: above by 2.00.
    # A +50.00 adjustment is no payment: not in n_payments nor in the schedule's fees.
    t = table(
        ("2024-01-10", "upwork", "earning", 100.0, 12.0),
        ("2024-01-11", "upwork", "adjustment", 50.0, 0.0),
    )
    row = fee_summary(t).loc["upwork"]
    assert (row["n_payments"], row["n_checked"]) == (1, 1)
    assert row["schedule_fees"] == pytest.approx(10.00)
    assert row["above_schedule"] == True  # noqa: E712
    assert row["above_by"] == pytest.approx(2.00)  # 12.00 - 10.00


def test_fees_before_the_schedules_dates_are_not_held_against_it():
    t = table(
        ("2016-03-01", "paypal", "earning", 100.0, 3.20),
        ("2025-03-01", "paypal", "earning", 100.0, 9.00),
        ("2025-04-01", "paypal", "earning", 100.0, 9.00),
    )
    assert fee_summary(t).loc["paypal", "above_by"] == pytest.approx(10.04)  # 18.00 - 7.96


def test_no_rule_named_when_the_check_is_incomplete():
    t = table(
        ("2024-01-02", "stripe", "earning", 100.0, 3.20, "USD"),
        ("2024-01-03", "stripe", "earning", 100.0, 3.20, "EUR"),
    )
    row = fee_summary(t, base_currency="USD").loc["stripe"]
    assert pd.isna(row["above_schedule"])
    assert row["schedule"] == ""


def test_exactly_within_the_tolerance_is_conversions_only():
    summary = pd.DataFrame(
        {
            "above_schedule": pd.array([True], dtype="boolean"),
            "above_by": [3.02],
            "conversion_fees": [3.00],
            "n_checked": [4],
        }
    )
    # 3.00 >= 3.02 - 4 x 0.005 = 3.00
    assert above_only_by_conversions(summary).tolist() == [True]


def test_trend_has_every_month_and_no_rate_for_a_refund_month():
    t = table(
        ("2024-01-05", "upwork", "earning", 100.0, 10.0),
        ("2024-02-05", "upwork", "refund", -40.0, -4.0),
        ("2024-04-05", "upwork", "earning", 200.0, 30.0),
    )
    trend = fee_rate_by_month(t, by=None)
    assert list(trend.index.astype(str)) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert trend["2024-01"] == pytest.approx(0.10)  # 10 / 100
    assert math.isnan(trend["2024-02"])  # gross -40 <= 0: no rate (not -4 / -40 = 10%)
    assert math.isnan(trend["2024-03"])  # no income
    assert trend["2024-04"] == pytest.approx(0.15)  # 30 / 200


def test_a_negative_earning_is_no_payment_checked_against_the_schedule():
    # Upwork, June 2024, flat 10%: the 100 payment's schedule fee is 10.00; the -20 earning (a
    # correction) is no payment: 1 payment, 1 checked, schedule rate 10 / 100 = 0.10
    t = table(
        ("2024-06-03", "upwork", "earning", 100.0, 10.0),
        ("2024-06-10", "upwork", "earning", -20.0, 0.0),
    )
    s = fee_summary(t)
    assert s.loc["upwork", "n_payments"] == 1
    assert s.loc["upwork", "n_checked"] == 1
    assert s.loc["upwork", "schedule_fees"] == 10.0
    assert s.loc["upwork", "schedule_rate"] == 0.1


def test_conversion_costs_are_zero_not_blank_without_a_conversion():
    # one Upwork payment in dollars, nothing converted: 0.00 of conversion costs, not blank
    s = fee_summary(table(("2024-06-03", "upwork", "earning", 100.0, 10.0)))
    assert s.loc["upwork", "conversion_costs"] == 0.0
    assert s.loc["upwork", "conversion_fees"] == 0.0


def test_a_tax_of_30_cents_is_kept():
    # a tax row of -0.30: 0.30 taken; to the cent 0.30 != 0.00, so it is kept (rounded to
    # whole units, 0.30 -> 0 would leave it out)
    t = table(
        ("2024-06-03", "upwork", "earning", 100.0, 10.0),
        ("2024-06-03", "upwork", "tax", -0.30, 0.0),
    )
    assert taxes_charged(t).round(2).to_dict() == {"upwork": 0.30}


def test_a_chargeback_does_not_make_its_month_look_expensive():
    # Stripe, March: charges of 1,500 and 850 (fees 43.80 and 24.95 = 2.9% + 0.30 each) and a
    # chargeback of the 850 with its 15.00 dispute fee. Fees 43.80 + 24.95 + 15.00 = 83.75 of
    # 2,350.00 paid = 3.56%, not of the 500.00 left after the chargeback (16.75%)
    t = table(
        ("2026-03-02", "stripe", "earning", 1500.0, 43.80),
        ("2026-03-09", "stripe", "earning", 850.0, 24.95),
        ("2026-03-20", "stripe", "refund", -850.0, 15.0),
    )
    rate = fee_rate_by_month(t, by="platform").loc[pd.Period("2026-03", "M"), "stripe"]
    assert rate == pytest.approx(83.75 / 2350.0)
    out = fee_summary(t).loc["stripe"]
    assert out["paid"] == 2350.0 and out["gross"] == 1500.0
    assert out["fee_rate"] == pytest.approx(83.75 / 2350.0)
    # a month with only the chargeback has no payment to take a rate of
    late = table(("2026-04-02", "stripe", "refund", -100.0, 15.0))
    assert math.isnan(fee_rate_by_month(late, by=None).iloc[0])


def test_an_uber_fare_adjustment_counts_in_what_the_fee_was_taken_on():
    """A trip of 20.00 with its 5.00 service fee and a fare adjustment of 2.50 with its 0.50:
    fees 5.50 over 22.50 paid = 24.44%, not 5.50 / 20.00 = 27.5%."""
    t = table(
        ("2026-03-02", "uber", "earning", 20.00, 5.00),
        ("2026-03-03", "uber", "adjustment", 2.50, 0.50),
    )
    out = fee_summary(t)
    assert out.loc["uber", "paid"] == pytest.approx(22.50)
    assert out.loc["uber", "fee_rate"] == pytest.approx(5.50 / 22.50)
    assert out.loc["uber", "n_payments"] == 1


def test_an_adjustment_without_a_fee_is_no_payment_the_fee_was_on():
    """PayPal: a 100.00 payment with a 3.49 fee, charged back (-100.00) and won back (+100.00,
    an adjustment with no fee): the fee was taken on 100.00 paid, 3.49%, not on 200.00
    (1.75%). By month, an Uber trip of 20.00 (fee 5.00) and its fare adjustment of 2.50 (fee
    0.50) in March: 5.50 / 22.50 = 24.44%."""
    t = table(
        ("2026-03-02", "paypal", "earning", 100.00, 3.49),
        ("2026-03-10", "paypal", "refund", -100.00, 0.0),
        ("2026-03-20", "paypal", "adjustment", 100.00, 0.0),
    )
    assert fee_summary(t).loc["paypal", "fee_rate"] == pytest.approx(3.49 / 100.00)
    uber = table(
        ("2026-03-02", "uber", "earning", 20.00, 5.00),
        ("2026-03-03", "uber", "adjustment", 2.50, 0.50),
    )
    by_month = fee_rate_by_month(uber)
    assert float(by_month.iloc[0, 0]) == pytest.approx(5.50 / 22.50)


ETSY_WITH_LABELS = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"March 3, 2026",Sale,Payment for Order #3504652090,,USD,$40.00,-$1.45,$38.55,--
"March 3, 2026",Fee,Transaction fee: Print,Order #3504652090,USD,--,-$2.60,-$2.60,--
"March 4, 2026",Shipping label,USPS shipping label,Order #3504652090,USD,--,-$5.15,-$5.15,--
"March 9, 2026",Sale,Payment for Order #3504652100,,USD,$60.00,-$2.05,$57.95,--
"March 9, 2026",Fee,Transaction fee: Poster,Order #3504652100,USD,--,-$3.90,-$3.90,--
"March 10, 2026",Postage,Postage label,Order #3504652100,USD,--,-$4.85,-$4.85,--
"""
# Etsy UK's commission on the postage a buyer paid is a fee of Etsy's own, not a label
UK_POSTAGE_FEE = (
    '"March 11, 2026",Fee,Transaction fee: Postage,Order #3504652100,USD,--,-$0.26,-$0.26,--\n'
)


def test_shipping_labels_bought_through_etsy_are_said_apart_from_its_fees():
    from analytics import load_export

    text = ETSY_WITH_LABELS + UK_POSTAGE_FEE
    t = load_export(text.encode(), "etsy_statement_2026_3.csv").transactions
    etsy = fee_summary(t).loc["etsy"]
    # fees 1.45 + 2.60 + 5.15 + 2.05 + 3.90 + 4.85 + 0.26 = 20.26 on 100.00 of sales; labels
    # 10.00 (not the 0.26 transaction fee on postage)
    assert etsy["fees"] == pytest.approx(20.26)
    assert etsy["label_costs"] == pytest.approx(5.15 + 4.85)
    assert (etsy["fees"] - etsy["label_costs"]) / etsy["paid"] == pytest.approx(0.1026)


ETSY_FEE_KINDS = """\
Date,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details
"31 July, 2026",Sale,Payment for Order #1,,USD,$29.99,-$1.44,$28.55,--
"31 July, 2026",Fee,Transaction fee: Listing card set,Listing #11,USD,--,-$1.95,-$1.95,--
"30 July, 2026",Fee,Credit for transaction fee: Listing card set,Listing #11,USD,--,$0.50,$0.50,--
"29 July, 2026",Fee,Listing fee,Listing #11,USD,--,-$0.20,-$0.20,--
"29 July, 2026",Fee,Renewal fee,Listing #12,USD,--,-$0.20,-$0.20,--
"28 July, 2026",Marketing,Etsy Ads,,USD,--,-$3.00,-$3.00,--
"28 July, 2026",Marketing,Fee for sale made through Offsite Ads,Order #1,USD,--,-$4.80,-$4.80,--
"27 July, 2026",Shipping label,USPS shipping label,Order #1,USD,--,-$5.10,-$5.10,--
"27 July, 2026",VAT,VAT: Offsite Ads fee,Order #1,USD,--,-$0.96,-$0.96,--
"""


def test_fee_types_of_an_etsy_statement_add_up_to_its_fees():
    """An Ohio seller's accountant wants the fees line by line: the sale's 1.44 is Etsy's
    processing fee; the transaction fee 1.95 less its 0.50 credit is commission 1.45 (its item
    title "Listing card set" does not make it a listing fee); listing 0.20 + renewal 0.20 =
    0.40; Etsy Ads 3.00 + Offsite Ads 4.80 = 7.80 of advertising; 5.10 of postage; the VAT on
    the ads fee is a tax, not a fee. 1.44 + 1.45 + 0.40 + 7.80 + 5.10 = 16.19 in all."""
    from analytics import load_export
    from analytics.fees import fee_summary, fee_types

    t = load_export(ETSY_FEE_KINDS.encode(), "etsy_statement_2026_7.csv").transactions
    kinds = fee_types(t).round(2)
    assert kinds.loc["etsy"].to_dict() == {
        "commission": 1.45,
        "processing": 1.44,
        "advertising": 7.80,
        "listing": 0.40,
        "postage": 5.10,
    }
    assert round(float(fee_summary(t).at["etsy", "fees"]), 2) == 16.19


def test_fee_types_of_an_upwork_history():
    """The legacy Upwork history of test_import_upwork: service fee 165.38 less the 5.00
    refunded with a refund is commission 160.38; Freelancer Plus 14.99; Connects 1.50; the
    withdrawal fee 2.00: 178.87, Upwork's fees; the withholding tax is not a fee."""
    from test_import_upwork import LEGACY

    from analytics import load_export
    from analytics.fees import fee_types

    t = load_export(LEGACY.strip().encode(), "statements.csv").transactions
    assert fee_types(t).round(2).loc["upwork"].to_dict() == {
        "commission": 160.38,
        "subscriptions": 14.99,
        "connects": 1.50,
        "withdrawals": 2.00,
    }


def test_fee_types_of_nothing_is_an_empty_table():
    from analytics.fees import fee_types

    assert fee_types(empty_transactions()).empty
    # a platform that took nothing (MTurk from a worker) has no row
    assert fee_types(table(("2026-01-05", "mturk", "earning", 1.0, 0.0))).empty


@pytest.mark.parametrize(
    "platform, description, expected",
    [
        ("upwork", "Subscription Renewal Charges", "subscriptions"),  # a legacy Upwork fee
        ("payoneer", "Transaction fee", "processing"),  # a processor's, not a commission
        ("etsy", "Auto-renew sold: Marketing planner", "listing"),  # the item's words aside
        ("etsy", "Renew sold: Wire wrapped ring", "listing"),
        ("etsy", "Transaktionsgebühr: Versand", "commission"),  # a German statement
        ("etsy", "Einstellgebühr (0,20 USD)", "listing"),
        ("etsy", "Transaction fee: Pro brush set", "commission"),
        ("stripe", "Radar fee", "processing"),
        ("paypal", "Chargeback Fee", "disputes"),
        ("stripe", "Dispute fee", "disputes"),
        ("payoneer", "Payoneer annual card fee", "withdrawals"),
    ],
)
def test_fee_types_of_real_fee_descriptions(platform, description, expected):
    from analytics import load_export
    from analytics.fees import fee_types

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description\n"
        f'2026-01-05,{platform},fee,0.00,1.25,-1.25,USD,,,"{description}"\n'
    )
    t = load_export(text.encode(), "fees.csv").transactions
    assert fee_types(t).loc[platform].to_dict() == {expected: 1.25}


def test_a_chargebacks_dispute_fee_is_a_type_of_its_own_and_no_overcharge():
    """A US Stripe account: payments of 1,000.00 (fee 29.30 = 2.9% + 0.30) and 500.00 (14.80),
    then a chargeback of the 500.00 with Stripe's 15.00 dispute fee on it. The fees on the
    payments are the schedule's 44.10; the 15.00 is a dispute fee, a charge of its own: above
    the schedule by 15.00, all of it other charges, the payments within."""
    from analytics import load_export
    from analytics.fees import above_only_by_other_charges, fee_summary, fee_types

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description\n"
        "2026-01-05,stripe,earning,1000.00,29.30,970.70,USD,,Acme,Invoice 1\n"
        "2026-01-06,stripe,earning,500.00,14.80,485.20,USD,,Beta,Invoice 2\n"
        "2026-02-10,stripe,refund,-500.00,15.00,-515.00,USD,,Beta,Chargeback withdrawal for ch_2\n"
    )
    t = load_export(text.encode(), "stripe.csv").transactions
    types = fee_types(t)
    assert types.round(2).loc["stripe"].to_dict() == {"processing": 44.10, "disputes": 15.00}
    summary = fee_summary(t)
    assert summary.at["stripe", "above_by"] == pytest.approx(15.00, abs=0.005)
    assert summary.at["stripe", "other_charges"] == pytest.approx(15.00)
    assert bool(above_only_by_other_charges(summary)["stripe"]) is True
    # 0.10 more on a payment's fee (beyond half a cent a payment) is above on the payments
    dearer = text.replace("29.30,970.70", "29.40,970.60")
    t = load_export(dearer.encode(), "stripe.csv").transactions
    summary = fee_summary(t)
    assert bool(above_only_by_other_charges(summary)["stripe"]) is False


def test_a_charge_before_the_schedules_dates_does_not_excuse_a_payment_above_it():
    """PayPal's schedule from 2025: a 2025 payment of 100.00 at 3.49% + 0.49 = 3.98 was
    charged 7.00 (3.02 above); a 2024 withdrawal fee of 5.00 lies before the schedule's dates,
    so it cannot be what the 3.02 is: above on the payment itself."""
    from analytics import load_export
    from analytics.fees import above_only_by_other_charges, fee_summary

    text = (
        "date,platform,kind,gross,fee,net,currency,hours,client,description\n"
        "2024-06-05,paypal,fee,0.00,5.00,-5.00,USD,,,Withdrawal fee\n"
        "2025-03-06,paypal,earning,100.00,7.00,93.00,USD,,Acme,Logo\n"
    )
    summary = fee_summary(load_export(text.encode(), "paypal.csv").transactions)
    assert summary.at["paypal", "above_by"] == pytest.approx(3.02, abs=0.005)
    assert summary.at["paypal", "other_charges"] == 0
    assert bool(above_only_by_other_charges(summary)["paypal"]) is False
