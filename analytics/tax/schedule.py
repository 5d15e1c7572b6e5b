"""When tax is due: US estimated-tax installments, UK payments on account, DE prepayments.

`payment_schedule(profile, year, prior_year_tax=None, profit=None)` returns a DataFrame with
columns due_date, label, amount, currency, notes; general notes are in `df.attrs["notes"]` and
the disclaimer in `df.attrs["disclaimer"]`.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
import re
from functools import cache

import holidays
import numpy as np
import pandas as pd

from analytics.tax._common import cents, floor_to, money, pennies_down, to_the_cent
from analytics.tax.de import solidarity_surcharge
from analytics.tax.errors import TaxInputError
from analytics.tax.estimate import (
    TaxEstimate,
    check_church_rate,
    check_number,
    estimate_for_profile,
)
from analytics.tax.params import load_parameters
from analytics.tax.profile import TaxProfile

COLUMNS = ["due_date", "label", "amount", "currency", "notes"]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@cache
def _us_legal_holidays(year: int) -> frozenset[dt.date]:
    """Federal holidays plus DC Emancipation Day (Apr 16, observed), which the IRS also honours."""
    federal = holidays.US(years=year)
    dc = holidays.US(subdiv="DC", years=year)
    emancipation = {d for d, name in dc.items() if "Emancipation" in name}
    return frozenset(set(federal) | emancipation)


def _is_us_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _us_legal_holidays(day.year)


def us_next_business_day(day: dt.date) -> dt.date:
    """`day` itself, or the next day that is not a weekend or a legal holiday (IRC §7503)."""
    while not _is_us_business_day(day):
        day += dt.timedelta(days=1)
    return day


def de_next_working_day(day: dt.date) -> dt.date:
    """§108(3) AO: a deadline on a weekend or nationwide holiday moves to the next working day."""
    national = holidays.DE(years=[day.year, day.year + 1])
    while day.weekday() >= 5 or day in national:
        day += dt.timedelta(days=1)
    return day


def _us_holiday_name(day: dt.date) -> str:
    """The name of a US legal holiday (`_us_legal_holidays`), "" for another day."""
    if day not in _us_legal_holidays(day.year):
        return ""
    return holidays.US(years=day.year).get(day) or holidays.US(subdiv="DC", years=day.year).get(
        day, "a legal holiday"
    )


def _moved_note(statutory: dt.date, due: dt.date) -> str:
    """ "Jan 15 is Saturday, and Monday Jan 17 is Martin Luther King Jr. Day: moved to Tuesday
    Jan 18." (a US due date moved to the next business day, each weekday holiday named)."""
    if due == statutory:
        return ""
    if statutory.weekday() >= 5:
        reason = WEEKDAYS[statutory.weekday()]
    else:
        reason = _us_holiday_name(statutory) or "a legal holiday"
    skipped = [
        day
        for n in range(1, (due - statutory).days)
        if (day := statutory + dt.timedelta(days=n)).weekday() < 5
    ]
    also = "".join(
        f", and {WEEKDAYS[day.weekday()]} {day:%b} {day.day} is {name}"
        for day in skipped
        if (name := _us_holiday_name(day))
    )
    moved_to = f"{WEEKDAYS[due.weekday()]} {due:%b} {due.day}"
    return f"{statutory:%b} {statutory.day} is {reason}{also}: moved to {moved_to}."


def us_due_dates(year: int) -> list[tuple[str, dt.date, dt.date]]:
    """(label, due date, statutory date) of the four installments for tax `year`."""
    periods = ("Jan 1 – Mar 31", "Apr 1 – May 31", "Jun 1 – Aug 31", "Sep 1 – Dec 31")
    out = []
    for n, ((month, day, offset), period) in enumerate(
        zip(((4, 15, 0), (6, 15, 0), (9, 15, 0), (1, 15, 1)), periods), start=1
    ):
        statutory = dt.date(year + offset, month, day)
        out.append(
            (f"Q{n} estimated tax ({period} income)", us_next_business_day(statutory), statutory)
        )
    return out


def _frame(
    rows: list[dict], notes: list[str], disclaimer: str, year_rows: int | None = None
) -> pd.DataFrame:
    """The schedule table; `year_rows`: how many of the first rows pay the tax year's own tax
    (all of them, except the UK's payments on account for the next year)."""
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["due_date"] = pd.to_datetime(df["due_date"])
    df["amount"] = df["amount"].astype("float64")
    df.attrs["notes"] = notes
    df.attrs["disclaimer"] = disclaimer
    df.attrs["year_rows"] = len(rows) if year_rows is None else year_rows
    return df


def first_payment_day(profile: TaxProfile) -> dt.date:
    """The day the tax year's first payment falls due: US 15 April (moved to a business day),
    UK 31 January after the year starts (the first payment on account; in a first year
    (`profile.first_year`), the whole bill on 31 January a year later), Germany 10 March, a
    flat rate its first instalment day, else the first day of its tax year."""
    year = profile.year
    if profile.jurisdiction == "US":
        return us_due_dates(year)[0][1]
    if profile.jurisdiction == "UK":
        return dt.date(year + (2 if profile.first_year else 1), 1, 31)
    if profile.jurisdiction == "DE":
        return dt.date(year, 3, 10)
    if profile.instalment_dates:
        return instalment_days(profile.instalment_dates, year, profile.year_start_month)[0]
    return dt.date(year, profile.year_start_month, 1)


def parse_dated_payments(
    text: str, first_due: dt.date | None = None, month_first: bool = False
) -> tuple[tuple[tuple[dt.date, float], ...], list[str]]:
    """ "15 Apr 9,500; 16 Jun 9,500; 15 Sep 2026 10,000" -> the tax payments made, as (day,
    amount) in date order, and the parts that cannot be read. Separated by semicolons or new
    lines; a day is "15 Apr", "Apr 15", numbers ("15/4", "15/4/2026"; with `month_first`, as
    Americans write them, "4/15", "4/15/2026"; the other order only where the first is no
    day) or with its year ("15 Apr 2026", "2026-04-15"), the amount after it (a colon or "-"
    between them may be written). A day without a year is the one in the year from 60 days
    before `first_due` (the tax year's first payment): for US 2026 (first due 15 Apr 2026),
    "15 Jan" is 15 Jan 2027. A part with a day and no amount ("15 Apr 2026") is no
    payment."""
    payments, bad = [], []
    start = (first_due or dt.date.today()) - dt.timedelta(days=60)
    for part in re.split(r"[;\n]", text or ""):
        part = part.strip().rstrip(".")
        if not part:
            continue
        match = re.fullmatch(
            r"(?P<day>.+?)\s*[:=–-]?\s+(?P<amount>[$£€]?\s?\d[\d,.']*(?:\s?[A-Za-z]{3})?)",
            part,
        )
        day = amount = None
        if match and not _a_year_alone(part, match, start):
            day = _payment_day(match["day"].strip().rstrip(":,"), start, month_first)
            digits = re.sub(r"[^\d.,]", "", match["amount"])
            amount = _payment_amount(digits)
        if day is None or amount is None:
            bad.append(part)
        else:
            payments.append((day, amount))
    return tuple(sorted(payments, key=lambda p: p[0])), bad


def _a_year_alone(part: str, match: re.Match, start: dt.date) -> bool:
    """Whether the "amount" is the year of a day written without an amount ("15 Apr 2026"):
    a year-like number right after a day that has no year of its own (no ":" or "-" between
    them) and that, read together, make a day. "15 Apr 2026 2000" and "15 Apr: 2000" are
    payments of 2,000."""
    amount, day = match["amount"].strip(), match["day"].strip()
    between = part[match.end("day") : match.start("amount")]
    if not re.fullmatch(r"(?:19|20)\d\d", amount) or re.search(r"[:=–-]", between):
        return False
    if re.search(r"\b(?:19|20)\d\d\b", day):
        return False
    return _payment_day(f"{day} {amount}", start) is not None


def _numeric_day(text: str, start: dt.date, month_first: bool) -> dt.date | None:
    """ "4/15", "15/4" (no year) -> the day in the year from `start` on: the reading
    `month_first` asks for, else the other where the first is no day
    (`parsing.day_month_orders`)."""
    from analytics.parsing import day_month_orders

    found = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})", text)
    if found is None:
        return None
    for day, month in day_month_orders(int(found[1]), int(found[3]), found[2], month_first):
        if not 1 <= month <= 12:
            continue
        try:
            dt.date(2024, month, day)  # a day of some year (29 Feb included)
        except ValueError:
            continue
        found_day = _day_in(start.year, month, day)
        return found_day if found_day >= start else _day_in(start.year + 1, month, day)
    return None


def _payment_day(text: str, start: dt.date, month_first: bool = False) -> dt.date | None:
    from analytics.parsing import typed_day

    text = " ".join(text.replace(",", " ").split())
    if found := typed_day(text, month_first=month_first):  # a day with its year
        return found
    if re.fullmatch(r"[\d/.-]+", text) and (found := _numeric_day(text, start, month_first)):
        return found
    days, _bad = parse_instalment_dates(text)  # also "10.3." as Germans write a day
    if len(days) != 1:
        return None
    month, day = (int(x) for x in days[0].split("-"))
    found = _day_in(start.year, month, day)
    return found if found >= start else _day_in(start.year + 1, month, day)


def _payment_amount(text: str) -> float | None:
    """ "9,500" -> 9500.0; "9,500.50" -> 9500.5; "9.500,50" -> 9500.5; "1.500" (German
    thousands) -> 1500.0; to the cent."""
    from analytics.parsing import typed_number

    value = typed_number(text, dot_thousands=True)
    return None if value is None else round(value, 2)


def set_against_payments(
    schedule: pd.DataFrame, paid: float, dated: tuple[tuple[dt.date, float], ...] = ()
) -> pd.DataFrame:
    """`schedule` with `paid`, the tax already paid for its tax year, set against the year's
    own payments in order of due date (the same date: in row order): column `paid` is the part of each payment it covers, `left`
    = amount − paid. A payment not yet known (NaN) or negative (a refund) takes none; the UK's
    payments on account for the next year keep their amount. What the year's payments cannot
    take is in attrs["paid_beyond"] (paid more than the schedule asks: the return settles it).
    With something paid, a refund of the year then covers what is still unpaid of its payments
    (column `offset`: positive on a payment it covers, negative on the refund for the part
    used; `left` after it).

    With `dated` payments (`parse_dated_payments`, adding up to `paid`), each is set against
    the earliest payment still open when it was made, as the IRS applies them (the same
    filling in due order, so `paid` and `left` do not change): column `paid_late` is the part
    of each payment paid after its due date, `paid_on` the days and amounts that paid it
    ("15 Apr 2026: 9,500.00; 16 Jun 2026: 359.91"), and attrs["paid_beyond_on"] those of what
    no payment took (`paid_beyond`: a US balance due with the return takes it), and
    attrs["paid_beyond_dated"] the same as (day, amount) pairs.
    """
    out = schedule.copy()
    rest = check_number("tax already paid", paid, allow_negative=False)
    paid_any = cents(rest) > 0  # a refund covers unpaid payments only once something is paid
    amounts = out["amount"].to_numpy(dtype="float64")
    covered = np.zeros(len(out))
    of_the_year = np.arange(len(out)) < out.attrs.get("year_rows", len(out))
    for position in np.argsort(out["due_date"].to_numpy(), kind="stable"):
        if of_the_year[position] and amounts[position] > 0:
            take = min(amounts[position], rest)
            rest = cents(rest - take)
            covered[position] = cents(take)
    out["paid"] = pd.Series(covered, index=out.index, dtype="float64")
    left = np.round(amounts - covered, 2)
    # A refund of the year (a UK balancing payment below zero: the bill came out lower than the
    # payments on account asked) is set against what is still unpaid of the year's payments,
    # as HMRC does once the return is in (or a claim to reduce them, form SA303, does now):
    # `offset` is the part of each payment the refund covers, `left` what remains after both.
    credit = -sum(a for a, mine in zip(amounts, of_the_year) if mine and a < 0) if paid_any else 0.0
    offset = np.zeros(len(out))
    used = 0.0
    if credit > 0:
        for position in np.argsort(out["due_date"].to_numpy(), kind="stable"):
            if of_the_year[position] and left[position] > 0 and credit > 0:
                take = cents(min(left[position], credit))
                offset[position], credit = take, cents(credit - take)
                left[position] = cents(left[position] - take)
                used = cents(used + take)
        for position in np.flatnonzero(of_the_year & (amounts < 0)):
            take = cents(min(-amounts[position], used))
            offset[position], used = -take, cents(used - take)
            left[position] = cents(amounts[position] + take)
    out["offset"] = pd.Series(offset, index=out.index, dtype="float64")
    out["left"] = pd.Series(left + 0.0, index=out.index, dtype="float64")
    out.attrs["paid_beyond"] = rest
    if dated:
        late, paid_on = _dated_parts(out, covered, dated)
        if out.attrs.get("put_aside", False):  # amounts to put aside: nothing is due, or late
            late = np.zeros(len(out))
        out["paid_late"] = pd.Series(late, index=out.index, dtype="float64")
        out["paid_on"] = pd.Series(paid_on, index=out.index, dtype="object")
    return out


def _dated_parts(
    out: pd.DataFrame, covered: np.ndarray, dated: tuple[tuple[dt.date, float], ...]
) -> tuple[np.ndarray, list[str]]:
    """Per payment of `out`, the part of its `covered` amount paid after its due date and the
    days that paid it, each dated payment filling the earliest payments first."""
    late = np.zeros(len(out))
    parts: list[list[str]] = [[] for _ in range(len(out))]
    beyond: list[tuple] = []  # what no payment of the schedule took: `attrs["paid_beyond_on"]`
    room = covered.copy()
    order = list(np.argsort(out["due_date"].to_numpy(), kind="stable"))
    due = out["due_date"].dt.date.to_numpy()
    for day, amount in sorted(dated, key=lambda p: p[0]):
        rest = cents(amount)
        for position in order:
            if rest <= 0:
                break
            take = cents(min(room[position], rest))
            if take <= 0:
                continue
            room[position] = cents(room[position] - take)
            rest = cents(rest - take)
            parts[position].append(f"{day:%-d %b %Y}: {take:,.2f}")
            if day > due[position]:
                late[position] = cents(late[position] + take)
        if rest > 0:
            beyond.append((day, rest))
    out.attrs["paid_beyond_on"] = "; ".join(f"{day:%-d %b %Y}: {a:,.2f}" for day, a in beyond)
    out.attrs["paid_beyond_dated"] = tuple(beyond)
    return late, ["; ".join(p) for p in parts]


def assumed_withholding(profile: TaxProfile, est: TaxEstimate | None = None) -> float:
    """Tax withheld from wages this year: `profile.withholding` when given, else the tax on the
    wages alone (yours + spouse's; zero profit and zero other income, `tax_on_wages`). The tax
    on other income (interest, rent) is withheld by nobody: it stays to pay."""
    if profile.withholding is not None:
        return float(profile.withholding) + _us_additional_medicare_withheld(profile)
    if est is None:
        est = estimate_for_profile(0.0, profile)
    return est.tax_on_wages


# An employer withholds the 0.9% Additional Medicare Tax on an employee's wages above $200,000
# in the year, whatever the filing status (IRC §3102(f)); it is in W-2 box 6, not in box 2.
EMPLOYER_ADDITIONAL_MEDICARE_FROM = 200_000.0


def _us_additional_medicare_withheld(profile: TaxProfile) -> float:
    """US: the Additional Medicare Tax the employers withhold beside the box 2 income tax
    entered, on each person's Medicare wages (box 5, else box 1) above $200,000; 0 elsewhere."""
    if profile.jurisdiction != "US":
        return 0.0
    rate = load_parameters("US", profile.year)["additional_medicare_rate"]
    people = (
        (profile.w2_wages, profile.medicare_wages),
        (profile.spouse_wages, profile.spouse_medicare_wages),
    )
    return cents(
        sum(
            rate
            * max(
                (wages if medicare is None else medicare) - EMPLOYER_ADDITIONAL_MEDICARE_FROM, 0.0
            )
            for wages, medicare in people
        )
    )


def _paid(profile: TaxProfile) -> float:
    """The tax already paid for the year, as given (0 when none)."""
    return cents(check_number("tax already paid", profile.paid, allow_negative=False))


def _has_wages(profile: TaxProfile) -> bool:
    return bool(profile.w2_wages or profile.spouse_wages)


def _in_parts(total: float, n: int = 4) -> list[float]:
    """`total` in `n` parts to the cent that add up to it, the odd cents on the first."""
    whole = round(total * 100)
    part, extra = divmod(whole, n)
    return [(part + (i < extra)) / 100 for i in range(n)]


def _us_schedule(
    profile: TaxProfile, year: int, prior: float | None, est: TaxEstimate | None
) -> pd.DataFrame:
    """Form 1040-ES lines 11c-15.

    required annual payment = min(90% × this year's tax, 100% of last year's tax (110% if last
    year's AGI > $150,000)), the least to pay through withholding and installments to avoid an
    underpayment penalty; the installments = max(required − withholding, 0), in four equal
    parts to the cent (the odd cents on the first: 3,395.02 is 848.76, 848.76, 848.75, 848.75,
    so they add up to the amount the notes give); nothing is required when this year's
    tax − withholding < $1,000. Withholding: see
    `assumed_withholding` (the tax on wages alone). Left to pay with the return = this year's
    tax − withholding − the installments, when positive (`attrs["balance_due"]`: its due date
    and amount, else None). Without last year's AGI, this year's
    AGI as the estimate computes it stands in for it: wages + other income + profit − ½ SE
    tax (`TaxEstimate.agi`; wages + other income when no profit is given).
    """
    p = load_parameters("US", year)
    notes: list[str] = []
    candidates = []
    this_year = None
    balance_due = None  # (date, amount) left to pay with the return
    balance_after_installments = None  # (date, amount) the same before what was paid beyond them
    if est is not None:
        this_year = est.total
        current = cents(p["safe_harbour_current_year_share"] * this_year)
        candidates.append(current)
        notes.append(f"90% of this year's estimated tax: {to_the_cent(current, '$')}.")
    if prior is not None:
        agi = profile.prior_year_agi
        if agi is None:
            agi = (est if est is not None else estimate_for_profile(0.0, profile)).agi
            notes.append(
                f"This year's estimated AGI, {to_the_cent(agi, '$')} (income minus half the "
                "self-employment tax), stands in for last year's to decide between 100% and "
                "110% of last year's tax."
            )
        high = agi > p["safe_harbour_high_income_agi"]
        share = p["safe_harbour_high_income_share"] if high else p["safe_harbour_prior_year_share"]
        prior_part = cents(share * prior)
        candidates.append(prior_part)
        notes.append(f"{share:.0%} of last year's tax: {to_the_cent(prior_part, '$')}.")
        if prior == 0:
            notes.append("No tax last year (a full 12-month year): no estimated payments required.")
    if not candidates:
        raise TaxInputError(
            "To plan US estimated payments, give this year's expected profit or last year's tax."
        )
    withholding = cents(assumed_withholding(profile, est))
    required = min(candidates)
    smaller = " (the smaller of the two)" if len(candidates) > 1 else ""
    minimum = p["estimated_tax_minimum"]
    # owing less than $1,000 after withholding, no payment is required (Form 2210: no penalty)
    below_minimum = this_year is not None and this_year - withholding < minimum
    if not below_minimum:
        notes.append(
            "The least to pay during the year, through withholding and estimated payments, to "
            f"avoid an underpayment penalty{smaller}: {to_the_cent(required, '$')}. It is not "
            "the tax you owe."
        )
        if len(candidates) == 2 and candidates[0] < candidates[1]:
            # 90% of a tax projected from part of the year: the year's real tax decides it
            notes.append(
                "That 90% is of this year's tax as projected from your income so far: the "
                "penalty is judged on the tax your return shows, so if the year ends higher, "
                f"it was too little. {to_the_cent(candidates[1], '$')} ({share:.0%} of last "
                "year's tax) avoids the penalty whatever this year brings."
            )
    if withholding and profile.withholding is not None:
        notes.append(f"Minus tax withheld this year (as entered): {to_the_cent(withholding, '$')}.")
    elif withholding and _has_wages(profile):
        notes.append(f"Minus tax withheld from wages (assumed): {to_the_cent(withholding, '$')}.")
    installments = cents(max(required - withholding, 0.0))
    if below_minimum:
        installments = 0.0
        notes.append(
            f"You expect to owe less than {money(minimum, '$')} after withholding: no estimated "
            "payments are required, and no underpayment penalty applies."
        )
    elif withholding and installments == 0:
        notes.append(
            "The withholding covers the least to pay during the year: no estimated payments "
            "are needed."
        )
    if this_year is not None:
        due = us_next_business_day(dt.date(year + 1, 4, 15))  # the return's day
        # what the return settles after the installments (for the workbook's last row)
        after_installments = cents(this_year - withholding - installments)
        if after_installments > 0:
            balance_after_installments = (due, after_installments)
        # paid during the year: the installments, or what was paid already if that is more
        paid = max(installments, _paid(profile))
        left = cents(this_year - withholding - paid)
        what = (
            "the four installments"
            if paid == installments
            else f"the {to_the_cent(paid, '$')} you have paid"
        )
        if left > 0:
            balance_due = (due, left)
            notes.append(
                f"Left to pay with your {year} return by {due:%b} {due.day}, {due.year}: "
                f"{to_the_cent(left, '$')} (this year's estimated tax {to_the_cent(this_year, '$')} minus "
                f"withholding and {what})."
            )
        elif left < 0 and paid > installments:
            notes.append(
                f"Withholding and {what} are {to_the_cent(-left, '$')} more than this year's "
                f"estimated tax ({to_the_cent(this_year, '$')}): your {year} return would refund it."
            )
    if installments > 0:
        notes.append(
            "With uneven income (most of it late in the year), the annualized income "
            "installment method (Form 2210, Schedule AI) may lower the early installments."
        )
    rows = []
    amounts = _in_parts(installments)
    for (label, due, statutory), amount in zip(us_due_dates(year), amounts, strict=True):
        row_notes = [_moved_note(statutory, due)]
        if statutory.month == 1:
            file_by = us_next_business_day(dt.date(statutory.year, 1, 31))
            row_notes.append(
                "Not needed if you file your return and pay in full by "
                f"{file_by:%b} {file_by.day}, {file_by.year} (Jan 31 or the next business day)."
            )
        rows.append(
            dict(
                due_date=due,
                label=label,
                amount=amount,
                currency="USD",
                notes=" ".join(n for n in row_notes if n),
            )
        )
    df = _frame(rows, notes, f"Estimate, not tax advice — {p.label} parameters")
    df.attrs["balance_due"] = balance_due
    df.attrs["balance_after_installments"] = balance_after_installments
    return df


def uk_payments(
    bill: float | None,
    prior_bill: float,
    tax_year: int,
    first_year: bool = False,
    share: float = 0.5,
    minimum: float = 1000.0,
    at_source: bool = False,
    at_source_next: bool | None = None,
    prior_assumed: bool = False,
) -> list[dict]:
    """Self Assessment payments for tax year `tax_year`/`tax_year+1` (GOV.UK payments on account).

    Each payment on account (POA) = `share` × the previous year's bill, unless that bill was
    under `minimum`; balancing payment (31 Jan after the year) = bill − POAs already paid; on the
    same day the first POA for the next year (share × bill) is due, the second on 31 Jul. In the
    first year there are no POAs, so 31 Jan brings 100% + 50% = 150% of the first year's bill.
    `bill` None (this year's bill not known): the POAs follow from last year's bill alone; what
    depends on this year's bill is NaN with a note saying so. `at_source`: more than 80% of last
    year's tax was collected at source (PAYE), so this year has no POAs; `at_source_next` the
    same of this year's tax, for next year's POAs (default: as `at_source`). `prior_assumed`:
    `prior_bill` is this year's estimate standing in for last year's bill (none given).
    """
    if at_source_next is None:
        at_source_next = at_source
    # each payment on account rounded down to the penny, so two of them never exceed the bill
    poa = (
        0.0 if first_year or at_source or prior_bill < minimum else pennies_down(share * prior_bill)
    )
    unknown = "depends on this year's bill: give the expected profit to work it out"
    if bill is None:
        next_poa = math.nan
    else:
        next_poa = pennies_down(share * bill) if bill >= minimum and not at_source_next else 0.0
    at_source_reason = "none: more than 80% of the tax is collected at source (PAYE)"
    rows = []
    this_year = f"{tax_year}/{str(tax_year + 1)[-2:]}"
    if not first_year:
        reason = (
            ""
            if poa
            else at_source_reason
            if at_source
            else (
                f"none: last year's bill, taken as this year's estimate, is under £{minimum:,.0f}"
                if prior_assumed
                else f"none: last year's bill was under £{minimum:,.0f}"
            )
        )
        rows += [
            dict(
                due_date=dt.date(tax_year + 1, 1, 31),
                label=f"1st payment on account for {this_year}",
                amount=poa,
                notes=reason or "50% of last year's bill",
            ),
            dict(
                due_date=dt.date(tax_year + 1, 7, 31),
                label=f"2nd payment on account for {this_year}",
                amount=poa,
                notes=reason or "50% of last year's bill",
            ),
        ]
    balancing = math.nan if bill is None else cents(bill - 2 * poa)
    if bill is None:
        balancing_note = f"bill minus payments on account: {unknown}"
    else:
        balancing_note = (
            "first year: the whole bill" if first_year else "bill minus payments on account"
        ) + ("; negative means HMRC owes you" if balancing < 0 else "")
        if bill < 0:
            balancing_note += (
                f" (PAYE took {to_the_cent(-bill, '£')} more than the year's tax: your return "
                "gets it back)"
            )
    rows.append(
        dict(
            due_date=dt.date(tax_year + 2, 1, 31),
            label="Balancing payment",
            amount=balancing,
            notes=balancing_note,
        )
    )
    following = f"{tax_year + 1}/{str(tax_year + 2)[-2:]}"
    if bill is None:
        poa_note = f"50% of this year's bill: {unknown}"
    elif next_poa:
        poa_note = "50% of this year's bill"
    elif at_source_next:
        poa_note = at_source_reason
    else:
        poa_note = f"none: this year's bill is under £{minimum:,.0f}"
    rows += [
        dict(
            due_date=dt.date(tax_year + 2, 1, 31),
            label=f"1st payment on account for {following}",
            amount=next_poa,
            notes=poa_note,
        ),
        dict(
            due_date=dt.date(tax_year + 2, 7, 31),
            label=f"2nd payment on account for {following}",
            amount=next_poa,
            notes=poa_note,
        ),
    ]
    for row in rows:
        row["currency"] = "GBP"
        if row["due_date"].weekday() >= 5:
            row["notes"] += (
                f"; {row['due_date']:%d %b %Y} is a {WEEKDAYS[row['due_date'].weekday()]}: pay by "
                "the last working day before unless you use Faster Payments"
            )
    return rows


def _uk_schedule(
    profile: TaxProfile, year: int, prior: float | None, est: TaxEstimate | None
) -> pd.DataFrame:
    p = load_parameters("UK", year)
    notes = []
    if est is None and (prior is None or profile.first_year):
        raise TaxInputError(
            "To plan UK payments on account, give this year's expected profit"
            + ("." if profile.first_year else " or last year's Self Assessment bill.")
        )
    withheld = assumed_withholding(profile, est)
    if est is None:
        bill = None
        notes.append(
            "Payments on account from last year's bill; the balancing payment and next year's "
            "payments on account need this year's expected profit."
        )
    else:
        # only the tax on wages is collected at source (PAYE): the tax on the profit and on
        # other income is in the Self Assessment bill. PAYE that took more than the year's tax
        # (a loss, tax withheld as entered) makes it negative: the return repays it, through
        # the balancing payment; payments on account are on a bill of at least 0
        bill = cents(est.total - withheld)
    # No payments on account when more than 80% of the tax is collected at source (PAYE).
    # This year's are judged on last year (its bill, when given, beside this year's withholding
    # standing for last year's), next year's on this year's estimate.
    this_share = withheld / est.total if est is not None and est.total > 0 else 0.0
    last_share = (
        withheld / (withheld + prior)
        if prior is not None and withheld + prior > 0 and not profile.first_year
        else this_share
    )
    at_source_last = last_share > 0.8 and not profile.first_year  # a first year has none
    at_source_next = this_share > 0.8
    assumed = prior is None and not profile.first_year
    if assumed:
        prior = max(bill, 0.0)
        notes.append("Last year's bill not given: assumed equal to this year's estimate.")
    if profile.first_year and bill >= p["payment_on_account_minimum_bill"] and not at_source_next:
        notes.append(
            "First year of trading: on 31 January you pay the whole first-year bill plus 50% of it "
            "as the first payment on account for the next year "
            # the payment on account is rounded down to the penny, as in the table
            f"(150%: {to_the_cent(cents(bill + pennies_down(p['payment_on_account_share'] * bill)), '£')})."
        )
    elif profile.first_year:
        why = (
            "more than 80% of your tax is collected at source, through PAYE"
            if at_source_next
            else f"the bill is under £{p['payment_on_account_minimum_bill']:,.0f}"
        )
        notes.append(
            (
                f"First year of trading: PAYE took {to_the_cent(-bill, '£')} more than the "
                "year's tax, which your return gets back; "
                if bill < 0
                else f"First year of trading: on 31 January you pay the whole bill, "
                f"{to_the_cent(bill, '£')}; "
            )
            + f"no payments on account follow ({why})."
        )
    if at_source_last or at_source_next:
        years = (
            "this year and last"
            if at_source_last and at_source_next
            else ("last year" if at_source_last else "this year")
        )
        notes.append(
            f"More than 80% of your tax is collected at source (PAYE) {years} "
            f"({this_share:.0%} this year), so no payments on account are due on it: the Self "
            "Assessment bill is paid whole on 31 January after the tax year."
        )
    else:
        notes.append(
            "No payments on account are needed if more than 80% of last year's tax was "
            "collected at source (PAYE)."
        )
    rows = uk_payments(
        bill,
        prior or 0.0,
        year,
        profile.first_year,
        p["payment_on_account_share"],
        p["payment_on_account_minimum_bill"],
        at_source=at_source_last,
        at_source_next=at_source_next,
        prior_assumed=assumed,
    )
    label = f"{year}/{(year + 1) % 100:02d}"
    allowance = p["trading_allowance"]
    gross = est.trading_income if est is not None else None
    if gross is not None and gross <= allowance:
        notes.append(
            f"Your gross trading income for {label} ({to_the_cent(gross, '£')}) is within the "
            f"£{allowance:,.0f} trading allowance: you need not tell HMRC about it or file a "
            "return for it. A return you file anyway (for other income) is due by 31 October "
            f"{year + 1} on paper or 31 January {year + 2} online."
        )
    else:
        notes.append(
            f"Your {label} return is due by 31 October {year + 1} on paper or 31 January "
            f"{year + 2} online, even when no tax is due (a late return is penalised)"
            + (
                f"; register for Self Assessment by 5 October {year + 1}"
                if profile.first_year
                else ""
            )
            + f". Not needed for trading income of £{allowance:,.0f} or less in the year (the "
            "trading allowance) with nothing else to declare."
        )
    # the last two rows are the next year's payments on account
    return _frame(
        rows, notes, f"Estimate, not tax advice — {p.label} parameters", year_rows=len(rows) - 2
    )


def wage_income_tax(profile: TaxProfile) -> float:
    """The income tax (without the solidarity surcharge) withheld from the wages: as entered,
    else the estimate of the wages alone (zero profit, other income and business expenses)."""
    if profile.withholding is not None:
        return float(profile.withholding)
    wages_only = dataclasses.replace(
        profile, other_income=0.0, expenses=0.0, business_miles=0.0, relief_at_source=0.0
    )
    return estimate_for_profile(0.0, wages_only).income_tax


def withheld_from_wages(profile: TaxProfile, est: TaxEstimate) -> float:
    """The year's tax withheld from wages as the schedule counts it (0 without wages): US and
    UK `assumed_withholding`; Germany the Lohnsteuer with the surcharge and church tax withheld
    on it (`_de_withheld`)."""
    if not _has_wages(profile):
        return 0.0
    if profile.jurisdiction == "DE":
        return _de_withheld(profile, est)
    return assumed_withholding(profile, est)


def _de_withheld(profile: TaxProfile, est: TaxEstimate) -> float:
    """Everything withheld from German wages: the Lohnsteuer as entered, with the solidarity
    surcharge and church tax the employer withholds on it; else the estimate's tax on the
    wages alone (those three together)."""
    if profile.withholding is None:
        return est.tax_on_wages
    wage_tax = float(profile.withholding)
    p = load_parameters("DE", profile.year)
    soli, _zone = solidarity_surcharge(wage_tax, profile.filing_status == "married_joint", p)
    return wage_tax + soli + floor_to(profile.church_tax_rate * wage_tax, 0.01)


def _last_year(profile: TaxProfile) -> TaxProfile:
    """`profile` a year earlier when GigLens has that year's figures (the wage tax of last
    year's assessment is on last year's tariff); else `profile` itself."""
    try:
        load_parameters(profile.jurisdiction, profile.year - 1)
    except TaxInputError:
        return profile
    return dataclasses.replace(profile, year=profile.year - 1)


def _de_schedule(
    profile: TaxProfile,
    year: int,
    prior: float | None,
    est: TaxEstimate | None,
    income_from: dt.date | None = None,
) -> pd.DataFrame:
    """Quarterly Vorauszahlungen: ¼ of last year's assessed tax less the wage tax withheld, plus
    the solidarity surcharge and church tax on that (or, to put aside, this year's estimate less
    the tax on wages in equal parts on the dates from `income_from`, when the income began)."""
    p = load_parameters("DE", year)
    check_church_rate(profile.church_tax_rate, "DE")
    notes = [
        "The tax office sets the prepayments from your last assessment; the balance is due "
        "one month after the assessment notice.",
        f"Your {year} return is due by {de_return_due(p, year):%-d %B %Y} if you file it "
        "yourself (§149(2) AO; later with a tax adviser): its assessment sets the balance and "
        "the next prepayments.",
    ]
    estimated = prior is None
    if prior is not None:
        # §37(3) EStG: the assessed income tax less the wage tax of that assessment
        # (Lohnsteuer: income tax only, the surcharge withheld beside it is credited against
        # the surcharge), plus the solidarity surcharge on what is left (SolZG §3(1) Nr. 2).
        # Not entered for last year, this year's as entered stands in for it, else the tariff
        # of last year on these wages.
        last_years = profile.prior_year_withholding
        withheld = (
            cents(last_years)
            if last_years is not None
            else cents(wage_income_tax(_last_year(profile)))
            if _has_wages(profile)
            else 0.0
        )
        income_tax = max(cents(prior - withheld), 0.0)
        joint = profile.filing_status == "married_joint"
        soli, _zone = solidarity_surcharge(income_tax, joint, p)
        church = floor_to(profile.church_tax_rate * income_tax, 0.01)  # §51a EStG
        annual = cents(income_tax + soli + church)
        notes.append(
            "Based on last year's assessed tax"
            + (
                ", less the wage tax withheld ("
                + (
                    f"as entered for {year - 1}"
                    if last_years is not None
                    else f"as entered for {year}: enter {year - 1}'s under {year - 1} to use it"
                    if profile.withholding is not None
                    else f"assumed: {_last_year(profile).year}'s tariff on your wages"
                )
                + f": {to_the_cent(withheld, '€')})"
                if withheld
                else ""
            )
            + (f", plus the solidarity surcharge on it ({to_the_cent(soli, '€')})" if soli else "")
            + (
                f", plus church tax ({profile.church_tax_rate:.0%}: {to_the_cent(church, '€')})"
                if church
                else ""
            )
            + "."
        )
    elif est is not None:
        # what the employer withholds (the Lohnsteuer as entered, else the wages' own tax)
        withheld = _de_withheld(profile, est) if _has_wages(profile) else 0.0
        annual = max(cents(est.total - withheld), 0.0)
        notes.append(
            "Without last year's assessed tax, the amounts are this year's estimate (less the "
            "wage tax withheld) in equal parts, to put aside by each date. If the tax office has set prepayments "
            "(Vorauszahlungen) for you, they are in your last tax assessment (Steuerbescheid): "
            "enter last year's tax to see them; in a first year there are none until it has "
            "assessed a year."
        )
    else:
        raise TaxInputError(
            "To plan prepayments, give this year's expected profit or last year's tax."
        )
    # four parts to the cent that add up to the year's amount (the odd cents on the first)
    quarters = _in_parts(annual, 4)
    minimum = p["prepayment_minimum"]
    # the minimum is for prepayments the tax office sets; money put aside for a first bill
    # is still a quarter of it
    if not estimated and annual <= 0:
        notes.append("The wage tax withheld covers last year's assessed tax: no prepayments.")
    elif not estimated and (
        # §37(5) EStG judges the income-tax prepayment; Soli and church tax follow it
        income_tax < minimum["per_year"] or income_tax / 4 < minimum["per_date"]
    ):
        notes.append("Below €400 a year or €100 a quarter, no prepayments are set (§37(5) EStG).")
        quarters = [0.0] * 4
    if not estimated and est is not None:
        # what this year's estimate leaves after wage tax and the prepayments: due with the
        # assessment (or refunded)
        withheld = cents(_de_withheld(profile, est)) if _has_wages(profile) else 0.0
        rest = cents(est.total - withheld - max(sum(quarters), _paid(profile)))
        paid_by = "the wage tax and the prepayments" if withheld else "the prepayments"
        if rest > 0:
            notes.append(
                f"This year's estimate, {to_the_cent(est.total, '€')}, leaves about "
                f"{to_the_cent(rest, '€')} after {paid_by}: put it aside for the payment due "
                "one month after the assessment notice."
            )
        elif rest < 0:
            notes.append(
                f"{paid_by[0].upper()}{paid_by[1:]} are about {to_the_cent(-rest, '€')} more "
                "than this year's estimate: the assessment would refund it."
            )
    rows = _de_rows(p, year, quarters, estimated)
    if estimated and income_from is not None:
        _from_when_income_began(rows, annual, income_from, notes)
    df = _frame(rows, notes, f"Estimate, not tax advice — {p.label} parameters")
    # without an assessment the rows are amounts to put aside, not payments the office set
    df.attrs["put_aside"] = estimated
    return df


def _from_when_income_began(
    rows: list[dict], annual: float, income_from: dt.date, notes: list[str]
) -> None:
    """Amounts to put aside only on the dates from when the income began: the year's estimate
    in equal parts on those (dates before it get 0), or, when it began after the last one, on
    none (a note says to keep it for the assessment)."""
    after = [row for row in rows if row["due_date"] >= income_from]
    if len(after) == len(rows):
        return
    for row in rows:
        if row["due_date"] < income_from:
            row["amount"] = 0.0
            row["notes"] = f"Before your income began ({income_from:%d %b}): nothing to put aside."
    if not after:
        notes.append(
            f"Your income began ({income_from:%d %b}) after the last prepayment date: put "
            "this year's estimate aside for the payment due after the assessment."
        )
        return
    for row, amount in zip(after, _in_parts(annual, len(after)), strict=True):
        row["amount"] = amount
        row["label"] = row["label"].replace("a quarter of", "a part of")


def de_return_due(p, year: int) -> dt.date:
    """The day `year`'s return is due without an adviser: `return_deadline` (31 July) of the
    next year, moved to the next working day when it is a weekend or holiday (§108(3) AO)."""
    day = pd.Timestamp(f"{p['return_deadline']} {year + 1}").date()
    return de_next_working_day(day)


def _de_rows(p, year: int, amounts: list[float], estimated: bool) -> list[dict]:
    """The four prepayment dates (§37(1) EStG; a weekend or holiday moves one to the next
    working day) with their `amounts`; `estimated`: amounts to put aside, no assessed tax."""
    rows = []
    for n, ((month, day), amount) in enumerate(
        zip(p["prepayment_dates"], amounts, strict=True), start=1
    ):
        statutory = dt.date(year, month, day)
        due = de_next_working_day(statutory)
        moved = (
            ""
            if due == statutory
            else f"{statutory:%d %b} is not a working day: moved to {due:%d %b}."
        )
        rows.append(
            dict(
                due_date=due,
                label=(
                    f"Q{n}: a quarter of this year's estimate (no assessed tax entered)"
                    if estimated
                    else f"Q{n} income-tax prepayment (Vorauszahlung)"
                ),
                amount=amount,
                currency="EUR",
                notes=moved,
            )
        )
    return rows


def _dates_only(profile: TaxProfile, year: int) -> pd.DataFrame:
    """The year's due dates with their amounts NaN: neither last year's tax nor this year's
    expected profit was given, so there is nothing to work the amounts out from."""
    p = load_parameters(profile.jurisdiction, year)
    if profile.jurisdiction == "US":
        rows = [
            dict(
                due_date=due,
                label=label,
                amount=math.nan,
                currency="USD",
                notes=_moved_note(statutory, due),
            )
            for label, due, statutory in us_due_dates(year)
        ]
        year_rows = None
    elif profile.jurisdiction == "UK":
        minimum = p["payment_on_account_minimum_bill"]
        rows = uk_payments(None, 2 * minimum, year, profile.first_year, minimum=minimum)
        for row in rows:  # this year's payments on account say what they need
            row["amount"] = math.nan
            row["notes"] = row["notes"].replace(
                "50% of last year's bill", "50% of last year's bill: give it to work it out"
            )
        year_rows = len(rows) - 2  # the last two pay next year's tax
    else:
        rows = _de_rows(p, year, [math.nan] * 4, estimated=False)
        year_rows = None
    notes = [
        "No amounts: give last year's tax (prior_year_tax) or this year's expected profit "
        "(profit) to work them out."
    ]
    return _frame(rows, notes, f"Estimate, not tax advice — {p.label} parameters", year_rows)


def payment_schedule(
    profile: TaxProfile,
    year: int | None = None,
    prior_year_tax: float | None = None,
    *,
    profit: float | None = None,
    trading_income: float | None = None,
    income_from: dt.date | None = None,
    income_by_month: list[float] | None = None,
) -> pd.DataFrame:
    """Due dates and amounts of the year's tax payments (see the per-country functions above).

    `profit`: this year's expected self-employment profit (needed for the UK; for the US it adds
    the 90%-of-this-year test). `trading_income`: this year's expected gross trading income (UK
    trading allowance, as in `estimate_tax`). `prior_year_tax` (else `profile.prior_year_tax`):
    last year's total tax (US line 11c / UK Self Assessment bill / DE assessed income tax).
    With neither, the due dates alone (amounts NaN, a note says what to give). `income_from`:
    the day the year's income began, when after its start (Germany: amounts to put aside only
    from then on). `income_by_month`: the net income (a flat rate on gross receipts: the gross
    receipts) of the tax year's months so far, its first
    month first (a flat rate's instalments on the income so far, `_flat_instalments_to_date`).
    """
    year = profile.year if year is None else int(year)
    profile = dataclasses.replace(profile, year=year)
    prior = profile.prior_year_tax if prior_year_tax is None else float(prior_year_tax)
    est = (
        estimate_for_profile(profit, profile, trading_income=trading_income)
        if profit is not None
        else None
    )
    if prior is None and est is None and profile.jurisdiction in ("US", "UK", "DE"):
        return _dates_only(profile, year)
    if profile.jurisdiction == "US":
        return _us_schedule(profile, year, prior, est)
    if profile.jurisdiction == "UK":
        return _uk_schedule(profile, year, prior, est)
    if profile.jurisdiction == "DE":
        return _de_schedule(profile, year, prior, est, income_from)
    if profile.instalment_dates:
        if profile.instalments_to_date and income_by_month and est is not None:
            return _flat_instalments_to_date(profile, year, est, income_by_month)
        return _flat_instalments(profile, year, est)
    df = _frame(
        [],
        [
            "A flat-rate profile has no payment calendar of its own: give your instalment "
            "dates in the sidebar (Tax profile) to plan them, or pay when your tax office asks."
        ],
        f"Estimate, not tax advice — flat-rate {year} parameters",
    )
    return df


def parse_instalment_dates(text: str) -> tuple[tuple[str, ...], list[str]]:
    """ "15 Mar, 15 Jun, 15 Sep, 15 Dec" -> (("03-15", "06-15", "09-15", "12-15"), []): the days
    written (day and month either way round, month named or numbered as 15/3 or 15.3; 3/15,
    which no day-first reading makes a day, month first), in the order written, and the parts
    that are no day of a year. Separated by commas or semicolons."""
    days, bad = [], []
    for part in re.split(r"[,;]", text or ""):
        part = part.strip().rstrip(".")
        if not part:
            continue
        found = None
        for fmt in ("%d %b", "%d %B", "%b %d", "%B %d", "%d/%m", "%d.%m", "%d-%m", "%m/%d"):
            try:
                found = dt.datetime.strptime(f"2024 {part}", f"%Y {fmt}")  # 2024: 29 Feb is one
                break
            except ValueError:
                continue
        if found is None:
            bad.append(part)
        else:
            days.append(f"{found:%m-%d}")
    return tuple(days), bad


def _day_in(year: int, month: int, day: int) -> dt.date:
    """`day` of `month` in `year`; 29 February in a common year is the 28th."""
    return dt.date(year, month, min(day, 28 if month == 2 and not calendar.isleap(year) else day))


def instalment_days(dates: tuple[str, ...], year: int, year_start_month: int = 1) -> list[dt.date]:
    """The days of `dates` ("MM-DD", in the order they fall) for the tax year beginning on the
    1st of `year_start_month` of `year`: the first on or after its start, each next the first
    such day after the one before."""
    after = dt.date(year, year_start_month, 1) - dt.timedelta(days=1)
    days = []
    for text in dates:
        month, day = (int(part) for part in text.split("-"))
        due = _day_in(after.year, month, day)
        if due <= after:
            due = _day_in(after.year + 1, month, day)
        days.append(due)
        after = due
    return days


def _weekend_note(due: dt.date) -> str:
    """A flat rate's instalment day on a weekend: most tax offices take it on the Monday."""
    if due.weekday() < 5:
        return ""
    monday = due + dt.timedelta(days=7 - due.weekday())
    return (
        f"a {due:%A}: most tax offices take the payment on the next working day "
        f"({monday:%a %-d %b %Y}); check yours"
    )


def _flat_instalments_to_date(
    profile: TaxProfile, year: int, est: TaxEstimate, income_by_month: list[float]
) -> pd.DataFrame:
    """A flat rate's instalments, each the tax on the income so far less the ones before it
    (`profile.instalments_to_date`; Spain's modelo 130): instalment k, due in tax-year month
    m_k + 1 (m_k = the months of the tax year before its due date's month, 0-12; with
    `profile.instalments_through` "quarter", the months of the tax year's quarters ended
    before it, 3 × ⌊m_k / 3⌋: Ukraine's 19 May counts January-March), is
    cents(T × I_k / P) − Σ the instalments before it, at least 0, and the last one
    cents(T) − Σ the ones before it, at least 0. T = the year's tax (`est.total`: r × (P − E)
    for a flat rate r and the year's expenses E, less a tax-free amount when entered; on gross
    receipts G, r × (G − A), and I_k, S and P are of the gross receipts), P =
    the projected income, so that without a tax-free amount instalment k is the rate on
    I_k − its share of the expenses, r × I_k × (P − E) / P; I_k = the income of the first
    m_k months: the months' own income
    (`income_by_month`, n months so far) and, for the months after, S / n each (S = the
    income so far), as the projection counts them (P = S × 12 / n)."""
    days = instalment_days(profile.instalment_dates, year, profile.year_start_month)
    n_days = len(days)
    total = max(est.total, 0.0)
    so_far = list(income_by_month)[:12]
    elapsed = len(so_far)
    income = sum(so_far)
    projected = income * 12 / elapsed
    # the year's tax in proportion to the income, T × I_k / P with T unrounded: r × (P − E − A)
    # (A the tax-free amount), so that without one it is r × I_k × (P − E) / P; on gross
    # receipts `income_by_month` is theirs and E is 0: r × (G − A)
    taxed = max(projected - profile.expenses - profile.tax_free, 0.0)
    share_of_tax = (profile.rate or 0.0) * taxed / projected if projected > 0 else 0.0
    rows, before = [], 0.0
    for k, due in enumerate(days, start=1):
        months = (due.year - year) * 12 + due.month - profile.year_start_month
        months = min(max(months, 0), 12)
        if profile.instalments_through == "quarter":
            months -= months % 3
        through = sum(so_far[:months]) + max(months - elapsed, 0) * income / elapsed
        # the tax on the income so far: its share of the year's tax
        owed = total if k == n_days else share_of_tax * through
        amount = max(cents(cents(owed) - before), 0.0)
        before = cents(before + amount)
        rows.append(
            dict(
                due_date=due,
                label=f"Instalment {k} of {n_days}",
                amount=amount,
                notes=_weekend_note(due),
            )
        )
    until = (
        "the end of the quarter before it"
        if profile.instalments_through == "quarter"
        else "the end of the month before it"
    )
    notes = [
        "Your instalment dates, each the tax at your flat rate on your income from the start of "
        f"the tax year to {until}, less the instalments before it (the "
        f"year's tax estimated now: {to_the_cent(total, '')}; months after your files count "
        "the projection's average month). The amounts follow the estimate as your files grow; "
        "your tax office's own figures, where it sets them, come first."
    ]
    return _frame(rows, notes, f"Estimate, not tax advice — flat-rate {year} parameters")


def _flat_instalments(profile: TaxProfile, year: int, est: TaxEstimate | None) -> pd.DataFrame:
    """A flat rate's instalments on the dates the user gave (`instalment_dates`, "MM-DD", in the
    order they fall): the first on or after the tax year's start, each next one the first such
    day after the one before (Australia's 28 Oct, 28 Feb, 28 Apr, 28 Jul of a year from July:
    the last in the July after it), each an equal part of the year's tax (est.total / n, to the
    cent, the last taking what the cents leave)."""
    days = instalment_days(profile.instalment_dates, year, profile.year_start_month)
    n = len(days)
    total = None if est is None else max(est.total, 0.0)
    part = None if total is None else pennies_down(total / n)
    rows = [
        dict(
            due_date=due,
            label=f"Instalment {k} of {n}",
            amount=math.nan
            if total is None
            else (part if k < n else cents(total - part * (n - 1))),
            notes=_weekend_note(due),
        )
        for k, due in enumerate(days, start=1)
    ]
    notes = [
        f"Your instalment dates, each 1/{n} of the year's tax estimated at your flat rate"
        + (
            f" ({to_the_cent(total, '')})"
            if total is not None
            else ": give this year's expected profit to work them out"
        )
        + ". The amounts follow the estimate as your files grow; your tax office's own "
        "figures, where it sets them, come first."
    ]
    return _frame(rows, notes, f"Estimate, not tax advice — flat-rate {year} parameters")
