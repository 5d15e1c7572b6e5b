"""Stripe: Dashboard balance, Payments and Payouts exports; Reports "Balance change from
activity", "Payout reconciliation" and "Payouts".

See ../shared/reference/export-formats.md §4. Stripe's own convention matches ours: `Fee` is
positive and `Net = Amount - Fee` (a refund whose fee Stripe returned has a negative fee).
Amounts on Stripe-fee rows are negative (`stripe_fee,-2.00,0.00,-2.00`): such a row becomes a
fee-only transaction with gross 0 and fee = -net = 2.00.

Report time columns: Stripe's report schemas give each time twice, `created_utc` and `created`
("in the requested time zone, or UTC"); a report may carry either or both. Where both are
present the local one is read (so months split where the user's calendar splits them), in every
report layout alike, so the same balance transaction gets the same date (and `txn_id`) from the
Balance change and the Payout reconciliation reports.
"""

from __future__ import annotations

import pandas as pd

from analytics import parsing
from analytics.errors import ImportFailed
from analytics.importers._common import (
    choose,
    first_nonempty,
    first_nonempty_column,
    folded,
    iso_currency,
    match_values,
)
from analytics.importers._conversion import payment_conversion_costs
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
    paid: pd.Series | None = None,
    paid_currency: pd.Series | None = None,
) -> None:
    """Emit balance transactions (Dashboard export and Balance change from activity).

    earning / refund / adjustment: gross = Amount, fee = Fee, net = Amount - Fee (application
    fees the user's own platform earned, `platform_earning`, are earnings; their refunds refunds).
    Stripe Issuing holds and releases, and card spending, are skipped.
    fee: gross = 0, fee = -Net (a `stripe_fee` row of -2.00 is a 2.00 fee).
    tax: gross = Net (negative), fee = 0.
    transfer: gross = Amount; a non-zero Fee on a payout (instant payouts) becomes its own
    fee row (gross 0, fee = Fee), so the fee counts while the payout stays a transfer.
    A payment the customer paid in another currency (`paid` in `paid_currency`: the Customer
    Facing Amount and Currency) that Stripe converted below the ECB reference rate of the
    day: its gross is what the customer paid at the ECB rate, Amount + cost, and the cost a
    fee row of its own (`payment_conversion_costs`), so the net is Stripe's Net and the
    conversion counts among Stripe's fees, as PayPal's conversions do. Refunds are as Stripe
    lists them.
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
    cost = pd.Series(0.0, index=ctx.frame.index)
    if paid is not None and paid_currency is not None:
        cost, texts = payment_conversion_costs(
            ctx, kind == "earning", gross, currency, date, paid, paid_currency, "Stripe"
        )
        converted = cost > 0
        if converted.any():
            ctx.emit(
                converted,
                kind="fee",
                gross=0.0,
                fee=cost,
                description=texts,
                **common,
            )
    ctx.emit(
        money,
        kind=kind,
        gross=(gross + cost).round(2),
        fee=fee,
        net=(net + cost).round(2),
        description=desc,
        **common,
    )
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
    # what the customer paid, in the currency they paid in (before Stripe converted it)
    paid_name = ctx.column_name("Customer Facing Amount", "customer_facing_amount")
    paid_in = ctx.column_name("Customer Facing Currency", "customer_facing_currency")
    paid = paid_currency = None
    if paid_name and paid_in:
        paid = parsing.parse_amount(
            ctx.frame[paid_name], decimal_comma=bool(ctx.decimal_comma)
        ).values
        paid_currency = iso_currency(ctx.text(paid_in))
    emit_balance_rows(
        ctx,
        date=date,
        type_text=ctx.text(type_column),
        gross=gross,
        fee=fee,
        net=net,
        currency=iso_currency(ctx.text(currency)),
        description=_with_international_cards_said(
            ctx, _with_bank_payments_said(ctx, ctx.text(description)), ctx.text(currency)
        ),
        reference=ctx.text(reference),
        paid=paid,
        paid_currency=paid_currency,
    )


# Payment methods of an itemised report (`payment_method_type`) that are no card charge: the
# fee check uses their own published fee (analytics/data/fee_schedules.json), by these words.
BANK_METHODS = {
    "us_bank_account": "ACH Direct Debit",
    "ach_debit": "ACH Direct Debit",
    "ach_credit_transfer": "ACH credit transfer",
}


def _with_bank_payments_said(ctx: ImportContext, description: pd.Series) -> pd.Series:
    """`description`, with "(paid by ACH Direct Debit)" after the payments an itemised report
    says were paid from a US bank account (0.8% capped at $5.00, not a card's 2.9% + 30c)."""
    if not ctx.has("payment_method_type"):
        return description
    method = ctx.text("payment_method_type").str.strip().str.casefold()
    said = method.map(BANK_METHODS)
    bank = said.notna()
    if not bank.any():
        return description
    return description.where(
        ~bank, (description + " (paid by " + said.fillna("") + ")").str.strip()
    )


def _with_international_cards_said(
    ctx: ImportContext, description: pd.Series, currency: pd.Series
) -> pd.Series:
    """`description`, with "(international card, GB)" after the card charges of a USD balance
    (a US account) that an itemised report says were paid with a card issued outside the US:
    Stripe adds 1.5% to its 2.9% + 30c for them (the fee check's own rule, by these words)."""
    if not ctx.has("card_country"):
        return description
    country = ctx.text("card_country").str.strip().str.upper()
    usd = currency.str.strip().str.upper() == "USD"
    card = True
    if ctx.has("payment_method_type"):
        method = ctx.text("payment_method_type").str.strip().str.casefold()
        card = method.isin(["card", ""])
    abroad = usd & card & (country != "") & (country != "US")
    if not abroad.any():
        return description
    return description.where(
        ~abroad, (description + " (international card, " + country + ")").str.strip()
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
    """Reports "Balance change from activity" (default 9 or all 79 columns) and "Payout
    reconciliation" (itemised): one balance transaction per row.

    The local `created` time (present when a reporting time zone was chosen) is preferred over
    `created_utc`, so months split where the user's calendar splits them. A payout
    reconciliation report lists the balance transactions each automatic payout paid out: they
    are income, fees and refunds like any others (the payout itself is in `automatic_payout_id`,
    not a row), read exactly as the balance change report reads them, with the balance
    transaction's own id as the reference and its `created` time as the date (not the payout's
    date), so the same transaction downloaded in both reports is one transaction, and the
    duplicate check leaves the second copy out.
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
        # the payout's balance transaction (`txn_...`), as the balance export and the other
        # reports name it, so a payout in two files counts once; else the payout id
        reference=first_nonempty(ctx.text("balance_transaction_id"), ctx.text("payout_id")),
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


# Dashboard "Payments → Export" (`unified_payments.csv`): `Status` values (case-folded).
PAYMENT_PAID = {"paid", "succeeded", "refunded", "partially refunded", "partially_refunded"}
# The payment attempt took no money (a declined card, an abandoned checkout, a cancelled
# or expired authorisation).
PAYMENT_NOTHING_TAKEN = {
    "failed",
    "canceled",
    "cancelled",
    "blocked",
    "incomplete",
    "expired",
    "uncaptured",
    "requires_payment_method",
    "requires_confirmation",
    "requires_action",
    "requires_capture",
}
PAYMENT_PENDING = {"pending", "processing"}
# Dispute states in which the chargeback money has not come back to the balance.
DISPUTE_OPEN_OR_LOST = {
    "needs_response",
    "under_review",
    "lost",
    "warning_needs_response",
    "warning_under_review",
    "charge_refunded",
}
PAYMENT_CLIENT_COLUMNS = (*CLIENT_COLUMNS, "Card Name")


def _test_mode(ctx: ImportContext, column: str, test_word: str) -> pd.Series:
    """Rows of a Dashboard export made in Stripe's test mode (no real money): `Mode` = `Test`
    (Payments) or `Livemode` = `false` (Payouts). Only that word counts, so a column holding
    anything else never drops real payments."""
    return folded(ctx.text(column)) == test_word


def parse_payments(ctx: ImportContext) -> None:
    """Dashboard "Payments → Export" (`unified_payments.csv`): one row per payment attempt.

    `Amount` / `Currency` is what the customer was charged; `Converted Amount` / `Converted
    Currency` is what reached the Stripe balance, and `Fee` and `Taxes On Fee` are in that
    currency (a real export: 15.00 usd became 534.80 thb with a Fee of 35.40 and 2.48 Taxes On
    Fee, which is 7% of 35.40: Thai VAT on top of the fee, not inside it). So GigLens counts the
    converted amounts, in the balance currency, and takes `Amount` / `Currency` only where the
    converted cell is empty (a payment in the balance's own currency) or the column was left out.

    A captured, paid payment: earning, gross = Converted Amount, fee = Fee.
    Taxes On Fee (VAT/GST Stripe charges on its fee; `Tax` in older exports): tax row,
    gross = -Taxes On Fee, fee 0.
    A refunded amount (`Converted Amount Refunded`): refund row, gross = -refunded, fee 0
    (Stripe keeps its fee), dated `Refunded date (UTC)` when the file has it, else the payment.
    Skipped: failed, declined, cancelled and uncaptured attempts (no money taken), pending
    payments (not settled yet) and test-mode payments.
    """
    date_column = ctx.column_name("Created date (UTC)", "Created (UTC)")
    if date_column is None or not ctx.has("Fee"):
        missing = "Created date (UTC)" if date_column is None else "Fee"
        raise ImportFailed(
            f"This Stripe Payments export has no '{missing}' column, so GigLens cannot tell "
            + ("when each payment was made" if date_column is None else "what Stripe kept")
            + ". In the Stripe Dashboard, export Payments again with the default columns (or "
            "add that column), then add the new file."
        )
    status_text = ctx.text("Status")
    status = folded(status_text)
    captured = folded(ctx.text("Captured"))
    ctx.skip(_test_mode(ctx, "Mode", "test"), "a test-mode payment: not real money")
    ctx.skip(status.isin(PAYMENT_NOTHING_TAKEN), "payment {}: no money was taken", status_text)
    ctx.skip(
        status.isin(PAYMENT_PENDING),
        "payment still {} when the file was exported: not settled yet. Export again later "
        "to count it once it is paid",
        status_text,
    )
    ctx.skip(captured == "false", "payment authorised but never captured: no money was taken")
    ctx.reject(
        (status != "") & ~status.isin(PAYMENT_PAID),
        "unknown Stripe payment status '{}': GigLens does not know if money was taken",
        status_text,
    )
    ctx.reject(
        (status == "") & (captured != "true"),
        "no payment status on this row: GigLens cannot tell whether money was taken",
    )

    ctx.decide_decimal_comma("Converted Amount", "Amount", "Fee")
    converted = ctx.amount("Converted Amount")
    use_converted = converted.notna()
    gross = converted.where(use_converted, ctx.amount("Amount"))
    refunded_paid = ctx.amount("Amount Refunded")
    refunded = ctx.amount("Converted Amount Refunded").where(use_converted, refunded_paid)
    unknown_refund = refunded.isna() & (refunded_paid.fillna(0.0).abs() >= 0.005)
    ctx.reject(
        unknown_refund,
        "Converted Amount Refunded is empty but Amount Refunded is {}: the refund in your "
        "balance's currency is unknown",
        refunded_paid,
    )
    refunded = refunded.fillna(0.0)
    ctx.reject(
        refunded > gross + 0.005,
        "refunded {} is more than the payment {}: the row looks edited or cut off",
        refunded,
        gross,
    )
    fee = ctx.amount("Fee")
    taxes = ctx.amount("Taxes On Fee", "Tax").fillna(0.0)
    paid_in = ctx.text("Currency")
    balance_currency = ctx.text("Converted Currency")
    currency = iso_currency(
        choose(use_converted & (balance_currency != ""), balance_currency, paid_in)
    )

    date = ctx.date(date_column, formats=REPORT_DATE_FORMATS)
    refunded_on = ctx.text("Refunded date (UTC)")
    has_refund = refunded.abs() >= 0.005
    refund_date = ctx.dates(
        choose(has_refund & (refunded_on != ""), refunded_on, ctx.text(date_column)),
        label="Refunded date (UTC)",
        formats=REPORT_DATE_FORMATS,
    )

    pending = pd.Series(False, index=ctx.frame.index)
    pending[ctx.pending] = True
    other_currency = pending & use_converted & (folded(paid_in) != folded(balance_currency))
    if other_currency.any():
        ctx.warn(
            f"{int(other_currency.sum()):,} payment(s) were paid in another currency than your "
            "Stripe balance: GigLens counts what reached your balance (Converted Amount, in "
            "Converted Currency), the currency Stripe's fee is charged in."
        )
    if pending.any() and not ctx.has("Converted Amount"):
        ctx.warn(
            "This Payments export has no Converted Amount column: amounts were read in the "
            "currency each customer paid, while Stripe's fee is in your balance's currency. If "
            "some customers paid in another currency, export Payments again with the default "
            "columns."
        )
    disputed = pending & folded(ctx.text("Dispute Status")).isin(DISPUTE_OPEN_OR_LOST)
    if disputed.any():
        ctx.warn(
            f"{int(disputed.sum()):,} payment(s) in this file are disputed (chargebacks): the "
            "Payments export does not show the money a chargeback takes back nor Stripe's "
            "dispute fee, so they count as paid here. Stripe's balance export or Balance change "
            "from activity report includes both."
        )
    if pending.any():
        ctx.warn(
            "A Stripe Payments export lists your customers' payments, not your Stripe balance "
            "(Stripe's other fees, chargebacks, payouts): a Stripe balance export or Balance "
            "change report shows all of it. Beside one, the payments dated within its dates "
            "count from there, once."
        )

    description = ctx.text("Description")
    description = description.mask(description == "", "Stripe payment")
    common = dict(
        currency=currency,
        client=first_nonempty_column(ctx, PAYMENT_CLIENT_COLUMNS),
        reference=ctx.text("id"),
    )
    ctx.emit(
        ctx.pending,
        kind="earning",
        date=date,
        gross=gross,
        fee=fee,
        description=description,
        **common,
    )
    ctx.emit(
        taxes.abs() >= 0.005,
        kind="tax",
        date=date,
        gross=-taxes,
        fee=0.0,
        description="Tax on Stripe's fee: " + description,
        **common,
    )
    ctx.emit(
        has_refund,
        kind="refund",
        date=refund_date,
        gross=-refunded,
        fee=0.0,
        description="Refund: " + description,
        **common,
    )


def parse_dashboard_payouts(ctx: ImportContext) -> None:
    """Dashboard "Balances → Payouts → Export": every row is a transfer to the user's bank.

    A payout of 100.00 takes 100.00 out of the Stripe balance: transfer gross = -Amount (a
    negative Amount, Stripe debiting the bank, gives a positive transfer), dated `Created (UTC)`
    (when the money left the balance, as in the balance export). The reference is the payout's
    `Balance Transaction` (`txn_…`), the id the balance export and reports give the same payout,
    so a payout imported from both is counted once; the payout id (`po_…`) where it is missing.
    Failed or cancelled payouts never left Stripe (or came back) and are skipped.
    """
    status_text = ctx.text("Status")
    status = folded(status_text)
    ctx.skip(_test_mode(ctx, "Livemode", "false"), "a test-mode payout: not real money")
    ctx.skip(
        status.isin(["failed", "canceled", "cancelled"]),
        "payout {}: the money stayed in the Stripe balance",
        status_text,
    )
    ctx.reject(
        ~status.isin(["", "paid", "pending", "in_transit", "in transit"]),
        "unknown Stripe payout status '{}': GigLens does not know if the money left Stripe",
        status_text,
    )
    ctx.decide_decimal_comma("Amount")
    amount = ctx.amount("Amount")
    date = ctx.date("Created (UTC)", formats=DASHBOARD_DATE_FORMATS)
    description = ctx.text("Description")
    ctx.emit(
        ctx.pending,
        kind="transfer",
        date=date,
        gross=-amount,
        fee=0.0,
        currency=iso_currency(ctx.text("Currency")),
        description=description.mask(description == "", "Stripe payout"),
        reference=first_nonempty(ctx.text("Balance Transaction"), ctx.text("id")),
    )


# Reports name each time column twice, `<name>_utc` and `<name>` (local time); a report carries
# either or both, so each report layout is listed once per spelling (same name and parser).
BALANCE_REPORT_COLUMNS = ("balance_transaction_id", "currency", "gross", "fee", "net")


def _report_layouts(name: str, parse, required: tuple[str, ...], time: str, **extra) -> list:
    return [
        Layout(
            platform="stripe",
            name=name,
            required=(*required, spelling, "reporting_category"),
            parse=parse,
            **extra,
        )
        for spelling in (f"{time}_utc", time)
    ]


# A payouts export never holds the payments: said instead of "download it for other dates"
# (the last sentence is replaced by the file that holds them when one was added beside it:
# analytics.combine)
ADD_THE_PAYMENTS = "If you have not added one for the same dates, add it."
PAYMENTS_ARE_ELSEWHERE = (
    "A payouts export never holds the payments you received: they are in Stripe's balance "
    "export (Balance › All activity › Export) or its Balance change from activity report. "
    + ADD_THE_PAYMENTS
)

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
        name="Stripe Payments (Dashboard export)",
        required=("id", "Amount", "Amount Refunded", "Currency", "Status"),
        parse=parse_payments,
        unique_id=("id",),
    ),
    Layout(
        platform="stripe",
        name="Stripe Payouts (Dashboard export)",
        required=("id", "Amount", "Currency", "Created (UTC)", "Arrival Date (UTC)"),
        parse=parse_dashboard_payouts,
        unique_id=("id",),
        income_elsewhere=PAYMENTS_ARE_ELSEWHERE,
    ),
    *_report_layouts(
        "Stripe Balance change from activity report",
        parse_balance_change,
        BALANCE_REPORT_COLUMNS,
        "created",
        unique_id=("balance_transaction_id",),
    ),
    # The payout reconciliation report names each row's payout (`automatic_payout_id`). The
    # Balance change report with all its columns has that column too, and also `source_id`,
    # which the reconciliation report's default columns lack: such a file keeps the Balance
    # change name (both are read alike).
    *_report_layouts(
        "Stripe Payout reconciliation report",
        parse_balance_change,
        ("automatic_payout_id", *BALANCE_REPORT_COLUMNS),
        "created",
        forbidden=("source_id",),
        unique_id=("balance_transaction_id",),
    ),
    *_report_layouts(
        "Stripe Payouts report",
        parse_payouts,
        ("payout_id", "currency", "gross", "fee", "net"),
        "effective_at",
        unique_id=("payout_id",),
        income_elsewhere=PAYMENTS_ARE_ELSEWHERE,
    ),
]
