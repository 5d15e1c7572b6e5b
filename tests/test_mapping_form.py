"""The column-mapping form and the generic importer on bank and wallet statements: a bank's
payment method is no kind of transaction, money going out in its own column (Debit), warnings
only about rows really counted, and files of the same name told apart in the import report.

Every file is a small literal below; expected totals are worked out by hand in the comments.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

from analytics.loader import load_export
from giglens_ui.mapping import guess_mapping, looks_like_kinds, sample_rows


def csv(text: str) -> bytes:
    return textwrap.dedent(text).encode()


def accounted(result) -> None:
    """Every data row is exactly one of imported, skipped or rejected."""
    imported = set(np.asarray(result.transaction_rows).tolist())
    skipped, rejected = set(result.skipped["row"]), set(result.rejected["row"])
    assert not imported & skipped and not imported & rejected and not skipped & rejected
    assert len(imported) + len(skipped) + len(rejected) == result.rows_read


def income_net(result) -> float:
    t = result.transactions
    return round(
        float(t[t["kind"].isin(["earning", "refund", "fee", "adjustment"])]["net"].sum()), 2
    )


def guesses(data: bytes, name: str = "statement.csv") -> dict[str, str]:
    columns = data.decode().splitlines()[0].split(",")
    return guess_mapping(columns, sample_rows(data, name, columns))


# A bank account: its Type column is how the money moved, not what it was. Three payments come
# in from the user's own platform balances (Stripe, PayPal, Etsy); two are the user's spending.
BANK = csv(
    """\
    Date,Type,Description,Amount,Currency
    2025-10-01,Faster payment,STRIPE PAYOUT,812.40,GBP
    2025-10-02,Card payment,TESCO STORES,-42.18,GBP
    2025-10-03,Direct Debit,RENT OCT,-950.00,GBP
    2025-10-06,Faster payment,PAYPAL WITHDRAWAL,400.00,GBP
    2025-10-08,Faster payment,ETSY DEPOSIT,96.20,GBP
    """
)
BANK_MAPPING = {
    "date": "Date",
    "gross": "Amount",
    "description": "Description",
    "currency": "Currency",
}

# Monzo's header: `Amount` holds every amount with its sign, `Money Out` / `Money In` split it.
MONZO = csv(
    """\
    Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In
    tx_01,01/10/2025,09:12:01,Faster payment,Stripe,,income,812.40,GBP,812.40,GBP,,,,STRIPE PAYOUT,,,812.40
    tx_02,02/10/2025,17:40:55,Card payment,Tesco,,groceries,-42.18,GBP,-42.18,GBP,,,,TESCO STORES,,-42.18,
    tx_03,03/10/2025,06:00:00,Direct Debit,Landlord,,bills,-950.00,GBP,-950.00,GBP,,,,RENT OCT,,-950.00,
    tx_04,14/10/2025,11:03:27,Faster payment,Acme Ltd,,income,1200.00,GBP,1200.00,GBP,,,,INVOICE 7 ACME,,,1200.00
    """
)

# A wallet with money in and out in two columns (Payoneer-like); debits written negative.
WALLET = csv(
    """\
    Date,Description,Credit,Debit,Currency,Status,Balance
    2025-10-01,Payment from Acme Ltd,"2,000.00",,USD,Completed,"2,000.00"
    2025-10-02,Transaction fee,,-12.50,USD,Completed,"1,987.50"
    2025-10-03,Withdrawal to bank account,,"-1,500.00",USD,Completed,487.50
    2025-10-03,Withdrawal fee,,-3.00,USD,Completed,484.50
    2025-10-04,Annual card fee,,-29.95,USD,Completed,454.55
    """
)


# --- 1. a bank's payment method is no kind of transaction ----------------------------------


def test_the_form_does_not_offer_a_banks_payment_method_as_the_type_of_transaction():
    # "Faster payment", "Card payment", "Direct Debit" say how the money moved: no type guessed
    assert guesses(BANK) == {**BANK_MAPPING}
    monzo = guesses(MONZO)
    assert "kind" not in monzo
    # Amount holds every amount with its sign: no second column for money going out
    assert monzo["gross"] == "Amount" and "gross_out" not in monzo


def test_a_type_column_of_kinds_giglens_knows_is_still_guessed():
    data = csv(
        """\
        Date,Type,Amount,Currency
        2025-03-01,Sale,100.00,USD
        2025-03-02,Refund,-20.00,USD
        2025-03-03,Service fee,-5.00,USD
        2025-03-04,Withdrawal,-75.00,USD
        2025-03-05,Tip,10.00,USD
        """
    )
    assert guesses(data)["kind"] == "Type"
    cells = ["Faster payment", "Card payment", "Direct Debit", "Sale"]
    assert not looks_like_kinds(pd.Series(cells))  # 1 of 4 is a kind
    # a Nationwide-style "Bank credit" says how the money came, not what it was
    # (4 of 5 cells: were it a kind, 80% would reach the share a type column needs)
    assert not looks_like_kinds(pd.Series(["Bank credit"] * 4 + ["Direct debit"]))


def test_payouts_in_a_bank_are_transfers_even_with_its_type_column_chosen():
    # the user picks the bank's Type column as the type of transaction anyway
    mapping = {**BANK_MAPPING, "kind": "Type"}
    result = load_export(BANK, "bank.csv", mapping=mapping)
    accounted(result)
    t = result.transactions
    assert t["kind"].tolist() == ["transfer", "refund", "refund", "transfer", "transfer"]
    # payouts moved 812.40 + 400.00 + 96.20 = 1,308.60 between the user's own accounts:
    # none of it is income
    transfers = t[t["kind"] == "transfer"]["gross"].sum()
    assert round(float(transfers), 2) == 1308.60
    # income: only the two payments out, read as refunds (-42.18 - 950.00 = -992.18), as the
    # default "money going out is refunds to clients" says
    assert income_net(result) == -992.18
    [why] = [w for w in result.warnings if "not a kind of transaction" in w]
    assert "'Faster payment', 'Card payment', 'Direct Debit'" in why
    assert "from their description ('Description')" in why


def test_the_same_bank_as_a_spending_account_has_no_income_and_no_refund_warning():
    for with_type in (False, True):
        mapping = {**BANK_MAPPING, "negatives": "expenses"}
        if with_type:
            mapping["kind"] = "Type"
        result = load_export(BANK, "bank.csv", mapping=mapping)
        accounted(result)
        assert result.transactions["kind"].tolist() == ["transfer"] * 3
        assert income_net(result) == 0.00  # 3 transfers, no income
        assert result.skipped["row"].tolist() == [3, 4]  # Tesco and the rent: own spending
        assert all("an expense, not income" in r for r in result.skipped["reason"])
        # 2. the rows left out were never counted as refunds: no warning says they were
        assert not [w for w in result.warnings if "counted as refunds" in w]
        # nor among the rows read by their description: the 3 payouts, not Tesco and the rent
        unknown_type = [w for w in result.warnings if "not a kind of transaction" in w]
        assert [w.split(" row(s)")[0] for w in unknown_type] == (["3"] if with_type else [])


def test_without_the_spending_choice_the_refund_warning_names_the_rows_counted():
    result = load_export(BANK, "bank.csv", mapping=BANK_MAPPING)
    [warning] = [w for w in result.warnings if "counted as refunds" in w]
    assert warning.startswith("2 row(s) of money going out")
    assert "('TESCO STORES', 'RENT OCT')" in warning and "my own spending" in warning


def test_a_type_giglens_knows_still_decides_and_an_empty_type_falls_back_to_the_words():
    data = csv(
        """\
        Date,Kind,What,Amount,Currency
        2025-03-01,earning,Stripe payout of March work,300.00,USD
        2025-03-02,,PAYPAL WITHDRAWAL,50.00,USD
        2025-03-03,Sale,Logo for Acme,120.00,USD
        """
    )
    mapping = {
        "date": "Date",
        "kind": "Kind",
        "description": "What",
        "gross": "Amount",
        "currency": "USD",
    }
    result = load_export(data, "k.csv", mapping=mapping)
    # "earning" and "Sale" are kinds the user's file states; the empty one is read from its
    # words: a withdrawal. Income 300.00 + 120.00 = 420.00
    assert result.transactions["kind"].tolist() == ["earning", "transfer", "earning"]
    assert income_net(result) == 420.00
    assert any("(an empty cell)" in w for w in result.warnings)


def test_a_platforms_deposit_is_a_transfer_but_a_clients_deposit_is_income():
    data = csv(
        """\
        Date,Description,Amount
        2025-03-01,ETSY DEPOSIT,96.20
        2025-03-02,Deposit from Upwork,500.00
        2025-03-03,Deposit for logo project - Jane Smith,150.00
        """
    )
    mapping = {"date": "Date", "gross": "Amount", "description": "Description", "currency": "EUR"}
    result = load_export(data, "d.csv", mapping=mapping)
    assert result.transactions["kind"].tolist() == ["transfer", "transfer", "earning"]
    assert income_net(result) == 150.00  # only the client's deposit


def test_monzo_with_the_guessed_columns_counts_only_the_invoice():
    mapping = {**guesses(MONZO), "negatives": "expenses"}
    result = load_export(MONZO, "monzo.csv", mapping=mapping)
    accounted(result)
    # the Stripe payout is a transfer, Tesco and the rent are spending: income is the invoice
    assert income_net(result) == 1200.00
    assert result.skipped["row"].tolist() == [3, 4]


def test_the_template_still_warns_about_money_out_of_a_kind_it_does_not_know():
    template = csv(
        """\
        date,platform,kind,gross,fee,net,currency,hours,client,description,reference
        2025-01-10,fiverr,earning,100.00,20.00,80.00,USD,,Ann,Logo,F1
        2025-01-11,fiverr,Something,-30.00,0.00,-30.00,USD,,Ann,Logo,F2
        """
    )
    result = load_export(template, "t.csv")
    assert income_net(result) == 50.00  # 80.00 - 30.00
    assert any(
        w.startswith("1 row(s) of money going out") and "'Something'" in w for w in result.warnings
    )


# --- 3. money going out in its own column ----------------------------------------------------


def test_the_form_guesses_the_debit_column_as_money_going_out():
    got = guesses(WALLET)
    assert (got["gross"], got["gross_out"]) == ("Credit", "Debit")
    assert "Balance" not in got.values()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a US bank: Withdrawals beside Deposits, which is empty on the rent's row
        (
            "Date,Description,Withdrawals,Deposits,Balance\n"
            "2025-01-02,Invoice 1,,100.00,100.00\n2025-01-03,Rent,50.00,,50.00\n",
            {"gross": "Deposits", "gross_out": "Withdrawals"},
        ),
        # one column of every amount, signed, beside a split one: no money-out column
        (
            "Date,What,Amount,Money Out\n2025-01-02,Invoice,100.00,\n2025-01-03,Rent,-50.00,-50.00\n",
            {"gross": "Amount"},
        ),
        # "Paid out" as the only amount column is the amount, as before
        (
            "Date,Client,Paid out\n2025-01-02,Ann,10.00\n2025-01-03,Bo,12.00\n",
            {"gross": "Paid out"},
        ),
    ],
)
def test_a_money_out_column_is_guessed_only_beside_an_amount_column_empty_on_its_rows(
    data, expected
):
    got = guesses(data.encode())
    assert {f: c for f, c in got.items() if f in ("gross", "gross_out")} == expected


def test_credit_and_debit_columns_import_every_row():
    mapping = {"date": "Date", "gross": "Credit", "gross_out": "Debit", "description": "Description",
               "currency": "Currency", "status": "Status"}  # fmt: skip
    result = load_export(WALLET, "wallet.csv", mapping=mapping)
    accounted(result)
    assert result.rejected.empty
    t = result.transactions
    assert t["kind"].tolist() == ["earning", "fee", "transfer", "fee", "fee"]
    # the fees are fee-only rows (gross 0, fee positive): 12.50 + 3.00 + 29.95 = 45.45
    assert round(float(t["fee"].sum()), 2) == 45.45
    assert t[t["kind"] == "transfer"]["gross"].tolist() == [-1500.00]
    # income: 2,000.00 - 45.45 = 1,954.55; the withdrawal is the user's own money moving
    assert income_net(result) == 1954.55
    # the same with "my own spending": fees and withdrawals are said by their words, not spent
    spending = load_export(WALLET, "wallet.csv", mapping={**mapping, "negatives": "expenses"})
    assert income_net(spending) == 1954.55 and spending.skipped.empty


def test_money_going_out_counts_as_negative_whatever_its_sign_in_the_file():
    data = csv(
        """\
        Date,Details,Money in,Money out
        2025-05-01,Invoice 12,250.00,
        2025-05-02,Card fee,,4.00
        2025-05-03,Refund to Bo,,-30.00
        2025-05-04,Nothing moved,0.00,0.00
        """
    )
    mapping = {"date": "Date", "gross": "Money in", "gross_out": "Money out", "description": "Details",
               "currency": "EUR"}  # fmt: skip
    result = load_export(data, "m.csv", mapping=mapping)
    accounted(result)
    t = result.transactions
    # 4.00 written positive and -30.00 written negative are both money going out
    assert t["kind"].tolist()[:3] == ["earning", "fee", "refund"]
    assert t["net"].tolist()[:3] == [250.00, -4.00, -30.00]
    assert income_net(result) == 216.00  # 250.00 - 4.00 - 30.00 + 0.00


def test_a_row_with_different_amounts_in_and_out_is_rejected_and_the_same_money_is_read_once():
    data = csv(
        """\
        Date,What,Amount,Money Out
        2025-05-01,TESCO STORES,-42.18,-42.18
        2025-05-02,Odd row,100.00,5.00
        2025-05-03,Invoice 3,80.00,
        """
    )
    mapping = {"date": "Date", "gross": "Amount", "gross_out": "Money Out", "description": "What",
               "currency": "GBP"}  # fmt: skip
    result = load_export(data, "m.csv", mapping=mapping)
    accounted(result)
    assert result.transactions["gross"].tolist() == [-42.18, 80.00]  # Tesco counted once
    [reason] = result.rejected["reason"].tolist()
    assert reason.startswith("both 'Amount' (100.00) and 'Money Out' (-5.00) hold an amount")
    assert result.rejected["row"].tolist() == [3]


def test_without_a_money_out_column_the_reason_names_the_debit_column():
    # the mapping of an older version: one amount column only (the old contract still works)
    mapping = {
        "date": "Date",
        "gross": "Credit",
        "description": "Description",
        "currency": "Currency",
    }
    result = load_export(WALLET, "wallet.csv", mapping=mapping)
    accounted(result)
    assert income_net(result) == 2000.00  # the payment; the four debit rows are not read
    assert result.rejected["row"].tolist() == [3, 4, 5, 6]
    first = result.rejected["reason"].iat[0]
    assert first == (
        "no amount in 'Credit' on this row, but 'Debit' holds -12.50: choose 'Debit' as "
        '"Money going out" in the column mapping ("Choose its columns again" on the Home '
        "page) to import it"
    )


# --- the form and the import report, driven in the app ---------------------------------------


@pytest.fixture(autouse=True)
def giglens_home(tmp_path, monkeypatch):
    """Remembered mappings and kept files go to a temporary folder, never ~/.giglens."""
    monkeypatch.setenv("GIGLENS_HOME", str(tmp_path / "giglens-home"))
    monkeypatch.setenv("GIGLENS_TODAY", "2025-12-01")
    return tmp_path / "giglens-home"


def new_app() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()


def upload(at: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    at.file_uploader[0].set_value(list(files))
    return at.run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def report(at: AppTest) -> dict[str, dict]:
    table = next(d.value for d in at.dataframe if "File" in d.value.columns)
    return {row["File"]: row for row in table.to_dict("records")}


def form_choices(at: AppTest) -> dict[str, str]:
    return {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("giglens.map")}


def import_with_the_form(at: AppTest) -> None:
    at.button(key=[b.key for b in at.button if b.label == "Import with this mapping"][0]).click()
    at.run()
    no_exception(at)


def test_a_bank_statement_through_the_form_counts_no_payout_as_income():
    at = upload(new_app(), ("statement.csv", BANK, "text/csv"))
    no_exception(at)
    chosen = form_choices(at)
    assert chosen["Type of transaction"] == "(none)"
    assert chosen["Money going out (a separate column, e.g. Debit)"] == "(none)"
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    at.radio(key=f"{prefix}.negatives").set_value("my own spending: leave it out")
    import_with_the_form(at)
    row = report(at)["statement.csv"]
    assert (row["Imported"], row["Skipped"], row["Rejected"]) == (3, 2, 0)
    # the 3 rows imported are transfers: no income at all, and no refund warning
    assert any("Net income in the files: £0.00" in c.value for c in at.caption)
    assert not [w for w in at.warning if "counted as refunds" in w.value]


def test_a_wallet_with_credit_and_debit_columns_through_the_form():
    at = upload(new_app(), ("wallet.csv", WALLET, "text/csv"))
    no_exception(at)
    chosen = form_choices(at)
    assert chosen["Amount received (gross)"] == "Credit"
    assert chosen["Money going out (a separate column, e.g. Debit)"] == "Debit"
    import_with_the_form(at)
    row = report(at)["wallet.csv"]
    assert (row["Imported"], row["Rejected"]) == (5, 0)
    # 2,000.00 - (12.50 + 3.00 + 29.95) = 1,954.55; the 1,500.00 withdrawal is no income
    assert any("Net income in the files: $1,954.55" in c.value for c in at.caption)
    notes = [i.value for i in at.info if "was read with the columns you chose" in i.value]
    assert notes and "money going out: Debit" in notes[0]


def test_the_form_refuses_one_column_as_both_amount_and_money_going_out():
    at = upload(new_app(), ("wallet.csv", WALLET, "text/csv"))
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    at.selectbox(key=f"{prefix}.gross_out").set_value("Credit")
    import_with_the_form(at)
    assert any("chosen both as an amount and as money going out" in e.value for e in at.error)


def test_the_form_refuses_one_column_for_two_fields_and_columns_that_read_no_row():
    at = upload(new_app(), ("wallet.csv", WALLET, "text/csv"))
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    # the description's column as the amount too: refused, naming both fields
    at.selectbox(key=f"{prefix}.gross").set_value("Description")
    import_with_the_form(at)
    [error] = [e.value for e in at.error]
    assert error.startswith("'Description' is chosen for ") and " and " in error
    # a date column that holds amounts: all 5 rows rejected, so the mapping is not kept
    at.selectbox(key=f"{prefix}.gross").set_value("Credit")
    at.selectbox(key=f"{prefix}.date").set_value("Balance")
    import_with_the_form(at)
    assert any(e.value.startswith("None of the 5 rows could be read") for e in at.error)
    assert [s.label for s in at.selectbox if s.label == "Date *"]  # the form is still there


def test_the_form_refuses_a_currency_code_that_is_none():
    # a slip (GPB for GBP) would leave every row out of the figures, unconverted
    at = upload(new_app(), ("bank.csv", BANK, "text/csv"))
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    at.selectbox(key=f"{prefix}.currency").set_value("(none)")
    at.text_input(key=f"{prefix}.currency_code").set_value("gpb")
    import_with_the_form(at)
    assert any(e.value.startswith("'GPB' is not a currency code GigLens knows") for e in at.error)


# 4. PayPal names every activity download Download.CSV: two different downloads, one name.
JANUARY = csv(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-01-05,paypal,earning,100.00,3.20,96.80,USD,,Ann,Logo,P1
    2025-01-28,paypal,earning,50.00,1.75,48.25,USD,,Bo,Icon,P2
    """
)
FEBRUARY = csv(
    """\
    date,platform,kind,gross,fee,net,currency,hours,client,description,reference
    2025-02-03,paypal,earning,200.00,6.10,193.90,USD,,Cy,Site,P3
    """
)


def test_files_of_the_same_name_are_told_apart_and_removed_one_at_a_time():
    at = upload(
        new_app(),
        ("Download.CSV", JANUARY, "text/csv"),
        ("Download.CSV", FEBRUARY, "text/csv"),
    )
    no_exception(at)
    files = report(at)
    assert list(files) == [
        "Download.CSV (5 Jan 2025 – 28 Jan 2025)",
        "Download.CSV (3 Feb 2025)",
    ]
    assert [files[f]["Imported"] for f in files] == [2, 1]
    choice = at.selectbox(key="giglens.remove.choice")
    assert choice.options == [
        "Download.CSV (PayPal, 5 Jan 2025 – 28 Jan 2025)",
        "Download.CSV (PayPal, 3 Feb 2025)",
    ]
    choice.set_value("Download.CSV (PayPal, 5 Jan 2025 – 28 Jan 2025)").run()
    [b for b in at.button if b.label == "Remove" and "chosen" in b.key][0].click().run()
    no_exception(at)
    # the February download is left, under its own name again
    assert list(report(at)) == ["Download.CSV"]
    assert any("Net income in the files: $193.90" in c.value for c in at.caption)


def test_a_column_named_date_with_one_typo_in_a_short_sample_is_still_the_date():
    """Three dates and "not a date" (75% of four, under the 80% that values alone need): the
    column's name says what it is. A column of another name needs the 80%."""
    samples = pd.DataFrame(
        {
            "Date": ["2025-01-03", "2025-02-14", "not a date", "2025-03-01"],
            "Amount": ["120.00", "80.50", "30.00", "45.00"],
            "Description": ["Client A", "Client B", "Client C", "Client D"],
        }
    )
    assert guess_mapping(list(samples.columns), samples)["date"] == "Date"
    other = samples.rename(columns={"Date": "Booked"})
    assert "date" not in guess_mapping(list(other.columns), other)
    # an impossible date is a typo too
    typo = samples.assign(Date=["2025-01-03", "2025-02-14", "2025-13-45", "2025-03-01"])
    assert guess_mapping(list(typo.columns), typo)["date"] == "Date"
    # a "Date" column of mostly words is no date column
    words = samples.assign(Date=["soon", "later", "2025-01-03", "never"])
    assert "date" not in guess_mapping(list(words.columns), words)


def test_a_mapped_refund_whose_fee_was_given_back_keeps_its_signs():
    """A file already written as GigLens writes rows: a refund of 30.00 with 6.00 of fee given
    back (-30.00, -6.00, -24.00: -30 - -6 = -24). A fee written negative that its row's net
    does not confirm (100.00, -10.00, 90.00: PayPal's way) is money kept, 10.00. Income:
    -24.00 + 90.00 = 66.00."""
    csv = (
        b"When,Total,Commission,Payout,Cur\n"
        b"2025-02-01,-30.00,-6.00,-24.00,usd\n"
        b"2025-02-02,100.00,-10.00,90.00,usd\n"
    )
    mapping = {"date": "When", "gross": "Total", "fee": "Commission", "net": "Payout"}
    result = load_export(csv, "f.csv", mapping={**mapping, "currency": "Cur"})
    assert result.rejected.empty
    rows = result.transactions[["kind", "gross", "fee", "net"]].values.tolist()
    assert rows == [["refund", -30.0, -6.0, -24.0], ["earning", 100.0, 10.0, 90.0]]
    assert result.transactions["net"].sum() == 66.0


GERMAN_BANK = (
    "Buchungstag;Valuta;Verwendungszweck;Betrag;Währung\n"
    "02.01.2025;02.01.2025;Rechnung 2025-001 Studio Nord;1.785,00;EUR\n"
    "05.01.2025;05.01.2025;PAYPAL EUROPE S.A.R.L. Auszahlung;420,00;EUR\n"
    "07.01.2025;07.01.2025;Umbuchung vom Tagesgeld;1.000,00;EUR\n"
    "08.01.2025;08.01.2025;Übertrag vom Sparkonto;500,00;EUR\n"
    "10.01.2025;10.01.2025;Miete Januar;-950,00;EUR\n"
)


def test_a_german_banks_payouts_and_own_transfers_are_no_income():
    """A German bank account: a client's invoice (1,785.00) is income; PayPal's payout
    ("Auszahlung", 420.00) and moves from savings ("Umbuchung vom Tagesgeld", 1,000.00;
    "Übertrag vom Sparkonto", 500.00) are the user's own money moving, left out with a warning;
    the rent is own spending. Income 1,785.00."""
    from analytics.importers.generic import NEGATIVES_ARE_EXPENSES

    mapping = {
        "date": "Buchungstag",
        "gross": "Betrag",
        "description": "Verwendungszweck",
        "currency": "Währung",
        "negatives": NEGATIVES_ARE_EXPENSES,
    }
    result = load_export(GERMAN_BANK.encode("cp1252"), "umsaetze.csv", mapping=mapping)
    t = result.transactions
    assert t.loc[t["kind"] == "earning", "net"].sum() == 1785.0
    assert sorted(t.loc[t["kind"] == "transfer", "gross"]) == [420.0, 500.0, 1000.0]
    assert list(result.skipped["row"]) == [6]  # the rent
    assert any("3 payment(s) coming in were left out of income" in w for w in result.warnings)


def test_the_form_guesses_a_german_banks_columns_and_its_spending():
    from giglens_ui.mapping import looks_like_a_bank_account

    columns = ["Buchungstag", "Valuta", "Verwendungszweck", "Betrag", "Währung"]
    samples = sample_rows(GERMAN_BANK.encode(), "umsaetze.csv", columns)
    guesses = guess_mapping(columns, samples)
    assert guesses["description"] == "Verwendungszweck" and guesses["gross"] == "Betrag"
    assert looks_like_a_bank_account(columns)
    assert not looks_like_a_bank_account(["Date", "Client", "Amount", "Fee"])


def test_money_going_out_without_words_is_not_quoted_as_an_empty_kind():
    """Rent without a description (no column mapped for it), counted as a refund to a client:
    the warning says its words say nothing, not "a kind GigLens does not know ('')"."""
    data = b"Date,Amount,Currency\n2025-01-02,1785.00,EUR\n2025-01-10,-950.00,EUR\n"
    result = load_export(
        data, "bank.csv", mapping={"date": "Date", "gross": "Amount", "currency": "Currency"}
    )
    [warning] = [w for w in result.warnings if "counted as refunds" in w]
    assert warning.startswith("1 row(s) of money going out whose words say nothing GigLens knows")
    assert "('')" not in warning


def test_a_german_bank_file_opens_the_form_with_its_purpose_and_spending_chosen():
    at = upload(new_app(), ("umsaetze.csv", GERMAN_BANK.encode("cp1252"), "text/csv"))
    no_exception(at)
    chosen = form_choices(at)
    assert chosen["Description"] == "Verwendungszweck"
    [negatives] = [r for r in at.radio if r.key and r.key.endswith(".negatives")]
    assert negatives.value == "my own spending: leave it out"


@pytest.mark.parametrize(
    "column",
    [
        "Verwendungszweck",
        "Buchungstext",
        "Beschreibung",
        "Purpose",
        "Narrative",
        "Concepto",
        "Libellé",
    ],
)
def test_the_form_guesses_a_description_in_the_banks_words(column):
    columns = ["Datum", column, "Betrag"]
    data = f"Datum;{column};Betrag\n02.01.2025;Rechnung 1;1.785,00\n03.01.2025;Miete;-950,00\n"
    guesses = guess_mapping(columns, sample_rows(data.encode(), "b.csv", columns))
    assert guesses["description"] == column


@pytest.mark.parametrize(
    "column",
    [
        "IBAN",
        "BIC",
        "Saldo",
        "Balance",
        "Valuta",
        "Value date",
        "Buchungstag",
        "Verwendungszweck",
        "Auftraggeber",
        "Empfänger",
        "Counterparty",
        "Payee",
        "Merchant",
    ],
)
def test_each_banks_column_says_it_is_a_bank_account(column):
    from giglens_ui.mapping import looks_like_a_bank_account

    assert looks_like_a_bank_account(["Date", column, "Amount"])


def test_the_currency_guessed_is_the_one_beside_the_amount_when_there_are_two():
    """ING writes `Saldo;Währung;Betrag;Währung`: the first Währung is the balance's, the
    second the amount's (120,00 USD is a dollar payment, not 120 euros)."""
    columns = ["Buchung", "Auftraggeber/Empfänger", "Saldo", "Währung", "Betrag", "Währung (2)"]
    samples = pd.DataFrame(
        [
            ["31.01.2026", "Acme GmbH", "1.234,56", "EUR", "1.234,56", "EUR"],
            ["02.02.2026", "US Client", "1.354,56", "EUR", "120,00", "USD"],
        ],
        columns=columns,
    )
    chosen = guess_mapping(columns, samples)
    assert chosen["gross"] == "Betrag" and chosen["currency"] == "Währung (2)"


def test_a_balance_column_is_never_guessed_as_the_amount():
    columns = ["Date", "Balance", "Value"]
    samples = pd.DataFrame(
        [["2026-01-05", "1,000.00", "250.00"], ["2026-01-06", "1,100.00", "100.00"]],
        columns=columns,
    )
    assert guess_mapping(columns, samples)["gross"] == "Value"


def test_an_ing_export_with_two_currency_columns_maps_from_the_form_to_the_import():
    """ING's header names Währung twice. The unknown layout lists the second as 'Währung (2)',
    the form's sample rows are found under it, the first guesses take the amount and its
    currency (not the balance, not as the fee either), and the import counts 500.00 and 800.00
    euros and a 120.00 dollar payment."""
    from analytics import UnknownFormat

    text = (
        "Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;"
        "Betrag;Währung\n"
        "30.01.2026;30.01.2026;ACME GmbH;Gutschrift;Rechnung 12;12.845,67;EUR;500,00;EUR\n"
        "31.01.2026;31.01.2026;US Client;Gutschrift;Rechnung 13;12.965,67;EUR;120,00;USD\n"
        "02.02.2026;02.02.2026;Kunde AG;Gutschrift;Rechnung 14;13.765,67;EUR;800,00;EUR\n"
    ).encode()
    with pytest.raises(UnknownFormat) as unknown:
        load_export(text, "ing.csv")
    columns = list(unknown.value.columns)
    assert columns[-3:] == ["Währung", "Betrag", "Währung (2)"]
    samples = sample_rows(text, "ing.csv", columns)
    assert len(samples) == 3
    chosen = guess_mapping(columns, samples)
    assert (chosen["gross"], chosen["currency"]) == ("Betrag", "Währung (2)")
    assert "fee" not in chosen and "net" not in chosen
    t = load_export(text, "ing.csv", mapping=chosen).transactions
    assert t.groupby("currency", observed=True)["net"].sum().to_dict() == {
        "EUR": 1300.0,
        "USD": 120.0,
    }


def test_wallet_moves_of_wise_and_revolut_and_a_paypal_withdrawal_at_a_uk_bank_are_no_income():
    """A wallet's own moves: Wise's conversion legs (1,495.20 USD out, 1,132.10 GBP in, its
    4.80 fee a fee), Revolut's top-up from a card and its exchange; a UK bank's PPWDL (a PayPal
    withdrawal arriving). Income is only the clients': 1,500.00 + 650.00 + 850.00."""
    data = csv(
        """\
        Date,Amount,Currency,Description,Total fees
        2025-11-03,1500.00,USD,Received money from ACME INC,0.00
        2025-11-05,-1495.20,USD,Converted 1495.20 USD to 1132.10 GBP,4.80
        2025-11-05,1132.10,GBP,Converted 1495.20 USD to 1132.10 GBP,0.00
        2025-11-06,200.00,GBP,Top-Up by *1234,0.00
        2025-11-06,650.00,GBP,Payment from Blue Owl Studio,0.00
        2025-11-07,-100.00,GBP,Exchanged to EUR,0.50
        2025-11-08,320.55,GBP,PAYPAL PPWDL 5YHJ3K,0.00
        2025-11-09,850.00,GBP,FASTER PAYMENT FROM ACME DESIGN LTD,0.00
        """
    )
    mapping = {"date": "Date", "gross": "Amount", "currency": "Currency"}
    mapping |= {"description": "Description", "fee": "Total fees"}
    result = load_export(data, "wallet.csv", mapping=mapping)
    t = result.transactions
    earned = t[t["kind"] == "earning"]
    assert sorted(earned["gross"]) == [650.00, 850.00, 1500.00]
    assert sorted(t.loc[t["kind"] == "transfer", "gross"]) == [
        -1495.20,
        -100.00,
        200.00,
        320.55,
        1132.10,
    ]
    # the conversions' own fees are fees: 4.80 USD and 0.50 GBP
    assert sorted(t.loc[t["kind"] == "fee", "fee"]) == [0.50, 4.80]


def test_a_bonus_column_beside_the_earnings_is_not_guessed_as_the_fee():
    # 0.10 beside 1.20 looks like a fee by its size, but a bonus is money the worker gets
    data = csv(
        """\
        Date,Earnings (EUR),Bonus (EUR)
        2025-11-01,0.85,0.00
        2025-11-02,1.20,0.10
        2025-11-05,3.75,0.25
        """
    )
    guessed = guesses(data)
    assert guessed["gross"] == "Earnings (EUR)"
    assert "fee" not in guessed


def test_a_banks_interest_is_no_gig_income():
    # 850.00 from a client is income; the bank's 1.12 of interest is savings income, said so
    data = csv(
        """\
        Date,Description,Money In,Currency
        2025-11-20,FASTER PAYMENT FROM ACME DESIGN LTD,850.00,GBP
        2025-11-28,INTEREST PAID,1.12,GBP
        2025-11-29,PUBLIC INTEREST RESEARCH INV 7,300.00,GBP
        """
    )
    mapping = {"date": "Date", "gross": "Money In", "currency": "Currency"}
    result = load_export(data, "bank.csv", mapping=mapping | {"description": "Description"})
    kinds = dict(zip(result.transactions["gross"], result.transactions["kind"], strict=True))
    # a client named "Public Interest Research" stays a client
    assert kinds == {850.00: "earning", 1.12: "transfer", 300.00: "earning"}
    assert any("'INTEREST PAID'" in w and "the bank's interest" in w for w in result.warnings)


def test_a_revolut_transfer_type_coming_in_is_read_from_its_description():
    """Revolut Business types a client's bank payment and the user's own moves alike
    `TRANSFER`. Mapped as the kind, money coming in is read from its description: Acme's
    1,200.00 is income, a Stripe payout and a bare TRANSFER without words stay transfers; going
    out, `TRANSFER` stays a transfer (not a refund lowering income). Income: 1,200.00."""
    data = csv(
        """\
        Date completed (UTC),Type,Description,Amount,Fee,Payment currency
        2026-03-02,TRANSFER,Payment from Acme Ltd,1200.00,0.00,GBP
        2026-03-05,TRANSFER,To John Smith,-300.00,0.00,GBP
        2026-03-09,TRANSFER,Stripe payout,450.00,0.00,GBP
        2026-03-10,TOPUP,Top-up by *1234,100.00,0.00,GBP
        2026-03-12,TRANSFER,,50.00,0.00,GBP
        2026-03-13,TRANSFER,From GBP Savings,80.00,0.00,GBP
        2026-03-15,FEE,Plan fee,-7.00,0.00,GBP
        """
    )
    mapping = {"date": "Date completed (UTC)", "kind": "Type", "gross": "Amount", "fee": "Fee"}
    mapping |= {"description": "Description", "currency": "Payment currency"}
    result = load_export(data, "revolut.csv", mapping=mapping)
    accounted(result)
    t = result.transactions
    kinds = dict(zip(t["gross"], t["kind"], strict=True))
    assert kinds == {
        1200.00: "earning",
        -300.00: "transfer",
        450.00: "transfer",
        100.00: "transfer",
        50.00: "transfer",
        80.00: "transfer",  # the user's own savings
        0.00: "fee",
    }
    assert t.loc[t["kind"] == "fee", "fee"].tolist() == [7.00]
    [said] = [w for w in result.warnings if "bank transfer ('TRANSFER')" in w]
    assert said.startswith("1 payment(s) coming in")


def test_a_hand_kept_invoice_list_with_a_paid_column_counts_only_what_was_paid():
    """A freelancer's own list: `Paid?` Yes/No (or Open, Overdue). The form takes the column
    of words as the status; only the paid invoices are income: 1,200.00 + 300.00 = 1,500.00;
    the three unpaid ones (800.00, 450.00, 90.00) are skipped with their reason."""
    data = csv(
        """\
        Invoice date,Client,Amount,Currency,Paid?
        2026-02-01,Acme Ltd,1200.00,USD,Yes
        2026-02-15,Beta LLC,800.00,USD,No
        2026-03-01,Gamma Inc,300.00,USD,yes
        2026-03-20,Delta Co,450.00,USD,Overdue
        2026-04-02,Acme Ltd,90.00,USD,open
        """
    )
    guessed = guesses(data)
    assert guessed["status"] == "Paid?" and guessed["gross"] == "Amount"
    result = load_export(data, "invoices.csv", mapping=guessed)
    accounted(result)
    assert result.transactions["gross"].sum() == 1500.00
    assert sorted(result.skipped["row"]) == [3, 5, 6]
    assert all("not paid yet" in r for r in result.skipped["reason"])


def test_an_invoice_number_is_neither_guessed_as_the_fee_nor_read_as_money():
    """`INV-101` is an invoice number, not -101.00 in a currency "INV": the form does not take
    its column for the fee, and mapped as the fee by hand its cells are rejected, not read as
    a 101.00 fee (the 1,500.00 invoice netted 1,399.00)."""
    data = csv(
        """\
        Date,Client,Invoice no,Amount,Paid?
        2026-02-01,Acme Ltd,INV-101,1500.00,Yes
        2026-03-01,Beta LLC,INV-103,500.00,Yes
        """
    )
    guessed = guesses(data)
    assert "fee" not in guessed and guessed["gross"] == "Amount"
    mapping = {"date": "Date", "gross": "Amount", "fee": "Invoice no", "currency": "USD"}
    result = load_export(data, "invoices.csv", mapping=mapping)
    accounted(result)
    assert result.transactions.empty
    assert sorted(result.rejected["row"]) == [2, 3]
    # an ISO code beside an amount is still read: USD 12.00, 12.00 EUR
    coded = csv(
        """\
        Date,Amount,Fee
        2026-02-01,USD 120.00,12.00 USD
        """
    )
    t = load_export(
        coded,
        "coded.csv",
        mapping={"date": "Date", "gross": "Amount", "fee": "Fee", "currency": "USD"},
    ).transactions
    assert t[["gross", "fee", "net"]].iloc[0].tolist() == [120.00, 12.00, 108.00]


# Wise's statement, newest first: its Amount is what moved the balance, fees already taken
# (146.65 = 151.64 - 4.99; 158.64 = 999.52 - 840.88 with 3.93 of fees inside the 840.88;
# 999.52 = 948.53 + 50.99 and 948.53 = 998.53 - 50.00 with a 1.20 fee on a payment in).
WISE_STATEMENT = """\
    TransferWise ID,Date,Amount,Currency,Description,Payment Reference,Running Balance,Total fees
    CARD-9,08-01-2026,-4.99,EUR,Card transaction,,146.65,0.00
    CARD-8,08-01-2026,-7.00,EUR,Card transaction,,151.64,0.00
    TRANSFER-7,06-01-2026,-840.88,EUR,Sent money to Anna,,158.64,3.93
    TRANSFER-6,04-01-2026,50.99,EUR,Received money from Blue Owl,,999.52,0.00
    TRANSFER-5,03-01-2026,-50.00,EUR,Sent money to Ben,,948.53,0.00
    TRANSFER-4,02-01-2026,498.80,EUR,Received money from ACME GMBH,INV-7,998.53,1.20
    TRANSFER-3,01-01-2026,20.00,EUR,Received money from Ben,,499.73,0.00
    """


def test_wise_amount_moves_the_balance_after_fees_so_it_is_guessed_as_the_net():
    data = csv(WISE_STATEMENT)
    chosen = guesses(data)
    assert chosen["net"] == "Amount" and chosen["fee"] == "Total fees"
    assert "gross" not in chosen
    # the client's payment in: 498.80 reached the account, 1.20 kept: gross 500.00
    t = load_export(data, "wise.csv", mapping=chosen).transactions
    acme = t[t["description"].str.contains("ACME")]
    assert acme[["gross", "fee", "net"]].sum().round(2).to_dict() == {
        "gross": 500.00,
        "fee": 1.20,
        "net": 498.80,
    }


def test_wise_without_its_balance_column_is_known_by_its_transferwise_id():
    lines = textwrap.dedent(WISE_STATEMENT).splitlines()
    cells = [line.split(",") for line in lines]
    without_balance = "\n".join(",".join(row[:6] + row[7:]) for row in cells) + "\n"
    chosen = guesses(without_balance.encode())
    assert chosen["net"] == "Amount" and chosen["fee"] == "Total fees"


def test_an_amount_whose_fee_still_comes_off_the_balance_stays_the_gross():
    # the balance moves by the amount less the fee: 1,000.00 - 30.00 = +970.00
    data = csv(
        """\
        Date,Amount,Fee,Balance,Description
        2026-01-02,1000.00,30.00,1970.00,Invoice 12
        2026-01-01,1000.00,0.00,1000.00,Opening deposit
        """
    )
    chosen = guesses(data)
    assert chosen["gross"] == "Amount" and chosen["fee"] == "Fee"
    assert "net" not in chosen


def test_a_paid_answer_left_blank_or_partly_is_counted_in_full_and_said():
    """Yes: 1,200.00; blank: 800.00; Partly: 450.00 (counted, 1,250.00 of them said by row);
    No: 300.00 skipped. Income 1,200.00 + 800.00 + 450.00 = 2,450.00."""
    data = csv(
        """\
        Invoice date,Client,Amount,Currency,Paid?
        2026-02-01,Acme Ltd,1200.00,USD,Yes
        2026-02-15,Beta LLC,800.00,USD,
        2026-03-01,Gamma Inc,300.00,USD,No
        2026-03-20,Delta Co,450.00,USD,Partly
        """
    )
    result = load_export(data, "invoices.csv", mapping=guesses(data))
    accounted(result)
    assert result.transactions["gross"].sum() == 2450.00
    said = [w for w in result.warnings if "counted in full" in w]
    assert len(said) == 1
    assert "2 payment(s)" in said[0] and "row(s) 3, 5;" in said[0]
    assert "1,250.00 USD" in said[0]


def test_a_platform_status_left_blank_is_not_taken_for_an_unanswered_paid_column():
    # Completed/Pending is a status, not a Yes/No answer: a blank cell there says nothing
    data = csv(
        """\
        Date,Client,Amount,Currency,Status
        2026-02-01,Acme Ltd,1200.00,USD,Completed
        2026-02-15,Beta LLC,800.00,USD,
        2026-03-01,Gamma Inc,300.00,USD,Pending
        """
    )
    mapping = {"date": "Date", "client": "Client", "gross": "Amount", "currency": "Currency"}
    result = load_export(data, "payments.csv", mapping=mapping | {"status": "Status"})
    assert result.transactions["gross"].sum() == 2000.00
    assert not [w for w in result.warnings if "counted in full" in w]


def test_a_drivers_delivery_file_is_guessed_without_inventing_fees():
    """DoorDash: `Deliveries` (a count) and `Base Pay` (part of the pay) are no fee; the hours
    are `Dash Time (hrs)`, the kind the `Type` column (Dash, Weekly Payout, Fast Pay...). A
    Fast Pay to her own card is a transfer, its 1.99 a fee: income 55.16 + 65.73 + 8.50 -
    1.99 = 127.40."""
    data = csv(
        """\
        Date,Type,Description,Deliveries,Dash Time (hrs),Base Pay,Customer Tips,Adjustments,Total
        03/03/2025,Dash,"Dash in Austin, TX (7 deliveries)",7,4.76,$27.16,$28.00,$0.00,$55.16
        03/04/2025,Dash,"Dash in Austin, TX (8 deliveries)",8,4.51,$33.73,$32.00,$0.00,$65.73
        03/05/2025,Adjustment,Pay adjustment,,,$0.00,$0.00,$8.50,$8.50
        03/06/2025,Weekly Payout,Direct deposit to Cash App 7781,,,$0.00,$0.00,$0.00,-$81.06
        03/07/2025,Fast Pay,Fast Pay to Visa Debit 4412,,,$0.00,$0.00,$0.00,-$22.52
        03/07/2025,Fast Pay Fee,Fast Pay fee,,,$0.00,$0.00,$0.00,-$1.99
        """
    )
    chosen = guesses(data)
    assert chosen["gross"] == "Total" and "fee" not in chosen
    assert chosen["hours"] == "Dash Time (hrs)" and chosen["kind"] == "Type"
    result = load_export(data, "doordash.csv", mapping=chosen | {"currency": "USD"})
    accounted(result)
    assert income_net(result) == 127.40
    t = result.transactions
    assert sorted(t.loc[t["kind"] == "transfer", "gross"]) == [-81.06, -22.52]
    assert t["hours"].sum() == pytest.approx(4.76 + 4.51)


def test_a_taskers_total_with_tips_is_the_amount_and_an_hourly_rate_no_fee():
    """TaskRabbit: Total = Task Amount + Tip (70.00 + 15.00 = 85.00): the Total is what she
    was paid; the Hourly Rate is no fee. Income 85.00 + 120.00 = 205.00."""
    data = csv(
        """\
        Date,Transaction Type,Task ID,Task,Client,Hours,Hourly Rate,Task Amount,Tip,Total,Status
        2025-01-01,Task Payment,T7038,Help Moving,Alicia R.,2.0,35.00,70.00,15.00,85.00,Completed
        2025-01-02,Task Payment,T7039,Furniture Assembly,Ben K.,3.0,40.00,120.00,0.00,120.00,Completed
        2025-01-03,Payout,,Payout to bank 0921,,,,0.00,0.00,-85.00,Completed
        """
    )
    chosen = guesses(data)
    assert chosen["gross"] == "Total" and "fee" not in chosen
    result = load_export(data, "taskrabbit.csv", mapping=chosen | {"currency": "USD"})
    accounted(result)
    assert income_net(result) == 205.00


def test_a_column_of_minutes_is_read_as_minutes():
    """Instacart's `Time (min)`: 86 + 89 minutes = 175 minutes = 2.9167 hours, not 175."""
    data = csv(
        """\
        Date,Type,Batch ID,Store,Items,Time (min),Batch Pay,Customer Tip,Fee,Amount
        2025-05-03,Batch,B651,H-E-B,24,86,12.26,5.00,0.00,17.26
        2025-05-04,Batch,B719,Target,35,89,13.63,5.00,0.00,18.63
        """
    )
    chosen = guesses(data)
    assert chosen["hours"] == "Time (min)"
    t = load_export(data, "instacart.csv", mapping=chosen | {"currency": "USD"}).transactions
    assert t["hours"].sum() == pytest.approx(175 / 60)
    assert t["net"].sum() == pytest.approx(17.26 + 18.63)


def test_a_paid_to_column_naming_where_the_money_went_is_no_status():
    # Clickworker's `Paid to` says PayPal on every row: where the money went, not whether it
    # was paid; every payment is income (16.96 + 16.77 = 33.73)
    data = csv(
        """\
        Payment date,Invoice no.,Amount (USD),Paid to,Note
        07/04/2025,CW-4410280,16.96,PayPal,UHRS + text jobs
        21/04/2025,CW-4410683,16.77,PayPal,UHRS + text jobs
        """
    )
    chosen = guesses(data)
    assert "status" not in chosen and chosen["gross"] == "Amount (USD)"
    result = load_export(data, "clickworker.csv", mapping=chosen | {"currency": "USD"})
    assert result.transactions["gross"].sum() == pytest.approx(33.73)


def test_tips_larger_than_the_base_pay_make_no_fee():
    """Amount + Tip = Total on every row (3.00 + 8.00 = 11.00...): the Total is the amount,
    and the replaced Amount is part of the pay, not the fee: income 11.00 + 10.50 + 12.00 =
    33.50, no fee."""
    data = csv(
        """\
        Date,Customer,Amount,Tip,Total,Currency
        2026-01-02,Order 1,3.00,8.00,11.00,USD
        2026-01-03,Order 2,4.50,6.00,10.50,USD
        2026-01-04,Order 3,2.75,9.25,12.00,USD
        """
    )
    chosen = guesses(data)
    assert chosen["gross"] == "Total" and "fee" not in chosen and "net" not in chosen
    t = load_export(data, "orders.csv", mapping=chosen).transactions
    assert t["net"].sum() == pytest.approx(33.50) and t["fee"].sum() == 0


def test_a_banks_booked_and_pending_states_are_still_a_status():
    """DKB: `Gebucht` (booked) and `Vorgemerkt` (pending): the pending 950,00 is skipped; a
    `Posted`/`Pending` column likewise. A column naming where money went is not."""
    dkb = csv(
        """\
        Buchungsdatum;Status;Zahlungspflichtige*r;Verwendungszweck;Betrag (€)
        02.01.26;Gebucht;ACME GmbH;Rechnung 1;1.200,00
        05.01.26;Gebucht;Beta AG;Rechnung 2;300,00
        07.01.26;Vorgemerkt;Gamma KG;Rechnung 3;950,00
        08.01.26;Gebucht;Delta;Rechnung 4;100,00
        """
    )
    columns = dkb.decode().splitlines()[0].split(";")
    chosen = guess_mapping(columns, sample_rows(dkb, "dkb.csv", columns))
    assert chosen["status"] == "Status"
    result = load_export(dkb, "dkb.csv", mapping=chosen | {"currency": "EUR"})
    assert result.transactions["gross"].sum() == pytest.approx(1600.00)
    posted = csv(
        """\
        Date,Status,Description,Amount,Currency
        2026-01-02,Posted,Invoice 1,500.00,USD
        2026-01-03,Pending,Invoice 2,950.00,USD
        2026-01-04,Posted,Invoice 3,200.00,USD
        """
    )
    assert guesses(posted)["status"] == "Status"


def test_a_banks_instant_payment_type_says_nothing_of_a_payout():
    # `Instant payment` is how a bank moved money, not a cash-out: a Stripe payout arriving
    # that way is read from its description (a transfer), not counted as income
    data = csv(
        """\
        Date,Type,Description,Amount,Currency
        2026-01-02,Instant payment,STRIPE PAYOUT,812.40,EUR
        2026-01-03,Instant payment,Payment from Acme Ltd,300.00,EUR
        """
    )
    mapping = {"date": "Date", "kind": "Type", "description": "Description", "gross": "Amount"}
    t = load_export(data, "bank.csv", mapping=mapping | {"currency": "Currency"}).transactions
    assert t.set_index("description")["kind"].astype(str).to_dict() == {
        "STRIPE PAYOUT": "transfer",
        "Payment from Acme Ltd": "earning",
    }


def test_a_minutes_column_with_units_in_its_cells_reads_them_as_written():
    # `90 min` and `1h 30m` say their unit: 1.5 hours each; a plain 45 is minutes: 0.75
    data = csv(
        """\
        Date,Amount,Time (min)
        2026-01-02,20.00,90 min
        2026-01-03,20.00,1h 30m
        2026-01-04,10.00,45
        """
    )
    mapping = {"date": "Date", "gross": "Amount", "hours": "Time (min)", "currency": "USD"}
    t = load_export(data, "work.csv", mapping=mapping).transactions
    assert t["hours"].round(4).tolist() == [1.5, 1.5, 0.75]


def test_a_riders_statement_from_its_guesses_counts_the_delivery_fees_as_pay():
    """Deliveroo: 'Delivery fees' are the rider's pay and 'Paid to' names his bank (masked):
    neither is the platform's fee nor a status. Orders 22.60 + 35.21 + 25.07 = 82.88 of
    income; the weekly Payment of 57.81 to his Monzo account is a transfer, not a refund."""
    data = csv(
        """\
        Date,Type,Reference,Zone,Orders,Hours online,Delivery fees,Tips,Adjustments,Total,Paid to
        01/04/2025,Delivery fees,DR-1,Manchester,5,3.00,21.60,1.00,0.00,22.60,
        03/04/2025,Delivery fees,DR-2,Manchester,7,3.25,32.71,2.50,0.00,35.21,
        08/04/2025,Delivery fees,DR-3,Manchester,4,4.50,21.07,4.00,0.00,25.07,
        09/04/2025,Payment,DR-P-1,Manchester,,,0.00,0.00,0.00,-57.81,Monzo ****4821
        """
    )
    chosen = guesses(data)
    assert chosen.get("fee") != "Delivery fees" and "status" not in chosen
    result = load_export(data, "deliveroo.csv", mapping=chosen | {"currency": "GBP"})
    accounted(result)
    assert income_net(result) == 82.88
    t = result.transactions
    assert t.loc[t["kind"] == "transfer", "gross"].tolist() == [-57.81]
    assert t["fee"].sum() == 0


def test_a_couriers_order_cancelled_but_paid_is_income():
    # Just Eat: 'Cancelled (paid)' orders were paid (3.00 each); a plain 'Cancelled' was not
    data = csv(
        """\
        Order date,Order no.,Restaurant,Delivery pay,Tip,Total pay,Status
        07/03/2026,JE1,Nando's,3.00,0.00,3.00,Cancelled (paid)
        08/03/2026,JE2,Dishoom,4.72,1.00,5.72,Delivered
        09/03/2026,JE3,Dishoom,4.00,0.00,4.00,Cancelled
        """
    )
    mapping = {"date": "Order date", "gross": "Total pay", "status": "Status", "currency": "GBP"}
    result = load_export(data, "justeat.csv", mapping=mapping)
    accounted(result)
    assert result.transactions["gross"].sum() == pytest.approx(8.72)
    assert result.skipped["row"].tolist() == [4]


def test_doordash_weekly_pay_is_a_transfer_whether_kind_or_description():
    """DoorDash's `Weekly Pay` (191.05 to the bank on 12 Jan) is its regular payout, a
    transfer, not a refund to a customer: income stays the dash's 191.05."""
    data = csv(
        """\
        Date,Type,Notes,Dash Time,Total
        01/07/2026,Dash,Dash in Austin,3.5,$191.05
        01/12/2026,Weekly Pay,,,-$191.05
        """
    )
    for mapping in (
        {"date": "Date", "kind": "Type", "gross": "Total", "hours": "Dash Time"},
        {"date": "Date", "description": "Type", "gross": "Total", "hours": "Dash Time"},
    ):
        result = load_export(data, "doordash.csv", mapping=mapping | {"currency": "USD"})
        accounted(result)
        t = result.transactions
        assert t["kind"].astype(str).tolist() == ["earning", "transfer"], mapping
        assert income_net(result) == 191.05


def test_a_text_column_chosen_as_the_amount_says_to_choose_the_columns_again():
    data = b"Date,Client,Amount\n2025-03-01,Acme,120.00\n2025-03-09,Beta,80.00\n"
    result = load_export(
        data, "jobs.csv", mapping={"date": "Date", "gross": "Client", "currency": "USD"}
    )
    assert result.transactions.empty
    assert result.rejected["reason"].tolist() == [
        f"Client '{name}' is not an amount: column 'Client', chosen as an amount, holds none. "
        "Choose the file's columns again on the Home page and pick the column of amounts"
        for name in ("Acme", "Beta")
    ]
    # one cell alone, or one that is no amount among amounts, is the cell's mistake, as ever
    alone = load_export(
        data.splitlines(keepends=True)[0] + data.splitlines(keepends=True)[1],
        "jobs.csv",
        mapping={"date": "Date", "gross": "Client", "currency": "USD"},
    )
    assert alone.rejected["reason"].iloc[0].startswith("Client 'Acme' is not an amount GigLens")
    typo = data.replace(b"80.00", b"8O.00")
    reasons = load_export(
        typo, "jobs.csv", mapping={"date": "Date", "gross": "Amount", "currency": "USD"}
    )
    assert reasons.rejected["reason"].tolist() == [
        "Amount '8O.00' is not an amount GigLens can read: write a number such as 1234.56 (a "
        "minus sign for money going out), correct the cell and add the file again"
    ]


def test_a_subscription_bought_from_an_account_of_own_spending_is_no_platform_fee():
    # Tom's freelance marketplace account, mapped with money going out as his own spending:
    # the marketplace's "Project fee" is its charge; his "Canva Pro subscription" is a purchase
    from analytics.importers.generic import NEGATIVES_ARE_EXPENSES

    data = textwrap.dedent(
        """\
        Date,Description,Project,Currency,Amount,Balance
        2025-07-03,Milestone payment released,Shopify theme fix,USD,180.00,180.00
        2025-07-03,Project fee,Shopify theme fix,USD,-18.00,162.00
        2025-07-10,Canva Pro subscription,,USD,-12.99,149.01
        2025-08-02,Withdrawal to PayPal,,USD,-149.01,0.00
        """
    ).encode()
    mapping = {
        "date": "Date",
        "gross": "Amount",
        "description": "Description",
        "currency": "Currency",
        "negatives": NEGATIVES_ARE_EXPENSES,
    }
    result = load_export(data, "transactions.csv", mapping=mapping)
    t = result.transactions
    assert sorted(t["kind"]) == ["earning", "fee", "transfer"]
    income = t[t["kind"].isin(["earning", "fee"])]
    assert round(income["net"].sum(), 2) == 162.00  # 180.00 - 18.00
    [spent] = result.skipped["reason"]
    assert spent.startswith("money you paid out (an expense, not income)")


def test_a_marketplaces_own_membership_ads_and_named_subscription_stay_its_fees():
    # the review's Fiverr-like ledger with spending left out: Seller Plus and Promoted Gigs are
    # Fiverr's own charges (fees); a subscription naming Fiverr too; Canva's is a purchase
    from analytics.importers.generic import NEGATIVES_ARE_EXPENSES

    data = textwrap.dedent(
        """\
        Date,Description,Currency,Amount
        2025-07-03,Order completed,USD,200.00
        2025-07-04,Seller Plus membership,USD,-29.00
        2025-07-05,Promoted Gigs ads,USD,-10.00
        2025-07-06,Fiverr Workspace subscription,USD,-15.00
        2025-07-07,Canva Pro subscription,USD,-12.99
        """
    ).encode()
    mapping = {
        "date": "Date",
        "gross": "Amount",
        "description": "Description",
        "currency": "Currency",
        "platform": "fiverr",
        "negatives": NEGATIVES_ARE_EXPENSES,
    }
    result = load_export(data, "ledger.csv", mapping=mapping)
    t = result.transactions
    assert round(t.loc[t["kind"] == "fee", "fee"].sum(), 2) == 54.00  # 29 + 10 + 15
    assert len(result.skipped) == 1  # Canva Pro


@pytest.mark.parametrize(
    "name, platform",
    [
        ("clickworker_payments.csv", "clickworker"),
        ("Appen earnings 2026.xlsx", "appen"),
        ("Cash App report.csv", "cashapp"),
        ("statement_USD_2026-01-01_2026-11-30.csv", ""),  # a Wise statement names none
        ("paypal_to_upwork.csv", ""),  # two: no guess
        ("my freelancer invoices.csv", ""),  # a freelancer's own file, not Freelancer.com's
        ("numbers.csv", ""),  # "uber" inside a word is no Uber
    ],
)
def test_the_platform_a_files_name_names(name, platform):
    from giglens_ui.mapping import platform_in_file_name

    assert platform_in_file_name(name) == platform


# A Clickworker payout list: Clickworker exports no earnings file, so the form reads it.
CLICKWORKER = csv(
    """\
    Date paid,Amount,Status,Payment method
    05.01.2026,31.20,paid,PayPal
    05.02.2026,28.90,paid,PayPal
    """
)


def test_the_form_starts_with_the_platform_the_files_name_names():
    at = upload(new_app(), ("clickworker_payments.csv", CLICKWORKER, "text/csv"))
    no_exception(at)
    prefix = [s.key for s in at.selectbox if s.label == "Date *"][0].rsplit(".", 1)[0]
    assert at.text_input(key=f"{prefix}.platform_name").value == "clickworker"
    assert any(c.value.startswith("From the file's name: Clickworker.") for c in at.caption)
    at.text_input(key=f"{prefix}.currency_code").set_value("USD")
    import_with_the_form(at)
    row = report(at)["clickworker_payments.csv"]
    assert row["Imported"] == 2
    assert row["Platform"] == "Clickworker"
