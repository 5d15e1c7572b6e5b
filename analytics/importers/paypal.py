"""PayPal: activity download (English, German, Italian, French and Spanish headers), the
Amount/Fees/Total activity download, statement CSV (English, German, Spanish, Italian, French)
and the pre-2018 history download. See ../shared/reference/export-formats.md §3.

Sign conventions in the file: `Gross` is signed from the account holder's view and PayPal's
`Fee` is **negative** (Net = Gross + Fee). Canonically `fee = -Fee` (positive), `gross = Gross`,
`net = gross - fee`, which must equal the file's `Net` or the row is rejected. (A file whose
every fee fits Net = Gross - Fee instead, as some hand-edited files do, is read with that
convention and a warning.) The other languages name the same columns `Brutto`/`Gebühr` or
`Entgelt`/`Netto`, `Lordo`/`Tariffa`/`Netto`, `Avant commission`/`Commission`/`Net`,
`Bruto`/`Comisión` or `Tarifa`/`Neto`; the 15-column activity download (`Date,Time,TimeZone,
Name,Type,Status,Currency,Amount,Fees,Total,...`, `Time zone` in UK/AU files) calls them
`Amount` (gross), `Fees` (negative) and `Total` (net).

How each row is classified (the type lives in `Type` / `Typ` / `Tipo`, or `Description` /
`Beschreibung` / `Descripción` / `Descrizione` in statements; cells are stripped, so
`"Bank Deposit to PP Account "` matches):

- **Skipped, never moved money**: `Balance Impact` = `Memo`; holds, releases and
  authorisations (`Payment Hold`, `Payment Release`, `General Authorization`,
  `Account Hold for Open Authorization`, `Reversal of General Account Hold`, `Suspension de
  paiement`, `Blocco conto per autorizzazione aperta`, ...); a status that means the payment
  never completed (`Denied`, `Failed`, `Canceled`, `Voided`, `Expired`, and the German,
  Spanish, French and Italian equivalents).
- **transfer**: withdrawals, bank and card deposits/withdrawals, currency conversions (both
  legs), and reversals of those (`Reversal of General Withdrawal`). A fee on a transfer row
  becomes its own `fee` transaction (gross 0) so that fee totals stay complete.
- **Currency conversions cost a fee PayPal does not list**: its exchange rate is below the
  market's. For each conversion (two legs sharing a `Reference Txn ID`, or naming each other
  in it: money out in one currency, in in another; a payment converted on arrival, a
  withdrawal to a bank in another currency, a conversion the user started) GigLens values the
  money in at the ECB reference rate of the day, in the currency sold, and books what falls
  short of the money out as a `fee` row in the currency sold (gross 0, the client of the
  payment converted, else none (PayPal is no client); the
  amounts and the ECB day in its description): the currency the income was in, so no other
  currency enters the income. Not for a conversion that paid for a purchase or came back with
  its refund (the purchase is skipped, so is its cost), nor when PayPal's rate was at or above
  the ECB's (a timing difference, not a charge); a conversion without an ECB rate gets a
  warning instead.
- **fee** (gross 0, fee = -Net): rows whose type is a fee (`Chargeback Fee`,
  `Rücklastschriftgebühr`, ...).
- **tax**: rows whose type is a tax; gross = Net (negative), fee 0.
- **refund**: refunds, reversals and chargebacks with a negative gross (money given back to a
  client; PayPal returns part of its fee, so the canonical fee is negative then). A *positive*
  `Payment Refund` is money returned for something the user bought: skipped, not income. A
  positive reversal/chargeback (a dispute decided for the user) is an `adjustment`.
- **earning**: received payments (positive gross; `eCheck Received` once cleared); client = `Name`, else the sender's e-mail.
- **Skipped, personal spending**: payments the user *sent* (negative gross: `Subscription
  Payment`, `Express Checkout Payment`, `PreApproved Payment Bill User Payment`,
  `Preapproved Payment Sent`, shopping-cart payments, ...). They are purchases, not business
  income and not transfers between the user's own accounts, so they are listed in `skipped` with
  the reason "payment you sent (a purchase), not income". So are PayPal debit card purchases
  (`General PayPal Debit Card Transaction`) and money coming back on them.
- Anything else is rejected with a reason naming the type (never guessed to be income).

Status `Pending` (and `Ausstehend`, `Pendiente`, `En attente`, `In sospeso`): a payment
received but still pending (an eCheck clearing) is skipped with a reason, as it has not reached
the user (the later download that shows it Completed counts it); other pending rows are
imported as shown, with a warning. In real files pending rows do move the balance (withdrawals
in progress, bank fundings of a purchase). Statuses `Refunded`, `Partially Refunded` and `Reversed` are
imported too: the original payment did happen and the refund/reversal arrives as its own row.

Dates: German, Spanish, Italian and French files are day-first. English files are written
month-first by US accounts and day-first by UK, European and Australian ones (§3.1), so the
order is decided per file: when a day above 12 shows it, the dates decide; when every date fits
both orders, the file's time zone decides (GMT/BST/CET/AEST/Europe/... day-first, PST/EST/
America/Los_Angeles/... month-first), else its main currency (GBP/EUR/AUD/... day-first, USD
month-first), else month-first; a warning then says which order was assumed and why.
"""

from __future__ import annotations

import pandas as pd

from analytics import parsing
from analytics.currency import MAX_GAP_DAYS, fx_rate
from analytics.importers._common import (
    TRANSFER_BACK,
    choose,
    day_first_currency,
    first_nonempty,
    first_nonempty_column,
    iso_currency,
    unknown_type_reasons,
)
from analytics.loader import ImportContext, Layout

# Column spellings per field: English activity/statement, German, Spanish, Italian, French.
# The first spelling present in a file is used.
COLUMNS = {
    "date": ("Date", "Datum", "Fecha", "Data"),
    # the type column of activity downloads before the description column of statements: a
    # file with both (`Tipo` and `Descrizione`) keeps its type in the first
    "type": (
        "Type",
        "Typ",
        "Tipo",
        "Description",
        "Descripción",
        "Beschreibung",
        "Descrizione",
    ),
    "status": ("Status", "Estado", "Stato", "État", "Etat"),
    "currency": ("Currency", "Währung", "Divisa", "Moneda", "Valuta", "Devise"),
    "gross": ("Gross", "Brutto", "Bruto", "Lordo", "Avant commission", "Brut"),
    "fee": (
        "Fee",
        "Fees",
        "Gebühr",
        "Entgelt",
        "Comisión",
        "Tarifa",
        "Tariffa",
        "Commission",
        "Frais",
    ),
    "net": ("Net", "Netto", "Neto", "Total"),
    # the gross of the 15-column download (Amount, Fees, Total) and of the pre-2018 history
    "amount": ("Amount",),
    "name": ("Name", "Nombre", "Nome", "Nom"),
    "from": (
        "From Email Address",
        "Absender E-Mail-Adresse",
        "Correo electrónico del remitente",
        "Indirizzo email mittente",
        "De l'adresse email",
        "Adresse email de l'expéditeur",
        "Remitente",
    ),
    "to": (
        "To Email Address",
        "Empfänger E-Mail-Adresse",
        "Correo electrónico del destinatario",
        "Indirizzo email destinatario",
        "À l'adresse email",
        "Destinatario",
    ),
    "txn_id": (
        "Transaction ID",
        "Transaktionscode",
        "Id. de transacción",
        "Codice transazione",
        "Numéro de transaction",
    ),
    "ref": (
        "Reference Txn ID",
        "Zugehöriger Transaktionscode",
        "Id. de referencia de trans.",
        "Codice transazione di riferimento",
        "Numéro de la transaction de référence",
    ),
    "impact": (
        "Balance Impact",
        "Auswirkung auf Guthaben",
        "Impacto en el saldo",
        "Impatto sul saldo",
        "Impact sur le solde",
    ),
    "detail": (
        "Subject",
        "Betreff",
        "Item Title",
        "Artikelbezeichnung",
        "Note",
        "Hinweis",
        "Titolo oggetto",
        "Oggetto",
        "Messaggio",
        "Titre de l'objet",
        "Objet",
        "Remarque",
    ),
    "zone": (
        "TimeZone",
        "Time Zone",
        "Zeitzone",
        "Zona horaria",
        "Fuso orario",
        "Fuseau horaire",
    ),
}

# Candidates in order of preference; the first that reads every date of the file wins.
# English files get one of the first two lists, chosen per file (see `_english_date_formats`).
MONTH_FIRST = ["%m/%d/%Y", "%m/%d/%y", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DAY_FIRST_EN = ["%d/%m/%Y", "%d/%m/%y", "%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DAY_FIRST = ["%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
# The two orders an English file's slash dates can have (4-digit years, then 2-digit).
_SLASH_ORDERS = [("%m/%d/%Y", "%d/%m/%Y"), ("%m/%d/%y", "%d/%m/%y")]
_TIME_OF_DAY = r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$"

# What an English file's time zone says about its date order (case-folded cells). PayPal writes
# the account's zone: an abbreviation in activity downloads, an IANA name in statements.
DAY_FIRST_ZONES = (
    r"^(?:gmt|bst|ist|wet|west|cet|cest|eet|eest|met|mest|mez|mesz|aest|aedt|acst|acdt|awst"
    r"|nzst|nzdt)$|^(?:europe|australia)/|^pacific/auckland$"
)
MONTH_FIRST_ZONES = (
    r"^(?:pst|pdt|mst|mdt|cst|cdt|est|edt|akst|akdt|hst|hast|hadt)$"
    r"|^america/(?:los_angeles|new_york|chicago|denver|phoenix|anchorage|detroit|boise|juneau"
    r"|indiana/|kentucky/|north_dakota/)|^pacific/honolulu$|^us/"
)

# A withdrawal or transfer to the bank that was reversed, in the other languages (the English
# wording is TRANSFER_BACK): the user's own money coming back, never income.
_TRANSFER_BACK_LOCAL = (
    r"^(?!.*(?:gebühr|entgelt|frais|commission|tarifa|tariffa|comisión))"
    r"(?:annulation|storno|annullamento|rückbuchung|stornierung|anulación|reversión)\b"
    r".*(?:retrait|virement|prelievo|bonifico|trasferimento|abbuchung|auszahlung|überweisung"
    r"|retiro|retirada|transferencia)"
)

# Regexes over the case-folded, stripped type text; checked in this order, first match wins.
TYPE_CLASSES: list[tuple[str, str]] = [
    (
        "hold",
        r"\bhold\b|\brelease\b|authori[sz]ation|rückbehalt|einbehalt|freigabe|autorisierung"
        r"|vormerkung|retención|liberación|autorización"
        # French (`Suspension de paiement`, `Déblocage de paiement`, `Solde suspendu pour
        # enquête sur un litige`), Italian (`Blocco conto per autorizzazione aperta`,
        # `Storno di blocco conto generico`, `Autorizzazione generica`)
        r"|suspension|suspendu|déblocage|autorisation|blocco|autorizzazione",
    ),
    ("fee", r"\bfees?\b|gebühr|comisión|tarifa|tariffa|\bfrais\b|\bcommission"),
    (
        "tax",
        r"\btax\b|\bvat\b|\bgst\b|steuer|impuesto|\biva\b|\btaxe\b|\btva\b|\bimpost[ae]\b"
        r"|\btassa\b",
    ),
    # `Reversal of General Withdrawal`, `Reversal of ACH Deposit`: own money moving back.
    ("transfer", TRANSFER_BACK),
    ("transfer", _TRANSFER_BACK_LOCAL),
    # `General PayPal Debit Card Transaction`: the user paying in a shop with PayPal's card
    ("card", r"\bdebit card (?:transaction|purchase)"),
    (
        "refund",
        r"refund|reversal|chargeback|rückzahlung|erstattung|rückbuchung|reembolso|devolución"
        r"|contracargo|remboursement|rétrofacturation|annulation|rimborso|storno|annullamento",
    ),
    (
        "transfer",
        r"withdraw|deposit|conversion|transfer|abbuchung|auszahlung|bankgutschrift|umrechnung"
        r"|überweisung|einzahlung|aufladung|retirada|retiro|conversión|transferencia|ingreso"
        r"|depósito|recarga|retrait|virement|dépôt|approvisionnement|prelievo|bonifico"
        r"|versamento|trasferimento|ricarica",
    ),
    (
        "payment",
        r"payment|zahlung|pago|money|geld|invoice|rechnung|factura|donation|spende|donativo"
        r"|donación|purchase|einkauf|compra|subscription|abonnement|suscripción|checkout|order"
        r"|bestellung|paiement|argent|facture|achat|commande|\bdon\b|pagamento|denaro|fattura"
        r"|donazione|acquisto|abbonamento|ordine|pay later"
        # `eCheck Received` (a payment by bank account), `eCheck Sent`
        r"|\becheck\b",
    ),
]
# Types of currency conversion rows (`General Currency Conversion`, `User Initiated Currency
# Conversion`, `Allgemeine Währungsumrechnung`, `Conversión de divisa general`, `Conversion de
# devise standard`, `Conversione di valuta generica`).
CONVERSION = r"conversion|umrechnung|conversión"
# The description of the fee row of what a conversion cost starts with this.
CONVERSION_COST = "Currency conversion "


def conversion_cost_rows(table: pd.DataFrame) -> pd.Series:
    """Which rows of a canonical table are the cost of a PayPal currency conversion (or of a
    Payoneer or Upwork withdrawal paid out in another currency), estimated against the ECB rate
    (fee rows the importers write with a CONVERSION_COST description, also once booked under
    the platform whose payout was converted: `combine.payer_streams`)."""
    return table["description"].astype(str).str.startswith(CONVERSION_COST) & (
        table["kind"].astype(str) == "fee"
    )


# Positive "refund" rows are refunds of the user's own purchases; positive reversals and
# chargebacks are disputes decided in the user's favour.
PURCHASE_REFUND = r"refund|rückzahlung|erstattung|reembolso|devolución|remboursement|rimborso"
# `Balance Impact` of rows that never moved money.
MEMO = {"memo", "mémo"}

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
    "refusé",
    "refusée",
    "échoué",
    "échouée",
    "annulé",
    "annulée",
    "expiré",
    "expirée",
    "negato",
    "negata",
    "rifiutato",
    "rifiutata",
    "non riuscito",
    "non riuscita",
    "annullato",
    "annullata",
    "scaduto",
    "scaduta",
}
PENDING = {
    "pending",
    "held",
    "on hold",
    "processing",
    "ausstehend",
    "pendiente",
    "offen",
    "en attente",
    "in sospeso",
    "in attesa",
}
# A payment the money of which arrived (a refund or reversal of it has rows of its own).
COMPLETED = {
    "completed",
    "cleared",
    "refunded",
    "partially refunded",
    "reversed",
    "abgeschlossen",
    "erstattet",
    "teilweise erstattet",
    "completado",
    "completada",
    "reembolsado",
    "completata",
    "completato",
    "rimborsato",
    "terminé",
    "terminée",
    "effectué",
    "effectuée",
    "remboursé",
}
# Money sent to the user that never reached the balance: not claimed, or sent back.
NEVER_ARRIVED = {"unclaimed", "returned"}


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
    impact_name = ctx.column_name(*COLUMNS["impact"]) or "Balance Impact"
    ctx.skip(impact.isin(MEMO), f"{impact_name} is Memo: PayPal lists it but no money moved")
    hold = classes == "hold"
    ctx.skip(hold, "'{}' is a hold, release or authorisation: it never moved money", type_text)
    status = _text(ctx, "status")
    folded_status = _casefolded(status)
    failed = folded_status.isin(NEVER_COMPLETED)
    ctx.skip(failed, "PayPal status '{}': the payment never completed", status)
    ids = _text(ctx, "txn_id")
    ctx.never_completed |= set(ids[failed & (ids != "")])
    ctx.skip(
        folded_status.isin(NEVER_ARRIVED),
        "PayPal status '{}': the money never reached your balance",
        status,
    )
    known = COMPLETED | PENDING | NEVER_COMPLETED | NEVER_ARRIVED
    ctx.reject(
        (folded_status != "") & ~folded_status.isin(known),
        "unknown PayPal status '{}': GigLens cannot tell whether the money arrived, so it is "
        "not counted. Check the payment in PayPal",
        status,
    )


def _english_date_formats(ctx: ImportContext) -> list[str]:
    """The date formats of an English file, in order: month-first or day-first.

    The dates decide when they can (a day above 12 fits one order only). When every date fits
    both orders and some read differently, the file's time zone, else its main currency, says
    how its account writes dates (see `_order_hint`), and a warning says what was assumed and
    why.
    """
    column = ctx.column_name(*COLUMNS["date"])
    if column is None:
        return MONTH_FIRST
    # Every row's date votes, skipped ones too: they are written in the same order. A time of
    # day (`3/1/2026 0:00`, re-saved by a spreadsheet) says nothing about the order.
    cells = pd.Series(ctx.text(column).unique(), dtype=object)
    cells = cells[cells != ""].str.replace(_TIME_OF_DAY, "", regex=True)
    for month_first, day_first in _SLASH_ORDERS:
        as_month = parsing.read_with(cells, month_first)
        as_day = parsing.read_with(cells, day_first)
        readable = as_month.notna() | as_day.notna()
        if not readable.any():
            continue
        month_fits, day_fits = as_month.notna()[readable].all(), as_day.notna()[readable].all()
        if not (month_fits and day_fits):  # the dates decide (a day above 12)
            return DAY_FIRST_EN if day_fits else MONTH_FIRST
        differ = readable & (as_month != as_day)
        if not differ.any():
            return MONTH_FIRST  # every date is like 01/01: the order changes nothing
        day, why = _order_hint(ctx)
        example = cells[differ].iloc[0]
        month_read, day_read = as_month[differ].iloc[0], as_day[differ].iloc[0]
        order = "day first (day/month/year)" if day else "month first (month/day/year)"
        ctx.warn(
            f"Every date in this file can be read two ways (is '{example}' {month_read:%-d %B} "
            f"or {day_read:%-d %B}?). GigLens read them {order}, so '{example}' is "
            f"{(day_read if day else month_read):%-d %B %Y}, because {why}. Check a date you "
            "know; a download that includes a day after the 12th of a month settles it."
        )
        return DAY_FIRST_EN if day else MONTH_FIRST
    return MONTH_FIRST


def _order_hint(ctx: ImportContext) -> tuple[bool, str]:
    """(day first?, why) from the file's own hints: its time zone, else its main currency,
    else month-first (PayPal's English downloads are mostly from US accounts)."""
    zones = _text(ctx, "zone").value_counts()
    zones = zones[zones.index != ""]
    if len(zones):
        folded = pd.Series(zones.index.astype(str), index=zones.index).str.casefold()
        day_zone = folded.str.contains(DAY_FIRST_ZONES, regex=True).to_numpy()
        month_zone = folded.str.contains(MONTH_FIRST_ZONES, regex=True).to_numpy()
        day_rows, month_rows = zones[day_zone].sum(), zones[month_zone].sum()
        if day_rows != month_rows:
            day = bool(day_rows > month_rows)
            zone = (zones[day_zone] if day else zones[month_zone]).index[0]
            where = "the UK, Europe or Australia" if day else "the US"
            return day, (
                f"the file's time zone is {zone}, as in downloads from {where}, which write the "
                + ("day first" if day else "month first")
            )
    currencies = iso_currency(_text(ctx, "currency")).value_counts()
    currencies = currencies[currencies.index != ""]
    if len(currencies) and (len(currencies) == 1 or currencies.iloc[0] > currencies.iloc[1]):
        main = str(currencies.index[0])
        if (day := day_first_currency(main)) is not None:
            return day, (
                f"most amounts are in {main}, and PayPal accounts in {main} write the "
                + ("day first" if day else "month first")
            )
    return False, (
        "nothing in the file says otherwise, and PayPal's English downloads come mostly from "
        "US accounts, which write the month first"
    )


def parse_paypal(ctx: ImportContext, *, day_first: bool, decimal_comma: bool | None) -> None:
    """Shared parser for every PayPal layout (see the module docstring for the rules)."""
    if ctx.frame.empty:
        return
    type_text = _text(ctx, "type")
    classes = classify_types(type_text)
    _skip_never_moved(ctx, type_text, classes)

    amount_cols = [c for f in ("gross", "fee", "net", "amount") for c in COLUMNS[f]]
    _decide_decimal_comma(ctx, amount_cols, default=bool(decimal_comma))
    # `Gross` (and its translations), else `Amount`: the gross of the Amount/Fees/Total download
    # and the only amount of the pre-2018 history, which has no fee and no net.
    gross_name = ctx.column_name(*COLUMNS["gross"], *COLUMNS["amount"])
    fee_name = ctx.column_name(*COLUMNS["fee"]) or "Fee"
    net_name = ctx.column_name(*COLUMNS["net"]) or "Net"
    gross = ctx.amount(*COLUMNS["gross"], *COLUMNS["amount"], label=gross_name)
    file_fee = ctx.amount(*COLUMNS["fee"], label=fee_name).fillna(0.0)
    file_net = ctx.amount(*COLUMNS["net"], label=net_name)
    formats = DAY_FIRST if day_first else _english_date_formats(ctx)
    date = ctx.date(*COLUMNS["date"], formats=formats)
    fee = _fee_convention(ctx, gross, file_fee, file_net)
    net = (gross - fee).round(2)

    ctx.check_total(
        file_net,
        net,
        total_label=net_name,
        expected_label=f"{gross_name} plus {fee_name}",
    )
    currency = iso_currency(_text(ctx, "currency"))
    ctx.reject(currency == "", "Currency is empty: GigLens cannot tell what money this is")
    ctx.reject(gross.isna(), parsing.NO_AMOUNT)

    unknown = classes == ""
    ctx.reject(
        unknown,
        unknown_type_reasons(
            type_text[unknown],
            "PayPal",
            "Type",
            "General Payment, Website Payment, General Withdrawal...",
        ),
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
    card = classes == "card"
    ctx.skip(card & negative, "payment with your PayPal debit card (a purchase), not income")
    ctx.skip(card, "money back on a PayPal debit card purchase, not income")
    ctx.skip(
        classes.isin(["payment", "refund", "transfer"]) & (gross == 0) & (fee == 0),
        "zero amount: nothing moved",
    )

    status = _text(ctx, "status")
    pending = _casefolded(status).isin(PENDING).reindex(ctx.pending, fill_value=False)
    # a payment received but still pending (an eCheck clearing, one held for review) has not
    # reached the user: not income yet (as Stripe's pending payments); the later download
    # that shows it completed counts it
    not_yet = pending & classes.eq("payment").reindex(pending.index, fill_value=False)
    not_yet &= positive.reindex(pending.index, fill_value=False)
    ctx.skip(
        not_yet,
        "payment still Pending in PayPal when the file was downloaded: not received yet. "
        "Download the activity again once it shows Completed, and it counts then",
    )
    # a pending withdrawal or deposit moves the user's own money: no figure waits on it
    pending &= ~not_yet & ~classes.eq("transfer").reindex(pending.index, fill_value=False)
    if pending.any():
        ctx.warn(
            f"{int(pending.sum()):,} payment(s) are still Pending in PayPal; they were imported "
            "as shown. A later download may show them completed or cancelled."
        )

    type_detail = first_nonempty_column(ctx, COLUMNS["detail"])
    description = parsing.on_unique_rows(_description, type_text, type_detail)
    counterparty_email = choose(gross >= 0, _text(ctx, "from"), _text(ctx, "to"))
    ctx.account = _account_email(choose(gross >= 0, _text(ctx, "to"), _text(ctx, "from")))
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
    personal = purchase | purchase_refund | card
    paid_by = pd.Series(  # transaction id -> client, of the payments received
        client[earning].to_numpy(dtype=object), index=_text(ctx, "txn_id")[earning].to_numpy()
    )
    cost = _conversion_fees(ctx, type_text, classes, gross, date, currency, personal, paid_by)
    # the money sold in a conversion is what moved (worth) plus what it cost (the fee row):
    # the two rows add up to the file's amount
    moved = gross.add(cost, fill_value=0.0).round(2) if len(cost) else gross
    ctx.emit(transfer, kind="transfer", gross=moved, fee=0.0, client=_text(ctx, "name"), **common)
    ctx.emit(
        transfer & (fee != 0),
        kind="fee",
        gross=0.0,
        fee=fee,
        client="",  # PayPal's own charge: no client's
        date=date,
        currency=currency,
        description=parsing.on_uniques(type_text, lambda types: "Fee on " + types.fillna("")),
        reference=_text(ctx, "txn_id"),
    )


def _nth_of_reference(legs: pd.DataFrame) -> pd.DataFrame:
    """`legs` with `nth`: each leg's place among the legs of its reference, in date order
    (file order on the same date)."""
    ordered = legs.sort_values("date", kind="stable")
    return ordered.assign(nth=ordered.groupby("ref", sort=False).cumcount())


def _conversion_fees(
    ctx: ImportContext,
    type_text,
    classes,
    gross,
    date,
    currency,
    personal: pd.Series,
    paid_by: pd.Series,
) -> pd.Series:
    """A `fee` row for what each currency conversion cost, in the currency sold: the money out
    less the money in valued back at the ECB reference rate of the day (see the module
    docstring). `personal` marks the purchases and their refunds, whose conversions are theirs.
    The fee is the client's whose payment was converted (`paid_by`: transaction id -> client),
    so their figures show what they really paid; no client for a conversion of no payment.
    Returns the cost by row of the leg sold (empty when none), which that leg's transfer no
    longer carries.
    """
    none = pd.Series(dtype="float64")
    converting = (classes == "transfer") & _casefolded(type_text).str.contains(CONVERSION)
    converting = converting.reindex(ctx.pending, fill_value=False)
    if not converting.any():
        return none
    unpaired = (
        "PayPal: {} currency-conversion row(s) cannot be paired with their other leg ({}), so "
        "what the conversions cost you (PayPal's rate against the ECB's) is not counted as a "
        "fee. Download the activity again with all columns (Activity › Download › "
        "Customize report fields) to count it."
    )
    if not ctx.has(*COLUMNS["ref"]):
        ctx.warn(unpaired.format(int(converting.sum()), "the file has no Reference Txn ID column"))
        return none
    ref, txn = _text(ctx, "ref"), _text(ctx, "txn_id")
    rows = converting.index[converting]
    linked = (ref[rows] != "").to_numpy()  # unlinked legs cannot be paired
    if not linked.all():
        ctx.warn(unpaired.format(int((~linked).sum()), "their Reference Txn ID is empty"))
    rows = rows[linked]
    if not len(rows):
        return none
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
    # a leg alone: its other leg was rejected, or lies outside the file's dates
    alone = legs.index[legs["ref"].map(legs["ref"].value_counts()) == 1]
    if len(alone):
        shown = ", ".join(str(n) for n in alone[:5]) + (" ..." if len(alone) > 5 else "")
        ctx.warn(
            f"PayPal: {len(alone)} currency-conversion row(s) (row {shown}) have no other leg "
            "among the rows imported (it was rejected, or lies outside the file's dates), so "
            "what those conversions cost you is not counted as a fee. Fix a rejected row, or "
            "download the activity for a range that holds both legs, and import again."
        )
    # A conversion that paid for a purchase (`Website Payment` of -100.00 AUD), or came back
    # with its refund, is part of that purchase: not business income or cost here.
    personal = personal.reindex(ctx.frame.index, fill_value=False).astype(bool)
    theirs = pd.concat([txn[personal], ref[personal]])
    legs = legs[~legs["ref"].isin(theirs[theirs != ""])]
    out, into = legs[legs["gross"] < 0], legs[legs["gross"] > 0]
    # one leg out and one leg in per conversion, in two currencies. Several conversions can
    # share a reference (a payment converted, then part of it refunded and converted back):
    # the k-th leg out goes with the k-th leg in, in date order, when the reference has as
    # many of each and each pair is of one day; other legs are said unpaired.
    out, into = _nth_of_reference(out), _nth_of_reference(into)
    pairs = out.reset_index(names="row").merge(
        into[["ref", "nth", "gross", "currency", "date"]], on=["ref", "nth"], suffixes=("", "_in")
    )
    outs, ins = out["ref"].value_counts(), into["ref"].value_counts()
    legs_out, legs_in = pairs["ref"].map(outs), pairs["ref"].map(ins)
    even = legs_out.eq(legs_in)
    # a reference of one conversion pairs its two legs whatever their dates (as ever); of
    # several, each pair must be of one day, or the order does not tell them apart
    same_day = (pairs["date"] - pairs["date_in"]).abs() <= pd.Timedelta(days=1)
    unsure = ~even | ((legs_out > 1) & ~same_day)
    uneven = set(outs.index[outs.ne(ins.reindex(outs.index))]) | set(
        ins.index[ins.ne(outs.reindex(ins.index))]
    )
    unpaired = int(unsure.sum()) + int(
        (~out["ref"].isin(pairs["ref"]) & out["ref"].isin(uneven)).sum()
    )
    if unpaired:
        ctx.warn(
            f"PayPal: {unpaired} currency conversion(s) share a Reference Txn ID with others "
            "and could not be told apart, so what they cost you is not counted as a fee."
        )
    pairs = pairs[~unsure]
    pairs = pairs[pairs["currency"] != pairs["currency_in"]]
    if pairs.empty:
        return none
    pairs["day"] = pairs["date"].dt.normalize()
    keys = pairs[["currency_in", "currency", "day"]].drop_duplicates()
    # The rate of the very day. After the bundled rates end, the latest one: the payment is
    # worth that much at home too (`currency.to_base_currency` uses it), so with the cost
    # measured against it the money that arrived adds up; the warning below says so.
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
        return none
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
        client=pd.Series(
            pairs["ref"]
            .map(paid_by[~paid_by.index.duplicated()])
            .astype(object)
            .fillna("")
            .to_numpy(),
            index=at,
            dtype="str",
        ),
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
    stale = pairs[pairs["day"] - pairs["ecb_day"] > pd.Timedelta(days=MAX_GAP_DAYS)]
    if len(stale):
        last = stale["ecb_day"].max()
        ctx.warn(
            f"PayPal: {len(stale)} of the currency conversion(s) measured came after "
            f"{last:%-d %b %Y}, the last day of "
            "the ECB rates GigLens holds: their cost is measured against that day's rate, the "
            "one the payments are counted at in other currencies too, so it also holds the "
            "market's move since. It is exact once GigLens's rates are updated."
        )
    return pd.Series(pairs["cost"].to_numpy(), index=at)


def _money_text(values: pd.Series) -> pd.Series:
    """1234.5 -> "1,234.50"."""
    return values.map("{:,.2f}".format).astype(object)


def parse_english(ctx: ImportContext) -> None:
    parse_paypal(ctx, day_first=False, decimal_comma=None)


def parse_localised(ctx: ImportContext) -> None:
    """German, Spanish, Italian and French downloads: day-first dates and decimal commas."""

    parse_paypal(ctx, day_first=True, decimal_comma=True)


LAYOUTS = [
    Layout(
        platform="paypal",
        name="PayPal activity download",
        required=("Date", "Type", "Currency", "Gross", "Fee", "Net"),
        # the GigLens template with a Type column of the user's own has these too
        forbidden=("platform", "kind"),
        parse=parse_english,
        unique_id=COLUMNS["txn_id"],
    ),
    # The activity download as PayPal's activity page gives it (15 columns: Amount, Fees,
    # Total; `TimeZone`, or `Time zone` in UK/AU files).
    Layout(
        platform="paypal",
        name="PayPal activity download (Amount, Fees, Total)",
        required=("Date", "Type", "Status", "Currency", "Amount", "Fees", "Total"),
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
        name="PayPal activity download (Italian)",
        required=("Data", "Tipo", "Valuta", "Lordo", "Tariffa", "Netto"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
    ),
    Layout(
        platform="paypal",
        name="PayPal activity download (Spanish)",
        required=("Fecha", "Tipo", "Divisa", "Bruto", "Neto"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
    ),
    Layout(
        platform="paypal",
        name="PayPal activity download (French)",
        required=("Date", "Type", "Devise", "Avant commission", "Commission", "Net"),
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
        name="PayPal statement (German)",
        required=("Datum", "Uhrzeit", "Beschreibung", "Währung", "Brutto", "Entgelt", "Netto"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
        forbidden=("Typ",),
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
        name="PayPal statement (Italian)",
        required=("Data", "Descrizione", "Valuta", "Lordo", "Tariffa", "Netto"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
        forbidden=("Tipo",),
    ),
    Layout(
        platform="paypal",
        name="PayPal statement (French)",
        required=("Date", "Description", "Devise", "Avant commission", "Commission", "Net"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
        forbidden=("Type",),
    ),
    Layout(  # today's spelling (a 2024 download in a public importer's test)
        platform="paypal",
        name="PayPal statement (French, Brut/Frais)",
        required=("Date", "Description", "Devise", "Brut", "Frais", "Net"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
        forbidden=("Type",),
    ),
    Layout(
        platform="paypal",
        name="PayPal activity download (French, Brut/Frais)",
        required=("Date", "Type", "Devise", "Brut", "Frais", "Net"),
        parse=parse_localised,
        unique_id=COLUMNS["txn_id"],
    ),
    Layout(
        platform="paypal",
        name="PayPal history (before 2018)",
        required=("Date", "Time", "Time Zone", "Name", "Type", "Status", "Currency", "Amount"),
        parse=parse_english,
        unique_id=COLUMNS["txn_id"],
        # an activity download spelling `Time zone` (UK/AU) has Amount too, with Fees and Total
        forbidden=("Gross", "Fees", "Total"),
    ),
]


def _account_email(own_side: pd.Series) -> str:
    """The account the download is of: the email address most often on the user's side of a
    row (the receiver of money coming in, the sender of money going out), lower case; "" when
    the download has no email columns or none is written."""
    counts = own_side.value_counts()  # the few distinct addresses, not every row, are read
    names = pd.Series(counts.index.astype(str), index=counts.index).str.strip().str.lower()
    mail = names.str.contains("@", regex=False).to_numpy()
    if not mail.any():
        return ""
    by_name = counts[mail].groupby(names[mail].to_numpy()).sum()
    return str(by_name.idxmax())
