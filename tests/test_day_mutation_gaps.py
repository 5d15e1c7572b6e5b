"""Tests closing the gaps a mutation audit of the day's change (2a56473..eaf16ba) found: each
kills at least one mutant that survived the existing tests (named in its docstring). The
expected figures are worked out by hand from the inputs, in each docstring."""

from __future__ import annotations

import textwrap

import pytest
from test_metrics import table

from analytics import combine as combine_module
from analytics.combine import own_account_transfers
from analytics.loader import load_export
from giglens_ui.mapping import guess_mapping, sample_rows


def csv(text: str) -> bytes:
    return textwrap.dedent(text).encode()


def guesses(data: bytes, name: str = "statement.csv") -> dict[str, str]:
    columns = data.decode().splitlines()[0].split(",")
    return guess_mapping(columns, sample_rows(data, name, columns))


def income_net(result) -> float:
    t = result.transactions
    return round(
        float(t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]["net"].sum()), 2
    )


# --- giglens_ui/mapping.py: NOT_A_FEE words and the whole-number rule -----------------------


@pytest.mark.parametrize(
    "header, rows, income",
    [
        # kills M01 (`rate` dropped from NOT_A_FEE): 35/105 = 0.333, 40/100 = 0.4, median
        # 0.367 < 0.5 and all whole beside whole amounts, so only the name keeps it no fee.
        # Income 105.00 + 100.00 = 205.00 (as a fee it would be 205 - 75 = 130.00).
        (
            "Date,Description,Rate,Amount",
            ["2026-01-05,Moving job,35.00,105.00", "2026-01-06,Assembly job,40.00,100.00"],
            205.00,
        ),
        # kills M02 (`deliver` dropped): 7/60 = 0.117, 8/64 = 0.125. Income 60 + 64 = 124.00
        # (as a fee 124 - 15 = 109.00).
        (
            "Date,Description,Deliveries,Amount",
            ["2026-01-05,Dash,7,60.00", "2026-01-06,Dash,8,64.00"],
            124.00,
        ),
        # kills M05 (`miles` dropped): 12/60 = 0.2, 20/64 = 0.3125. Income 124.00 (as a fee
        # 124 - 32 = 92.00).
        (
            "Date,Description,Miles,Amount",
            ["2026-01-05,Trip,12,60.00", "2026-01-06,Trip,20,64.00"],
            124.00,
        ),
    ],
)
def test_counts_and_rates_beside_whole_amounts_are_no_fee_by_their_name(header, rows, income):
    data = csv("\n".join([header, *rows]) + "\n")
    chosen = guesses(data)
    assert chosen["gross"] == "Amount" and "fee" not in chosen
    result = load_export(data, "work.csv", mapping=chosen | {"currency": "USD"})
    assert income_net(result) == income


def test_a_count_no_name_rules_out_is_no_fee_beside_amounts_with_cents():
    """Kills M06 (the whole-number rule dropped) and M07 (`.any()` -> `.all()` on the amounts'
    cents). `Stops` 7 and 8 beside 55.16 and 60.00: ratios 7/55.16 = 0.127 and 8/60 = 0.133
    look like a fee, but every stop count is whole while one amount has cents (55.16): a count.
    Income 55.16 + 60.00 = 115.16 (as a fee: 115.16 - 15 = 100.16)."""
    data = csv(
        """\
        Date,Description,Stops,Amount
        2026-01-05,Route A,7,55.16
        2026-01-06,Route B,8,60.00
        """
    )
    chosen = guesses(data)
    assert "fee" not in chosen
    result = load_export(data, "route.csv", mapping=chosen | {"currency": "USD"})
    assert income_net(result) == 115.16


def test_a_fee_column_with_one_whole_fee_is_still_the_fee():
    """Kills M08 (`.all()` -> `.any()` on the fees being whole). `Deductions` 2.00 and 1.99
    beside 55.16 and 65.73 (ratios 0.036 and 0.030): not all whole, so a fee. Net income
    (55.16 - 2.00) + (65.73 - 1.99) = 53.16 + 63.74 = 116.90 (without the fee: 120.89)."""
    data = csv(
        """\
        Date,Description,Deductions,Amount
        2026-01-05,Job A,2.00,55.16
        2026-01-06,Job B,1.99,65.73
        """
    )
    chosen = guesses(data)
    assert chosen.get("fee") == "Deductions"
    result = load_export(data, "jobs.csv", mapping=chosen | {"currency": "USD"})
    assert income_net(result) == 116.90


def test_a_status_column_naming_the_bank_but_saying_pending_is_still_the_status():
    """Kills M10 (`said.any()` dropped from `_looks_like_statuses`). Every cell names the bank,
    but one says Pending: the column says whether money came, so it is the status and the
    pending 200.00 is left out. Income 500.00 + 300.00 = 800.00 (not 1,000.00)."""
    data = csv(
        """\
        Date,Description,Amount,Currency,Status
        2026-03-02,Client payment Acme,500.00,USD,Deposited to bank account
        2026-03-09,Client payment Beta,300.00,USD,Deposited to bank account
        2026-03-16,Client payment Gamma,200.00,USD,Pending bank transfer
        """
    )
    chosen = guesses(data)
    assert chosen.get("status") == "Status"
    result = load_export(data, "payments.csv", mapping=chosen)
    assert income_net(result) == 800.00


def test_a_balance_in_two_currencies_is_compared_within_each_currency():
    """Kills M17 (the same-currency condition of `_amount_is_after_fees` dropped). USD:
    1,498.80 + 299.10 = 1,797.90; EUR: 700.00 + 99.60 = 799.60: within each currency the
    balance moves by the Amount itself, so Amount is the net (fees already taken); the USD->EUR
    step (1,797.90 -> 700.00) is no step of either. Net USD 498.80 + 299.10 = 797.90 (gross
    797.90 + 1.20 + 0.90 = 800.00); EUR 200.00 + 99.60 = 299.60. Read as gross, the fees would
    come off twice: 797.90 - 2.10 = 795.80 USD."""
    data = csv(
        """\
        Date,Description,Amount,Currency,Total fees,Running Balance
        2026-03-01,Payment from Acme,498.80,USD,1.20,1498.80
        2026-03-02,Payment from Beta,299.10,USD,0.90,1797.90
        2026-03-03,Payment from Gamma,200.00,EUR,0.50,700.00
        2026-03-04,Payment from Delta,99.60,EUR,0.40,799.60
        """
    )
    chosen = guesses(data)
    assert chosen.get("net") == "Amount" and "gross" not in chosen
    t = load_export(data, "wise.csv", mapping=chosen).transactions
    by = t.groupby(t["currency"].astype(str))
    assert round(float(by["net"].sum()["USD"]), 2) == 797.90
    assert round(float(by["gross"].sum()["USD"]), 2) == 800.00
    assert round(float(by["net"].sum()["EUR"]), 2) == 299.60


def test_a_total_with_a_bonus_is_the_amount():
    """Kills M24 (`bonus` dropped from the extras a Total adds). Amount + Bonus = Total on every
    row (40.00 + 5.00 = 45.00; 50.00 + 0.00 = 50.00): the Total is what was paid. Income
    45.00 + 50.00 = 95.00 (not the Amount's 90.00)."""
    data = csv(
        """\
        Date,Description,Amount,Bonus,Total
        2026-01-05,Shift,40.00,5.00,45.00
        2026-01-06,Shift,50.00,0.00,50.00
        """
    )
    chosen = guesses(data)
    assert chosen["gross"] == "Total"
    result = load_export(data, "shifts.csv", mapping=chosen | {"currency": "USD"})
    assert income_net(result) == 95.00


# --- analytics/importers/generic.py: _warn_unclear_paid_answers -------------------------------


def test_a_paid_column_of_only_yes_and_blanks_warns_of_the_blank():
    """Kills G01 (`yes|y|` dropped from PAID_ANSWER): a Paid? column answering only Yes (and one
    left blank) is still a Yes/No column. Both counted: 1,200.00 + 800.00 = 2,000.00; the
    blank row (file row 3) is said, 800.00 USD."""
    data = csv(
        """\
        Invoice date,Client,Amount,Currency,Paid?
        2026-02-01,Acme Ltd,1200.00,USD,Yes
        2026-02-15,Beta LLC,800.00,USD,
        """
    )
    result = load_export(data, "invoices.csv", mapping=guesses(data))
    assert result.transactions["gross"].sum() == 2000.00
    said = [w for w in result.warnings if "counted in full" in w]
    assert len(said) == 1 and "1 payment(s)" in said[0]
    assert "row(s) 3;" in said[0] and "800.00 USD" in said[0]


def test_a_german_teilweise_answer_is_said_as_part_paid():
    """Kills G02 (`teilw` dropped from PART_PAID_ANSWER): `teilweise` (partly) is counted in
    full, 1,200.00 + 800.00 = 2,000.00, and said: row 3, 800.00 EUR."""
    data = csv(
        """\
        Rechnungsdatum,Kunde,Betrag,Währung,Bezahlt?
        2026-02-01,Acme GmbH,1200.00,EUR,Ja
        2026-02-15,Beta AG,800.00,EUR,teilweise
        """
    )
    mapping = {"date": "Rechnungsdatum", "client": "Kunde", "gross": "Betrag"}
    mapping |= {"currency": "Währung", "status": "Bezahlt?"}
    result = load_export(data, "rechnungen.csv", mapping=mapping)
    assert result.transactions["gross"].sum() == 2000.00
    said = [w for w in result.warnings if "counted in full" in w]
    assert len(said) == 1 and "row(s) 3;" in said[0] and "800.00 EUR" in said[0]


# --- analytics/combine.py: PAYER_NAMES, personal payers, new-tax-year sentences -----------------


@pytest.mark.parametrize(
    "platform, sender",
    [
        ("lyft", "LYFT, INC."),  # kills B01 (lyft dropped from PAYER_NAMES)
        ("instacart", "INSTACART"),  # kills B04 (instacart dropped)
        ("taskrabbit", "TASKRABBIT INC"),  # kills B29 (taskrabbit dropped)
        ("taskrabbit", "TASK RABBIT INC"),  # kills B03 (`task ?rabbit` -> `taskrabbit`)
        ("doordash", "DOOR DASH INC"),  # kills B02 (`door ?dash` -> `doordash`)
    ],
)
def test_gig_payouts_reaching_cash_app_are_counted_once_for_every_gig_platform(platform, sender):
    """A gig platform's file (mapped with the form) holds the work, 55.16 + 65.73 = 120.89, and
    two payouts to Cash App (81.06, 120.89); Cash App's report holds the same two arriving from
    the platform. Income is 120.89, not 120.89 + 81.06 + 120.89 = 322.84; the four rows moving
    the money are transfers."""
    work = textwrap.dedent(
        """\
        Date,Type,Description,Total
        01/01/2026,Weekly Payout,Direct deposit to Cash App 7781,-$81.06
        01/06/2026,Trip,Work in Austin,$55.16
        01/07/2026,Trip,Work in Austin,$65.73
        01/08/2026,Weekly Payout,Direct deposit to Cash App 7781,-$120.89
        """
    ).encode()
    mapping = {"date": "Date", "gross": "Total", "currency": "USD", "platform": platform}
    mapping |= {"description": "Description"}
    cash_app = textwrap.dedent(
        f"""\
        "Date","Transaction ID","Transaction Type","Currency","Amount","Fee","Net Amount","Status","Notes","Name of sender/receiver","Account"
        "2026-01-02 16:15:48 CST","a1","Direct Deposit","USD","$81.06","$0.00","$81.06","COMPLETE","","{sender}","Your Cash"
        "2026-01-09 16:15:48 CST","a2","Direct Deposit","USD","$120.89","$0.00","$120.89","COMPLETE","","{sender}","Your Cash"
        """
    ).encode()
    results = [
        load_export(work, f"{platform}_2026.csv", mapping=mapping),
        load_export(cash_app, "cash_app_report.csv"),
    ]
    t = combine_module.combine(results).transactions
    income = t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert round(float(income["net"].sum()), 2) == 120.89
    assert (t["kind"] == "transfer").sum() == 4


def test_a_friends_payment_sent_back_is_personal_too():
    """Kills B09 (refunds dropped from `as_personal`). Jessica paid 40.00 into Cash App and it
    was refunded (-40.00); Acme paid 300.00 for work. With Jessica chosen as personal, both of
    her rows are no income: income 300.00 (the mutant leaves the -40.00 refund: 260.00)."""
    from analytics.combine import as_personal, personal_payers

    t = table(
        ("2025-05-01", "cashapp", "earning", 40.0, 0.0, "USD", None, "Jessica Moreno"),
        ("2025-05-03", "cashapp", "refund", -40.0, 0.0, "USD", None, "Jessica Moreno"),
        ("2025-05-10", "cashapp", "earning", 300.0, 0.0, "USD", None, "Acme"),
    )
    key = personal_payers(t).set_index("name").loc["Jessica Moreno", "key"]
    out = as_personal(t, {key})
    income = out[out["kind"].isin(["earning", "refund", "fee", "adjustment"])]
    assert round(float(income["net"].sum()), 2) == 300.00


def test_payouts_already_counted_as_transfers_are_not_offered_as_people():
    """Kills B07 (`kind == earning` dropped from `personal_payers`). A DoorDash payout into
    Cash App matched as a transfer (81.06) is no person who paid: only Jessica (25.00) is
    listed in 'Money from people that is not income'."""
    from analytics.combine import personal_payers

    t = table(
        ("2025-05-01", "cashapp", "earning", 25.0, 0.0, "USD", None, "Jessica Moreno"),
        ("2025-05-02", "cashapp", "transfer", 81.06, 0.0, "USD", None, "DOORDASH, INC."),
    )
    assert personal_payers(t)["name"].tolist() == ["Jessica Moreno"]


@pytest.mark.parametrize(
    "start, arrival, said",
    [
        # kills B27 (`>=` -> `>` at 1 January): 1 Jan 2026 is the first day of the calendar tax
        # year 2026; the money was most likely earned in 2025
        (
            "2026-01-01",
            "2026-01-01",
            "money arriving in early January 2026 counts in 2026's income and tax, though most "
            "likely earned in 2025.",
        ),
        # kills B26 (`>=` -> `>` at 6 April): 6 Apr 2026 is the first day of UK tax year
        # 2026/27; earned most likely in 2025/26
        (
            "2026-04-06",
            "2026-04-06",
            "In the UK, money arriving in early April 2026 counts in tax year 2026/27, though "
            "most likely earned in 2025/26.",
        ),
        # kills B20 (6 April -> 1 April): 3 Apr 2026 is still in UK tax year 2025/26 (it ends
        # on 5 April), the year it was earned in: no new-tax-year sentence
        ("2026-04-01", "2026-04-03", None),
    ],
)
def test_the_new_tax_year_sentence_holds_from_the_years_first_day(start, arrival, said):
    t = table(
        (start, "upwork", "earning", 900.0, 90.0),
        ("2026-04-25", "upwork", "transfer", -810.0, 0.0),
        (arrival, "payoneer", "earning", 300.0, 0.0, "USD", None, "Upwork Global Inc."),
    )
    _out, notes = own_account_transfers(t)
    note = notes[-1]
    assert "300.00 USD on" in note and "arrived before or in the first 10 days" in note
    if said is None:
        assert "arriving in early" not in note
    else:
        assert said in note and note.count("arriving in early") == 1


# --- analytics/tax/estimate.py: _lines_adding_up ------------------------------------------------


def test_two_missing_cents_go_to_the_two_lines_rounding_moved_furthest():
    """Kills E02 (`steps > len(taxes)` -> `steps > 1`) and E04 (`[:steps]` -> `[:1]`). Lines
    100.004, 200.0049, 300.003 round to 100.00 + 200.00 + 300.00 = 600.00 against a total of
    600.02 (its parts rounded on their own); unrounded they sum to 600.0119, within 3 lines x
    0.01 of it: rounding, not a missing line. The 2 cents go to the two lines rounded down
    furthest: 200.0049 (by 0.0049) -> 200.01 and 100.004 (by 0.004) -> 100.01; 300.003 stays
    300.00. 100.01 + 200.01 + 300.00 = 600.02."""
    from analytics.tax.estimate import Line, _lines_adding_up

    lines = [Line("A", 100.004, "tax"), Line("B", 200.0049, "tax"), Line("C", 300.003, "tax")]
    out = _lines_adding_up(lines, 600.02)
    assert [line.amount for line in out] == [100.01, 200.01, 300.00]


# --- giglens_ui/home.py: the currency of files that name none -----------------------------------

# the app's fixtures (giglens_home is autouse: every test here gets its own data folder)
from test_app import TEMPLATE, giglens_home, new_app, no_exception, on_this_computer, upload  # noqa: E402,F401


@pytest.mark.usefixtures("on_this_computer")
def test_the_uber_currency_box_shows_the_currency_chosen():
    """Kills H05 (the box always reset to the assumed USD). After choosing GBP the box says
    GBP, at once and at the next visit, as the amounts are read (15.00 + 15.00 = £30.00 on the
    Overview, not $30.00)."""
    header = (
        "transaction UUID,Driver UUID,Driver first name,Driver surname,Trip UUID,Description,"
        "Org name,vs reporting,Paid to you,Paid to you : Your earnings\n"
    )

    def report_of(day: str, n: str) -> bytes:
        row = f"u{n},d1,Ana,Pop,t{n},trip completed order,Fleet,{day} 10:15:00.123 +0000 GMT,"
        return (header + row + "15.00,15.00\n").encode()

    files = [
        ("20260301-20260331-payments_order-x.csv", report_of("2026-03-02", "1"), "text/csv"),
        ("20260401-20260430-payments_order-x.csv", report_of("2026-04-02", "2"), "text/csv"),
    ]
    at = upload(new_app(), *files)
    [box] = [s for s in at.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    box.set_value("GBP").run()
    no_exception(at)
    [box] = [s for s in at.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    assert box.value == "GBP"
    again = new_app().run()
    [box] = [s for s in again.selectbox if s.key.startswith("giglens.w.layout_currency.")]
    assert box.value == "GBP"


def test_a_file_naming_its_currency_in_a_column_name_is_not_said_to_name_none():
    """Kills H04 (`and not in_file` dropped). `Total (EUR)` names the currency: the box starts
    at EUR, and no caption says the file names none (the other file is in USD)."""
    tasks = b"Date,Task,Total (EUR)\n2025-03-01,Help Moving,85.00\n2025-03-02,Assembly,120.00\n"
    at = upload(new_app(), ("earnings.csv", TEMPLATE, "text/csv"), ("tasks.csv", tasks, "text/csv"))
    no_exception(at)
    code = [t for t in at.text_input if t.key.endswith(".currency_code")][0]
    assert code.value == "EUR"
    assert not any("names no currency" in c.value for c in at.caption)
    assert not (code.help or "").startswith("The file names no currency")


@pytest.mark.usefixtures("on_this_computer")
def test_a_friend_chosen_as_personal_can_be_unchosen():
    """Kills S02 (the payers listed from the data after the choice, so a chosen friend is no
    longer listed). Jessica (25.00 + 40.00) chosen as personal stays in the list, chosen, and
    unchoosing her makes her payments income again: 25.00 + 40.00 + 300.00 = 365.00."""
    from test_app import metrics

    cash = (
        b'"Date","Transaction ID","Transaction Type","Currency","Amount","Fee","Net Amount",'
        b'"Status","Notes","Name of sender/receiver","Account"\n'
        b'"2025-05-01 10:00:00 CDT","p1","Received P2P","USD","$25.00","$0.00","$25.00",'
        b'"COMPLETE","concert ticket","Jessica Moreno","Your Cash"\n'
        b'"2025-05-09 10:00:00 CDT","p2","Received P2P","USD","$40.00","$0.00","$40.00",'
        b'"COMPLETE","gas money","Jessica Moreno","Your Cash"\n'
        b'"2025-05-10 10:00:00 CDT","p3","Received P2P","USD","$300.00","$0.00","$300.00",'
        b'"COMPLETE","logo design","Acme Studio","Your Cash"\n'
    )
    at = upload(new_app(), ("cash_app_report.csv", cash, "text/csv"))
    at.multiselect(key="giglens.w.personal_payers").set_value(["jessica moreno"]).run()
    no_exception(at)
    box = at.multiselect(key="giglens.w.personal_payers")
    assert "Jessica Moreno (Cash App: 2 payments, 65.00 USD)" in box.options
    assert box.value == ["jessica moreno"]
    box.set_value([]).run()
    no_exception(at)
    at.switch_page("pages/1_Overview.py").run()
    assert metrics(at)["Net income"] == "$365.00"


# --- giglens_ui/tax.py: tax_sheet's withholding lines -------------------------------------------


def test_the_tax_sheet_gives_no_withholding_as_entered_when_none_was_entered():
    """Kills X03 (`profile.withholding is not None` dropped). A spouse's wages of 60,000 but no
    withholding entered: the sheet has no 'Tax withheld ..., as entered' line (nothing was
    entered) nor the lines beside it; its lines are those of a profile without wages."""
    from analytics.tax import TaxProfile, estimate_tax
    from giglens_ui.tax import Projection, tax_sheet

    est = estimate_tax(
        5720, jurisdiction="US", year=2025, filing_status="married_joint", spouse_wages=60000.0
    )
    proj = Projection(1430.0, 3, 5720.0, 761.54, est, "USD")
    profile = TaxProfile("US", 2025, filing_status="married_joint", spouse_wages=60000.0)
    sheet = tax_sheet(proj, profile)
    assert not sheet["line"].str.contains("as entered|alone|adds").any()


# --- analytics/importers/generic.py: _hours of a minutes column -----------------------------------


def test_a_german_minutes_column_is_read_as_minutes():
    """Kills G09 (`uten` dropped from MINUTES_NAME). `Zeit (Minuten)` 90 and 30: 90/60 = 1.5 and
    30/60 = 0.5 hours, 2.0 in all (not 120 hours)."""
    data = csv(
        """\
        Datum,Beschreibung,Zeit (Minuten),Betrag
        2026-01-05,Auftrag A,90,45.00
        2026-01-06,Auftrag B,30,15.00
        """
    )
    mapping = {"date": "Datum", "description": "Beschreibung", "hours": "Zeit (Minuten)"}
    mapping |= {"gross": "Betrag", "currency": "EUR"}
    t = load_export(data, "auftraege.csv", mapping=mapping).transactions
    assert t["hours"].sum() == pytest.approx(2.0)


@pytest.mark.parametrize(
    "cash_out",
    [
        "Express Pay",  # kills C02 (`express pay` dropped from PAYOUT_WORDS)
        "Daily Pay",  # kills C04 (`daily pay` dropped)
        "Instant Pay",  # kills C05 (`pay` dropped from `instant (?:pay|...)`)
    ],
)
def test_a_drivers_instant_cash_out_is_a_transfer_not_a_refund(cash_out):
    """A driver's cash-out to her own card (Lyft Express Pay, Walmart Spark Daily Pay, Uber
    Instant Pay), -100.00, is money moved, not a refund: income 120.00 + 80.00 = 200.00 (as a
    refund it would be 200.00 - 100.00 = 100.00)."""
    data = csv(
        f"""\
        Date,Type,Description,Amount
        2026-01-05,Trip,Rides in Austin,120.00
        2026-01-06,Trip,Rides in Austin,80.00
        2026-01-07,{cash_out},{cash_out} to Visa Debit 4412,-100.00
        """
    )
    mapping = {"date": "Date", "kind": "Type", "description": "Description", "gross": "Amount"}
    result = load_export(data, "driver.csv", mapping=mapping | {"currency": "USD"})
    t = result.transactions
    assert t.loc[t["gross"] == -100.00, "kind"].astype(str).tolist() == ["transfer"]
    assert income_net(result) == 200.00


def test_a_minutes_column_with_decimal_minutes_is_read_as_minutes():
    """Kills G11 (decimals dropped from the plain-number pattern of `_hours`). `Time (min)`
    90.5 and 29.5: 120 minutes, 2.0 hours (not 90.5 + 29.5 = 120 hours)."""
    data = csv(
        """\
        Date,Description,Time (min),Amount
        2026-01-05,Batch A,90.5,45.00
        2026-01-06,Batch B,29.5,15.00
        """
    )
    mapping = {"date": "Date", "description": "Description", "hours": "Time (min)"}
    mapping |= {"gross": "Amount", "currency": "USD"}
    t = load_export(data, "batches.csv", mapping=mapping).transactions
    assert t["hours"].sum() == pytest.approx(2.0)


def test_a_conversion_cost_is_kept_to_the_cent():
    """Kills N11 (the cost rounded to whole units). 549.63 USD withdrawn on 20 Sep 2026 reached
    the bank as 51,677.92 INR, worth 539.00 USD at the ECB rates of 18 Sep 2026 (1.1460 USD and
    109.8755 INR per EUR: 51,677.92 x 1.146 / 109.8755 = 539.0006, as in test_import_payoneer).
    The cost is 549.63 - 539.00 = 10.63 USD (not 11)."""
    text = (
        "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,"
        "Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status\n"
        "09/20/2026,01:44:59,GMT+05:30,7101133,Withdrawal to HDFC BANK LTD,,-549.63,USD,"
        '"51,677.92",INR,Completed\n'
        "09/10/2026,05:46:42,GMT+05:30,7100540,Payment from Upwork Global Inc.,800.00,,USD,,,"
        "Completed\n"
    )
    t = load_export(text.encode(), "payoneer.csv").transactions
    assert t.loc[t["kind"] == "fee", "fee"].tolist() == [10.63]
    assert t.loc[t["kind"] == "transfer", "gross"].tolist() == [-539.00]
