"""Etsy: monthly statement (both header variants, and German column names with English or
German month names and type values), Sold Orders (US and UK names), Etsy Payments.

See ../shared/reference/export-formats.md §5. The monthly statement is the complete record:
fees are their own rows (`Fee`, `Marketing`, `Shipping label`, `VAT`, ...) and sale rows carry
the card processing fee in `Fees & Taxes`. Sold Orders and Etsy Payments only know the card
processing fee, so their imports warn that listing/transaction fees and ads are missing.
With the statements and the order files of the same months, each order counts once, from the
statement (`analytics.combine`, matched by order number).
"""

from __future__ import annotations

import html

import pandas as pd

from analytics import parsing
from analytics.importers._common import (
    day_first_currency,
    first_nonempty_column,
    folded,
    iso_currency,
    match_values,
)
from analytics.loader import ImportContext, Layout

# Statement `Type` -> canonical kind.
STATEMENT_KINDS: dict[str, str] = {
    "sale": "earning",
    "fee": "fee",
    "fees": "fee",
    "marketing": "fee",
    "shipping label": "fee",
    "shipping": "fee",
    "postage": "fee",
    "postage label": "fee",
    "subscription": "fee",
    "tax": "tax",
    "taxes": "tax",
    "vat": "tax",
    "gst": "tax",
    "sales tax": "tax",
    "refund": "refund",
    "deposit": "transfer",
    "payment": "transfer",
    "credit": "adjustment",
    "buyer fee": "buyer fee",  # see parse_statement: never income
}

# German `Art` values, read only in the statement with German column names. Most German-header
# statements keep the English types above (`Sale`, `Fee`, `Tax`, `Buyer Fee` in a public
# importer's test built on a real shop's `etsy_statement_2025_7 frida.csv`, repository not
# recorded; a Django importer of the same layout, repository not recorded, keeps `Fee`, `Sale`,
# `Refund`, `Deposit` as they come). A third public importer of this layout (an SKR03 parser,
# repository not recorded) reads these German ones: its statement fixtures write a deposit as
# `Überweisung` with the title `€826,34 an dein Bankkonto überwiesen` (Etsy's German help pages
# call the payout to the bank an `Überweisung`: help.etsy.com/hc/de/articles/360016389113), and
# its type tests map `Verkauf` (sale), `Rückerstattung` (refund), `Gebühr` (fee) and its code
# `Werbung` (marketing). No source was found for German tax, payment, credit or shipping-label
# types (e.g. `Umsatzsteuer`, `Steuer`, `Auszahlung`, `Zahlung`, `Gutschrift`,
# `Versandetikett`): they stay rejected as unknown, with the value named.
GERMAN_STATEMENT_KINDS: dict[str, str] = {
    "verkauf": "earning",
    "rückerstattung": "refund",
    "gebühr": "fee",
    "werbung": "fee",
    "überweisung": "transfer",  # a deposit: money sent to the bank, out of the Etsy balance
}
# Statement types that send money out to the bank (a negative transfer, amount in the title).
DEPOSIT_TYPES = ("deposit", "überweisung")

# The statement's columns under their English names, and the German names of a German shop's
# statement (`Datum,Art,Titel,Info,Währung,Betrag,Gebühren & Steuern,Netto,Steuerliche
# Angaben`). Its dates are the day with a full stop, the month written out and the year; the
# month is English in every file the sources show (`15. July 2025`, `29. June 2026`: the Django
# importer above says Etsy writes English month names "regardless of the account's locale"),
# and German in one importer's fixture (`31. Januar 2026`, the SKR03 parser above, which also
# reads `15. März 2026`, `1. Dezember 2025`): see german_month_dates.
DATE = ("Date", "Datum")
TYPE = ("Type", "Art")
TITLE = ("Title", "Description", "Titel")
CURRENCY = ("Currency", "Währung")
AMOUNT = ("Amount", "Betrag")
FEES_TAXES = ("Fees & Taxes", "Gebühren & Steuern")
NET = ("Net", "Netto")

STATEMENT_DATE_FORMATS = [
    "%d %B, %Y",  # "31 July, 2026"
    "%B %d, %Y",  # "September 3, 2026"
    "%d %b %Y",  # "31 Jul 2025" (older header)
    "%d %B %Y",
    "%d %b, %Y",
    "%b %d, %Y",
    "%d-%b-%y",  # Excel round trip: "30-Apr-25"
    "%Y-%m-%d",
    "%d. %B %Y",  # German statement: "15. July 2025" (and "15. Juli 2025", translated)
    "%d. %b %Y",
]

# The German month names that differ from the English ones (April, August, September and
# November are spelled alike). Only full names in the sourced shape `31. Januar 2026` are read:
# no source shows Etsy writing abbreviations (`Jan.`, `Mrz.`, `Okt.`) or a date without the
# full stop after the day in German, so those stay rejected as unreadable dates.
GERMAN_MONTHS = {
    "januar": "January",
    "februar": "February",
    "märz": "March",
    "mai": "May",
    "juni": "June",
    "juli": "July",
    "oktober": "October",
    "dezember": "December",
}
_GERMAN_MONTH_WORD = r"(?i)\b(?:" + "|".join(GERMAN_MONTHS) + r")\b"

ORDER_DATE_FORMATS_US = ["%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d", "%d/%m/%y", "%d/%m/%Y"]
ORDER_DATE_FORMATS_UK = ["%d/%m/%y", "%d/%m/%Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"]

PARTIAL_FEES_WARNING = (
    "This Etsy file only shows card processing fees. Listing fees, transaction fees, Etsy Ads, "
    "Offsite Ads and shipping labels appear only in the monthly statement CSV (Shop Manager → "
    "Finances → Monthly statements): import the statements for complete fees. Orders a "
    "statement also holds count once, from the statement."
)


def unescape_html(text: pd.Series) -> pd.Series:
    """`Mug &quot;Blue&quot; &#39;XL&#39;` -> `Mug "Blue" 'XL'`; only cells with `&` are touched."""
    has_entity = text.str.contains("&", regex=False)
    if not has_entity.any():
        return text
    # A listing's title repeats on each of its fee lines: unescape each distinct title once.
    unescaped = parsing.on_uniques(text[has_entity], lambda u: u.fillna("").map(html.unescape))
    return text.mask(has_entity, unescaped)


def statement_currency(ctx: ImportContext, *columns: tuple[str, ...]) -> pd.Series:
    """The `Currency` column, else the symbol in the amount cells (`-CA$4.42` -> CAD)."""
    currency = iso_currency(ctx.text(*CURRENCY))
    for names in columns:
        if (currency == "").any():
            symbols = parsing.currency_from_symbols(ctx.text(*names))
            currency = currency.mask(currency == "", symbols)
    return currency


def german_month_dates(cells: pd.Series) -> pd.Series:
    """`31. Januar 2026` -> `31. January 2026` (each distinct cell once); other cells as they
    are. A cell whose translation is still no date (`31. Juni 2026`: June has 30 days) keeps
    its German text, so its rejection quotes the file."""

    def translate(text: pd.Series) -> pd.Series:
        parts = text.fillna("").astype(str).str.extract(r"^\s*(\d{1,2})\.\s*(\w+)\s+(\d{4})\s*$")
        english = parts[1].str.casefold().map(GERMAN_MONTHS)
        translated = parts[0] + ". " + english + " " + parts[2]
        readable = parsing.read_with(translated.where(english.notna()), "%d. %B %Y").notna()
        return text.mask(readable, translated)

    return parsing.on_uniques(cells, translate)


def amount_in_title(ctx: ImportContext, title: pd.Series) -> pd.Series:
    """The money amount written in a title (`CA$60.00 sent to your bank account` -> 60.00)."""
    token = title.str.extract(
        r"((?:[A-Z]{1,3})?[$£€¥₹]\s?\d(?:[\d,.]*\d)?|\d(?:[\d,.]*\d)?\s?(?:[A-Z]{3}|[$£€]))",
        expand=False,
    ).fillna("")
    # Etsy writes the title itself, so its amount keeps Etsy's own decimal mark even when a
    # spreadsheet re-saved the number columns with decimal commas: two digits after the last
    # mark say which it is; otherwise the file's convention decides.
    file_way = bool(ctx.decimal_comma)
    dot = token.str.contains(r"\.\d{2}\D*$", regex=True)
    comma = token.str.contains(r",\d{2}\D*$", regex=True)
    values = parsing.parse_amount(token, decimal_comma=file_way).values
    other = (comma & ~dot) if not file_way else (dot & ~comma)
    if other.any():
        values = values.mask(
            other, parsing.parse_amount(token[other], decimal_comma=not file_way).values
        )
    return values


# a statement's tax line for tax the buyer paid, not the seller's own (VAT on Etsy's fees)
_BUYERS_TAX = r"buyer"  # `Sales tax paid by buyer`, `Refund to buyer for sales tax`


def parse_statement(ctx: ImportContext) -> None:
    """Monthly statement: Date,Type,Title|Description,Info,Currency,Amount,Fees & Taxes,Net
    (or the German names, see DATE...NET, whose file may also write German month names and
    the German types of GERMAN_STATEMENT_KINDS).

    Sale: gross = Amount, fee = -(Fees & Taxes) (the processing fee), net = Net.
    Refund: the same formula (the fee credited back makes the fee negative).
    Fee / Marketing / Shipping label / Postage: gross = 0, fee = -Net.
    Tax / VAT on Etsy's fees: `tax`, gross = Net (negative), fee = 0. Credit: adjustment,
    gross = Net. Sales tax the buyer paid (`Sales tax paid by buyer`, `Refund to buyer for
    sales tax`) and a Buyer Fee (`Colorado Retail Delivery Fee (paid by buyer)`): money the
    buyer paid that Etsy passes on to the state, never the seller's. Their amounts say whether
    it went through the seller's balance: a Net (or Fees & Taxes) other than 0 did, inside the
    sale's amount, and is imported as an `adjustment` (gross = Net, fee = 0) that takes it out
    of income again, or, given back with a refund (a positive Net), as part of the refund
    (`refund`, gross = Net: the refund's amount held it); no amount or 0 did not: skipped.
    Deposit (German statement: `Überweisung`): a transfer to the bank. Its amount cells are
    `--`; the amount is read from the title (`CA$60.00 sent to your bank account` -> gross
    -60.00, `€826,34 an dein Bankkonto überwiesen` -> -826.34). A deposit row with no amount
    anywhere is skipped with a reason. Payment (money paid to Etsy to settle a negative
    balance): a transfer into Etsy, gross = +amount.
    Every row's Net must equal Amount + Fees & Taxes (empty cells count as 0).
    """
    if ctx.frame.empty:  # a header-only download: no activity in the period
        return
    amount_col = ctx.column_name(*AMOUNT)
    fees_col = ctx.column_name(*FEES_TAXES)
    net_col = ctx.column_name(*NET)
    ctx.decide_decimal_comma(amount_col, fees_col, net_col)
    amount = ctx.amount(amount_col)
    fees_taxes = ctx.amount(fees_col)
    net = ctx.amount(net_col)
    date_col = ctx.column_name(*DATE)
    german = ctx.has("Datum") and not ctx.has("Date")
    date_text = ctx.text(date_col)
    if german:
        date = ctx.dates(
            german_month_dates(date_text), label=date_col, formats=STATEMENT_DATE_FORMATS
        )
    else:
        # No source shows German month names under English column names: such a date is
        # refused with a reason that says so, rather than read on a guess.
        german_month = parsing.on_uniques(
            date_text, lambda u: u.fillna("").astype(str).str.contains(_GERMAN_MONTH_WORD)
        )
        ctx.reject(
            german_month.astype(bool),
            f"{date_col} '{{}}' has a German month name, but the statement's columns are in "
            "English: GigLens reads German month names only in Etsy's statement with German "
            "column names (Datum, Art, Titel, ...). Download the statement again from Etsy",
            date_text,
        )
        # Etsy writes month names; a statement re-saved by a spreadsheet has numbers, which
        # read both ways when every day is the 12th or before: a shop in pounds or euros (a
        # UK Excel's 05/02/2026) writes the day first
        codes = iso_currency(ctx.text(*CURRENCY)).value_counts()
        codes = codes[codes.index != ""]
        main = str(codes.index[0]) if len(codes) else ""
        date = ctx.date(*DATE, formats=STATEMENT_DATE_FORMATS, day_first=day_first_currency(main))
    type_text = ctx.text(*TYPE)
    title = unescape_html(ctx.text(*TITLE))
    info = ctx.text("Info")

    has_parts = amount.notna() | fees_taxes.notna()
    parts = amount.fillna(0.0) + fees_taxes.fillna(0.0)
    ctx.check_total(
        net,
        parts.where(has_parts),
        total_label=net_col,
        expected_label=f"{amount_col} plus {fees_col}",
    )
    net_value = net.fillna(parts.where(has_parts))

    kind = match_values(
        type_text, {**STATEMENT_KINDS, **GERMAN_STATEMENT_KINDS} if german else STATEMENT_KINDS
    )
    ctx.reject(
        kind.isna(),
        "unknown Etsy statement type '{}': GigLens does not know if it is income",
        type_text,
    )
    buyer_fee = kind == "buyer fee"
    ctx.skip(
        buyer_fee & ~(net_value.abs() >= 0.005),
        "'{}': a fee the buyer paid, which Etsy passed on (e.g. to the state); with no amount "
        "it never went through your Etsy balance, so there is nothing to import",
        type_text,
    )

    # e.g. "Sales tax paid by buyer" lines: every amount cell is `--` (the older layout writes
    # 0 in each), nothing moved.
    def nothing(cells: pd.Series) -> pd.Series:
        return cells.isna() | (cells.abs() < 0.005)

    ctx.skip(
        (kind != "transfer") & nothing(amount) & nothing(fees_taxes) & nothing(net),
        f"no amount in {amount_col}, {fees_col} or {net_col}: an information line, no money moved",
    )
    description = title.mask(info != "", title + " (" + info + ")")
    common = dict(
        date=date,
        currency=statement_currency(ctx, AMOUNT, FEES_TAXES, NET, TITLE),
        reference=info,
    )

    sale_or_refund = kind.isin(["earning", "refund"])
    fee = -fees_taxes.fillna(0.0)
    ctx.emit(
        sale_or_refund,
        kind=kind,
        gross=amount.fillna(net_value + fee),
        fee=fee,
        net=net,
        description=description,
        **common,
    )
    ctx.emit(
        kind == "fee", kind="fee", gross=0.0, fee=-net_value, description=description, **common
    )
    # Sales tax and fees the buyer paid for the state (`Sales tax paid by buyer`, `Refund to
    # buyer for sales tax`, a `Buyer Fee`) that went through the balance came in inside the
    # sale's amount (or were charged to the seller): taken out of income, as an adjustment,
    # so the sale counts without them. Tax on Etsy's own fees (`VAT: ...`) stays `tax`.
    buyers = buyer_fee | (
        (kind == "tax")
        & parsing.rows_where(
            title, lambda u: u.fillna("").astype(str).str.casefold().str.contains(_BUYERS_TAX)
        )
    )
    ctx.emit(
        (kind == "tax") & ~buyers,
        kind="tax",
        gross=net_value,
        fee=0.0,
        description=description,
        **common,
    )
    # taken out with a sale: an adjustment of the sale; given back with a refund (`Refund to
    # buyer for sales tax`, positive): part of the refund, which gave it to the buyer too
    ctx.emit(
        buyers & ~(net_value > 0),
        kind="adjustment",
        gross=net_value,
        fee=0.0,
        description=description
        + " — the buyer's money, passed on by Etsy: not your income (it is taken out of it)",
        **common,
    )
    ctx.emit(
        buyers & (net_value > 0),
        kind="refund",
        gross=net_value,
        fee=0.0,
        description=description + " — the buyer's tax inside a refund: not your money given back",
        **common,
    )
    ctx.emit(
        kind == "adjustment",
        kind="adjustment",
        gross=net_value,
        fee=0.0,
        description=description,
        **common,
    )

    transfer = kind == "transfer"
    # Only deposits and payments need the amount in their title.
    from_title = amount_in_title(ctx, title[transfer]).reindex(title.index).abs()
    is_deposit = folded(type_text).str.startswith(DEPOSIT_TYPES)
    signed_title = from_title.where(~is_deposit, -from_title)
    # Older statements write 0 instead of `--` in the amount cells of a deposit row.
    no_amount = net_value.isna() | (net_value.abs() < 0.005)
    transfer_amount = net_value.mask(no_amount & signed_title.notna(), signed_title)
    transfer_amount = transfer_amount.mask(no_amount & signed_title.isna(), float("nan"))
    ctx.skip(
        transfer & transfer_amount.isna(),
        "Etsy " + type_text + " row with no amount in its cells or title: nothing to import",
    )
    ctx.emit(
        transfer, kind="transfer", gross=transfer_amount, fee=0.0, description=description, **common
    )


def parse_sold_orders(ctx: ImportContext) -> None:
    """Sold Orders: one earning per order (US `Shipping` / UK `Delivery` column names).

    Income excludes the sales tax the buyer paid (Etsy remits it in most places):
    gross = Order Total - Sales Tax (= items - discounts + shipping), fee = Card Processing
    Fees, net = gross - fee, which must equal Order Net. Where Order Net instead equals
    Order Total - fee (the tax was paid out to the seller), the tax also gets its own `tax`
    row (+Sales Tax: collected for the government, never income) so the rows add up to Order
    Net.
    Refunds: when `Adjusted Order Total` is filled and differs from Order Total (0 in all three
    Adjusted columns is Etsy's mark of an order nothing happened to, not a refund), a refund row
    (dated on the sale date; the file has no refund date) takes back the refunded share:
    refund fee = Adjusted Card Processing Fees - Card Processing Fees (fees Etsy gave back,
    negative) and refund net = Adjusted Net Order Amount - Order Net, the file's own figure,
    so refund gross = refund net + refund fee (a refund of the shipping alone takes back the
    shipping, whatever the tax). Without an Adjusted Net Order Amount, or when the tax was paid
    out to the seller, the refund takes back the refunded share of the order: refund gross =
    -gross × (Order Total - Adjusted Order Total) / Order Total. A `Canceled` order without
    adjustments was refunded in full: skipped, no income.
    """
    if ctx.frame.empty:  # a header-only download: no activity in the period
        return
    ctx.warn(PARTIAL_FEES_WARNING)
    ctx.decide_decimal_comma("Order Value", "Order Total", "Card Processing Fees", "Order Net")
    total = ctx.amount("Order Total")
    sales_tax = ctx.amount("Sales Tax").fillna(0.0)
    card_fees = ctx.amount("Card Processing Fees").fillna(0.0)
    order_net = ctx.amount("Order Net")
    adjusted_total = ctx.amount("Adjusted Order Total")
    adjusted_fees = ctx.amount("Adjusted Card Processing Fees")
    uk = ctx.has("Delivery") and not ctx.has("Shipping")
    date = ctx.date("Sale Date", formats=ORDER_DATE_FORMATS_UK if uk else ORDER_DATE_FORMATS_US)

    gross = total - sales_tax
    tax_excluded = parsing.money_equal(order_net, gross - card_fees)
    tax_paid_out = ~tax_excluded & parsing.money_equal(order_net, total - card_fees)
    bad_net = order_net.notna() & ~tax_excluded & ~tax_paid_out
    ctx.reject(
        bad_net,
        "Order Net {} is neither Order Total minus Sales Tax minus Card Processing Fees nor "
        "Order Total minus Card Processing Fees: the row looks edited or cut off",
        order_net,
    )
    adjusted_net = ctx.amount("Adjusted Net Order Amount")
    # Etsy writes 0 in all three Adjusted columns of an order nothing happened to
    # (all three written as 0: a missing or blank one leaves it a refund as before)
    untouched = adjusted_total.eq(0) & adjusted_fees.eq(0) & adjusted_net.eq(0) & (total != 0)
    status = ctx.text("Status").str.strip().str.casefold() if ctx.has("Status") else None
    if status is not None:
        no_adjustment = adjusted_total.isna() & adjusted_fees.isna() & adjusted_net.isna()
        cancelled = status.isin(["canceled", "cancelled"]) & (
            no_adjustment | untouched | (total == 0)
        )
        ctx.skip(
            cancelled,
            "cancelled order: the buyer was refunded in full, so no income (a cancellation "
            "that kept a fee shows in the Adjusted columns)",
        )
    order_id = ctx.text("Order ID")
    items = ctx.text("Number of Items")
    description = ("Etsy order #" + order_id).mask(
        items != "", "Etsy order #" + order_id + " (" + items + " items)"
    )
    common = dict(
        date=date,
        currency=iso_currency(ctx.text("Currency")),
        client=first_nonempty_column(ctx, ("Full Name", "Buyer", "Buyer User ID")),
        reference=order_id,
    )
    ctx.emit(
        ctx.pending, kind="earning", gross=gross, fee=card_fees, description=description, **common
    )
    tax_row = tax_paid_out & (sales_tax.abs() >= 0.005)
    ctx.emit(
        tax_row,
        kind="tax",
        gross=sales_tax,
        fee=0.0,
        description="Sales tax collected on " + description + " (not income)",
        **common,
    )

    refunded = (
        adjusted_total.notna()
        & ~parsing.money_equal(adjusted_total, total)
        & (total != 0)
        & ~untouched
    )
    share = ((total - adjusted_total) / total).where(refunded)
    refund_fee = (adjusted_fees - card_fees).where(adjusted_fees.notna(), 0.0)
    refund_gross = (-gross * share).round(2)
    from_file = refunded & tax_excluded & adjusted_net.notna()
    file_gross = adjusted_net - order_net + refund_fee
    # a refund takes back between nothing and the whole order; an Adjusted Net saying more
    # (or money added) is not trusted: the share of the order stands, with a warning
    odd = from_file & ((file_gross > 0.005) | (file_gross < -gross - 0.005))
    if odd.any():
        ctx.warn(
            f"{int(odd.sum()):,} order(s) have an Adjusted Net Order Amount that is no refund of "
            f"the order (row {', '.join(str(n) for n in odd.index[odd][:5])}): their refund is "
            "worked out from the Adjusted Order Total instead. Check them in Etsy."
        )
    refund_gross = refund_gross.mask(from_file & ~odd, file_gross)
    ctx.emit(
        refunded,
        kind="refund",
        gross=refund_gross,
        fee=refund_fee,
        description="Refund on " + description,
        **common,
    )
    ctx.emit(
        refunded & tax_row,
        kind="tax",
        gross=(-sales_tax * share).round(2),
        fee=0.0,
        description="Sales tax refunded on " + description,
        **common,
    )


def parse_payments(ctx: ImportContext) -> None:
    """Etsy Payments sales: one earning per payment, gross = Gross Amount, fee = Fees.

    `Fees` may be written positive (Net = Gross - Fees) or negative (Net = Gross + Fees); each
    row is read the way its own Net confirms. Refunds: when the Adjusted Gross is filled and
    differs from Gross (and is not just a 0 placeholder on an unrefunded payment), a refund row
    takes the difference: gross = Adjusted Gross - Gross, fee = Adjusted Fees - Fees. Otherwise
    a `Refund Amount` above zero becomes a refund row of -Refund Amount with fee 0 (the file
    does not say if fees were returned). Refund rows carry the order date.
    """
    if ctx.frame.empty:  # a header-only download: no activity in the period
        return
    ctx.warn(PARTIAL_FEES_WARNING)
    ctx.decide_decimal_comma("Gross Amount", "Fees", "Net Amount")
    gross = ctx.amount("Gross Amount")
    fees = ctx.amount("Fees").fillna(0.0)
    net = ctx.amount("Net Amount")
    adjusted_gross = ctx.amount("Adjusted Gross")
    adjusted_fees = ctx.amount("Adjusted Fees")
    adjusted_net = ctx.amount("Adjusted Net")
    refund_amount = ctx.amount("Refund Amount").abs()
    date = ctx.date("Order Date", "Funds Available")

    positive_fees = net.isna() | parsing.money_equal(net, gross - fees)
    negative_fees = ~positive_fees & parsing.money_equal(net, gross + fees)
    ctx.reject(
        ~positive_fees & ~negative_fees,
        "Net Amount {} is not Gross Amount minus Fees: the row looks edited or cut off",
        net,
    )
    sign = pd.Series(1.0, index=ctx.frame.index).mask(negative_fees, -1.0)
    fee = fees * sign
    order_id = ctx.text("Order ID")
    description = "Etsy order #" + order_id
    common = dict(
        date=date,
        currency=iso_currency(ctx.text("Currency")),
        client=first_nonempty_column(ctx, ("Buyer Name", "Buyer Username", "Buyer")),
        reference=ctx.text("Payment ID"),
    )
    ctx.emit(ctx.pending, kind="earning", gross=gross, fee=fee, description=description, **common)

    placeholder = (
        (adjusted_gross == 0) & (adjusted_net.fillna(0.0) == 0) & (refund_amount.fillna(0.0) == 0)
    )
    adjusted = adjusted_gross.notna() & ~parsing.money_equal(adjusted_gross, gross) & ~placeholder
    adjusted_fee = (adjusted_fees * sign).where(adjusted_fees.notna(), fee)
    ctx.emit(
        adjusted,
        kind="refund",
        gross=adjusted_gross - gross,
        fee=adjusted_fee - fee,
        description="Refund on " + description,
        **common,
    )
    refund_only = ~adjusted & (refund_amount.fillna(0.0) >= 0.005)
    ctx.emit(
        refund_only,
        kind="refund",
        gross=-refund_amount,
        fee=0.0,
        description="Refund on " + description,
        **common,
    )


LAYOUTS = [
    Layout(
        platform="etsy",
        name="Etsy monthly statement",
        required=("Date", "Type", "Title", "Info", "Currency", "Amount", "Fees & Taxes", "Net"),
        parse=parse_statement,
    ),
    Layout(
        platform="etsy",
        name="Etsy monthly statement (older layout)",
        required=(
            "Date",
            "Type",
            "Description",
            "Info",
            "Currency",
            "Amount",
            "Fees & Taxes",
            "Net",
        ),
        parse=parse_statement,
    ),
    Layout(
        platform="etsy",
        name="Etsy monthly statement (German column names)",
        required=(
            "Datum",
            "Art",
            "Titel",
            "Info",
            "Währung",
            "Betrag",
            "Gebühren & Steuern",
            "Netto",
        ),
        parse=parse_statement,
    ),
    Layout(
        platform="etsy",
        name="Etsy Sold Orders",
        required=(
            "Sale Date",
            "Order ID",
            "Order Value",
            "Shipping",
            "Sales Tax",
            "Order Total",
            "Card Processing Fees",
            "Order Net",
        ),
        parse=parse_sold_orders,
    ),
    Layout(
        platform="etsy",
        name="Etsy Sold Orders (UK)",
        required=(
            "Sale Date",
            "Order ID",
            "Order Value",
            "Delivery",
            "Sales Tax",
            "Order Total",
            "Card Processing Fees",
            "Order Net",
        ),
        parse=parse_sold_orders,
    ),
    Layout(
        platform="etsy",
        name="Etsy Payments sales",
        required=("Payment ID", "Order ID", "Gross Amount", "Fees", "Net Amount", "Currency"),
        parse=parse_payments,
    ),
]
