"""Stripe: Dashboard balance export, Reports "Balance change from activity", Reports "Payouts".

See ../shared/reference/export-formats.md §4. Stripe's own convention matches ours: `Fee` is
positive and `Net = Amount - Fee` (a refund whose fee Stripe returned has a negative fee).
Amounts on Stripe-fee rows are negative (`stripe_fee,-2.00,0.00,-2.00`): such a row becomes a
fee-only transaction with gross 0 and fee = -net = 2.00.
"""

from __future__ import annotations

import pandas as pd

from analytics.importers._common import (
    first_nonempty_column,
    folded,
    iso_currency,
    match_values,
)
from analytics.loader import ImportContext, Layout

# Stripe balance-transaction types (Dashboard `Type`) and reporting categories (Reports
# `reporting_category`) -> canonical kind. Anything else is rejected with its name.
STRIPE_KINDS: dict[str, str] = {
    "charge": "earning",
    "payment": "earning",
    "refund": "refund",
    "payment_refund": "refund",
    "refund_failure": "refund",  # a refund that bounced: money came back (positive)
    "payment_failure_refund": "refund",
    "partial_capture_reversal": "refund",
    "dispute": "refund",  # chargeback: the disputed amount plus Stripe's dispute fee
    "dispute_reversal": "refund",  # a won dispute gives the money back (positive)
    "payout": "transfer",
    "payout_reversal": "transfer",
    "payout_failure": "transfer",
    "payout_cancel": "transfer",
    "transfer": "transfer",
    "transfer_reversal": "transfer",
    "topup": "transfer",
    "topup_reversal": "transfer",
    "stripe_fee": "fee",
    # Connect application fees: a fee the user paid a platform (negative), or a fee the user's
    # own platform earned (positive: income, see `emit_balance_rows`); their refunds likewise
    "application_fee": "fee",
    "application_fee_refund": "fee",  # positive amount: a fee given back (negative fee)
    "platform_earning": "fee",
    "platform_earning_refund": "fee",
    "connect_collection_transfer": "transfer",
    "fee": "fee",
    "network_cost": "fee",
    "tax": "tax",  # VAT/GST Stripe charges on its own fees
    "adjustment": "adjustment",
    "other_adjustment": "adjustment",
    # A bank debit (ACH, SEPA) that failed after the charge counted: the charge taken back.
    "charge_failure": "refund",
    "payment_reversal": "refund",
    # Money Stripe holds back in a reserve and later releases: the user's own balance moving.
    "risk_reserved_funds": "transfer",
    "connect_reserved_funds": "transfer",
    "reserved_funds": "transfer",
    "reserve_transaction": "transfer",
    "reserve_hold": "transfer",
    "reserve_release": "transfer",
    "payment_network_reserve_hold": "transfer",
    "payment_network_reserve_release": "transfer",
    "payout_minimum_balance_hold": "transfer",
    "payout_minimum_balance_release": "transfer",
    "transfer_cancel": "transfer",
    "transfer_failure": "transfer",
    "transfer_refund": "transfer",
    # Stripe Capital: a loan paid out and paid back is not income.
    "advance": "transfer",
    "advance_funding": "transfer",
    "anticipation_repayment": "transfer",
    # Charged by Stripe: Climate contributions, currency conversion, Stripe Tax.
    "contribution": "fee",
    "climate_order_purchase": "fee",
    "climate_order_refund": "fee",
    "stripe_fx_fee": "fee",
    "tax_fee": "fee",
}

# Columns that name the customer, best first (Reports itemised, Dashboard metadata spellings).
CLIENT_COLUMNS = (
    "customer_name",
    "Customer Name",
    "customer_description",
    "Customer Description",
    "customer_email",
    "Customer Email",
    "Customer",
)

DASHBOARD_DATE_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    # Excel re-saves the file as `8/6/2026 12:00`; month-first wins ties (Stripe is US-based),
    # a file with a day above 12 in the first position reads day-first as a whole.
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y",
    "%d/%m/%Y",
]
REPORT_DATE_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", *DASHBOARD_DATE_FORMATS]


def reject_bad_net(ctx: ImportContext, gross: pd.Series, fee: pd.Series, net: pd.Series) -> None:
    """Reject rows where the file's own Net is not Amount - Fee (an edited or cut-off row)."""
    fee = fee.fillna(0)
    ctx.check_total(
        net,
        gross - fee,
        total_label="net",
        expected_label="amount {} minus fee {}",
        label_cells=(gross, fee),
    )


def emit_balance_rows(
    ctx: ImportContext,
    *,
    date: pd.Series,
    type_text: pd.Series,
    gross: pd.Series,
    fee: pd.Series,
    net: pd.Series,
    currency: pd.Series,
    description: pd.Series,
    reference: pd.Series,
) -> None:
    """Emit balance transactions (Dashboard export and Balance change from activity).

    earning / refund / adjustment: gross = Amount, fee = Fee, net = Amount - Fee (application
    fees the user's own platform earned, `platform_earning`, are earnings; their refunds refunds).
    Stripe Issuing holds and releases, and card spending, are skipped.
    fee: gross = 0, fee = -Net (a `stripe_fee` row of -2.00 is a 2.00 fee).
    tax: gross = Net (negative), fee = 0.
    transfer: gross = Amount; a non-zero Fee on a payout (instant payouts) becomes its own
    fee row (gross 0, fee = Fee), so the fee counts while the payout stays a transfer.
    """
    kind = match_values(type_text, STRIPE_KINDS)
    # Application fees the user's own Connect platform earned are income, and their refunds
    # take it back (a connected account's fee paid is negative, given back positive)
    said_type = folded(type_text)
    amount = net.fillna(gross)
    earned = said_type.isin(["application_fee", "platform_earning"]) & (amount > 0)
    given_back = said_type.isin(["application_fee_refund", "platform_earning_refund"]) & (
        amount < 0
    )
    kind = kind.mask(earned, "earning").mask(given_back, "refund")
    # Stripe Issuing: an authorisation hold and its release move no money; card spending is
    # the user's purchase, not income
    held = said_type.str.startswith("issuing_authorization")
    ctx.skip(held, "a card authorisation hold or its release: no money moved")
    ctx.skip(
        said_type.isin(["issuing_transaction", "issuing_dispute"]) & ~held,
        "Stripe Issuing card spending: a purchase, not income",
    )
    # The Dashboard export books a chargeback as an `adjustment` ("Chargeback withdrawal for
    # ch_..."): money taken back from a client payment, a refund like the reports' `dispute`.
    said = folded(description)
    disputed = (kind == "adjustment") & said.str.contains(r"chargeback|dispute", regex=True)
    # ...but a dispute *fee* booked that way is money Stripe kept
    kind = kind.mask(disputed, "refund").mask(disputed & said.str.contains(r"\bfees?\b"), "fee")
    unknown = kind.isna()
    ctx.reject(
        unknown,
        "unknown Stripe transaction type '{}': GigLens does not know if it is income",
        type_text,
    )
    fee = fee.fillna(0.0)
    net = net.fillna(gross - fee)
    reject_bad_net(ctx, gross, fee, net)
    client = first_nonempty_column(ctx, CLIENT_COLUMNS)
    common = dict(date=date, currency=currency, client=client, reference=reference)
    desc = description.mask(description == "", type_text)

    money = kind.isin(["earning", "refund", "adjustment"])
    ctx.emit(money, kind=kind, gross=gross, fee=fee, net=net, description=desc, **common)
    ctx.emit(kind == "fee", kind="fee", gross=0.0, fee=-net, description=desc, **common)
    ctx.emit(kind == "tax", kind="tax", gross=net, fee=0.0, description=desc, **common)
    transfer = kind == "transfer"
    ctx.emit(transfer, kind="transfer", gross=gross, fee=0.0, description=desc, **common)
    transfer_fee = transfer & (fee.abs() >= 0.005)
    ctx.emit(
        transfer_fee,
        kind="fee",
        gross=0.0,
        fee=fee,
        description="Payout fee: " + desc,
        **common,
    )


def parse_balance_columns(
    ctx: ImportContext,
    *,
    amounts: tuple[str, str, str],
    dates: tuple[str, ...],
    date_formats: list[str],
    type_column: str,
    currency: str,
    description: str,
    reference: str,
) -> None:
    """Read a balance-transaction table by its column names (`amounts` = gross, fee, net)."""
    ctx.decide_decimal_comma(*amounts)
    gross, fee, net = (ctx.amount(name) for name in amounts)
    date = ctx.date(*dates, formats=date_formats)
    emit_balance_rows(
        ctx,
        date=date,
        type_text=ctx.text(type_column),
        gross=gross,
        fee=fee,
        net=net,
        currency=iso_currency(ctx.text(currency)),
        description=ctx.text(description),
        reference=ctx.text(reference),
    )


def parse_dashboard(ctx: ImportContext) -> None:
    """Dashboard "Balance → Transactions → Export": id,Type,Source,Amount,Fee,Net,Currency,…"""
    parse_balance_columns(
        ctx,
        amounts=("Amount", "Fee", "Net"),
        dates=("Created (UTC)", "Created date (UTC)"),
        date_formats=DASHBOARD_DATE_FORMATS,
        type_column="Type",
        currency="Currency",
        description="Description",
        reference="id",
    )


def parse_balance_change(ctx: ImportContext) -> None:
    """Reports "Balance change from activity", default (9) or all (79) columns.

    The local `created` time (present when a reporting time zone was chosen) is preferred over
    `created_utc`, so months split where the user's calendar splits them.
    """
    parse_balance_columns(
        ctx,
        amounts=("gross", "fee", "net"),
        dates=("created", "created_utc"),
        date_formats=REPORT_DATE_FORMATS,
        type_column="reporting_category",
        currency="currency",
        description="description",
        reference="balance_transaction_id",
    )


def parse_payouts(ctx: ImportContext) -> None:
    """Reports "Payouts": every row is a transfer between Stripe and the user's bank.

    The report shows a payout as a positive `gross` (money leaving the Stripe balance) and a
    negative one when Stripe debited the bank. In GigLens money leaving the platform is a
    negative transfer, so: transfer gross = -net (what reached the bank) and, where `fee` is
    non-zero, a fee row (gross 0, fee = fee); together they take `gross` off the balance.
    Failed or cancelled payouts never left Stripe and are skipped.
    """
    ctx.decide_decimal_comma("gross", "fee", "net")
    gross = ctx.amount("gross")
    fee = ctx.amount("fee").fillna(0.0)
    net = ctx.amount("net")
    net = net.fillna(gross - fee)
    status = folded(ctx.text("payout_status"))
    ctx.skip(
        status.isin(["failed", "canceled", "cancelled"]),
        "payout {}: the money stayed in the Stripe balance",
        status,
    )
    date = ctx.date("effective_at", "effective_at_utc", formats=REPORT_DATE_FORMATS)
    reject_bad_net(ctx, gross, fee, net)
    description = ctx.text("payout_description", "description")
    common = dict(
        date=date,
        currency=iso_currency(ctx.text("currency")),
        reference=ctx.text("payout_id"),
    )
    ctx.emit(
        ctx.pending,
        kind="transfer",
        gross=-net,
        fee=0.0,
        description=description.mask(description == "", "Stripe payout"),
        **common,
    )
    has_fee = fee.abs() >= 0.005
    ctx.emit(has_fee, kind="fee", gross=0.0, fee=fee, description="Stripe payout fee", **common)


LAYOUTS = [
    Layout(
        platform="stripe",
        name="Stripe balance transactions (Dashboard export)",
        required=("id", "Type", "Amount", "Fee", "Net", "Currency", "Created (UTC)"),
        parse=parse_dashboard,
        unique_id=("id",),
    ),
    Layout(
        platform="stripe",
        name="Stripe Balance change from activity report",
        required=(
            "balance_transaction_id",
            "created_utc",
            "currency",
            "gross",
            "fee",
            "net",
            "reporting_category",
        ),
        parse=parse_balance_change,
        unique_id=("balance_transaction_id",),
    ),
    Layout(
        platform="stripe",
        name="Stripe Payouts report",
        required=(
            "payout_id",
            "effective_at_utc",
            "currency",
            "gross",
            "fee",
            "net",
            "reporting_category",
        ),
        parse=parse_payouts,
        unique_id=("payout_id",),
    ),
]
