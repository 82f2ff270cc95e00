# Tryggve — svenska (standardspråk). Nyckel = text. Platshållare skrivs { $namn }.

report-title = Tipsa om en plats som känns otrygg
report-intro = Markera platsen på kartan och berätta vad som gör den otrygg. Du behöver inte uppge vem du är.
loading = Laddar…
config-failed = Formuläret kunde inte laddas. Försök igen senare.
retry = Försök igen

map-label = Karta för att välja plats
map-help = Klicka på kartan för att sätta en nål. Med tangentbordet: gå till kartan, flytta den med piltangenterna och välj sedan ”Sätt nålen i kartans mitt”.
place-pin-center = Sätt nålen i kartans mitt
use-my-location = Använd min position
locating = Hämtar din position…
pin-none = Ingen plats vald ännu.
pin-placed-click = Nålen är satt där du klickade.
pin-placed-center = Nålen är satt i kartans mitt.
pin-placed-location = Nålen är satt på din position.
pin-position = Vald plats: { $lat }, { $lng }.
location-failed = Din position kunde inte hämtas. Sätt nålen på kartan i stället.
location-outside = Din position ligger utanför kommunens karta. Sätt nålen på kartan i stället.
marker-alt = Vald plats

category-label = Vad gäller det?
category-choose = Välj kategori
category-dark-spot = Dålig belysning eller mörk plats
category-graffiti = Klotter
category-vandalism = Skadegörelse
category-littering = Nedskräpning
category-unsafe-environment = Otrygg miljö
category-threats-harassment = Hot eller trakasserier
category-drugs = Narkotika
category-other = Annat

times-legend = När känns platsen otrygg? (frivilligt, välj en eller flera)
time-morning = Morgon
time-day = Dag
time-evening = Kväll
time-night = Natt

description-label = Beskriv platsen och vad som skulle göra den tryggare
description-hint = Frivilligt, utom för ”Annat”. Skriv inte namn eller annat som pekar ut enskilda personer.
description-count = { $count } av { $max } tecken
email-label = Din e-postadress (frivilligt)
email-hint = Om kommunen får kontakta dig. Adressen visas aldrig offentligt.
privacy-note = Om dina uppgifter: Vi sätter inga kakor och använder inga spårare. Platsen och beskrivningen används i kommunens trygghetsarbete. E-postadressen ses bara av kommunens handläggare.

submit = Skicka
sending = Skickar…
fix-errors = Rätta de markerade fälten och skicka igen.
error-required = Fyll i det här fältet.
error-pin-required = Välj en plats på kartan.
error-not-on-earth = Platsen är ogiltig. Välj en plats på kartan.
error-outside-area = Platsen ligger utanför kommunens område.
error-unknown-category = Välj en kategori i listan.
error-unknown-time = Välj bland morgon, dag, kväll och natt.
error-duplicate-time = En tid är vald två gånger.
error-too-long = Texten är för lång.
error-invalid-email = Skriv en giltig e-postadress, till exempel namn@exempel.se.
error-wrong-tenant = Formuläret hör till en annan kommun.
send-failed = Kunde inte skicka just nu. Dina uppgifter finns kvar – försök igen om en stund.
send-rejected = Rapporten togs inte emot: { $reason }

report-received = Tack! Ditt ärende har nummer { $case }.
followup-intro = Spara ärendenumret och uppföljningskoden om du vill följa ärendet. Koden visas bara nu.
followup-code = Uppföljningskod
report-another = Tipsa om en plats till
error-invalid-transition = Ärendet kan inte gå från sin nuvarande status till den valda.
error-invalid-choice = Välj ett av alternativen.
error-invalid-date = Skriv datum som ÅÅÅÅ-MM-DD.
