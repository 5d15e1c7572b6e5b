"""The user's tax situation, as the dashboard's sidebar collects it."""

from __future__ import annotations

from dataclasses import dataclass

JURISDICTIONS = ("US", "UK", "DE", "flat")
FILING_STATUSES = ("single", "married_joint", "head_of_household")


@dataclass(frozen=True)
class TaxProfile:
    """Inputs of the tax engine that do not come from the transaction table.

    `jurisdiction` is US, UK, DE or flat; `year` the tax year (UK 2025 = 2025/26); `rate` only
    for flat. Amounts are annual, in the jurisdiction's currency (USD, GBP, EUR).
    `w2_wages` are your own wages; `spouse_wages` your spouse's, only on a joint return
    (filing_status "married_joint", US and DE; see `estimate_tax`).
    """

    jurisdiction: str = "US"
    year: int = 2025
    filing_status: str = "single"
    w2_wages: float = 0.0
    other_income: float = 0.0
    deductions: float = 0.0
    rate: float | None = None
    prior_year_tax: float | None = None
    first_year: bool = False  # UK: first year of self-employment (no payments on account yet)
    # US: last year's AGI decides 100% vs 110% of last year's tax (None: judged on this year).
    prior_year_agi: float | None = None
    # DE: the wage tax (Lohnsteuer) withheld last year, which last year's assessment credited:
    # the prepayments are that assessment's tax less it (§37(3) EStG). None: not known (this
    # year's as entered stands in for it, else last year's tariff on the wages).
    prior_year_withholding: float | None = None
    # Tax withheld from wages this year (US/UK). None: assume exactly the tax on the wages
    # alone (yours and your spouse's) is withheld; the tax the profit and the other income
    # cause is still to pay (`TaxEstimate.tax_on_wages`).
    withholding: float | None = None
    spouse_wages: float = 0.0  # last, so positional TaxProfile(...) calls keep their meaning
    # The year's business expenses that no platform file shows (software, equipment...):
    # deducted from the profit the tax is estimated on (`estimate_tax(expenses=...)`).
    expenses: float = 0.0
    # US: how many on the return are 65 or older at the year's end (you; on a joint return also
    # your spouse): a larger standard deduction and, 2025-2028, the senior deduction.
    seniors: int = 0
    # DE: church tax (Kirchensteuer) as a share of the income tax: 0, 0.08 (Bavaria,
    # Baden-Württemberg) or 0.09 (the other states).
    church_tax_rate: float = 0.0
    # UK: a Scottish taxpayer (income tax on Scotland's bands).
    scottish: bool = False
    # UK: the £1,000 trading allowance counted instead of the actual expenses (fees and the
    # expenses entered) when it leaves less profit, as the return lets anyone choose.
    claim_trading_allowance: bool = False
    # Tax already paid for this tax year (estimated payments, payments on account,
    # prepayments): what the year-end notes of `payment_schedule` count as paid during the year
    # when it is more than the schedule's payments.
    paid: float = 0.0
    # The year's miles (DE: kilometres) driven for the work in your own car: deducted at the
    # standard mileage rate beside `expenses`.
    business_miles: float = 0.0
    # US: how many on the return are blind at the year's end: each adds the additional standard
    # deduction, as being 65 or older does (not the senior deduction).
    blind: int = 0
    # UK: paid into personal pensions with relief at source this tax year (net of the 20% the
    # provider claims): widens the basic-rate band.
    relief_at_source: float = 0.0
    # US: whether the business is a specified service trade or business (consulting, law,
    # health...) for the QBI deduction's phase-in; True, the smaller deduction (an upper bound).
    specified_service: bool = True
    # flat rate: a yearly amount of profit the rate does not tax (a country's zero band).
    tax_free: float = 0.0
    # US: W-2 box 5 (Medicare wages), yours and your spouse's, when not box 1 (a 401(k)
    # deferral lowers box 1 only); None: the same as box 1.
    medicare_wages: float | None = None
    spouse_medicare_wages: float | None = None
    # US: the part of `other_income` that is qualified dividends and long-term capital gains
    # (taxed at the capital-gains rates).
    qualified_dividends: float = 0.0
    # flat: the month the tax year begins on the 1st of (India and New Zealand: 4, April;
    # Australia and Pakistan: 7, July); `year` is the calendar year it begins in.
    year_start_month: int = 1
    # flat: the days of the year tax is paid on ("03-15" for 15 March), each a tax year's
    # first such day on or after its start; each instalment an equal part of the year's tax.
    instalment_dates: tuple[str, ...] = ()
    # flat: each instalment the tax on the income up to the end of the month before it, less
    # the instalments before it (Spain's quarterly modelo 130), not an equal part of the year's
    instalments_to_date: bool = False
    # flat, with instalments_to_date: the income counted up to the end of the month before each
    # instalment ("month", Spain's 20 April for January-March) or of the tax year's last
    # quarter ended before it ("quarter": Ukraine's 19 May for January-March)
    instalments_through: str = "month"
    # flat: the rate is on the gross receipts (what clients paid less refunds, before the
    # platforms' fees), not on the profit, and takes no expenses off (the Philippines' 8%).
    flat_on_gross: bool = False

    @property
    def uses_gross(self) -> bool:
        """Whether the tax looks at the gross receipts: the UK's trading allowance, a flat
        rate on gross receipts (`estimate_tax(trading_income=...)`)."""
        return self.jurisdiction == "UK" or (self.jurisdiction == "flat" and self.flat_on_gross)

    @property
    def currency(self) -> str:
        return {"US": "USD", "UK": "GBP", "DE": "EUR"}.get(self.jurisdiction, "USD")
