"""Import speed and memory: GigLens's load_export against a bare pandas.read_csv.

Goal (issue 2): a 1,000,000-row export imports within 1.5x the time of a bare `pandas.read_csv`
of the same file. Run with `make bench`; ROWS=... overrides the size.
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analytics import load_export  # noqa: E402

ROWS = int(os.environ.get("ROWS", "1000000"))
GOAL = 1.5


def weekly_summary_csv(rows: int, seed: int = 7) -> bytes:
    """An Upwork Weekly Summary file (every field quoted, like the real one)."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write('"Date","Contract","Hours","Amount","Payment type"\n')
    start = pd.Timestamp("2020-01-01")
    days = pd.date_range(start, periods=2000).strftime("%Y-%m-%d").tolist()
    contracts = [f"Contract number {i} ({30000000 + i})" for i in range(200)]
    for _ in range(rows):
        hours = rng.randint(1, 40) / 4
        out.write(
            f'"{rng.choice(days)}","{rng.choice(contracts)}","{hours}","{hours * 25:.2f}",""\n'
        )
    return out.getvalue().encode()


def template_csv(rows: int, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("date,platform,kind,gross,fee,net,currency,hours,client,description,reference\n")
    days = pd.date_range("2020-01-01", periods=2000).strftime("%Y-%m-%d").tolist()
    for i in range(rows):
        gross = rng.randint(100, 500_000) / 100
        fee = round(gross * 0.1, 2)
        out.write(
            f"{rng.choice(days)},fiverr,earning,{gross:.2f},{fee:.2f},{gross - fee:.2f},USD,,"
            f"Client {i % 300},Order,FO{i}\n"
        )
    return out.getvalue().encode()


PAYPAL_HEADER = (
    "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,"
    "To Email Address,Transaction ID,Address Status,Sales Tax,Reference Txn ID,Invoice Number,"
    "Receipt ID,Balance,Contact Phone Number,Subject,Note"
)


def _paypal_money(cents: int) -> str:
    """PayPal's way of writing money: `1,653.75`, `-73.07`."""
    return f"{cents / 100:,.2f}"


def paypal_activity_csv(rows: int, seed: int = 13, day_first: bool = True) -> bytes:
    """A PayPal activity download in the 22-column layout of oca_activity_en.csv.

    Every cell quoted, thousands commas, negative fees, and a realistic mix of types: client
    payments (most rows), payments the user sent, withdrawals, currency-conversion legs, refunds,
    holds and their releases. Dates are day-first (`29/12/2015`) like the real file, or
    month-first.
    """
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(",".join(f'"{h}"' for h in PAYPAL_HEADER.split(",")) + "\n")
    date_format = "%d/%m/%Y" if day_first else "%m/%d/%Y"
    days = pd.date_range("2019-01-01", periods=2000).strftime(date_format).tolist()
    partners = [(f"Partner {i}", f"paypal@partner{i}.com") for i in range(400)]
    me = "paypal@my-company.com"
    kinds = (
        ["Website Payment"] * 50
        + ["General Payment"] * 15
        + ["Express Checkout Payment"] * 8
        + ["General Withdrawal"] * 8
        + ["General Currency Conversion"] * 10
        + ["Payment Refund"] * 3
        + ["Payment Hold", "Payment Release", "Subscription Payment"]
    )
    balance = 0
    for i in range(rows):
        kind = rng.choice(kinds)
        day = rng.choice(days)
        time_ = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        name, email = rng.choice(partners)
        status, currency, fee = "Completed", "USD", 0
        sender, receiver, invoice, subject, address = email, me, "", "", ""
        if kind in ("Website Payment", "General Payment"):
            gross = rng.randint(500, 900_000)
            fee = -round(gross * 0.044 + 30)
            invoice = str(rng.randint(1, 9999))
            subject = f"Payment to My Company for invoice {invoice}"
            address = rng.choice(["Confirmed", "Non-Confirmed"])
        elif kind in ("Express Checkout Payment", "Subscription Payment"):
            gross = -rng.randint(100, 50_000)
            sender, receiver, subject = me, email, "Shopping Cart"
        elif kind == "General Withdrawal":
            gross = -rng.randint(10_000, 2_000_000)
            name, sender, receiver = "", me, ""
            status = rng.choice(["Completed", "Completed", "Pending"])
            currency = rng.choice(["USD", "EUR"])
            fee = -rng.choice([0, 0, 0, 100, 150])  # some countries pay a withdrawal fee
        elif kind == "General Currency Conversion":
            gross = rng.choice([-1, 1]) * rng.randint(1_000, 1_500_000)
            name, sender, receiver = "", me, ""
            currency = rng.choice(["USD", "EUR", "AUD"])
        elif kind == "Payment Refund":
            gross = -rng.randint(500, 100_000)
            fee = round(-gross * 0.03)
            sender, receiver = me, email
        else:  # holds and releases
            gross = rng.choice([-1, 1]) * rng.randint(500, 300_000)
            name, sender, receiver = "", me, ""
        balance += gross + fee
        cells = [
            day,
            time_,
            rng.choice(["PST", "PDT"]),
            name,
            kind,
            status,
            currency,
            _paypal_money(gross),
            _paypal_money(fee),
            _paypal_money(gross + fee),
            sender,
            receiver,
            f"TID{i}",
            address,
            "0.00" if subject else "",
            f"RTID{i // 3}" if fee else "",
            invoice,
            "",
            _paypal_money(balance),
            "",
            subject,
            "",
        ]
        out.write(",".join(f'"{c}"' for c in cells) + "\n")
    return out.getvalue().encode()


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    failed = False
    from bench_dashboard import mturk_csv

    for name, make in (
        ("Upwork Weekly Summary", weekly_summary_csv),
        ("GigLens template", template_csv),
        ("PayPal activity", paypal_activity_csv),
        ("MTurk HIT list", mturk_csv),
    ):
        data = make(ROWS)
        bare = best_of(lambda data=data: pd.read_csv(io.BytesIO(data)))
        ours = best_of(lambda data=data: load_export(data, "bench.csv"))
        tracemalloc.start()
        result = load_export(data, "bench.csv")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ratio = ours / bare
        # Every row accounted for, none rejected (PayPal skips purchases and holds, MTurk
        # pending and rejected HITs, and a PayPal transfer with a fee gives two transactions,
        # so the table is not one row per line).
        complete = (
            result.rows_read == ROWS
            and result.rejected.empty
            and len(result.skipped) + len(np.unique(result.transaction_rows)) == ROWS
        )
        ok = ratio <= GOAL and complete
        failed |= not ok
        print(
            f"{name:22s} {ROWS:>9,} rows  read_csv {bare:6.2f}s  load_export {ours:6.2f}s  "
            f"ratio {ratio:4.2f} (goal <= {GOAL})  peak Python memory {peak / 2**20:7.1f} MiB  "
            f"{'OK' if ok else ('TOO SLOW' if complete else 'ROWS LOST')}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
