# Tryggve — suomi. avain = teksti. Paikanvaraajat kirjoitetaan { $nimi }.

report-title = Ilmoita paikasta, joka tuntuu turvattomalta
report-intro = Merkitse paikka kartalle ja kerro, mikä tekee siitä turvattoman. Sinun ei tarvitse kertoa, kuka olet.
loading = Ladataan…
config-failed = Lomaketta ei voitu ladata. Yritä myöhemmin uudelleen.
retry = Yritä uudelleen
language-label = Kieli

map-label = Kartta paikan valitsemiseen
map-help = Napsauta karttaa asettaaksesi neulan. Näppäimistöllä: siirry kartalle, liikuta sitä nuolinäppäimillä ja valitse sitten ”Aseta neula kartan keskelle”.
place-pin-center = Aseta neula kartan keskelle
use-my-location = Käytä sijaintiani
locating = Haetaan sijaintiasi…
pin-none = Paikkaa ei ole vielä valittu.
pin-placed-click = Neula on kohdassa, jota napsautit.
pin-placed-center = Neula on kartan keskellä.
pin-placed-location = Neula on sijainnissasi.
pin-position = Valittu paikka: { $lat }, { $lng }.
location-failed = Sijaintiasi ei saatu. Aseta neula kartalle.
location-outside = Sijaintisi on kunnan kartan ulkopuolella. Aseta neula kartalle.
marker-alt = Valittu paikka

category-label = Mitä asia koskee?
category-choose = Valitse luokka
category-dark-spot = Huono valaistus tai pimeä paikka
category-graffiti = Töhryt
category-vandalism = Ilkivalta
category-littering = Roskaaminen
category-unsafe-environment = Turvaton ympäristö
category-threats-harassment = Uhkailu tai häirintä
category-drugs = Huumeet
category-other = Muu

times-legend = Milloin paikka tuntuu turvattomalta? (vapaaehtoinen, valitse yksi tai useampi)
time-morning = Aamu
time-day = Päivä
time-evening = Ilta
time-night = Yö
time-unspecified = Ei kerrottu

description-label = Kuvaile paikkaa ja sitä, mikä tekisi siitä turvallisemman
description-hint = Vapaaehtoinen, paitsi luokassa ”Muu”. Älä kirjoita nimiä tai muuta, mikä yksilöi henkilöitä.
description-count = { $count } / { $max } merkkiä
email-label = Sähköpostiosoitteesi (vapaaehtoinen)
email-hint = Jos kunta saa ottaa sinuun yhteyttä. Osoitetta ei koskaan näytetä julkisesti.
privacy-note = Tiedoistasi: Emme käytä evästeitä emmekä seurantaa. Paikkaa ja kuvausta käytetään kunnan turvallisuustyössä. Sähköpostiosoitteesi näkevät vain kunnan käsittelijät.

submit = Lähetä
sending = Lähetetään…
fix-errors = Korjaa merkityt kentät ja lähetä uudelleen.
error-required = Täytä tämä kenttä.
error-pin-required = Valitse paikka kartalta.
error-not-on-earth = Paikka ei kelpaa. Valitse paikka kartalta.
error-outside-area = Paikka on kunnan alueen ulkopuolella.
error-unknown-category = Valitse luokka luettelosta.
error-unknown-time = Valitse aamu, päivä, ilta tai yö.
error-duplicate-time = Sama aika on valittu kahdesti.
error-too-long = Teksti on liian pitkä.
error-invalid-email = Kirjoita kelvollinen sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.
error-wrong-tenant = Lomake kuuluu toiselle kunnalle.
error-invalid-transition = Asian tilaa ei voi muuttaa valituksi.
error-invalid-choice = Valitse yksi vaihtoehdoista.
error-invalid-date = Kirjoita päivämäärä muodossa VVVV-KK-PP.
error-weak-password = Salasanassa on oltava 12–256 merkkiä.
error-already-exists = Tällä sähköpostiosoitteella on jo tili.
send-failed = Lähettäminen ei onnistunut juuri nyt. Tietosi ovat tallessa – yritä hetken kuluttua uudelleen.
send-rejected = Ilmoitusta ei otettu vastaan: { $reason }

report-received = Kiitos! Asiasi numero on { $case }.
followup-intro = Tallenna asian numero ja seurantakoodi, jos haluat seurata asiaa. Koodi näytetään vain nyt.
followup-code = Seurantakoodi
report-another = Ilmoita toisesta paikasta

status-new = Uusi
status-reviewed = Tarkastettu
status-in-progress = Toimenpiteet käynnissä
status-resolved = Korjattu
status-closed = Päätetty

followup-link = Seuraa asiaasi (tallenna linkki)
followup-title = Asiasi { $case }
followup-status = Tila
followup-comment = Kunnan vastaus
followup-no-comment = Ei vielä vastausta.
followup-received = Saapunut
followup-not-found = Asiaa ei löytynyt. Tarkista linkki.

public-show = Näytä paikat, joista muut ovat ilmoittaneet
public-count = { $count } hyväksyttyä ilmoitusta näytetään kartalla ja alla olevassa luettelossa.
public-failed = Ilmoitettuja paikkoja ei voitu hakea juuri nyt.
send-queued = Lähettäminen ei onnistunut juuri nyt. Ilmoitus on tallennettu tähän selaimeen ja lähetetään automaattisesti, kun yhteys toimii taas.
send-resuming = Lähetetään ilmoitusta, joka tallennettiin yhteyden katketessa…
error-wrong-password = Nykyinen salasana ei ole oikein.
