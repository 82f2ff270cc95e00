# Tryggve — svenska (standardspråk). Nyckel = text. Platshållare skrivs { $namn }.

report-title = Tipsa om en plats som känns otrygg
report-intro = Markera platsen på kartan och berätta vad som gör den otrygg. Du behöver inte uppge vem du är.
loading = Laddar…
config-failed = Formuläret kunde inte laddas. Försök igen senare.
start-failed = Den här tjänsten kunde inte starta i din webbläsare. Ladda om sidan och försök igen, eller kontakta kommunen på annat sätt.
retry = Försök igen
language-label = Språk
language-failed = Språket kunde inte hämtas. Kontrollera anslutningen och försök igen.

map-label = Karta för att välja plats
map-help = Klicka på kartan för att sätta en nål. Med tangentbordet: gå till kartan, flytta den med piltangenterna och välj sedan ”Sätt nålen i kartans mitt”.
map-loading = Laddar kartan…
place-pin-center = Sätt nålen i kartans mitt
use-my-location = Använd min position
locating = Hämtar din position…
pin-none = Ingen plats vald ännu.
pin-placed-click = Nålen är satt där du klickade.
pin-placed-center = Nålen är satt i kartans mitt.
pin-placed-location = Nålen är satt på din position.
pin-position = Vald plats: { $lat }, { $lng }.
pin-place = Vald plats: { $place }.
place-search-label = Sök adress eller plats
place-search-hint = Skriv minst tre tecken. Välj en träff med pil ned och Enter, så flyttas kartan dit.
place-search-options = Sökträffar
place-search-found = { $count } platser hittades. Välj med pil ned.
place-search-found-one = En plats hittades. Välj med pil ned.
place-search-none = Ingen plats med det namnet hittades.
place-search-failed = Sökningen gick inte att göra just nu. Försök igen om en stund.
place-search-shown = Kartan visar { $place }. Sätt nålen med ”Sätt nålen i kartans mitt” eller klicka på kartan.
location-failed = Din position kunde inte hämtas. Sätt nålen på kartan i stället.
location-outside = Din position ligger utanför kommunens karta. Sätt nålen på kartan i stället.
marker-alt = Vald plats
map-zoom-in = Zooma in
map-zoom-out = Zooma ut

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

answer-optional = (frivilligt)
error-invalid-access-code = Åtkomstkoden stämmer inte. Fråga den som gav dig koden, eller rapportera som invånare.
error-low-contrast = Färgen har för låg kontrast mot vitt (minst 4,5:1 krävs).
error-invalid-viewport = Kartutsnittet är ogiltigt.
error-insecure-url = Adressen måste börja med https:// (http:// bara till localhost, för test).
error-self-intersecting = En ring i polygonen korsar eller rör vid sig själv. Rätta den i GIS-programmet.
reporter-group-label = Jag rapporterar som
reporter-group-resident = Invånare
reporter-group-staff = Kommunens personal
reporter-group-business = Företag
reporter-group-association = Förening
reporter-group-police = Polis
access-code-label = Åtkomstkod
access-code-hint = Koden har du fått av kommunen. Rapporten märks då med din grupp.
description-label = Beskriv platsen och vad som skulle göra den tryggare
description-hint = Frivilligt, utom för ”Annat”. Skriv inte namn eller annat som pekar ut enskilda personer.
description-count = { $count } av { $max } tecken
email-label = Din e-postadress (frivilligt)
email-hint = Om kommunen får kontakta dig. Adressen visas aldrig offentligt.
privacy-note = Om dina uppgifter: Vi sätter inga kakor och använder inga spårare. Platsen och beskrivningen används i kommunens trygghetsarbete. E-postadressen ses bara av kommunens handläggare.
privacy-note-human-check = Om dina uppgifter: Vi sätter inga kakor och använder inga spårare. För att stoppa automatiska inskick kontrollerar Cloudflare Turnstile att du är en människa: den rutan hämtas från Cloudflare och kan sätta egna kakor. Platsen och beskrivningen används i kommunens trygghetsarbete. E-postadressen ses bara av kommunens handläggare.

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
followup-url = Länk för att följa ärendet
receipt-copy = Kopiera länken
receipt-copied = Länken är kopierad.
receipt-copy-failed = Det gick inte att kopiera. Markera länken ovan och kopiera den.
receipt-print = Skriv ut kvittot
error-invalid-transition = Ärendet kan inte gå från sin nuvarande status till den valda.
error-invalid-choice = Välj ett av alternativen.
error-invalid-date = Skriv datum som ÅÅÅÅ-MM-DD.

# Status, publicering och avvisningsskäl (konsolen och uppföljningen)
status-new = Ny
status-reviewed = Granskad
status-in-progress = Åtgärd pågår
status-resolved = Åtgärdad
status-closed = Avslutad
visibility-pending = Ej granskad
visibility-approved = Publik
visibility-rejected = Avvisad
reason-personal-data = Personuppgifter
reason-offensive = Kränkande
reason-off-topic = Hör inte hit
reason-duplicate = Dubblett
reason-outside-municipality = Utanför kommunen
role-admin = administratör
role-moderator = moderator
role-responder = svarare
role-observer = observatör
role-unit = enhetsmedarbetare

# Uppföljning för invånaren
followup-link = Följ ditt ärende (spara länken)
followup-title = Ditt ärende { $case }
followup-status = Status
followup-comment = Kommunens svar
followup-no-comment = Inget svar ännu.
followup-received = Inkom
followup-not-found = Ärendet hittades inte. Kontrollera länken.
followup-merged = Din rapport gäller samma sak som ärende { $case }, som kommunen redan hanterar. Rapporterna är sammanslagna, och här ser du hur det går för ärende { $case }.
followup-not-published = Rapporten visas inte på den öppna kartan. Skäl: { $reason }. Kommunen har ändå tagit emot den.

time-unspecified = Inte angivet

# Publika kartan i widgeten
layers-legend = Kartlager
public-show = Visa platser som andra har rapporterat
public-count = { $count } godkända rapporter visas på kartan och i listan nedan.
public-failed = Rapporterade platser kunde inte hämtas just nu.
followup-failed = Ditt ärende kunde inte hämtas just nu. Kontrollera anslutningen och försök igen om en stund.
public-clusters = { $count } godkända rapporter finns i kartutsnittet, samlade i { $groups } grupper med antal. Zooma in för att se dem en och en i listan.
error-weak-password = Lösenordet ska ha 12–256 tecken.
error-already-exists = Det finns redan ett konto med den e-postadressen.

send-queued = Kunde inte skicka just nu. Rapporten är sparad i den här webbläsaren och skickas automatiskt när anslutningen fungerar igen.
send-resuming = Skickar rapporten som sparades när anslutningen bröts…
send-needs-code = En rapport väntar på att skickas från den här webbläsaren. Skriv åtkomstkoden igen och tryck på Skicka.
error-wrong-password = Det nuvarande lösenordet stämmer inte.
error-automated = Inskicket ser automatiskt ut och togs inte emot. Ladda om sidan och försök igen.
error-human-check-failed = Bekräfta att du är en människa (rutan ovanför knappen) och skicka igen.
human-check-label = Bekräfta att du är en människa

# Tider som människor läser dem (Europe/Stockholm)
time-local = { $day } { $month } { $year } kl. { $time }
month-short-1 = jan.
month-short-2 = feb.
month-short-3 = mars
month-short-4 = apr.
month-short-5 = maj
month-short-6 = juni
month-short-7 = juli
month-short-8 = aug.
month-short-9 = sep.
month-short-10 = okt.
month-short-11 = nov.
month-short-12 = dec.

# The municipality's measures, as a resident following a report reads them
followup-measures = Kommunens åtgärder
followup-measure-state = { $kind } · { $status }
followup-measure-done = Klar { $date }
measure-kind-lighting = Belysning
measure-kind-vegetation = Växtlighet
measure-kind-cleaning = Städning
measure-kind-guards = Väktare
measure-kind-physical-design = Fysisk utformning
measure-kind-police-presence = Polisnärvaro
measure-kind-dialogue = Dialog
measure-kind-other = Annat
measure-status-planned = Planerad
measure-status-started = Påbörjad
measure-status-done = Klar
measure-status-cancelled = Inställd
open311-group = Trygghet
open311-received = Tack. Rapporten är mottagen och granskas innan den visas på kartan.

# Direktsändningens anslutning (dialogen och vandringen)
dialogue-connecting = Ansluter…
dialogue-reconnecting = Anslutningen bröts. Försöker igen…
dialogue-too-many = För många anslutningar från ditt nätverk just nu. Vi försöker igen om { $minutes } min.
dialogue-refused = Servern stängde anslutningen. Vi försöker igen om { $minutes } min.
