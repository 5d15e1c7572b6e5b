"""The cost of a withdrawal paid out in another currency, measured against the ECB rate of the
day (Payoneer's `Transfer Amount`, Upwork's `Amount in local currency`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analytics.currency import MAX_GAP_DAYS, fx_rate
from analytics.importers.paypal import CONVERSION_COST
from analytics.schema import cents_half_up, to_cents_half_up

if TYPE_CHECKING:
    from analytics.loader import ImportContext

# A "conversion" that lost more than this share of the money is no conversion measured right
# (an amount in the file's currency written as the local one, a display rate): not booked.
IMPLAUSIBLE_SHARE = 0.10


def withdrawal_conversion_costs(
    ctx: ImportContext,
    moved: pd.Series,
    amount: pd.Series,
    currency: pd.Series,
    date: pd.Series,
    common: dict,
    into: pd.Series,
    received: pd.Series,
    platform: str,
    noun: str = "withdrawal(s) in another currency",
) -> pd.Series:
    """What each withdrawal paid out in another currency cost: the amount withdrawn less what
    arrived (`received`, in `into`) valued at the ECB reference rate of the day, emitted as a
    fee row of `platform` ("Currency conversion 550.00 USD to 51,677.92 INR, worth 539.00 USD
    at the ECB reference rate of 2026-09-18": 11.00). Per row, the cost the withdrawal's
    transfer no longer carries (0 elsewhere). An amount received GigLens cannot read (NaN), or
    a day without a rate, leaves the withdrawal whole (said in a warning). `noun` names the
    rows in the warnings (a conversion between two balances of the account is no payout)."""
    paid_out = noun == "withdrawal(s) in another currency"
    none = pd.Series(0.0, index=ctx.frame.index)
    converted = moved & (amount < 0) & (into != "") & (into != currency)
    converted &= converted.index.isin(ctx.pending) & date.notna()
    unread = converted & received.isna()
    if unread.any():
        first = unread.idxmax()
        ctx.warn(
            f"{platform}: the amount received of {int(unread.sum()):,} {noun} could not be read (e.g. {-amount[first]:,.2f} {currency[first]} to "
            f"{into[first]} on {date[first]:%-d %b %Y}): what converting them cost is not "
            "counted as a fee; they count whole."
        )
    rows = converted & (received > 0)
    if not rows.any():
        return none
    costs = pd.Series(0.0, index=ctx.frame.index)
    texts = pd.Series("", index=ctx.frame.index, dtype="object")
    unrated, stale, implausible = [], [], []
    for row in rows.index[rows]:
        found = fx_rate(into[row], currency[row], date[row].date())
        if found is None:
            unrated.append(row)
            continue
        if (date[row].normalize() - pd.Timestamp(found[1])).days > MAX_GAP_DAYS:
            stale.append(row)
        worth = to_cents_half_up(float(received[row]) * found[0])
        cost = to_cents_half_up(-float(amount[row]) - worth)
        if cost <= 0:  # at or above the ECB's rate: a timing difference, not a charge
            continue
        if cost > IMPLAUSIBLE_SHARE * -float(amount[row]):
            # more than a tenth gone: the amount is not what this withdrawal converted into
            implausible.append(row)
            continue
        costs[row] = cost
        texts[row] = (
            f"{CONVERSION_COST}{-amount[row]:,.2f} {currency[row]} to {received[row]:,.2f} "
            f"{into[row]}, worth {worth:,.2f} {currency[row]} at the ECB reference rate of "
            f"{found[1]:%Y-%m-%d}"
        )
    if unrated:
        first = unrated[0]
        ctx.warn(
            (
                f"{platform} paid out {len(unrated)} withdrawal(s) in a currency"
                if paid_out
                else f"{platform}: {len(unrated)} {noun} into a currency"
            )
            + f" or on a day without an ECB reference rate (e.g. {currency[first]} to {into[first]} on "
            f"{date[first]:%-d %b %Y}): what converting them cost is not counted as a fee."
        )
    if implausible:
        first = implausible[0]
        ctx.warn(
            f"{platform}: {len(implausible)} {noun} show an amount "
            f"received more than {IMPLAUSIBLE_SHARE:.0%} below the ECB rate's worth (e.g. "
            f"{-amount[first]:,.2f} {currency[first]} to {received[first]:,.2f} {into[first]} "
            f"on {date[first]:%-d %b %Y}): that is not taken as a conversion cost; it counts "
            "whole."
        )
    charged = costs > 0
    if not charged.any():
        return none
    ctx.emit(
        charged,
        kind="fee",
        gross=0.0,
        fee=costs,
        **(common | {"description": texts, "client": platform}),
    )
    totals = costs[charged].groupby(currency[charged]).sum()
    ctx.warn(
        (
            f"{platform} paid out {int(charged.sum()):,} {noun}"
            if paid_out
            else f"{platform}: {int(charged.sum()):,} {noun}"
        )
        + " at a rate below the ECB reference rate of the day; the difference ("
        + ", ".join(f"{v:,.2f} {k}" for k, v in totals.items())
        + f") counts as {'an' if platform[0] in 'AEIOU' else 'a'} {platform} fee (one 'Currency "
        "conversion' fee row each)."
    )
    if stale := [row for row in stale if charged[row]]:
        ctx.warn(
            f"{platform}: {len(stale)} of the {noun} came after the last day of the ECB rates "
            "GigLens holds: their cost is measured against that day's rate, so it also holds "
            "the market's move since. It is exact once GigLens's rates are updated."
        )
    return costs


def payment_conversion_costs(
    ctx: ImportContext,
    paying: pd.Series,
    credited: pd.Series,
    currency: pd.Series,
    date: pd.Series,
    paid: pd.Series,
    paid_currency: pd.Series,
    platform: str,
) -> tuple[pd.Series, pd.Series]:
    """What converting each payment a customer paid in another currency cost (Stripe's
    `Customer Facing Amount` beside the `Amount` its balance was credited): the amount paid
    valued at the ECB reference rate of the day, in the balance's currency, less the amount
    credited. Per row: the cost (0 where none is measured: the same currency, no rate, a rate at
    or above the ECB's, or more than IMPLAUSIBLE_SHARE lost) and its fee row's description
    ("Currency conversion 500.00 USD to 424.65 EUR, worth 433.31 EUR at the ECB reference rate
    of 2026-09-15")."""
    costs = pd.Series(0.0, index=ctx.frame.index)
    texts = pd.Series("", index=ctx.frame.index, dtype="object")
    other = paying & (paid_currency != "") & (paid_currency != currency) & (paid > 0)
    other &= (credited > 0) & date.notna() & other.index.isin(ctx.pending)
    if not other.any():
        return costs, texts
    rows = other[other].index
    # one rate lookup per currency pair and day; the rows' arithmetic on arrays
    keys = pd.DataFrame(
        {
            "paid_in": paid_currency[rows].to_numpy(),
            "into": currency[rows].to_numpy(),
            "day": date[rows].dt.normalize().to_numpy(),
        },
        index=rows,
    )
    lookups = keys.drop_duplicates()
    found = [fx_rate(a, b, pd.Timestamp(d).date()) for a, b, d in lookups.itertuples(index=False)]
    lookups = lookups.assign(
        rate=[f[0] if f else np.nan for f in found],
        rate_day=[pd.Timestamp(f[1]) if f else pd.NaT for f in found],
    )
    rated = keys.reset_index(names="_row").merge(lookups, on=["paid_in", "into", "day"])
    rated = rated.set_index("_row").reindex(rows)
    has_rate = rated["rate"].notna().to_numpy()
    unrated = list(rows[~has_rate])
    worth = cents_half_up(paid[rows].to_numpy(dtype="float64") * rated["rate"].to_numpy())
    cost = cents_half_up(worth - credited[rows].to_numpy(dtype="float64"))
    with np.errstate(invalid="ignore"):
        charged = has_rate & (cost > 0) & (cost <= IMPLAUSIBLE_SHARE * worth)
    at = rows[charged]
    costs[at] = cost[charged]
    gap = (rated["day"] - rated["rate_day"]).dt.days.to_numpy()
    stale = list(rows[charged & (gap > MAX_GAP_DAYS)])
    if charged.any():
        money = lambda values: pd.Series(values).map("{:,.2f}".format).to_numpy()  # noqa: E731
        texts[at] = (
            CONVERSION_COST
            + money(paid[at].to_numpy(dtype="float64"))
            + " "
            + paid_currency[at].to_numpy(dtype=object)
            + " to "
            + money(credited[at].to_numpy(dtype="float64"))
            + " "
            + currency[at].to_numpy(dtype=object)
            + ", worth "
            + money(worth[charged])
            + " "
            + currency[at].to_numpy(dtype=object)
            + " at the ECB reference rate of "
            + rated.loc[at, "rate_day"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
        )
    if unrated:
        first = unrated[0]
        ctx.warn(
            f"{platform}: {len(unrated):,} payment(s) paid in a currency or on a day without an "
            f"ECB reference rate (e.g. {paid_currency[first]} on {date[first]:%-d %b %Y}): what "
            "converting them cost is not counted as a fee."
        )
    charged = costs > 0
    if charged.any():
        totals = costs[charged].groupby(currency[charged]).sum()
        ctx.warn(
            f"{platform} converted {int(charged.sum()):,} payment(s) your customers paid in "
            "another currency at a rate below the ECB reference rate of the day; the "
            "difference ("
            + ", ".join(f"{v:,.2f} {k}" for k, v in totals.items())
            + f") counts as a {platform} fee (one 'Currency conversion' fee row each), and the "
            "payment as what the customer paid, at the ECB rate."
        )
        if stale:
            ctx.warn(
                f"{platform}: {len(stale):,} of the payment(s) in another currency came after "
                "the last day of the ECB rates GigLens holds: their cost is measured against "
                "that day's rate, so it also holds the market's move since."
            )
    return costs, texts
