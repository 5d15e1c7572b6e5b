"""Upwork: transaction history (legacy 13-column, its `ExchangeRate` and 2023-24 variants, the
19- and 20-column layouts) and the Weekly Summary export (hours per contract per day).
See ../shared/reference/export-formats.md §2.

Transaction history: `Amount` / `Amount $` is signed from the freelancer's balance (earnings
positive; fees, Connects, subscriptions and withdrawals negative). Each `Type` /
`Transaction Type` maps to one canonical kind (TYPE_KINDS):

- earning: Hourly, Fixed Price / Fixed-price, Bonus, Milestone — gross = amount.
- fee: Service Fee, Withdrawal Fee, Membership Fee, Connects, Subscription, Processing Fee —
  gross 0, fee = -amount (positive for a charge; a fee given back is a negative fee).
- transfer: Withdrawal, Payment (money sent to PayPal or a bank) — gross = amount.
- refund: Refund — gross = amount (negative). tax: GST, VAT, Withholding Tax — gross = amount.
- adjustment: Miscellaneous, Adjustment — gross = amount; a Miscellaneous charge described as
  `Fees for additional connects`, `Fees for ... membership` or `Subscription Renewal Charges`
  is a fee.
- any other type is rejected with a reason naming it.

Client: `Team` (`Client team` in the current export's lower-case variant, whose `Agency team`
replaces `Agency`), else `Account Name` (unless it is the freelancer's own name), else the
contract in a description such as `Invoice for <contract>: Milestone 1`. A fee or tax row of a
client's payment (the Service Fee on an hourly invoice) keeps that client; one of no client
(Connects, a membership) is Upwork's. Reference: `Transaction ID`, else `Ref ID`.
Hours: an `Hourly` earning whose description states its hours and rate (`Invoice for 14:20 hrs @
$18.00/hr`: 14 hours 20 minutes; `40.00 hours x $6.00 = $240.00`) gets those hours, only when
hours x rate is the row's amount (to the cent); otherwise `hours` stays empty.
Currency: always USD. `Amount $` and the legacy `Amount` are the US-dollar balance movements;
the `Currency` column belongs to `Amount in local currency` (or `ExchangeRate`) in every layout.
Dates: `Sep 25, 2025`, ISO or `09/25/2025`, one format per file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics import parsing
from analytics.importers._common import (
    PAYMENT_NAMED,
    first_nonempty,
    iso_currency,
    join_nonempty,
    match_values,
    unknown_type_reasons,
)
from analytics.importers._conversion import withdrawal_conversion_costs
from analytics.loader import ImportContext, Layout
from analytics.parsing import on_unique_rows, on_uniques

WEEKLY_SUMMARY = "Upwork Weekly Summary"  # the layout's name, which `analytics.combine` reads
WEEKLY_FEE_WARNING = (
    "An Upwork Weekly Summary shows amounts before Upwork's service fee, and not the fee. "
    "Beside your Upwork transaction history (which has the fees and what you were really "
    "paid), GigLens takes only the hours from this file for the weeks the history pays; on "
    "its own, its amounts count as income before the fee."
)


def _contract_client(contract: pd.Series) -> pd.Series:
    # "Bootstrap5 Expert (34848691)" -> "Bootstrap5 Expert": the contract title is the best
    # client label the Weekly Summary offers.
    return contract.fillna("").str.replace(r"\s*\(\d+\)\s*$", "", regex=True)


def _contract_id(contract: pd.Series) -> pd.Series:
    return contract.fillna("").str.extract(r"\((\d+)\)\s*$", expand=False).fillna("")


def _weekly_description(payment_type: pd.Series, contract: pd.Series) -> pd.Series:
    """`Hourly: <contract>` (the payment type, `Hourly` when the cell is empty)."""
    payment_type = payment_type.fillna("").astype(str)
    return payment_type.mask(payment_type == "", "Hourly") + ": " + contract.fillna("").astype(str)


def parse_weekly_summary(ctx: ImportContext) -> None:
    date = ctx.date("Date", formats=["%Y-%m-%d", "%m/%d/%Y", "%b %d, %Y"])
    ctx.decide_decimal_comma("Amount", "Hours")  # `5,5` hours when every amount is whole
    amount = ctx.amount("Amount")
    hours = ctx.hours("Hours")  # not rounded: `0.33333` is 20 minutes
    contract = ctx.text("Contract")
    payment_type = ctx.text("Payment type")
    zero = (amount == 0) & (hours.fillna(0) == 0)
    ctx.skip(zero, "no hours and no amount on this row")
    if (amount[ctx.pending] != 0).any():
        ctx.warn(WEEKLY_FEE_WARNING)
    ctx.emit(
        ctx.pending,
        date=date,
        kind="earning",
        # Weekly Summary amounts are gross of Upwork's service fee, which this file does not
        # show; with the transaction history imported too, `combine` keeps only the hours.
        gross=amount,
        fee=0.0,
        currency="USD",
        hours=hours,
        client=on_uniques(contract, _contract_client),
        description=on_unique_rows(_weekly_description, payment_type, contract),
        reference=on_uniques(contract, _contract_id),
    )


TYPE_KINDS: dict[str, str] = {
    "Hourly": "earning",
    "Fixed Price": "earning",
    "Fixed-price": "earning",
    "Bonus": "earning",
    "Milestone": "earning",
    "Service Fee": "fee",
    "Withdrawal Fee": "fee",
    "Membership Fee": "fee",
    "Connects": "fee",
    "Subscription": "fee",
    "Processing Fee": "fee",
    "Withdrawal": "transfer",
    "Payment": "transfer",
    "Refund": "refund",
    "GST": "tax",
    "VAT": "tax",
    "Withholding Tax": "tax",
    "Miscellaneous": "adjustment",
    "Adjustment": "adjustment",
}

DATE_FORMATS = [
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d/%m/%Y",
]


def _invoice_contract(description: pd.Series) -> pd.Series:
    """`Invoice for Logo design: Milestone 1` -> `Logo design` ("" when the pattern is absent)."""
    invoice = description.str.contains("Invoice for", regex=False).fillna(False).astype(bool)
    found = pd.Series("", index=description.index, dtype="str")
    if invoice.any():  # the same contract's invoices repeat: each distinct one read once
        found[invoice] = on_uniques(description[invoice], _contract_in_invoice).to_numpy()
    return found


# What an `Invoice for <x>` names that is no contract: a week of an hourly invoice
# (`06/29/2026-07/05/2026`), or the kind of payment (`hourly contract`, `Milestone 2`, `Bonus`)
_NOT_A_CONTRACT = (
    r"(?i)[\d/.\s-]+|(?:an? )?(?:hourly|fixed[- ]price)(?: contract)?|milestone(?: \d+)?|bonus"
)


def _contract_in_invoice(description: pd.Series) -> pd.Series:
    """`Invoice for Logo design: Milestone 1` -> `Logo design`: in each part of a description
    joined from several columns (` | `), the first `Invoice for <x>` whose x names a contract
    (not a week or the kind of payment: `_NOT_A_CONTRACT`); "" when none does."""
    parts = description.str.split(" | ", regex=False).explode()
    found = parts.str.extract(r"^Invoice for (.+?)(?::| - |$)", expand=False).str.strip()
    found = found[found.notna() & ~found.fillna("").str.fullmatch(_NOT_A_CONTRACT)]
    first = found[~found.index.duplicated()]
    return first.reindex(description.index).fillna("").astype(str)


# Hours and rate written in a description: `14:20 hrs @ $18.00/hr` (hours:minutes, legacy
# `Invoice for <week> - ...`) or `40.00 hours x $6.00 = $240.00` (decimal hours and the total,
# current layout's `Description 2`).
# Money with or without thousands commas: `$1,790.00`, `$1790.00` (never `179` of `1790`).
_MONEY = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_HOURS = (
    r"(?<![\d.:])(?P<whole>\d{1,4})(?::(?P<minutes>[0-5]\d)|\.(?P<fraction>\d+))?"
    rf"\s*(?:hrs?|hours?)\s*(?:@|x|×)\s*\$\s*(?P<rate>{_MONEY})"
    rf"(?:\s*/\s*hr\b)?(?:\s*=\s*\$\s*(?P<total>{_MONEY}))?"
)


def _stated_hours(text: pd.Series) -> pd.DataFrame:
    """Per description: the hours written (h:mm or decimal), how far off they may be from
    the real time (half the last decimal written; 0 for h:mm and whole hours), the rate and
    the total (NaN where absent)."""
    found = text.str.extract(_HOURS)
    whole = pd.to_numeric(found["whole"], errors="coerce")
    minutes = pd.to_numeric(found["minutes"], errors="coerce").fillna(0.0)
    digits = found["fraction"].fillna("")
    fraction = pd.to_numeric("0." + digits, errors="coerce").fillna(0.0)
    places = digits.str.len()
    slack = (0.5 * 10.0 ** -places.astype("float64")).where(places > 0, 0.0)

    def money(name: str) -> pd.Series:
        return pd.to_numeric(found[name].str.replace(",", "", regex=False), errors="coerce")

    return pd.DataFrame(
        {
            "hours": whole + minutes / 60.0 + fraction,
            "slack": slack,
            "rate": money("rate"),
            "total": money("total"),
        }
    )


def hours_in_descriptions(description: pd.Series, amount: pd.Series, rows: pd.Series) -> pd.Series:
    """Hours stated in the description of `rows` (hourly earnings), NaN elsewhere.

    Only where they are certain. Upwork bills whole minutes, so the time is the whole number
    of minutes whose pay at the stated rate is the row's amount to the cent (either way of
    rounding: within 0.01); it must agree with the hours written (as written to the minute
    for `h:mm`, within the decimals written for `14.33`), and a stated total must be the
    amount. Anything else (a rate that does not give the amount, a minimum or bonus inside
    it) leaves the hours unknown.
    """
    hours = pd.Series(float("nan"), index=description.index, dtype="float64")
    text = description[rows.fillna(False).astype(bool).to_numpy()]
    text = text[parsing.matches_re2(text, r"\d[\s\pZ]*(?:hrs?|hours?)\b")]
    if text.empty:
        return hours
    codes, distinct = pd.factorize(text)  # each distinct description read once
    stated = _stated_hours(pd.Series(distinct, dtype="str")).take(codes)
    paid = amount[text.index].to_numpy(dtype="float64")
    rate = stated["rate"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        minutes = np.round(paid / rate * 60.0)
    worked = minutes / 60.0
    exact = (minutes > 0) & (np.abs(worked * rate - paid) < 0.01 - 1e-9)
    exact &= np.abs(worked - stated["hours"].to_numpy()) <= stated["slack"].to_numpy() + 1e-9
    total = stated["total"].to_numpy()
    exact &= np.isnan(total) | (np.abs(total - paid) < 0.005)
    hours[text.index[exact]] = worked[exact]
    return hours


def _client_of_the_payment_named(
    ctx: ImportContext,
    client: pd.Series,
    charge: pd.Series,
    earning: pd.Series,
    description: pd.Series,
) -> tuple[pd.Series, pd.Series]:
    """`client` with each charge row that names no client but names a payment of the file (by
    its `Transaction ID` or `Ref ID`) given that payment's client ("" when the payment names
    none either), and which rows were so linked."""
    linked = pd.Series(False, index=client.index)
    wanted = charge.fillna(False).astype(bool) & (client == "")
    earning = earning.fillna(False).astype(bool)
    if not wanted.any() or not earning.any():
        return client, linked
    named = description[wanted].str.extract(PAYMENT_NAMED, expand=False).dropna()
    if named.empty:
        return client, linked
    by_id: dict[str, str] = {}
    for column in ("Ref ID", "Transaction ID"):  # the invoice's own id wins
        ids = ctx.text(column)[earning]
        by_id.update(zip(ids[ids != ""], client[ids[ids != ""].index]))
    found = named[named.isin(list(by_id))]
    client = client.copy()
    client[found.index] = found.map(by_id).to_numpy()
    linked[found.index] = True
    return client, linked


def parse_transactions(ctx: ImportContext) -> None:
    """Every transaction-history layout: one row, one canonical transaction (see TYPE_KINDS)."""
    amount_col = "Amount $" if ctx.has("Amount $") else "Amount"
    ctx.decide_decimal_comma(amount_col)
    types = ctx.text("Transaction Type", "Type")
    kinds = match_values(types, TYPE_KINDS)
    unknown = kinds.isna()
    ctx.reject(
        unknown,
        unknown_type_reasons(
            types[unknown],
            "Upwork",
            ctx.column_name("Transaction Type", "Type") or "Type",
            "Hourly, Fixed Price, Service Fee, Withdrawal...",
        ),
    )
    amount = ctx.amount(amount_col, label=amount_col)
    date = ctx.date("Date", formats=DATE_FORMATS)

    # Upwork balances are in US dollars in every layout: `Currency` names the currency of
    # `Amount in local currency` / `ExchangeRate`, never that of `Amount` / `Amount $`.
    currency = pd.Series("USD", index=ctx.frame.index, dtype="object")

    description = join_nonempty(
        [
            ctx.text(name)  # an absent column reads as "" and drops out of the join
            for name in (
                "Description",
                "Transaction Summary",
                "Transaction Summary Details",
                "Description 1",
                "Description 2",
                "Description 3",
                "Entered Description",
            )
        ]
    )
    description = description.mask(description == "", types)
    # `Withholding Tax (IN) - Ref ID ...` under another type (Miscellaneous, Service Fee) is tax
    # withheld all the same: never income, nor a fee the platform kept
    withheld = on_uniques(
        description, lambda u: u.fillna("").str.match(r"(?i)\s*withholding tax\b")
    ).astype(bool)
    kinds = kinds.mask(withheld & kinds.isin(["adjustment", "fee"]).fillna(False), "tax")
    # a charge filed under Miscellaneous in older histories (`Fees for additional connects`,
    # `Fees for Freelancer Plus membership`, `Subscription Renewal Charges`) is a fee Upwork
    # kept, as under its own type (written positive, one it gave back)
    charged = on_uniques(
        description,
        lambda u: u.fillna("").str.match(r"(?i)\s*(?:fees? for\b|subscription renewal charge)"),
    ).astype(bool)
    kinds = kinds.mask(charged & (kinds == "adjustment").fillna(False), "fee")
    # `Account Name` is the freelancer's own name on rows of no client (Connects, Freelancer
    # Plus, withdrawals): the user is not their own client.
    account = ctx.text("Account Name")
    account = account.mask(account == ctx.text("Freelancer"), "")
    client = first_nonempty(
        ctx.text("Team"),
        ctx.text("Client team"),
        account,
        _invoice_contract(first_nonempty(ctx.text("Description"), description)),
    )
    # a fee or tax naming the payment it was taken from (`Service Fee for Hourly - Ref ID
    # 870001349`) is that payment's client's, even when its own row names none
    charge = kinds.isin(["fee", "tax"]).fillna(False)
    client, linked = _client_of_the_payment_named(
        ctx, client, charge, kinds == "earning", description
    )
    # a charge of no client's (Connects, a membership, a tax on them) is Upwork's
    client = client.mask(charge & ~linked & (client == ""), "Upwork")
    reference = first_nonempty(ctx.text("Transaction ID"), ctx.text("Ref ID"))
    common = dict(
        date=date, currency=currency, client=client, description=description, reference=reference
    )
    fee_rows = kinds == "fee"
    ctx.emit(fee_rows, kind="fee", gross=0.0, fee=-amount, **common)
    earning = kinds == "earning"
    # hours worked are in the descriptions of hourly invoices (not of bonuses or fixed prices)
    hourly = earning & match_values(types, {"Hourly": "hourly"}).eq("hourly")
    hours = hours_in_descriptions(description, amount, hourly)
    ctx.emit(earning, kind="earning", gross=amount, fee=0.0, hours=hours, **common)
    other = kinds.notna() & ~fee_rows & ~earning
    cost = _conversion_costs(ctx, (kinds == "transfer").fillna(False), amount, currency, common)
    ctx.emit(other, kind=kinds, gross=amount + cost, fee=0.0, **common)


# A withdrawal to an account that receives US dollars (PayPal, Payoneer, Wise): nothing
# converted there, whatever `Amount in local currency` shows.
DOLLAR_ACCOUNTS = r"(?i)\b(?:paypal|payoneer|wise|transferwise|u\.?s\.? bank)\b"


def _conversion_costs(ctx: ImportContext, moved, amount, currency, common) -> pd.Series:
    """What each withdrawal to a bank in another currency cost (`withdrawal_conversion_costs`):
    `Amount in local currency` is what reached it, in `Currency`. Only where that column is
    the payout itself: an account whose earnings carry a local amount too (a withdrawal's fee
    may) shows every row converted for display (`Amount in local currency` at Upwork's display rate), and a
    withdrawal to PayPal, Payoneer or another dollar account converts nothing."""
    none = pd.Series(0.0, index=ctx.frame.index)
    if not ctx.has("Amount in local currency"):
        return none
    into = iso_currency(ctx.text("Currency"))
    local = ctx.text("Amount in local currency")
    earning = parsing.rows_where(
        ctx.text("Transaction Type", "Type"),
        lambda u: (
            u.fillna("")
            .astype(str)
            .str.casefold()
            .isin(["hourly", "fixed price", "fixed-price", "bonus", "milestone"])
        ),
    )
    shown_for_display = (earning & (into != "") & (into != "USD") & (local != "")).any()
    if shown_for_display:
        return none
    where = join_nonempty([ctx.text("Payment Method"), common["description"]])
    moved = moved & ~on_uniques(where, lambda u: u.str.contains(DOLLAR_ACCOUNTS)).astype(bool)
    read = parsing.parse_amount(local, decimal_comma=bool(ctx.decimal_comma), decimals=2)
    return withdrawal_conversion_costs(
        ctx,
        moved,
        amount,
        currency,
        common["date"],
        common,
        into=into,
        received=read.values.where(~read.bad).abs(),
        platform="Upwork",
    )


_LEGACY = ("Date", "Ref ID", "Type", "Description", "Team", "Account Name", "Amount")
_CURRENT = ("Date", "Transaction ID", "Transaction Type", "Transaction Summary", "Amount $")

LAYOUTS = [
    Layout(
        platform="upwork",
        name=WEEKLY_SUMMARY,
        required=("Date", "Contract", "Hours", "Amount", "Payment type"),
        parse=parse_weekly_summary,
    ),
    Layout(
        platform="upwork",
        name="Upwork transaction history (legacy)",
        required=(*_LEGACY, "Amount in local currency", "Currency", "Balance"),
        parse=parse_transactions,
        unique_id=("Ref ID",),
    ),
    Layout(
        platform="upwork",
        name="Upwork transaction history (legacy, ExchangeRate)",
        required=(*_LEGACY, "ExchangeRate", "Currency", "Balance"),
        parse=parse_transactions,
        unique_id=("Ref ID",),
    ),
    Layout(
        platform="upwork",
        name="Upwork transaction history (2023-24)",
        required=(*_LEGACY, "Currency", "Balance", "Enhanced PO Number", "AWS Study Name - number"),
        parse=parse_transactions,
        unique_id=("Ref ID",),
    ),
    Layout(
        platform="upwork",
        name="Upwork transaction history (19 columns)",
        required=_CURRENT,
        parse=parse_transactions,
        unique_id=("Transaction ID",),
    ),
    Layout(
        platform="upwork",
        name="Upwork transaction history (20 columns)",
        required=(*_CURRENT, "Entered Description"),
        parse=parse_transactions,
        unique_id=("Transaction ID",),
    ),
]
