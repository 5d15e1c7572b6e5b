"""PayPal: activity download (English and German headers), statement CSV (English and Spanish)
and the pre-2018 history download. See ../shared/reference/export-formats.md §3.

Sign conventions in the file: `Gross` is signed from the account holder's view and PayPal's
`Fee` is **negative** (Net = Gross + Fee). Canonically `fee = -Fee` (positive), `gross = Gross`,
`net = gross - fee`, which must equal the file's `Net` or the row is rejected. (A file whose
every fee fits Net = Gross - Fee instead, as some hand-edited files do, is read with that
convention and a warning.)

How each row is classified (the type lives in `Type` / `Typ`, or `Description` / `Descripción`
in statements; cells are stripped, so `"Bank Deposit to PP Account "` matches):

- **Skipped, never moved money**: `Balance Impact` = `Memo`; holds, releases and
  authorisations (`Payment Hold`, `Payment Release`, `General Authorization`,
  `Account Hold for Open Authorization`, `Reversal of General Account Hold`, ...); a status
  that means the payment never completed (`Denied`, `Failed`, `Canceled`, `Voided`, `Expired`,
  and the German/Spanish equivalents).
- **transfer**: withdrawals, bank and card deposits/withdrawals, currency conversions (both
  legs), and reversals of those (`Reversal of General Withdrawal`). A fee on a transfer row
  becomes its own `fee` transaction (gross 0) so that fee totals stay complete.
- **Currency conversions cost a fee PayPal does not list**: its exchange rate is below the
  market's. For each conversion (two legs sharing a `Reference Txn ID`, or naming each other
  in it: money out in one currency, in in another; a payment converted on arrival, a
  withdrawal to a bank in another currency, a conversion the user started) GigLens values the
  money in at the ECB reference rate of the day, in the currency sold, and books what falls
  short of the money out as a `fee` row in the currency sold (gross 0, client "PayPal", the
  amounts and the ECB day in its description): the currency the income was in, so no other
  currency enters the income. Not for a conversion that paid for a purchase or came back with
  its refund (the purchase is skipped, so is its cost), nor when PayPal's rate was at or above
  the ECB's (a timing difference, not a charge); a conversion without an ECB rate gets a
  warning instead.
- **fee** (gross 0, fee = -Net): rows whose type is a fee (`Chargeback Fee`, ...).
- **tax**: rows whose type is a tax; gross = Net (negative), fee 0.
- **refund**: refunds, reversals and chargebacks with a negative gross (money given back to a
  client; PayPal returns part of its fee, so the canonical fee is negative then). A *positive*
  `Payment Refund` is money returned for something the user bought: skipped, not income. A
  positive reversal/chargeback (a dispute decided for the user) is an `adjustment`.
- **earning**: received payments (positive gross); client = `Name`, else the sender's e-mail.
- **Skipped, personal spending**: payments the user *sent* (negative gross: `Subscription
  Payment`, `Express Checkout Payment`, `PreApproved Payment Bill User Payment`,
  `Preapproved Payment Sent`, shopping-cart payments, ...). They are purchases, not business
  income and not transfers between the user's own accounts, so they are listed in `skipped` with
  the reason "payment you sent (a purchase), not income".
- Anything else is rejected with a reason naming the type.

Status `Pending` (and `Ausstehend`, `Pendiente`): imported as shown, with a warning. In real
files pending rows do move the balance (withdrawals in progress, bank fundings of a purchase).
Statuses `Refunded`, `Partially Refunded` and `Reversed` are imported too: the original payment
did happen and the refund/reversal arrives as its own row.

Dates: German and Spanish files are day-first; English files are read month-first unless a day
above 12 shows the file is day-first (the first format that reads every date wins).
"""

from __future__ import annotations

import pandas as pd

from analytics import parsing
from analytics.currency import fx_rate
from analytics.importers._common import (
    TRANSFER_BACK,
    choose,
    first_nonempty,
    first_nonempty_column,
    iso_currency,
)
from analytics.loader import ImportContext, Layout

# Column spellings per field: English activity/statement, German, Spanish.
COLUMNS = {
    "date": ("Date", "Datum", "Fecha"),
    "type": ("Type", "Typ", "Description", "Descripción", "Tipo"),
    "status": ("Status", "Estado"),
    "currency": ("Currency", "Währung", "Divisa", "Moneda"),
    "gross": ("Gross", "Brutto", "Bruto"),
    "fee": ("Fee", "Gebühr", "Comisión", "Tarifa"),
    "net": ("Net", "Netto", "Neto"),
    "amount": ("Amount",),
    "name": ("Name", "Nombre"),
    "from": ("From Email Address", "Absender E-Mail-Adresse", "Correo electrónico del remitente"),
    "to": ("To Email Address", "Empfänger E-Mail-Adresse", "Correo electrónico del destinatario"),
    "txn_id": ("Transaction ID", "Transaktionscode", "Id. de transacción"),
    "ref": ("Reference Txn ID", "Zugehöriger Transaktionscode", "Id. de referencia de trans."),
    "impact": ("Balance Impact", "Auswirkung auf Guthaben", "Impacto en el saldo"),
    "detail": ("Subject", "Betreff", "Item Title", "Artikelbezeichnung", "Note", "Hinweis"),
}

# Candidates in order of preference; the first that reads every date of the file wins, so an
# English file is month-first unless a day above 12 rules that out.
MONTH_FIRST = ["%m/%d/%Y", "%m/%d/%y", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DAY_FIRST = ["%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]

# Regexes over the case-folded, stripped type text; checked in this order, first match wins.
TYPE_CLASSES: list[tuple[str, str]] = [
    (
        "hold",
        r"\bhold\b|\brelease\b|authori[sz]ation|rückbehalt|einbehalt|freigabe|autorisierung"
        r"|vormerkung|retención|liberación|autorización",
    ),
    ("fee", r"\bfees?\b|gebühr|comisión|tarifa"),
    ("tax", r"\btax\b|\bvat\b|\bgst\b|steuer|impuesto|\biva\b"),
    # `Reversal of General Withdrawal`, `Reversal of ACH Deposit`: own money moving back.
    ("transfer", TRANSFER_BACK),
    (
        "refund",
        r"refund|reversal|chargeback|rückzahlung|erstattung|rückbuchung|reembolso|devolución"
        r"|contracargo",
    ),
    (
        "transfer",
        r"withdraw|deposit|conversion|transfer|abbuchung|auszahlung|bankgutschrift|umrechnung"
        r"|überweisung|einzahlung|aufladung|retirada|retiro|conversión|transferencia|ingreso"
        r"|depósito|recarga",
    ),
    (
        "payment",
        r"payment|zahlung|pago|money|geld|invoice|rechnung|factura|donation|spende|donativo"
        r"|donación|purchase|einkauf|compra|subscription|abonnement|suscripción|checkout|order"
        r"|bestellung",
    ),
]
# Types of currency conversion rows (`General Currency Conversion`, `User Initiated Currency
# Conversion`, `Allgemeine Währungsumrechnung`, `Conversión de divisa general`).
CONVERSION = r"conversion|umrechnung|conversión"
# The description of the fee row of what a conversion cost starts with this.
CONVERSION_COST = "Currency conversion "
# Positive "refund" rows are refunds of the user's own purchases; positive reversals and
# chargebacks are disputes decided in the user's favour.
PURCHASE_REFUND = r"refund|rückzahlung|erstattung|reembolso|devolución"

NEVER_COMPLETED = {
    "denied",
    "failed",
    "canceled",
    "cancelled",
    "voided",
    "expired",
    "declined",
    "abgelehnt",
    "fehlgeschlagen",
    "storniert",
    "abgebrochen",
    "verfallen",
    "denegado",
    "denegada",
    "fallido",
    "fallida",
    "cancelado",
    "cancelada",
    "anulado",
    "anulada",
    "caducado",
}
PENDING = {"pending", "ausstehend", "pendiente", "offen"}


def classify_types(types: pd.Series) -> pd.Series:
    """Class of each type cell per TYPE_CLASSES ("" when no rule matches).

    Exports repeat a handful of types, so the rules run on the distinct values only.
    """
    codes, uniques = pd.factorize(types.astype(str))
    lowered = pd.Series(uniques, dtype="object").str.strip().str.casefold()
    lowered = lowered.str.replace(r"\s+", " ", regex=True)
    out = pd.Series("", index=lowered.index, dtype="object")
    for name, pattern in TYPE_CLASSES:
        hit = (out == "") & lowered.str.contains(pattern, regex=True)
        out = out.mask(hit, name)
    # Categorical: the many comparisons below then run on integer codes, not on strings.
    classes, names = pd.factorize(out)
    return pd.Series(pd.Categorical.from_codes(classes[codes], categories=names), index=types.index)


def _casefolded(text: pd.Series) -> pd.Series:
    """Case-folded cells; a column holds a few distinct values, each folded once."""
    return parsing.on_uniques(text, lambda u: u.fillna("").astype(str).str.casefold())


def _description(type_text: pd.Series, detail: pd.Series) -> pd.Series:
    """`Type: detail` (subject, item title or note), or just the type."""
    type_text, detail = type_text.fillna("").astype(str), detail.fillna("").astype(str)
    return type_text.mask(detail != "", type_text + ": " + detail)


def _text(ctx: ImportContext, field: str) -> pd.Series:
    return ctx.text(*COLUMNS[field])


def _fee_convention(ctx: ImportContext, gross, file_fee, file_net) -> pd.Series:
    """Canonical (positive) fee: -Fee, unless every fee in the file fits Net = Gross - Fee."""
    known = file_net.notna() & gross.notna() & (file_fee != 0)
    if known.any():
        fits_negative = parsing.money_equal(gross + file_fee, file_net)[known]
        fits_positive = parsing.money_equal(gross - file_fee, file_net)[known]
        if fits_positive.all() and not fits_negative.any():
            ctx.warn(
                "The fees in this file are positive (Net = Gross - Fee), unlike PayPal's own "
                "downloads; GigLens read them that way. Check the file was not edited."
            )
            return file_fee
    return -file_fee


# An amount that can only be read with a decimal point: 1 or 2 digits after the only `.`
# (`1234.56`, `-35.5`); `1.234` could be a German thousand and does not count.
_POINT_ONLY = r"^[-+(]?[^\d,]*\d+\.\d{1,2}\)?$"


def _decide_decimal_comma(ctx: ImportContext, names: list[str], default: bool) -> None:
    """Decide the file's decimal separator once: the amounts' own vote, else `default`.

    German and Spanish downloads write `1.234,56`, but the same layout saved from Excel holds
    real numbers, which reach the importer as `1234.56`: forcing a decimal comma there would
    read 1234.56 as 123456. So a localised layout defaults to a decimal comma only when no
    amount shows a decimal point.
    """
    if ctx.decide_decimal_comma(*names, tie=True if default else None) or not default:
        return
    present = [ctx.text(n) for n in names if ctx.has(n)]
    shows_point = any(col.iloc[:20000].str.match(_POINT_ONLY).any() for col in present)
    ctx.decimal_comma = not shows_point


def _skip_never_moved(ctx: ImportContext, type_text: pd.Series, classes: pd.Series) -> None:
    impact = _casefolded(_text(ctx, "impact"))
    ctx.skip(impact == "memo", "Balance Impact is Memo: PayPal lists it but no money moved")
    hold = classes == "hold"
    ctx.skip(hold, "'{}' is a hold, release or authorisation: it never moved money", type_text)
    status = _text(ctx, "status")
    failed = _casefolded(status).isin(NEVER_COMPLETED)
    ctx.skip(failed, "PayPal status '{}': the payment never completed", status)


def parse_paypal(ctx: ImportContext, *, day_first: bool, decimal_comma: bool | None) -> None:
    """Shared parser for every PayPal layout (see the module docstring for the rules)."""
    if ctx.frame.empty:
        return
    type_text = _text(ctx, "type")
    classes = classify_types(type_text)
    _skip_never_moved(ctx, type_text, classes)

    amount_cols = [c for f in ("gross", "fee", "net", "amount") for c in COLUMNS[f]]
    _decide_decimal_comma(ctx, amount_cols, default=bool(decimal_comma))
    if ctx.has(*COLUMNS["gross"]):
        gross = ctx.amount(*COLUMNS["gross"], label="Gross")
        file_fee = ctx.amount(*COLUMNS["fee"], label="Fee").fillna(0.0)
        file_net = ctx.amount(*COLUMNS["net"], label="Net")
    else:  # pre-2018 history: one Amount column, no fee
        gross = ctx.amount(*COLUMNS["amount"], label="Amount")
        file_fee = pd.Series(0.0, index=ctx.frame.index)
        file_net = pd.Series(float("nan"), index=ctx.frame.index)
    date = ctx.date(*COLUMNS["date"], formats=DAY_FIRST if day_first else MONTH_FIRST)
    fee = _fee_convention(ctx, gross, file_fee, file_net)
    net = (gross - fee).round(2)

    ctx.check_total(
        file_net,
        net,
        total_label="Net",
        expected_label="Gross plus Fee",
    )
    currency = iso_currency(_text(ctx, "currency"))
    ctx.reject(currency == "", "Currency is empty: GigLens cannot tell what money this is")
    ctx.reject(gross.isna(), "no amount on this row")

    unknown = classes == ""
    ctx.reject(
        unknown,
        "unknown PayPal transaction type '" + type_text[unknown] + "'; nothing was imported",
    )
    positive = gross > 0
    negative = gross < 0
    refund_in = (classes == "refund") & positive
    purchase_refund = refund_in & type_text[refund_in].str.casefold().str.contains(
        PURCHASE_REFUND, regex=True
    ).reindex(classes.index, fill_value=False)
    ctx.skip(purchase_refund, "refund of a payment you sent (money back on a purchase), not income")
    purchase = (classes == "payment") & negative
    ctx.skip(purchase, "payment you sent (a purchase), not income")
    ctx.skip(
        classes.isin(["payment", "refund", "transfer"]) & (gross == 0) & (fee == 0),
        "zero amount: nothing moved",
    )

    status = _text(ctx, "status")
    pending = _casefolded(status).isin(PENDING).reindex(ctx.pending, fill_value=False)
    if pending.any():
        ctx.warn(
            f"{int(pending.sum())} row(s) are still Pending in PayPal; they were imported as "
            "shown. A later download may show them completed or cancelled."
        )

    type_detail = first_nonempty_column(ctx, COLUMNS["detail"])
    description = parsing.on_unique_rows(_description, type_text, type_detail)
    counterparty_email = choose(gross >= 0, _text(ctx, "from"), _text(ctx, "to"))
    client = first_nonempty(_text(ctx, "name"), counterparty_email)
    common = dict(
        date=date, currency=currency, description=description, reference=_text(ctx, "txn_id")
    )

    earning = classes.eq("payment") & positive
    ctx.emit(earning, kind="earning", gross=gross, fee=fee, client=client, **common)
    refund = classes.eq("refund") & negative
    ctx.emit(refund, kind="refund", gross=gross, fee=fee, client=client, **common)
    won_dispute = classes.eq("refund") & positive
    ctx.emit(won_dispute, kind="adjustment", gross=gross, fee=fee, client=client, **common)
    ctx.emit(classes.eq("fee"), kind="fee", gross=0.0, fee=-net, client=client, **common)
    ctx.emit(classes.eq("tax"), kind="tax", gross=net, fee=0.0, client=client, **common)
    transfer = classes.eq("transfer")
    ctx.emit(transfer, kind="transfer", gross=gross, fee=0.0, client=_text(ctx, "name"), **common)
    ctx.emit(
        transfer & (fee != 0),
        kind="fee",
        gross=0.0,
        fee=fee,
        client="PayPal",
        date=date,
        currency=currency,
        description=parsing.on_uniques(type_text, lambda types: "Fee on " + types.fillna("")),
        reference=_text(ctx, "txn_id"),
    )
    _conversion_fees(ctx, type_text, classes, gross, date, currency, purchase | purchase_refund)


def _conversion_fees(
    ctx: ImportContext, type_text, classes, gross, date, currency, personal: pd.Series
) -> None:
    """A `fee` row for what each currency conversion cost, in the currency sold: the money out
    less the money in valued back at the ECB reference rate of the day (see the module
    docstring). `personal` marks the purchases and their refunds, whose conversions are theirs.
    """
    converting = (classes == "transfer") & _casefolded(type_text).str.contains(CONVERSION)
    converting = converting.reindex(ctx.pending, fill_value=False)
    if not converting.any() or not ctx.has(*COLUMNS["ref"]):
        return
    ref, txn = _text(ctx, "ref"), _text(ctx, "txn_id")
    rows = converting.index[converting]
    rows = rows[(ref[rows] != "").to_numpy()]  # unlinked legs cannot be paired
    if len(rows) < 2:
        return
    legs = pd.DataFrame(
        {
            "ref": ref[rows].astype(object),
            "txn": txn[rows].astype(object),
            "gross": gross[rows],
            "currency": currency[rows].astype(object),
            "date": date[rows],
        }
    )
    legs = legs[(legs["ref"] != "") & legs["gross"].notna() & (legs["gross"] != 0)]
    # The two legs share a reference (the payment or withdrawal they belong to), or, for a
    # conversion the user started, name each other: TID2 -> TID3 and TID3 -> TID2.
    mutual = legs["ref"].isin(legs["txn"])
    legs.loc[mutual, "ref"] = legs.loc[mutual, ["ref", "txn"]].min(axis=1)
    # A conversion that paid for a purchase (`Website Payment` of -100.00 AUD), or came back
    # with its refund, is part of that purchase: not business income or cost here.
    personal = personal.reindex(ctx.frame.index, fill_value=False).astype(bool)
    theirs = pd.concat([txn[personal], ref[personal]])
    legs = legs[~legs["ref"].isin(theirs[theirs != ""])]
    out, into = legs[legs["gross"] < 0], legs[legs["gross"] > 0]
    # exactly one leg out and one leg in per reference, in two currencies
    out = out[~out["ref"].duplicated(keep=False)]
    into = into[~into["ref"].duplicated(keep=False)]
    pairs = out.reset_index(names="row").merge(
        into[["ref", "gross", "currency"]], on="ref", suffixes=("", "_in")
    )
    pairs = pairs[pairs["currency"] != pairs["currency_in"]]
    if pairs.empty:
        return
    pairs["day"] = pairs["date"].dt.normalize()
    keys = pairs[["currency_in", "currency", "day"]].drop_duplicates()
    found = [fx_rate(i, o, d.date()) for i, o, d in keys.itertuples(index=False)]
    keys["ecb"] = [f[0] if f else float("nan") for f in found]  # sold per 1 received
    keys["ecb_day"] = [pd.Timestamp(f[1]) if f else pd.NaT for f in found]
    pairs = pairs.merge(keys, on=["currency_in", "currency", "day"], how="left")
    unrated = pairs[pairs["ecb"].isna()]
    if len(unrated):
        ctx.warn(
            f"PayPal converted currencies {len(unrated)} time(s) on days or in currencies without "
            f"an ECB reference rate (e.g. {unrated['currency'].iat[0]} to "
            f"{unrated['currency_in'].iat[0]} on {unrated['date'].iat[0]:%-d %b %Y}): what those "
            "conversions cost is not counted as a fee."
        )
    pairs = pairs[pairs["ecb"].notna()].copy()
    pairs["worth"] = (pairs["gross_in"] * pairs["ecb"]).round(2)  # what came in, as sold money
    pairs["cost"] = (-pairs["gross"] - pairs["worth"]).round(2)
    # PayPal's rate at or above the ECB's: a timing difference, not a charge
    pairs = pairs[pairs["cost"] > 0]
    if pairs.empty:
        return
    text = (
        CONVERSION_COST
        + _money_text(-pairs["gross"])
        + " "
        + pairs["currency"]
        + " to "
        + _money_text(pairs["gross_in"])
        + " "
        + pairs["currency_in"]
        + ", worth "
        + _money_text(pairs["worth"])
        + " "
        + pairs["currency"]
        + " at the ECB reference rate of "
        + pairs["ecb_day"].dt.strftime("%Y-%m-%d")
    )
    at = pd.Index(pairs["row"])
    ctx.emit(
        at,
        kind="fee",
        gross=0.0,
        fee=pd.Series(pairs["cost"].to_numpy(), index=at),
        date=date,
        currency=currency,
        client="PayPal",
        description=pd.Series(text.to_numpy(), index=at, dtype="str"),
        reference=txn,
    )
    totals = pairs.groupby("currency")["cost"].sum()
    ctx.warn(
        f"PayPal converted currencies {len(pairs)} time(s) at a rate below the ECB reference "
        "rate of the day; the difference ("
        + ", ".join(f"{v:,.2f} {k}" for k, v in totals.items())
        + ", in the currency sold) counts as a PayPal fee (one 'Currency conversion' fee row "
        "each)."
    )


def _money_text(values: pd.Series) -> pd.Series:
    """1234.5 -> "1,234.50"."""
    return values.map("{:,.2f}".format).astype(object)


def parse_english(ctx: ImportContext) -> None:
    parse_paypal(ctx, day_first=False, decimal_comma=None)


def parse_localised(ctx: ImportContext) -> None:
    """German and Spanish downloads: day-first dates and decimal commas."""
    parse_paypal(ctx, day_first=True, decimal_comma=True)


LAYOUTS = [
    Layout(
        platform="paypal",
        name="PayPal activity download",
        required=("Date", "Type", "Currency", "Gross", "Fee", "Net"),
        parse=parse_english,
        unique_id=COLUMNS["txn_id"],
    ),
    Layout(
        platform="paypal",
        name="PayPal activity download (German)",
        required=("Datum", "Typ", "Währung", "Brutto", "Gebühr", "Netto"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
    ),
    Layout(
        platform="paypal",
        name="PayPal statement",
        required=("Date", "Time", "Time Zone", "Description", "Currency", "Gross", "Fee", "Net"),
        parse=parse_english,
        unique_id=COLUMNS["txn_id"],
        forbidden=("Type",),
    ),
    Layout(
        platform="paypal",
        name="PayPal statement (Spanish)",
        required=("Fecha", "Hora", "Descripción", "Divisa", "Bruto", "Comisión", "Neto"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
    ),
    Layout(
        platform="paypal",
        name="PayPal history (before 2018)",
        required=("Date", "Time", "Time Zone", "Name", "Type", "Status", "Currency", "Amount"),
        parse=parse_english,
        unique_id=COLUMNS["txn_id"],
        forbidden=("Gross",),
    ),
]
