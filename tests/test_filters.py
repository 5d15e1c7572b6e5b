"""The sidebar's row filters (giglens_ui.filters.apply_filters), on a small literal table."""

from __future__ import annotations

from test_metrics import table

from giglens_ui.filters import Filters, apply_filters


def test_a_platform_filter_keeps_tracker_time_but_not_another_platforms_time_entries():
    t = table(
        ("2025-03-03", "upwork", "earning", 100.0, 10.0),
        ("2025-03-03", "upwork", "time", 0.0, 0.0, "", 5.0),  # Weekly Summary hours: Upwork's
        ("2025-03-04", "paypal", "earning", 50.0, 2.0),
        ("2025-03-04", "toggl", "time", 0.0, 0.0, "", 2.0),  # a tracker: no platform of its own
    )
    paypal_only = apply_filters(t, Filters(platforms=("paypal",)))
    assert list(paypal_only["platform"].astype(str)) == ["paypal", "toggl"]
    upwork_only = apply_filters(t, Filters(platforms=("upwork",)))
    assert list(upwork_only["platform"].astype(str)) == ["upwork", "upwork", "toggl"]
    assert len(apply_filters(t, Filters())) == 4  # no filter: every row


def test_download_scope_names_what_the_sidebar_leaves_out():
    import datetime as dt

    from giglens_ui.filters import download_scope

    t = table(
        ("2025-01-03", "paypal", "earning", 100.0, 3.0),
        ("2025-03-01", "mturk", "earning", 5.0, 0.0),
        ("2025-06-30", "upwork", "earning", 200.0, 20.0),
        ("2025-06-30", "toggl", "time", 0.0, 0.0, "", 2.0),  # a tracker is no platform to name
    )
    # everything, or a range reaching past the data's first and last days: nothing to say
    assert download_scope(t, Filters()) == ("", "")
    whole = Filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 7, 31))
    assert download_scope(t, whole) == ("", "")
    assert download_scope(t, Filters(platforms=("mturk", "paypal", "upwork"))) == ("", "")
    # 10-20 Feb: one month, cut at both ends
    suffix, words = download_scope(t, Filters(start=dt.date(2025, 2, 10), end=dt.date(2025, 2, 20)))
    assert suffix == "_2025-02-10_to_2025-02-20"
    assert words == (
        "Filtered in the sidebar: only 10 Feb 2025 to 20 Feb 2025; Feb 2025 holds 10–20 Feb only."
    )
    # 10 Feb - 30 Apr and two platforms: February is cut short, April is whole
    suffix, words = download_scope(
        t,
        Filters(
            start=dt.date(2025, 2, 10), end=dt.date(2025, 4, 30), platforms=("paypal", "upwork")
        ),
    )
    assert suffix == "_2025-02-10_to_2025-04-30_paypal+upwork"
    assert words == (
        "Filtered in the sidebar: only 10 Feb 2025 to 30 Apr 2025; Feb 2025 holds 10–28 Feb "
        "only; platforms: PayPal, Upwork."
    )
    # 1 Feb - 15 Mar and a stream: March is cut short
    suffix, words = download_scope(
        t, Filters(start=dt.date(2025, 2, 1), end=dt.date(2025, 3, 15), streams=("micro",))
    )
    assert suffix == "_2025-02-01_to_2025-03-15_micro"
    assert words.endswith("Mar 2025 holds 1–15 Mar only; streams: Micro jobs.")


def test_download_scope_calls_a_month_cut_short_only_where_the_sidebar_cut_it():
    import datetime as dt

    from giglens_ui.filters import download_scope

    # the files begin on 3 Jan: only the end is narrowed, to 15 Mar; January is as the files
    # have it (not "3-31 Jan only"), March is cut by the sidebar
    t = table(
        ("2025-01-03", "paypal", "earning", 100.0, 3.0),
        ("2025-06-30", "upwork", "earning", 200.0, 20.0),
    )
    assert download_scope(t, Filters(end=dt.date(2025, 3, 15))) == (
        "_2025-01-03_to_2025-03-15",
        "Filtered in the sidebar: only 3 Jan 2025 to 15 Mar 2025; Mar 2025 holds 1–15 Mar only.",
    )


def test_the_default_currency_is_the_one_most_of_the_money_is_in():
    from giglens_ui.filters import default_currency

    # 300 MTurk HITs of $0.50 (150 USD) against two EUR invoices of 1,000: EUR, though USD has
    # far more rows (1 EUR is more than 1 USD, so 2,000 EUR outweighs 150 USD at any ECB rate)
    hits = [("2025-03-03", "mturk", "earning", 0.50, 0.0, "USD")] * 300
    invoices = [("2025-03-10", "paypal", "earning", 1000.0, 30.0, "EUR")] * 2
    assert default_currency(table(*hits, *invoices)) == "EUR"
    # a withdrawal is no income: 5,000 USD moved to the bank does not make USD the default
    moved = [("2025-03-11", "paypal", "transfer", -5000.0, 0.0, "USD")]
    assert default_currency(table(*hits, *invoices, *moved)) == "EUR"
    # a currency without an ECB rate counts only when none has one: then the most rows decide
    xof = [("2025-03-12", "other", "earning", 900_000.0, 0.0, "XOF")]
    assert default_currency(table(*hits, *invoices, *xof)) == "EUR"
    assert (
        default_currency(table(*xof, *xof, ("2025-03-12", "other", "earning", 5.0, 0.0, "XAF")))
        == "XOF"
    )
    assert default_currency(table()) == "USD"


def test_the_default_currency_is_the_one_the_money_lands_in():
    from giglens_ui.filters import default_currency

    # 3,000 USD from clients, 2,000 of it converted by PayPal into 1,800 EUR (a transfer coming
    # in, 1,800 EUR >= half of the income, which is about 2,600-2,900 EUR at any recent rate):
    # the user's money is in euros
    paid = [("2025-03-03", "paypal", "earning", 1500.0, 60.0, "USD")] * 2
    converted = [
        ("2025-03-04", "paypal", "transfer", -2000.0, 0.0, "USD"),
        ("2025-03-04", "paypal", "transfer", 1800.0, 0.0, "EUR"),
    ]
    assert default_currency(table(*paid)) == "USD"
    assert default_currency(table(*paid, *converted)) == "EUR"
    # 200 USD of 3,000 converted into 180 EUR is no sign of where the money lands
    small = [
        ("2025-03-04", "paypal", "transfer", -200.0, 0.0, "USD"),
        ("2025-03-04", "paypal", "transfer", 180.0, 0.0, "EUR"),
    ]
    assert default_currency(table(*paid, *small)) == "USD"
