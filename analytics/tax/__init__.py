"""Tax engine: how much of each payment to set aside, and when tax is due (US, UK, DE, flat).

Every figure is an estimate, not tax advice; parameters live in dated files under `data/`.
"""

from analytics.tax._common import Line
from analytics.tax.errors import CurrencyMismatch, TaxInputError
from analytics.tax.estimate import TaxEstimate, estimate_for_profile, estimate_tax
from analytics.tax.params import TaxParameters, available_years, load_parameters
from analytics.tax.profile import FILING_STATUSES, JURISDICTIONS, TaxProfile
from analytics.tax.reserve import (
    covered_through,
    months_through,
    projected_annual_tax,
    reserve_plan,
    seasonal_projection,
    set_aside_rate,
    tax_year_bounds,
)
from analytics.tax.schedule import (
    payment_schedule,
    set_against_payments,
    uk_payments,
    us_due_dates,
)
from analytics.tax.thresholds import payments_by_platform, thresholds

__all__ = [
    "FILING_STATUSES",
    "JURISDICTIONS",
    "CurrencyMismatch",
    "Line",
    "TaxEstimate",
    "TaxInputError",
    "TaxParameters",
    "TaxProfile",
    "available_years",
    "covered_through",
    "estimate_for_profile",
    "estimate_tax",
    "load_parameters",
    "months_through",
    "payment_schedule",
    "payments_by_platform",
    "projected_annual_tax",
    "seasonal_projection",
    "reserve_plan",
    "set_against_payments",
    "set_aside_rate",
    "tax_year_bounds",
    "thresholds",
    "uk_payments",
    "us_due_dates",
]
