"""How much of each payment to put aside, and a month-by-month reserve plan.

    months elapsed m   = tax-year months so far (1-12), each counted as a full month: through
                         the last day the files cover (`covered_through`); 12 once the tax
                         year is over, when the income is actual, not projected
    projected income P = income so far × 12 / m              (annualised)
    projected tax      = estimate_tax(P).tax_on_profit       (the tax the profit causes;
                         less what the tax withheld from wages, entered, takes beyond the
                         wages' own tax: `tax_to_set_aside`)
    set-aside rate r   = projected tax / P                   (0 when P ≤ 0); once the tax year
                         is over (`until` its last day) and the files run to within two weeks
                         of its end (`files_end`), every month's is the year's own
                         r_12 = tax / income, and the months' set-aside add up to the
                         year's tax to the cent (each within a cent of r_12 × its income)
    reserve needed     = r_m × income so far                 (= projected tax × m / 12)
    set aside          = r_m × income in month m             (this month's amount, to the cent)
    reserve set aside  = Σ_{k ≤ m} r_k × income in month k   (each month at that month's rate)
    shortfall          = reserve needed − reserve set aside when more than half a cent for
                         each month so far (less is the months' rounding to the cent), else 0

A month whose refunds and fees exceed its income (negative income) has a negative set-aside:
the lower income lowers the projected tax, so that amount may be released from the reserve
(`attrs["notes"]` names those months). Amounts are rounded to the cent, and one that rounds to
zero is 0.00, never −0.00.

Income = Σ net of the rows whose kind is earning, refund, fee or adjustment (never transfers
or withheld taxes); for a flat rate on gross receipts, Σ gross of those rows (what clients
paid less refunds, before the platforms' fees), so that r is the rate itself (less a tax-free
amount's share) and each month's set-aside is r × its gross receipts. The tax year is the calendar year, except the UK: 6 April to 5 April, whose
months run from the 6th (the plan's month "2025-04" is 6 Apr – 5 May 2025).
"""

from __future__ import annotations

import pandas as pd

from analytics.metrics import currencies_in, distinct_text
from analytics.schema import INCOME_KINDS, format_money
from analytics.tax._common import cents
from analytics.tax.errors import CurrencyMismatch, TaxInputError
from analytics.tax.estimate import estimate_for_profile
from analytics.tax.profile import TaxProfile

PLAN_COLUMNS = [
    "month",
    "month_start",
    "income",
    "income_so_far",
    "projected_annual_income",
    "projected_annual_tax",
    "set_aside_rate",
    "set_aside",
    "reserve_needed",
    "reserve_set_aside",
    "shortfall",
]
UK_START_SHIFT = pd.Timedelta(days=5)  # 6 April → 1 April: UK tax months become calendar months


def annualise(amount: float, months_elapsed: float) -> float:
    """`amount` × 12 / months elapsed, to the cent."""
    return cents(float(amount) * 12.0 / months_elapsed)


def projected_annual_tax(
    income_so_far: float,
    months_elapsed: float,
    profile: TaxProfile,
    gross_so_far: float | None = None,
):
    """(projected annual income P, projected tax on it) from income so far; see module doc.
    `gross_so_far`: the gross income (before fees) so far, annualised the same way for the UK
    trading allowance or a flat rate on gross receipts (None: not used)."""
    if not 0 < months_elapsed <= 12:
        raise TaxInputError("months elapsed must be between 0 (exclusive) and 12.")
    # money, to the cent: the same figure the breakdown's lines and the page show
    projected = annualise(income_so_far, months_elapsed)
    gross = None if gross_so_far is None else annualise(gross_so_far, months_elapsed)
    # a rate on gross receipts taxes them even when the fees leave no profit
    on_gross = profile.jurisdiction == "flat" and profile.flat_on_gross and gross is not None
    if projected <= 0 and not on_gross:
        return projected, 0.0
    est = estimate_for_profile(max(projected, 0.0), profile, trading_income=gross)
    return projected, tax_to_set_aside(est, profile)


SEASONAL_MIN_SHARE = 0.10  # below it, last year's months so far say too little to scale by
SEASONAL_MIN_DIFFERENCE = 0.10  # a projection that close to the even one is not worth a note


def seasonal_projection(
    income_so_far: float, months_elapsed: int, last_year_by_month: list[float]
) -> float | None:
    """The year's income if it follows last year's pattern, to the cent:

        s   = Σ_{k ≤ m} L_k / Σ_{k ≤ 12} L_k    (last year's share earned by the same month)
        P_s = S / s

    S = income so far, m = months elapsed (1-11), L_k = last tax year's income in its month k
    (12 values, the tax year's first month first). A seller who earned 40% of last year in
    November and December has s = 0.6 at the end of October: 6,000 so far projects 10,000, not
    the 7,200 of 6,000 × 12 / 10. None when it says nothing: a year over (m = 12), not 12
    months of last year, last year's income 0 or less, a month of it below 0 (refunds larger
    than its income), or s below 10% (a projection scaled tenfold or more from a few months).
    """
    share = last_years_share(last_year_by_month, months_elapsed)
    return None if share is None else cents(float(income_so_far) / share)


def last_years_share(last_year_by_month: list[float], months_elapsed: int) -> float | None:
    """s = Σ_{k ≤ m} L_k / Σ_{k ≤ 12} L_k, last year's share of its income earned by the same
    month (`seasonal_projection`); None when it says nothing (see there)."""
    m = int(months_elapsed)
    last = [float(v) for v in last_year_by_month]
    if not 1 <= m < 12 or len(last) != 12 or min(last) < 0:
        return None
    total = sum(last)
    if total <= 0:
        return None
    share = sum(last[:m]) / total
    return share if share >= SEASONAL_MIN_SHARE else None


def tax_year_months(dates: pd.Series, profile: TaxProfile) -> pd.Series:
    """Each date's month of the profile's tax year, 0-11 (UK tax months run from the 6th: 5 May
    2025 is month 0 of 2025/26); dates outside the year fall outside 0-11."""
    start, _end = tax_year_bounds(profile)
    shift = UK_START_SHIFT if profile.jurisdiction == "UK" else pd.Timedelta(0)
    shifted = pd.to_datetime(dates) - shift
    first = start - shift
    return (shifted.dt.year - first.year) * 12 + shifted.dt.month - first.month


def income_by_tax_month(
    income: pd.DataFrame, profile: TaxProfile, column: str = "net"
) -> list[float]:
    """The net income (or another `column`'s sum: "gross") of each of the 12 months of the
    profile's tax year, its first month first (rows outside the year left out)."""
    month = tax_year_months(income["date"], profile)
    inside = ((month >= 0) & (month < 12)).to_numpy()
    net = income.loc[inside, column].astype("float64").groupby(month[inside].to_numpy()).sum()
    return [float(net.get(k, 0.0)) for k in range(12)]


def tax_to_set_aside(est, profile: TaxProfile) -> float:
    """The tax to put aside from the gig income: the tax the profit adds (`tax_on_profit`),
    less what the tax withheld from wages, when entered, takes beyond the wages' own tax
    (`tax_on_wages`), which pays part of the gig income's. Never below 0. A withholding below
    the wages' tax leaves that rest to pay, as the tax other income adds: both are said apart
    and counted in the payments (`payment_schedule`), not spread over the gig payments as a
    share of each (wages of 60,000 with nothing withheld would make it 446% of a $100 HIT)."""
    from analytics.tax.schedule import withheld_from_wages

    if profile.withholding is None or not (profile.w2_wages or profile.spouse_wages):
        return est.tax_on_profit
    beyond = max(withheld_from_wages(profile, est) - est.tax_on_wages, 0.0)
    return max(round(est.tax_on_profit - beyond, 2), 0.0)


def set_aside_rate(
    income_so_far: float,
    months_elapsed: float,
    profile: TaxProfile,
    gross_so_far: float | None = None,
) -> float:
    """Share of each new payment to put away: r = tax(P) / P, P = income so far × 12 / months.

    Because P is re-annualised as income accumulates, the rate follows the year's projected
    income (higher brackets push it up). Returns 0 when there is no income yet.
    `gross_so_far` as in `projected_annual_tax`.
    """
    projected, tax = projected_annual_tax(
        income_so_far, months_elapsed, profile, gross_so_far=gross_so_far
    )
    return tax / projected if projected > 0 else 0.0


def tax_year_start(jurisdiction: str, year_start_month: int = 1) -> tuple[int, int]:
    """(month, day) a tax year begins on: the UK's 6 April, a flat rate's first day of
    `year_start_month` (an Indian tax year: 1 April), else 1 January."""
    if jurisdiction == "UK":
        return 4, 6
    if jurisdiction == "flat":
        return int(year_start_month), 1
    return 1, 1


def tax_year_bounds(profile: TaxProfile) -> tuple[pd.Timestamp, pd.Timestamp]:
    """[start, end) of the profile's tax year (UK: 6 April to 5 April; a flat rate's from the
    first of its `year_start_month`)."""
    month, day = tax_year_start(profile.jurisdiction, profile.year_start_month)
    return pd.Timestamp(profile.year, month, day), pd.Timestamp(profile.year + 1, month, day)


def covered_through(
    profile: TaxProfile, files_end: pd.Timestamp, today: pd.Timestamp
) -> pd.Timestamp:
    """The last day of the tax year that the income so far stands for.

    The tax year's last day once it is over (`today` after it: the year's income in the files is
    then all there is, not a part to annualise); otherwise `files_end`, the last date of any row
    in the user's files (income or not: a quiet month after the last payment still counts),
    but not after `today`, kept within the tax year.
    """
    start, end = tax_year_bounds(profile)
    last_day = end - pd.Timedelta(days=1)
    today = pd.Timestamp(today).normalize()
    if today >= end:
        return last_day
    # a row dated after today (a typo, a scheduled payout) does not make the year longer
    return min(max(min(pd.Timestamp(files_end).normalize(), today), start), last_day)


def months_through(profile: TaxProfile, day: pd.Timestamp) -> int:
    """Tax-year months from the start of the tax year through the month of `day`, each counted
    whole (1-12); UK tax months run from the 6th, so 5 May 2025 is month 1 of 2025/26."""
    start, _end = tax_year_bounds(profile)
    day = pd.Timestamp(day)
    months = (day.year - start.year) * 12 + (day.month - start.month) + 1
    if day.day < start.day:  # UK tax months run from the 6th
        months -= 1
    return max(1, min(12, months))


def _income_in_one_currency(transactions: pd.DataFrame, profile: TaxProfile) -> pd.DataFrame:
    """Income rows; CurrencyMismatch when they are not all in the profile's currency.

    US/UK/DE need USD/GBP/EUR amounts (convert first with analytics.currency.to_base_currency
    and the matching base currency); a flat rate works in any single currency.
    """
    income = transactions[transactions["kind"].isin(INCOME_KINDS)]
    currencies = sorted({c.strip().upper() for c in distinct_text(income["currency"])})
    if profile.jurisdiction == "flat":
        if len(currencies) > 1:
            raise CurrencyMismatch(
                f"Your income is in several currencies ({', '.join(currencies)}). Choose a base "
                "currency to convert it to one before planning the tax reserve.",
                currencies,
            )
        return income
    wanted = profile.currency
    others = [c for c in currencies if c != wanted]
    if others:
        raise CurrencyMismatch(
            f"The {profile.jurisdiction} tax estimate needs amounts in {wanted}, but some income "
            f"is in {', '.join(others)}. Choose {wanted} as the base currency so it is converted "
            "first; amounts in different currencies are never added together.",
            others,
        )
    return income


def reserve_plan(
    transactions: pd.DataFrame,
    profile: TaxProfile,
    until: pd.Timestamp | None = None,
    files_end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Per tax-year month of `profile.year`, from its first month to the last with income, or to
    the month of `until` when that is later (the last day the files cover, see
    `covered_through`: months without income after the last payment still count).

    Columns: month (Period M), month_start (date the tax month begins), income, income_so_far,
    projected_annual_income, projected_annual_tax, set_aside_rate, set_aside (this month's
    amount to put away; negative = may be released, see the module doc), reserve_needed,
    reserve_set_aside, shortfall; formulas in the module doc. `attrs["notes"]` explains rows
    left out (other tax years) and months with a release; `attrs["note_months"]`, beside it,
    the plan months (Periods) each note is about (none for a note on the whole year);
    `attrs["disclaimer"]`; `attrs["at_year_rate"]`, whether every month is at the finished
    year's own rate (see the module doc). `files_end`, the last date of the user's files: when it lies more
    than two weeks before the plan's last day, what was set aside beyond the tax is not said
    to be free to release (the later months may only be missing from the files).
    Raises CurrencyMismatch (a ValueError) rather than mixing currencies.
    """
    income = _income_in_one_currency(transactions, profile)
    start, end = tax_year_bounds(profile)
    dates = pd.to_datetime(income["date"])
    in_year = income[(dates >= start) & (dates < end)]
    notes: list[str] = []
    note_months: list[tuple[pd.Period, ...]] = []  # the plan months each note is about
    outside = len(income) - len(in_year)
    if outside:
        notes.append(
            f"{outside:,} payment(s) and fee(s) dated outside tax year {_year_label(profile)} "
            "belong to another year's tax: this year's tax and set-aside leave them out."
        )
        note_months.append(())
    missing_net = int(in_year["net"].isna().sum())
    if missing_net:
        notes.append(f"{missing_net:,} payment(s) without an amount count as 0.")
        note_months.append(())
    label = estimate_for_profile(0.0, profile).parameters
    shift = UK_START_SHIFT if profile.jurisdiction == "UK" else pd.Timedelta(0)
    months = (pd.to_datetime(in_year["date"]) - shift).dt.to_period("M")
    first = (start - shift).to_period("M")
    if in_year.empty:
        return _plan_frame(pd.DataFrame(columns=PLAN_COLUMNS), notes, label, note_months)

    last = months.max()
    if until is not None:
        last = max(last, first + (months_through(profile, until) - 1))
    index = pd.period_range(first, last, freq="M")
    monthly = in_year["net"].astype("float64").groupby(months).sum().reindex(index, fill_value=0.0)
    gross = in_year["gross"].astype("float64").groupby(months).sum().reindex(index, fill_value=0.0)
    # a flat rate on gross receipts is a share of them: the plan counts them as its income
    on_gross = profile.jurisdiction == "flat" and profile.flat_on_gross
    plan = pd.DataFrame({"month": index, "income": (gross if on_gross else monthly).to_numpy()})
    plan["month_start"] = index.to_timestamp() + shift
    plan["income_so_far"] = plan["income"].cumsum()
    net_so_far = monthly.cumsum().to_numpy()
    gross_so_far = gross.cumsum().to_numpy() if profile.uses_gross else [None] * len(plan)
    projections = [
        projected_annual_tax(so_far, m, profile, gross_so_far=g)
        for m, (so_far, g) in enumerate(zip(net_so_far, gross_so_far), start=1)
    ]  # one estimate per month (at most 12), not per row
    plan["projected_annual_income"] = (
        [annualise(g, m) for m, g in enumerate(gross_so_far, start=1)]
        if on_gross
        else [p for p, _ in projections]
    )
    plan["projected_annual_tax"] = [t for _, t in projections]
    positive = plan["projected_annual_income"] > 0
    plan["set_aside_rate"] = (
        plan["projected_annual_tax"] / plan["projected_annual_income"].where(positive)
    ).fillna(0.0)
    year_end = end - pd.Timedelta(days=1)
    over = until is not None and pd.Timestamp(until) >= year_end and len(plan) == 12
    at_year_rate = over and (
        files_end is None or pd.Timestamp(files_end) >= year_end - pd.Timedelta(days=14)
    )
    if at_year_rate:
        # the year is over and the files run to its end: its tax is known, so every month
        # carries its share of it at the year's rate (adding up to the tax to the cent), not
        # the rate projected back then (files that stop early keep those: what was set aside
        # by then may be more than the tax on the income they hold, said below)
        from analytics.summary import months_adding_up

        plan["set_aside_rate"] = float(plan["set_aside_rate"].iloc[-1])
        plan["set_aside"] = months_adding_up(plan["set_aside_rate"] * plan["income"]) + 0.0
    else:
        plan["set_aside"] = _to_cents(plan["set_aside_rate"] * plan["income"])
    plan["reserve_needed"] = _to_cents(plan["set_aside_rate"] * plan["income_so_far"])
    plan["reserve_set_aside"] = _to_cents(plan["set_aside"].cumsum())
    behind = (plan["reserve_needed"] - plan["reserve_set_aside"]).round(2)
    rounding = 0.005 * pd.Series(range(1, len(plan) + 1), index=plan.index)
    plan["shortfall"] = _to_cents(behind.where(behind > rounding, 0.0))
    excess = round(float(plan["reserve_set_aside"].iloc[-1] - plan["reserve_needed"].iloc[-1]), 2)
    release = None
    # the year's tax fell below what was put aside (a lower rate since); a few cents are the
    # months' rounding to the cent, nothing to release
    if excess >= 0.5 * len(plan) / 100 + 0.005:
        by = plan["month"].iloc[-1]
        plan_end = min((by + 1).to_timestamp() + shift, end) - pd.Timedelta(days=1)
        if files_end is not None and pd.Timestamp(files_end) < plan_end - pd.Timedelta(days=14):
            notes.append(
                f"What you set aside by {by.strftime('%B %Y')} is {_amount(excess, in_year)} "
                "more than the tax on the income your files hold, but they end on "
                f"{pd.Timestamp(files_end):%-d %b %Y}: the months after count no income. If "
                "you earned in them, the tax is higher: add the later downloads before you "
                "release any of it."
            )
            # about the year through its last payment: shown beside that month
            note_months.append((months.max(),))
        else:
            notes.append(
                f"What you set aside by {by.strftime('%B %Y')} is {_amount(excess, in_year)} "
                "more than the year's tax now needs: if you put aside the monthly amounts "
                "planned, you may release that much."
            )
            note_months.append((by,))
            release = (notes[-1], excess)
    releases = plan[plan["set_aside"] < 0]
    if len(releases):
        months_text = ", ".join(
            f"{month}: {_amount(-amount, in_year)}"
            for month, amount in zip(releases["month"].astype(str), releases["set_aside"])
        )
        notes.append(
            (
                "Refunds were larger than what clients paid in "
                if on_gross
                else "Refunds and fees were larger than the income in "
            )
            + f"{len(releases):,} month(s), which lowers the projected tax: their set-aside is "
            f"negative, an amount you may release from the reserve ({months_text})."
        )
        note_months.append(tuple(releases["month"]))
    out = _plan_frame(plan[PLAN_COLUMNS], notes, label, note_months)
    out.attrs["at_year_rate"] = bool(at_year_rate)  # every month at the finished year's rate
    # the note saying what may be released, and that amount: a page that knows the tax paid
    # and the payment due next can say what is really free (`giglens_ui.tax.release_note`)
    out.attrs["release"] = release
    return out


def _to_cents(values: pd.Series) -> pd.Series:
    """Rounded to the cent; −0.0 (a small negative amount rounded) becomes 0.0."""
    return values.round(2) + 0.0


def _amount(value: float, income: pd.DataFrame) -> str:
    """A note's amount in the rows' currency as the pages write it ($1,234.56, 1,234.56 CHF),
    a bare number when the rows are in several."""
    found = currencies_in(income)
    return format_money(value, found[0] if len(found) == 1 else "")


def _year_label(profile: TaxProfile) -> str:
    start, end = tax_year_bounds(profile)
    last = end - pd.Timedelta(days=1)
    return f"{start:%-d %b %Y} – {last:%-d %b %Y}"


def _plan_frame(
    plan: pd.DataFrame, notes: list[str], label: str, note_months: list[tuple]
) -> pd.DataFrame:
    plan = plan.reset_index(drop=True)
    plan.attrs["notes"] = notes
    plan.attrs["note_months"] = note_months
    plan.attrs["disclaimer"] = f"Estimate, not tax advice — {label} parameters"
    return plan
