"""GigLens home page: import platform exports (or the sample data) and see what was read."""

import streamlit as st

st.set_page_config(page_title="GigLens", page_icon="🔎", layout="wide")

from analytics.schema import empty_transactions  # noqa: E402
from giglens_ui import home, sidebar, state  # noqa: E402
from giglens_ui.imports import FileStore, state_dir  # noqa: E402

KEEP_FILES = "giglens.w.keep_files"


def main() -> None:
    st.title("GigLens")
    st.markdown(
        "All your gig and freelance income in one place: what the platforms really take, how "
        "much your income swings, what you earn per hour, and how much to put aside for tax. "
        "Everything stays on this computer."
    )
    files = st.file_uploader(
        "Drop your exports here (several at once: CSV, Excel XLSX/XLS, ODS, JSON)",
        # Any file type: a PDF or an image gets GigLens's own explanation of what to upload
        # instead, rather than the uploader's silent refusal.
        type=None,
        accept_multiple_files=True,
        key=state.uploader_key(),
        help="Upload the files exactly as the platforms export them.",
    )
    state.take_and_empty(files)
    state.replace_samples_with_own_data()
    for problem in state.store_problems():
        st.warning(problem, icon=":material/sd_card_alert:")
    if st.session_state.pop(state.SAMPLE_REPLACED, False):  # said once
        st.info("Your files replaced the sample data.", icon=":material/swap_horiz:")
    c1, c2, c3 = st.columns([2, 2, 3])
    # Once your own files are in, the sample data would only mix into their figures.
    offer_sample = not state.has_own_data() and not state.has_samples()
    if offer_sample:
        sample = c1.button("Try it with sample data", type="primary", icon=":material/science:")
        if sample:
            if state.load_samples() == 0:
                st.warning("The sample data folder is empty.")
            else:
                st.rerun()  # the page as it is with the samples: no button to load them again
    if state.sources():
        with (c2 if offer_sample else c1).popover(
            "Clear all imported data", icon=":material/delete:"
        ):
            st.write(
                "Forget every imported file and the columns chosen for unknown ones"
                + (
                    ", also the copies and the settings (tax profile) kept on this computer?"
                    if state.remembering()
                    else "?"
                )
            )
            if st.button("Yes, clear everything", type="primary", key="giglens.clear.confirm"):
                if state.remembering():  # as promised: the kept settings go too
                    sidebar.forget_choices()
                state.clear_sources()
                state.forget_mappings()
                state.forget_layout_currencies()
                state.forget_stream_choices()
                state.choose_personal_payers([])
                for platform in list(state.ended_platforms()):
                    state.mark_ended(platform, None)
                sidebar.reset()  # the next files start unfiltered
                st.rerun()
    c3.download_button(
        "Download the GigLens template (CSV)",
        home.template_csv(),
        file_name="giglens_template.csv",
        mime="text/csv",
        help="For platforms GigLens cannot read directly: one row per payment.",
    )
    if FileStore.allowed():  # a server only this computer reaches (`make run`)
        # one widget key whatever its value (a `value=` that changes makes a new widget, and a
        # click on it could be lost); the callback applies the click before the page is drawn
        st.session_state[KEEP_FILES] = state.remembering()
        st.toggle(
            "Keep my imported files on this computer",
            key=KEEP_FILES,
            on_change=lambda: state.remember_files(st.session_state[KEEP_FILES]),
            help=f"Copies of the files you add (with your clients' names and email addresses), "
            "the columns you chose for unknown ones, your settings and the tax you entered as "
            f"paid are kept in {state_dir()}, readable by your user only, so they are still "
            "here after a refresh or a restart. Turn it off to forget them when you close the "
            "page; “Clear all imported data” deletes them.",
        )
    else:
        st.caption(
            "This server keeps no one's files (other computers can reach it, so it may be "
            "shared): a refresh or closing the page forgets what you imported. Started with "
            "`make run`, GigLens opens to this computer alone and keeps them."
        )
    st.caption(
        "Fiverr publishes no CSV export of earnings: copy them into the GigLens template above "
        "(one row per payment, platform `fiverr`) and upload it. Supported exports: MTurk, "
        "Upwork, PayPal, Stripe, Etsy, Gumroad, Payoneer, Toptal, Cash App, Uber, Toggl, "
        "Clockify; any other table can be imported by choosing its columns."
    )
    with st.expander("How to fill in the GigLens template"):
        st.markdown(home.TEMPLATE_HELP)
    if not state.has_own_data():  # the first visit's question (the report takes its place)
        with st.expander("Where do I download these files?", icon=":material/help:"):
            st.markdown(home.WHERE_TO_DOWNLOAD)

    data = empty_transactions()
    if state.sources():
        combined = home.read_sources()
        data = combined.data
        home.import_report(combined.imports, combined.notes)
    sidebar.render(data)
    if not data.empty:
        home.overview(data)
    elif not state.sources():
        st.info(
            "Nothing imported yet. Drop one or more exports above, or click "
            "**Try it with sample data** to look around first."
        )


main()
