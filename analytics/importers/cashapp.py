"""Cash App: the activity CSV (Activity -> Statements -> Export CSV).

See ../shared/reference/export-formats.md §12. Header:
`Date, Transaction ID, Transaction Type, Currency, Amount, Fee, Net Amount, Asset Type,
Asset Price, Asset Amount, Status, Notes, Name of sender/receiver, Account`; older reports
(2019-2020, `Transaction ID` first) call the sender/receiver column just `Name`. Dates like
`2026-06-01 08:00:00 PDT` (the zone name is dropped: local time); amounts like `$1,200.00`,
`-$300.00` and, in older reports, `($370)` for money out.

Rules (Cash App is a personal wallet too, so most rows are not gig income):
- Status FAILED / CANCELED / DECLINED / PENDING / WAITING... -> skipped, no money moved.
- `Received P2P` (and other received payments) -> earning, client = Name of sender/receiver; a
  negative received payment (refunded to the payer) -> refund.
- `Cash Card Debit`, `Sent P2P` and Boost cash-back -> skipped: personal spending.
- `Cash out`, `Cash in`, deposits, withdrawals, transfers -> transfer.
- `Paycheck Deposit` / direct deposit from a gig platform (DoorDash, Instacart, Uber... see
  GIG_PAYERS) -> earning booked under that platform (DoorDash pay is micro-job income); from
  anyone else (an employer's payroll) -> transfer: wages, not gig income. (Combining files turns it into a transfer again when the
  platform's own export shows the payout, `analytics.combine`.)
- Bitcoin and stock trades (or any row with an Asset Type) -> skipped: investments.
- Fees: the doc does not state the sign of `Fee`, so `fee = |Fee|` (money Cash App kept) and the
  file's `Net Amount` must equal `Amount - fee`, else the row is rejected; on a refund whose
  Net Amount is Amount + |Fee| (the fee given back), `fee = -|Fee|`. On an earning the fee
  stays on the row; on a transfer (instant cash-out fee) it becomes its own fee row.
"""

from __future__ import annotations

import pandas as pd

from analytics.importers._common import folded, iso_currency
from analytics.loader import ImportContext, Layout
from analytics.parsing import money_equal, on_uniques

NOT_MOVED = r"fail|cancel|declin|pending|waiting|expired|reject|not sent"
# COMPLETE, PAYMENT SENT, PAYMENT DEPOSITED, PAYMENT REFUNDED, CARD CHARGED, CARD REFUNDED...
MOVED = r"complete|paid|sent|received|deposit|refund|charged|success|transferred"
# Gig platforms that pay workers by direct deposit: sender name (case-folded, whole words) ->
# the platform id the pay is booked under (`cashapp` for platforms GigLens has no id for).
GIG_PAYERS: dict[str, str] = {
    r"\bdoor ?dash\b": "doordash",
    r"\buber\b": "uber",
    r"\blyft\b": "lyft",
    r"\binstacart\b": "instacart",
    r"\btask ?rabbit\b": "taskrabbit",
    r"\b(?:grubhub|shipt|postmates|spark driver|roadie|gopuff|amazon flex|rover\.com|wag labs)\b": (
        "cashapp"
    ),
}


def gig_payer(names: pd.Series) -> pd.Series:
    """The platform id of each sender that is a gig platform paying out, else ""."""

    def by_name(distinct: pd.Series) -> pd.Series:
        folded_names = distinct.fillna("").astype(str).str.casefold()
        found = pd.Series("", index=distinct.index, dtype="object")
        for pattern, platform in GIG_PAYERS.items():
            hit = (found == "") & folded_names.str.contains(pattern, regex=True)
            found = found.mask(hit, platform)
        return found

    return on_uniques(names, by_name)


# Transaction Type -> kind, first match wins. `spend` and `invest` rows are skipped.
_RULES = (
    (r"bitcoin|\bbtc\b|stock|crypto|dividend", "invest"),
    (r"boost|cash card|card debit|card purchase|^sent\b|\bsent p2p\b", "spend"),
    (r"paycheck|direct deposit", "paycheck"),
    (r"cash out|cash in|deposit|withdraw|transfer|add cash", "transfer"),
    (r"refund|reversal|chargeback", "refund"),
    (r"^received\b|\breceived p2p\b|payment received|^paid\b|cash app pay", "earning"),
)


def classify(kind_text: pd.Series, asset: pd.Series) -> pd.Series:
    """Kind per row from Transaction Type (see module docstring); `` when unknown."""

    def by_rules(distinct: pd.Series) -> pd.Series:
        lowered = distinct.fillna("").astype(str).str.casefold()
        kind = pd.Series("", index=distinct.index, dtype="object")
        for pattern, value in _RULES:
            kind = kind.mask((kind == "") & lowered.str.contains(pattern, regex=True), value)
        return kind

    # Each distinct type is classified once; an asset name makes the row an investment.
    return on_uniques(kind_text, by_rules).mask(asset != "", "invest")


def parse_activity(ctx: ImportContext) -> None:
    if ctx.frame.empty:  # a header-only download: no activity in the period
        return
    status = ctx.text("Status")
    not_moved = folded(status).str.contains(NOT_MOVED, regex=True)
    ctx.skip(not_moved, "status '{}': the payment did not go through, no money moved", status)
    # a status saying the money moved (MOVED); any other word cannot be told apart from a
    # payment that failed
    moved = folded(status).str.contains(MOVED, regex=True)
    ctx.reject(
        (folded(status) != "") & ~not_moved & ~moved,
        "unknown Cash App status '{}': GigLens cannot tell whether the money moved, so it is "
        "not counted. Check the payment in Cash App",
        status,
    )
    type_text = ctx.text("Transaction Type")
    kind = classify(type_text, ctx.text("Asset Type"))
    ctx.skip(kind == "invest", "'{}': an investment trade, not gig income", type_text)
    ctx.skip(
        kind == "spend",
        "'{}': personal spending or cash-back, not gig income or a business cost",
        type_text,
    )
    ctx.reject(
        kind == "",
        "unknown Cash App transaction type '{}': GigLens cannot tell whether it is income or a "
        "transfer",
        type_text,
    )

    date = ctx.date("Date", formats=["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S"])
    ctx.decide_decimal_comma("Amount", "Fee", "Net Amount")
    amount = ctx.amount("Amount")
    net = ctx.amount("Net Amount")
    # Cash App Pay is a way to pay merchants: money in is a customer paying the user, money
    # out is the user shopping
    ctx.skip(
        folded(type_text).str.contains("cash app pay", regex=False) & (amount.fillna(net) < 0),
        "'{}': a purchase the user paid with Cash App Pay, not gig income or a business cost",
        type_text,
    )
    fee = ctx.amount("Fee").abs().fillna(0.0)
    currency = iso_currency(ctx.text("Currency"), default="USD")
    name = ctx.text("Name of sender/receiver", "Name")
    notes = ctx.text("Notes")
    description = type_text.where(notes == "", type_text + ": " + notes)
    common = dict(date=date, currency=currency, reference=ctx.text("Transaction ID"))

    # A paycheck deposit from a gig platform with no export of its own (DoorDash, Instacart...)
    # is that work's pay arriving: income. From anyone else it is wages (an employer's
    # payroll), not gig income: a transfer into the account.
    payer = gig_payer(name)
    paycheck = kind == "paycheck"
    from_gig = paycheck & (payer != "")
    kind = kind.mask(from_gig, "earning").mask(paycheck & ~from_gig, "transfer")
    # booked under the platform that paid (DoorDash: micro jobs), not under Cash App
    platform = payer.where(from_gig, "cashapp")
    received = kind == "earning"
    refunding = (received & (amount < 0)) | (kind == "refund")
    # a refund whose fee Cash App gave back: -100.00, fee 2.90, net -97.10 (net = amount + fee)
    fee = fee.mask(refunding & money_equal(net, amount + fee).fillna(False), -fee)
    ctx.emit(
        received & ~(amount < 0),  # an empty amount is rejected as one, not as an unknown row
        kind="earning",
        gross=amount,
        fee=fee,
        net=net,
        client=name,
        description=description,
        platform=platform,
        **common,
    )
    ctx.emit(
        refunding,
        kind="refund",
        gross=amount,
        fee=fee,
        net=net,
        client=name,
        description=description,
        **common,
    )
    p2p = received & (amount > 0) & (platform == "cashapp")
    p2p &= folded(type_text).str.contains("p2p", regex=False) & p2p.index.isin(ctx.pending)
    if p2p.any():
        people = list(dict.fromkeys(name[p2p].str.strip()))
        shown = ", ".join(people[:3]) + (f" and {len(people) - 3} more" if len(people) > 3 else "")
        ctx.warn(
            f"{int(p2p.sum()):,} payment(s) received from people (P2P: {shown}) count as income, "
            "as a client's would, unless you choose them under 'Money from people that is not "
            "income' on the home page (a friend paying you back is not income)."
        )
    transfers = kind == "transfer"
    ctx.check_total(
        net.where(transfers),
        amount - fee,
        total_label="Net Amount",
        expected_label="Amount minus Fee",
    )
    ctx.emit(transfers, kind="transfer", gross=amount, description=description, **common)
    ctx.emit(
        transfers & (fee != 0),
        kind="fee",
        gross=0.0,
        fee=fee,
        client="Cash App",
        description=type_text + " fee",
        **common,
    )


LAYOUTS = [
    Layout(
        platform="cashapp",
        name="Cash App activity",
        required=(
            "Date",
            "Transaction ID",
            "Transaction Type",
            "Currency",
            "Amount",
            "Fee",
            "Net Amount",
            "Status",
            "Name of sender/receiver",
        ),
        parse=parse_activity,
        unique_id=("Transaction ID",),
    ),
    Layout(
        platform="cashapp",
        name="Cash App activity (older header)",
        required=(
            "Transaction ID",
            "Date",
            "Transaction Type",
            "Currency",
            "Amount",
            "Fee",
            "Net Amount",
            "Asset Type",
            "Status",
            "Notes",
            "Name",
            "Account",
        ),
        parse=parse_activity,
        unique_id=("Transaction ID",),
    ),
]
