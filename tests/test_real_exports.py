"""Every real export in ../shared/real-exports imports with no rejected row and exact totals.

The expected numbers never come from GigLens: each file is read here with the csv module and
summed with Decimal, row by row, using the file's own amount columns. Each file's own type
column decides (through a table written by hand from export-formats.md and issue 2) what each
row must become: an earning, a refund, a transfer, or a row skipped because it never moved money
or was a purchase. Then, per currency:

    file's Net over all rows == Net of the imported transactions + Net of the skipped rows

so not a cent is lost or invented, and per kind and per month the imported gross / fee / net
equal the hand-classified rows' sums.

The files are found by a glob (every *.csv except hand-made fixtures); a file without an entry
in SPECS fails, so a new sample cannot slip in untested.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import REAL_EXPORTS, shared_file

from analytics import load_export
from analytics.schema import INCOME_KINDS

HANDMADE = "handmade_fixtures"


@dataclass(frozen=True)
class Spec:
    """How to read one real file independently of GigLens.

    `kinds` maps (type cell stripped, sign of the amount) to the expected canonical kind, or
    to "skip" for rows that must be listed in `skipped`. `fee_sign` turns the file's fee into
    GigLens's positive fee (PayPal writes fees negative, Stripe positive).
    """

    platform: str
    layout: str
    date: str
    date_format: str
    net: str
    kinds: dict[tuple[str, str], str]
    type: str | None = None
    currency: str | None = None  # column; None means USD
    gross: str | None = None
    fee: str | None = None
    fee_sign: int = 1
    decimal_comma: bool = False
    hours: str | None = None
    extra: dict = field(default_factory=dict)


def _paypal_activity_kinds() -> dict[tuple[str, str], str]:
    kinds = {}
    for payment in ("General Payment", "Website Payment", "Subscription Payment"):
        kinds[(payment, "+")] = "earning"  # money received
        kinds[(payment, "-")] = "skip"  # a purchase the owner paid
    kinds[("PreApproved Payment Bill User Payment", "-")] = "skip"
    for conversion in ("General Currency Conversion", "User Initiated Currency Conversion"):
        kinds[(conversion, "+")] = kinds[(conversion, "-")] = "transfer"
    kinds[("General Withdrawal", "-")] = "transfer"
    kinds[("Bank Deposit to PP Account", "+")] = "transfer"
    kinds[("Payment Hold", "-")] = kinds[("Payment Release", "+")] = "skip"
    return kinds


SPECS: dict[str, Spec] = {
    "paypal/oca_activity_en.csv": Spec(
        platform="paypal",
        layout="PayPal activity download",
        date="Date",
        date_format="%d/%m/%Y",  # OCA's own mapping reads this account day-first
        type="Type",
        currency="Currency",
        gross="Gross",
        fee="Fee",
        net="Net",
        fee_sign=-1,
        kinds=_paypal_activity_kinds(),
    ),
    "paypal/oca_empty_activity.csv": Spec(
        platform="paypal",
        layout="PayPal activity download",
        date="Date",
        date_format="%d/%m/%Y",
        type="Type",
        currency="Currency",
        gross="Gross",
        fee="Fee",
        net="Net",
        fee_sign=-1,
        kinds={},
    ),
    "paypal/hledger_example_activity_custom_fields_2019.csv": Spec(
        platform="paypal",
        layout="PayPal activity download",
        date="Date",
        date_format="%m/%d/%Y",
        type="Type",
        currency="Currency",
        gross="Gross",
        fee="Fee",
        net="Net",
        fee_sign=-1,
        kinds=_paypal_activity_kinds(),
    ),
    "paypal/oca_statement_en.csv": Spec(
        platform="paypal",
        layout="PayPal statement",
        date="Date",
        date_format="%m/%d/%Y",
        type="Description",
        currency="Currency",
        gross="Gross",
        fee="Fee",
        net="Net",
        fee_sign=-1,
        kinds={
            ("Express Checkout Payment", "+"): "earning",
            ("General Currency Conversion", "+"): "transfer",
            ("General Currency Conversion", "-"): "transfer",
            ("General Withdrawal - Bank Account", "-"): "transfer",
        },
    ),
    "paypal/oca_statement_es.csv": Spec(
        platform="paypal",
        layout="PayPal statement (Spanish)",
        date="Fecha",
        date_format="%d/%m/%Y",  # OCA maps the ES statement day-first
        type="Descripción",
        currency="Divisa",
        gross="Bruto",
        fee="Comisión",
        net="Neto",
        fee_sign=-1,
        decimal_comma=True,
        kinds={("Pago estándar", "+"): "earning"},
    ),
    "stripe/hledger_example_balance_change_from_activity_default_fields.csv": Spec(
        platform="stripe",
        layout="Stripe Balance change from activity report",
        date="created_utc",
        date_format="%Y-%m-%d %H:%M:%S",
        type="reporting_category",
        currency="currency",
        gross="gross",
        fee="fee",
        net="net",
        kinds={("charge", "+"): "earning", ("refund", "-"): "refund"},
    ),
    "toptal/toptal_payments_example.csv": Spec(
        platform="toptal",
        layout="Toptal Payments (CSV)",
        date="Transaction date",
        date_format="%m-%d-%Y %H:%M:%S",
        type="Description",
        net="Amount",
        # money moved between the Toptal wallet and the owner's own Toptal card
        kinds={("Transfer to Card", "+"): "transfer", ("Transfer from Card", "-"): "transfer"},
    ),
    "upwork/weekly_summary_export_sample.csv": Spec(
        platform="upwork",
        layout="Upwork Weekly Summary",
        date="Date",
        date_format="%Y-%m-%d",
        type="Payment type",
        net="Amount",
        hours="Hours",
        # gross amounts per contract and day: hourly (empty type), fixed price and bonus
        kinds={("", "+"): "earning", ("Fixed Price Payment", "+"): "earning"}
        | {("Bonus", "+"): "earning"},
    ),
}


def real_files() -> list[str]:
    """Every real sample (relative path), hand-made fixtures excluded."""
    return sorted(
        p.relative_to(REAL_EXPORTS).as_posix()
        for p in REAL_EXPORTS.rglob("*.csv")
        if HANDMADE not in p.parts
    )


def _require_shared() -> None:
    shared_file("paypal/PROVENANCE.md")  # skips without ../shared, fails under REQUIRE_SHARED=1


def _provenance_names(provenance: Path) -> set[str]:
    """File names given in the `## name.csv, other.csv` headings of a PROVENANCE.md."""
    names = set()
    for line in provenance.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            names |= {n.strip(" `") for n in line[3:].split(",") if n.strip().endswith(".csv")}
    return names


def test_glob_finds_every_file_named_in_each_provenance():
    _require_shared()
    found = set(real_files())
    provenances = sorted(REAL_EXPORTS.rglob("PROVENANCE.md"))
    assert len(provenances) >= 5  # paypal, its hand-made fixtures, stripe, toptal, upwork
    for provenance in provenances:
        folder = provenance.parent
        listed = _provenance_names(provenance)
        assert listed, f"{provenance} names no file"
        on_disk = {p.name for p in folder.glob("*.csv")}
        assert listed == on_disk, provenance  # each folder holds exactly what it documents
        if HANDMADE in folder.parts:
            assert not {p for p in found if HANDMADE in p}
        else:
            relative = {(folder / n).relative_to(REAL_EXPORTS).as_posix() for n in listed}
            assert relative <= found, provenance


def test_every_real_file_has_a_spec():
    _require_shared()
    assert set(real_files()) == set(SPECS), "add a Spec for each new real sample"


def _decimal(text: str, decimal_comma: bool) -> Decimal:
    text = text.strip()
    if not text:
        return Decimal(0)
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text.replace(",", ""))


def _read(path: Path, spec: Spec) -> list[dict]:
    """Data rows with stripped keys and values; `_row` is the spreadsheet row number."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader)]
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            row = {h: c.strip() for h, c in zip(header, cells, strict=False) if h}
            row["_row"] = number
            rows.append(row)
    dec = spec.decimal_comma
    for row in rows:
        net = _decimal(row[spec.net], dec)
        gross = _decimal(row[spec.gross], dec) if spec.gross else net
        fee = _decimal(row[spec.fee], dec) * spec.fee_sign if spec.fee else Decimal(0)
        sign = "-" if gross < 0 else "+"
        type_text = row[spec.type] if spec.type else ""
        assert (type_text, sign) in spec.kinds, f"row {row['_row']}: no rule for {type_text!r}"
        row.update(
            _gross=gross,
            _fee=fee,
            _net=net,
            _kind=spec.kinds[(type_text, sign)],
            _currency=row[spec.currency].upper() if spec.currency else "USD",
            _month=datetime.strptime(row[spec.date], spec.date_format).strftime("%Y-%m"),
        )
    return rows


def _expected_by(rows: list[dict], *keys: str) -> dict:
    """Sums of gross / fee / net over the rows GigLens must import, grouped by `keys`.

    A transfer that carries a fee becomes two transactions (transfer of the gross, fee row),
    as export-formats.md's "one fee model per platform" rule and the importers' docs say.
    """
    out: dict = defaultdict(lambda: [Decimal(0)] * 3)
    for r in rows:
        if r["_kind"] == "skip":
            continue
        parts = [(r["_kind"], r["_gross"], r["_fee"])]
        if r["_kind"] == "transfer" and r["_fee"]:
            parts = [("transfer", r["_gross"], Decimal(0)), ("fee", Decimal(0), r["_fee"])]
        for kind, gross, fee in parts:
            view = {"_kind": kind, "_currency": r["_currency"], "_month": r["_month"]}
            key = tuple(view[k] for k in keys)
            total = out[key]
            out[key] = [total[0] + gross, total[1] + fee, total[2] + gross - fee]
    return {k: tuple(float(x) for x in v) for k, v in out.items()}


def _got_by(table, *columns: str) -> dict:
    if table.empty:
        return {}
    frame = table.assign(month=table["date"].dt.strftime("%Y-%m"))
    frame["kind"] = frame["kind"].astype(str)
    frame["currency"] = frame["currency"].astype(str)
    sums = frame.groupby(list(columns))[["gross", "fee", "net"]].sum()
    return {(k if isinstance(k, tuple) else (k,)): tuple(v) for k, v in sums.iterrows()}


def _approx(expected: dict):
    return pytest.approx({k: pytest.approx(v, abs=0.005) for k, v in expected.items()})


@pytest.mark.parametrize("relative", sorted(SPECS))
def test_real_file_imports_with_exact_totals(relative):
    path = shared_file(relative)
    spec = SPECS[relative]
    rows = _read(path, spec)
    for r in rows:  # the file's own arithmetic, as a check on this reader
        assert r["_net"] == r["_gross"] - r["_fee"], r["_row"]

    # A neutral name: detection must come from the header, never the file name.
    result = load_export(path.read_bytes(), filename="download.csv")
    assert (result.platform, result.layout) == (spec.platform, spec.layout)
    assert result.rejected.empty, result.rejected.to_dict("records")
    assert result.rows_read == len(rows)
    assert set(result.skipped["row"]) == {r["_row"] for r in rows if r["_kind"] == "skip"}

    # PayPal's currency conversions give a fee row each for what the exchange rate cost (checked
    # by hand in the tests below), which the transfer of the money sold no longer carries:
    # folded back into that transfer here, the two are the file's row.
    table = result.transactions
    cost = table["description"].str.startswith("Currency conversion ")
    by_row = table[~cost].copy()
    by_row["kind"] = by_row["kind"].astype(str)
    folded = table[cost].assign(kind="transfer", gross=-table["fee"], fee=0.0)
    by_row = pd.concat([by_row, folded])
    assert _got_by(by_row, "kind", "currency") == _approx(_expected_by(rows, "_kind", "_currency"))
    table = table[~cost]
    income = table[table["kind"].isin(INCOME_KINDS)]
    income_rows = [r for r in rows if r["_kind"] in INCOME_KINDS]
    assert _got_by(income, "month", "currency") == _approx(
        _expected_by(income_rows, "_month", "_currency")
    )

    # Not a cent lost or invented: per currency, the file's Net = imported + skipped.
    for currency in {r["_currency"] for r in rows}:
        file_net = sum((r["_net"] for r in rows if r["_currency"] == currency), Decimal(0))
        skipped_net = sum(
            (r["_net"] for r in rows if r["_currency"] == currency and r["_kind"] == "skip"),
            Decimal(0),
        )
        imported = result.transactions.loc[
            result.transactions["currency"].astype(str) == currency, "net"
        ].sum()
        assert float(imported) + float(skipped_net) == pytest.approx(float(file_net), abs=0.005)

    if spec.hours:
        hours = sum(Decimal(r[spec.hours]) for r in rows if r[spec.hours])
        assert table["hours"].sum() == pytest.approx(float(hours), abs=1e-6)
    assert (table["net"] - (table["gross"] - table["fee"])).abs().max() < 0.005 or table.empty


def test_real_paypal_statement_conversions_cost_their_shortfall_against_the_ecb_rate():
    """Each USD -> EUR conversion of oca_statement_en.csv: the USD PayPal took against the EUR
    it gave at the ECB reference rate of its day (USD per EUR as the ECB published it)."""
    result = load_export(shared_file("paypal/oca_statement_en.csv"))
    table = result.transactions
    fees = table[table["description"].str.startswith("Currency conversion ")]
    by_hand = {
        # day: USD out less the EUR in at the ECB's USD per EUR of that day, in USD
        "2018-09-04": round(1261.00 - round(1058.09 * 1.1562, 2), 2),  # - 1,223.36
        "2018-09-11": round(3699.00 - round(3105.58 * 1.1574, 2), 2),  # - 3,594.40
        "2018-09-25": round(4282.00 - round(3534.51 * 1.1777, 2), 2),  # - 4,162.59
        "2018-09-27": round(11672.00 - round(9648.13 * 1.1707, 2), 2),  # - 11,295.07
    }
    assert by_hand == {
        "2018-09-04": 37.64,
        "2018-09-11": 104.60,
        "2018-09-25": 119.41,
        "2018-09-27": 376.93,
    }
    got = dict(zip(fees["date"].dt.strftime("%Y-%m-%d"), fees["fee"].round(2), strict=True))
    assert got == by_hand
    # in the dollars sold, the currency of the file's income: no euros enter the income
    assert set(fees["kind"]) == {"fee"} and set(fees["currency"]) == {"USD"}
    assert (fees["gross"] == 0).all() and set(fees["client"]) == {""}  # PayPal is no client
    assert any(
        "638.58 USD" in w for w in result.warnings
    )  # their total, said on import  # their total, said on import


def test_real_files_are_not_all_skipped_or_empty_by_accident():
    # Guards the parametrised test above against passing on empty results: only the empty
    # activity download may import nothing.
    _require_shared()
    for relative in sorted(SPECS):
        result = load_export(REAL_EXPORTS / relative)
        if relative.endswith("oca_empty_activity.csv"):
            assert result.rows_read == 0 and result.transactions.empty
        else:
            assert len(result.transactions) > 0, relative


def test_provenance_row_counts_match_the_files():
    # export-formats.md §15 and the PROVENANCE files state the row counts of the samples.
    _require_shared()
    stated = {
        "upwork/weekly_summary_export_sample.csv": 252,
        "paypal/oca_activity_en.csv": 76,
        "paypal/oca_empty_activity.csv": 0,
        "paypal/oca_statement_en.csv": 19,
        "paypal/oca_statement_es.csv": 4,
        "paypal/hledger_example_activity_custom_fields_2019.csv": 7,
        "stripe/hledger_example_balance_change_from_activity_default_fields.csv": 2,
        "toptal/toptal_payments_example.csv": 2,
    }
    assert set(stated) == set(SPECS)
    for relative, count in stated.items():
        assert load_export(REAL_EXPORTS / relative).rows_read == count, relative


def test_reader_rejects_unknown_types_in_specs(tmp_path):
    # The hand-made rule tables are strict: a type they do not list makes _read fail, so a
    # real file can never be summed under a guessed kind.
    path = tmp_path / "unknown_type.csv"
    path.write_text(
        "Id,Description,Amount,Transaction date\nX1,Mystery,1.00,05-12-2016 12:00:11\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="no rule for 'Mystery'"):
        _read(path, SPECS["toptal/toptal_payments_example.csv"])


def test_the_uk_paypal_activity_resaved_by_a_us_excel_keeps_its_dates():
    """oca_activity_en.csv writes dates day-first (29/12/2015). Opened in a month-first Excel
    and saved as .xlsx, each date whose day is 12 or less becomes a real date with day and
    month swapped (12/02/2016 -> 2 December), the rest stay text. Imported, the workbook must
    give the CSV's transactions on the CSV's dates."""
    import csv
    import datetime as dt
    import io

    import openpyxl

    path = shared_file("paypal/oca_activity_en.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    book = openpyxl.Workbook()
    swapped = 0
    for row in rows:
        first, _, rest = row[0].partition("/")
        if rest and int(first) <= 12:  # what a month/day/year Excel reads as a date
            second, year = rest.split("/")
            row = [dt.datetime(int(year), int(first), int(second)), *row[1:]]
            swapped += 1
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    assert swapped > 0
    original = load_export(path)
    resaved = load_export(out.getvalue(), "activity.xlsx")
    assert resaved.rejected.empty

    def books(result):
        t = result.transactions
        return sorted(zip(t["date"].dt.strftime("%Y-%m-%d"), t["kind"], t["gross"], t["currency"]))

    assert books(resaved) == books(original)
    assert any(f"holds {swapped} row(s) with real spreadsheet dates" in w for w in resaved.warnings)


def test_real_paypal_month_fees_less_conversion_costs_match_paypals_fee_column():
    """September 2016 of the real activity download: PayPal's own Fee column sums to -851.69
    (read here with the csv module); GigLens's fees for the month also hold the conversions'
    estimated cost, in their own `conversion_costs` column, so fees - conversion_costs is
    PayPal's figure and a bookkeeper can match the statement."""

    from analytics.summary import monthly_summary

    path = shared_file("paypal/oca_activity_en.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["Date"].endswith("/09/2016")]
    paypal_fees = -sum(Decimal(r["Fee"].replace(",", "")) for r in rows)
    assert paypal_fees == Decimal("851.69")
    summary = monthly_summary(load_export(path).transactions)
    september = summary.loc[pd.Period("2016-09", "M")]
    assert round(september["fees"] - september["conversion_costs"], 2) == 851.69
    assert september["conversion_costs"] > 0
