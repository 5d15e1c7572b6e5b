"""Tests from a mutation audit of analytics/parsing.py, importers/_common.py and context.py.

Every expected number is worked out by hand from the literal cells.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import load_export, parsing
from analytics.parsing import parse_amount

TEMPLATE = "date,platform,kind,gross,fee,currency\n"
TEMPLATE_SEMI = "date;platform;kind;gross;fee;currency\n"


def cells(values, storage):
    return pd.Series(values, dtype="str" if storage == "arrow" else object)


# --- real bug: a thousands group never starts with 0 -------------------------------------------
# "0,125" in a decimal-point file is not 125 (no one writes one hundred and twenty-five with a
# leading "0,"); the vote already counts it as decimal-comma-only. It must be unreadable, as
# "12,34" is, never 1000 times the amount.
@pytest.mark.parametrize(
    ("cell", "comma"),
    [("0,125", False), ("-0,250", False), ("$0,500.00", False), ("0.125", True), ("-0.250", True)],
)
@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_a_thousands_group_never_starts_with_zero(cell, comma, storage):
    parsed = parse_amount(cells([cell], storage), decimal_comma=comma)
    assert bool(parsed.bad.iloc[0]), f"{cell!r} was read as {parsed.values.iloc[0]}"


def test_a_fraction_with_a_comma_in_a_decimal_point_file_is_not_a_thousand_times_more():
    data = (
        TEMPLATE
        + '2025-03-14,fiverr,earning,"1,234.56",0,USD\n'
        + '2025-03-15,fiverr,earning,"2,000.00",0,USD\n'
        + '2025-03-16,fiverr,earning,"0,125",0,USD\n'
    ).encode()
    result = load_export(data, "x.csv")
    # two point votes (1,234.56 and 2,000.00) against one comma vote: a decimal-point file
    assert result.transactions["gross"].tolist() == [1234.56, 2000.00]
    assert result.rejected["row"].tolist() == [4]
    assert "'0,125' is not an amount" in result.rejected["reason"].iloc[0]


# --- the decimal vote, one cell at a time ------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "comma", "point"),
    [
        ("1.234,5", 1, 0),  # grouped, one decimal
        ("1234,5", 1, 0),  # four digits before one decimal
        ("1234,567", 0, 0),  # neither reading fits
        ("1234.5678", 0, 1),  # four decimals: only a decimal point
        ("0,125", 1, 0),  # a leading 0: a fraction, not a thousand
        ("0.125", 0, 1),
        ("1.234,56-", 1, 0),  # a trailing minus says nothing about the separator
        ("12.50-", 0, 1),
        ("1\u00a0234,56", 1, 0),  # a no-break space between thousands
        ("1.234.567", 1, 0),  # several groups settle it
        ("1,234,567", 0, 1),
        ("1,500", 0, 0),  # one group: a thousand or a fraction
        ("1.500", 0, 0),
    ],
)
def test_decimal_votes_of_one_cell(cell, comma, point):
    votes = parsing.decimal_votes(pd.Series([cell], dtype="str"))
    assert votes[:2] == (comma, point)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.234,5", 1234.50),  # 1234 + 5/10
        ("1234,5", 1234.50),
        ("1.234,56-", -1234.56),  # SAP's trailing minus
        ("1\u00a0234,56", 1234.56),
    ],
)
def test_a_semicolon_file_of_decimal_comma_amounts_reads_them(cell, expected):
    data = (TEMPLATE_SEMI + f"2025-03-14;fiverr;earning;{cell};0;EUR\n").encode()
    result = load_export(data, "x.csv")
    assert result.rejected.empty
    assert result.transactions["gross"].tolist() == [expected]


def test_a_point_vote_of_a_long_amount_is_counted():
    # 2500.125 can only have a decimal point; 1.500 is then one and a half, not 1500
    data = (
        TEMPLATE_SEMI
        + "2025-03-14;fiverr;earning;2500.125;0;EUR\n"
        + "2025-03-15;fiverr;earning;1.500;0;EUR\n"
    ).encode()
    result = load_export(data, "x.csv")
    assert result.transactions["gross"].tolist() == [2500.13, 1.50]  # 2500.125 half up


# --- grouping: digits before the first separator ----------------------------------------------
@pytest.mark.parametrize(
    ("cell", "comma"),
    [
        ("1234,567.89", False),  # four digits before a thousands comma
        ("$1234,567.89", False),
        ("1234.567,89", True),
        ("1,2345", False),  # a group of four digits after the comma
        ("1,234,5", False),  # a last group of one digit
        ("12,-", False),  # "no cents" dash after the other file's separator
        ("12.-", True),
        ("1234 567.00", False),  # four digits before a space-separated group
    ],
)
@pytest.mark.parametrize("storage", ["arrow", "object"])
def test_a_misgrouped_amount_is_unreadable(cell, comma, storage):
    parsed = parse_amount(cells([cell], storage), decimal_comma=comma)
    assert bool(parsed.bad.iloc[0]), f"{cell!r} was read as {parsed.values.iloc[0]}"


# --- cells the fast paths hand on to the full cleaning ------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('"1,234."', 1234.00),  # a point with no cents
        ('"$1,234."', 1234.00),
        ('"1,234.56 USD"', 1234.56),  # thousands and a code after
        ('"1,234.56-"', -1234.56),  # thousands and a trailing minus
        ("1'234.50", 1234.50),  # Swiss apostrophe between thousands
    ],
)
def test_grouped_amounts_with_something_more_are_read_whole(cell, expected):
    data = (TEMPLATE + f"2025-03-14,fiverr,earning,{cell},0,USD\n").encode()
    result = load_export(data, "x.csv")
    assert result.rejected.empty, result.rejected["reason"].tolist()
    assert result.transactions["gross"].tolist() == [expected]


def test_an_exponent_amount_beside_a_cell_that_needs_cleaning():
    # (5.00) sends the column to the full cleaning; 1.5E+03 = 1.5 x 1000 = 1500 was already read
    data = (
        TEMPLATE
        + "2025-03-14,fiverr,earning,1.5E+03,0,USD\n"
        + "2025-03-15,fiverr,earning,(5.00),0,USD\n"
    ).encode()
    result = load_export(data, "x.csv")
    assert result.transactions["gross"].tolist() == [1500.00, -5.00]


# --- currency from a symbol -------------------------------------------------------------------
def test_a_dollar_with_a_country_prefix_says_its_own_currency():
    got = parsing.currency_from_symbols(pd.Series(["CA$5.00", "A$5", "NZ$5", "HK$5", "$5", "£1"]))
    assert got.tolist() == ["CAD", "AUD", "NZD", "HKD", "USD", "GBP"]


def test_a_template_row_without_currency_takes_it_from_a_prefixed_dollar():
    data = (TEMPLATE + "2025-03-14,fiverr,earning,CA$5.00,0,\n").encode()
    result = load_export(data, "x.csv")
    assert result.transactions["currency"].tolist() == ["CAD"]
    assert result.transactions["gross"].tolist() == [5.00]


# --- dates a spreadsheet re-saved --------------------------------------------------------------
def test_excel_day_month_name_year_dates_in_a_mapped_file():
    data = b"Date,Amount,Memo,Currency\n3-Jan-2025,100.00,A,USD\n14-Jan-2025,200.00,B,USD\n"
    mapping = {"date": "Date", "gross": "Amount", "description": "Memo", "currency": "Currency"}
    result = load_export(data, "x.csv", mapping)
    assert result.rejected.empty
    assert result.transactions["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-01-03",
        "2025-01-14",
    ]


def test_twelve_hour_times_with_seconds_from_a_spreadsheet():
    cells = pd.Series(["1/3/2025 10:00:00 PM", "1/14/2025 9:00:00 AM"], dtype=object)
    parsed, fmt = parsing.parse_date(cells, ["%Y-%m-%d %H:%M:%S"])
    assert fmt == "%m/%d/%Y %I:%M:%S %p"
    assert [str(v) for v in parsed.values] == ["2025-01-03 22:00:00", "2025-01-14 09:00:00"]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2025-01-03 10:00 ET"], ["2025-01-03 10:00:00"]),  # a two-letter zone is dropped
        (["03 JAN 2025"], ["2025-01-03 00:00:00"]),  # a month in capitals is no time zone
        # spaced offsets of two zones: each local time as written, never moved to UTC
        (
            ["2025-01-03 23:30 +01:00", "2025-01-04 00:30 -08:00"],
            ["2025-01-03 23:30:00", "2025-01-04 00:30:00"],
        ),
    ],
)
def test_zones_are_dropped_and_the_local_time_kept(cells, expected):
    parsed, _ = parsing.parse_date(pd.Series(cells, dtype=object))
    assert [str(v) for v in parsed.values] == expected
    assert not parsed.bad.any()


def test_a_year_and_month_is_no_date():
    parsed, _ = parsing.parse_date(pd.Series(["2025-01", "2025-02-03"], dtype=object))
    assert parsed.bad.tolist() == [True, False]


# --- money_equal: one cent is a difference, float noise is not ---------------------------------
def test_money_equal_is_within_half_a_cent():
    a = pd.Series([10.01, 10.00, 0.1 + 0.2, 10.004])
    b = pd.Series([10.00, 10.00, 0.3, 10.00])
    # 10.01 - 10.00 is 0.00999... as floats: still a cent apart; 0.1 + 0.2 is 0.3 to the cent
    assert parsing.money_equal(a, b).tolist() == [False, True, True, True]


def test_stripe_net_one_cent_off_is_rejected_by_its_own_check():
    data = (
        b"id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description\n"
        b"txn_1,charge,ch_1,10.01,0.00,10.00,usd,2026-01-05 10:00,2026-01-07 00:00,Invoice 1\n"
    )
    result = load_export(data, "balance.csv")
    assert result.transactions.empty
    # 10.01 - 0.00 = 10.01, not the file's 10.00
    assert result.rejected["reason"].tolist() == [
        "net 10.00 is not amount 10.01 minus fee 0.00 (10.01): the row looks edited or cut off"
    ]


# --- kinds and the currency's date order ------------------------------------------------------
def test_payout_words_make_a_transfer_only_when_money_goes_out():
    from analytics.importers._common import kind_from_text

    words = pd.Series(["Disbursement", "ATM", "Paid out", "Disbursement"], dtype="str")
    amounts = pd.Series([500.0, 20.0, 5.0, -500.0])
    assert kind_from_text(words, amounts).tolist() == ["earning", "earning", "earning", "transfer"]


@pytest.mark.parametrize("currency", ["INR", "CHF", "GBP", "EUR"])
def test_a_mapped_file_in_a_day_first_currency_reads_ambiguous_dates_day_first(currency):
    data = f"Date,Amount,Memo,Currency\n01/02/2025,100.00,A,{currency}\n03/04/2025,50.00,B,{currency}\n"
    mapping = {"date": "Date", "gross": "Amount", "description": "Memo", "currency": "Currency"}
    result = load_export(data.encode(), "x.csv", mapping)
    assert result.transactions["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-02-01",  # 1 February
        "2025-04-03",  # 3 April
    ]


def test_two_digit_years_are_this_century():
    parsed, fmt = parsing.parse_date(pd.Series(["12/31/99", "01/15/70"], dtype=object))
    assert fmt == "%m/%d/%y"
    assert [str(v)[:10] for v in parsed.values] == ["2099-12-31", "2070-01-15"]


def test_the_decimal_separator_is_decided_beyond_the_first_rows():
    rows = "".join(f"2025-03-{d:02d};fiverr;earning;100;0;EUR\n" for d in range(1, 11))
    data = (TEMPLATE_SEMI + rows + "2025-03-11;fiverr;earning;1.234,56;0;EUR\n").encode()
    result = load_export(data, "x.csv")
    assert result.rejected.empty
    assert result.transactions["gross"].sum() == pytest.approx(10 * 100 + 1234.56)  # 2234.56


def test_a_layouts_own_convention_settles_a_tie_of_votes():
    from analytics.context import ImportContext

    frame = pd.DataFrame({"Betrag": pd.Series(["1.500", "2.250"], dtype="str")})
    ctx = ImportContext(frame, platform="paypal", source="x.csv", raw=None, delimiter=",")
    # 1.500 and 2.250 vote for neither: the layout's convention (a decimal comma) decides
    assert ctx.decide_decimal_comma("Betrag", tie=True) is True


def test_an_amount_of_exactly_a_trillion_is_said_to_be_too_large():
    data = (TEMPLATE + "2025-03-14,fiverr,earning,1000000000000,0,USD\n").encode()
    result = load_export(data, "x.csv")
    assert "too large to be a payment" in result.rejected["reason"].iloc[0]


def test_a_net_one_cent_off_gross_minus_fee_is_rejected():
    data = (
        b"date,platform,kind,gross,fee,net,currency\n"
        b"2025-03-14,fiverr,earning,10.00,1.00,9.01,USD\n"  # 10.00 - 1.00 = 9.00, not 9.01
        b"2025-03-15,fiverr,earning,10.00,1.00,9.00,USD\n"
    )
    result = load_export(data, "x.csv")
    assert result.transactions["net"].tolist() == [9.00]
    assert (
        result.rejected["reason"]
        .iloc[0]
        .startswith("net 9.01 is not gross 10.00 minus fee 1.00 (9.00)")
    )


@pytest.mark.parametrize(
    ("words", "amount"),
    [
        ("Deposit cancelled", -50.0),  # the user's own deposit coming back: never a refund
        ("Deposit canceled", 50.0),  # ...nor income
        ("Cancellation of deposit", -50.0),
        ("Cancelation of deposit", 50.0),
    ],
)
def test_a_cancelled_deposit_is_a_transfer(words, amount):
    from analytics.importers._common import kind_from_text

    kinds = kind_from_text(pd.Series([words], dtype="str"), pd.Series([amount]))
    assert kinds.tolist() == ["transfer"]


@pytest.mark.parametrize(
    "words", ["Fee refunded", "Withdrawal fee returned", "Service fee reversed"]
)
def test_a_fee_given_back_stays_a_fee(words):
    from analytics.importers._common import kind_from_text

    assert kind_from_text(pd.Series([words], dtype="str")).tolist() == ["fee"]


@pytest.mark.parametrize(
    ("words", "amount"),
    [
        (
            "Converted 1495.20 USD to 1132.10 GBP",
            -1495.20,
        ),  # Wise: a conversion between own balances
        ("Converted 1495.20 USD to 1132.10 GBP", 1132.10),
    ],
)
def test_a_wallet_conversion_is_a_transfer(words, amount):
    from analytics.importers._common import kind_from_text

    assert kind_from_text(pd.Series([words], dtype="str"), pd.Series([amount])).tolist() == [
        "transfer"
    ]


@pytest.mark.parametrize(
    ("words", "amount", "kind"),
    [
        ("Top-up from card", 100.0, "transfer"),  # the user's own money into the wallet
        ("Taxi ride", 12.0, "earning"),  # "tax" only as a word
        ("Downloads", 20.0, "earning"),  # "ad" only as a word
        ("Credit", 5.0, "adjustment"),
    ],
)
def test_kind_keywords_are_whole_words(words, amount, kind):
    from analytics.importers._common import kind_from_text

    got = kind_from_text(pd.Series([words], dtype="str"), pd.Series([amount]))
    assert got.tolist() == [kind]


def test_currency_names_and_prefixed_symbols_become_codes():
    from analytics.importers._common import iso_currency

    got = iso_currency(pd.Series(["GB£", "Euros", " eur ", "US$"]))
    assert got.tolist() == ["GBP", "EUR", "EUR", "USD"]
