"""Gumroad: sales export and payout CSV (layouts read from Gumroad's own open-source code).

See ../shared/reference/export-formats.md §7. All amounts are US dollars (`($)` in the
headers). Both files end with summary rows (`Totals`; the payout CSV also `Subtotal — …`),
which are skipped with a reason.

Taxes (`Taxes ($)`) are collected from buyers for the government: never income. GigLens emits
no row for them; when a row's Net Total shows the tax was inside the sale price, the tax is
taken out of gross (gross = Sale Price - Taxes) so only the seller's money counts.
"""

from __future__ import annotations

import pandas as pd

from analytics import parsing
from analytics.importers._common import (
    currency_from_header,
    first_nonempty_column,
    folded,
    match_values,
    nan_series,
)
from analytics.loader import ImportContext, Layout

SALES_DATE_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%m/%d/%Y %H:%M", "%m/%d/%Y"]

# Payout CSV `Type` -> canonical kind.
PAYOUT_KINDS: dict[str, str] = {
    "sale": "earning",
    "affiliate credit": "earning",  # commission earned as someone else's affiliate
    "chargeback": "refund",
    "full refund": "refund",
    "partial refund": "refund",
    "paypal refund": "refund",
    "stripe connect refund": "refund",
    "credit": "adjustment",
    "technical adjustment": "adjustment",
    "paypal connect affiliate fees": "fee",
    "stripe connect affiliate fees": "fee",
    "payout fee": "fee",
    "paypal payouts": "transfer",
    "stripe connect payouts": "transfer",
}


def is_true(values: pd.Series) -> pd.Series:
    """Gumroad booleans are `1` / `0` (`1.0` once the reader typed a column with blanks)."""
    return folded(values).isin(["1", "1.0", "true", "yes"])


def resolve_gross_and_fee(
    price: pd.Series,
    fees: pd.Series,
    net: pd.Series,
    taxes: pd.Series,
    extra_fee: pd.Series | None = None,
    allow_negative_fee: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Pick, per row, the reading of the amounts that the file's own Net Total confirms.

    Candidates, first match wins:
      gross = price,          fee = fees
      gross = price - taxes,  fee = fees            (tax inside the sale price)
      gross = price,          fee = fees + extra    (affiliate commission paid from the sale)
      gross = price - taxes,  fee = fees + extra
      and, where `allow_negative_fee` (refund rows), the same with fee = -fees (Gumroad writes
      a returned fee as a positive number on PayPal / Stripe Connect refund rows).
    Returns gross, fee and a mask of rows no candidate explains. An empty Net accepts the first.
    """
    extra = extra_fee.fillna(0.0) if extra_fee is not None else pd.Series(0.0, index=price.index)
    no_tax = price - taxes.fillna(0.0)
    candidates = [
        (price, fees),
        (no_tax, fees),
        (price, fees + extra),
        (no_tax, fees + extra),
    ]
    if allow_negative_fee is not None:
        negative = -fees.where(allow_negative_fee)
        candidates += [(price, negative), (no_tax, negative)]
    gross = nan_series(price.index)
    fee = nan_series(price.index)
    for cand_gross, cand_fee in candidates:
        fits = gross.isna() & (net.isna() | parsing.money_equal(net, cand_gross - cand_fee))
        fits &= cand_gross.notna() & cand_fee.notna()
        gross = gross.mask(fits, cand_gross)
        fee = fee.mask(fits, cand_fee)
    return gross, fee, gross.isna() & price.notna()


def _summary_rows(first_cell: pd.Series) -> pd.Series:
    lowered = folded(first_cell)
    return (lowered == "totals") | lowered.str.startswith("subtotal")


def _client(ctx: ImportContext) -> pd.Series:
    return first_nonempty_column(ctx, ("Buyer Name", "Purchase Email", "Buyer Email"))


def parse_sales(ctx: ImportContext) -> None:
    """Sales export: one earning per purchase, plus a refund row for refunded purchases.

    earning: gross = Sale Price (less Taxes when inside it), fee = Fees (+ Affiliate commission
    when Net Total shows it was paid from the sale), net = Net Total.
    refund (same date as the purchase; the file has no refund date): Fully Refunded? = 1 or a
    lost dispute (Disputed? = 1, Dispute Won? = 0) -> gross = -earning gross; otherwise
    Partial Refund ($) > 0 -> gross = -Partial Refund. Refund fee 0: the sales export does not
    say whether Gumroad gave its fee back (the payout CSV does).
    Skipped: the `Totals` row, pre-order authorisations and free-trial sign-ups (no charge).
    """
    if ctx.frame.empty:  # a header-only download: no activity in the period
        return
    first = ctx.text(ctx.frame.columns[0])
    ctx.skip(_summary_rows(first), "Gumroad totals row (sum of the rows above)")
    ctx.skip(
        is_true(ctx.text("Pre-order authorization?")),
        "pre-order authorisation: the buyer is charged later, when the product is released",
    )
    ctx.skip(
        is_true(ctx.text("Free trial purchase?")),
        "free-trial sign-up: the buyer was not charged yet",
    )
    ctx.decide_decimal_comma("Sale Price ($)", "Fees ($)", "Net Total ($)")
    price = ctx.amount("Sale Price ($)")
    fees = ctx.amount("Fees ($)").fillna(0.0)
    net = ctx.amount("Net Total ($)")
    taxes = ctx.amount("Taxes ($)")
    affiliate = ctx.amount("Affiliate commission ($)")
    partial = ctx.amount("Partial Refund ($)").abs()
    date = ctx.date("Purchase Time (UTC timezone)", "Purchase Date", formats=SALES_DATE_FORMATS)

    gross, fee, unexplained = resolve_gross_and_fee(price, fees, net, taxes, extra_fee=affiliate)
    ctx.reject(
        unexplained,
        "Net Total {} is not Sale Price minus Fees (nor minus Taxes or affiliate commission): "
        "the row looks edited or cut off",
        net,
    )
    free = (price == 0) & (fees == 0) & (net.fillna(0.0) == 0)
    ctx.skip(free, "free product (price 0): no money moved")

    processor_fees = (ctx.text("PayPal Fee Amount") != "") | (ctx.text("Stripe Fee Amount") != "")
    if processor_fees.any():
        ctx.warn(
            "Some Gumroad sales were paid through your own PayPal or Stripe account: the fees "
            "PayPal/Stripe took (PayPal Fee Amount, Stripe Fee Amount) are not in this file's "
            "Fees column and are not counted here; import your PayPal/Stripe export for them."
        )
    currency = currency_from_header(ctx.column_name("Sale Price ($)"), default="USD")
    item = ctx.text("Item Name")
    common = dict(
        date=date, currency=currency, client=_client(ctx), reference=ctx.text("Purchase ID")
    )
    ctx.emit(ctx.pending, kind="earning", gross=gross, fee=fee, description=item, **common)

    disputed = is_true(ctx.text("Disputed?")) & ~is_true(ctx.text("Dispute Won?"))
    full = is_true(ctx.text("Fully Refunded?")) | disputed
    partly = ~full & (partial.fillna(0.0) >= 0.005)
    if (full | partly).any():
        ctx.warn(
            "Refunds in a Gumroad sales export carry no refund date and do not say whether "
            "Gumroad returned its fee: GigLens dates them on the purchase day with fee 0. The "
            "payout CSVs have the exact figures."
        )
    label = pd.Series("Refund: ", index=ctx.frame.index).mask(disputed, "Chargeback: ")
    ctx.emit(full, kind="refund", gross=-gross, fee=0.0, description=label + item, **common)
    ctx.emit(
        partly,
        kind="refund",
        gross=-partial,
        fee=0.0,
        description="Partial refund: " + item,
        **common,
    )


def parse_payout(ctx: ImportContext) -> None:
    """Payout CSV (one per payout): Type,Date,Purchase ID,…,Sale Price ($),Gumroad Fees ($),…

    Sale / Affiliate Credit: earning; Chargeback and the refund types: refund (negative
    gross); gross and fee resolved against Net Total as in `resolve_gross_and_fee`.
    Affiliate Fees and Payout Fee: fee rows, gross 0, fee = -Net Total.
    PayPal / Stripe Connect Payouts: transfer, gross = Net Total (money those processors paid
    out directly). Credit and Technical Adjustment: adjustment, gross = Net Total.
    `Subtotal — …` and `Totals` rows are skipped.
    """
    if ctx.frame.empty:  # a header-only download: no activity in the period
        return
    type_text = ctx.text("Type")
    ctx.skip(_summary_rows(type_text), "Gumroad {} row (sum of the rows above)", type_text)
    ctx.decide_decimal_comma("Sale Price ($)", "Gumroad Fees ($)", "Net Total ($)")
    price = ctx.amount("Sale Price ($)")
    fees = ctx.amount("Gumroad Fees ($)").fillna(0.0)
    net = ctx.amount("Net Total ($)")
    taxes = ctx.amount("Taxes ($)")
    date = ctx.date("Date", formats=["%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y"])

    kind = match_values(type_text, PAYOUT_KINDS)
    ctx.reject(
        kind.isna(),
        "unknown Gumroad payout row type '{}': GigLens does not know if it is income",
        type_text,
    )
    # 0.00 written in each: blank cells are no amount (rejected as such), not a free product
    free = (kind == "earning") & (price == 0) & (fees == 0) & (net == 0)
    ctx.skip(free, "free product (price 0): no money moved")  # as the sales export says it
    sale_like = kind.isin(["earning", "refund"])
    gross, fee, unexplained = resolve_gross_and_fee(
        price.fillna(net.where(price.isna())),
        fees,
        net,
        taxes,
        allow_negative_fee=kind == "refund",
    )
    ctx.reject(
        sale_like & unexplained,
        "Net Total {} is not Sale Price minus Gumroad Fees: the row looks edited or cut off",
        net,
    )
    amount = net.fillna(price - fees)
    currency = currency_from_header(ctx.column_name("Net Total ($)"), default="USD")
    item = ctx.text("Item Name")
    description = type_text.mask(item != "", type_text + ": " + item)
    common = dict(
        date=date,
        currency=currency,
        client=ctx.text("Buyer Name").mask(ctx.text("Buyer Name") == "", ctx.text("Buyer Email")),
        reference=ctx.text("Purchase ID"),
        description=description,
    )
    ctx.emit(sale_like, kind=kind, gross=gross, fee=fee, net=net, **common)
    ctx.emit(kind == "fee", kind="fee", gross=0.0, fee=-amount, **common)
    ctx.emit(kind == "transfer", kind="transfer", gross=amount, fee=0.0, **common)
    ctx.emit(kind == "adjustment", kind="adjustment", gross=amount, fee=0.0, **common)


# the layouts' names, which `analytics.combine` reads (a refund in both counts once)
SALES_EXPORT = "Gumroad sales export"
PAYOUT_CSV = "Gumroad payout CSV"

LAYOUTS = [
    Layout(
        platform="gumroad",
        name=SALES_EXPORT,
        required=("Purchase ID", "Item Name", "Purchase Date", "Sale Price ($)", "Fees ($)"),
        parse=parse_sales,
        unique_id=("Purchase ID",),
    ),
    Layout(
        platform="gumroad",
        name=PAYOUT_CSV,
        required=("Type", "Date", "Purchase ID", "Sale Price ($)", "Gumroad Fees ($)"),
        parse=parse_payout,
    ),
]
