"""Tax figures for the pages, from `analytics.tax`, in the tax jurisdiction's currency."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.schema import INCOME_KINDS, to_cents_half_up
from analytics.tax import covered_through, months_through, tax_year_bounds
from analytics.tax.params import year_label as params_year_label
from analytics.tax.reserve import tax_year_start
from giglens_ui import state
from giglens_ui.page import PageData, converted_to, money, percent, rows_filtered


def tax_currency(view: PageData) -> str:
    """USD / GBP / EUR for the US, UK, DE rules; a flat rate works in the page's currency."""
    return view.currency if view.profile.jurisdiction == "flat" else view.profile.currency


def wages_words(profile) -> str:
    """Whose wages the profile holds: "your wages", "your spouse's wages" or both."""
    from analytics.tax._common import whose_wages

    return whose_wages(profile.w2_wages, profile.spouse_wages)


def year_label(profile) -> str:
    """2025, or 2025/26 for a UK tax year (or a flat rate's from April: an Indian one)."""
    return params_year_label(profile.jurisdiction, profile.year, profile.year_start_month)


def tax_year_rows(view: PageData, profile=None) -> pd.DataFrame:
    """Every row of the profile's tax year (`profile`, else the sidebar's), in the tax
    currency, whatever the sidebar's date range, platforms and streams: tax is owed on the
    year's total income, so a narrower view must not lower it (see `WHOLE_YEAR_NOTE`)."""
    table = converted_to(view, tax_currency(view), whole_table=True)
    start, end = tax_year_bounds(profile or view.profile)
    return table[(table["date"] >= start) & (table["date"] < end)]


def taxes_taken_text(view: PageData, proj: Projection) -> str:
    """What the platforms took as tax in the profile's tax year (`taxes_taken` of its rows),
    and where a VAT on fees or a tax withheld belongs; "" when nothing was taken."""
    from giglens_ui.sidebar import SITUATION_LABELS

    profile = view.profile
    took = taxes_taken(tax_year_rows(view))
    if took < 0.005 or profile.jurisdiction not in SITUATION_LABELS["expenses"]:
        return ""
    return (
        f"The platforms took {money(took, tax_currency(view))} as tax in {year_label(profile)}"
        + ("" if proj.year_over else " so far")
        + " (the tax rows of your files: VAT or GST on their fees, or tax withheld), not in "
        "the fees and not in this estimate. VAT or GST on fees that you cannot reclaim is a business "
        "expense: add it under Tax profile › More about your situation › "
        f"*{SITUATION_LABELS['expenses'][profile.jurisdiction][0]}*. Income tax withheld "
        "counts towards your bill: enter it with the tax already paid, under When to pay."
    )


def taxes_taken(rows: pd.DataFrame) -> float:
    """What the platforms took as tax in `rows` (−Σ net of the `tax` rows: VAT or GST on
    their fees, tax withheld; a tax refunded counts against it), to the cent."""
    return float(to_cents_half_up(-float(rows.loc[rows["kind"] == "tax", "net"].sum())))


WHOLE_YEAR_NOTE = (
    "Tax figures count all your income of tax year {year}: tax is owed on the total, so the "
    "date range, platforms and streams chosen in the sidebar do not change them."
)


def no_income_note(view: PageData) -> str:
    """Why there is no tax figure: no income in the chosen tax year, and which years the
    files cover (GigLens has tax rules for a few years only: it says which)."""
    from giglens_ui.sidebar import TAX_YEARS, offered_tax_years

    def label(y: int) -> str:
        return year_label(dataclasses.replace(view.profile, year=y))

    def listed(years) -> str:  # "2015", "2015 and 2016", "2014, 2015 and 2016"
        names = [label(y) for y in years]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

    ruled = offered_tax_years(view.profile.jurisdiction, view.profile.year_start_month)
    found = income_tax_years(view.profile.jurisdiction, view.profile.year_start_month)
    covered = listed(found) if found else "no year"
    if found and not set(found) & set(ruled):
        # the years with their own figures (not one estimated on the latest's)
        own = [y for y in ruled if y in TAX_YEARS.get(view.profile.jurisdiction, ())] or ruled
        return (
            f"Your files have income in {covered}; GigLens has tax rules for {listed(own)} "
            "only, so there is no tax estimate for the years of your files (a flat rate, "
            "under Tax profile, works for any year)."
        )
    usable = [label(y) for y in found if y in ruled]
    choose = f"choose {usable[0]}" if len(usable) == 1 else f"choose one of {', '.join(usable)}"
    return (
        f"No income in tax year {year_label(view.profile)}. Your files have income in "
        f"{covered}: {choose} under Tax profile in the sidebar."
    )


def income_tax_years(jurisdiction: str, year_start_month: int = 1) -> list[int]:
    """The tax years with income in the imported files, in order (a UK tax year starts on
    6 April: 5 April 2025 is in 2024/25; a flat rate's on the first of `year_start_month`)."""
    start = tax_year_start(jurisdiction, year_start_month)
    return _income_tax_years(state.data_signature(), start, state.data())


def tax_years_of(dates: pd.Series, start: tuple[int, int] = (1, 1)) -> pd.Series:
    """The tax year of each date, named by the calendar year it begins in, for tax years
    beginning on `start` (month, day): from (4, 6), the UK's, 5 April 2025 is in 2024."""
    month, day = start
    shifted = dates - pd.Timedelta(days=day - 1)  # from the 6th: months begin on the 1st
    return shifted.dt.year - (shifted.dt.month < month)


@st.cache_data(show_spinner=False, max_entries=16)
def _income_tax_years(signature: str, start: tuple[int, int], _data: pd.DataFrame) -> list[int]:
    # `signature` (the data's content key) is what the cache is keyed on; `_data` is not hashed
    dates = _data.loc[_data["kind"].isin(INCOME_KINDS).to_numpy(), "date"].dropna()
    return sorted({int(y) for y in tax_years_of(dates, start).unique()})


def whole_year_note(view: PageData) -> str:
    """WHOLE_YEAR_NOTE when the sidebar narrows the rows (dates, platforms or streams)."""
    return WHOLE_YEAR_NOTE.format(year=year_label(view.profile)) if rows_filtered(view) else ""


@dataclass(frozen=True)
class Projection:
    """The tax year so far, annualised: projected = income so far × 12 / months elapsed.

    Once the tax year is over (`year_over`), months elapsed is 12: the projection is the year's
    actual income. `covered_until`: the last day of the tax year the income stands for.
    """

    income_so_far: float
    months_elapsed: int
    projected_income: float
    projected_tax: float  # the tax the year's self-employment profit adds
    estimate: object  # TaxEstimate on projected_income, for its breakdown lines
    currency: str
    covered_until: pd.Timestamp | None = None
    year_over: bool = False
    files_end: pd.Timestamp | None = None  # the last date of any row in the files
    yearly_gross: float | None = None  # UK, flat on gross: the year's gross, annualised
    # a flat rate on gross receipts: the reserve is a share of what clients paid (before the
    # platforms' fees), the gross receipts so far beside it
    on_gross: bool = False
    gross_so_far: float | None = None

    @property
    def base_so_far(self) -> float:
        """What the set-aside rate is a share of, so far: the net income, or the gross
        receipts for a flat rate on them."""
        return float(self.gross_so_far or 0.0) if self.on_gross else self.income_so_far

    @property
    def base_projected(self) -> float:
        """The year's projected net income, or its gross receipts for a flat rate on them."""
        return float(self.yearly_gross or 0.0) if self.on_gross else self.projected_income

    @property
    def base_words(self) -> str:
        return "gross receipts" if self.on_gross else "net income"

    @property
    def base_name(self) -> str:
        """What the plan counts as the year's income, in a sentence: "income", or "gross
        receipts" for a flat rate on them."""
        return "gross receipts" if self.on_gross else "income"

    @property
    def share_of(self) -> str:
        """What the set-aside rate is a share of, in a sentence."""
        return "what clients pay (before the platforms' fees)" if self.on_gross else "every payment"

    @property
    def rate(self) -> float:
        """Share of each payment to set aside: projected tax / projected income (of the
        gross receipts for a flat rate on them: the flat rate itself, less a tax-free
        amount's share)."""
        if self.base_projected <= 0:
            return 0.0
        return self.projected_tax / self.base_projected

    @property
    def reserve_now(self) -> float:
        """What should be set aside already: rate × income (or gross receipts) so far, to the
        cent (half up)."""
        from analytics.tax._common import cents

        return cents(self.rate * max(self.base_so_far, 0.0))


def so_far_label(proj: Projection) -> str:
    """ "Net income so far" ("... in your files" once the year is over); "Gross receipts so
    far" for a flat rate on them."""
    what = "Gross receipts" if proj.on_gross else "Net income"
    return f"{what} in your files" if proj.year_over else f"{what} so far"


def set_aside_text(amount: float, currency: str) -> str:
    """A month's set-aside as the page shows it: "$250.00" to put aside; a negative amount (a
    month of refunds larger than its income, which lowers the tax) as "release $0.09", what may
    come back out of the reserve; an amount that rounds to zero is "$0.00", never "-$0.00"."""
    if amount is None or pd.isna(amount):
        return "—"
    cents = to_cents_half_up(float(amount))  # -0.004 -> 0.0
    if cents < 0:
        return f"release {money(-cents, currency)}"
    return money(cents, currency)


def projection(view: PageData, profile=None) -> Projection | None:
    """Annualise the tax year's income so far with the tax engine (`projected_annual_tax`), for
    `profile` (another tax year, say), else the sidebar's.

    Months elapsed = calendar months from the start of the tax year through the last day the
    files cover (`covered_through`: the last date of any row, or the year's end once it is over),
    at least 1, at most 12.
    """
    from analytics.tax import estimate_for_profile, projected_annual_tax
    from analytics.tax.reserve import annualise

    profile = profile or view.profile
    rows = tax_year_rows(view, profile)
    income = rows[rows["kind"].isin(INCOME_KINDS)]
    if income.empty:
        return None
    files_end = state.data()["date"].max()
    if pd.isna(files_end):
        files_end = income["date"].max()
    today = state.today()
    until = covered_through(profile, files_end, today)
    months = months_through(profile, until)
    _start, end = tax_year_bounds(profile)
    so_far = float(income["net"].sum())
    # the UK trading allowance and a flat rate on gross receipts look at the gross (before the
    # platforms' fees)
    gross = float(income["gross"].sum()) if profile.uses_gross else None
    try:
        projected, tax = projected_annual_tax(so_far, months, profile, gross_so_far=gross)
        yearly_gross = None if gross is None else annualise(gross, months)
        est = estimate_for_profile(max(projected, 0.0), profile, trading_income=yearly_gross)
    except ValueError:
        return None
    return Projection(
        so_far,
        months,
        projected,
        tax,
        est,
        tax_currency(view),
        covered_until=until,
        year_over=today >= end,
        files_end=pd.Timestamp(files_end).normalize(),
        yearly_gross=yearly_gross,
        on_gross=profile.jurisdiction == "flat" and profile.flat_on_gross,
        gross_so_far=gross,
    )


def files_stop_short(proj: Projection, profile) -> pd.Timestamp | None:
    """For a finished tax year, the last day of the files when they stop more than two weeks
    before the year's end (its last months may be missing from the figures); else None."""
    if not proj.year_over or proj.files_end is None:
        return None
    _start, end = tax_year_bounds(profile)
    last_day = end - pd.Timedelta(days=1)
    return proj.files_end if proj.files_end < last_day - pd.Timedelta(days=14) else None


def year_over_note(proj: Projection, profile) -> str:
    """What a finished tax year's figures are: its actual income, and where the files stop
    short of its end (a later download may be missing)."""
    if not proj.year_over:
        return ""
    _start, end = tax_year_bounds(profile)
    last_day = end - pd.Timedelta(days=1)
    note = (
        f"Tax year {year_label(profile)} ended on {last_day:%-d %b %Y}: the figures are on the "
        "income your files hold for it, not projected."
    )
    if (stop := files_stop_short(proj, profile)) is not None:
        note += (
            f" Your files end on {stop:%-d %b %Y}: if you earned after that, add the "
            "later downloads."
        )
    return note


def expenses_check(proj: Projection, profile) -> str:
    """A warning when the business expenses entered for the year are as large as its income
    (projected): no tax is then due, right for a loss, but also what "2857,40" gives where a
    comma is read as a thousands separator (285,740.00); else ""."""
    expenses = float(profile.expenses or 0.0)
    if expenses <= 0 or proj.projected_income <= 0 or expenses < proj.projected_income:
        return ""
    cur = proj.currency
    return (
        f"The business expenses you entered ({money(expenses, cur)}) are as large as the "
        f"year's income ({money(proj.projected_income, cur)}), so no tax is due on it. If they "
        "are smaller, check the amount under Tax profile › More about your situation: write "
        "cents with a point (2857.40); a comma is read as a thousands separator."
    )


def seasonal_note(view: PageData, proj: Projection) -> str:
    """For a tax year under way, when the files hold the whole year before it and its months
    ran unevenly: the year's income and tax if this year follows last year's pattern
    (`analytics.tax.reserve.seasonal_projection`), beside the projection's even months, when
    the two differ by 10% or more; else ""."""
    from analytics.tax import estimate_for_profile
    from analytics.tax.reserve import (
        SEASONAL_MIN_DIFFERENCE,
        income_by_tax_month,
        last_years_share,
        seasonal_projection,
        tax_to_set_aside,
        tax_year_months,
    )

    profile = view.profile
    if proj.year_over or proj.projected_income <= 0:
        return ""
    last_profile = dataclasses.replace(profile, year=profile.year - 1)
    last_start, _end = tax_year_bounds(last_profile)
    data = state.data()
    first = data.loc[data["kind"].isin(INCOME_KINDS).to_numpy(), "date"].min()
    # the income must start in last year's first tax month or before (a later start, or a
    # time tracker's rows before it, is a part year)
    if pd.isna(first) or int(tax_year_months(pd.Series([first]), last_profile).iloc[0]) > 0:
        return ""
    rows = tax_year_rows(view, last_profile)
    last_year = income_by_tax_month(rows[rows["kind"].isin(INCOME_KINDS)], last_profile)
    seasonal = seasonal_projection(proj.income_so_far, proj.months_elapsed, last_year)
    if seasonal is None:
        return ""
    if abs(seasonal - proj.projected_income) < SEASONAL_MIN_DIFFERENCE * proj.projected_income:
        return ""
    share = last_years_share(last_year, proj.months_elapsed)
    gross = None
    if proj.yearly_gross is not None:  # UK allowance, flat on gross: the gross counts
        gross = round(proj.yearly_gross * proj.months_elapsed / 12 / share, 2)
    try:
        tax = tax_to_set_aside(
            estimate_for_profile(seasonal, profile, trading_income=gross), profile
        )
    except ValueError:
        return ""
    cur = proj.currency
    # a rate on gross receipts is a share of them
    rate = tax / (gross if proj.on_gross and gross else seasonal)
    last_label = year_label(last_profile)
    m = proj.months_elapsed
    months = "1 month" if m == 1 else f"{m} months"
    by = last_start + pd.DateOffset(months=m) - pd.Timedelta(days=1)
    higher = seasonal > proj.projected_income
    note = (
        f"In {last_label} you had earned {share:.0%} of the year's income by {by:%-d %b %Y}, "
        f"{months} into the tax year. If this year follows that pattern, "
        f"its income comes to {money(seasonal, cur)} (not {money(proj.projected_income, cur)}) "
        f"and its tax to {money(tax, cur)}"
    )
    if abs(rate - proj.rate) >= 0.0005:
        reserve = to_cents_half_up(rate * max(proj.base_so_far, 0.0))
        note += f": {percent(rate)} of {proj.share_of}, {money(reserve, cur)} set aside by now"
    note += ". The figures above count each month still to come as your average month so far" + (
        "; if the months ahead are your busy ones, as last year, put aside for the higher tax."
        if higher
        else "; last year's pattern would need less."
    )
    return note


def files_end_early_note(proj: Projection) -> str:
    """For a tax year under way whose files stop more than a month before today: the figures
    stand for the months through that day, and later downloads are missing."""
    if proj.year_over or proj.files_end is None or proj.covered_until is None:
        return ""
    today = state.today()
    if proj.covered_until >= today - pd.Timedelta(days=31):
        return ""
    return (
        f"Your files run to {proj.covered_until:%-d %b %Y}: the projection stands on the "
        f"{proj.months_elapsed} month(s) through then. If you earned since, add the later "
        "downloads."
    )


def last_uk_bill(view: PageData) -> tuple[float, str] | None:
    """UK: the Self Assessment bill of the tax year before the sidebar's, as the files show it
    (that year's income, with that year's wages and withholding, and other income, as entered
    for it, else this year's), and its label ("2025/26");
    None when GigLens has no rules for that year, it is not over, or the files hold no income
    in it. This year's payments on account are half of that bill each; without it the schedule
    could only assume it equal to this year's estimate.

    bill = that year's estimated total tax − the tax taken at source from wages (as the
    schedule counts it: `assumed_withholding`), at least 0, with the business expenses, miles
    and pension contributions entered for that year. Files that begin later in that year may
    lack its first months: `files_start_in_last_year` says when, for the page to say so.
    """
    from analytics.tax._common import cents
    from analytics.tax.schedule import assumed_withholding

    last = _last_year_profile(view.profile)
    if last is None:
        return None
    proj = projection(view, last)
    if proj is None or not proj.year_over:
        return None
    bill = max(cents(proj.estimate.total - assumed_withholding(last, proj.estimate)), 0.0)
    return bill, year_label(last)


def last_year_label(view: PageData) -> str:
    """ "2025/26": the label of the tax year before the profile's (UK); "" without one."""
    last = _last_year_profile(view.profile)
    return year_label(last) if last is not None else ""


def _last_year_profile(profile, countries: tuple[str, ...] = ("UK",), currency: str = ""):
    """The UK or US profile of the tax year before `profile`'s, with the expenses, miles and
    (UK) pension contributions entered for that year, and its wages, tax withheld and other
    income when entered (else this year's, the best guess); None when GigLens has no rules
    for it (or when `profile`'s country is not one of `countries`: the UK's payments on
    account and balancing payment by default)."""
    from giglens_ui.sidebar import (
        TAX_YEARS,
        entered,
        entered_expenses,
        entered_miles,
        entered_relief,
    )

    last, where = profile.year - 1, profile.jurisdiction
    if where not in countries or last not in TAX_YEARS.get(where, ()):
        return None
    # wages and the tax withheld from them go together: last year's as entered (an empty
    # withholding: the tariff's tax on them), else this year's pair
    wages, withholding = profile.w2_wages, profile.withholding
    if (entered_wages := entered("w2_wages", where, last, None)) is not None:
        wages, withholding = float(entered_wages), entered("withholding", where, last, None)
    return dataclasses.replace(
        profile,
        year=last,
        prior_year_tax=None,
        # a flat rate's expenses are kept per currency shown
        expenses=entered_expenses(f"flat.{currency}" if where == "flat" else where, last),
        business_miles=entered_miles(where, last),
        relief_at_source=entered_relief(last) if where == "UK" else profile.relief_at_source,
        w2_wages=wages,
        withholding=withholding,
        other_income=float(entered("other_income", where, last, profile.other_income)),
    )


def last_us_tax(view: PageData) -> tuple[float, str] | None:
    """US: the total tax of the year before the sidebar's as the files show it (Form 1040
    line 24: income tax and self-employment tax, before what was withheld or paid), with that
    year's wages, expenses and miles as entered for it (else this year's), and its label;
    None when GigLens has no rules for that year, it is not over, or the files hold no income
    in it. Only a hint: the safe harbour is on the tax of the return as filed."""
    if view.profile.jurisdiction != "US":
        return None
    last = _last_year_profile(view.profile, ("US",))
    if last is None:
        return None
    proj = projection(view, last)
    if proj is None or not proj.year_over:
        return None
    return float(proj.estimate.total), year_label(last)


# where last year's payments can fall in this year (a flat rate: its instalment dates, such as
# Ukraine's 19 February for the last quarter)
STILL_DUE_COUNTRIES = ("UK", "US", "flat")


def last_year_still_due(view: PageData) -> pd.DataFrame:
    """UK, US and a flat rate's instalments: the payments of last tax year's own schedule still to come (due today or
    later, something left to pay), as the Tax reserve page plans them for that year: the UK's
    balancing payment falls on 31 January of this tax year, beside this year's first payment
    on account; the US's 4th installment on 15 January and its balance due with the return
    on 15 April, beside this year's first installment; each belongs to neither year's table
    alone. With payments entered for that year, the ones passed and not covered too (overdue:
    the US balance after the installments counts them paid). Columns due_date, label, left;
    empty when the files show no finished last year or nothing of it is still to come."""
    empty = pd.DataFrame({"due_date": [], "label": [], "left": []})
    last = _last_year_profile(view.profile, STILL_DUE_COUNTRIES, view.filters.base_currency)
    if last is None:
        return empty
    last_view = dataclasses.replace(view, filters=dataclasses.replace(view.filters, tax=last))
    proj = projection(last_view, last)
    if proj is None or not proj.year_over:
        return empty
    try:
        schedule = planned_payments(last_view, proj)
    except ValueError:
        return empty
    if schedule.empty or "left" not in schedule:  # a flat rate without instalment dates
        return empty
    own = schedule.iloc[: schedule.attrs.get("year_rows", len(schedule))]
    rows = pd.DataFrame(
        {
            "due_date": pd.to_datetime(own["due_date"]).to_numpy(),
            "label": own["label"].astype(str).to_numpy(),
            "left": own["left"].to_numpy(dtype="float64"),
        }
    )
    # US: what the installments leave is due with the return, less what was paid beyond them
    if balance := _balance_after_installments(schedule):
        due, _amount, _paid, left = balance
        rows.loc[len(rows)] = [due, "Balance due with the return", left]
    today = pd.Timestamp(state.today()).normalize()
    # with payments entered for that year, one passed and not covered is overdue, still owed
    # (without, whether it was paid is not known)
    still = (rows["due_date"] >= today) | _payments_entered(schedule)
    return rows[still & (rows["left"] > 0)].reset_index(drop=True)


def last_year_due_text(view: PageData, currency: str, schedule: pd.DataFrame | None = None) -> str:
    """ "Also still to pay for 2025/26: the balancing payment, £573.44 by Sun 31 Jan 2027 (...)"
    from `last_year_still_due`, or "" when nothing of last year is still to come. With this
    year's `schedule` (`planned_payments`), a payment of it due the same day is added in:
    "On Sun 31 Jan 2027 it comes to £1,539.34 with this year's 1st payment on account (£965.90)"."""
    coming = last_year_still_due(view)
    if coming.empty:
        return ""
    today = pd.Timestamp(state.today()).normalize()
    parts = [
        f"the {_in_sentence(row.label)}, {money(row.left, currency)} "
        + ("overdue since" if row.due_date < today else "by")
        + f" {row.due_date:%a %-d %b %Y}"
        for row in coming.itertuples()
    ]
    label = year_label(
        _last_year_profile(view.profile, STILL_DUE_COUNTRIES, view.filters.base_currency)
    )
    together = []
    if schedule is not None and len(schedule):
        left = schedule["left"] if "left" in schedule else schedule["amount"]
        for row in coming.itertuples():
            same_day = (schedule["due_date"] == row.due_date) & (left.astype("float64") > 0)
            if same_day.any():
                ours = ", ".join(
                    f"{_in_sentence(name)} ({money(amount, currency)})"
                    for name, amount in zip(schedule.loc[same_day, "label"], left[same_day])
                )
                total = round(row.left + float(left[same_day].sum()), 2)
                together.append(
                    f"On {row.due_date:%a %-d %b %Y} that comes to {money(total, currency)} "
                    f"with this year's {ours}."
                )
    return (
        f"Also still to pay for {label}: {'; '.join(parts)} (as your files show that year; "
        f"choose {label} in the sidebar for its details). "
        + " ".join(together)
        + (" " if together else "")
        + "Keep it aside on top of this year's reserve."
    )


def _in_sentence(label: str) -> str:
    """A payment's label inside a sentence: "balancing payment", but "Q1 estimated tax"."""
    if len(label) > 1 and (label[1].isupper() or label[1].isdigit()):
        return label
    return label[:1].lower() + label[1:]


def registration_note(view: PageData) -> str:
    """UK: the date by which someone whose gross trading income first goes over the £1,000
    trading allowance in this tax year or the one before has to register for Self Assessment
    (5 October after that year), unless they already file a return; said as passed when it is.
    "" when the files show it over the allowance in an earlier year (registered then) or never.
    Years within the allowance before it do not count (a few cents of HITs in the year the files
    begin are nothing to register for)."""
    from analytics.tax.params import load_parameters

    first = state.data()["date"].min()
    if pd.isna(first):
        return ""
    allowance = load_parameters("UK", view.profile.year)["trading_allowance"]
    begins = int(tax_years_of(pd.Series([first]), tax_year_start("UK")).iloc[0])
    for year in range(max(begins, view.profile.year - MOST_YEARS_BACK), view.profile.year + 1):
        profile = dataclasses.replace(view.profile, year=year)
        rows = tax_year_rows(view, profile)
        gross = float(rows.loc[rows["kind"].isin(["earning", "refund"]), "gross"].sum())
        if gross <= allowance:
            continue
        if year < view.profile.year - 1:
            return ""  # over the allowance years ago: registered long since
        deadline = pd.Timestamp(year + 1, 10, 5)
        passed = pd.Timestamp(state.today()).normalize() > deadline
        return (
            f"Your files start on {pd.Timestamp(first):%-d %b %Y}, and your gross trading "
            f"income first goes over £{allowance:,.0f} in {year_label(profile)}: unless you "
            f"already file a Self Assessment return, you {'had' if passed else 'have'} to "
            f"register for Self Assessment by {deadline:%-d %B %Y}"
            + (
                " (passed: if you have not registered, do it now, as HMRC can charge a "
                "penalty for telling them late)."
                if passed
                else "."
            )
        )
    return ""


MOST_YEARS_BACK = 10  # tax years looked back through for the first over the allowance


def files_start_in_last_year(view: PageData) -> pd.Timestamp | None:
    """UK: the first day of the files when it lies inside last tax year, after its first month
    (the files may then lack that year's first months); else None."""
    if view.profile.jurisdiction != "UK":
        return None
    return files_start_inside(view, view.profile.year - 1)


def files_start_inside(view: PageData, year: int | None = None) -> pd.Timestamp | None:
    """The first day of the files when it lies inside tax year `year` (the profile's when not
    given), after its first month: the months before count no income, right for someone who
    started then, not for files that lack them; else None."""
    profile = view.profile if year is None else dataclasses.replace(view.profile, year=year)
    first = state.data()["date"].min()
    start, end = tax_year_bounds(profile)
    if pd.isna(first) or not start + pd.Timedelta(days=31) < first < end:
        return None
    return pd.Timestamp(first).normalize()


PAID_LABELS = {  # the tax-year payments already made, in each country's words
    "US": "Estimated tax already paid for {year} ({currency}, Form 1040-ES payments so far)",
    "UK": "Already paid towards your {year} bill ({currency}, payments on account so far)",
    "DE": "Prepayments already made for {year} ({currency}, Vorauszahlungen so far)",
    "flat": "Tax already paid for {year} ({currency})",
}


def prior_key(profile) -> str:
    """Where last year's tax entered on the Tax reserve page is kept (per country and year:
    4,000 dollars of US tax must not turn into 4,000 euros in Germany)."""
    return f"giglens.f.prior_year_tax.{profile.jurisdiction}.{profile.year}"


def prior_agi_key(profile) -> str:
    """Where last year's AGI (US) entered on the Tax reserve page is kept (per tax year)."""
    return f"giglens.f.prior_year_agi.{profile.jurisdiction}.{profile.year}"


def first_year_key(profile) -> str:
    """Where the UK "first year of self-employment" choice is kept (a first year is one year)."""
    return f"giglens.f.first_year.{profile.year}"


def first_year_assumed(view: PageData) -> bool:
    """UK: whether the profile's tax year is taken as the first year of self-employment until
    the user says otherwise: last year's bill is not entered, and the files hold income in the
    year and none before it (no payments on
    account were due in a first year; assuming last year's bill equal to this year's made two
    payments of a student's first year look overdue)."""
    if (
        view.profile.jurisdiction != "UK"
        or st.session_state.get(prior_key(view.profile)) is not None
    ):
        return False  # last year's bill entered: there was one
    data = state.data()
    income = data[data["kind"].isin(INCOME_KINDS).to_numpy()]
    start, end = tax_year_bounds(view.profile)
    dates = income["date"]
    return bool(((dates >= start) & (dates < end)).any()) and not bool((dates < start).any())


def first_year(view: PageData) -> bool:
    """UK: the first-year choice for the profile's tax year, as the user made it, else
    `first_year_assumed`."""
    if view.profile.jurisdiction != "UK":
        return False
    chosen = st.session_state.get(first_year_key(view.profile))
    return first_year_assumed(view) if chosen is None else bool(chosen)


def income_by_month(view: PageData, proj: Projection) -> list[float]:
    """The net income of each month of the tax year so far (the projection's months), its
    first month first, for a flat rate's instalments on the income so far (the gross receipts
    for a rate on them)."""
    from analytics.tax.reserve import income_by_tax_month

    rows = tax_year_rows(view, view.profile)
    income = rows[rows["kind"].isin(INCOME_KINDS)]
    # a rate on gross receipts shares the year's tax by them
    column = "gross" if view.profile.flat_on_gross else "net"
    return income_by_tax_month(income, view.profile, column)[: proj.months_elapsed]


def planned_payments(view: PageData, proj: Projection) -> pd.DataFrame:
    """The Tax reserve page's payments for the profile's tax year (`payment_schedule`), with
    last year's tax as entered (UK: else the bill the files show; US: with last year's AGI when
    entered, which decides 100% or 110% of it), the first-year choice, the
    tax already paid set against them (`set_against_payments`) and each one's `status`
    (`payment_statuses`). Raises ValueError (TaxInputError) with a plain message when the
    inputs cannot make a schedule."""
    from analytics.tax import payment_schedule, set_against_payments

    profile = view.profile
    prior = st.session_state.get(prior_key(profile))
    first = first_year(view)
    if prior is None and not first and (last := last_uk_bill(view)) is not None:
        prior = last[0]  # this year's payments on account are half of last year's bill
    paid = paid_so_far(view)
    agi = st.session_state.get(prior_agi_key(profile)) if profile.jurisdiction == "US" else None
    with_prior = dataclasses.replace(
        profile, prior_year_tax=prior, first_year=first, paid=paid, prior_year_agi=agi
    )
    if profile.jurisdiction == "DE":  # last year's assessment credited last year's wage tax
        from giglens_ui.sidebar import entered

        last = entered("withholding", "DE", profile.year - 1, None)
        with_prior = dataclasses.replace(
            with_prior, prior_year_withholding=None if last is None else float(last)
        )
    schedule = payment_schedule(
        with_prior,
        profile.year,
        profit=max(proj.projected_income, 0.0),
        trading_income=proj.yearly_gross,
        income_from=(begun := files_start_inside(view)) and begun.date(),
        income_by_month=income_by_month(view, proj) if profile.instalments_to_date else None,
    )
    if len(schedule):
        schedule = set_against_payments(schedule, paid, dated_payments_used(view))
        schedule["status"] = payment_statuses(schedule, state.today(), paid)
    return schedule


def payments_sheet(
    schedule: pd.DataFrame,
    currency: str,
    last_year: pd.DataFrame | None = None,
    last_label: str = "",
    today: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The planned payments for the Excel workbook: due date, payment, amount, what is paid of
    it and left, status, notes, and a last row for a US balance due with the return after the
    installments (`attrs["balance_after_installments"]`, what was paid beyond them set against
    it; once its day is before `today` with something left, "overdue" when payments were
    entered, as the page says, else "passed, no payment entered"), so
    the year's own rows add up to its tax less withholding; the schedule's notes in
    `attrs`. `last_year` (`last_year_still_due`, UK): last tax year's payments still to come
    (its balancing payment on this year's 31 January), as rows of their own marked
    `last_label`'s, in date order with the others."""
    sheet = pd.DataFrame(
        {
            "due_date": schedule["due_date"],
            "payment": schedule["label"].astype(str),
            "amount": schedule["amount"].astype("float64").round(2),
            "amount_paid": schedule["paid"].astype("float64").round(2),
            "amount_left": schedule["left"].astype("float64").round(2),
            "status": schedule["status"],
            "notes": schedule["notes"].fillna("").astype(str),
        }
    )
    if "paid_on" in schedule:  # the days of the payments entered, and what of it was late
        at = sheet.columns.get_loc("amount_left")
        sheet.insert(at, "paid_on", schedule["paid_on"].fillna("").astype(str).to_numpy())
        sheet.insert(at + 1, "paid_late", schedule["paid_late"].astype("float64").round(2))
    # US: what is left to pay with the return after the installments is a payment too, and
    # what was paid beyond the installments goes to it (the UK's balancing payment is a row of
    # its schedule already)
    if balance := _balance_after_installments(schedule):
        due, amount, paid, left = balance
        beyond = to_cents_half_up(float(schedule.attrs.get("paid_beyond", 0.0)))
        # paid after its day (the first payments beyond the installments pay it first)
        late, taken = 0.0, 0.0
        for day, part in schedule.attrs.get("paid_beyond_dated", ()):
            share = min(part, max(paid - taken, 0.0))
            taken += share
            if pd.Timestamp(day) > pd.Timestamp(due):
                late += share
        late = to_cents_half_up(late)
        # with nothing entered as paid, whether it was is not known (as `payment_statuses`)
        status = _balance_status(left, due, today, _payments_entered(schedule))
        if status == "paid" and late > 0:
            status = "paid late" if late >= paid else "paid, part late"
        row = {
            "due_date": [pd.Timestamp(due)],
            "payment": ["Balance due with the return"],
            "amount": [amount],
            "amount_paid": [paid],
            "amount_left": [left],
            "status": [status],
            # paid beyond the year's tax: the return gives it back (or carries it forward)
            "notes": [
                f"{beyond - amount:,.2f} paid beyond the year's tax: refunded with the return, "
                "or credited to next year"
                if beyond - amount >= 0.005
                else ""
            ],
        }
        if "paid_on" in sheet:  # the days of the payments no installment took
            row |= {"paid_on": [schedule.attrs.get("paid_beyond_on", "")], "paid_late": [late]}
        sheet = pd.concat([sheet, pd.DataFrame(row)], ignore_index=True)
    if last_year is not None and len(last_year):
        earlier = pd.DataFrame(
            {
                "due_date": pd.to_datetime(last_year["due_date"]),
                "payment": [f"{label} ({last_label})" for label in last_year["label"]],
                "amount": last_year["left"].astype("float64").round(2).to_numpy(),
                "amount_paid": 0.0,
                "amount_left": last_year["left"].astype("float64").round(2).to_numpy(),
                "status": [
                    f"overdue, for {last_label}"
                    if today is not None and pd.Timestamp(due) < pd.Timestamp(today).normalize()
                    else f"still to pay for {last_label}"
                    for due in last_year["due_date"]
                ],
                "notes": f"Of {last_label}, as your files show that year (what is left of it)",
            }
        )
        sheet = pd.concat([earlier, sheet], ignore_index=True)
        sheet = sheet.sort_values("due_date", kind="stable").reset_index(drop=True)
    sheet["currency"] = currency
    sheet.attrs["notes"] = list(schedule.attrs.get("notes", []))
    return sheet


def payment_days_example(profile) -> str:
    """An example for the box of the payments made with their days, on the country's own
    payment days (a flat rate's instalment dates) and with amounts without a thousands
    separator, which reads the same in every language: "15 Apr 2500; 16 Jun 2500"."""
    import calendar

    days = (
        {
            "US": ("04-15", "06-16", "09-15"),
            "UK": ("01-31", "07-31"),
            "DE": ("03-10", "06-10", "09-10"),
        }.get(profile.jurisdiction)
        or tuple(profile.instalment_dates[:3])
        or ("03-15", "06-15")
    )
    written = []
    for day in days:
        month, _, date = str(day).partition("-")
        try:
            written.append(f"{int(date)} {calendar.month_abbr[int(month)]} 1500")
        except (ValueError, IndexError):
            continue
    return "; ".join(written) or "15 Mar 1500; 15 Jun 1500"


def _balance_after_installments(schedule: pd.DataFrame) -> tuple | None:
    """US: the balance due with the return after the installments (the schedule's
    `balance_after_installments`) as (due date, amount, paid, left), what was paid beyond the
    installments set against it; None elsewhere."""
    balance = schedule.attrs.get("balance_after_installments")
    if not balance:
        return None
    due, amount = balance
    amount = to_cents_half_up(float(amount))
    paid = min(to_cents_half_up(float(schedule.attrs.get("paid_beyond", 0.0))), amount)
    return pd.Timestamp(due), amount, paid, to_cents_half_up(amount - paid)


def _payments_entered(schedule: pd.DataFrame) -> bool:
    """Whether payments were entered for the schedule's year (`set_against_payments`)."""
    return float(schedule["paid"].sum()) > 0 or float(schedule.attrs.get("paid_beyond", 0.0)) > 0


def _balance_status(left: float, due, today, entered: bool) -> str:
    """A US balance due with the return: "paid", "with the return" until its day, then
    "overdue" when payments were entered and do not cover it, else "passed, no payment
    entered" (as the installments' `payment_statuses` say)."""
    if left <= 0:
        return "paid"
    if today is None or pd.Timestamp(today) <= pd.Timestamp(due):
        return "with the return"
    return "overdue" if entered else "passed, no payment entered"


def paid_key(view: PageData) -> str:
    """Where the tax already paid for the profile's tax year is kept: per country and year,
    and for a flat rate (which works in the currency the pages show) per currency too, so
    that 2,000 dollars paid never read as 2,000 euros."""
    profile = view.profile
    key = f"giglens.f.paid.{profile.jurisdiction}.{profile.year}"
    return key + (f".{tax_currency(view)}" if profile.jurisdiction == "flat" else "")


def paid_so_far(view: PageData) -> float:
    """The tax already paid for the profile's tax year, as entered on the Tax reserve page."""
    return float(st.session_state.get(paid_key(view)) or 0.0)


def paid_in_other_currencies(view: PageData) -> dict[str, float]:
    """A flat rate's tax paid for the profile's year as entered while the pages showed
    another currency (kept per currency: `paid_key`), by currency; {} for the other countries."""
    profile = view.profile
    if profile.jurisdiction != "flat":
        return {}
    from giglens_ui.sidebar import kept_amounts

    shown = tax_currency(view)
    kept = kept_amounts(f"giglens.f.paid.flat.{profile.year}.")
    return {code: v for code, v in kept.items() if len(code) == 3 and code != shown}


def dated_key(view: PageData) -> str:
    """Where the days and amounts of the tax paid (Tax reserve page) are kept, as written."""
    return paid_key(view) + ".dated"


def dated_payments(view: PageData) -> tuple[tuple[tuple, ...], list[str], float]:
    """The payments entered with their days (`parse_dated_payments`), the parts that cannot be
    read, and their total; ((), [], 0.0) when none is written."""
    from analytics.tax.schedule import first_payment_day, parse_dated_payments

    text = st.session_state.get(dated_key(view)) or ""
    profile = dataclasses.replace(view.profile, first_year=first_year(view))
    us = view.profile.jurisdiction == "US"  # 4/15 is 15 April there
    payments, bad = parse_dated_payments(text, first_payment_day(profile), month_first=us)
    return payments, bad, round(sum(amount for _day, amount in payments), 2)


def dated_payments_used(view: PageData) -> tuple[tuple, ...]:
    """The dated payments when they add up to the tax already paid (to the cent), else ():
    two figures that disagree are said on the page, and the dates left out until they agree."""
    payments, _bad, total = dated_payments(view)
    return payments if payments and abs(total - paid_so_far(view)) < 0.005 else ()


def left_to_pay(proj: Projection, profile) -> float:
    """The year's tax nobody withholds: what estimated payments, payments on account,
    prepayments and the return must cover (the whole estimate less the tax withheld from
    wages; a flat rate's whole tax)."""
    from analytics.tax.schedule import withheld_from_wages

    est = proj.estimate
    if profile.jurisdiction == "flat":
        return max(est.total, 0.0)
    return max(round(est.total - withheld_from_wages(profile, est), 2), 0.0)


def left_to_hold(
    reserve: float, paid: float, owed: float, year_over: bool = False, due_next: float = 0.0
) -> float:
    """What the reserve still has to hold once `paid` is counted (the figure of the Overview,
    the Monthly summary and the workbook, and the amount `paid_words` says):
    nothing paid: the reserve; paid >= owed (the year's tax nobody withholds, `left_to_pay`):
    0; paid >= the reserve: 0 while the year runs (new payments bring their share), owed − paid
    once it is over (to pay with the return); else reserve − paid. Never less than `due_next`,
    the payment falling due next (`next_payment_due`): a German prepayment set from last
    year's tax is due whatever this year's comes to (the assessment settles the difference)."""
    if paid <= 0:
        held = reserve
    elif paid >= owed:
        held = 0.0
    elif paid >= reserve:
        held = round(owed - paid, 2) if year_over else 0.0
    else:
        held = round(reserve - paid, 2)
    return max(held, round(due_next, 2))


@dataclass(frozen=True)
class DueNext:
    """The payment of the tax year falling due next, what is left of it (`next_payment_due`)."""

    amount: float
    due: pd.Timestamp | None  # the day of the payment due next (None: only overdue ones)
    label: str  # the payment(s) due next
    overdue: str = ""  # the payment(s) overdue, if any
    # each payment overdue: (label, what is left of it, its due day)
    late: tuple[tuple[str, float, pd.Timestamp], ...] = ()

    def words(self, currency: str) -> str:
        """ "the overdue Q3 ... and the Q4 ... due Thu 10 Dec 2026 (€3,500.00)"."""
        parts = []
        if self.overdue:
            parts.append(f"the overdue {_lower_first(self.overdue)}")
        if self.label:
            parts.append(f"the {_lower_first(self.label)} due {self.due:%a %-d %b %Y}")
        return f"{' and '.join(parts)} ({money(self.amount, currency)})"

    @property
    def why(self) -> str:
        """Why it is to be kept whatever the reserve says."""
        if self.overdue and not self.label:
            return "a payment overdue is owed now"
        return (
            "it is due whatever this year's tax comes to (the return or assessment settles the "
            "difference, or ask the tax office to lower it)"
        )


def _lower_first(labels: str) -> str:
    """ "Balancing payment" -> "balancing payment"; "Q4 ..." and "1st ..." stay; each of
    several joined by " and "."""
    return " and ".join(
        label if label[:2].isupper() else label[0].lower() + label[1:]
        for label in labels.split(" and ")
    )


def release_note(
    note: str,
    release: tuple[str, float] | None,
    reserve: float,
    paid: float,
    owed: float,
    year_over: bool,
    due_next: DueNext | None,
    currency: str,
) -> str:
    """`note` as the page shows it: the reserve plan's "What you set aside by ... you may
    release it" (`release`: that note and the amount) says what is really free once the tax
    paid is counted and the payment due next is kept (`left_to_hold`), when that payment is
    more than the reserve alone would hold; every other note as it is.
    Set aside = reserve + excess; free = max(set aside − paid, 0) − what is left to hold."""
    if release is None or note != release[0] or due_next is None:
        return note
    base = left_to_hold(reserve, paid, owed, year_over)
    if due_next.amount <= base + 0.005:
        return note
    hold = due_next.amount
    # what the plan set aside, less what was paid from it (tax paid beyond it came from other
    # money: the pot is empty, not negative)
    pot = max(reserve + release[1] - paid, 0.0)
    free = round(pot - hold, 2)
    head = note.split(" is ", 1)[0]  # "What you set aside by November 2026"
    if free <= 0.005:
        short = f", and put aside {money(-free, currency)} more for it" if free < -0.005 else ""
        return (
            f"{head} is more than the year's tax now needs, but keep it{short}: "
            f"{due_next.words(currency)} is owed whatever this year's tax comes to."
        )
    return (
        f"{head}"
        + (f", less the {money(paid, currency)} you have paid," if paid > 0 else "")
        + f" is {money(free, currency)} more than the reserve has to hold now "
        f"({money(hold, currency)}, for {due_next.words(currency)}, owed whatever this year's "
        "tax comes to): you may release that."
    )


def due_amount(due_next: DueNext | None) -> float:
    """What is left of the payment due next, 0 when none (for `left_to_hold`)."""
    return due_next.amount if due_next is not None else 0.0


# A payment due within this many days is kept in the reserve whatever the estimate says.
DUE_SOON_DAYS = 31


def overdue_text(
    due_next: DueNext | None, profile, currency: str, on_tax_page: bool = False
) -> str:
    """The tax year's payments passed and not covered by the payments entered
    (`next_payment_due`'s `late`), said in a sentence (the table's "overdue" is easy to miss):
    "Overdue for 2026: the Q3 estimated tax, $314.68 left of it since Tue 15 Sep 2026. ...";
    "" when none is."""
    if due_next is None or not due_next.late:
        return ""
    parts = [
        f"the {_in_sentence(label)}, {money(left, currency)} left of it since {due:%a %-d %b %Y}"
        for label, left, due in due_next.late
    ]
    return (
        f"Overdue for {year_label(profile)}: {'; '.join(parts)}. Pay it as soon as you can: "
        "interest (and often a penalty) runs from the due date. If you did pay it, enter the "
        "payment under When to pay" + ("." if on_tax_page else " on the Tax reserve page.")
    )


def next_payment_due(view: PageData, proj: Projection | None) -> DueNext | None:
    """The tax year's payment marked "next" on the Tax reserve page (those due that day
    together), what is left of it once the tax paid is set against the payments, when it is
    due within DUE_SOON_DAYS, with what is left of any payment overdue (owed now); None when
    none is to pay that soon, the schedule cannot be made, or its amounts are only to put
    aside (Germany before an assessment: no prepayment is set)."""
    if proj is None:
        return None
    try:
        schedule = planned_payments(view, proj)
    except ValueError:
        return None
    if schedule.empty or schedule.attrs.get("put_aside", False):
        return None
    own = schedule.iloc[: schedule.attrs.get("year_rows", len(schedule))]
    status = own["status"].astype(str)
    owing = own["left"] > 0.005
    nexts = own[status.str.contains("next") & owing]
    soon = pd.Timestamp(state.today()).normalize() + pd.Timedelta(days=DUE_SOON_DAYS)
    if len(nexts) and pd.Timestamp(nexts["due_date"].iloc[0]) > soon:
        nexts = nexts.iloc[:0]
    # a payment overdue (what was paid is entered and does not cover it) is owed now too
    overdue = own[status.str.contains("overdue") & owing]
    if nexts.empty and overdue.empty:
        return None
    return DueNext(
        round(float(overdue["left"].sum() + nexts["left"].sum()), 2),
        pd.Timestamp(nexts["due_date"].iloc[0]) if len(nexts) else None,
        " and ".join(dict.fromkeys(nexts["label"].astype(str))),
        " and ".join(dict.fromkeys(overdue["label"].astype(str))),
        tuple(
            (str(label), float(left), pd.Timestamp(due))
            for label, left, due in zip(
                overdue["label"], overdue["left"], overdue["due_date"], strict=True
            )
        ),
    )


def paid_words(
    reserve: float,
    paid: float,
    owed: float,
    currency: str,
    year: str,
    bold: bool = True,
    year_over: bool = False,
    due_next: DueNext | None = None,
) -> str:
    """What the tax already paid for the year leaves the reserve to hold (a sentence to add to
    the reserve message, the amount left in bold), or nothing when nothing was paid.
    `reserve`: the reserve needed by now; `owed`: the year's tax nobody withholds
    (`left_to_pay`); `year_over`: the tax year has ended (no new payments to set aside from);
    `due_next` (`next_payment_due`): when the payment falling due next is more than that, a
    sentence says to keep it (`left_to_hold`)."""
    words = _paid_words(reserve, paid, owed, currency, year, bold, year_over)
    held = left_to_hold(reserve, paid, owed, year_over)
    if due_next is not None and due_next.amount > held + 0.005:
        amount = money(due_next.amount, currency)
        words += (
            f" Keep at least {f'**{amount}**' if bold else amount} for "
            f"{due_next.words(currency)}: {due_next.why}."
        )
    return words


def _paid_words(
    reserve: float,
    paid: float,
    owed: float,
    currency: str,
    year: str,
    bold: bool,
    year_over: bool,
) -> str:
    if paid <= 0:
        return ""
    if paid >= owed:
        return (
            f" You have paid {money(paid, currency)} for {year}, at least the "
            f"{money(owed, currency)} the year leaves to pay: nothing more to put aside for it "
            "(your return settles any difference)."
        )
    if paid >= reserve and year_over:
        left = money(left_to_hold(reserve, paid, owed, year_over=True), currency)
        return (
            f" The {money(paid, currency)} you have paid for {year} covers that; the year "
            f"leaves {money(owed, currency)} to pay, so keep {f'**{left}**' if bold else left} "
            "for your return."
        )
    if paid >= reserve:
        return (
            f" The {money(paid, currency)} you have paid for {year} covers that for now: keep "
            f"putting the rate aside from new payments, for the {money(owed - paid, currency)} "
            "still to pay."
        )
    left = money(round(reserve - paid, 2), currency)
    return (
        f" You have paid {money(paid, currency)} for {year} already, so the reserve itself "
        f"needs {f'**{left}**' if bold else left}."
    )


def download_suffix(profile) -> str:
    """The part of a download's name that says its tax profile: `_tax-US-2025`,
    `_tax-UK-2025-26` (no slash in a file name)."""
    return f"_tax-{profile.jurisdiction}-{year_label(profile).replace('/', '-')}"


def beside_other_income(profile) -> bool:
    """Whether the profile has wages or other income: the tax figure is then the part the gig
    income adds, and the breakdown's total is larger."""
    return bool(profile.w2_wages or profile.spouse_wages or profile.other_income)


def withholding_shifts_reserve(proj: Projection) -> bool:
    """Whether the tax withheld from wages, as entered, is more or less than the wages' own tax,
    so that the tax to set aside (`tax_to_set_aside`) is not the part the gig income adds."""
    return abs(proj.projected_tax - proj.estimate.tax_on_profit) >= 0.005


def withholding_text(proj: Projection, profile) -> str:
    """What the tax withheld from wages, as entered, does to the tax to set aside from the gig
    income (`tax_to_set_aside`): more than the wages' own tax pays part of it; less leaves the
    rest to pay with the payments under When to pay."""
    from analytics.tax.schedule import withheld_from_wages

    est, cur = proj.estimate, proj.currency
    withheld = withheld_from_wages(profile, est)
    wages = wages_words(profile)
    said = f"The tax withheld from {wages}, as you entered it, is {money(withheld, cur)}" + (
        f" (Lohnsteuer {money(profile.withholding, cur)} with the solidarity surcharge and "
        "church tax on it)"
        if profile.jurisdiction == "DE" and abs(withheld - profile.withholding) >= 0.005
        else ""
    )
    beyond = round(withheld - est.tax_on_wages, 2)
    if beyond < 0:
        return (
            f"{said}, {money(-beyond, cur)} less than the tariff's tax on them alone "
            f"({money(est.tax_on_wages, cur)}): that rest is yours to pay, and it counts in the "
            "amounts under When to pay (not in what to set aside from your gig payments)."
        )
    if not withholding_shifts_reserve(proj):
        return (
            f"{said} (the tariff's tax on them alone would be {money(est.tax_on_wages, cur)})"
            "; the payments under When to pay count it."
        )
    return (
        f"{said}, {money(beyond, cur)} more than the tariff's tax on them alone "
        f"({money(est.tax_on_wages, cur)}): that pays part of your gig income's tax, so "
        f"{money(proj.projected_tax, cur)} is what to set aside from your payments. The "
        "payments under When to pay count it too."
    )


def tax_figure_label(proj: Projection, profile) -> str:
    """The name of the tax figure (the Tax reserve page's metric, the workbook's row)."""
    if withholding_shifts_reserve(proj):
        return "Gig tax after withholding"
    if beside_other_income(profile):
        return "Tax your gig income adds"
    return "Tax for the year" if proj.year_over else "Projected tax"


def tax_sheet(
    proj: Projection, profile, paid: float = 0.0, due_next: DueNext | None = None
) -> pd.DataFrame:
    """The tax page's figures for the Excel workbook: the year's income, tax, reserve (and what
    was paid, and what is left to hold, never less than the payment `due_next`), then the
    estimate's breakdown lines; one row each (part, line, amount, currency), with the rate, the
    disclaimer and the estimate's notes in `attrs`."""
    est = proj.estimate
    over = proj.year_over
    figures = [
        (so_far_label(proj), proj.base_so_far),
        (
            ("Gross receipts for the year" if over else "Projected gross receipts for the year")
            if proj.on_gross
            else ("Income for the year" if over else "Projected income for the year"),
            proj.base_projected,
        ),
        (tax_figure_label(proj, profile), proj.projected_tax),
        ("Reserve for the year" if over else "Reserve needed by now", proj.reserve_now),
    ]
    withholding = bool(profile.w2_wages + profile.spouse_wages) and profile.withholding is not None
    if withholding:  # what the page says beside the figure: how the withholding moved it
        from analytics.tax.schedule import withheld_from_wages

        shifted = withholding_shifts_reserve(proj)
        figures[3:3] = [
            *([("Tax your gig income adds", est.tax_on_profit)] if shifted else []),
            (
                f"Tax withheld from {wages_words(profile)}, as entered",
                withheld_from_wages(profile, est),
            ),
            (f"Tax on {wages_words(profile)} alone", est.tax_on_wages),
        ]
    owed = left_to_pay(proj, profile)
    hold = left_to_hold(proj.reserve_now, paid, owed, over, due_amount(due_next))
    if paid:
        figures += [("Tax already paid for the year", paid), ("Reserve still to hold", hold)]
    elif hold > proj.reserve_now + 0.005:  # the payment due next is more than the reserve
        figures += [("Reserve still to hold (for the payments due or overdue)", hold)]
    # money to the cent, as the page shows it (converted income carries float dust)
    rows = [("Tax reserve", label, to_cents_half_up(float(amount))) for label, amount in figures]
    rows += [
        ("How the estimate is made", line.label, to_cents_half_up(float(line.amount)))
        for line in est.lines
    ]
    sheet = pd.DataFrame(rows, columns=["part", "line", "amount"])
    sheet["currency"] = proj.currency
    sheet.attrs["disclaimer"] = est.disclaimer
    sheet.attrs["notes"] = [
        f"Tax year {year_label(profile)}: set aside {proj.rate:.1%} of "
        + (
            "what clients pay, before the platforms' fees "
            f"({'the year' if over else 'projected'}: tax ÷ gross receipts)."
            if proj.on_gross
            else f"every payment ({'the year' if over else 'projected'}: tax ÷ income)."
        )
    ]
    if withholding:
        sheet.attrs["notes"].append(withholding_text(proj, profile))
    sheet.attrs["notes"] += list(est.notes)
    return sheet


def tax_page_warnings(view: PageData, proj: Projection, fees_unknown: dict) -> list[str]:
    """What the Tax reserve page warns of about its figures, as sentences (for the workbook's
    Tax estimate sheet, read without the page): the files ending before the tax year, the
    platforms ending early, fees not in the files, rows not converted to the tax's currency and
    how the others were, last tax year's payments still to come (UK), the taxes the platforms
    took."""
    import giglens_ui.page as gp

    currency = tax_currency(view)
    _start, end = tax_year_bounds(view.profile)
    warnings = [
        year_over_note(proj, view.profile) or files_end_early_note(proj),
        gp.platforms_ending_early_note(view, every_platform=True, until=end - pd.Timedelta(days=1)),
        gp.fees_unknown_text(fees_unknown, "the tax is on income before that fee and runs high")
        if fees_unknown
        else "",
        *gp.conversion_problems(view, currency),
        *(f"Tax figures in {currency}: {note}" for note in _tax_year_conversion_notes(view)),
        last_year_due_text(view, currency),
        taxes_taken_text(view, proj).replace("*", ""),  # the page's italics, not the file's
    ]
    return [w for w in warnings if w]


def _tax_year_conversion_notes(view: PageData) -> list[str]:
    """`conversion_notes` for the tax's currency, with the count of rows converted being the
    tax year's ("3 row(s) in EUR converted to USD." of its rows, none when none were)."""
    import giglens_ui.page as gp

    currency = tax_currency(view)
    every_year = gp.converted_rows_note(converted_to(view, currency, whole_table=True), currency)
    notes = [n for n in gp.conversion_notes(view, currency) if n != every_year]
    this_year = gp.converted_rows_note(tax_year_rows(view), currency)
    return [this_year, *notes] if this_year else notes


LATE_COSTS = {
    "US": "The IRS charges an underpayment penalty on each installment for the days it was "
    "short (Form 2210), unless the year's payments meet a safe harbour",
    "UK": "HMRC charges late payment interest from the due date",
    "DE": "The Finanzamt can charge a late-payment surcharge (Säumniszuschlag, 1% a month)",
    "flat": "Paying late can cost interest or a penalty",
}


def late_payments_note(late: pd.DataFrame, profile, currency: str) -> str:
    """What was paid after its due date, per payment, and what that can cost (GigLens does not
    work the cost out)."""
    parts = [
        f"{label} due {due:%-d %b %Y} ({money(amount, currency)} of it late)"
        for label, due, amount in zip(
            late["label"], late["due_date"], late["paid_late"], strict=True
        )
    ]
    return (
        f"Paid after the due date: {'; '.join(parts)}. "
        f"{LATE_COSTS.get(profile.jurisdiction, LATE_COSTS['flat'])}: GigLens does not work it "
        "out."
    )


def payment_statuses(schedule: pd.DataFrame, today: pd.Timestamp, paid: float) -> list[str]:
    """Each payment's status on the Tax reserve page, from `set_against_payments`' columns:
    "paid" (covered by what was paid), "covered by the refund" (with payments entered, an
    unpaid payment the year's refund covers; "part paid, rest covered by the refund"), a
    refund (a negative amount) "owed to you" or, used up against the payments, "set against
    the payments", "none due" (0.00), "paid late" / "paid, part late" (with the days of the
    payments entered, `paid_late`), a passed one "part paid, rest overdue", "overdue"
    (what was paid is entered and does not cover it; for amounts that are only to put aside,
    Germany before an assessment, "part paid" and "passed", paid or not; with nothing entered
    as paid, "passed, no payment entered"); the soonest one still to pay "next"
    ("part paid, next"), with every payment due that day."""
    put_aside = bool(schedule.attrs.get("put_aside", False))
    payments = bool(paid) and not put_aside
    offset = schedule["offset"] if "offset" in schedule else pd.Series(0.0, index=schedule.index)
    # with payments entered, an unpaid payment on account the year's refund covers (the bill
    # came out lower) is not to pay: the return (or form SA303) reduces it
    by_refund = (offset > 0) & (schedule["left"] <= 0) & payments
    settled = (schedule["paid"] > 0) & (schedule["left"] <= 0) | by_refund
    nothing_due = schedule["amount"] == 0  # a payment not known yet (NaN) is still to come
    refund = schedule["amount"] < 0  # money coming back: nothing to pay, never "next"
    upcoming = (schedule["due_date"] >= today) & ~settled & ~nothing_due & ~refund
    soonest = schedule.loc[upcoming, "due_date"].min()
    statuses = []
    paid_late = (
        schedule["paid_late"] if "paid_late" in schedule else pd.Series(0.0, index=schedule.index)
    )
    for due, done, zero, part, refunded, back, left, late in zip(
        schedule["due_date"],
        settled,
        nothing_due,
        schedule["paid"],
        by_refund,
        refund,
        schedule["left"],
        paid_late,
        strict=True,
    ):
        if back:
            status = "owed to you" if left < 0 else "set against the payments"
        elif refunded:
            status = (
                "part paid, rest covered by the refund" if part > 0 else "covered by the refund"
            )
        elif done and late > 0:
            status = "paid late" if late >= part else "paid, part late"
        elif done:
            status = "paid"
        elif zero:
            status = "none due"
        elif due < today and part > 0:
            status = "part paid, rest overdue" if payments else "part paid"
        elif due < today:
            # nothing entered as paid: whether it was paid is not known, only that it passed
            # an amount only to put aside (Germany before an assessment) was never a payment
            status = (
                "overdue"
                if payments
                else "passed"
                if paid or put_aside
                else "passed, no payment entered"
            )
        elif due == soonest:
            status = "part paid, next" if part > 0 else "next"
        else:
            status = ""
        statuses.append(status)
    return statuses
