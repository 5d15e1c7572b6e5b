"""Several imported files as one transaction table: each transaction once.

Two ways the same money can show up twice when a person imports all their exports:
- the same transaction in two files (the same export twice, or overlapping date ranges): the
  later file's copy is a duplicate by `txn_id` and is left out;
- a withdrawal from one platform to another account that is also imported: Upwork shows it as
  a withdrawal (a transfer), PayPal as a payment received from "Upwork Escrow Inc.". The
  income was earned once, on Upwork; the PayPal row is the same money arriving, so it becomes
  a `transfer` too — but only when the Upwork export shows that withdrawal (same amount, days
  before), otherwise the PayPal row is the only record of that income and stays;
- an Upwork Weekly Summary next to the Upwork transaction history: the summary's amounts are
  the history's hourly earnings again (before Upwork's fee), so for the dates the history
  covers its rows keep only their hours (kind `time`), which then give the history's earnings
  their hourly rate.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

from analytics.canonical import has_repeats, hash_strings
from analytics.importers.gumroad import PAYOUT_CSV as GUMROAD_PAYOUT_CSV
from analytics.importers.gumroad import SALES_EXPORT as GUMROAD_SALES_EXPORT
from analytics.importers.mturk import is_dashboard_rewards
from analytics.importers.paypal import CONVERSION_COST
from analytics.importers.stripe import ADD_THE_PAYMENTS
from analytics.importers.upwork import WEEKLY_SUMMARY
from analytics.metrics import and_list, distinct_text, text_key
from analytics.parsing import on_uniques
from analytics.schema import (
    CATEGORY_COLUMNS,
    DEFAULT_STREAMS,
    INCOME_KINDS,
    PLATFORM_NAMES,
    empty_transactions,
)

# Accounts a platform pays its workers' withdrawals into, and how each platform's payer is
# named on them (the counterparty `client` of the receiving account's rows, case-folded).
RECEIVING_PLATFORMS = ("paypal", "payoneer", "cashapp")
PAYER_NAMES: dict[str, str] = {
    "upwork": r"\bupwork\b",
    "fiverr": r"\bfiverr\b",
    "toptal": r"\btoptal\b",
    "freelancer": r"\bfreelancer\.com\b|\bfreelancer (?:technology|limited|international)\b",
    "peopleperhour": r"\bpeople ?per ?hour\b",
    "etsy": r"\betsy\b",
    "gumroad": r"\bgumroad\b",
    "uber": r"\buber\b",
    # delivery and task apps paying out by direct deposit (their files mapped with the form)
    "lyft": r"\blyft\b",
    "doordash": r"\bdoor ?dash\b",
    "instacart": r"\binstacart\b",
    "taskrabbit": r"\btask ?rabbit\b",
    # micro-task platforms that pay out to PayPal (the template holds their own earnings)
    "mturk": r"\bmechanical turk\b|\bmturk\b",
    "clickworker": r"\bclickworker\b",
    "prolific": r"\bprolific\b",
    "microworkers": r"\bmicroworkers\b",
    "appen": r"\bappen\b",
}
# Freelance marketplaces whose earnings reach PayPal & co. only by the worker's withdrawals: a
# payment from one of them with no withdrawal in its files gets a note (shops such as Etsy
# have customers with the platform's name in theirs).
WITHDRAWING_PLATFORMS = ("upwork", "fiverr", "toptal", "freelancer", "peopleperhour")
# Platforms whose export holds the income and not the payouts they send to PayPal or
# Payoneer (a Gumroad sales export, a Clickworker or Prolific template, MTurk's dashboard or
# HIT list): a payment from them in the dates that export covers is a payout of its income.
PAYOUT_ONLY_PLATFORMS = ("gumroad", "clickworker", "prolific", "microworkers", "appen", "mturk")
# A payout follows the sales it pays by up to a month (Gumroad pays weekly or monthly).
PAYOUT_DAYS = 31
# A withdrawal reaches the other account within days.
ARRIVAL_DAYS = 10


@dataclass
class Combined:
    """`transactions`: every file's transactions once, sorted by date (stable). Per input file,
    in order: `kept` (its transactions that were not duplicates), `duplicates` (transactions
    left out because an earlier file, or an earlier row, had them) and `duplicate_rows` (its
    rows all of whose transactions were such duplicates) and `left_out` (those rows: `row`, the
    file's row number, and the first of the row's transactions, its `txn_id`, `date`, `kind`,
    `gross`, `currency`, `description`, and `counted_from`, the file that counts it when the
    same `txn_id` is kept, else ""). `notes`: plain-language notes on own-account payments
    counted as transfers."""

    transactions: pd.DataFrame
    kept: list[pd.DataFrame] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    duplicate_rows: list[int] = field(default_factory=list)
    left_out: list[pd.DataFrame] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _other_accounts(results: list, notes: list[str]) -> None:
    """A note for the files of a platform that are of another account than the one most of its
    transactions come from (`ImportResult.account`): a partner's PayPal download added by
    mistake would count as the user's income unsaid. Two accounts of the user's own are said
    too: only the user knows whose each is."""
    by_platform: dict[str, dict[str, list]] = {}
    for result in results:
        account = getattr(result, "account", "") if result is not None else ""
        if account:
            by_platform.setdefault(result.platform, {}).setdefault(account, []).append(result)
    for platform, accounts in by_platform.items():
        if len(accounts) < 2:
            continue
        # the account of most transactions is the user's own
        main = max(accounts, key=lambda a: sum(len(r.transactions) for r in accounts[a]))
        name = PLATFORM_NAMES.get(platform, platform)
        for account, files in sorted(accounts.items()):
            if account == main:
                continue
            listed = ", ".join(str(r.source) for r in files[:3]) + (
                f" and {len(files) - 3:,} more" if len(files) > 3 else ""
            )
            notes.append(
                f"{listed} {'is a download' if len(files) == 1 else 'are downloads'} of another "
                f"{name} account ({account}) than your other {name} files ({main}): its income "
                "counts as yours. If it is someone else's (a partner's), remove it on the Home "
                "page; if both accounts are yours, nothing needs doing."
            )


def combine(results: list) -> Combined:
    """One table from several `ImportResult`s (None for a file that failed), each transaction
    once; see the module docstring."""
    out = Combined(empty_transactions())
    frames: list[pd.DataFrame] = []
    weekly: list[np.ndarray] = []  # per kept row: from an Upwork Weekly Summary
    seen: list[pa.Array] = []  # the ids kept so far, as Arrow strings
    _other_accounts(results, out.notes)
    saved_again = _dashboard_days_saved_again(results, out.notes)
    mturk_drop, mturk_best = _mturk_day_sources(results, saved_again)
    history_windows = _upwork_history_windows(results)
    # rows another file of the platform holds more fully (Stripe's balance, Etsy's statements)
    elsewhere = _stripe_payments_in_balance(results, out.notes)
    counted_in: dict[int, pd.Series] = {}  # per file: txn_id -> the file that counts it
    for position, drop in _etsy_orders_counted_elsewhere(results, out.notes, counted_in).items():
        elsewhere[position] = elsewhere.get(position, False) | drop
    without_ids = _paypal_rows_downloaded_with_ids(results, out.notes)
    never_completed = _never_completed(results)
    _payments_added_beside(results)
    refunds_superseded = _stripe_refunds_superseded(results, out.notes)
    for position, drop in _gumroad_refunds_in_payouts(results, out.notes).items():
        refunds_superseded[position] = refunds_superseded.get(position, False) | drop
    # earlier files' rows by the platform's own id (hashed), with the file's name
    by_reference: list[tuple[np.ndarray, str]] = []
    last = max((i for i, r in enumerate(results) if r is not None), default=-1)
    for position, result in enumerate(results):
        if result is None:
            out.kept.append(empty_transactions())
            out.duplicates.append(0)
            out.duplicate_rows.append(0)
            out.left_out.append(_left_out_rows(empty_transactions(), np.zeros(0), np.zeros(0)))
            continue
        table = result.transactions
        layout = getattr(result, "layout", "")
        dup = duplicate_ids(table["txn_id"], seen)
        if position in refunds_superseded:  # before the id check: the later refund stays
            dup |= refunds_superseded[position]
        if by_reference or position < last:  # a later file may repeat this one's records
            same, sources = _same_records(table, dup, by_reference, str(result.source))
            if same.any():  # the file that counts each (`_counted_from`)
                named = pd.Series(sources, index=table["txn_id"].astype(str).to_numpy()[same])
                counted_in[position] = pd.concat([counted_in.get(position), named])
            dup |= same
        if position in without_ids:
            dup |= without_ids[position]
        if position in saved_again:
            dup |= saved_again[position]
        if position in elsewhere:
            dup |= elsewhere[position]
        never = np.zeros(len(table), dtype=bool)
        if never_completed:
            never = _completed_nowhere(result, never_completed, out.notes) & ~dup
            dup |= never
        if layout in mturk_drop:
            dup |= _mturk_left_out(result, mturk_drop[layout], mturk_best, dup, out.notes)
        out.duplicates.append(int(dup.sum()))
        out.left_out.append(_left_out_rows(table, result.transaction_rows, dup, never))
        out.duplicate_rows.append(len(out.left_out[-1]))
        kept = table[~dup]
        out.kept.append(kept)
        seen.append(_id_cells(kept["txn_id"]))
        frames.append(kept)
        weekly.append(np.full(len(kept), layout == WEEKLY_SUMMARY))
    weekly = [w for w, f in zip(weekly, frames, strict=True) if len(f)]
    frames = [f for f in frames if len(f)]
    if not frames:
        _counted_from(out, counted_in)
        return out
    # The few-valued columns are joined as categoricals (their categories merged), not turned
    # into one string per row by a concat of differing categories.
    data = pd.concat([f.drop(columns=list(CATEGORY_COLUMNS)) for f in frames], ignore_index=True)
    for col in CATEGORY_COLUMNS:
        parts = [
            f[col].astype(str).astype("category") if f[col].dtype != "category" else f[col]
            for f in frames
        ]
        data[col] = union_categoricals(parts, sort_categories=True)
    data = data[list(frames[0].columns)]
    data, transfer_notes = own_account_transfers(data)
    out.notes = transfer_notes + out.notes
    data, stream_notes = payer_streams(data)
    out.notes.extend(stream_notes)
    data, client_notes = clients_named_in_descriptions(data)
    out.notes.extend(client_notes)
    data, hours_notes = weekly_summary_hours(
        data, np.concatenate(weekly), history_windows, _upwork_history_end(results)
    )
    out.notes.extend(hours_notes)
    out.transactions = data.sort_values("date", kind="stable").reset_index(drop=True)
    _counted_from(out, counted_in)
    return out


def _counted_from(out: Combined, counted_in: dict[int, pd.Series] | None = None) -> None:
    """Each left-out row's `counted_from`: the file whose transaction of the same `txn_id` is
    counted, else the file a rule matched it to (`counted_in`: per file position, txn_id ->
    file, as an Etsy order a statement holds), else "" (matched otherwise: by the platform's
    id and amounts, or a note)."""
    wanted = [f for f in out.left_out if len(f)]
    if not wanted:
        for frame in out.left_out:
            frame["counted_from"] = pd.Series([], dtype=object)
        return
    ids = pd.concat([f["txn_id"].astype(str) for f in wanted], ignore_index=True)
    data = out.transactions
    known = data[data["txn_id"].astype(str).isin(ids).to_numpy()]
    source = pd.Series(
        known["source"].astype(str).to_numpy(), index=known["txn_id"].astype(str).to_numpy()
    )
    source = source[~source.index.duplicated()]
    for position, frame in enumerate(out.left_out):
        if not len(frame):
            frame["counted_from"] = []
            continue
        ids = frame["txn_id"].astype(str)
        found = ids.map(source).astype(object)
        if counted_in and position in counted_in:
            matched = counted_in[position]
            found = found.fillna(ids.map(matched[~matched.index.duplicated()]).astype(object))
        frame["counted_from"] = found.fillna("").to_numpy()


def _files_of(results: list, *layouts: str) -> list[tuple[int, object]]:
    """(position, result) of the files read with one of `layouts` that hold transactions."""
    return [
        (i, r)
        for i, r in enumerate(results)
        if r is not None and getattr(r, "layout", "") in layouts and len(r.transactions)
    ]


def _never_completed(results: list) -> dict[tuple[str, str], str]:
    """(platform, id) -> the file saying that payment never completed (PayPal: Denied...)."""
    found = {}
    for result in results:
        for ref in getattr(result, "never_completed", ()) if result is not None else ():
            found.setdefault((result.platform, ref), result.source)
    return found


def _completed_nowhere(result, never: dict[tuple[str, str], str], notes: list[str]) -> np.ndarray:
    """Rows of `result` whose payment another download shows as never completed: an earlier
    download caught it pending; the later one says it was denied or cancelled."""
    table = result.transactions
    elsewhere = {
        ref: source
        for (platform, ref), source in never.items()
        if platform == result.platform and source != result.source
    }
    if not elsewhere or table.empty:
        return np.zeros(len(table), dtype=bool)
    gone = table["reference"].isin(list(elsewhere)).to_numpy(dtype=bool)
    if gone.any():
        rows = table[gone]
        where = sorted({elsewhere[ref] for ref in distinct_text(rows["reference"])})
        notes.append(
            f"{result.source}: {len(rows):,} transaction(s) ({rows['net'].sum():,.2f}) are not "
            f"counted: {', '.join(where)} shows those payments as never completed (denied or "
            "cancelled since this download)."
        )
    return gone


# Stripe: the Dashboard Payments export lists payments only, by their charge id (`ch_...`);
# the balance export and the balance reports list every balance transaction (`txn_...`),
# payments included, with Stripe's other fees: beside one, the Payments export repeats money.
STRIPE_PAYMENTS = "Stripe Payments (Dashboard export)"
STRIPE_BALANCE = (
    "Stripe balance transactions (Dashboard export)",
    "Stripe Balance change from activity report",
    "Stripe Payout reconciliation report",
)


PAID_OUT_WITHIN = 35  # days: Stripe pays out daily, weekly or monthly, a week or so after


def _payments_added_beside(results: list) -> None:
    """A payouts export's warning asks for the file with the payments "if you have not added
    one for the same dates": where a file of the same platform with income dated from
    PAID_OUT_WITHIN days before the first payout to the last, and before the last (what a payout pays out
    was received before it: a month's report of one payout on the 3rd holds the payments of
    the month before; `_income_spanning`), was added, the warning names it instead (each
    result's own warnings list is replaced, not changed in place)."""
    for result in results:
        if result is None or not any(ADD_THE_PAYMENTS in w for w in result.warnings):
            continue
        dates = result.transactions["date"]
        if dates.dropna().empty:
            continue
        first, last = dates.min().normalize(), dates.max().normalize()
        holding = [
            other.source
            for other in results
            if other is not None
            and other is not result
            and other.platform == result.platform
            and _income_spanning(other.transactions, first, last)
        ]
        if holding:
            named = f"Yours are in {', '.join(dict.fromkeys(holding))}, added beside it."
            result.warnings = [w.replace(ADD_THE_PAYMENTS, named) for w in result.warnings]


def _income_spanning(table: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> bool:
    """Whether `table`'s income covers the payouts of `first` to `last` (days): some of it
    dated from PAID_OUT_WITHIN days before the first payout to the last, and some within that
    many days before the last (a file of June alone does not hold what payouts until December
    paid out)."""
    income = table["kind"].isin(INCOME_KINDS).to_numpy()
    days = table.loc[income, "date"].dropna().dt.normalize()
    if days.empty:
        return False
    window = pd.Timedelta(days=PAID_OUT_WITHIN)
    return bool(
        ((days >= first - window) & (days <= last)).any()
        and ((days >= last - window) & (days <= last)).any()
    )


def _stripe_payments_in_balance(results: list, notes: list[str]) -> dict[int, np.ndarray]:
    """Per Payments export (file position), its rows dated within the dates of a Stripe
    balance export or report (a day either side: one may be in UTC, the other in local
    time). Those payments are in the balance file too, under another id, so they count from
    there, once; a note says how many and which file."""
    windows = [
        (r.transactions["date"].min(), r.transactions["date"].max(), r.source)
        for _i, r in _files_of(results, *STRIPE_BALANCE)
    ]
    drop: dict[int, np.ndarray] = {}
    if not windows:
        return drop
    day = pd.Timedelta(days=1)
    for position, result in _files_of(results, STRIPE_PAYMENTS):
        dates = result.transactions["date"]
        inside = np.zeros(len(dates), dtype=bool)
        names = []
        for first, last, name in windows:
            here = dates.between(first - day, last + day).to_numpy()
            if here.any():
                names.append(name)
            inside |= here
        if inside.any():
            drop[position] = inside
            notes.append(
                f"Stripe: {int(inside.sum()):,} row(s) of {result.source} (the Payments export) "
                f"are dated within {', '.join(dict.fromkeys(names))}, which lists the same "
                "payments with Stripe's other fees and payouts: they are counted from there, "
                "once."
            )
    return drop


def _stripe_refunds_superseded(results: list, notes: list[str]) -> dict[int, np.ndarray]:
    """Per Payments export, its refund rows that a later one replaces. The export shows what was
    refunded of a payment so far (`Amount Refunded`): where two exports show a refund of the same
    payment, the one whose dates reach furthest has the whole of it (on a tie, the file added
    later), and the other's is left out, with a note."""
    exports = _files_of(results, STRIPE_PAYMENTS)
    if len(exports) < 2:
        return {}
    latest: dict[str, tuple] = {}  # payment id -> (reach, position) of the export to keep
    for i, r in exports:
        t = r.transactions
        reach = (t["date"].max(), i)
        for ref in distinct_text(t.loc[t["kind"] == "refund", "reference"]):
            latest[ref] = max(latest.get(ref, reach), reach)
    drop = {}
    for i, r in exports:
        t = r.transactions
        keep_in = t["reference"].astype(str).map({k: v[1] for k, v in latest.items()})
        old = ((t["kind"] == "refund") & keep_in.notna() & (keep_in != i)).to_numpy(dtype=bool)
        if old.any():
            drop[i] = old
            notes.append(
                f"Stripe: {int(old.sum()):,} refund(s) in {r.source} are shown again, with what "
                "was refunded since, in a later Payments export: counted once, from the later "
                "one."
            )
    return drop


ETSY_STATEMENTS = (
    "Etsy monthly statement",
    "Etsy monthly statement (older layout)",
    "Etsy monthly statement (German column names)",
)
ETSY_SOLD_ORDERS = ("Etsy Sold Orders", "Etsy Sold Orders (UK)")
ETSY_PAYMENTS = "Etsy Payments sales"
# "Payment for Order #3504652090", "Refund to buyer for Order #...", "Etsy order #5001"
_ETSY_ORDER = r"(?i)\border #\s*(\d+)"


def _etsy_orders(table: pd.DataFrame, layout: str) -> pd.Series:
    """Each row's Etsy order id ("" when it names none): a Sold Orders row's reference, else
    the "Order #..." its description names."""
    if layout in ETSY_SOLD_ORDERS:
        return table["reference"].astype(str).str.strip()
    return table["description"].astype(str).str.extract(_ETSY_ORDER, expand=False).fillna("")


def _etsy_orders_counted_elsewhere(
    results: list, notes: list[str], counted_in: dict[int, pd.Series] | None = None
) -> dict[int, np.ndarray]:
    """Per Etsy Sold Orders or Etsy Payments file, its rows of orders that a fuller Etsy file
    also holds: a monthly statement (every fee: listing, transaction, ads, labels) before an
    Etsy Payments file, and that before Sold Orders. A row is left out when the fuller files
    hold a row of the same order and kind (the sale, a refund), and an order's sales-tax row
    with its sale; orders the fuller files do not hold (months without a statement) stay.
    A note says how many and from which files they count; `counted_in` gets, per file
    position, the file each left-out transaction counts from (by `txn_id`)."""
    statements = _files_of(results, *ETSY_STATEMENTS)
    payments = _files_of(results, ETSY_PAYMENTS)
    sold = _files_of(results, *ETSY_SOLD_ORDERS)
    drop: dict[int, np.ndarray] = {}
    counted_in = {} if counted_in is None else counted_in

    def held(files: list) -> pd.Series:
        """(order, kind) -> the first of `files` holding it."""
        parts = [
            pd.Series(
                r.source,
                index=pd.MultiIndex.from_arrays(
                    [_etsy_orders(r.transactions, r.layout), r.transactions["kind"].astype(str)]
                ),
            )
            for _, r in files
        ]
        found = pd.concat(parts)
        found = found[found.index.get_level_values(0) != ""]
        return found[~found.index.duplicated()]

    def leave_out(files: list, fuller: list, what: str) -> None:
        if not files or not fuller:
            return
        kept = held(fuller)
        for i, r in files:
            t = r.transactions
            order = _etsy_orders(t, r.layout)
            kind = t["kind"].astype(str)
            # an order's sales-tax row goes with its sale
            as_kind = kind.mask(kind == "tax", "earning")
            source = kept.reindex(pd.MultiIndex.from_arrays([order, as_kind])).to_numpy()
            out = pd.notna(source) & (order != "").to_numpy()
            before = drop.get(i, np.zeros(len(t), dtype=bool))
            new = out & ~before
            if new.any():
                # rows of the file (a refunded order's row gives its sale and its refund)
                rows = np.unique(np.asarray(r.transaction_rows)[new])
                sources = list(dict.fromkeys(source[new]))
                notes.append(
                    f"Etsy: {len(rows):,} row(s) of {r.source} are orders that "
                    f"{and_list(sources)} also hold{'s' if len(sources) == 1 else ''} ({what}): "
                    "counted once, from there."
                )
                drop[i] = out | before
                named = pd.Series(source[new], index=t["txn_id"].astype(str).to_numpy()[new])
                counted_in[i] = pd.concat([counted_in.get(i), named]) if i in counted_in else named

    leave_out(payments + sold, statements, "with every fee Etsy charged")
    leave_out(sold, payments, "with the card processing fee of each payment")
    return drop


def _gumroad_refunds_in_payouts(results: list, notes: list[str]) -> dict[int, np.ndarray]:
    """Per Gumroad sales export, its refunds that the payout CSVs also hold. The sales export
    dates a refund on the purchase day with fee 0 (it knows neither); a payout CSV has the
    refund's own day and the fee Gumroad gave back. Where the payout CSVs' refunds of a
    purchase come to the same amount, the sales export's is left out, with a note; refunds the
    payout CSVs do not hold (or hold only in part) stay."""
    payouts = _files_of(results, GUMROAD_PAYOUT_CSV)
    sales = _files_of(results, GUMROAD_SALES_EXPORT)
    if not payouts or not sales:
        return {}
    refunded = pd.concat(
        [r.transactions.loc[r.transactions["kind"] == "refund"] for _, r in payouts]
    ).drop_duplicates("txn_id")  # a payout CSV added twice holds each refund once
    in_payouts = _cents_by_reference(refunded)
    drop = {}
    for i, r in sales:
        t = r.transactions
        refund = (t["kind"] == "refund").to_numpy()
        reference = t["reference"].astype(str)
        in_export = _cents_by_reference(t[refund])
        matched = in_export.index[in_export.eq(in_payouts.reindex(in_export.index)).to_numpy()]
        covered = refund & reference.isin(matched).to_numpy()
        if covered.any():
            drop[i] = covered
            notes.append(
                f"Gumroad: {int(covered.sum()):,} refund(s) in {r.source} are also in your payout "
                "CSVs, which have their own dates and the fees Gumroad gave back: counted once, "
                "from the payout CSVs."
            )
    return drop


def _cents_by_reference(rows: pd.DataFrame) -> pd.Series:
    """Σ gross in cents per reference (the platform's id of the purchase)."""
    cents = np.rint(rows["gross"].to_numpy(dtype="float64") * 100)
    return pd.Series(cents, index=rows["reference"].astype(str).to_numpy()).groupby(level=0).sum()


# MTurk: the dashboard's daily totals and the pages that list a day's HITs one by one.
MTURK_DASHBOARD = "MTurk dashboard (saved JSON)"


MTURK_STATUS = "MTurk status details (saved JSON)"
MTURK_LIST = "MTurk HIT list (CSV)"
# When two MTurk files cover a day equally, the one with more detail counts.
MTURK_PREFERENCE = {MTURK_STATUS: 2, MTURK_LIST: 1, MTURK_DASHBOARD: 0}


def _dashboard_days_saved_again(results: list, notes: list[str]) -> dict[int, np.ndarray]:
    """Per file position, the rows of days that a dashboard saved later also shows.

    The dashboard lists the last weeks day by day, and a day's figures grow while its HITs are
    approved: two saves of it share days, with other amounts. Each such day counts once, from
    the save whose days reach furthest (saved later; on a tie, the one with more income, as
    approvals only add; then the file added later). Days with the same figures in both are
    duplicates by id anyway.
    """
    saves = [(i, r.transactions) for i, r in _files_of(results, MTURK_DASHBOARD)]
    if len(saves) < 2:
        return {}
    days = {i: t["date"].dt.normalize() for i, t in saves}
    ids = {i: set(t["txn_id"].astype(str)) for i, t in saves}
    # the latest save first: it keeps its days, each earlier one the days no later save has.
    # Two saves reaching the same day: the one with more income is the later (approvals only
    # add), then the file added later.
    order = sorted(
        saves,
        key=lambda s: (days[s[0]].max(), round(float(s[1]["gross"].sum()), 2), s[0]),
        reverse=True,
    )
    taken: set = set(days[order[0][0]].unique())
    drop: dict[int, np.ndarray] = {}
    for i, t in order[1:]:
        again = days[i].isin(taken).to_numpy()
        if again.any():
            drop[i] = again
            others = set().union(*(ids[j] for j, _t in saves if j != i))
            changed = t[again & ~t["txn_id"].astype(str).isin(others).to_numpy()]
            if len(changed):  # not merely the same rows again
                notes.append(
                    f"{results[i].source}: {changed['date'].dt.normalize().nunique()} day(s) of "
                    "this MTurk dashboard are also in a dashboard saved later, with other "
                    "amounts (HITs approved since): those days count from the later save."
                )
        taken |= set(days[i].unique())
    return drop


def _mturk_day_sources(
    results: list, saved_again: dict[int, np.ndarray] | None = None
) -> tuple[dict[str, pd.DatetimeIndex], pd.Series]:
    """Per MTurk layout, the days whose HIT rewards it must leave to another MTurk file, and
    for each day two files cover, the layout that counts.

    A day's HIT rewards can be in the dashboard (a daily total), in status details pages and
    in a HIT list (one row per HIT). Where two or more of them cover a day, the one with the
    largest total for it counts, ties (to the cent) going to the more detailed one: status
    pages come in pages of 25, so one saved page of a busy day is short of the dashboard,
    while a complete list equals it. The dashboard's bonuses are in no list and always count.
    """

    def day_totals(layout: str) -> pd.Series:
        parts = []
        for i, r in _files_of(results, layout):
            t = r.transactions
            if saved_again and i in saved_again:
                t = t[~saved_again[i]]
            rows = t[is_dashboard_rewards(t["description"])] if layout == MTURK_DASHBOARD else t
            parts.append(rows[rows["kind"] == "earning"])
        rows = pd.concat(parts) if parts else None
        if rows is None or rows.empty:
            return pd.Series(dtype="float64", name=layout)
        rows = rows.drop_duplicates("txn_id")  # the same page saved in two files counts once
        return rows["gross"].groupby(rows["date"].dt.normalize()).sum().rename(layout)

    totals = pd.concat([day_totals(layout) for layout in MTURK_PREFERENCE], axis=1)
    covered = totals.notna().sum(axis=1) >= 2
    drop: dict[str, pd.DatetimeIndex] = {}
    if not covered.any():
        return drop, pd.Series(dtype=object)
    shared = totals[covered]
    # cents first, the preference breaks ties
    score = (shared * 100).round() * 10 + pd.Series(MTURK_PREFERENCE)
    best = score.idxmax(axis=1)
    for layout in MTURK_PREFERENCE:
        days = shared.index[shared[layout].notna() & (best != layout)]
        if len(days):
            drop[layout] = pd.DatetimeIndex(days)
    return drop, best


def _mturk_left_out(
    result, days: pd.DatetimeIndex, best: pd.Series, dup: np.ndarray, notes: list[str]
) -> np.ndarray:
    """The rows of an MTurk file whose days another MTurk file counts (see
    `_mturk_day_sources`), with a note saying so."""
    table = result.transactions
    if result.layout == MTURK_DASHBOARD:
        repeated = _dashboard_rewards_on(table, days)
    else:
        on_days = table["date"].dt.normalize().isin(days).to_numpy()
        repeated = on_days & (table["kind"] == "earning").to_numpy()
    if repeated.any():
        left_out = table[repeated & ~dup]
        if result.layout == MTURK_DASHBOARD:
            notes.append(_dashboard_note(left_out))
        else:
            to_dashboard = bool((best.reindex(days) == MTURK_DASHBOARD).all())
            notes.append(_list_note(left_out, result.source, to_dashboard))
    return repeated


def _dashboard_rewards_on(table: pd.DataFrame, days: pd.DatetimeIndex) -> np.ndarray:
    """A dashboard's HIT-rewards rows of `days`: the same HITs as those days' HIT list, counted
    once, from the list (the dashboard's bonuses are in no HIT list and still count)."""
    rewards = is_dashboard_rewards(table["description"]).to_numpy()
    return rewards & table["date"].dt.normalize().isin(days).to_numpy()


def _list_note(left_out: pd.DataFrame, source: str, to_dashboard: bool) -> str:
    """Why a status page's or HIT list's rows of some days count from another MTurk file."""
    days = left_out["date"].dt.normalize().nunique()
    head = f"{source}: the HITs of {days} day(s) ({left_out['gross'].sum():,.2f} USD)"
    if to_dashboard:
        return (
            f"{head} add up to less than the MTurk dashboard's HIT rewards for those days (a "
            "status page saved without its other pages?), so those days count from the "
            "dashboard."
        )
    return (
        f"{head} are also in another MTurk file that lists as much of those days or more (a "
        "status page and a HIT list of the same day), so they are counted once, from that file."
    )


def _dashboard_note(left_out: pd.DataFrame) -> str:
    return (
        f"MTurk dashboard: the HIT rewards of {len(left_out):,} day(s) "
        f"({left_out['gross'].sum():,.2f} USD) are counted once, from the status details pages "
        "or HIT list that show those days' HITs one by one; the dashboard's bonuses and its "
        "other days still count."
    )


# The description of a payment the user said is no income (a friend paying them back).
PERSONAL = "Personal, not income (as you chose): "


def personal_payers(data: pd.DataFrame) -> pd.DataFrame:
    """The people who paid into a payment account (PayPal, Payoneer, Cash App) and might be a
    friend paying back rather than a client: one row per payer (`key`: `text_key` of the
    client) with `name` (as written most often), `accounts` (platform ids), `payments` and
    `gross` (per currency as text), largest first. Payments already counted as transfers
    (payouts of imported platforms) are not listed."""
    rows = data[
        data["platform"].isin(RECEIVING_PLATFORMS).to_numpy()
        & (data["kind"] == "earning").to_numpy()
        & (data["gross"] > 0).to_numpy()
    ]
    columns = ["key", "name", "accounts", "payments", "gross"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    keys = text_key(rows["client"])
    rows = rows[(keys != "").to_numpy()]
    keys = keys[keys != ""]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    names = rows["client"].astype(str).str.strip()
    out = []
    for key, group in rows.groupby(keys.to_numpy(), observed=True):
        amounts = group.groupby(group["currency"].astype(str), observed=True)["gross"].sum()
        out.append(
            {
                "key": key,
                "name": names[group.index].value_counts().index[0],
                "accounts": sorted(distinct_text(group["platform"])),
                "payments": len(group),
                "gross": ", ".join(f"{v:,.2f} {c}" for c, v in amounts.items()),
                "_size": float(group["gross"].sum()),
            }
        )
    table = pd.DataFrame(out).sort_values(["payments", "_size"], ascending=False)
    return table[columns].reset_index(drop=True)


def as_personal(data: pd.DataFrame, keys: set[str] | list[str]) -> pd.DataFrame:
    """`data` with the payments into a payment account (PayPal, Payoneer, Cash App) from the
    people the user said pay them back rather than for work (`keys`: `text_key`s of their
    names) counted as no income: a `transfer` (never income) described as personal. Their
    refunds too; fees beside them stay the account's costs."""
    keys = set(keys or ())
    if data.empty or not keys:
        return data
    hit = (
        data["platform"].isin(RECEIVING_PLATFORMS).to_numpy()
        & data["kind"].isin(["earning", "refund"]).to_numpy()
        & text_key(data["client"]).isin(keys).to_numpy()
    )
    if not hit.any():
        return data
    kind = data["kind"]
    if isinstance(kind.dtype, pd.CategoricalDtype) and "transfer" not in kind.cat.categories:
        kind = kind.cat.add_categories(["transfer"])
    kind = kind.copy()
    kind[hit] = "transfer"
    description = data["description"].astype(object).copy()
    description[hit] = PERSONAL + description[hit].fillna("").astype(str)
    return data.assign(kind=kind, description=description.astype(data["description"].dtype))


def own_account_transfers(data: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """`data` with payments received from another imported platform's payout counted as
    transfers, and one note per (receiving account, paying platform).

    A row is such a payment when it is an `earning` of a RECEIVING_PLATFORMS account whose
    client matches PAYER_NAMES of a platform that is also in `data`, and that platform's export
    has a withdrawal (a `transfer` out) of the same amount in the same currency at most
    ARRIVAL_DAYS before it. Each withdrawal accounts for one payment; a payment with no such
    withdrawal (earned before that export starts, another amount, a client that merely has
    the platform in its name) stays income, said in a note. A PAYOUT_ONLY_PLATFORMS export
    holds no withdrawals (a Gumroad sales export): a payment from it dated within its income's
    dates (to PAYOUT_DAYS after) is its payout (`_payouts_of_an_export`).
    """
    if data.empty:
        return data, []
    # a Cash App paycheck deposit from a gig platform is booked under that platform (Uber):
    # it arrived in a receiving account all the same (its file holds that account's rows, or
    # its description says it is a deposit)
    own = data["platform"].isin(RECEIVING_PLATFORMS)
    receiving_files = set(distinct_text(data.loc[own, "source"]))
    deposit = on_uniques(
        data["description"].astype(str),
        lambda d: d.str.contains(r"^(?:paycheck|direct) deposit", case=False, regex=True),
    ).to_numpy(dtype=bool)
    arrived = own | data["source"].isin(receiving_files) | deposit
    receiving = arrived & (data["kind"] == "earning")
    if not receiving.any():
        return data, []
    present = set(distinct_text(data["platform"]))
    clients = text_key(data.loc[receiving, "client"])  # case-folded, per distinct value
    moved: list = []
    notes = []
    for payer, pattern in PAYER_NAMES.items():
        if payer not in present:
            continue
        named_mask = on_uniques(clients, lambda names, p=pattern: names.str.contains(p, regex=True))
        named = clients.index[named_mask.to_numpy(dtype=bool)]
        if not len(named):
            continue
        out = data[(data["platform"] == payer) & (data["kind"] == "transfer") & (data["gross"] < 0)]
        if out.empty:  # e.g. an Upwork Weekly Summary: earnings, but no withdrawals to match
            if payer in WITHDRAWING_PLATFORMS:
                notes.append(_unmatchable_note(data.loc[named], payer))
            elif payer in PAYOUT_ONLY_PLATFORMS:
                paid_out, said = _payouts_of_an_export(data, named, payer)
                moved.extend(paid_out)
                notes.extend(said)
            continue
        matched = _matched_arrivals(data.loc[named], out)
        left = named.difference(matched)
        dates = data["date"][data["platform"] == payer]
        unmatched = (
            [_unmatched_note(data.loc[left], payer, dates.min(), dates.max())] if len(left) else []
        )
        if not matched:
            notes.extend(unmatched)
            continue
        moved.extend(matched)
        picked = data.loc[matched]
        for _account, group in picked.groupby(picked["platform"].astype(str), observed=True):
            name = PLATFORM_NAMES[payer]
            notes.append(
                f"{len(group):,} {_accounts(group, payer)} payment(s) from {name} "
                f"({_amounts(group)}) match withdrawals in your {name} export: that income is counted "
                f"once, from the {name} export, and these payments are transfers."
            )
        notes.extend(unmatched)
    if not moved:
        return data, notes
    kind = data["kind"]
    if isinstance(kind.dtype, pd.CategoricalDtype) and "transfer" not in kind.cat.categories:
        kind = kind.cat.add_categories(["transfer"])
    kind = kind.copy()
    kind[data.index.isin(moved)] = "transfer"
    return data.assign(kind=kind), notes


def payer_streams(data: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Income that arrived in PayPal, Payoneer or Cash App from a platform of another stream
    whose own export is not imported (a Prolific or Clickworker payout: micro tasks; Gumroad:
    sales) takes that platform's stream instead of the account's (freelance), with a note,
    and is booked under that platform (Prolific, not PayPal: filtered, summed and rated as the
    platform that paid), with the account's fees and conversion costs of those payments (what
    getting its money cost: Prolific's net is what arrived).
    With the export imported, its payouts are transfers (`own_account_transfers`). A stream the
    user chooses for that platform (Prolific) applies to them."""
    receiving = data["platform"].isin(RECEIVING_PLATFORMS) & data["kind"].isin(INCOME_KINDS)
    if not receiving.any():
        return data, []
    clients = text_key(data.loc[receiving, "client"])
    stream = data["stream"].astype(str).to_numpy(dtype=object)
    platform = data["platform"].astype(str).to_numpy(dtype=object)
    kinds = data["kind"].astype(str).to_numpy()
    present = set(distinct_text(data["platform"]))
    notes = []
    for payer, pattern in PAYER_NAMES.items():
        target = DEFAULT_STREAMS.get(payer)
        # With the platform's own export imported, a payment its withdrawals do not explain is
        # no payout of it (a client named "Etsy-Inspired Prints"); Etsy pays out to banks, and
        # shops put its name in theirs.
        if target in (None, "freelance") or payer == "etsy":
            continue
        named_mask = on_uniques(clients, lambda names, p=pattern: names.str.contains(p, regex=True))
        named_rows = data.index.get_indexer(clients.index[named_mask.to_numpy(dtype=bool)])
        rows = named_rows[stream[named_rows] != target]
        name = PLATFORM_NAMES.get(payer, payer)
        if payer in present:
            # its payouts are transfers; a fee beside one (PayPal's conversion of a Clickworker
            # payout) is a cost of that platform's money: its stream, not the account's
            rows = rows[data["kind"].to_numpy()[rows] == "fee"]
            rows = rows[_paid_out_by(data, pattern, data["platform"].to_numpy()[rows])]
            if len(rows):
                stream[rows] = target
                notes.append(
                    f"{len(rows):,} fee or conversion row(s) beside payouts from {name} in "
                    f"{_account_names(data, rows)} count as {STREAM_WORDS[target]} costs, the "
                    f"stream of {name}."
                )
            continue
        # booked under it, whichever stream they had: its payments and refunds, and the
        # account's fees and conversion costs of them (what getting its money cost)
        platform[named_rows] = payer
        if not len(rows):
            continue
        stream[rows] = target
        accounts = sorted(
            {PLATFORM_NAMES.get(a, a) for a in data["platform"].iloc[rows].astype(str)}
        )
        # the payments themselves; a conversion's cost or a fee beside one is no payment
        paid = int((kinds[rows] == "earning").sum())
        others = len(rows) - paid
        notes.append(
            f"{paid:,} payment(s) from {name} in {' and '.join(accounts)}"
            + (f", with {others:,} fee or conversion row(s) of theirs," if others else "")
            + f" count as {name}'s {STREAM_WORDS[target]} income."
        )
    moved = platform != data["platform"].astype(str).to_numpy(dtype=object)
    if not notes and not moved.any():
        return data, []
    return data.assign(stream=pd.Categorical(stream), platform=pd.Categorical(platform)), notes


STREAM_WORDS = {"micro": "micro-task", "sales": "sales", "other": "other"}

# a time tracker's client named inside a payment's description: at least this many letters,
# so that a short name ("Admin", "ACME") is not found inside other words' sentences by chance
NAMED_CLIENT_LEAST = 6


def clients_named_in_descriptions(data: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Payments and refunds that name no client (a Stripe balance export has no customer
    column) but whose description names one client of the time trackers' entries (Toggl
    Track, Clockify), as a whole name in any case ("Invoice HB-7 (Hafenblick Studio GmbH)"),
    get that client, with a note: their tracked hours then rate them. A description naming
    two tracked clients, or none, stays without one. Only the clients of billable entries,
    named in two words or more and at least NAMED_CLIENT_LEAST characters, are looked for."""
    from analytics.hours import NON_BILLABLE_TAG, TRACKER_PLATFORMS

    kind = data["kind"].astype(str)
    tracked = (kind == "time") & data["platform"].astype(str).isin(TRACKER_PLATFORMS)
    # billable time only: "Internal" or "Personal" time is no client's
    tracked &= ~data["description"].astype(str).str.rstrip().str.endswith(NON_BILLABLE_TAG)
    if not tracked.any():
        return data, []
    names = {}
    for name in distinct_text(data.loc[tracked, "client"]):
        name = " ".join(str(name).split())
        # a name of two words or more ("Nordlicht Media"): one word ("Website", "Consulting")
        # is too often just a word of a payment's description
        if len(name) >= NAMED_CLIENT_LEAST and len(name.split()) >= 2:
            names.setdefault(name.casefold(), name)
    client = data["client"].astype(str).str.strip()
    wanted = kind.isin(["earning", "refund"]) & (client == "") & (data["description"] != "")
    if not names or not wanted.any():
        return data, []
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(
            r"\s+".join(map(re.escape, n.split()))
            for n in sorted(names.values(), key=len, reverse=True)
        )
        + r")(?!\w)",
        re.IGNORECASE,
    )

    def named(descriptions: pd.Series) -> pd.Series:
        def one(text) -> str:
            found = {" ".join(m.split()).casefold() for m in pattern.findall(str(text or ""))}
            return names[found.pop()] if len(found) == 1 else ""

        return descriptions.map(one).astype(object)

    found = on_uniques(data.loc[wanted, "description"], named).astype(str)
    found = found[found != ""]
    if found.empty:
        return data, []
    data = data.copy()
    values = data["client"].astype(object).to_numpy().copy()
    values[data.index.get_indexer(found.index)] = found.to_numpy()
    data["client"] = pd.Series(values, index=data.index).astype(data["client"].dtype)
    counts = found.value_counts()
    platforms = sorted(
        {PLATFORM_NAMES.get(p, p) for p in data.loc[found.index, "platform"].astype(str)}
    )
    listed = ", ".join(f"{name}: {n}" for name, n in sorted(counts.items()))
    return data, [
        f"{len(found):,} payment(s) in {' and '.join(platforms)} named no client, but their "
        f"descriptions name one of your time tracker's clients; they count as that client's "
        f"({listed}), so its tracked hours rate them."
    ]


def _paid_out_by(data: pd.DataFrame, pattern: str, accounts: np.ndarray) -> np.ndarray:
    """For each of `accounts` (receiving platforms): whether it holds a transfer (a payout
    matched by `own_account_transfers`) from the payer whose name `pattern` matches."""
    moves = data[
        data["kind"].astype(str).eq("transfer").to_numpy() & (data["gross"] > 0).to_numpy()
    ]
    named = text_key(moves["client"]).str.contains(pattern, regex=True).to_numpy(dtype=bool)
    paid_into = set(moves.loc[named, "platform"].astype(str))
    return np.isin(accounts.astype(str), list(paid_into))


def _account_names(data: pd.DataFrame, rows: np.ndarray) -> str:
    return " and ".join(
        sorted({PLATFORM_NAMES.get(a, a) for a in data["platform"].iloc[rows].astype(str)})
    )


def weekly_summary_hours(
    data: pd.DataFrame,
    weekly: np.ndarray,
    windows: list[tuple[pd.Timestamp, pd.Timestamp]],
    history_end: pd.Timestamp | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """`data` with the Upwork Weekly Summary earnings (rows where `weekly`) that an Upwork
    transaction history also pays turned into time entries, and a note.

    Upwork pays a week of hourly work (Monday to Sunday) on the Monday after it, and a fixed
    price the day it is released: a summary row is paid on `paid_on` = the next Monday (hourly
    rows) or its own date (others). `windows` are the first and last Upwork earning of each
    imported history file (each file its own dates, so a gap between two downloads is no
    coverage). A row is the history's money again when `paid_on` falls in a window and the
    history's earnings name its contract (`... | <title>` or `Invoice for <title>: ...` in
    their description); it then becomes kind `time` with gross, fee and net 0, keeping its date
    and hours, under the client of those earnings, so the hours match them. An hourly row of a
    contract the history names, paid after the history's last row (`history_end`, at least its
    last earning) and within UNPAID_SPAN of it, in a summary that ends there too, was not paid
    yet when the history was downloaded: it becomes a time entry without hours (neither its
    pay nor its hours count). Every other summary row stays an earning (a contract the history
    does not show is income only there).
    """
    candidates = weekly & (data["kind"] == "earning").to_numpy()
    if not candidates.any() or not windows:
        return data, []
    history = ~weekly & (data["platform"] == "upwork").to_numpy()
    history &= (data["kind"] == "earning").to_numpy()
    dates = data["date"]
    hourly = text_key(data["description"]).str.startswith("hourly").to_numpy()
    paid_on = dates.where(~hourly, dates + pd.to_timedelta(7 - dates.dt.day_of_week, unit="D"))
    covered = np.zeros(len(data), dtype=bool)
    for first, last in windows:
        covered |= candidates & paid_on.between(first, last).to_numpy()
    titles, untitled = _contract_clients(data[history])
    client = text_key(data["client"]).map(titles).astype(object)
    if untitled.any():  # invoices naming only their week (legacy layout): by payday
        by_payday = paid_on.dt.normalize().map(_one_client_per_day(data[history][untitled]))
        client = client.fillna(by_payday.astype(object))
    repeated = covered & client.notna().to_numpy()
    unnamed = covered & ~repeated
    # hourly work of a contract the history pays, paid after the history's last row, within
    # the next two paydays, when the summary itself ends there too (downloaded with the
    # history): not paid yet then (a later download of the history shows it). A summary that
    # reaches further was downloaded later: those weeks were paid, income as before.
    last_paid = max(last for _first, last in windows)
    end = last_paid if history_end is None else max(history_end, last_paid)
    unpaid = candidates & hourly & ~covered & client.notna().to_numpy()
    unpaid &= paid_on.between(end, end + UNPAID_SPAN, inclusive="right").to_numpy()
    if unpaid.any() and paid_on[candidates].max() > end + UNPAID_SPAN:
        unpaid[:] = False
    unnamed_notes = [_unnamed_note(data[unnamed])] if unnamed.any() else []
    if not repeated.any() and not unpaid.any():
        return data, unnamed_notes
    kind = data["kind"]
    if isinstance(kind.dtype, pd.CategoricalDtype) and "time" not in kind.cat.categories:
        kind = kind.cat.add_categories(["time"])
    kind = kind.copy()
    kind[repeated | unpaid] = "time"
    out = data.assign(kind=kind)
    for column in ("gross", "fee", "net"):
        out[column] = out[column].mask(repeated | unpaid, 0.0)
    # a fixed price without hours gives no time entry's hours (0 hours would count its pay
    # as earned in no time); nor does a week whose invoice in the history states its hours
    # (`10.00 hours x $6.00`): they are counted there, once; nor work not paid yet
    out["hours"] = out["hours"].mask(
        unpaid
        | repeated
        & (~(out["hours"] > 0).to_numpy() | _week_timed_in_history(data, history, client, paid_on))
    )
    out["client"] = out["client"].astype(object).mask(repeated | unpaid, client)
    out["client"] = out["client"].astype(data["client"].dtype)
    notes = []
    if repeated.any():
        rows = data[repeated]
        notes.append(
            f"Upwork Weekly Summary: {int(repeated.sum()):,} row(s) from "
            f"{rows['date'].min():%d %b %Y} to {rows['date'].max():%d %b %Y} "
            f"({float(rows['gross'].sum()):,.2f} USD before Upwork's fee) are earnings your "
            "Upwork transaction history already shows, so only their "
            f"{rows['hours'].fillna(0.0).sum():,.2f} hours are used, for your hourly rates."
        )
        left = candidates & ~repeated & ~unnamed & ~unpaid
        if left.any():
            notes[-1] += (
                f" {int(left.sum()):,} row(s) dated outside the history stay income, before "
                "Upwork's fee."
            )
    if unpaid.any():
        rows = data[unpaid]
        notes.append(
            f"Upwork Weekly Summary: {int(unpaid.sum()):,} row(s) of work from "
            f"{rows['date'].min():%d %b %Y} to {rows['date'].max():%d %b %Y} "
            f"({float(rows['gross'].sum()):,.2f} USD before Upwork's fee, "
            f"{rows['hours'].fillna(0.0).sum():,.2f} hours) are paid after the last row of "
            f"your Upwork transaction history ({end:%d %b %Y}): not paid yet when it was "
            "downloaded, so they are left out, hours too. A later download of the history "
            "brings them in."
        )
    return out, notes + unnamed_notes


# Upwork pays a week of hourly work on the Monday after it: a Weekly Summary row paid within
# two paydays after the history's last payment was most likely not paid yet when the history
# was downloaded; one paid later lies beyond the history's dates (income of its own)
UNPAID_SPAN = pd.Timedelta(days=14)


def _week_timed_in_history(
    data: pd.DataFrame, history: np.ndarray, client: pd.Series, paid_on: pd.Series
) -> np.ndarray:
    """Rows whose client and payday week (Monday to Sunday) hold a history earning with hours."""
    timed = history & (data["hours"] > 0).to_numpy()
    if not timed.any():
        return np.zeros(len(data), dtype=bool)

    def monday(dates: pd.Series) -> pd.Series:
        day = dates.dt.normalize()
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")

    known = pd.MultiIndex.from_arrays(
        [text_key(data.loc[timed, "client"]), monday(data.loc[timed, "date"])]
    )
    mine = pd.MultiIndex.from_arrays([text_key(client.fillna("").astype(str)), monday(paid_on)])
    return mine.isin(known)


def _unnamed_note(rows: pd.DataFrame) -> str:
    titles = ", ".join(sorted(set(rows["client"].astype(str)))[:5])
    return (
        f"Upwork Weekly Summary: {len(rows):,} row(s) ({rows['gross'].sum():,.2f} USD, contracts "
        f"{titles}) fall within your Upwork transaction history's dates, but the history does "
        "not name those contracts, so they stay income. If the history does pay them (under "
        "another name), that income counts twice: leave the Weekly Summary out."
    )


def _one_client_per_day(earnings: pd.DataFrame) -> pd.Series:
    """Day -> the client the history paid that day, for days it paid exactly one client."""
    named = earnings[earnings["client"].astype(str).str.strip() != ""]
    clients = named["client"].astype(str).groupby(named["date"].dt.normalize()).unique()
    return clients[clients.map(len) == 1].map(lambda names: names[0])


def _same_records(
    table: pd.DataFrame, dup: np.ndarray, by_reference: list[tuple[np.ndarray, str]], name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of `table` that an earlier file already has under the platform's own id (see
    `_reference_keys`), and for each of them that file's name; this file's (`name`) other
    referenced rows join `by_reference` (their keys hashed to 64 bits: eighty files' keys
    are one array to look in, not eighty MultiIndexes merged) for later files."""
    keys = _reference_keys(table)
    referenced = _has_reference(table)
    same = np.zeros(len(table), dtype=bool)
    sources = np.array([], dtype=object)
    if by_reference:
        earlier = np.concatenate([k for k, _ in by_reference])
        same = np.isin(keys, earlier) & referenced
        if same.any():
            files = pd.Series(
                np.concatenate([np.full(len(k), f, dtype=object) for k, f in by_reference]),
                index=earlier,
            )
            sources = files[~files.index.duplicated()].reindex(keys[same]).to_numpy()
    by_reference.append((keys[referenced & ~dup & ~same], name))
    return same, sources


def _has_reference(table: pd.DataFrame) -> np.ndarray:
    return (table["reference"].fillna("").astype(str).str.strip() != "").to_numpy()


def _reference_keys(table: pd.DataFrame) -> np.ndarray:
    """Each row as the platform's own record of it, hashed to 64 bits: (platform, reference,
    kind, currency, gross and fee in cents, day, occurrence among equal keys in the file). The same
    transaction downloaded with other columns (PayPal's activity download lets the user choose
    them; Upwork added `Entered Description`) or an edited description has another txn_id but
    this key; the occurrence keeps a file's genuinely repeated rows apart. Stripe's ids
    (`txn_...`) and Uber's transaction UUIDs are unique on their own, and their exports may
    date them differently (Stripe in UTC or in the report's time zone; an Uber report without
    dates at the end of its period): their day is left out of the key."""
    day = table["date"].dt.normalize()
    day = day.mask(
        table["platform"].isin(("stripe", "uber")).to_numpy()
        & (table["reference"] != "").to_numpy()
    )
    parts = {
        "platform": table["platform"].astype(str).to_numpy(),
        "reference": table["reference"].fillna("").astype(str).str.strip().to_numpy(),
        "kind": table["kind"].astype(str).to_numpy(),
        "currency": table["currency"].astype(str).to_numpy(),
        "gross": np.rint(table["gross"].to_numpy(dtype="float64") * 100).astype(np.int64),
        "fee": np.rint(table["fee"].to_numpy(dtype="float64") * 100).astype(np.int64),
        "day": day.to_numpy(),
    }
    frame = _occurrence_frame(parts)
    # one resolution for the days, whatever a file's: their hashes must agree
    frame["day"] = pd.to_datetime(frame["day"]).astype("datetime64[ns]")
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def _paypal_rows_downloaded_with_ids(results: list, notes: list[str]) -> dict[int, np.ndarray]:
    """Per PayPal file downloaded without the Transaction ID column (PayPal's activity download
    lets the user choose its columns), its rows that a download with the ids has, or an earlier
    download without them (of other columns) has. Without the ids a row gets another txn_id and
    no reference, so neither `txn_id` nor `_same_records` can see it is the same payment: such
    rows are the same record when their `_amount_keys` agree (platform, kind, currency, gross,
    fee, day, the payer when both files name payers, and occurrence among equal keys in the
    file), so another account's payment of the same amount that day (another payer) is not
    taken for it. The download with the ids counts, in whatever order the files come, as it
    holds more (references, the cost of conversions); a note says how many rows and which
    files."""
    files = [
        (i, r)
        for i, r in enumerate(results)
        if r is not None and getattr(r, "platform", "") == "paypal" and len(r.transactions)
    ]
    if len(files) < 2:
        return {}
    with_ids = [r for _i, r in files if _has_reference(r.transactions).any()]
    drop: dict[int, np.ndarray] = {}
    earlier: list[tuple[object, np.ndarray]] = []  # downloads without ids, rows kept
    seen_ids: set[str] = set()
    for position, result in files:
        table = result.transactions
        if _has_reference(table).any():
            continue
        # the same download again (same columns) is a duplicate by txn_id: no note for it
        by_id = table["txn_id"].isin(seen_ids).to_numpy()
        same = np.zeros(len(table), dtype=bool)
        found_in: dict[str, bool] = {}
        candidates = [(other, True, None) for other in with_ids]
        candidates += [(other, False, kept) for other, kept in earlier]
        for other, has_ids, kept in candidates:
            # payers compared only when both files name them alike (a Name column in both, or
            # e-mails in both): "Client A" and "a@client.com" are one payer written two ways
            mine, theirs_said = _payers_named_by(table), _payers_named_by(other.transactions)
            names = bool(mine) and mine == theirs_said
            fees = _has_fees(table) and _has_fees(other.transactions)
            theirs = _amount_keys(other.transactions, names, fees)
            if kept is not None:
                theirs = theirs[kept]
            found = _amount_keys(table, names, fees).isin(theirs) & ~same & ~by_id
            if found.any():
                found_in[other.source] = has_ids
                same |= found
        earlier.append((result, ~same & ~by_id))
        seen_ids.update(table["txn_id"])
        if not same.any():
            continue
        drop[position] = same
        without = [result.source] + [name for name, ids in found_in.items() if not ids]
        notes.append(
            f"PayPal: {int(same.sum()):,} transaction(s) of {result.source} are already in "
            f"{', '.join(found_in)}, found by date, type, payer and amount as "
            f"{' and '.join(dict.fromkeys(without))} "
            f"{'was' if len(without) == 1 else 'were'} downloaded without the Transaction ID "
            "column: each is counted once."
        )
    return drop


def _payers_named_by(table: pd.DataFrame) -> str:
    """How a PayPal file names who paid: "e-mail" (no Name column was downloaded: the sender's
    address stands in), "name", or "" (neither)."""
    earned = table["kind"].astype(str).eq("earning").to_numpy()
    payers = table.loc[earned, "client"].fillna("").astype(str).str.strip()
    payers = payers[payers != ""]
    if payers.empty:
        return ""
    return "e-mail" if payers.str.contains("@", regex=False).all() else "name"


def _has_fees(table: pd.DataFrame) -> bool:
    """Whether a PayPal file holds the fees of its payments (its Fee column was downloaded)."""
    paid = ~table["kind"].astype(str).eq("fee").to_numpy()
    return bool((table.loc[paid, "fee"].fillna(0.0) != 0).any())


def _amount_keys(table: pd.DataFrame, payers: bool = False, fees: bool = True) -> pd.MultiIndex:
    """Each row as (platform, kind, currency, gross and fee in cents, day, [payer,] occurrence
    among equal keys in the file): the same payment in two downloads of other columns
    (`_paypal_rows_downloaded_with_ids`; `payers`: both files name payers; `fees`: both hold
    the fees of their payments, else only a fee row's fee is in its key). A currency
    conversion's leg out is split, with the ids, into a transfer and the fee the conversion
    cost (`CONVERSION_COST`, one reference); without them it is one transfer of both: the
    transfer's key holds both, and the conversion's fee row itself is left out of its fee."""
    cents = np.rint(table["gross"].to_numpy(dtype="float64") * 100).astype(np.int64)
    fee = np.rint(table["fee"].to_numpy(dtype="float64") * 100).astype(np.int64)
    kind = table["kind"].astype(str).to_numpy()
    day = table["date"].dt.normalize().to_numpy()
    reference = table["reference"].fillna("").astype(str).to_numpy()
    conversion = (
        (kind == "fee")
        & (reference != "")
        & table["description"].astype(str).str.startswith(CONVERSION_COST).to_numpy()
    )
    if conversion.any():
        costs = (
            pd.DataFrame(
                {
                    "reference": reference[conversion],
                    "currency": table["currency"].astype(str).to_numpy()[conversion],
                    "day": day[conversion],
                    "cents": np.rint(table["net"].to_numpy(dtype="float64")[conversion] * 100),
                }
            )
            .groupby(["reference", "currency", "day"])["cents"]
            .sum()
        )
        legs = pd.MultiIndex.from_arrays([reference, table["currency"].astype(str).to_numpy(), day])
        transfer = (kind == "transfer") & (reference != "")
        cost = costs.reindex(legs[transfer]).fillna(0).to_numpy().astype(np.int64)
        cents = cents.copy()
        cents[transfer] += cost
    parts = {
        "platform": table["platform"].astype(str).to_numpy(),
        "kind": kind,
        "currency": table["currency"].astype(str).to_numpy(),
        "gross": cents,
        "fee": fee if fees else np.where(kind == "fee", fee, 0),
        "day": day,
    }
    if payers:
        parts["payer"] = text_key(table["client"].fillna("").astype(str)).to_numpy()
    return _with_occurrence(parts)


def _with_occurrence(parts: dict) -> pd.MultiIndex:
    """`parts` (columns of equal length) as a MultiIndex with one more level, `occurrence`:
    each row's place among the rows with the same values, so a file's genuinely repeated rows
    stay apart."""
    return pd.MultiIndex.from_frame(_occurrence_frame(parts))


def _occurrence_frame(parts: dict) -> pd.DataFrame:
    """`parts` as columns, and `occurrence` (see `_with_occurrence`)."""
    frame = pd.DataFrame(parts)
    frame["occurrence"] = frame.groupby(list(parts), sort=False, dropna=False).cumcount()
    return frame


def _upwork_histories(results: list) -> list[pd.DataFrame]:
    """The transactions of each imported Upwork transaction history (not a Weekly Summary), in
    file order, duplicates of an earlier file included."""
    return [
        result.transactions
        for result in results
        if result is not None and result.platform == "upwork" and result.layout != WEEKLY_SUMMARY
    ]


def _upwork_history_end(results: list) -> pd.Timestamp | None:
    """The last row (of any kind: a withdrawal too) of the imported Upwork transaction
    histories: they were downloaded on that day or later."""
    ends = [rows["date"].max() for rows in _upwork_histories(results) if len(rows)]
    return max(ends) if ends else None


def _upwork_history_windows(results: list) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """First and last Upwork earning of each imported Upwork transaction history, from all of
    its transactions (duplicates of an earlier file included), in file order."""
    windows = []
    for rows in _upwork_histories(results):
        earned = rows.loc[rows["kind"] == "earning", "date"]
        if len(earned):
            windows.append((earned.min(), earned.max()))
    return windows


def _contract_clients(earnings: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    """Case-folded contract title -> the client of the history earnings naming it: the parts
    of their description between ` | ` and the `<title>` of `Invoice for <title>: ...` (the
    most frequent client when several do); and which earnings name no contract at all (an
    hourly invoice of the legacy layout names only its week)."""
    from analytics.importers.upwork import _contract_in_invoice

    described = earnings["description"].astype(str)
    parts = described.str.split(" | ", regex=False).explode()
    invoiced = on_uniques(described, _contract_in_invoice)
    titles = pd.concat([parts, invoiced[invoiced != ""]])
    pairs = pd.DataFrame(
        {"title": text_key(titles), "client": earnings["client"].astype(str).reindex(titles.index)}
    )
    # "Invoice for 06/02/2025-06/08/2025" names the week of an hourly invoice, not a contract,
    # also with its hours after it ("... - 14:20 hrs @ $18.00/hr")
    week = (
        pairs["title"]
        .str.fullmatch(r"(?:invoice for )?[\d/.\s-]+?(?:\s-\s\d{1,4}(?::\d{2}|\.\d+)?\s*hrs?\b.*)?")
        .fillna(False)
        .astype(bool)
    )
    named = (pairs["title"] != "") & ~week
    untitled = ~earnings.index.isin(pairs.index[named])
    pairs = pairs[named & (pairs["client"].str.strip() != "")]
    if pairs.empty:
        return pd.Series(dtype=object), untitled
    counts = pairs.groupby(["title", "client"]).size().rename("n").reset_index()
    best = counts.sort_values(["title", "n", "client"], ascending=[True, False, True])
    return best.drop_duplicates("title").set_index("title")["client"], untitled


def _accounts(payments: pd.DataFrame, payer: str | None = None) -> str:
    """The receiving accounts of `payments` by name: "PayPal", "PayPal and Payoneer". A Cash
    App deposit from a gig platform is booked under the platform that paid (Uber): its
    account is Cash App; a mapped bank file's keeps its own name."""
    names = {
        PLATFORM_NAMES["cashapp"] if p == payer else PLATFORM_NAMES.get(p, p)
        for p in distinct_text(payments["platform"])
    }
    return " and ".join(sorted(names))


def _amounts(payments: pd.DataFrame) -> str:
    """The gross of `payments` per currency: "1,200.00 USD, 80.00 EUR"."""
    totals = payments.groupby(payments["currency"].astype(str), observed=True)["gross"].sum()
    return ", ".join(f"{total:,.2f} {currency}" for currency, total in totals.items())


def _payouts_of_an_export(data: pd.DataFrame, named: pd.Index, payer: str):
    """(the payments among `named` that are `payer`'s payouts of the income its own export
    holds, notes): those dated from its first income to PAYOUT_DAYS after its last; the others
    stay income (their only record), said too."""
    name = PLATFORM_NAMES[payer]
    own = data["date"][(data["platform"] == payer) & data["kind"].isin(INCOME_KINDS)]
    if own.empty:
        return [], []
    first, last = own.min().normalize(), own.max().normalize()
    days = pd.to_datetime(data.loc[named, "date"]).dt.normalize()
    inside = ((days >= first) & (days <= last + pd.Timedelta(days=PAYOUT_DAYS))).to_numpy()
    notes = []
    for rows, why in (
        (
            named[inside],
            f"fall in the dates of your {name} export, which holds that income: they are "
            f"{name}'s payouts of it, counted once, from the export, and these payments are "
            "transfers.",
        ),
        (
            named[~inside],
            f"fall outside the dates of your {name} export ({first:%-d %b %Y} to "
            f"{last:%-d %b %Y}): their only record, counted as income. Add the {name} export "
            "for their dates to count that money from it.",
        ),
    ):
        if not len(rows):
            continue
        group = data.loc[rows]
        notes.append(
            f"{len(group):,} {_accounts(group, payer)} payment(s) from {name} ({_amounts(group)}) {why}"
        )
    return list(named[inside]), notes


def _unmatchable_note(payments: pd.DataFrame, payer: str) -> str:
    name = PLATFORM_NAMES[payer]
    return (
        f"{len(payments):,} {_accounts(payments, payer)} payment(s) from {name} ({_amounts(payments)}) "
        "may be "
        f"the same money as your {name} earnings, but your {name} files show no withdrawals to "
        f"match them with, so they count as income too. Import your {name} transaction history "
        "(it shows the withdrawals) so GigLens can count that money once."
    )


def _unmatched_note(
    payments: pd.DataFrame, payer: str, starts: pd.Timestamp, ends: pd.Timestamp
) -> str:
    """Say which payments from `payer` match no withdrawal in its export (dated `starts` to
    `ends`), so count as income: those arriving before or in the first days of the export most
    likely pay out money withdrawn, and earned, before it (a December withdrawal arriving on 2
    January belongs to the year before); those long after it are their only record; the
    others may be withdrawals of money the export holds as earnings."""
    name = PLATFORM_NAMES[payer]
    dates = pd.to_datetime(payments["date"]).dt.normalize()
    window = pd.Timedelta(days=ARRIVAL_DAYS)
    early = dates <= pd.Timestamp(starts).normalize() + window
    late = ~early & (dates > pd.Timestamp(ends).normalize() + window)
    said = [
        f"{len(payments):,} {_accounts(payments, payer)} payment(s) from {name} were not matched to a "
        "withdrawal."
    ]
    for rows, why in (
        (
            early,
            f"arrived before or in the first {ARRIVAL_DAYS} days of your {name} export (which "
            f"begins on {pd.Timestamp(starts):%-d %b %Y}): most likely money withdrawn, and "
            "earned, before it, counted as income on the day it arrived. To count it in the "
            f"month it was earned, add the {name} history from earlier.",
        ),
        (
            late,
            f"arrived after your {name} export ends (on {pd.Timestamp(ends):%-d %b %Y}): "
            f"their only record, counted as income. Add the later {name} history to count "
            "that money from it.",
        ),
        (
            ~early & ~late,
            f"found no withdrawal of the same amount in your {name} export and count as "
            f"income. If they are withdrawals of money the {name} export holds as earnings, "
            "that money is counted twice: check them against the export.",
        ),
    ):
        group = payments[rows.to_numpy()].sort_values("date")
        if group.empty:
            continue
        listed = ", ".join(
            f"{row.gross:,.2f} {row.currency} on {pd.Timestamp(row.date):%-d %b %Y}"
            for row in group.head(3).itertuples()
        ) + (f" and {len(group) - 3} more" if len(group) > 3 else "")
        said.append(f"{listed[0].upper()}{listed[1:]} {why}")
        if rows is early:
            said.extend(_new_tax_year_notes(group["date"], window))
    return " ".join(said)


def _new_tax_year_notes(dates: pd.Series, window: pd.Timedelta) -> list[str]:
    """For arrivals in the first days of a tax year (1 January where the tax year is the
    calendar year; 6 April in the UK): the year they count in there, though the money was
    most likely earned in the one before. Each said for where it holds (combining knows no
    tax profile)."""
    days = pd.to_datetime(dates).dt.normalize()
    notes = []
    for year in sorted(set(days.dt.year)):
        if ((days >= pd.Timestamp(year, 1, 1)) & (days < pd.Timestamp(year, 1, 1) + window)).any():
            notes.append(
                "Where the tax year is the calendar year (the US, Germany), money arriving in "
                f"early January {year} counts in {year}'s income and tax, though most likely "
                f"earned in {year - 1}."
            )
        april = pd.Timestamp(year, 4, 6)
        if ((days >= april) & (days < april + window)).any():
            notes.append(
                f"In the UK, money arriving in early April {year} counts in tax year {year}/"
                f"{(year + 1) % 100:02d}, though most likely earned in {year - 1}/{year % 100:02d}."
            )
    return notes


def _matched_arrivals(payments: pd.DataFrame, withdrawals: pd.DataFrame) -> list:
    """Index labels of `payments` that each match one withdrawal: same currency, the same
    amount to the cent (gross received = −gross withdrawn), dated from one day before it to
    ARRIVAL_DAYS days after it (calendar days: the times of day and time zones of two exports
    do not line up, so an arrival can carry the day before).

    Payments are taken in date order, each with the earliest withdrawal still waiting for it:
    one pass, withdrawals too old for a payment are dropped for all later ones too.
    """
    waiting: dict[tuple[str, int], deque] = {}
    for _label, key, day in _in_date_order(withdrawals, sign=-1):
        waiting.setdefault(key, deque()).append(day)
    matched = []
    for label, key, day in _in_date_order(payments, sign=1):
        queue = waiting.get(key)
        while queue and queue[0] < day - ARRIVAL_DAYS:
            queue.popleft()
        if queue and queue[0] <= day + 1:
            queue.popleft()
            matched.append(label)
    return matched


def _in_date_order(rows: pd.DataFrame, sign: int) -> zip:
    """(index label, (currency, amount in cents × sign), day number) of each row, by date."""
    order = np.argsort(rows["date"].to_numpy(), kind="stable")
    cents = np.rint(rows["gross"].to_numpy(dtype="float64")[order] * 100 * sign).astype(np.int64)
    currency = rows["currency"].astype(str).to_numpy()[order]
    days = rows["date"].to_numpy().astype("datetime64[D]")[order].astype(np.int64)
    keys = zip(currency.tolist(), cents.tolist(), strict=True)
    return zip(rows.index[order], keys, days.tolist(), strict=True)


def _id_cells(ids: pd.Series) -> pa.Array:
    return pa.array(ids.astype(str).array).cast(pa.large_string())


def duplicate_ids(ids: pd.Series, seen: list[pa.Array]) -> np.ndarray:
    """Which ids came from an earlier file (`seen`) or earlier in this one.

    Ids are compared by a 64-bit hash of their text first (equal texts always hash alike), and
    only ids whose hash matches are compared as text: exact, without a string set of every id.
    """
    cells = _id_cells(ids)
    hashes = hash_strings(cells)
    dup = np.zeros(len(cells), dtype=bool)
    if seen:
        earlier = pa.concat_arrays(seen) if len(seen) > 1 else seen[0]
        earlier_hashes = hash_strings(earlier)
        order = np.argsort(earlier_hashes)
        ranked = earlier_hashes[order]
        at = np.minimum(np.searchsorted(ranked, hashes), max(len(ranked) - 1, 0))
        maybe = np.flatnonzero(ranked[at] == hashes) if len(ranked) else np.zeros(0, np.int64)
        if len(maybe):
            # The earlier id with the same hash, compared as text; a rare hash collision is
            # settled by a set lookup.
            same = pc.equal(cells.take(pa.array(maybe)), earlier.take(pa.array(order[at[maybe]])))
            same = same.to_numpy(zero_copy_only=False)
            dup[maybe[same]] = True
            unsure = maybe[~same]
            if len(unsure):
                found = pc.is_in(cells.take(pa.array(unsure)), value_set=earlier)
                dup[unsure] = found.to_numpy(zero_copy_only=False)
    if has_repeats(hashes):  # some ids may repeat within the file (rare)
        dup |= ids.astype(str).duplicated(keep="first").to_numpy()
    return dup


LEFT_OUT_COLUMNS = ["row", "txn_id", "date", "kind", "gross", "fee", "currency", "description"]


def _left_out_rows(table: pd.DataFrame, rows, dup, never=None) -> pd.DataFrame:
    """The file rows that gave only duplicate transactions (a row can give several), each
    with its first transaction and `never_completed` (left out as another download shows the
    payment never completed, rather than counted from another file) (`Combined.left_out`,
    before `counted_from` is known)."""
    if len(rows) != len(dup) or not np.asarray(dup).any():
        return pd.DataFrame({c: [] for c in [*LEFT_OUT_COLUMNS, "never_completed"]})
    all_dup = pd.Series(np.asarray(dup)).groupby(np.asarray(rows)).transform("all").to_numpy()
    picked = table.loc[all_dup, LEFT_OUT_COLUMNS[1:]].copy()
    picked.insert(0, "row", np.asarray(rows)[all_dup])
    never = np.zeros(len(table), dtype=bool) if never is None else np.asarray(never)
    picked["never_completed"] = never[all_dup]
    return picked.drop_duplicates("row").reset_index(drop=True)
