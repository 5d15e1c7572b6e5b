"""The sidebar every page shows: date range, platforms, streams, base currency, tax profile.

Choices are kept in `st.session_state` under `giglens.f.*` keys, separate from the widgets'
own keys, so they survive moving between pages (Streamlit forgets a widget's state when a page
without it runs). A platform or stream filter is kept as the options the user turned *off*, so
platforms imported later are selected; `reset()` forgets the row filters (clearing the data).
The other choices (tax profile, currency...) are also kept on this computer with the files
(`keep_choices`), so a refresh or a restart keeps them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.charts import label_for
from analytics.currency import (
    ROUGH_PER_USD,
    parse_stated_rates,
    published,
    rate_doubts,
    stated_words,
)
from analytics.metrics import distinct_text
from analytics.schema import format_money
from analytics.tax.params import available_years
from analytics.tax.profile import FILING_STATUSES, JURISDICTIONS, TaxProfile
from giglens_ui.filters import Filters, default_currency, time_only
from giglens_ui.imports import FileStore

PREFIX = "giglens.f."
WIDGET = "giglens.w."
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "INR", "CHF")
# The years with parameter files in analytics/tax/data; a flat rate works for any of them.
TAX_YEARS = {j: tuple(available_years(j)) for j in ("US", "UK", "DE")}
TAX_YEARS["flat"] = tuple(sorted({y for years in TAX_YEARS.values() for y in years}))
JURISDICTION_LABELS = {
    "US": "United States",
    "UK": "United Kingdom",
    "DE": "Germany",
    "flat": "Elsewhere: a flat rate",
}
FILING_LABELS = {
    "single": "Single",
    "married_joint": "Married filing jointly",
    "head_of_household": "Head of household",
}


def stored(name: str, default=None):
    return st.session_state.get(PREFIX + name, default)


def _save(name: str, convert=None) -> None:
    value = st.session_state.get(WIDGET + name)
    st.session_state[PREFIX + name] = convert(value) if convert else value


def _prepare(name: str, value) -> str:
    """Give the widget its kept value before it is drawn; returns the widget key."""
    st.session_state[WIDGET + name] = value
    return WIDGET + name


ROW_FILTERS = ("dates", "platforms", "streams")


def keep_choices() -> None:
    """The tax profile and the other choices (not the row filters, which follow the data) are
    kept on this computer with the files, so that a refresh does not turn a UK profile back into
    the US one: loaded once per session, saved when they changed. Nothing is kept when the user
    keeps no files, or on a shared server."""
    from giglens_ui.state import KEPT_CHOICES, remembering, store_problem

    if not remembering():
        return
    store = FileStore()
    if KEPT_CHOICES not in st.session_state:
        try:
            saved = json.loads(store.setting("choices") or "{}")
        except ValueError:  # written by another version: start afresh
            saved = {}
        for name, value in (saved if isinstance(saved, dict) else {}).items():
            st.session_state.setdefault(PREFIX + name, value)
    choices = {
        key.removeprefix(PREFIX): value
        for key, value in st.session_state.items()
        if key.startswith(PREFIX) and key.removeprefix(PREFIX) not in ROW_FILTERS and _plain(value)
    }
    text = json.dumps(choices, sort_keys=True)
    if text != st.session_state.get(KEPT_CHOICES):
        if not store.put_setting("choices", text):
            store_problem(
                f"Your choices (tax profile, currency) could not be kept in {store.problem}: "
                "they last for this visit only. Check that you can write to that folder."
            )
        st.session_state[KEPT_CHOICES] = text  # a failure is said once, not tried every run


def _plain(value) -> bool:
    """Whether a choice is kept as JSON as it is: a number, text, yes/no or nothing, or a dict
    of them (the Hourly rates page's time estimates per platform)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    return isinstance(value, dict) and all(
        isinstance(key, str) and _plain(item) for key, item in value.items()
    )


def forget_choices() -> None:
    """Forget this session's choices (tax profile, amounts, currency...), as when the kept
    settings are deleted: the next run starts from the defaults."""
    from giglens_ui.state import KEPT_CHOICES

    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]
    st.session_state.pop(KEPT_CHOICES, None)


def reset() -> None:
    """Forget the row filters (date range, platforms, streams): new data starts unfiltered."""
    for name in ROW_FILTERS:
        st.session_state.pop(PREFIX + name, None)


def _turned_off(options: list[str]):
    """Widget value -> what is stored: the options not chosen (None when all are)."""

    def convert(value):
        off = sorted(set(options) - set(value or []))
        return off or None

    return convert


def _multiselect(
    label: str, name: str, options: list[str], help: str | None = None
) -> tuple[str, ...] | None:
    off = set(stored(name) or ())
    key = _prepare(name, [o for o in options if o not in off])
    chosen = st.multiselect(
        label,
        options,
        key=key,
        format_func=label_for,
        on_change=_save,
        args=(name, _turned_off(options)),
        help=help,
    )
    return None if set(chosen) == set(options) else tuple(chosen)


def _date_range(first: dt.date, last: dt.date) -> tuple[dt.date | None, dt.date | None]:
    # Whole months can be chosen: typing the 30th of the last month is no error.
    first = first.replace(day=1)
    last = (pd.Timestamp(last) + pd.offsets.MonthEnd(0)).date()
    kept = stored("dates")
    start, end = kept if kept else (first, last)
    start = min(max(start, first), last)
    end = max(min(end, last), start)
    key = _prepare("dates", (start, end))

    def convert(value):
        value = tuple(value or ())
        if len(value) == 1:  # the second click of a range has not happened yet
            value = (value[0], end)
        if not value or (value[0] <= first and value[1] >= last):
            return None
        return value

    chosen = st.date_input(
        "Date range",
        min_value=first,
        max_value=last,
        key=key,
        on_change=_save,
        args=("dates", convert),
        format="YYYY-MM-DD",
        help=f"Your files run from {first:%d %b %Y} to {last:%d %b %Y}: a date outside them "
        "cannot be chosen (the box turns red and the pages keep the range they show). Pick the "
        "first and then the last day in the calendar.",
    )
    chosen = tuple(chosen) if isinstance(chosen, (tuple, list)) else (chosen,)
    if len(chosen) == 1:
        chosen = (chosen[0], end)
    return chosen[0], chosen[1]


def choose_dates(start: dt.date, end: dt.date) -> None:
    """Set the sidebar's date range (as if the user had picked it)."""
    st.session_state[PREFIX + "dates"] = (start, end)


def _select(label: str, name: str, options: list, default, **kwargs):
    kept = stored(name, default)
    if kept not in options:
        kept = default if default in options else options[0]
    key = _prepare(name, kept)
    return st.selectbox(label, options, key=key, on_change=_save, args=(name,), **kwargs)


SITUATION_LABELS = {  # field -> jurisdiction -> (label, help)
    "expenses": {
        "US": (
            "Business expenses not in your files",
            "What your gig work costs you in the whole tax year (your estimate while it runs, "
            "like the income GigLens projects for the year) beyond the platforms' fees, which "
            "GigLens already counts: software, equipment, a share of phone and internet, a home "
            "office (Schedule C expenses). Not your driving: enter its miles below. Deducted "
            "from your profit before income tax and self-employment tax.",
        ),
        "UK": (
            "Allowable expenses not in your files",
            "What your self-employment costs you in the whole tax year (your estimate while it "
            "runs, like the income GigLens projects for the year) beyond the platforms' fees, "
            "which GigLens already counts: software, equipment, a share of phone and internet, "
            "working from home. Not your driving: enter its miles below. Deducted from your "
            "trading profit. The VAT platforms "
            "charge on their fees (Fees page) is an expense too unless you are VAT-registered.",
        ),
        "DE": (
            "Business expenses not in your files (Betriebsausgaben)",
            "What your self-employment costs you in the whole year (your estimate while it runs, "
            "like the income GigLens projects for the year) beyond the platforms' fees, which "
            "GigLens already counts: software, equipment, a share of phone and internet, a home "
            "office. Not your business trips by car: enter their kilometres below. Deducted from "
            "your profit (EÜR). The VAT platforms charge on their fees "
            "(Fees page) counts too unless you reclaim it as input tax (Vorsteuer).",
        ),
        "flat": (
            "Business expenses not in your files",
            "What your gig work costs you in the whole year (your estimate while it runs) "
            "beyond the platforms' fees, which GigLens already counts: software, equipment, a "
            "share of phone and internet, driving, and the VAT or GST platforms charge on their "
            "fees (Fees page) unless you reclaim it. The flat rate applies to the profit after "
            "them, so the share of each payment to set aside goes down: the year's expenses "
            "count over the whole year, not only against the income so far.",
        ),
    },
    "w2_wages": {
        "US": (
            "Your W-2 wages",
            "Your own salary from an employer, box 1 of your W-2 (a year): the income tax "
            "uses it. If box 5 is higher (a 401(k) deferral), enter box 5 as well under Your "
            "Medicare wages. Filing jointly, your spouse's wages go under Spouse's W-2 wages.",
        ),
        "UK": (
            "Your salary or pension (PAYE)",
            "Your own employment income taxed through PAYE (a year).",
        ),
        "DE": (
            "Your wages (Arbeitslohn)",
            "Your own gross pay from employment (Bruttoarbeitslohn, line 3 of the "
            "Lohnsteuerbescheinigung; a year). The €1,230 employee allowance is deducted; if "
            "your work expenses are higher, enter only the part above €1,230 under Deductions. "
            "Your own social-insurance contributions (pension, health, care and unemployment "
            "insurance, on the same certificate) are deductible too (Vorsorgeaufwendungen): "
            "enter them under Deductions, or the estimate runs high (and the prepayments, "
            "which credit the wage tax, come out low). "
            "With joint assessment, your spouse's wages go under Spouse's wages.",
        ),
    },
    "spouse_wages": {  # only on a joint return: shown for married_joint (US, DE)
        "US": (
            "Spouse's W-2 wages",
            "Your spouse's salary, box 1 of their W-2 (a year). It counts for the income tax "
            "and the Additional Medicare Tax of the joint return, not against your Social "
            "Security wage base (that is per person).",
        ),
        "DE": (
            "Spouse's wages (Arbeitslohn)",
            "Your spouse's gross pay from employment (a year), less the €1,230 employee "
            "allowance, added to the joint taxable income (Zusammenveranlagung).",
        ),
    },
    "other_income": {
        "US": (
            "Other income",
            "Interest, dividends, capital gains, rent, the taxable part of Social Security "
            "benefits… (a year). Qualified dividends and long-term gains are taxed at lower "
            "rates: say how much of it they are in the box that appears below.",
        ),
        "UK": (
            "Other income",
            "Rental profit and other taxable income (a year). Savings interest and dividends "
            "have allowances and rates of their own that GigLens does not apply: leave out "
            "what your Personal Savings Allowance and Dividend Allowance cover.",
        ),
        "DE": (
            "Other income",
            "Other taxable income such as rent (a year). Leave out capital income: the bank "
            "withholds its flat 25% tax (Abgeltungsteuer).",
        ),
    },
    "deductions": {
        "US": (
            "Itemized deductions",
            "Used instead of the standard deduction when they are larger (a year).",
        ),
        "UK": (
            "Reliefs",
            "Deducted from total income (a year), e.g. qualifying loan interest, or a trading "
            "loss brought forward (it lowers Class 4 NIC too, which this estimate does not "
            "apply: the NIC comes out a little high). Not pension contributions your employer takes from your "
            "pay before tax (your P60 pay is already after them), nor personal pensions with "
            "relief at source: enter those under Pension contributions (relief at source).",
        ),
        "DE": (
            "Deductions",
            "Sonderausgaben and other deductions from income (a year), such as the "
            "deductible part of health, care and pension insurance (health insurance less "
            "the 4% share for sick pay; other insurance within its cap: your last assessment "
            "shows the amounts). The €36 flat allowance (€72 jointly) for donations, church "
            "tax paid and the like is already deducted: enter only what they come to beyond it.",
        ),
    },
}


def _amount_input(label: str, name: str, help: str, step: float, fmt: str) -> float:
    """A kept, non-negative number input (an amount of money, miles...)."""
    key = _prepare(name, float(stored(name, 0.0) or 0.0))
    return st.number_input(
        label,
        min_value=0.0,
        step=step,
        format=fmt,
        key=key,
        on_change=_save,
        args=(name,),
        help=help,
    )


def _money_input(label: str, name: str, currency: str, help: str) -> float:
    # the box reads a comma as a thousands separator: 2857,40 would be 285,740.00
    help += " Write cents with a point (2857.40), never a comma."
    return _amount_input(f"{label} ({currency})", name, help, 1000.0, "%.2f")


DE_FILING_LABELS = {  # German assessment words, not the US filing statuses' (short: narrow)
    "single": "Individual (Einzelveranlagung)",
    "married_joint": "Joint (Zusammenveranlagung)",
}


def expenses_key(jurisdiction: str, year: int | None) -> str:
    """Where the business expenses of a tax year are kept: per country and per year."""
    return f"expenses.{jurisdiction}" + (f".{year}" if year is not None else "")


def yearly_key(field: str, jurisdiction: str, year: int | None) -> str:
    """Where a tax year's amount of `field` (wages, withholding, other income...) is kept: per
    country and per year. One kept by an earlier version for every year (`field.US`) moves to
    the first year it is asked for, the one the user was looking at, rather than being lost."""
    if year is None:
        return f"{field}.{jurisdiction}"
    name = f"{field}.{jurisdiction}.{year}"
    old = f"{field}.{jurisdiction}"
    if field != "expenses" and PREFIX + old in st.session_state:
        moved = st.session_state.pop(PREFIX + old)
        st.session_state.setdefault(PREFIX + name, moved)
    return name


def kept_amounts(prefix: str) -> dict[str, float]:
    """The amounts above 0 kept in this session under keys `prefix` + a last part, by that
    part ("2025" for wages per year, "USD" for a flat rate's tax paid per currency)."""
    return {
        str(key)[len(prefix) :]: float(value)
        for key, value in st.session_state.items()
        if str(key).startswith(prefix)
        and "." not in str(key)[len(prefix) :]
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value > 0
    }


def _other_years(field: str, jurisdiction: str, year: int) -> dict[int, float]:
    """The amounts of `field` entered for the country's other tax years (above 0)."""
    kept = kept_amounts(PREFIX + f"{field}.{jurisdiction}.")
    return {int(y): v for y, v in kept.items() if y.isdigit() and int(y) != year}


def entered(field: str, jurisdiction: str, year: int, default=0.0):
    """The amount of `field` entered for that tax year (`default` when none)."""
    value = stored(yearly_key(field, jurisdiction, year))
    return default if value is None else value


def relief_key(year: int | None) -> str:
    """Where the UK relief-at-source pension contributions of a tax year are kept."""
    return "relief_at_source.UK" + (f".{year}" if year is not None else "")


def entered_relief(year: int) -> float:
    """The UK relief-at-source pension contributions entered for that tax year (0 if none)."""
    return float(stored(relief_key(year), 0.0) or 0.0)


def entered_expenses(jurisdiction: str, year: int) -> float:
    """The business expenses entered for that tax year (0 when none)."""
    return float(stored(expenses_key(jurisdiction, year), 0.0) or 0.0)


def miles_key(jurisdiction: str, year: int | None) -> str:
    """Where the business miles (kilometres) of a tax year are kept: per country and year."""
    return f"business_miles.{jurisdiction}" + (f".{year}" if year is not None else "")


def entered_miles(jurisdiction: str, year: int) -> float:
    """The business miles (DE: kilometres) entered for that tax year (0 when none)."""
    return float(stored(miles_key(jurisdiction, year), 0.0) or 0.0)


MILEAGE_LABELS = {  # jurisdiction -> (label, help)
    "US": (
        "Business miles driven",
        "Miles you drive your own car for the work in the whole tax year (your estimate while "
        "it runs: deliveries, rides, trips to clients; not your commute), deducted at the IRS standard mileage rate (70¢ a mile in "
        "2025, 72.5¢ in 2026) instead of the car's actual costs. Keep a mileage log.",
    ),
    "UK": (
        "Business miles driven",
        "Miles you drive your own car or van for the work in the whole tax year (your estimate "
        "while it runs; not your commute), "
        "deducted as HMRC's simplified expenses: 45p a mile for the first 10,000, 25p after, "
        "instead of the actual costs and capital allowances. Keep a mileage log.",
    ),
    "DE": (
        "Business kilometres driven (Betriebsfahrten)",
        "Kilometres you drive your own car on business trips in the whole year (your estimate "
        "while it runs: to clients, deliveries; not to a fixed place of work), deducted at €0.30 a km instead of the "
        "car's actual costs. Keep a logbook of the trips.",
    ),
}


def _miles_input(jurisdiction: str, name: str) -> float:
    label, help = MILEAGE_LABELS[jurisdiction]
    return _amount_input(label, name, help, 100.0, "%.0f")


SCHEDULE_NAMES = {  # where the Tax reserve page puts the tax nobody withholds
    "US": "the quarterly estimated payments",
    "UK": "the Self Assessment bill",
    "DE": "the amounts to put aside by each prepayment date",
}


def situation_inputs(
    jurisdiction: str, currency: str, filing_status: str = "single", year: int | None = None
) -> dict[str, float]:
    """Business expenses no file shows, your wages, your spouse's wages (a joint return only: US
    married filing jointly, DE joint assessment), other income and deductions for the tax
    estimate, kept per jurisdiction (an amount in dollars must not turn into pounds when the
    user switches country), the expenses also per tax `year`. Spouse's wages kept from a joint
    return are 0 under another filing status."""
    if jurisdiction not in ("US", "UK", "DE"):
        return {}
    joint = filing_status == "married_joint" and jurisdiction in SITUATION_LABELS["spouse_wages"]
    # a year's amounts are that year's (software bought in 2025 is no 2026 cost; 2025's wages
    # are not 2026's)
    names = {
        field: yearly_key(field, jurisdiction, year)
        for field in SITUATION_LABELS
        if field != "spouse_wages" or joint
    }
    extra = {
        "US": ["age65.US", "blind.US", "other_trade.US"]
        + (["spouse_age65.US", "spouse_blind.US"] if joint else []),
        "UK": ["scottish.UK", "trading_allowance.UK", relief_key(year)],
    }
    miles_name = miles_key(jurisdiction, year)
    filled = any(
        stored(name)
        for name in [
            *names.values(),
            miles_name,
            *extra.get(jurisdiction, ["church_tax_rate.DE"]),
        ]
    )
    from giglens_ui.tax import year_label

    # wages entered for another tax year and not this one: most likely the same job goes on
    elsewhere = {} if year is None else _other_years("w2_wages", jurisdiction, year)
    with st.expander("More about your situation", expanded=filled or bool(elsewhere)):
        st.caption(
            (
                f"Amounts for tax year {year_label(TaxProfile(jurisdiction, year))}, in "
                f"{currency}. "
                if year is not None
                else f"Yearly amounts in {currency}. "
            )
            + "Tax on wages is taken as withheld by the employer: the reserve covers the extra "
            "tax your gig income causes on top (a withholding entered above or below the "
            "wages' own tax changes it). Tax on other income is not withheld: it is yours to "
            f"pay, and the Tax reserve page adds it to {SCHEDULE_NAMES[jurisdiction]}."
        )
        values: dict = {"spouse_wages": 0.0}
        for field, name in names.items():
            label, help = SITUATION_LABELS[field][jurisdiction]
            values[field] = _money_input(label, name, currency, help)
            if field == "expenses":  # the driving is a business cost too: beside them
                values["business_miles"] = _miles_input(jurisdiction, miles_name)
            # US: W-2 box 5 right under its box 1, only when there is a box 1
            medicare = {"w2_wages": ("Your", "medicare_wages")}
            medicare["spouse_wages"] = ("Spouse's", "spouse_medicare_wages")
            if jurisdiction == "US" and field in medicare and values[field]:
                who, name = medicare[field]
                values[name] = _medicare_input(who, yearly_key(name, "US", year))
            if field == "other_income" and jurisdiction == "US" and values[field]:
                values["qualified_dividends"] = _money_input(
                    "of which qualified dividends and long-term gains",
                    yearly_key("qualified_dividends", "US", year),
                    currency,
                    "The part of the other income that is qualified dividends (Form 1099-DIV "
                    "box 1b) and long-term capital gains (assets held more than a year, "
                    "less losses): taxed at 0%, 15% or 20% instead of the income-tax "
                    "brackets, plus the 3.8% Net Investment Income Tax above an AGI of "
                    "$200,000 ($250,000 jointly). At most the other income above.",
                )
                if values["qualified_dividends"] > values[field]:
                    st.warning(
                        "The qualified dividends and gains are part of the other income: "
                        "add them to it too. Until then only the other income counts as such.",
                        icon=":material/info:",
                    )
                    values["qualified_dividends"] = values[field]
        if elsewhere and not values.get("w2_wages"):
            listed = ", ".join(
                f"{format_money(amount, currency)} for {year_label(TaxProfile(jurisdiction, y))}"
                for y, amount in sorted(elsewhere.items())
            )
            st.caption(
                f":orange[Wages entered: {listed}; none for "
                f"{year_label(TaxProfile(jurisdiction, year))}. If the job goes on, enter this "
                "year's: the tax on your gig income depends on them.]"
            )
        if values.get("w2_wages") or values.get("spouse_wages"):
            values["withholding"] = _withholding_input(jurisdiction, currency, year)
        if jurisdiction == "US":
            values["seniors"], values["blind"] = _age_and_sight_inputs(joint, year)
            values["specified_service"] = not _checkbox(
                "other_trade.US",
                "Your work is not a specified service (QBI deduction)",
                "Above a taxable income of about $200,000 ($400,000 jointly) the 20% QBI "
                "deduction shrinks, fastest for a specified service business: consulting, "
                "law, health, accounting, actuarial work, financial and brokerage services, "
                "performing arts, athletics, or one whose main asset is your skill or "
                "reputation. Software development, design, driving, deliveries, micro tasks "
                "and selling goods are generally not. Left unticked, GigLens takes a "
                "specified service (the smaller deduction, so the tax is an upper bound).",
            )
        if jurisdiction == "UK":
            values["relief_at_source"] = _money_input(
                "Pension contributions (relief at source)",
                relief_key(year),
                currency,
                "What you paid in the tax year into personal pensions with relief at source "
                "(a SIPP, a stakeholder or personal pension, a workplace scheme that adds the "
                "20% itself). The provider claims 20% on top; GigLens widens your basic-rate "
                "band by the grossed-up amount (what you paid ÷ 0.8; relief is given on at "
                "most your earnings, or £3,600), and lowers the income the personal "
                "allowance's taper looks at, as your return does. PAYE on your salary does "
                "not widen it: the difference comes back through Self Assessment.",
            )
            key = _prepare("scottish.UK", bool(stored("scottish.UK", False)))
            values["scottish"] = st.checkbox(
                "You are a Scottish taxpayer (you live in Scotland)",
                key=key,
                on_change=_save,
                args=("scottish.UK",),
                help="Scotland's income-tax bands (19% to 48%) apply to your wages, profit and "
                "other income; National Insurance is the same across the UK.",
            )
            key = _prepare("trading_allowance.UK", bool(stored("trading_allowance.UK", False)))
            values["claim_trading_allowance"] = st.checkbox(
                "Claim the £1,000 trading allowance instead of expenses",
                key=key,
                on_change=_save,
                args=("trading_allowance.UK",),
                help="On your return you may take £1,000 off your gross trading income instead "
                "of your actual expenses (the platforms' fees and the expenses entered above). "
                "Ticked, GigLens counts it in the years where it leaves less profit. It cannot "
                "be claimed on income from your employer or a partnership you are in.",
            )
        if jurisdiction == "DE":
            values["church_tax_rate"] = _select(
                "Church tax (Kirchensteuer)",
                "church_tax_rate.DE",
                list(CHURCH_TAX_LABELS),
                0.0,
                format_func=CHURCH_TAX_LABELS.get,
                help="For members of a church that levies it: a share of the income tax, 8% in "
                "Bavaria and Baden-Württemberg, 9% in the other states. It is added to the "
                "estimate and to the prepayments. With joint assessment it is taken as if you "
                "were both members: if only one of you is, the church tax is lower.",
            )
    return values


CHURCH_TAX_LABELS = {  # short: the sidebar is narrow
    0.0: "None",
    0.08: "8% (Bavaria, Bad.-Württ.)",
    0.09: "9% (other states)",
}


def _age_and_sight_inputs(joint: bool, year: int | None) -> tuple[int, int]:
    """How many on the US return are 65 or older, and how many are blind, at the year's end
    (checkboxes; the spouse's only on a joint return)."""
    end = f"Dec 31, {year}" if year is not None else "the year's end"
    people = [("You are", "age65.US", "blind.US")]
    if joint:
        people.append(("Your spouse is", "spouse_age65.US", "spouse_blind.US"))
    seniors = blind = 0
    for who, age_name, blind_name in people:
        seniors += _checkbox(
            age_name,
            f"{who} 65 or older by {end}",
            "A larger standard deduction and, for 2025–2028, the senior deduction of "
            "$6,000 a person (less 6% of AGI above $75,000, or $150,000 filing jointly).",
        )
        blind += _checkbox(
            blind_name,
            f"{who} legally blind on {end}",
            "Each person who is blind adds the additional standard deduction, as being 65 "
            "or older does (both: twice). Legally blind: your best corrected eye sees 20/200 "
            "or worse, or a field of 20 degrees or less (a doctor's statement, IRS Pub. 501).",
        )
    return seniors, blind


def _checkbox(name: str, label: str, help: str) -> bool:
    key = _prepare(name, bool(stored(name, False)))
    return st.checkbox(label, key=key, on_change=_save, args=(name,), help=help)


WITHHOLDING_LABELS = {  # what to enter, from which document
    "US": (
        "Federal income tax withheld this year",
        "From your pay stubs or W-2 box 2 (both spouses' on a joint return). Left empty, "
        "GigLens takes it to be the tax on your wages alone, with the deductions you entered: "
        "if you itemize or are 65 or older, your employer (following your W-4) probably "
        "withholds more, so enter the real amount for your installments to be right.",
    ),
    "UK": (
        "Income tax paid through PAYE this year",
        "From your payslips or P60. Left empty, GigLens takes it to be the tax on your salary "
        "alone.",
    ),
    "DE": (
        "Lohnsteuer withheld this year",
        "From the Lohnsteuerbescheinigung, line 4 (both spouses' with joint assessment): it "
        "depends on the tax class. Left empty, GigLens takes it to be the tariff's tax on the "
        "wages alone.",
    ),
}


def _optional_amount(label: str, name: str, placeholder: str, step: float, help: str):
    """A kept amount that may be left empty (None: not given, the assumption stands; 0 is an
    answer)."""
    key = _prepare(name, stored(name))
    return st.number_input(
        label,
        min_value=0.0,
        value=None,  # emptied, the box is "not given" again, not 0
        step=step,
        format="%.2f",
        placeholder=placeholder,
        key=key,
        on_change=_save,
        args=(name,),
        help=help,
    )


def _medicare_input(who: str, name: str) -> float | None:
    """W-2 box 5 beside box 1, when a 401(k) or similar deferral makes them differ; None: the
    same as box 1."""
    return _optional_amount(
        f"{who} Medicare wages, W-2 box 5 (USD, optional)",
        name,
        "same as box 1",
        1000.0,
        "Higher than box 1 when part of the pay went into a 401(k), 403(b) or similar "
        "before income tax: those wages still count for Social Security and Medicare, so "
        "they use up more of the Social Security wage base of your self-employment tax and "
        "count for the Additional Medicare Tax. Left empty, box 1 is used.",
    )


def _withholding_input(jurisdiction: str, currency: str, year: int | None) -> float | None:
    """The tax withheld from wages, when the user knows it better than the assumption (tax
    classes, a W-4 asking for more); None: assumed."""
    label, help = WITHHOLDING_LABELS[jurisdiction]
    return _optional_amount(
        f"{label} ({currency}, optional)",
        yearly_key("withholding", jurisdiction, year),
        "optional",
        100.0,
        help,
    )


def _current_tax_year(jurisdiction: str, year_start_month: int = 1) -> int:
    """The tax year under way today (a UK tax year starts on 6 April, a flat rate's on the
    first of `year_start_month`)."""
    from analytics.tax.reserve import tax_year_start
    from giglens_ui.state import today
    from giglens_ui.tax import tax_years_of

    start = tax_year_start(jurisdiction, year_start_month)
    return int(tax_years_of(pd.Series([today()]), start).iloc[0])


def offered_tax_years(jurisdiction: str, year_start_month: int = 1) -> list[int]:
    """The tax years to choose from: those GigLens has figures for, and once it is under way
    the year after the latest (estimated on that latest year's figures, which the pages say).
    A flat rate needs no figures: any year from the first with figures or income to now."""
    from giglens_ui.tax import income_tax_years

    current = _current_tax_year(jurisdiction, year_start_month)
    if jurisdiction == "flat":
        with_income = income_tax_years("flat", year_start_month)
        known = set(TAX_YEARS["flat"]) | {y for y in with_income if y <= current}
        return list(range(min(known), max(max(known), current) + 1))
    years = list(TAX_YEARS.get(jurisdiction, ()))
    if years and years[-1] + 1 <= current:
        years.append(years[-1] + 1)
    return years


def _latest_year_with_income(jurisdiction: str, years: list[int], year_start_month: int = 1) -> int:
    """The latest of `years` (those GigLens has rules for) in which the files have income, so a
    first look shows this year's figures rather than an empty older year; without income, the
    tax year under way (or the latest one before it)."""
    from giglens_ui.tax import income_tax_years

    with_income = set(income_tax_years(jurisdiction, year_start_month)) & set(years)
    if with_income:
        return max(with_income)
    current = _current_tax_year(jurisdiction, year_start_month)
    return max([y for y in years if y <= current] or years[:1])


# The tax country to start with, from the files' main currency: pounds are the UK's alone;
# euros are paid in many countries, so they start at "Elsewhere" (a flat rate) rather than
# Germany's rules, which a French or Irish seller would not notice were not theirs.
# The tax rules a currency's accounts most likely pay: dollars the US, pounds the UK; euros
# (paid in many countries) and any other currency (CAD, AUD, INR...) a flat rate.
HOME_JURISDICTIONS = {"USD": "US", "GBP": "UK"}
# When a flat rate's tax year begins (the first of the month), with countries that use it.
YEAR_START_LABELS = {
    1: "1 January (calendar year)",
    2: "1 February",
    3: "1 March (e.g. South Africa)",
    4: "1 April (e.g. India, New Zealand)",
    5: "1 May",
    6: "1 June",
    7: "1 July (e.g. Australia, Pakistan)",
    8: "1 August",
    9: "1 September",
    10: "1 October",
    11: "1 November",
    12: "1 December",
}


def tax_country_chosen() -> bool:
    """Whether the user has chosen where they pay tax (else it follows `HOME_JURISDICTIONS`,
    and the tax figures say so: `tax_country_note`)."""
    return stored("jurisdiction") is not None


def tax_country_note(profile: TaxProfile) -> str:
    """Until the country is chosen: which one the tax figures assume, and why; else ""."""
    if tax_country_chosen():
        return ""
    rules, why = {
        "US": ("the United States' rules", "most of your income is in US dollars"),
        "UK": ("the United Kingdom's rules", "most of your income is in pounds"),
        "flat": (
            f"a flat rate of {profile.rate or 0:.0%} of your profit",
            "most of your income is in neither US dollars nor pounds",
        ),
    }.get(profile.jurisdiction, (profile.jurisdiction, ""))
    return (
        f"Where you pay tax is not chosen yet: the tax figures use {rules}, as {why}. Choose "
        "yours under Tax profile › Where you pay tax, in the sidebar."
    )


def tax_profile_inputs(
    shown_currency: str = "USD", income_currency: str | None = None
) -> TaxProfile:
    """The tax-profile widgets (jurisdiction, year, filing status, flat rate). A flat rate
    works in the currency the pages show (`shown_currency`); until chosen, the country is the
    one of the currency most of the income is in (`income_currency`, else the one shown;
    pounds: the UK), said on the tax figures (`tax_country_note`): showing the amounts in
    another currency does not change the tax rules."""
    from giglens_ui.tax import year_label

    st.subheader("Tax profile", divider="gray")
    # empty until chosen (choosing the country assumed must count as a choice too), the
    # assumed one in its place
    assumed = HOME_JURISDICTIONS.get(income_currency or shown_currency, "flat")
    chosen = stored("jurisdiction")
    key = _prepare("jurisdiction", chosen if chosen in JURISDICTIONS else None)
    jurisdiction = (
        st.selectbox(
            "Where you pay tax",
            list(JURISDICTIONS),
            index=None,
            key=key,
            on_change=_save,
            args=("jurisdiction",),
            placeholder=f"{JURISDICTION_LABELS.get(assumed, assumed)} (assumed: choose)",
            format_func=lambda j: JURISDICTION_LABELS.get(j, j),
            help="United Kingdom: the bands of England, Wales and Northern Ireland, or Scotland's "
            "(tick the box under More about your situation). Elsewhere: the share of your net "
            "income you set aside.",
        )
        or assumed
    )
    _tax_currency_button(jurisdiction, shown_currency)
    start_month = 1
    if jurisdiction == "flat":
        start_month = _select(
            "Tax year begins",
            "flat_year_start",
            list(YEAR_START_LABELS),
            1,
            format_func=YEAR_START_LABELS.get,
            help="The day your country's tax year begins: 1 January in most countries, 1 April "
            "in India and New Zealand, 1 July in Australia and Pakistan. The set-aside, the "
            "projection for the year and the Monthly summary's tax follow that year.",
        )
    years = offered_tax_years(jurisdiction, start_month)
    year = _select(
        "Tax year",
        "tax_year",
        years,
        _latest_year_with_income(jurisdiction, years, start_month),
        format_func=lambda y: year_label(TaxProfile(jurisdiction, y, year_start_month=start_month)),
    )
    filing_status = "single"
    rate = None
    if jurisdiction in ("US", "DE"):
        statuses = list(FILING_STATUSES) if jurisdiction == "US" else ["single", "married_joint"]
        filing_status = _select(
            "Filing status" if jurisdiction == "US" else "Assessment (Veranlagung)",
            "filing_status",
            statuses,
            "single",
            format_func=lambda s: (
                DE_FILING_LABELS.get(s, s) if jurisdiction == "DE" else FILING_LABELS.get(s, s)
            ),
        )
    if jurisdiction == "flat":
        kept = float(stored("flat_rate", 25.0))
        key = _prepare("flat_rate", kept)
        percent = st.number_input(
            "Flat tax rate (%)",
            min_value=0.0,
            max_value=90.0,
            step=1.0,
            key=key,
            on_change=_save,
            args=("flat_rate",),
        )
        rate = percent / 100.0
    instalments: tuple[str, ...] = ()
    to_date = False
    through = "month"
    if jurisdiction == "flat":
        instalments = _instalment_dates_input(int(start_month))
        if instalments:
            key = _prepare("flat_to_date", bool(stored("flat_to_date", False)))
            to_date = st.checkbox(
                "Each on the income so far",
                key=key,
                on_change=_save,
                args=("flat_to_date",),
                help="Each instalment is the tax on your income from the start of the tax year "
                "to the end of the month (or quarter) before it, less the instalments before it "
                "(as Spain's quarterly payments, modelo 130, work). Unticked, each is an equal "
                "part of the year's tax.",
            )
            if to_date:
                kept = stored("flat_to_date_through", "month")
                key = _prepare("flat_to_date_through", kept if kept in THROUGH else "month")
                through = st.radio(
                    "Counting the income up to",
                    list(THROUGH),
                    format_func=THROUGH.get,
                    key=key,
                    on_change=_save,
                    args=("flat_to_date_through",),
                    help="Spain's 20 April counts January to March, the month before it; "
                    "Ukraine's 19 May counts January to March too, the quarter before it.",
                )
    if jurisdiction == "flat":
        situation = _flat_expenses_input(shown_currency, int(year))
    else:
        currency = TaxProfile(jurisdiction=jurisdiction).currency
        situation = situation_inputs(jurisdiction, currency, filing_status, int(year))
    return TaxProfile(
        jurisdiction=jurisdiction,
        year=int(year),
        filing_status=filing_status,
        rate=rate,
        year_start_month=int(start_month),
        instalment_dates=instalments,
        instalments_to_date=to_date,
        instalments_through=through,
        **situation,
    )


def _show_in(currency: str) -> None:
    st.session_state[PREFIX + "base_currency"] = currency


def _tax_currency_button(jurisdiction: str, shown_currency: str) -> None:
    """A country's tax is worked out in its currency: when the pages show another, one click
    shows them in it (choosing Germany leaves dollar amounts beside a tax in euros until then)."""
    if jurisdiction == "flat":
        return
    currency = TaxProfile(jurisdiction=jurisdiction).currency
    if currency == shown_currency:
        return
    where = {"DE": "German", "UK": "UK", "US": "US"}[jurisdiction]
    st.button(
        f"Show amounts in {currency}",
        key="giglens.tax_currency",
        on_click=_show_in,
        args=(currency,),
        icon=":material/currency_exchange:",
        help=f"{where} tax is worked out in {currency}; the pages show {shown_currency}. "
        f"Shown in {currency}, your income and its tax are in one currency (converted with "
        "the ECB rate of each payment's day). “Show amounts in” above changes it back.",
    )


# how far a flat rate's instalments on the income so far count it (TaxProfile.instalments_through)
THROUGH = {
    "month": "the end of the month before each day",
    "quarter": "the end of the quarter before each day",
}


def _instalment_dates_input(year_start_month: int = 1) -> tuple[str, ...]:
    """A flat rate's payment days, as the user writes them ("15 Mar, 15 Jun..."), read by
    `parse_instalment_dates`; what cannot be read is said, and left out."""
    from analytics.tax.schedule import instalment_days, parse_instalment_dates

    key = _prepare("flat_instalments", stored("flat_instalments", ""))
    text = st.text_input(
        "Instalment dates (optional)",
        key=key,
        on_change=_save,
        args=("flat_instalments",),
        placeholder="e.g. 15 Mar, 15 Jun, 15 Sep, 15 Dec",
        help="The days your country asks for tax in the year, in the order they fall (Canada: "
        "15 Mar, 15 Jun, 15 Sep, 15 Dec; Australia's PAYG from July: 28 Oct, 28 Feb, 28 Apr, "
        "28 Jul). Numbers are read day first (3/4 is 3 April; 3/15 is 15 March). The Tax reserve "
        "page then plans each one as an equal part of the year's tax, or as the tax on the income "
        "so far (the box below, once dates are given).",
    )
    days, bad = parse_instalment_dates(text)
    if bad:
        st.caption(
            f":red[Not a day of the year: {', '.join(bad)}. Write days such as 15 Mar or 15/3.]"
        )
    if len(set(days)) < len(days):
        st.caption(":red[A day is written twice: each instalment's day once, please.]")
    # a payment for the year's last quarter may fall weeks into the next year (Ukraine's
    # 19 Feb); later than 15 months from the start, the days are out of order
    elif days and (
        (
            span := instalment_days(days, 2001, year_start_month)[-1]
            - dt.date(2001, year_start_month, 1)
        ).days
        > 456
    ):
        st.caption(
            f":orange[These days run over {span.days // 30} months from the tax year's start: "
            "write them in the order they fall in the year.]"
        )
    return days


def _flat_expenses_input(currency: str, year: int) -> dict:
    """A flat rate's business expenses, kept per currency shown (an amount in euros is no
    amount in dollars) and per year, its yearly tax-free amount, kept per currency (a
    country's rule, the same every year until it changes), and whether it is on the gross
    receipts (then no expenses: their box is not shown, and any kept are not used)."""
    name = expenses_key(f"flat.{currency}", year)
    free_name = f"flat_tax_free.{currency}"
    opened = bool(stored(name) or stored(free_name) or stored("flat_on_gross"))
    with st.expander("More about your situation", expanded=opened):
        on_gross = _checkbox(
            "flat_on_gross",
            "The rate is on gross receipts",
            "Ticked, the rate is on what your clients paid (less refunds), before the "
            "platforms' fees and with no expenses taken off, as the Philippines' 8% option "
            "is. Unticked, it is on your profit: the payments after the platforms' fees, less "
            "the business expenses below.",
        )
        expenses = 0.0
        if not on_gross:
            label, help = SITUATION_LABELS["expenses"]["flat"]
            expenses = _money_input(label, name, currency, help)
        base = "gross receipts" if on_gross else "profit"
        tax_free = _money_input(
            "Tax-free amount each year",
            free_name,
            currency,
            f"The part of your {base} your country does not tax at this rate, if any (a zero "
            "band: the Philippines' 8% option taxes gross receipts above 250,000 pesos). The "
            f"rate applies to the {base} above it.",
        )
    return {"expenses": expenses, "tax_free": tax_free, "flat_on_gross": on_gross}


@dataclass(frozen=True)
class DataFacts:
    """What the sidebar offers for a table: its options, computed once per imported data."""

    first: dt.date
    last: dt.date
    platforms: list[str]
    streams: list[str]
    trackers: set[str]  # platforms with hours only
    time_streams: set[str]  # streams with hours only
    currencies: list[str]
    default_currency: str
    no_ecb_rate: list[str]  # the data's currencies the ECB publishes no rate for (NGN, KES...)


@st.cache_data(show_spinner=False, max_entries=64)
def _facts(key: str, _data: pd.DataFrame) -> DataFacts:
    # `key` is the content key of the session's data (`state.data_signature`).
    return DataFacts(
        first=_data["date"].min().date(),
        last=_data["date"].max().date(),
        platforms=sorted(distinct_text(_data["platform"])),
        streams=sorted(distinct_text(_data["stream"])),
        trackers=time_only(_data, "platform"),
        time_streams=time_only(_data, "stream"),
        currencies=sorted(
            set(COMMON_CURRENCIES)
            | {c.strip() for c in distinct_text(_data["currency"]) if c.strip()}
        ),
        default_currency=default_currency(_data),
        no_ecb_rate=without_ecb_rate(_data),
    )


# Streamlit names the entry page after its file ("app"); the pages/ directory convention has no
# setting for it, so the link's text is swapped for "Home" in CSS (the link still works as is).
# The first link is named after app.py: shown as "Home" (a screen reader still reads "app"
# before it: hiding that text hides the link's name too); a link with the keyboard's focus gets
# a ring, so it is told apart from the page you are on.
HOME_LINK_CSS = """<style>
[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"] span[label="app"] p {
  font-size: 0 !important; }
[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"] span[label="app"] p::after {
  content: "Home"; font-size: 0.875rem !important; }
[data-testid="stSidebarNav"] a:focus-visible, [data-testid="stPageLink"] a:focus-visible,
a[data-testid="stPageLink-NavLink"]:focus-visible {
  outline: 2px solid #4E79A7 !important; outline-offset: 2px; }
</style>"""


def render(data: pd.DataFrame) -> Filters:
    """Draw the sidebar for `data` (all imported rows) and return the user's choices."""
    keep_choices()
    st.html(HOME_LINK_CSS)
    with st.sidebar:
        st.header("Filters")
        if data.empty:
            st.caption("Import a file on the Home page to filter it here.")
            start = end = platforms = streams = None
            base = income_currency = "USD"
            rates = ""
        else:
            from giglens_ui.state import data_signature

            facts = _facts(data_signature(), data)
            start, end = _date_range(facts.first, facts.last)
            tracked = (
                f"Hours from {', '.join(label_for(p) for p in sorted(facts.trackers))} always "
                "count, for the platforms chosen here."
                if facts.trackers
                else None
            )
            platforms = _multiselect(
                "Platforms",
                "platforms",
                [p for p in facts.platforms if p not in facts.trackers],
                help=tracked,
            )
            streams = _multiselect(
                "Streams", "streams", [s for s in facts.streams if s not in facts.time_streams]
            )
            from giglens_ui.page import STATED_RATES

            # a currency the files do not hold but rates were stated for (a Ukrainian paid in
            # dollars and euros who reckons in hryvnia) can be shown too
            stated_currencies = {r.currency for r in parse_stated_rates(stored("stated_rates"))[0]}
            base = _select(
                "Show amounts in",
                "base_currency",
                sorted(set(facts.currencies) | stated_currencies),
                facts.default_currency,
                help="Other currencies are converted with the ECB reference rate of each day. "
                "For a currency the ECB does not publish (UAH, NGN, KES...), state its rate "
                f"under “{STATED_RATES}” below: it is then offered here.",
            )
            rates = stated_rates_input(facts.no_ecb_rate, base)
            income_currency = facts.default_currency
        profile = tax_profile_inputs(base, income_currency)
    return Filters(
        start=start,
        end=end,
        platforms=platforms,
        streams=streams,
        base_currency=base,
        tax=profile,
        stated_rates=rates,
    )


def without_ecb_rate(data: pd.DataFrame) -> list[str]:
    """The currencies of `data` some of whose rows have no ECB rate: one the ECB does not
    publish (NGN, KES...), or rows dated after the last rate of one it stopped publishing (the
    rouble after March 2022); not the lev's rows of 2025, which have one."""
    from analytics.currency import last_rate_day

    currency = data["currency"].astype(str).str.strip().str.upper()
    out = []
    for code in sorted(set(distinct_text(currency)) - {""}):
        if published(code):
            continue
        stopped = last_rate_day(code)
        dates = data.loc[(currency == code).to_numpy(), "date"]
        if stopped is None or (dates.dt.normalize() > pd.Timestamp(stopped)).any():
            out.append(code)
    return out


def stated_rates_input(no_ecb_rate: list[str], base: str) -> str:
    """The box for exchange rates the user states, for currencies the ECB publishes no rate
    for (shown when the files hold one, or rates were stated before); returns the text as
    written, read by `analytics.currency.parse_stated_rates`, whose problems are said here."""
    from giglens_ui.page import STATED_RATES

    kept = stored("stated_rates", "") or ""
    example = no_ecb_rate[0] if no_ecb_rate else "UAH"
    per = "USD"  # the rates people quote: a dollar's worth
    rough = ROUGH_PER_USD.get(example, 1550)
    key = _prepare("stated_rates", kept)
    # not needed by the files: folded away, for showing amounts in such a currency
    where = (
        st.container()
        if no_ecb_rate or kept
        else st.expander("Show amounts in a currency the ECB does not publish")
    )
    text = where.text_area(
        STATED_RATES,
        key=key,
        on_change=_save,
        args=("stated_rates",),
        height=90,
        placeholder=f"e.g. 1 {per} = {rough:,} {example}\n1 {per} = {rough:,} {example} "
        "from 2025-06-01",
        help=(
            f"The ECB publishes no rate for {', '.join(no_ecb_rate)}, so GigLens cannot add "
            "amounts in it to the others on its own."
            if no_ecb_rate
            else f"To see your figures in a currency the ECB publishes no rate for ({example}, "
            "NGN, KES...), state its rate: “Show amounts in” then offers it."
        )
        + " Write the rate you were paid at (or your tax office's), one per line: it counts "
        "from the date after “from” (none: from the first day) until the next one. A rate "
        f"against each currency you were paid in (1 USD = {rough:,} {example} and "
        f"1 EUR = … {example}) converts each with its own; otherwise other currencies go "
        "through the ECB's rate to the one you stated. Rows dated before the first rate stay "
        "out of the figures, and say so.",
    )
    rates, problems = parse_stated_rates(text)
    for problem in problems:
        st.caption(f":red[{problem}]")
    if rates:  # read back both ways, so a rate typed the wrong way round shows
        st.caption("Read as: " + "; ".join(stated_words(rates)) + ".")
    for doubt in rate_doubts(rates):
        st.caption(f":orange[{doubt}]")
    stated = {r.currency for r in rates}
    missing = [c for c in no_ecb_rate if c not in stated]
    if missing and not problems:
        st.caption(
            f"No ECB rate for {', '.join(missing)}: its amounts are left out of the figures "
            "in other currencies until you state a rate here."
        )
    return text or ""
