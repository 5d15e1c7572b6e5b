"""GigLens home page: import platform exports (or the sample data) and see what was read."""

import streamlit as st

st.set_page_config(page_title="GigLens", page_icon="🔎", layout="wide")

import pandas as pd  # noqa: E402

from analytics.importers.generic import TEMPLATE_COLUMNS  # noqa: E402
from analytics.schema import empty_transactions  # noqa: E402
from giglens_ui import sidebar, state  # noqa: E402
from giglens_ui.imports import FileImport, parse  # noqa: E402
from giglens_ui.page import money  # noqa: E402

UPLOAD_TYPES = ["csv", "xlsx", "xls", "ods", "json"]
BIG_FILE = 2_000_000  # bytes; bigger files get a progress bar while they are read
PAGES = [
    ("pages/1_Overview.py", "Overview", ":material/dashboard:"),
    ("pages/2_Volatility.py", "Volatility", ":material/show_chart:"),
    ("pages/3_Fees.py", "Fees", ":material/payments:"),
    ("pages/4_Hourly_rates.py", "Hourly rates", ":material/schedule:"),
    ("pages/5_Micro_vs_freelance.py", "Micro vs freelance", ":material/balance:"),
    ("pages/6_Tax_reserve.py", "Tax reserve", ":material/receipt_long:"),
    ("pages/7_Monthly_summary.py", "Monthly summary", ":material/calendar_month:"),
]
FIELD_LABELS = {
    "date": "Date *",
    "gross": "Amount received (gross)",
    "fee": "Fee the platform kept",
    "net": "Net amount (after fees)",
    "client": "Client / customer",
    "description": "Description",
    "hours": "Hours worked",
    "currency": "Currency",
    "platform": "Platform",
    "kind": "Type of transaction",
}
FIELD_GUESSES = {
    "date": ("date", "datum", "fecha", "time", "created"),
    "gross": ("gross", "amount", "total", "brutto", "paid"),
    "fee": ("fee", "commission", "charge"),
    "net": ("net", "payout"),
    "client": ("client", "customer", "buyer", "payer", "name", "from"),
    "description": ("description", "memo", "title", "note", "details"),
    "hours": ("hours", "duration", "time spent"),
    "currency": ("currency", "ccy"),
    "platform": ("platform", "source", "site"),
    "kind": ("type", "kind", "category"),
}
NONE = "(none)"


def template_csv() -> bytes:
    """The GigLens template for platforms without an importable export (Fiverr, ...)."""
    path = state.SAMPLE_DIR / "giglens_template.csv"
    if path.exists():
        return path.read_bytes()
    example = "2025-01-15,fiverr,earning,100.00,20.00,80.00,USD,4,Jane Client,Logo design,FO1\n"
    return (",".join(TEMPLATE_COLUMNS) + "\n" + example).encode("utf-8")


def _guess(field: str, columns: list[str]) -> str:
    for word in FIELD_GUESSES.get(field, ()):
        for column in columns:
            if word in column.casefold():
                return column
    return NONE


def mapping_form(item: FileImport) -> None:
    """Ask which column holds what, for a file whose layout GigLens does not know."""
    columns = list(item.unknown_columns or [])
    st.markdown(
        f"**{item.name}**: GigLens does not know this layout. Tell it which column holds what "
        "(a date and an amount are needed). The mapping is remembered for files with the same "
        "columns."
    )
    with st.form(f"giglens.map.{item.key}"):
        chosen: dict[str, str] = {}
        cols = st.columns(3)
        for i, field in enumerate(FIELD_LABELS):
            options = [NONE, *columns]
            guess = _guess(field, columns)
            chosen[field] = cols[i % 3].selectbox(
                FIELD_LABELS[field],
                options,
                index=options.index(guess),
                key=f"giglens.map.{item.key}.{field}",
            )
        c1, c2 = st.columns(2)
        currency_code = c1.text_input(
            "…or one currency for every row (e.g. USD)",
            key=f"giglens.map.{item.key}.currency_code",
            max_chars=3,
        )
        platform_name = c2.text_input(
            "…or one platform name for every row (e.g. fiverr)",
            key=f"giglens.map.{item.key}.platform_name",
        )
        submitted = st.form_submit_button("Import with this mapping", type="primary")
    if not submitted:
        return
    mapping = {f: c for f, c in chosen.items() if c != NONE}
    if currency_code.strip() and "currency" not in mapping:
        mapping["currency"] = currency_code.strip().upper()
    if platform_name.strip() and "platform" not in mapping:
        mapping["platform"] = platform_name.strip()
    if "date" not in mapping or not ({"gross", "net"} & set(mapping)):
        st.error("Choose at least the date column and an amount column (gross or net).")
        return
    if "currency" not in mapping:
        st.error("Choose the currency column, or type the currency code of every row.")
        return
    source = state.sources().get(item.key)
    trial = parse(source.data, source.name, mapping) if source else None
    if trial is None or not trial.ok:
        st.error(trial.error if trial else "The file is no longer loaded; upload it again.")
        return
    state.remember_mapping(columns, mapping)
    st.rerun()


def report(item: FileImport) -> None:
    """What happened to one file: platform, counts, warnings, rejected and skipped rows."""
    with st.container(border=True):
        head, remove = st.columns([6, 1])
        if item.ok:
            result = item.result
            layout = f" — {result.layout}" if result.layout else ""
            head.markdown(f":material/check_circle: **{item.name}** · {item.platform_name}{layout}")
        elif item.unknown_columns is not None:
            head.markdown(f":material/help: **{item.name}** · layout not recognised")
        else:
            head.markdown(f":material/error: **{item.name}** · could not be imported")
        if remove.button("Remove", key=f"giglens.remove.{item.key}"):
            state.remove_source(item.key)
            st.rerun()
        if item.unknown_columns is not None and not item.ok:
            if item.mapping:
                st.error(item.error)
            mapping_form(item)
            return
        if not item.ok:
            st.error(item.error)
            return
        result = item.result
        m = st.columns(4)
        m[0].metric("Rows imported", result.rows_imported)
        m[1].metric("Duplicates", item.duplicates, help="Already imported from another file")
        m[2].metric("Skipped", len(result.skipped), help="Rows that never moved money")
        m[3].metric("Rejected", len(result.rejected), help="Rows GigLens could not read")
        for warning in result.warnings:
            st.warning(warning)
        if len(result.rejected):
            with st.expander(f"Rejected rows ({len(result.rejected)}) and why"):
                st.dataframe(result.rejected, hide_index=True, width="stretch")
                st.download_button(
                    "Download the rejected rows (CSV)",
                    result.rejected.to_csv(index=False).encode("utf-8"),
                    file_name=f"{item.name}.rejected.csv",
                    mime="text/csv",
                    key=f"giglens.rejected.{item.key}",
                )
        if len(result.skipped):
            with st.expander(f"Skipped rows ({len(result.skipped)})"):
                st.dataframe(result.skipped, hide_index=True, width="stretch")


def overview(data: pd.DataFrame) -> None:
    """A short summary of everything imported, with links to the pages."""
    st.subheader("Your data", divider="gray")
    first, last = data["date"].min(), data["date"].max()
    platforms = sorted(data["platform"].astype(str).unique())
    currencies = sorted(c for c in data["currency"].astype(str).unique() if c)
    m = st.columns(3)
    m[0].metric("Transactions", f"{len(data):,}")
    m[1].metric("Platforms", len(platforms))
    m[2].metric("Period", f"{first:%b %Y} – {last:%b %Y}")
    if len(currencies) == 1:
        income = data[data["kind"].astype(str).isin(["earning", "refund", "fee", "adjustment"])]
        st.caption(f"Net income in the files: {money(float(income['net'].sum()), currencies[0])}")
    st.markdown("**Explore**")
    cols = st.columns(4)
    for i, (path, label, icon) in enumerate(PAGES):
        cols[i % 4].page_link(path, label=label, icon=icon)


def main() -> None:
    st.title("GigLens")
    st.markdown(
        "All your gig and freelance income in one place: what the platforms really take, how "
        "much your income swings, what you earn per hour, and how much to put aside for tax. "
        "Everything stays on this computer."
    )
    files = st.file_uploader(
        "Drop your exports here (several at once: CSV, Excel XLSX/XLS, ODS, JSON)",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key="giglens.uploader",
        help="Upload the files exactly as the platforms export them.",
    )
    state.take_uploads(files)
    c1, c2, c3 = st.columns([2, 2, 3])
    sample = c1.button("Try it with sample data", type="primary", icon=":material/science:")
    if sample and state.load_samples() == 0:
        st.warning("The sample data folder is empty.")
    if state.sources() and c2.button("Clear all imported data"):
        state.clear_sources()
        st.rerun()
    c3.download_button(
        "Download the GigLens template (CSV)",
        template_csv(),
        file_name="giglens_template.csv",
        mime="text/csv",
        help="For platforms GigLens cannot read directly: one row per payment.",
    )
    st.caption(
        "Fiverr publishes no CSV export of earnings: copy them into the GigLens template above "
        "(one row per payment, platform `fiverr`) and upload it. Supported exports: MTurk, "
        "Upwork, PayPal, Stripe, Etsy, Gumroad, Payoneer, Toptal, Cash App, Uber, Toggl, "
        "Clockify; any other table can be imported by choosing its columns."
    )

    data = empty_transactions()
    if state.sources():
        pending = [s for s in state.sources().values()]
        big = sum(len(s.data) for s in pending) > BIG_FILE
        bar = st.progress(0.0, text="Reading files…") if big else None

        def progress(i, n, source):
            if bar is not None:
                bar.progress(i / max(n, 1), text=f"Reading {source.name} ({i + 1} of {n})…")

        combined = state.combined(progress=progress)
        if bar is not None:
            bar.empty()
        data = combined.data
        st.subheader("Import report", divider="gray")
        for item in combined.imports:
            report(item)
    sidebar.render(data)
    if not data.empty:
        overview(data)
    elif not state.sources():
        st.info(
            "Nothing imported yet. Drop one or more exports above, or click "
            "**Try it with sample data** to look around first."
        )


main()
