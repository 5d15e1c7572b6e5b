"""Detection is from the header only, never the file name, and no two layouts are ambiguous.

HEADERS holds one header line per layout, spelled as export-formats.md quotes it (full headers
where the reference gives them). Each must be taken by exactly its own layout and by no layout
of another platform. The importers' own literal test files must import identically under a
neutral or misleading file name. And every data row of each literal file is accounted for,
counted independently with the csv module and traced by the row's own transaction id.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest
import test_import_cashapp as cashapp_tests
import test_import_etsy as etsy_tests
import test_import_gumroad as gumroad_tests
import test_import_mturk as mturk_tests
import test_import_payoneer as payoneer_tests
import test_import_paypal as paypal_tests
import test_import_stripe as stripe_tests
import test_import_timetracking as timetracking_tests
import test_import_toptal as toptal_tests
import test_import_uber as uber_tests
import test_import_upwork as upwork_tests

from analytics import UnknownFormat, load_export
from analytics.importers import LAYOUTS
from analytics.loader import normalise_header
from analytics.reading import split_line

# (platform, layout name) -> the header line as the platform writes it.
HEADERS: dict[tuple[str, str], str] = {
    ("upwork", "Upwork Weekly Summary"): '"Date","Contract","Hours","Amount","Payment type"',
    (
        "upwork",
        "Upwork transaction history (legacy)",
    ): "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance",
    (
        "upwork",
        "Upwork transaction history (legacy, ExchangeRate)",
    ): "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,ExchangeRate,Currency,Balance",
    (
        "upwork",
        "Upwork transaction history (2023-24)",
    ): "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Amount in local currency,Currency,Balance,Enhanced PO Number,AWS Study Name - number",
    (
        "upwork",
        "Upwork transaction history (19 columns)",
    ): "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method",
    (
        "upwork",
        "Upwork transaction history (20 columns)",
    ): "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,Description 1,Description 2,Description 3,Entered Description,Agency,Freelancer,Team,Account Name,PO,Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method",
    (
        "paypal",
        "PayPal activity download",
    ): '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Shipping Address","Address Status","Item Title","Item ID","Shipping and Handling Amount","Insurance Amount","Sales Tax","Option 1 Name","Option 1 Value","Option 2 Name","Option 2 Value","Reference Txn ID","Invoice Number","Custom Number","Quantity","Receipt ID","Balance","Address Line 1","Address Line 2/District/Neighborhood","Town/City","State/Province/Region/County/Territory/Prefecture/Republic","Zip/Postal Code","Country","Contact Phone Number","Subject","Note","Country Code","Balance Impact"',
    (
        "paypal",
        "PayPal activity download (German)",
    ): "Datum,Uhrzeit,Zeitzone,Name,Typ,Status,Währung,Brutto,Gebühr,Netto,Absender E-Mail-Adresse,Empfänger E-Mail-Adresse,Transaktionscode,Guthaben,Auswirkung auf Guthaben",
    (
        "paypal",
        "PayPal statement",
    ): '"Date","Time","Time Zone","Description","Currency","Gross","Fee ","Net","Balance","Transaction ID","From Email Address","Name","Bank Name","Bank Account","Shipping and Handling Amount","Sales Tax","Invoice ID","Reference Txn ID"',
    (
        "paypal",
        "PayPal statement (Spanish)",
    ): '"Fecha","Hora","Zona horaria","Descripción","Divisa","Bruto","Comisión","Neto","Saldo","Id. de transacción","Correo electrónico del remitente","Nombre","Nombre del banco","Cuenta bancaria","Importe de envío y manipulación","Impuesto de ventas","Id. de factura","Id. de referencia de trans.",,,,,,',
    (
        "paypal",
        "PayPal history (before 2018)",
    ): "Date, Time, Time Zone, Name, Type, Status, Currency, Amount, Receipt ID, Balance, ",
    (
        "paypal",
        "PayPal activity download (Amount, Fees, Total)",
    ): "Date,Time,TimeZone,Name,Type,Status,Currency,Amount,Fees,Total,Exchange Rate,Receipt ID,Balance,Transaction ID,Item Title",
    (
        "paypal",
        "PayPal activity download (Italian)",
    ): '"Data","Orario","Fuso orario","Nome","Tipo","Stato","Valuta","Lordo","Tariffa","Netto","Indirizzo email mittente","Indirizzo email destinatario","Codice transazione","Indirizzo di spedizione","Stato dell\'indirizzo","Titolo oggetto","Codice articolo","Importo spese di spedizione e imballaggio","Importo assicurazione","Imposte sulle vendite","Nome opzione 1","Valore opzione 1","Nome opzione 2","Valore opzione 2","Codice transazione di riferimento","N° ordine commerciante","Numero personalizzato","Quantità","Codice ricevuta","Saldo","Indirizzo","Indirizzo (continua)","Città","Provincia","CAP/Codice postale","Paese","Telefono","Oggetto","Messaggio","Prefisso internazionale","Impatto sul saldo"',
    (
        "paypal",
        "PayPal activity download (French)",
    ): '"Date","Heure","Fuseau horaire","Nom","Type","État","Devise","Avant commission","Commission","Net","De l\'adresse email","À l\'adresse email","Numéro de transaction","État de l\'adresse","Titre de l\'objet","Numéro de l\'objet","TVA","Nom de l\'option 1","Valeur de l\'option 1","Nom de l\'option 2","Valeur de l\'option 2","Numéro de tiers de confiance","Numéro de la transaction de référence","Numéro de facture","Numéro de client","Quantité","Numéro de reçu","Solde","Numéro de téléphone du contact","Objet","Remarque","Source de paiement","Type de carte","Code de transaction","N° du suivi des paiements","Identifiant bancaire","Code du pays de l\'acheteur pour cette transaction","Détails de l\'objet","Balance Impact"',
    (
        "paypal",
        "PayPal activity download (Spanish)",
    ): '"Fecha","Hora","Zona horaria","Nombre","Tipo","Estado","Divisa","Bruto","Tarifa","Neto","Remitente","Destinatario","Id. de transacción"',
    (
        "paypal",
        "PayPal statement (German)",
    ): '"Datum","Uhrzeit","Zeitzone","Beschreibung","Währung","Brutto","Entgelt","Netto","Guthaben","Transaktionscode","Absender E-Mail-Adresse","Name","Name der Bank","Bankkonto","Versand- und Bearbeitungsgebühr","Umsatzsteuer","Rechnungsnummer","Zugehöriger Transaktionscode"',
    (
        "paypal",
        "PayPal statement (Italian)",
    ): '"Data","Ora","Fuso orario","Descrizione","Valuta","Lordo ","Tariffa ","Netto","Saldo","Codice transazione","Indirizzo email mittente","Nome","Nome banca","Conto bancario","Importo per spedizione e imballaggio","IVA"',
    (
        "paypal",
        "PayPal statement (French)",
    ): '"Date","Heure","Fuseau horaire","Description","Devise","Avant commission","Commission","Net","Solde","Numéro de transaction","Adresse email de l\'expéditeur","Nom","Nom de la banque","Compte bancaire","Montant des frais de livraison et de traitement","TVA","Identifiant de facture","Numéro de la transaction de référence"',
    (
        "paypal",
        "PayPal statement (French, Brut/Frais)",
    ): '"Date","Heure","Fuseau horaire","Description","Devise","Brut ","Frais ","Net","Solde","Numéro de transaction","Adresse email de l\'expéditeur","Nom","Nom de la banque","Compte bancaire","Montant des frais de livraison et de traitement","TVA","Numéro de facture","Numéro de la transaction de référence"',
    (
        "paypal",
        "PayPal activity download (French, Brut/Frais)",
    ): '"Date","Heure","Fuseau horaire","Nom","Type","État","Devise","Brut","Frais","Net","De l\'adresse email","À l\'adresse email","Numéro de transaction"',
    (
        "stripe",
        "Stripe balance transactions (Dashboard export)",
    ): "id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group",
    (
        "stripe",
        "Stripe Balance change from activity report",
    ): '"balance_transaction_id","created_utc","available_on_utc","currency","gross","fee","net","reporting_category","description"',
    (
        "stripe",
        "Stripe Payouts report",
    ): '"payout_id","effective_at_utc","effective_at","currency","gross","fee","net","reporting_category","balance_transaction_id","description","payout_expected_arrival_date","payout_status","payout_reversed_at_utc","payout_reversed_at","payout_type","payout_description","payout_destination_id","trace_id","trace_id_status","application_fee"',
    (
        "stripe",
        "Stripe Payments (Dashboard export)",
    ): "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer",
    (
        "stripe",
        "Stripe Payouts (Dashboard export)",
    ): "id,Amount,Created (UTC),Currency,Livemode,Arrival Date (UTC),Source Type,Destination,Status,Type,Method,Description,Balance Transaction,Failure Balance Transaction,Failure Message,Failure Code,Statement Descriptor,Trace ID,Trace ID Status,Destination Name,Destination Country,Destination Last 4",
    (
        "stripe",
        "Stripe Payout reconciliation report",
    ): '"automatic_payout_id","automatic_payout_effective_at","balance_transaction_id","created","available_on","currency","gross","fee","net","reporting_category","description"',
    (
        "etsy",
        "Etsy monthly statement (German column names)",
    ): "\ufeffDatum,Art,Titel,Info,Währung,Betrag,Gebühren & Steuern,Netto,Steuerliche Angaben",
    (
        "cashapp",
        "Cash App activity (older header)",
    ): "Transaction ID,Date,Transaction Type,Currency,Amount,Fee,Net Amount,Asset Type,Asset Price,Asset Amount,Status,Notes,Name,Account",
    (
        "etsy",
        "Etsy monthly statement",
    ): "\ufeffDate,Type,Title,Info,Currency,Amount,Fees & Taxes,Net,Tax Details",
    (
        "etsy",
        "Etsy monthly statement (older layout)",
    ): "Date,Type,Description,Info,Currency,Amount,Fees & Taxes,Net",
    (
        "etsy",
        "Etsy Sold Orders",
    ): "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU",
    (
        "etsy",
        "Etsy Sold Orders (UK)",
    ): "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Posted,Street 1,Street 2,Delivery City,Delivery State,Delivery Zipcode,Delivery Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,Delivery Discount,Delivery,Sales Tax,Order Total,Status,Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU",
    (
        "etsy",
        "Etsy Payments sales",
    ): "Payment ID,Buyer Username,Buyer Name,Order ID,Gross Amount,Fees,Net Amount,Posted Gross,Posted Fees,Posted Net,Adjusted Gross,Adjusted Fees,Adjusted Net,Currency,Listing Amount,Listing Currency,Exchange Rate,VAT Amount,Gift Card Applied?,Status,Funds Available,Order Date,Buyer,Order Type,Payment Type,Refund Amount",
    (
        "gumroad",
        "Gumroad sales export",
    ): "Purchase ID,Item Name,Buyer Name,Purchase Email,Buyer Email,Do not contact?,Purchase Date,Purchase Time (UTC timezone),Subtotal ($),Taxes ($),Shipping ($),Sale Price ($),Fees ($),Net Total ($),Tip ($),Tax Included in Price?,Street Address,City,Zip Code,State,Country,Referrer,Refunded?,Partial Refund ($),Fully Refunded?,Disputed?,Dispute Won?,Variants,Discount Code,Recurring Charge?,Free trial purchase?,Pre-order authorization?,Product ID,Order Number,Pre-order authorization time (UTC timezone),Custom Fields,Item Price ($),Variants Price ($),Giftee Email,SKU ID,Quantity,Recurrence,Affiliate,Affiliate commission ($),Discover?,Subscription End Date,Rating,Review,License Key,Payment Type,PayPal Transaction ID,PayPal Fee Amount,PayPal Fee Currency,Stripe Transaction ID,Stripe Fee Amount,Stripe Fee Currency,Purchasing Power Parity Discounted?,Upsold?,Sent Abandoned Cart Email?,UTM Source,UTM Medium,UTM Campaign,UTM Term,UTM Content",
    (
        "gumroad",
        "Gumroad payout CSV",
    ): "Type,Date,Purchase ID,Item Name,Buyer Name,Buyer Email,Taxes ($),Shipping ($),Sale Price ($),Gumroad Fees ($),Net Total ($)",
    (
        "payoneer",
        "Payoneer transactions",
    ): "Transaction Date,Transaction Time,Time Zone,Transaction ID,Description,Credit Amount,Debit Amount,Currency,Transfer Amount,Transfer Amount Currency,Status,Additional Description,Store Name,Source,Target,Reference ID",
    (
        "payoneer",
        "Payoneer transactions (10-column variant)",
    ): "Currency,Payment method,Date,Time,Timezone,Credit,Debit,Status,Balance,Description",
    (
        "toptal",
        "Toptal Payments (Excel: Amount, Fee, Total)",
    ): "Id,Description,Amount,Fee,Total,Transaction date",
    ("toptal", "Toptal Payments (CSV)"): "Id,Description,Amount,Transaction date",
    (
        "cashapp",
        "Cash App activity",
    ): '"Date","Transaction ID","Transaction Type","Currency","Amount","Fee","Net Amount","Asset Type","Asset Price","Asset Amount","Status","Notes","Name of sender/receiver","Account"',
    ("mturk", "MTurk HIT list (CSV)"): "date,requester,title,reward,state",
    (
        "uber",
        "Uber fleet payments_order report",
    ): "transaction UUID,Driver UUID,Driver first name,Driver surname,Trip UUID,Description,Org name,Org alias,vs reporting,Paid to you,Paid to you : Your earnings,Paid to you : Your earnings : Fare,Paid to you:Your earnings:Fare:Fare,Paid to you:Your earnings:Service fee,Paid to you : Trip balance : Payouts : Cash collected,Paid to you:Your earnings:Tip,Paid to you:Trip balance:Payouts:Transferred To Bank Account",
    (
        "toggl",
        "Toggl Track detailed report",
    ): "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()",
    (
        "toggl",
        "Toggl Track detailed report (current)",
    ): "Description,Billable,Duration,Member,Email,Tags,Client,Project,Task,Start date,Start time,Stop date,Stop time",
    (
        "clockify",
        "Clockify detailed report",
    ): "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)",
    (
        "generic",
        "GigLens template",
    ): "date,platform,kind,gross,fee,net,currency,hours,client,description,reference",
}


def test_every_csv_layout_has_a_header_here():
    csv_layouts = {(lay.platform, lay.name) for lay in LAYOUTS if lay.from_json is None}
    assert csv_layouts == set(HEADERS)


@pytest.mark.parametrize("key", sorted(HEADERS), ids=lambda k: k[1])
def test_header_alone_picks_its_layout(key):
    # A header-only download (no activity in the period) must import as an empty table.
    result = load_export((HEADERS[key] + "\n").encode(), filename="export.csv")
    assert (result.platform, result.layout) == key
    assert result.rows_read == 0
    assert result.transactions.empty and result.rejected.empty and result.skipped.empty


@pytest.mark.parametrize("key", sorted(HEADERS), ids=lambda k: k[1])
def test_no_layout_of_another_platform_accepts_the_header(key):
    cells = split_line(HEADERS[key].replace("\ufeff", ""), ",")
    header = {normalise_header(c) for c in cells if c.strip()}
    others = [
        (lay.platform, lay.name)
        for lay in LAYOUTS
        if lay.platform != key[0] and lay.score(header) > 0
    ]
    assert others == []


def _text(literal: str) -> str:
    return textwrap.dedent(literal).lstrip("\n")


# (name the test module used, file bytes) for every importer's literal test file.
LITERAL_FILES: dict[str, tuple[str, bytes]] = {
    "upwork legacy": ("statements.csv", _text(upwork_tests.LEGACY).encode()),
    "paypal activity": ("Download.CSV", _text(paypal_tests.ACTIVITY_EN).encode()),
    "paypal activity de": ("Download.CSV", _text(paypal_tests.ACTIVITY_DE).encode()),
    "paypal balance us": ("Download.CSV", _text(paypal_tests.BALANCE_US).encode()),
    "paypal statement de": ("Kontoauszug.csv", _text(paypal_tests.STATEMENT_DE).encode()),
    "paypal activity it": ("Download.CSV", _text(paypal_tests.ACTIVITY_IT).encode()),
    "paypal activity fr": ("Download.CSV", _text(paypal_tests.ACTIVITY_FR).encode()),
    "stripe dashboard": ("balance.csv", stripe_tests.DASHBOARD.encode()),
    "stripe payouts": ("payouts.csv", stripe_tests.PAYOUTS.encode()),
    "stripe payments": ("unified_payments.csv", stripe_tests.PAYMENTS.encode()),
    "stripe dashboard payouts": ("payouts.csv", stripe_tests.DASHBOARD_PAYOUTS.encode()),
    "etsy statement": ("etsy_statement_2026_7.csv", etsy_tests.STATEMENT_GBP.encode()),
    "etsy statement old": ("etsy_statement_2025_7.csv", etsy_tests.STATEMENT_OLD.encode()),
    "etsy statement de": ("etsy_statement_2025_7.csv", etsy_tests.STATEMENT_DE.encode()),
    "etsy sold orders": ("EtsySoldOrders2026.csv", etsy_tests.SOLD_ORDERS.encode()),
    "etsy sold orders uk": ("EtsySoldOrders2026-3.csv", etsy_tests.SOLD_ORDERS_UK.encode()),
    "etsy payments": ("EtsyPayments.csv", etsy_tests.PAYMENTS.encode()),
    "gumroad sales": ("Sales.csv", ("\n".join(gumroad_tests.SALES_LINES) + "\n").encode()),
    "gumroad payout": ("payout.csv", gumroad_tests.PAYOUT.encode()),
    "payoneer": ("payoneer.csv", payoneer_tests.FILE.encode()),
    "toptal": ("toptal.csv", toptal_tests.CSV.encode()),
    "cashapp": ("cash_app_report.csv", (cashapp_tests.HEADER + cashapp_tests.ROWS).encode()),
    "cashapp older": ("cash_app_report_btc2019.csv", cashapp_tests.OLDER.encode()),
    "mturk csv": ("hits.csv", mturk_tests.CSV.encode()),
    "mturk dashboard": ("dashboard.json", json.dumps(mturk_tests.DASHBOARD).encode()),
    "uber": ("payments_order.csv", (uber_tests.HEADER + uber_tests.ROWS).encode()),
    "toggl": ("Toggl_time_entries.csv", timetracking_tests.TOGGL.encode()),
    "clockify": ("Clockify_Time_Report_Detailed.csv", timetracking_tests.CLOCKIFY.encode()),
}


def _fingerprint(result) -> tuple:
    table = result.transactions.drop(columns=["source"])
    return (
        result.platform,
        result.layout,
        result.rows_read,
        table.to_csv(index=False),
        result.rejected.to_csv(index=False),
        result.skipped.to_csv(index=False),
    )


@pytest.mark.parametrize("name", sorted(LITERAL_FILES))
def test_literal_file_imports_the_same_under_any_file_name(name):
    original_name, data = LITERAL_FILES[name]
    original = load_export(data, filename=original_name)
    assert len(original.transactions) > 0
    # A neutral name, a name of another platform, a wrong extension, and no name at all.
    for other in ("export.txt", "upwork_paypal_etsy.xlsx", "data", None):
        again = load_export(data, filename=other)
        assert _fingerprint(again) == _fingerprint(original), other


# Literal files whose every data row carries its own unique transaction id in `column`.
TRACEABLE = {
    "upwork legacy": "Ref ID",
    "paypal activity": "Transaction ID",
    "paypal activity de": "Transaktionscode",
    "paypal balance us": "Transaction ID",
    "paypal statement de": "Transaktionscode",
    "paypal activity it": "Codice transazione",
    "paypal activity fr": "Numéro de transaction",
    "stripe dashboard": "id",
    "stripe payouts": "balance_transaction_id",
    "etsy sold orders": "Order ID",
    "etsy payments": "Payment ID",
    "gumroad sales": "Purchase ID",
    "payoneer": "Transaction ID",
    "toptal": "Id",
    "cashapp": "Transaction ID",
    "cashapp older": "Transaction ID",
    "uber": "transaction UUID",
}


@pytest.mark.parametrize("name", sorted(TRACEABLE))
def test_every_data_row_is_imported_skipped_or_rejected_exactly_once(name):
    """imported + skipped + rejected == rows read, checked without trusting the importer.

    The csv module reads the file; each data row's own id says whether it was imported (its
    id is among the transactions' references), and the skipped and rejected reports name their
    rows by number. Each row must be in exactly one of the three.
    """
    _, data = LITERAL_FILES[name]
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = records[0], records[1:]
    column = header.index(TRACEABLE[name])
    ids = {}  # spreadsheet row number -> the row's id ("" for blank lines)
    for number, cells in enumerate(body, start=2):
        ids[number] = cells[column].strip() if cells else ""
    real_ids = [i for i in ids.values() if i]
    assert len(real_ids) == len(set(real_ids))  # the ids are unique, so they can trace rows

    result = load_export(data, filename="export.csv")
    assert result.rows_read == len(body)
    skipped, rejected = set(result.skipped["row"]), set(result.rejected["row"])
    assert len(skipped) == len(result.skipped) and len(rejected) == len(result.rejected)
    assert not skipped & rejected
    imported = {n for n, i in ids.items() if i in set(result.transactions["reference"])}
    assert not imported & (skipped | rejected)
    assert imported | skipped | rejected == set(ids)
    assert len(imported) + len(skipped) + len(rejected) == result.rows_read
    assert len(imported) == result.rows_imported


def test_a_paypal_activity_without_its_fee_column_is_named_with_what_it_lacks():
    """Every column a PayPal layout needs is a common name (Date, Type, Gross, Net...): its
    email and reference columns tell that a header missing Fee is PayPal's."""
    text = (
        b"Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Net,From Email Address,"
        b"To Email Address,Transaction ID,Reference Txn ID,Balance Impact\n"
        b"7/11/2024,07:17:17,PDT,Okafor,Website Payment,Completed,USD,100.00,96.02,a@b.c,d@e.f,"
        b"1A,,Credit\n"
    )
    with pytest.raises(UnknownFormat, match="It looks like a PayPal file") as failed:
        load_export(text, "Download.CSV")
    assert "the closest, PayPal activity download, needs Fee," in str(failed.value)


def test_a_template_without_its_fee_column_says_to_add_it():
    text = b"date,platform,kind,gross,net,currency\n2025-01-03,fiverr,earning,100.00,80.00,USD\n"
    with pytest.raises(
        UnknownFormat, match="It looks like the GigLens template, but it has no fee"
    ):
        load_export(text, "mine.csv")
