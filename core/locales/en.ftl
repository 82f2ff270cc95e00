# Tryggve — English. key = text. Placeholders are written { $name }.

report-title = Report a place that feels unsafe
report-intro = Mark the place on the map and tell us what makes it feel unsafe. You do not need to say who you are.
loading = Loading…
config-failed = The form could not be loaded. Please try again later.
retry = Try again

map-label = Map for choosing a place
map-help = Click the map to drop a pin. With the keyboard: go to the map, move it with the arrow keys, then choose “Place the pin at the map centre”.
place-pin-center = Place the pin at the map centre
use-my-location = Use my location
locating = Finding your location…
pin-none = No place chosen yet.
pin-placed-click = The pin is where you clicked.
pin-placed-center = The pin is at the map centre.
pin-placed-location = The pin is at your location.
pin-position = Chosen place: { $lat }, { $lng }.
location-failed = Your location could not be found. Place the pin on the map instead.
location-outside = Your location is outside the municipality's map. Place the pin on the map instead.
marker-alt = Chosen place

category-label = What is it about?
category-choose = Choose a category
category-dark-spot = Poor lighting or dark spot
category-graffiti = Graffiti
category-vandalism = Vandalism
category-littering = Littering
category-unsafe-environment = Unsafe environment
category-threats-harassment = Threats or harassment
category-drugs = Drugs
category-other = Other

times-legend = When does the place feel unsafe? (optional, choose one or more)
time-morning = Morning
time-day = Daytime
time-evening = Evening
time-night = Night

description-label = Describe the place and what would make it feel safer
description-hint = Optional, except for “Other”. Do not write names or anything that identifies individuals.
description-count = { $count } of { $max } characters
email-label = Your e-mail address (optional)
email-hint = If the municipality may contact you. The address is never shown publicly.
privacy-note = About your data: we set no cookies and use no trackers. The place and description are used in the municipality's safety work. Your e-mail address is seen only by the municipality's case officers.

submit = Send
sending = Sending…
fix-errors = Please correct the marked fields and send again.
error-required = Please fill in this field.
error-pin-required = Choose a place on the map.
error-not-on-earth = The place is invalid. Choose a place on the map.
error-outside-area = The place is outside the municipality's area.
error-unknown-category = Choose a category from the list.
error-unknown-time = Choose from morning, daytime, evening and night.
error-duplicate-time = A time is chosen twice.
error-too-long = The text is too long.
error-invalid-email = Enter a valid e-mail address, for example name@example.com.
error-wrong-tenant = This form belongs to another municipality.
send-failed = Could not send right now. Your answers are kept – please try again in a moment.
send-rejected = The report was not accepted: { $reason }

report-received = Thank you! Your case number is { $case }.
followup-intro = Keep the case number and follow-up code if you want to follow the case. The code is shown only now.
followup-code = Follow-up code
report-another = Report another place
error-invalid-transition = The case cannot move from its current status to the one chosen.
error-invalid-choice = Choose one of the options.
error-invalid-date = Write dates as YYYY-MM-DD.
