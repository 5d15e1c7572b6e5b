"""Generate GigLens's demo files: 18 months (June 2024 - November 2025) of one made-up persona.

Maya Ortiz (fictional) lives in Portland, Oregon. She does MTurk HITs in spare hours, freelance
data work on Upwork and for direct clients who pay PayPal invoices, and sells paper goods on Etsy.
Every file is written in its platform's real layout (../shared/reference/export-formats.md): the
exact header, byte-order mark, quoting, date and amount style of the real download.

Run `python -m sample_data.generate` from the repository root; the output is byte-for-byte
reproducible (one seeded `random.Random`, integer cents, no clock). The demo loads
`demo_files()`: everything here except the template, and nothing from `extra/` (the Upwork
Weekly Summary repeats the transaction history's earnings; it is kept there to show the layout).
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from analytics.importers.generic import TEMPLATE_COLUMNS

SEED = 20240601
FIRST_DAY = date(2024, 6, 1)
LAST_DAY = date(2025, 11, 30)
PERSONA = "Maya Ortiz"
EMAIL = "maya.ortiz@example.com"
HERE = Path(__file__).resolve().parent
BOM = "\ufeff"

TEMPLATE_NAME = "giglens_template.csv"
EXTRA_DIR = "extra"

# ---------------------------------------------------------------------------------------------
# small helpers (money is integer cents everywhere)


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (both positive): the platforms' cent rounding."""
    return (2 * numerator + denominator) // (2 * denominator)


def plain(cents: int, thousands: bool = False) -> str:
    """-1234 -> '-12.34'; with `thousands`, 123456 -> '1,234.56'."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    whole_text = f"{whole:,}" if thousands else str(whole)
    return f"{sign}{whole_text}.{part:02d}"


def dollars(cents: int) -> str:
    """Etsy style: minus before the symbol, '-$1.44', '$1,245.60'."""
    sign = "-" if cents < 0 else ""
    return f"{sign}${plain(abs(cents), thousands=True)}"


def short_number(value: float) -> str:
    """Weekly Summary style: '16.5', '15', '0.25' (no trailing zeros)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return text or "0"


def months() -> list[tuple[int, int]]:
    """(year, month) from FIRST_DAY to LAST_DAY inclusive."""
    out, y, m = [], FIRST_DAY.year, FIRST_DAY.month
    while (y, m) <= (LAST_DAY.year, LAST_DAY.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def days(start: date, end: date) -> Iterator[date]:
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def is_us_dst(d: date) -> bool:
    """US daylight time: second Sunday of March to first Sunday of November."""
    march = date(d.year, 3, 8)
    start = march + timedelta(days=(6 - march.weekday()) % 7)
    november = date(d.year, 11, 1)
    end = november + timedelta(days=(6 - november.weekday()) % 7)
    return start <= d < end


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    bom: bool = False,
    quote_all: bool = False,
    quote_header: bool = True,
    trailing_newline: bool = True,
) -> None:
    """Write rows as the platform does: optional BOM, all-quoted or minimal quoting, LF ends."""
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    if quote_header:
        csv.writer(buffer, quoting=quoting, lineterminator="\n").writerow(header)
    else:
        buffer.write(",".join(header) + "\n")
    csv.writer(buffer, quoting=quoting, lineterminator="\n").writerows(rows)
    text = buffer.getvalue()
    if not trailing_newline:
        text = text.rstrip("\n")
    path.write_bytes(((BOM if bom else "") + text).encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# freelance work: hours per day for hourly contracts (shared by Upwork, Toggl and Weekly Summary)


@dataclass(frozen=True)
class Contract:
    contract_id: str
    title: str
    client: str
    rate_cents: int  # 0 for fixed-price contracts
    periods: tuple[tuple[date, date], ...] = ()


BRIGHTLINE = Contract(
    "38412907",
    "Weekly sales dashboard upkeep",
    "Brightline Analytics",
    3500,
    ((date(2024, 6, 3), date(2024, 12, 22)), (date(2025, 2, 3), date(2025, 6, 29))),
)
NORTHWIND = Contract(
    "39120544",
    "Python scraper maintenance",
    "Northwind Research",
    4500,
    ((date(2025, 5, 5), date(2025, 7, 27)), (date(2025, 9, 1), date(2025, 11, 23))),
)
HOURLY_CONTRACTS = (BRIGHTLINE, NORTHWIND)

HARBOR = Contract("38655120", "Shopify product data cleanup", "Harbor & Pine Goods", 0)
ALDER = Contract("39877301", "Patient survey analysis in Excel", "Alder Street Clinic", 0)
KESTREL = Contract("40215566", "Google Sheets rent-roll automation", "Kestrel Property Group", 0)

# (date paid, contract, amount in cents, milestone text)
MILESTONES = [
    (date(2024, 7, 18), HARBOR, 25000, "Milestone 1: Product data audit"),
    (date(2024, 9, 12), HARBOR, 40000, "Milestone 2: Clean and re-import 1,200 products"),
    (date(2025, 3, 20), ALDER, 60000, "Milestone 1: Survey cleaning and summary tables"),
    (date(2025, 4, 24), ALDER, 35000, "Milestone 2: Charts and short report"),
    (date(2025, 10, 9), KESTREL, 35000, "Milestone 1: Rent-roll template with formulas"),
    (date(2025, 11, 13), KESTREL, 50000, "Milestone 2: Apps Script monthly import"),
]
BONUSES = [
    (date(2024, 12, 23), BRIGHTLINE, 5000, "Holiday bonus - thank you for a great year!"),
    (date(2025, 9, 29), NORTHWIND, 7500, "Thanks for the quick fix on the login change"),
]


def hourly_work(rng: random.Random) -> dict[tuple[date, str], float]:
    """Hours worked per (day, contract id), in quarter hours, on weekdays of active periods."""
    work: dict[tuple[date, str], float] = {}
    for contract in HOURLY_CONTRACTS:
        for start, end in contract.periods:
            for d in days(start, end):
                if d.weekday() >= 5 or rng.random() > 0.5:
                    continue
                work[(d, contract.contract_id)] = rng.randint(3, 12) / 4
    return work


def weekly_invoices(
    work: dict[tuple[date, str], float],
) -> list[tuple[date, Contract, date, float]]:
    """(Monday billed, contract, week start, hours) for each week with hours."""
    weeks: dict[tuple[date, str], float] = {}
    for (d, cid), hours in work.items():
        monday = d - timedelta(days=d.weekday())
        weeks[(monday, cid)] = weeks.get((monday, cid), 0.0) + hours
    by_id = {c.contract_id: c for c in HOURLY_CONTRACTS}
    return [
        (monday + timedelta(days=7), by_id[cid], monday, hours)
        for (monday, cid), hours in sorted(weeks.items())
    ]


# ---------------------------------------------------------------------------------------------
# Upwork transaction history (20-column layout of November 2025)

UPWORK_HEADER = [
    "Date",
    "Transaction ID",
    "Transaction Type",
    "Transaction Summary",
    "Transaction Summary Details",
    "Description 1",
    "Description 2",
    "Description 3",
    "Entered Description",
    "Agency",
    "Freelancer",
    "Team",
    "Account Name",
    "PO",
    "Ref ID",
    "Amount $",
    "Amount in local currency",
    "Currency",
    "Current Balance $",
    "Payment Method",
]
CONNECTS = [
    (date(2024, 6, 4), 40),
    (date(2024, 8, 6), 40),
    (date(2025, 1, 14), 80),
    (date(2025, 4, 8), 40),
    (date(2025, 8, 12), 80),
]
SUBSCRIPTION_MONTHS = [m for m in months() if m >= (2025, 3)]
BANK = "Direct to U.S. Bank (ACH)"
BANK_LAST4 = "xxxx-4821"
UPWORK_OPENING_BALANCE = 6240  # left over from before June 2024 (outside the export)


def upwork_events(work) -> list[dict]:
    """Chronological Upwork events (without balance/ids); amounts in cents, signed."""
    events: list[dict] = []

    def earning(day, kind, contract, cents, summary, entered=""):
        events.append(
            dict(
                day=day,
                type=kind,
                summary=summary,
                details="",
                contract=contract,
                entered=entered,
                cents=cents,
                fee_for=None,
            )
        )
        fee = half_up(cents, 10)  # Upwork's 10% service fee, a separate row
        events.append(
            dict(
                day=day,
                type="Service Fee",
                summary=f"Service Fee for {kind}",
                details="10% service fee",
                contract=contract,
                entered="",
                cents=-fee,
                fee_for=events[-1],
            )
        )

    for billed, contract, monday, hours in weekly_invoices(work):
        sunday = monday + timedelta(days=6)
        cents = round(hours * contract.rate_cents)
        summary = f"Invoice for {monday:%m/%d/%Y}-{sunday:%m/%d/%Y}"
        earning(billed, "Hourly", contract, cents, summary)
    for day, contract, cents, text in MILESTONES:
        earning(day, "Fixed-price", contract, cents, f"Invoice for {text}", entered=text)
    for day, contract, cents, text in BONUSES:
        earning(day, "Bonus", contract, cents, "Bonus", entered=text)
    for day, count in CONNECTS:
        events.append(
            dict(
                day=day,
                type="Connects",
                summary="Fees for additional connects",
                details=f"{count} Connects",
                contract=None,
                entered="",
                cents=-15 * count,
                fee_for=None,
            )
        )
    for y, m in SUBSCRIPTION_MONTHS:
        events.append(
            dict(
                day=date(y, m, 5),
                type="Subscription",
                summary="Fees for Freelancer Plus membership",
                details="Freelancer Plus - monthly",
                contract=None,
                entered="",
                cents=-1999,
                fee_for=None,
            )
        )
    events.sort(key=lambda e: (e["day"], e["type"] == "Service Fee"))
    return events


def with_withdrawals(events: list[dict]) -> list[dict]:
    """Insert a `Payment` (withdrawal) on the 1st and 16th when $100+ can go, keeping a $50 float."""
    out: list[dict] = []
    balance = UPWORK_OPENING_BALANCE
    paydays = sorted(
        {date(y, m, d) for y, m in months() for d in (1, 16)} | {LAST_DAY}
    )  # withdrawal dates
    pending = list(events)
    for payday in paydays:
        while pending and pending[0]["day"] < payday:
            event = pending.pop(0)
            balance += event["cents"]
            out.append(event)
        amount = (balance - 5000) // 10000 * 10000
        if amount >= 10000:
            balance -= amount
            to_paypal = payday.year == 2025 and payday.day == 16  # mid-month: to PayPal
            out.append(
                dict(
                    day=payday,
                    type="Payment",
                    summary=f"Payment to PayPal: {EMAIL}"
                    if to_paypal
                    else f"Payment to {BANK}: {BANK_LAST4}",
                    details="",
                    contract=None,
                    entered="",
                    cents=-amount,
                    fee_for=None,
                )
            )
    out.extend(pending)
    return out


def upwork_rows(events: list[dict], rng: random.Random) -> list[list[str]]:
    """Rows newest first, with Transaction IDs and the running `Current Balance $`."""
    rows, balance, next_id = [], UPWORK_OPENING_BALANCE, 812_400_000
    for event in events:
        next_id += rng.randint(40, 9000)
        event["id"] = next_id
        balance += event["cents"]
        if balance < 0:
            raise AssertionError(f"Upwork balance below zero on {event['day']}")
        contract = event["contract"]
        ref = str(event["fee_for"]["id"]) if event["fee_for"] is not None else ""
        summary = event["summary"] + (f" - Ref ID {ref}" if ref else "")
        rows.append(
            [
                f"{event['day']:%b} {event['day'].day}, {event['day'].year}",
                str(next_id),
                event["type"],
                summary,
                event["details"],
                contract.title if contract else "",
                "",
                "",
                event["entered"],
                "",
                PERSONA,
                contract.client if contract else "",
                PERSONA,
                "",
                ref or str(next_id),
                plain(event["cents"]),
                plain(event["cents"]),
                "USD",
                plain(balance),
                BANK if event["type"] == "Payment" else "",
            ]
        )
    return rows[::-1]


def weekly_summary_rows(work) -> list[list[str]]:
    """Upwork Weekly Summary: hours and gross amount per contract per day, oldest first."""
    by_id = {c.contract_id: c for c in HOURLY_CONTRACTS}
    rows = []
    for (d, cid), hours in work.items():
        c = by_id[cid]
        cents = round(hours * c.rate_cents)
        rows.append((d, 0, [d.isoformat(), f"{c.title} ({cid})", short_number(hours),
                            short_number(cents / 100), ""]))  # fmt: skip
    for d, c, cents, _ in MILESTONES:
        rows.append((d, 1, [d.isoformat(), f"{c.title} ({c.contract_id})", "",
                            short_number(cents / 100), "Fixed Price Payment"]))  # fmt: skip
    for d, c, cents, _ in BONUSES:
        rows.append((d, 2, [d.isoformat(), f"{c.title} ({c.contract_id})", "",
                            short_number(cents / 100), "Bonus"]))  # fmt: skip
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1], r[2][1]))]


# ---------------------------------------------------------------------------------------------
# PayPal activity download (a 20-column subset of the 41 default columns, every cell quoted)

PAYPAL_HEADER = [
    "Date",
    "Time",
    "TimeZone",
    "Name",
    "Type",
    "Status",
    "Currency",
    "Gross",
    "Fee",
    "Net",
    "From Email Address",
    "To Email Address",
    "Transaction ID",
    "Item Title",
    "Reference Txn ID",
    "Invoice Number",
    "Balance",
    "Subject",
    "Note",
    "Balance Impact",
]


@dataclass(frozen=True)
class DirectClient:
    name: str
    email: str
    currency: str


CEDAR = DirectClient("Cedar Lane Dental", "accounts@cedarlane-dental.example", "USD")
OKAFOR = DirectClient("Okafor Design Studio", "ada@okafor-design.example", "USD")
VOGEL = DirectClient("Studio Vogel GmbH", "rechnung@studio-vogel.example", "EUR")
RAMIREZ = DirectClient("Ramirez Family Bakery", "hello@ramirezbakery.example", "USD")
CEDAR_RATE_CENTS = 5000  # Cedar Lane is billed by the hour

# (date, client, amount cents or None for Cedar's hourly invoices, project)
PROJECTS = [
    (date(2024, 7, 11), OKAFOR, 185000, "Client portal analytics setup"),
    (date(2024, 10, 17), OKAFOR, 240000, "Quarterly marketing data pipeline"),
    (date(2024, 11, 21), VOGEL, 90000, "Web-shop sales report (EUR)"),
    (date(2025, 2, 13), RAMIREZ, 48000, "Point-of-sale export clean-up"),
    (date(2025, 3, 27), OKAFOR, 120000, "Dashboard refresh"),
    (date(2025, 4, 10), VOGEL, 110000, "Inventory forecast workbook (EUR)"),
    (date(2025, 6, 19), OKAFOR, 315000, "Customer churn analysis"),
    (date(2025, 10, 23), OKAFOR, 165000, "Campaign attribution report"),
]
CONVERSION_RATES = {date(2024, 11, 21): (10218, 10000), date(2025, 4, 10): (10841, 10000)}


def cedar_hours(rng: random.Random) -> dict[tuple[int, int], list[tuple[date, float]]]:
    """Bookkeeping-report hours for Cedar Lane per month (September 2024 on), billed next month."""
    out = {}
    for y, m in months():
        if (y, m) < (2024, 9) or (y, m) >= (2025, 11):
            continue
        workdays = [d for d in days(date(y, m, 1), month_end(y, m)) if d.weekday() < 5]
        picked = sorted(rng.sample(workdays, rng.randint(3, 5)))
        out[(y, m)] = [(d, rng.randint(6, 12) / 4) for d in picked]
    return out


def paypal_fee(cents: int, currency: str) -> int:
    """Invoice fee: 3.49% + $0.49 (USD); international EUR 3.49% + 1.50% + EUR 0.39."""
    if currency == "USD":
        return half_up(cents * 349, 10000) + 49
    return half_up(cents * 499, 10000) + 39


def project_hours(amount_cents: int, rng: random.Random) -> float:
    """Hours spent on a fixed-price project: roughly amount / $55, in quarter hours."""
    return round(amount_cents / 5500 * rng.uniform(0.8, 1.25) * 4) / 4


def paypal_events(cedar, rng: random.Random) -> list[dict]:
    """Chronological PayPal events: invoice payments, refund, conversions, holds, withdrawals."""
    events: list[dict] = []
    invoice_no = 1040

    def add(day, after=None, **fields):
        fields.setdefault("fee", 0)
        fields.setdefault("status", "Completed")
        fields.setdefault("impact", "Credit" if fields["gross"] > 0 else "Debit")
        fields.setdefault("ref", "")
        fields.setdefault("invoice", "")
        fields.setdefault("subject", "")
        fields.setdefault("item", "")
        fields.setdefault("name", "")
        fields.setdefault("from_email", "")
        fields.setdefault("to_email", "")
        fields.setdefault("note", "")
        minutes = rng.randint(7 * 60, 20 * 60)
        if after is not None and after["day"] == day:
            # A linked row (hold, conversion) follows its payment within minutes.
            h, mi, _ = (int(x) for x in after["time"].split(":"))
            minutes = h * 60 + mi + rng.randint(1, 20)
        fields["time"] = f"{minutes // 60:02d}:{minutes % 60:02d}:{rng.randint(0, 59):02d}"
        fields["day"] = day
        fields["id"] = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(17))
        events.append(fields)
        return fields

    payments = []
    for (y, m), entries in cedar.items():
        hours = sum(h for _, h in entries)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        payments.append(
            (date(ny, nm, rng.randint(3, 8)), CEDAR, round(hours * CEDAR_RATE_CENTS),
             f"Bookkeeping reports {calendar.month_name[m]} {y} ({short_number(hours)} h)")
        )  # fmt: skip
    payments += PROJECTS
    for day, client, cents, project in sorted(payments, key=lambda p: p[0]):
        invoice_no += 1
        fee = paypal_fee(cents, client.currency)
        pay = add(
            day,
            name=client.name,
            type="Website Payment",
            currency=client.currency,
            gross=cents,
            fee=-fee,
            from_email=client.email,
            to_email=EMAIL,
            item=project,
            invoice=str(invoice_no),
            subject=f"Payment to {PERSONA} for invoice {invoice_no}",
        )
        if client is OKAFOR and day == date(2024, 7, 11):
            # A first large payment from a new client: held for review, released 5 days later.
            add(day, pay, name=client.name, type="Payment Hold", currency="USD", gross=-(cents - fee),
                ref=pay["id"], status="Completed")  # fmt: skip
            add(day + timedelta(days=5), name=client.name, type="Payment Release",
                currency="USD", gross=cents - fee, ref=pay["id"])  # fmt: skip
        if client is RAMIREZ:
            # The bakery paid the whole quote but part of the work was dropped: $80 refunded.
            add(day + timedelta(days=1), name=client.name, type="Payment Refund", currency="USD",
                gross=-8000, to_email=client.email, from_email=EMAIL, ref=pay["id"],
                note="Refund for the dropped menu-pricing sheet")  # fmt: skip
        if client.currency == "EUR":
            euros = cents - fee
            rate_num, rate_den = CONVERSION_RATES[day]
            usd = half_up(euros * rate_num, rate_den)
            leg = add(day, pay, type="General Currency Conversion", currency="EUR",
                      gross=-euros, ref=pay["id"])  # fmt: skip
            add(day, leg, type="General Currency Conversion", currency="USD", gross=usd,
                ref=pay["id"])  # fmt: skip
    # A software trial authorisation that was voided: Memo rows, no money moved.
    add(date(2025, 1, 9), name="Tableau Software", type="General Authorization", currency="USD",
        gross=-7000, impact="Memo", status="Pending", item="Tableau Creator trial")  # fmt: skip
    add(date(2025, 1, 12), name="Tableau Software", type="Void of Authorization", currency="USD",
        gross=7000, impact="Memo", item="Tableau Creator trial")  # fmt: skip
    events.sort(key=lambda e: (e["day"], e["time"]))
    return with_paypal_withdrawals(events, rng)


def with_paypal_withdrawals(events: list[dict], rng: random.Random) -> list[dict]:
    """Withdraw the whole USD balance to the bank 2-4 days after it reaches $500."""
    out, balance, due = [], 0, None
    for event in events + [None]:
        day = event["day"] if event else LAST_DAY + timedelta(days=1)
        if due is not None and due < day and balance < 50000:
            due = None  # a hold took the money back: nothing to withdraw yet
        if due is not None and due < day:
            out.append(
                dict(
                    day=due,
                    time=f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00",
                    id="".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(17)),
                    name="",
                    type="General Withdrawal",
                    status="Completed",
                    currency="USD",
                    gross=-balance,
                    fee=0,
                    from_email=EMAIL,
                    to_email="",
                    item="",
                    ref="",
                    invoice="",
                    subject="",
                    note="",
                    impact="Debit",
                )
            )
            balance, due = 0, None
        if event is None:
            break
        out.append(event)
        if event["currency"] == "USD" and event["impact"] != "Memo":
            balance += event["gross"] + event["fee"]
            if balance >= 50000 and due is None:
                due = min(event["day"] + timedelta(days=rng.randint(2, 4)), LAST_DAY)
    return out


def with_upwork_arrivals(events: list[dict], upwork: list[dict]) -> list[dict]:
    """PayPal events plus the Upwork withdrawals that went to PayPal: each arrives two days later
    as a payment from Upwork Escrow Inc. and is moved on to the bank the same day, so the
    balance and every other row stay as they were. Their own random source: the rest of the
    sample data does not change."""
    rng = random.Random(SEED + 1)
    added = []
    for sent in upwork:
        if sent["type"] != "Payment" or "PayPal" not in sent["summary"]:
            continue
        day, cents = sent["day"] + timedelta(days=2), -sent["cents"]
        common = dict(
            day=day, status="Completed", currency="USD", fee=0, item="", ref="", invoice="",
            note="",
        )  # fmt: skip
        arrival = dict(
            common,
            time=f"{rng.randint(6, 7):02d}:{rng.randint(0, 59):02d}:00",
            id="".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(17)),
            name="Upwork Escrow Inc.",
            type="General Payment",
            gross=cents,
            from_email="billing@upwork.com",
            to_email=EMAIL,
            subject="Upwork withdrawal",
            impact="Credit",
        )
        onward = dict(
            common,
            time=f"{rng.randint(21, 22):02d}:{rng.randint(0, 59):02d}:00",
            id="".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(17)),
            name="",
            type="General Withdrawal",
            gross=-cents,
            from_email=EMAIL,
            to_email="",
            subject="",
            impact="Debit",
        )
        added += [arrival, onward]
    return sorted(events + added, key=lambda e: (e["day"], e["time"]))


def paypal_rows(events: list[dict]) -> list[list[str]]:
    balances: dict[str, int] = {}
    rows = []
    for e in events:
        if e["impact"] != "Memo":
            balances[e["currency"]] = balances.get(e["currency"], 0) + e["gross"] + e["fee"]
        d = e["day"]
        rows.append(
            [
                f"{d.month}/{d.day}/{d.year}",
                e["time"],
                "PDT" if is_us_dst(d) else "PST",
                e["name"],
                e["type"],
                e["status"],
                e["currency"],
                plain(e["gross"], thousands=True),
                plain(e["fee"], thousands=True),
                plain(e["gross"] + e["fee"], thousands=True),
                e["from_email"],
                e["to_email"],
                e["id"],
                e["item"],
                e["ref"],
                e["invoice"],
                plain(balances.get(e["currency"], 0), thousands=True),
                e["subject"],
                e["note"],
                e["impact"],
            ]
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Toggl Track detailed report: the hours behind the freelance income (kind `time`, no money)

TOGGL_HEADER = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount ()",
]


def toggl_entries(work, cedar, rng: random.Random) -> list[tuple]:
    """(day, start minutes, hours, client, project, description, billable) per time entry."""
    entries = []
    by_id = {c.contract_id: c for c in HOURLY_CONTRACTS}
    for (d, cid), hours in work.items():
        c = by_id[cid]
        entries.append((d, hours, c.client, c.title, "Upwork hourly contract", "Yes"))
    for entries_in_month in cedar.values():
        for d, hours in entries_in_month:
            entries.append((d, hours, CEDAR.name, "Monthly bookkeeping reports", "Reports", "Yes"))
    for paid, client, cents, project in PROJECTS:
        total = project_hours(cents, rng)
        sessions = max(2, round(total / 3))
        workdays = [
            d for d in days(paid - timedelta(days=30), paid - timedelta(days=2)) if d.weekday() < 5
        ]
        picked = sorted(rng.sample(workdays, sessions))
        quarter_hours = round(total * 4)
        for i, d in enumerate(picked):
            share = quarter_hours // sessions + (1 if i < quarter_hours % sessions else 0)
            entries.append((d, share / 4, client.name, project, "Project work", "Yes"))
    for d, count in CONNECTS:
        # Unpaid time: writing Upwork proposals after buying Connects.
        for offset in range(count // 40 + 1):
            day = d + timedelta(days=offset)
            entries.append((day, rng.randint(2, 6) / 4, "", "Admin", "Upwork proposals", "No"))
    out, next_start = [], {}
    for d, hours, client, project, description, billable in sorted(entries):
        # Entries of one day follow each other with a short break.
        start = next_start.get(d, rng.choice([8 * 60 + 30, 9 * 60, 9 * 60 + 30]))
        next_start[d] = start + round(hours * 60) + rng.choice([15, 30, 45])
        out.append((d, start, hours, client, project, description, billable))
    return out


def toggl_rows(entries) -> list[list[str]]:
    rows = []
    for d, start, hours, client, project, description, billable in entries:
        end = start + round(hours * 60)
        duration = round(hours * 60)
        rows.append(
            [
                PERSONA,
                EMAIL,
                client,
                project,
                "",
                description,
                billable,
                d.isoformat(),
                f"{start // 60:02d}:{start % 60:02d}:00",
                d.isoformat(),
                f"{end // 60:02d}:{end % 60:02d}:00",
                f"{duration // 60:02d}:{duration % 60:02d}:00",
                "",
                "",
            ]
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Etsy monthly statements (current header, one file per month)

ETSY_HEADER = [
    "Date",
    "Type",
    "Title",
    "Info",
    "Currency",
    "Amount",
    "Fees & Taxes",
    "Net",
    "Tax Details",
]
# (title as Etsy writes it, listing id, price in cents, months it sells in or None for all)
ETSY_ITEMS = [
    ("Botanical greeting card set, 6 pack", "1456789012", 1800, None),
    ("&quot;Hello Autumn&quot; greeting card", "1462205518", 550, (9, 10, 11)),
    ("Fox and fern vinyl sticker", "1471930044", 400, None),
    ("Winter solstice card bundle", "1480012377", 2400, (11, 12, 1)),
    ("Custom pet portrait card", "1495521806", 3200, None),
]
# Orders per month: quiet summer, busy autumn, a holiday peak, vacation mode in February 2025.
ETSY_ORDERS = {
    (2024, 6): 6, (2024, 7): 5, (2024, 8): 7, (2024, 9): 10, (2024, 10): 13, (2024, 11): 28,
    (2024, 12): 36, (2025, 1): 6, (2025, 2): 0, (2025, 3): 5, (2025, 4): 6, (2025, 5): 8,
    (2025, 6): 6, (2025, 7): 5, (2025, 8): 7, (2025, 9): 11, (2025, 10): 14, (2025, 11): 31,
}  # fmt: skip
ETSY_REFUND_MONTH = (2025, 1)


def etsy_date(d: date) -> str:
    return f"{calendar.month_name[d.month]} {d.day}, {d.year}"


def etsy_month(y: int, m: int, balance: int, rng: random.Random) -> tuple[list[list[str]], int]:
    """One monthly statement's rows (oldest first) and the balance carried to the next month."""
    events: list[tuple[date, int, list[str], int]] = []  # (day, order, row, net cents)

    def row(d, kind, title, info, amount, fees, seq=0):
        net = (amount or 0) + (fees or 0)
        cells = [
            etsy_date(d),
            kind,
            title,
            info,
            "USD",
            dollars(amount) if amount is not None else "--",
            dollars(fees) if fees is not None else "--",
            dollars(net) if (amount is not None or fees is not None) else "--",
            "--",
        ]
        events.append((d, seq, cells, net))

    last = month_end(y, m)
    if (y, m) == (2025, 2):
        # Vacation mode: no sales; three listings renewed on reopening day.
        for _, listing, _, _ in ETSY_ITEMS[:3]:
            row(last, "Fee", "Listing fee", f"Listing #{listing}", None, -20, seq=1)
    else:
        for item in rng.sample(ETSY_ITEMS, rng.randint(1, 2)):  # listings renewed on the 1st
            row(date(y, m, 1), "Fee", "Listing fee", f"Listing #{item[1]}", None, -20)
    sellable = [item for item in ETSY_ITEMS if item[3] is None or m in item[3]]
    weights = [3 if item[3] else 2 for item in sellable]
    refunded = False
    for i in range(ETSY_ORDERS[(y, m)]):
        title, listing, price, _ = rng.choices(sellable, weights)[0]
        if (y, m) == ETSY_REFUND_MONTH and i == 0:
            title, listing, price, _ = ETSY_ITEMS[3]  # the bundle that arrives damaged
        quantity = 2 if rng.random() < 0.15 else 1
        amount = price * quantity
        d = date(y, m, rng.randint(1, last.day))
        order = f"Order #{rng.randint(3_300_000_000, 3_899_999_999)}"
        processing = half_up(amount * 3, 100) + 25  # 3% + $0.25, in the sale row
        transaction = half_up(amount * 65, 1000)  # 6.5% transaction fee row
        row(d, "Sale", f"Payment for {order}", "", amount, -processing, seq=1)
        row(d, "Fee", f"Transaction fee: {title}", f"Listing #{listing}", None, -transaction, 2)
        row(d, "Fee", "Listing fee", f"Listing #{listing}", None, -20 * quantity, 3)
        if (y, m) == ETSY_REFUND_MONTH and not refunded and price == 2400:
            # A damaged bundle: full refund; Etsy credits back its transaction fee.
            refunded = True
            back = d + timedelta(days=4)
            if back > last:
                back = last
            row(back, "Refund", f"Refund to buyer for {order}", "", -amount, processing, 4)
            row(back, "Fee", f"Credit for transaction fee: {title}", f"Listing #{listing}",
                None, transaction, 5)  # fmt: skip
    if ETSY_ORDERS[(y, m)]:
        ads_days = 4 if m in (11, 12) else 2
        for i in range(ads_days):
            d = date(y, m, min(last.day, 7 * (i + 1)))
            row(d, "Marketing", "Etsy Ads", "", None, -rng.randint(150, 650), 6)
    events.sort(key=lambda e: (e[0], e[1]))
    rows = []
    for _, _, cells, net in events:
        balance += net
        rows.append(cells)
    if (y, m) == (2024, 12):
        # Holiday peak: an extra mid-month deposit.
        mid = [i for i, (d, *_) in enumerate(events) if d.day <= 15]
        mid_balance = balance - sum(net for d, _, _, net in events if d.day > 15)
        cut = (mid[-1] + 1) if mid else 0
        rows.insert(cut, etsy_deposit(date(y, m, 15), mid_balance))
        balance -= mid_balance
    if balance > 0:
        rows.append(etsy_deposit(last, balance))
        balance = 0
    return rows, balance


def etsy_deposit(d: date, cents: int) -> list[str]:
    return [etsy_date(d), "Deposit", f"{dollars(cents)} sent to your bank account", "", "USD",
            "--", "--", "--", "--"]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# MTurk: a HIT log CSV (June 2024 - October 2025) and the dashboard JSON (November 2025)

MTURK_HEADER = ["Date", "Requester", "Title", "Reward", "State"]
# (requester, title, reward range in cents, weight)
HIT_TYPES = [
    ("Receipt Hub", "Transcribe a grocery receipt", (5, 12), 5),
    ("ProductLens", "Categorize 10 product images", (10, 25), 4),
    ("Social Signals Lab", "Tag the sentiment of 20 short posts", (15, 40), 3),
    ("Decision Science Lab", "Academic survey on everyday choices (~10 min)", (100, 250), 4),
    ("Panel Insights", "5-minute survey about shopping habits", (50, 120), 4),
    ("Voice Data Co", "Transcribe a 1-minute audio clip", (60, 90), 2),
    ("LeadFinder", "Find the official website of a company", (5, 10), 3),
]
CSV_EXPORTED = date(2025, 11, 3)  # the day the HIT log was saved


def mturk_hits(rng: random.Random, start: date, end: date) -> list[tuple[date, int, int]]:
    """(day, hit type index, reward cents) for HITs done between start and end."""
    hits = []
    for d in days(start, end):
        busy_season = d.month in (11, 12)  # Etsy orders leave little time for HITs
        chance = 0.18 if busy_season else (0.45 if d.month in (1, 2) else 0.32)
        # The last evening before the HIT log was saved always has work (still Pending).
        if rng.random() > chance and d != CSV_EXPORTED - timedelta(days=4):
            continue
        for _ in range(rng.randint(2, 6)):
            kind = rng.choices(range(len(HIT_TYPES)), [t[3] for t in HIT_TYPES])[0]
            low, high = HIT_TYPES[kind][2]
            hits.append((d, kind, rng.randint(low, high)))
    return hits


def mturk_state(d: date, rng: random.Random, as_of: date) -> str:
    """Rejected now and then; otherwise Pending under 6 days old, Approved under 13, then Paid."""
    age = (as_of - d).days
    if rng.random() < 0.03:
        return "Rejected"
    if age < 6:
        return "Pending"
    if age < 13:
        return "Approved"
    return "Paid"


def mturk_csv_rows(rng: random.Random) -> tuple[list[list[str]], list[tuple[date, str, int]]]:
    """CSV rows and (day, state, cents) for the dashboard's totals."""
    rows, log = [], []
    for d, kind, cents in mturk_hits(rng, FIRST_DAY, date(2025, 10, 31)):
        state = mturk_state(d, rng, CSV_EXPORTED)
        requester, title, _, _ = HIT_TYPES[kind]
        rows.append([d.isoformat(), requester, title, plain(cents), state])
        log.append((d, state, cents))
    return rows, log


def mturk_dashboard(rng: random.Random, history: list[tuple[date, str, int]]) -> dict:
    """worker.mturk.com/dashboard?format=json as saved on 1 December 2025 (daily stats for November)."""
    saved = date(2025, 12, 1)
    daily = []
    by_day: dict[date, list[tuple[str, int]]] = {}
    for d, _, cents in mturk_hits(rng, date(2025, 11, 1), date(2025, 11, 30)):
        by_day.setdefault(d, []).append((mturk_state(d, rng, saved), cents))
    bonuses_total = 0
    approved_count = rejected_count = pending_count = 0
    monthly: dict[str, int] = {}
    for d, state, cents in history:
        # By 1 December the HIT log's October `Pending` HITs have all been approved.
        if state in ("Paid", "Approved", "Pending"):
            approved_count += 1
            key = f"{d:%Y-%m}"
            monthly[key] = monthly.get(key, 0) + cents
        rejected_count += state == "Rejected"
    recent_earnings = 0
    for d in sorted(by_day):
        hits = by_day[d]
        approved = [c for s, c in hits if s in ("Paid", "Approved")]
        bonus = rng.choice([0, 0, 0, 25, 50, 100])
        earnings = sum(approved) + bonus
        bonuses_total += bonus
        approved_count += len(approved)
        rejected_count += sum(s == "Rejected" for s, _ in hits)
        pending_count += sum(s == "Pending" for s, _ in hits)
        monthly["2025-11"] = monthly.get("2025-11", 0) + earnings
        if (saved - d).days <= 3:
            recent_earnings += earnings
        daily.append(
            {
                "date": d.isoformat(),
                "submitted": len(hits),
                "approved": len(approved),
                "rejected": sum(s == "Rejected" for s, _ in hits),
                "pending": sum(s == "Pending" for s, _ in hits),
                "hits_rewards": sum(approved) / 100,
                "bonus_rewards": bonus / 100,
                "earnings": earnings / 100,
            }
        )
    daily.reverse()  # the dashboard lists the newest day first
    total = sum(monthly.values())
    yearly: dict[str, int] = {}
    quarterly: dict[str, int] = {}
    for key, cents in monthly.items():
        y, m = key.split("-")
        yearly[y] = yearly.get(y, 0) + cents
        q = f"{y}-Q{(int(m) - 1) // 3 + 1}"
        quarterly[q] = quarterly.get(q, 0) + cents
    decided = approved_count + rejected_count
    return {
        "available_earnings": {"currency_code": "USD", "amount_in_dollars": recent_earnings / 100},
        "hits_overview": {
            "approved": approved_count,
            "approval_rate": round(100 * approved_count / decided, 1),
            "pending": pending_count,
            "rejected": rejected_count,
            "rejection_rate": round(100 * rejected_count / decided, 1),
        },
        "daily_hit_statistics_overview": daily,
        "earnings_to_date": {
            "approved": (total - bonuses_total) / 100,
            "bonuses": bonuses_total / 100,
            "total_earnings": total / 100,
        },
        "earnings_by_period": {
            "yearly_earnings": {k: v / 100 for k, v in sorted(yearly.items())},
            "monthly_earnings": {k: v / 100 for k, v in sorted(monthly.items())},
            "quarterly_earnings": {k: v / 100 for k, v in sorted(quarterly.items())},
        },
    }


# ---------------------------------------------------------------------------------------------
# GigLens template with Fiverr rows (Fiverr publishes no CSV)

TEMPLATE_HEADER = TEMPLATE_COLUMNS  # the importer's template layout
TEMPLATE_ROWS = [
    ["2025-03-14", "fiverr", "earning", "150.00", "30.00", "120.00", "USD", "5",
     "jlee_designs", "Logo vectorisation (20% Fiverr fee)", "FO31A7C2D9E"],
    ["2025-05-02", "fiverr", "earning", "85.00", "17.00", "68.00", "USD", "2.5",
     "northpeak_co", "Price list in Google Sheets", "FO5B20E8F14"],
    ["2025-05-02", "fiverr", "earning", "10.00", "2.00", "8.00", "USD", "",
     "northpeak_co", "Tip", "FO5B20E8F14"],
    ["2025-05-20", "fiverr", "transfer", "-194.00", "0.00", "-194.00", "USD", "",
     "", "Withdrawal to PayPal", ""],
    ["2025-05-20", "fiverr", "fee", "0.00", "2.00", "-2.00", "USD", "",
     "", "PayPal withdrawal fee", ""],
]  # fmt: skip


# ---------------------------------------------------------------------------------------------


def generate(out_dir: Path = HERE) -> list[Path]:
    """Write every sample file into out_dir (and out_dir/extra); return the paths written."""
    rng = random.Random(SEED)
    out_dir = Path(out_dir)
    (out_dir / EXTRA_DIR).mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def path(name: str) -> Path:
        p = out_dir / name
        written.append(p)
        return p

    work = hourly_work(rng)
    upwork_moves = with_withdrawals(upwork_events(work))
    upwork = upwork_rows(upwork_moves, rng)
    write_csv(path("upwork_transactions.csv"), UPWORK_HEADER, upwork, bom=True, quote_header=False)
    write_csv(
        path(f"{EXTRA_DIR}/upwork_weekly_summary.csv"),
        ["Date", "Contract", "Hours", "Amount", "Payment type"],
        weekly_summary_rows(work),
        quote_all=True,
        trailing_newline=False,
    )
    cedar = cedar_hours(rng)
    write_csv(path("paypal_activity.csv"), PAYPAL_HEADER,
              paypal_rows(with_upwork_arrivals(paypal_events(cedar, rng), upwork_moves)),
              quote_all=True)  # fmt: skip
    write_csv(path("toggl_time_entries.csv"), TOGGL_HEADER,
              toggl_rows(toggl_entries(work, cedar, rng)))  # fmt: skip
    balance = 0
    for y, m in months():
        rows, balance = etsy_month(y, m, balance, rng)
        write_csv(path(f"etsy_statement_{y}_{m}.csv"), ETSY_HEADER, rows, bom=True,
                  quote_header=False)  # fmt: skip
    hit_rows, history = mturk_csv_rows(rng)
    write_csv(path("mturk_hits.csv"), MTURK_HEADER, hit_rows)
    dashboard = mturk_dashboard(rng, history)
    path("mturk_dashboard.json").write_text(json.dumps(dashboard, indent=2) + "\n", "utf-8")
    write_csv(path(TEMPLATE_NAME), TEMPLATE_HEADER, TEMPLATE_ROWS)
    return written


def demo_files(folder: Path = HERE) -> list[Path]:
    """The files the dashboard's "Try it with sample data" loads: no template, nothing in extra/."""
    folder = Path(folder)
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".csv", ".json") and p.name != TEMPLATE_NAME
    )


def main() -> None:
    for p in generate(HERE):
        print(f"wrote {p.relative_to(HERE.parent)} ({p.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
