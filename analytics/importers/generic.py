"""GigLens's own CSV template (`sample_data/giglens_template.csv`) and hand-made column mappings.

The template is for any platform GigLens has no importer for (Fiverr publishes no CSV layout):
one row per payment, with the platform id in the `platform` column.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analytics import parsing
from analytics.context import row_numbers
from analytics.importers._common import (
    FEE_REFUND,
    KIND_KEYWORDS,
    PAYOUT_WORDS,
    choose,
    day_first_currency,
    folded,
    iso_currency,
    kind_from_text,
)
from analytics.loader import ImportContext, Layout, normalise_header
from analytics.parsing import on_uniques
from analytics.schema import KINDS, PLATFORM_NAMES

TEMPLATE_COLUMNS = [
    "date",
    "platform",
    "kind",
    "gross",
    "fee",
    "net",
    "currency",
    "hours",
    "client",
    "description",
    "reference",
]

MAPPABLE_FIELDS = (
    "date",
    "gross",
    "fee",
    "net",
    "client",
    "description",
    "hours",
    "currency",
    "platform",
    "kind",
    "status",
    "gross_out",
)

# Words that make money going out a platform's charge even in an account of the user's own
# spending (a "Project fee", "Commission", Upwork's "Connects")
PLATFORM_FEE_WORDS = r"\bfees?\b|commission|connects"


def _a_subscription_bought(words: pd.Series) -> pd.Series:
    """A subscription without a word of a platform's fee (`PLATFORM_FEE_WORDS`)."""
    said = words.str.contains(r"(?i)\bsubscription\b", regex=True)
    fee = words.str.contains(PLATFORM_FEE_WORDS, case=False, regex=True)
    return (said.fillna(False) & ~fee.fillna(False)).astype(bool)


# `mapping["negatives"] = NEGATIVES_ARE_EXPENSES`: the file is a bank or card account that also
# holds the user's own spending; its money going out (without a kind saying otherwise) is no
# refund to a client and is left out.
NEGATIVES_ARE_EXPENSES = "expenses"

# A status saying the money did not (or not yet) reach the user, or went back to the client:
# the row is skipped with it.
NOT_PAID_STATUS = (
    r"cancel|fail|declin|void|reject|denied|revers|pending|clearance|on hold|expired|"
    r"in progress|processing|unpaid|refused|refund|charge ?back|disput|returned|"
    # German banks and platforms: `Umsatz vorgemerkt` (pending), `storniert`, `abgelehnt`...
    r"vorgemerkt|ausstehend|in bearbeitung|storniert|abgelehnt|zurückgewiesen|fehlgeschlagen|"
    r"unbezahlt"
)
# A whole cell answering "Paid?" with no, or an invoice not paid yet (a hand-kept invoice list:
# `No`, `Open`, `Overdue`): skipped as not paid. Whole cells only: "Paid (was overdue)" says
# otherwise. Not `Sent`, which a wallet writes on money it sent.
NOT_PAID_ANSWER = (
    r"no|n|false|nein|non|not paid|not yet|open|outstanding|overdue|due|draft|"
    r"awaiting(?: payment)?|offen|fällig|überfällig"
)
# The answers of a "Paid?" column that say the money came, and those saying only part did:
# counted in full, with a warning (`_warn_unclear_paid_answers`).
PAID_ANSWER = r"yes|y|true|ja|oui|sí|si|paid|bezahlt|done|received|erhalten"
PART_PAID_ANSWER = r"part|partial|teilw|teilbezahlt|anzahlung|deposit"
# ...unless it also says the money stayed with the user.
PAID_STATUS = (
    r"refund (?:declined|denied|requested|rejected)|in your favou?r|chargeback reversed|"
    r"partially refunded|"
    # a courier paid for an order the restaurant cancelled: `Cancelled (paid)`
    r"\(paid\)|cancell?ed,? (?:but )?paid|paid cancell?ation"
)


def _kinds(values: pd.Series, gross: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The `kind` column as written when it is a canonical kind, else guessed from its words;
    and the rows of money going out whose words say nothing GigLens knows, which count as
    given back to a client (see `_warn_unknown_refunds`)."""

    def canonical_kind(distinct: pd.Series) -> pd.Series:
        lowered = distinct.fillna("").astype(str).str.strip().str.casefold()
        return lowered.where(lowered.isin(KINDS), "")

    kinds = on_uniques(values, canonical_kind)
    guess = kinds == ""
    unknown = pd.Series(False, index=values.index)
    if guess.any():
        guessed = kind_from_text(values[guess], gross[guess])
        kinds = kinds.mask(guess, guessed)
        unknown[guess] = (guessed == "refund") & (kind_from_text(values[guess]) == "earning")
    return kinds, unknown


def _warn_unknown_refunds(ctx: ImportContext, unknown: pd.Series, words: pd.Series, hint: str):
    """Say which rows of money going out counted as refunds to clients only because their words
    say nothing GigLens knows. Called once the rows are emitted, so that rows skipped (a bank
    account's own spending) or rejected meanwhile are not counted in it."""
    if not unknown.any():
        return
    counted = unknown & unknown.index.isin(ctx.pending)
    if not counted.any():
        return
    said = [w for w in dict.fromkeys(words[counted].fillna("").astype(str).str.strip()) if w]
    what = (
        "with a kind GigLens does not know (" + ", ".join(f"'{w}'" for w in said[:3]) + ")"
        if said
        else "whose words say nothing GigLens knows"
    )
    ctx.warn(
        f"{int(counted.sum()):,} row(s) of money going out {what} were counted as refunds to "
        "clients, which lowers your income. " + hint
    )


# The words a type (kind) column may hold that GigLens understands: the canonical kinds, the
# keywords of `kind_from_text` (refund, fee, withdrawal, payout, tax...), and these, which say a
# row earned money. `Payment` alone is a payment received; `Card payment` is not (see below).
EARNING_WORDS = (
    r"\b(?:earn\w*|income|sales?|sold|orders?|invoice[ds]?|revenue|bonus(?:es)?|tips?|"
    r"gratuity|royalt(?:y|ies)|milestones?|hourly|fixed price|rewards?|wages?|salary|"
    # gig work paid: a DoorDash `Dash`, an Instacart `Batch`, a TaskRabbit `Task Payment`
    r"dash|deliver(?:y|ies)|trips?|rides?|batch(?:es)?|tasks?|jobs?|shifts?|gigs?)\b"
    r"|^(?:client |customer |incoming )?payments?(?: received| from\b.*)?$"
    r"|^charges?$"  # a payment service's charge of a customer (Stripe)
)
# A bank's or card's way of moving money (`Faster payment`, `Card payment`, `Direct Debit`,
# `ACH_CREDIT`, `Bank transfer`): it says how the money moved, not whether it was earned, paid
# out to the user's own account or spent. Such a type is not read as a kind.
PAYMENT_METHODS = (
    r"\b(?:card|debit|direct credit|bank credit|faster payments?|standing order|bacs|chaps|ach|"
    r"sepa|pos|atm|"
    r"cheque|check|dslip|contactless|bill ?pay\w*|bank transfer|credit transfer|giro|interac|"
    r"e ?transfer|swift|wire|mobile payment|apple pay|google pay|p2p|monzo|revolut|zelle)\b"
    # a direction alone (`CREDIT`, `DR`): which way the money went, not what it was
    r"|^(?:credit|debit|cr|dr|in|out|incoming|outgoing|money in|money out)$"
)


def understood_kinds(values: pd.Series) -> pd.Series:
    """Whether each value of a type column says a kind of transaction GigLens understands (a
    canonical kind, `Refund`, `Withdrawal fee`, `Sale`...), rather than a bank's payment
    method (`Faster payment`, `Card payment`) or anything else. Each distinct value once."""

    def understood(distinct: pd.Series) -> pd.Series:
        text = distinct.fillna("").astype(str).str.strip().str.casefold()
        spaced = text.str.replace(r"[_\-]+", " ", regex=True)
        keyword = pd.Series(False, index=distinct.index)
        for pattern, _ in KIND_KEYWORDS:
            keyword |= text.str.contains(pattern, regex=True)
        said = text.isin(KINDS) | keyword | spaced.str.contains(EARNING_WORDS, regex=True)
        said |= spaced.str.contains(PAYOUT_WORDS, regex=True)  # `Fast Pay`: a cash-out
        return said & ~spaced.str.contains(PAYMENT_METHODS, regex=True) & (text != "")

    return on_uniques(values, understood).astype(bool)


def _fee_only(kinds: pd.Series, gross: pd.Series, fee: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A fee written as an amount (`fee,-3.00,0`) becomes a fee-only row (gross 0, fee 3.00):
    the table's rule, so that fee totals count it; a fee given back (`Fee refund,1.50,0`) is a
    negative fee (gross 0, fee -1.50). Net is unchanged."""
    moved = (kinds == "fee") & (gross != 0) & (fee.fillna(0.0) == 0)
    if not moved.any():
        return gross, fee
    return gross.mask(moved, 0.0), fee.mask(moved, -gross)


# "Refund", "Refunds", "Refund issued", "Refund 1234", "Refund – logo": a refund given, not a
# "Refund policy page", a "Refundable deposit", a "Refund reversal" or a "Refund request
# declined" (money that stayed with the user)
REFUND_PHRASE = r"refund(?:s|ed)?\b(?!.*\b(?:revers|declin|denied|reject|cancel|polic))"


# Payment services and platforms that pay a user's earnings out to their bank: `ETSY DEPOSIT`,
# `Deposit from Upwork`, `VENMO CASHOUT` coming into a bank account is the user's own money
# arriving from their platform balance (the platform's own export holds the income).
PAYING_PLATFORMS = (
    r"(?<![a-z0-9])(?:mturk|amazon|clickworker|microworkers|task ?rabbit|uber|lyft|door ?dash|"
    r"instacart|upwork|toptal|people ?per ?hour|fiverr|pay ?pal|stripe|payoneer|cash ?app|etsy|"
    r"gumroad|shopify|venmo|transfer ?wise)(?![a-z0-9])"
)
# (`PPWDL`: how UK banks write a PayPal withdrawal arriving)
ARRIVAL_WORDS = r"\b(?:deposits?|dep|cash ?out|direct dep\w*|disbursement|ppwdl)\b"
# An employer paying wages into a bank account (not gig income).
WAGE_WORDS = r"\b(?:payroll|salary|gehalt|lohn|nómina|nomina)\b"
# A bank paying interest on the balance (savings income, not gig income).
INTEREST_WORDS = (
    r"\b(?:interest (?:paid|earned|credit)|credit interest|gross interest|habenzinsen"
    r"|zinsgutschrift|zinsen)\b"
)


def _money_in_by_its_words(
    ctx: ImportContext, kinds: pd.Series, words: pd.Series, gross, rows: pd.Series | None = None
):
    """Kinds read from a description (no kind column, or a type GigLens does not know on
    `rows`): money coming in is income unless the words say it moved between the user's own
    accounts (a payout, a withdrawal, a platform's deposit) or is a tax refund. A platform's fee
    or a correction is money going out, so a positive "Portrait commission" is an earning; a
    positive transfer or tax stays what it is, said in a warning that lists examples."""
    incoming = gross > 0
    if rows is not None:
        incoming &= rows
    text = folded(words)  # each distinct description folded once
    fee_back = text.str.contains(FEE_REFUND)
    # "Refund policy page", "Refundable deposit": the word names work, not money given back
    work = text.str.contains(r"refund(?:able|\s+polic)")
    # "Tax refund", "VAT refund", "Steuererstattung": the tax office paying back, no income
    tax_back = text.str.contains(
        r"\b(?:tax|vat|gst|steuer\w*)\b.*\brefund|steuer\w*\s*(?:rück)?erstattung"
    )
    money_out_words = (kinds.isin(["fee", "adjustment"]) & ~fee_back) | ((kinds == "refund") & work)
    kinds = kinds.mask(incoming & money_out_words, "earning")
    kinds = kinds.mask(incoming & tax_back, "tax")
    # "ETSY DEPOSIT": a platform paying out to the user's bank (a "Deposit" from a client stays
    # income)
    arrival = text.str.contains(ARRIVAL_WORDS) & text.str.contains(PAYING_PLATFORMS)
    kinds = kinds.mask(incoming & (kinds == "earning") & arrival, "transfer")
    # "DIRECT DEPOSIT ACME PAYROLL", "Gehalt Januar": an employer's wages, which the tax profile
    # takes as wages; counted as gig income too, they would be taxed twice
    wages = incoming & (kinds == "earning") & text.str.contains(WAGE_WORDS) & ~arrival
    kinds = kinds.mask(wages, "transfer")
    # "INTEREST PAID": the bank's interest on the balance, savings income for the tax return
    interest = incoming & (kinds == "earning") & text.str.contains(INTEREST_WORDS) & ~arrival
    kinds = kinds.mask(interest, "transfer")
    for kind, what, rows_of in (
        ("transfer", "moves between your own accounts", incoming & ~wages & ~interest),
        ("transfer", "wages from an employer (enter them as wages under Tax profile)", wages),
        (
            "transfer",
            "the bank's interest, savings income and not from your work (the help of Other "
            "income, under Tax profile, says whether the tax estimate wants it)",
            interest,
        ),
        ("tax", "tax refunds, which are no income", incoming),
    ):
        left_out = rows_of & (kinds == kind)
        if left_out.any():
            shown = list(dict.fromkeys(words[left_out].fillna("").astype(str).str.strip()))[:3]
            ctx.warn(
                f"{int(left_out.sum()):,} payment(s) coming in were left out of income as {what}, "
                f"from their description ({', '.join(repr(w) for w in shown)}). If some are "
                "client payments, map a column that says the kind, or edit them."
            )
    return kinds


def _positive_refunds(
    ctx: ImportContext, kinds: pd.Series, words: pd.Series, gross: pd.Series, fee: pd.Series
):
    """A plain refund written as a positive amount (`Refund,40.00`) is money given back all the
    same: the row is read with its signs mirrored (gross, fee and net negated), with a warning,
    rather than counting 40.00 as income. Only rows whose kind text is a refund (`refund`,
    `Refund for order 5`): a positive chargeback reversal or won dispute is money coming back
    and keeps its sign. Returns (gross, fee, the rows flipped or None)."""
    plain = on_uniques(
        words,
        lambda u: u.fillna("").astype(str).str.strip().str.casefold().str.match(REFUND_PHRASE),
    ).astype(bool)
    return _mirrored(
        ctx,
        (kinds == "refund") & plain & (gross > 0),
        gross,
        fee,
        "refund(s) written as a positive amount (row {rows}) were counted as money given back "
        "(negative amounts), as refunds are.",
    )


# a kind that says money left the platform for the user's own account: "withdrawal",
# "Payout to PayPal", "transfer to bank", "cash out"
WITHDRAWAL_PHRASE = r"(?:withdraw|pay ?out|paid out|cash ?out|transfer(?:red)? to\b)"


def _positive_withdrawals(
    ctx: ImportContext, kinds: pd.Series, words: pd.Series, gross: pd.Series, fee: pd.Series
):
    """A withdrawal written as a positive amount (`withdrawal,3500.00`) is money that left the
    platform all the same: read with its signs mirrored, with a warning, so that its arrival in
    PayPal or the bank is matched to it (a transfer, never income). Only transfers whose kind
    says they went out (WITHDRAWAL_PHRASE); a bare `transfer` may be money coming in. Returns
    (gross, fee, the rows flipped or None)."""
    out = on_uniques(
        words,
        lambda u: (
            u.fillna("").astype(str).str.strip().str.casefold().str.contains(WITHDRAWAL_PHRASE)
        ),
    ).astype(bool)
    return _mirrored(
        ctx,
        (kinds == "transfer") & out & (gross > 0),
        gross,
        fee,
        "withdrawal(s) written as a positive amount (row {rows}) were counted as money going "
        "out of the platform (negative amounts), as withdrawals are: moved to your own "
        "account, never income.",
    )


def _mirrored(ctx: ImportContext, flipped: pd.Series, gross: pd.Series, fee: pd.Series, said):
    """(gross, fee) with the `flipped` rows' signs mirrored, and the rows (None when none),
    with a warning: "<n> " + `said` with {rows} their row numbers."""
    if not flipped.any():
        return gross, fee, None
    ctx.warn(f"{int(flipped.sum()):,} " + said.format(rows=row_numbers(flipped)))
    return gross.mask(flipped, -gross), fee.mask(flipped, -fee), flipped


def _emit_rows(ctx: ImportContext, kinds, gross, fee, net, **common) -> None:
    """Emit the template's or a mapping's rows. A transfer with a fee (`transfer,-194.00,2.00,
    -196.00`) gives the transfer of its gross and a fee row of its fee, so the fee counts as a
    cost while transfers stay out of income (as the platform importers do)."""
    charged = (kinds == "transfer") & (fee != 0)
    if charged.any():
        if net is not None:
            ctx.check_total(
                net.where(charged), gross - fee, total_label="net", expected_label="gross - fee"
            )
        ctx.emit(charged, kind="transfer", gross=gross, fee=0.0, **common)
        fee_common = dict(common)
        said = common.get("description")
        said = (
            said.fillna("").str.strip()
            if isinstance(said, pd.Series)
            else pd.Series("", index=kinds.index)
        )
        fee_common["description"] = (said + " (fee)").mask(said == "", "Transfer fee")
        ctx.emit(charged, kind="fee", gross=0.0, fee=fee, **fee_common)
    checked = {"net": net} if net is not None else {}
    ctx.emit(~charged, kind=kinds, gross=gross, fee=fee, **checked, **common)


def _platform_ids(names: pd.Series) -> pd.Series:
    """`Fiverr ` -> `fiverr`, `People Per Hour` -> `peopleperhour`; empty -> `generic`.

    A name that contains exactly one known platform as a word is that platform
    (`Fiverr Pro`, `Lingo / Fiverr` -> `fiverr`); other names keep their words, joined by `_`
    (`Kunden direkt` -> `kunden_direkt`, which `analytics.charts.label_for` shows as
    "Kunden Direkt").
    """
    text = names.fillna("").astype(str).str.strip().str.casefold()
    compact = text.str.replace(r"[^a-z0-9]", "", regex=True)
    known = compact.isin(list(PLATFORM_NAMES))
    ids = compact.where(known, text.str.replace(r"[\W_]+", "_", regex=True).str.strip("_"))
    for row in ids.index[~known & (ids != "")]:
        found = {p for p, word in _PLATFORM_WORDS.items() if word.search(text[row])}
        if len(found) == 1:
            ids[row] = found.pop()
    return ids.mask(ids == "", "generic")


def _as_word(platform: str) -> re.Pattern:
    """A platform id as a word of a typed name (`people per hour` for peopleperhour too)."""
    spaced = r"[\s._-]*".join(re.escape(ch) for ch in platform)
    return re.compile(rf"(?<![a-z0-9]){spaced}(?![a-z0-9])")


# compiled once, not per typed name
_PLATFORM_WORDS = {p: _as_word(p) for p in PLATFORM_NAMES if p != "generic"}


def _fees_written_negative(ctx: ImportContext, kinds, gross, fee, net) -> pd.Series:
    """An earning's fee written negative, as PayPal writes fees (`150.00,-30.00,120.00`, or
    with net left blank), is money the platform kept: 30.00, with a warning. A negative fee that
    the row's net confirms as one (`150.00,-30.00,180.00`) stays as written."""
    negative = (kinds == "earning") & (fee < 0)
    if not negative.any():
        return fee
    signed = negative & (net.isna() | ((gross + fee - net).abs() < 0.005))
    if not signed.any():
        return fee
    ctx.warn(
        f"{int(signed.sum()):,} fee(s) written as negative numbers (row {row_numbers(signed)}) "
        "were read as money the platform kept, as the template writes fees positive."
    )
    return fee.mask(signed, -fee)


# A template kind that says the money never reached the user (`Cancelled`, `Order cancelled`,
# `Pending clearance`, `Failed`): such a row is skipped, as a status column's would be.
NEVER_PAID_KIND = (
    r"cancel|fail|declin|void|reject|denied|pending|clearance|on hold|expired|in progress|"
    r"processing|unpaid|refused"
)


def _written_negative(cells: pd.Series) -> pd.Series:
    """Amount cells written as money going out: a minus (ASCII or Unicode) or brackets before
    the digits, or a minus after them (`-95.00`, `−$95.00`, `(95.00)`, `$-95.00`, `95.00-`)."""
    return parsing.matches_re2(cells, r"^[^\d]*[-−(]|\d[\s\pZ]*[-−][\s\pZ]*$")


def _cancelled_order(words: pd.Series) -> pd.Series:
    """Kinds that say an order or a sale was cancelled (`Cancelled order`, `Order cancelled`,
    `Cancellation`), not a payout, a withdrawal, a transfer or a refund that failed or waits."""

    def said(distinct: pd.Series) -> pd.Series:
        text = distinct.fillna("").astype(str).str.casefold()
        return text.str.contains(r"cancel") & ~text.str.contains(
            r"payout|withdraw|transfer|refund|deposit|pending|fail"
        )

    return parsing.rows_where(words, said)


def _never_paid(words: pd.Series) -> pd.Series:
    def said(distinct: pd.Series) -> pd.Series:
        text = distinct.fillna("").astype(str).str.strip().str.casefold()
        return text.str.contains(NEVER_PAID_KIND) & ~text.str.contains(PAID_STATUS)

    return parsing.rows_where(words, said)


def _unknown_earning_words(words: pd.Series) -> pd.Series:
    """Kinds that are none of GigLens's and say nothing it knows (`Foobar`, `Gig`): such rows
    count as earnings when money comes in, with a warning (`_warn_unknown_earnings`)."""

    def unknown(distinct: pd.Series) -> pd.Series:
        text = distinct.fillna("").astype(str).str.strip().str.casefold()
        said = (text != "") & ~text.isin(KINDS) & ~text.str.contains(EARNING_WORDS)
        # ...and no keyword of `kind_from_text` (refund, fee, payout...) either
        return said & (kind_from_text(distinct) == "earning")

    return parsing.rows_where(words, unknown)  # each distinct kind judged once


def _warn_unknown_earnings(ctx: ImportContext, unknown: pd.Series, words: pd.Series) -> None:
    if not unknown.any():
        return
    counted = unknown & unknown.index.isin(ctx.pending)
    if not counted.any():
        return
    said = words[counted].fillna("").astype(str).str.strip()
    shown = ", ".join(f"'{w}'" for w in list(dict.fromkeys(said))[:3])
    ctx.warn(
        f"{int(counted.sum()):,} row(s) with a kind GigLens does not know ({shown}) were counted "
        f"as earnings (row {row_numbers(counted)}). If that is right, write 'earning' as their "
        "kind; if the money never reached you, remove those rows."
    )


# The example rows of the template as GigLens serves it (sample_data/giglens_template.csv):
# date, gross, description. Left in above a user's own rows they are no income of theirs.
TEMPLATE_EXAMPLES = (
    ("2025-03-14", 150.00, "Logo vectorisation (20% Fiverr fee)"),
    ("2025-05-02", 85.00, "Price list in Google Sheets"),
    ("2025-05-02", 10.00, "Tip"),
    ("2025-05-20", -194.00, "Withdrawal to PayPal"),
    ("2025-05-20", 0.00, "PayPal withdrawal fee"),
)


def _template_examples(date: pd.Series, gross: pd.Series, description: pd.Series) -> pd.Series:
    """Whether each row is one of the template's example rows (TEMPLATE_EXAMPLES)."""
    said = description.fillna("").astype(str).str.strip()
    found = pd.Series(False, index=date.index)
    for day, amount, words in TEMPLATE_EXAMPLES:
        found |= (date == pd.Timestamp(day)) & (gross.round(2) == amount) & (said == words)
    return found.fillna(False).astype(bool)


def parse_template(ctx: ImportContext) -> None:
    words = ctx.text("kind")
    never = _never_paid(words)
    # ...unless it is a cancelled order taking money out: Fiverr's `Cancelled order` of -95.00
    # takes back an order counted before, a refund (skipped, the order's 76.00 would stay
    # income); a failed payout or a pending withdrawal stays skipped
    reversal = never & _cancelled_order(words)
    if reversal.any():  # the amounts' signs are read on those rows only (usually none)
        reversal[reversal] = _written_negative(ctx.text("gross")[reversal]) | _written_negative(
            ctx.text("net")[reversal]
        )
    ctx.skip(
        never & ~reversal,
        "kind '{}': not money paid to you (cancelled, failed or still pending)",
        words,
    )
    date = ctx.date("date", day_first=None)
    # all the amounts vote, not the first read; hours too (`2,5` when every amount is whole)
    ctx.decide_decimal_comma("gross", "fee", "net", "hours")
    gross = ctx.amount("gross")
    given_fee = ctx.amount("fee")
    net = ctx.amount("net")
    # a fee left blank is what gross and net say (gross - net), else none
    fee = given_fee.fillna(gross - net).fillna(0.0).round(2)
    # only a fee on the row (`fee,,5.00,`): a fee-only row, gross 0
    only_fee = gross.isna() & net.isna() & given_fee.fillna(0.0).ne(0.0)
    gross = gross.fillna(net + fee).mask(only_fee, 0.0)
    # the template's example rows kept above the user's own: skipped (the template alone, as
    # the demo imports it, is its examples)
    examples = _template_examples(date, gross, ctx.text("description"))
    if examples.any() and not examples.all():
        ctx.skip(
            examples,
            "an example row of the GigLens template, left in above your own rows: not your "
            "income (delete the example rows from your copy)",
        )
    # hours alone (`toptal,time,,,,,46.5`): a time entry needs no money and no currency
    time_only = (
        parsing.rows_where(
            words, lambda u: u.fillna("").astype(str).str.strip().str.casefold() == "time"
        )
        & gross.isna()
        & net.isna()
    )
    gross, net = gross.mask(time_only, 0.0), net.mask(time_only, 0.0)
    platform = on_uniques(ctx.text("platform"), _platform_ids)
    currency = iso_currency(ctx.text("currency"))
    # a blank currency beside `€100.00`: the symbol says it, when it is one currency's only
    said = _currency_of_amounts(ctx, currency == "")
    currency = currency.mask(said != "", said)
    no_currency = (currency == "") & ~time_only
    ctx.reject(no_currency, "currency is empty: write the three-letter code, e.g. USD")
    is_code = on_uniques(currency, lambda u: u.fillna("").str.fullmatch(r"[A-Z]{3}"))
    bad_currency = ~is_code.astype(bool) & (currency != "")
    ctx.reject(
        bad_currency, "currency '{}' is not a three-letter code such as USD or EUR", currency
    )
    _reject_other_currency(ctx, currency, "gross", "fee", "net")
    hours = ctx.hours("hours", label="hours")
    kinds, unknown = _kinds(words, gross)
    kinds = kinds.mask(reversal & (gross < 0).fillna(False), "refund")
    unknown &= ~reversal  # a cancellation taking money back is a refund, said by its kind
    unknown_earnings = _unknown_earning_words(words) & (kinds == "earning")
    ctx.reject(
        only_fee & (kinds != "fee"),
        "only a fee on this row: fill in its gross or net amount too, or write 'fee' as its kind",
    )
    fee = _fees_written_negative(ctx, kinds, gross, fee, net)
    gross, fee = _fee_only(kinds, gross, fee)
    gross, fee, flipped = _positive_refunds(ctx, kinds, ctx.text("kind"), gross, fee)
    if flipped is not None:
        net = net.mask(flipped, -net)
    gross, fee, flipped = _positive_withdrawals(ctx, kinds, ctx.text("kind"), gross, fee)
    if flipped is not None:
        net = net.mask(flipped, -net)
    _emit_rows(
        ctx,
        kinds,
        gross,
        fee,
        net,
        date=date,
        platform=platform,
        currency=currency,
        hours=hours,
        client=ctx.text("client"),
        description=ctx.text("description"),
        reference=ctx.text("reference"),
    )
    _warn_unknown_refunds(
        ctx,
        unknown,
        ctx.text("kind"),
        "If they are payouts to your own bank, write 'transfer' as their kind; if they are "
        "costs, 'fee'.",
    )
    _warn_unknown_earnings(ctx, unknown_earnings, words)


# Symbols several currencies write alike: `$` is also the Canadian or Australian dollar's
# sign, `kr` the Norwegian and Danish krone's, `¥` the yuan's, `Rs.` the Indian, Sri Lankan
# and Nepalese rupee's.
_SHARED_SYMBOL = {
    "USD": {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "ARS", "CLP", "COP", "UYU"},
    "SEK": {"SEK", "NOK", "DKK", "ISK"},
    "JPY": {"JPY", "CNY"},
    "PKR": {"PKR", "INR", "LKR", "NPR", "MUR", "SCR"},
}


_PLAIN_BYTES = np.zeros(256, dtype=bool)
_PLAIN_BYTES[list(b"0123456789.,()+- ")] = True


def _has_symbols(cells: pd.Series) -> bool:
    """Whether some cell holds more than digits, separators, signs and brackets: one look at
    the column's bytes (a million amounts take milliseconds), not a look per cell."""
    import pyarrow as pa

    if not isinstance(cells.array, pd.arrays.ArrowStringArray):
        return bool(cells.astype(str).str.contains(r"[^0-9.,()+\- ]", regex=True).any())
    for chunk in cells.array.__arrow_array__().chunks:
        chunk = chunk.cast(pa.large_string())
        if len(chunk) == 0 or chunk.buffers()[2] is None:
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)
        first, last = offsets[chunk.offset], offsets[chunk.offset + len(chunk)]
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[first:last]
        if not _PLAIN_BYTES[data].all():
            return True
    return False


def _currency_of_amounts(ctx: ImportContext, rows: pd.Series) -> pd.Series:
    """For `rows`, the currency the symbol in their gross, net or fee says (`€100.00` -> EUR),
    "" where none does or the symbol is several currencies' (`$`, `¥`, `kr`)."""
    said = pd.Series("", index=rows.index, dtype="object")
    if not rows.any():
        return said
    for column in ("gross", "net", "fee"):
        if ctx.has(column):
            found = parsing.currency_from_symbols(ctx.text(column)[rows])
            said[rows] = said[rows].mask(said[rows] == "", found)
    return said.mask(said.isin(list(_SHARED_SYMBOL)), "")


def _reject_other_currency(ctx: ImportContext, currency: pd.Series, *columns: str) -> None:
    """Reject rows whose amount is written in another currency than their currency column
    says (`€100.00` on a USD row): which of the two is right cannot be told."""
    for column in columns:
        if not ctx.has(column):
            continue
        cells = ctx.text(column)
        if not _has_symbols(cells):  # plain numbers, the usual case: nothing to compare
            continue
        said = parsing.currency_from_symbols(cells)
        differs = (said != "") & (currency != "") & (said != currency)
        if not differs.any():
            continue
        pairs = pd.DataFrame({"said": said[differs], "currency": currency[differs]})
        distinct = pairs.drop_duplicates()  # a few (symbol, code) pairs, each judged once
        distinct["alike"] = [
            c in _SHARED_SYMBOL.get(s, ()) for s, c in zip(distinct["said"], distinct["currency"])
        ]
        alike = pairs.merge(distinct, on=["said", "currency"], how="left")["alike"].to_numpy()
        differs[differs.index[differs][alike]] = False
        ctx.reject(
            differs,
            "the amount '{}' is written in {} but the currency column says {}: correct one of them",
            cells,
            said,
            currency,
        )


LAYOUTS = [
    Layout(
        platform="generic",
        name="GigLens template",
        required=("date", "platform", "kind", "gross", "fee", "currency"),
        parse=parse_template,
    ),
]


def _day_first_hint(ctx: ImportContext, currency: str | None) -> bool | None:
    """Whether the file's main currency (its mapped column's commonest code, or the code typed
    in the mapping) is one whose countries write the day first (GBP, EUR: True) or the month
    first (USD: False); None when it says nothing. Used only when every date reads both
    ways (01/03/2025)."""
    if not currency:
        return None
    if ctx.has(currency):
        codes = iso_currency(ctx.text(currency))
        counts = codes[codes != ""].value_counts()
        main = str(counts.index[0]) if len(counts) else ""
    else:
        main = currency.strip().upper()
    return day_first_currency(main)


def mapping_layout(mapping: dict[str, str], cells: list[str]) -> Layout | None:
    """A layout for a header that contains every column the user mapped (None otherwise)."""
    header = {normalise_header(c) for c in cells}
    columns = {f: c for f, c in mapping.items() if f in MAPPABLE_FIELDS and c}
    constants = {"currency", "platform"}
    needed = [
        c
        for f, c in columns.items()
        if not (f in constants and normalise_header(c) not in header and constant_ok(f, c))
    ]
    if not needed or not all(normalise_header(c) in header for c in needed):
        return None

    def parse(ctx: ImportContext) -> None:
        def col(field):
            return columns.get(field)

        if col("status"):
            status = ctx.text(col("status"))

            def not_paid_status(u: pd.Series) -> pd.Series:
                text = u.fillna("").astype(str).str.casefold()
                # "Completed (refund requested)", "Refund declined", "Partially refunded",
                # "Dispute resolved": money the user kept
                kept = text.str.contains(PAID_STATUS)
                answer = text.str.strip().str.fullmatch(NOT_PAID_ANSWER)
                return (text.str.contains(NOT_PAID_STATUS) & ~kept) | answer

            not_paid = on_uniques(status, not_paid_status).astype(bool)
            ctx.skip(
                not_paid,
                "status '{}': not money paid to you (cancelled, refunded, failed, still pending "
                "or not paid yet)",
                status,
            )
        date = ctx.date(
            col("date"), label=col("date"), day_first=_day_first_hint(ctx, col("currency"))
        )
        amounts = (col("gross"), col("net"), col("fee"), col("gross_out"), col("hours"))
        ctx.decide_decimal_comma(*[c for c in amounts if c])
        written_fee = ctx.amount(col("fee")) if col("fee") else None
        fee = (
            written_fee.abs().fillna(0.0)
            if written_fee is not None
            else pd.Series(0.0, index=ctx.frame.index)
        )
        gross = ctx.amount(col("gross")) if col("gross") else None
        net = ctx.amount(col("net")) if col("net") else None
        if written_fee is not None and gross is not None and net is not None:
            # a negative fee that gross - fee = net confirms is a fee given back (a refund's:
            # -30.00, -6.00, -24.00), as GigLens writes it: kept, not made positive
            given_back = (written_fee < 0) & ((gross - written_fee - net).abs() < 0.005)
            fee = fee.mask(given_back, written_fee)
        if col("gross_out"):  # a second column of money going out (`Debit`, `Money Out`)
            if gross is not None:
                gross = _with_money_out(ctx, gross, col("gross"), col("gross_out"))
            else:
                net = _with_money_out(ctx, net, col("net"), col("gross_out"))
        if gross is None:
            gross = net + fee
        _amount_in_another_column(ctx, gross, mapping)
        text_kind, by_words, transfer_in = _kind_words(
            ctx, col("kind"), col("description"), gross > 0
        )
        currency_col = col("currency")
        if currency_col and ctx.has(currency_col):
            currency = iso_currency(ctx.text(currency_col))
        elif currency_col:
            currency = pd.Series(currency_col.strip().upper(), index=ctx.frame.index)
        else:
            currency = pd.Series("", index=ctx.frame.index)
        ctx.reject(
            currency == "",
            "no currency: choose the currency column or type the currency code in the mapping",
        )
        platform_col = col("platform")
        if platform_col and ctx.has(platform_col):
            platform = on_uniques(ctx.text(platform_col), _platform_ids)
        else:
            typed = _platform_ids(pd.Series([platform_col or "generic"])).iat[0]
            platform = pd.Series(typed, index=ctx.frame.index)
        checked_net = net if (net is not None and col("gross")) else None
        kinds, unknown = _kinds(text_kind, gross)
        # Without a kind column, or where it says nothing GigLens knows (a bank's "Faster
        # payment"), the description decides: "STRIPE PAYOUT" is a transfer, not income.
        kinds = _money_in_by_its_words(ctx, kinds, text_kind, gross, rows=by_words)
        # money out to an account number shown masked (a rider's weekly `Payment` to `Monzo
        # ****4821`) is the user's own account: a payout, not a refund to a client
        own = (kinds == "refund") & unknown & _names_a_masked_account(ctx)
        kinds, unknown = kinds.mask(own, "transfer"), unknown & ~own
        spending = mapping.get("negatives") == NEGATIVES_ARE_EXPENSES
        if spending:
            # money out whose words say nothing (no "refund", "fee", "withdrawal"...)
            said, _ = _kinds(text_kind, pd.Series(0.0, index=gross.index))
            # and a subscription bought without a word of a fee ("Canva Pro subscription"):
            # the user's own purchase, not the platform's charge (its "Seller Plus membership",
            # its "Promoted Gigs ads" and a subscription naming it stay its fees)
            words = text_kind.fillna("").astype(str)
            bought = (said == "fee") & on_uniques(words, _a_subscription_bought)
            if bought.any():  # unless it names the platform ("Etsy Plus subscription")
                named = platform[bought].astype(str).str.casefold()
                bought[bought] = [
                    p in ("", "generic") or p not in w.casefold()
                    for p, w in zip(named, words[bought], strict=True)
                ]
            spent = (gross < 0) & ((said == "earning") | bought)
            ctx.skip(spent, "money you paid out (an expense, not income): left out as chosen")
            # and money coming back for it (a shop's refund) is no income either
            returned = (gross > 0) & (said == "refund")
            ctx.skip(returned, "a refund of your own spending, not income: left out as chosen")
        gross, fee = _fee_only(kinds, gross, fee)
        gross, fee, flipped = _positive_refunds(ctx, kinds, text_kind, gross, fee)
        if flipped is not None and checked_net is not None:
            checked_net = checked_net.mask(flipped, -checked_net)
        _emit_rows(
            ctx,
            kinds,
            gross,
            fee,
            checked_net,
            date=date,
            platform=platform.mask(platform == "", "generic"),
            currency=currency,
            hours=_hours(ctx, col("hours")) if col("hours") else float("nan"),
            client=ctx.text(col("client")) if col("client") else "",
            description=ctx.text(col("description")) if col("description") else "",
        )
        _warn_unknown_types(ctx, by_words & ~transfer_in, col("kind"), col("description"))
        _warn_transfers_in(ctx, transfer_in, kinds, col("kind"))
        _warn_unclear_paid_answers(ctx, col("status"), kinds, gross, currency)
        _warn_unknown_refunds(
            ctx,
            unknown,
            text_kind,
            "If they are payouts to your own account, their description should say so "
            "(e.g. 'Withdrawal'); if the file is a bank or card account holding your own "
            "spending, choose its columns again and set money going out to 'my own spending'.",
        )

    return Layout(platform="generic", name="Column mapping", required=tuple(needed), parse=parse)


# A bank's or wallet's type for money moved by bank transfer (Revolut's `TRANSFER`): coming in,
# it says how a payment arrived, not whether it was a client paying or the user's own money.
BARE_TRANSFER = r"^(?:transfers?|incoming transfer|transfer in)$"
# ...whose description says it is the user's own money: it stays a transfer
OWN_MONEY = r"\b(?:savings?|vault|pocket|own account|my account|between (?:my |your )?accounts)\b"


def _kind_words(
    ctx: ImportContext, kind_col: str | None, description_col: str | None, incoming: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The words each row's kind is read from, the rows read by their description, and of
    those the incoming bank transfers (`BARE_TRANSFER`).

    Without a kind column: the description. With one, its value where GigLens understands it
    (`understood_kinds`); elsewhere (a bank's `Faster payment`, an empty cell) the description,
    or the type's own words when the description is empty (`_warn_unknown_types` says so),
    so that a payout is never income because its type column says nothing. A bare `TRANSFER`
    coming in (`incoming`) with a description is read from the description too: a client's
    payment by bank transfer is income, a payout from a platform or savings stays a transfer."""
    index = ctx.frame.index
    description = (
        ctx.text(description_col) if description_col else pd.Series("", index=index, dtype="str")
    )
    if not kind_col:
        return description, pd.Series(True, index=index), pd.Series(False, index=index)
    values = ctx.text(kind_col)
    bare_transfer = on_uniques(
        values,
        lambda u: u.fillna("").astype(str).str.strip().str.casefold().str.fullmatch(BARE_TRANSFER),
    ).astype(bool)
    own_money = on_uniques(
        description, lambda u: u.fillna("").astype(str).str.casefold().str.contains(OWN_MONEY)
    ).astype(bool)
    transfer_in = (
        bare_transfer & incoming.fillna(False).astype(bool) & (description != "") & ~own_money
    )
    understood = understood_kinds(values) & ~transfer_in
    words = choose(description != "", description, values)
    return choose(understood, values, words), ~understood, transfer_in


# A time column whose name says it counts minutes: Instacart's `Time (min)`, `Minutes`
MINUTES_NAME = r"\bmin(?:s|utes?|uten)?\b"


def _hours(ctx: ImportContext, column: str) -> pd.Series:
    """The hours of a time column; in a column of minutes by its name (`Time (min)`), a plain
    number is minutes (86: 1.4333 hours), while a duration says its own unit (1:26, 90 min,
    1h 30m: read as such)."""
    hours = ctx.hours(column)
    if re.search(MINUTES_NAME, column, re.IGNORECASE) and not re.search(
        r"hours|hrs|stunden", column, re.IGNORECASE
    ):
        plain = on_uniques(
            ctx.text(column),
            lambda u: u.fillna("").astype(str).str.fullmatch(r"\s*[-+]?\d+(?:[.,]\d+)?\s*"),
        ).astype(bool)
        hours = hours.mask(plain, hours / 60)
    return hours


# An account or card number shown masked: `****4821`, `••7781`, `XXXX1234`.
MASKED_ACCOUNT = r"(?:\*{2,}|•{2,}|·{2,}|[xX]{3,})\s?\d{2,4}\b"


def _names_a_masked_account(ctx: ImportContext) -> pd.Series:
    """Rows with a masked account or card number in any cell (the user's own account: no
    client's refund shows it)."""
    found = pd.Series(False, index=ctx.frame.index)
    for column in ctx.frame.columns:
        found |= on_uniques(
            ctx.text(column), lambda u: u.fillna("").astype(str).str.contains(MASKED_ACCOUNT)
        ).astype(bool)
    return found


def _warn_unclear_paid_answers(
    ctx: ImportContext,
    status_col: str | None,
    kinds: pd.Series,
    gross: pd.Series,
    currency: pd.Series,
) -> None:
    """A hand-kept invoice list's "Paid?" answers Yes or No; a payment whose answer is left
    blank or says only part was paid ("Partly", "teilweise") is counted in full: say which,
    with their amounts, so that an unpaid or part-paid invoice does not pass as income."""
    if not status_col or not ctx.has(status_col):
        return
    answers = ctx.text(status_col).fillna("").astype(str).str.strip().str.casefold()
    if not answers.str.fullmatch(PAID_ANSWER + "|" + NOT_PAID_ANSWER).any():
        return  # a platform's or bank's status (Completed, Pending...), not a Yes/No column
    unclear = (answers == "") | answers.str.contains(PART_PAID_ANSWER)
    counted = unclear & unclear.index.isin(ctx.pending) & (kinds == "earning") & (gross > 0)
    if not counted.any():
        return
    amounts = gross[counted].groupby(currency[counted]).sum().round(2)
    total = ", ".join(f"{amount:,.2f} {code}" for code, amount in amounts.items())
    ctx.warn(
        f"{int(counted.sum()):,} payment(s) whose '{status_col}' is left empty or says only part "
        f"was paid (row(s) {row_numbers(counted)}; {total}) were counted in full as income. "
        "If an invoice "
        "is not paid yet, answer No; if only part was paid, write the part paid as the amount "
        "(and the rest on its own row, answered No, until it comes)."
    )


def _warn_transfers_in(
    ctx: ImportContext, transfer_in: pd.Series, kinds: pd.Series, kind_col: str | None
) -> None:
    """Say how many incoming bank transfers (`_kind_words`) count as income by their
    description, so that a user whose transfers in are their own money knows where to look."""
    counted = transfer_in & transfer_in.index.isin(ctx.pending) & (kinds == "earning")
    if not counted.any():
        return
    said = ", ".join(f"'{w}'" for w in dict.fromkeys(ctx.text(kind_col)[counted].str.strip()))
    ctx.warn(
        f"{int(counted.sum()):,} payment(s) coming in whose type in column '{kind_col}' is a bank "
        f"transfer ({said}) were counted as income from their description, as a client paying "
        "by bank transfer is; those whose description says a payout, a withdrawal or a top-up stayed "
        "moves between your own accounts. If some are your own money (from savings, another "
        "account of yours), remove them from the file or give them a description saying so."
    )


def _warn_unknown_types(
    ctx: ImportContext, by_words: pd.Series, kind_col: str | None, description_col: str | None
) -> None:
    """Say which rows' type (`kind_col`) GigLens did not know, so that they were read from their
    description (`_kind_words`). Called once the rows are emitted: rows skipped meanwhile (a
    bank account's own spending) or rejected are not counted in it."""
    if not kind_col:
        return
    unknown = by_words & by_words.index.isin(ctx.pending)
    if not unknown.any():
        return
    said = ctx.text(kind_col)[unknown].fillna("").astype(str).str.strip()
    shown = ", ".join(f"'{w}'" if w else "an empty cell" for w in list(dict.fromkeys(said))[:3])
    where = (
        f"from their description ('{description_col}')"
        if description_col
        else "from their own words and amount"
    )
    ctx.warn(
        f"{int(unknown.sum()):,} row(s) have a type in column '{kind_col}' that is not a kind of "
        f"transaction GigLens knows ({shown}): they were read {where} instead, so a payout, "
        "withdrawal or platform deposit is a move between your own accounts, never income."
    )


def _with_money_out(ctx: ImportContext, amount: pd.Series, in_col: str, out_col: str) -> pd.Series:
    """The amount of each row from two columns: `in_col` (money in, or every amount with its
    sign) and `out_col` (money going out, negative whatever its sign in the file: `Debit` 12.50
    and `Money Out` -12.50 are both -12.50). A row with an amount in both is read from them
    when they say the same (`Amount` -42.18 and `Money Out` 42.18), else rejected."""
    out = -ctx.amount(out_col).abs()
    has_out = out.notna() & (out != 0)
    empty_in = amount.isna() | (amount == 0)
    differ = ~empty_in & has_out & ~parsing.money_equal(amount, out)
    ctx.reject(
        differ,
        f"both '{in_col}' ({{}}) and '{out_col}' ({{}}) hold an amount on this row, which do not "
        "say the same: GigLens cannot tell whether money came in or went out; correct the row "
        "or choose the columns again",
        amount,
        out,
    )
    take_out = (empty_in & has_out) | (amount.isna() & out.notna())
    return amount.mask(take_out, out)


# Names of amount columns a bank or wallet may split its money into (`Credit`/`Debit`,
# `Money In`/`Money Out`, `Withdrawals`/`Deposits`), not a running balance
_OTHER_AMOUNT = (
    r"debit|credit|money ?(?:in|out)|paid ?(?:in|out)|withdrawal|deposit|outgoing|incoming|"
    r"spent|amount|betrag|\bsoll\b|\bhaben\b|ausgang|eingang|\bgross\b|\bnet\b|\btotal\b"
)
_OUT_NAME = r"debit|\bout\b|outgoing|withdrawal|spent|\bsoll\b|ausgang"


def _amount_in_another_column(ctx: ImportContext, amount: pd.Series, mapping: dict) -> None:
    """A row whose chosen amount columns are empty, but whose amount is in a column left
    unmapped (a `Debit` column beside the `Credit` chosen as the amount), is rejected with a
    reason naming that column and what to choose, not as "no amount on this row"."""
    missing = amount.isna() & pd.Series(ctx.frame.index.isin(ctx.pending), index=amount.index)
    if not missing.any():
        return
    mapped = {normalise_header(c) for c in mapping.values() if isinstance(c, str)}
    shown_as = {
        "gross": mapping.get("gross"),
        "net": mapping.get("net"),
        "gross_out": mapping.get("gross_out"),
    }
    chosen = " and ".join(f"'{c}'" for c in shown_as.values() if c)
    for column in ctx.frame.columns:
        name = str(column).casefold()
        if normalise_header(column) in mapped or "balance" in name:
            continue
        if not re.search(_OTHER_AMOUNT, name):
            continue
        parsed = parsing.parse_amount(
            ctx.frame[column], decimal_comma=bool(ctx.decimal_comma)
        ).values
        found = missing & parsed.notna() & (parsed != 0)
        if not found.any():
            continue
        if re.search(_OUT_NAME, name):
            todo = f"choose '{column}' as \"Money going out\" in the column mapping"
        else:
            todo = f"choose '{column}' as the amount in the column mapping"
        ctx.reject(
            found,
            f"no amount in {chosen} on this row, but '{column}' holds {{}}: {todo} "
            '("Choose its columns again" on the Home page) to import it',
            ctx.text(column),
        )
        missing &= ~found


def constant_ok(field: str, value: str) -> bool:
    """Whether a mapping's value for `field` (currency, platform) can stand for every row when
    it is no column of the file: a three-letter code, any platform name."""
    if field == "currency":
        return bool(re.fullmatch(r"[A-Za-z]{3}", value.strip()))
    return bool(value.strip())
