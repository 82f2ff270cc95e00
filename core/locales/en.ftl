# Tryggve — English. key = text. Placeholders are written { $name }.

report-title = Report a place that feels unsafe
report-intro = Mark the place on the map and tell us what makes it feel unsafe. You do not need to say who you are.
loading = Loading…
config-failed = The form could not be loaded. Please try again later.
start-failed = This service could not start in your browser. Reload the page and try again, or contact the municipality another way.
retry = Try again
language-label = Language
language-failed = The language could not be loaded. Check your connection and try again.

map-label = Map for choosing a place
map-help = Click the map to drop a pin. With the keyboard: go to the map, move it with the arrow keys, then choose “Place the pin at the map centre”.
map-loading = Loading the map…
place-pin-center = Place the pin at the map centre
use-my-location = Use my location
locating = Finding your location…
pin-none = No place chosen yet.
pin-placed-click = The pin is where you clicked.
pin-placed-center = The pin is at the map centre.
pin-placed-location = The pin is at your location.
pin-position = Chosen place: { $lat }, { $lng }.
pin-place = Chosen place: { $place }.
place-search-label = Search for an address or place
place-search-hint = Type at least three characters. Choose a match with arrow down and Enter to move the map there.
place-search-options = Matches
place-search-found = { $count } places found. Choose with arrow down.
place-search-found-one = One place found. Choose with arrow down.
place-search-none = No place by that name was found.
place-search-failed = The search could not be made just now. Please try again shortly.
place-search-shown = The map shows { $place }. Place the pin with “Place the pin at the map centre” or click the map.
location-failed = Your location could not be found. Place the pin on the map instead.
location-outside = Your location is outside the municipality's map. Place the pin on the map instead.
marker-alt = Chosen place
map-zoom-in = Zoom in
map-zoom-out = Zoom out

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

answer-optional = (optional)
error-invalid-access-code = The access code is not right. Ask whoever gave you the code, or report as a resident.
error-low-contrast = The colour has too little contrast against white (at least 4.5:1 is required).
error-invalid-viewport = The map view is not valid.
error-insecure-url = The address must start with https:// (http:// only to localhost, for testing).
error-self-intersecting = A ring of the polygon crosses or touches itself. Correct it in the GIS program.
reporter-group-label = I am reporting as
reporter-group-resident = Resident
reporter-group-staff = Municipal staff
reporter-group-business = Business
reporter-group-association = Association
reporter-group-police = Police
access-code-label = Access code
access-code-hint = You got the code from the municipality. The report is then marked with your group.
description-label = Describe the place and what would make it feel safer
description-hint = Optional, except for “Other”. Do not write names or anything that identifies individuals.
description-count = { $count } of { $max } characters
email-label = Your e-mail address (optional)
email-hint = If the municipality may contact you. The address is never shown publicly.
privacy-note = About your data: we set no cookies and use no trackers. The place and description are used in the municipality's safety work. Your e-mail address is seen only by the municipality's case officers.
privacy-note-human-check = About your data: we set no cookies and use no trackers. To stop automated submissions, Cloudflare Turnstile checks that you are a person: that box is loaded from Cloudflare and may set its own cookies. The place and description are used in the municipality's safety work. Your e-mail address is seen only by the municipality's case officers.

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
followup-url = Link to follow the case
receipt-copy = Copy the link
receipt-copied = The link is copied.
receipt-copy-failed = Could not copy. Select the link above and copy it.
receipt-print = Print the receipt
error-invalid-transition = The case cannot move from its current status to the one chosen.
error-invalid-choice = Choose one of the options.
error-invalid-date = Write dates as YYYY-MM-DD.

# Status, publication and rejection reasons (console and follow-up)
status-new = New
status-reviewed = Reviewed
status-in-progress = Action in progress
status-resolved = Resolved
status-closed = Closed
visibility-pending = Not reviewed
visibility-approved = Public
visibility-rejected = Rejected
reason-personal-data = Personal data
reason-offensive = Offensive
reason-off-topic = Off topic
reason-duplicate = Duplicate
reason-outside-municipality = Outside the municipality
role-admin = administrator
role-moderator = moderator
role-responder = responder
role-observer = observer
role-unit = unit member

# Follow-up for the resident
followup-link = Follow your case (keep the link)
followup-title = Your case { $case }
followup-status = Status
followup-comment = The municipality's reply
followup-no-comment = No reply yet.
followup-received = Received
followup-not-found = The case was not found. Please check the link.
followup-merged = Your report is about the same thing as case { $case }, which the municipality is already handling. The reports have been merged; here you see how case { $case } is going.
followup-not-published = The report is not shown on the public map. Reason: { $reason }. The municipality has still received it.

time-unspecified = Not given

# Public map in the widget
layers-legend = Map layers
public-show = Show places others have reported
public-count = { $count } approved reports are shown on the map and in the list below.
public-failed = Reported places could not be loaded right now.
followup-failed = Your case could not be loaded right now. Check the connection and try again in a moment.
public-clusters = { $count } approved reports lie in this part of the map, gathered in { $groups } groups with their number. Zoom in to see them one by one in the list.
error-weak-password = The password must have 12–256 characters.
error-already-exists = An account with this e-mail address already exists.

send-queued = Could not send right now. The report is saved in this browser and will be sent automatically when the connection works again.
send-resuming = Sending the report saved when the connection was lost…
send-needs-code = A report is waiting to be sent from this browser. Type the access code again and press Send.
error-wrong-password = The current password is not right.
error-automated = This looks like an automated submission and was not accepted. Reload the page and try again.
error-human-check-failed = Confirm that you are human (the box above the button) and send again.
human-check-label = Confirm that you are human

# Times as people read them (Europe/Stockholm)
time-local = { $day } { $month } { $year }, { $time }
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

# The municipality's measures, as a resident following a report reads them
followup-measures = What the municipality does
followup-measure-state = { $kind } · { $status }
followup-measure-done = Done { $date }
measure-kind-lighting = Lighting
measure-kind-vegetation = Vegetation
measure-kind-cleaning = Cleaning
measure-kind-guards = Security guards
measure-kind-physical-design = Physical design
measure-kind-police-presence = Police presence
measure-kind-dialogue = Dialogue
measure-kind-other = Other
measure-status-planned = Planned
measure-status-started = Started
measure-status-done = Done
measure-status-cancelled = Cancelled
open311-group = Safety
open311-received = Thank you. The report is received and is reviewed before it is shown on the map.

# The live connection (dialogue and walk)
dialogue-connecting = Connecting…
dialogue-reconnecting = The connection was lost. Trying again…
dialogue-too-many = Too many connections from your network right now. Trying again in { $minutes } min.
dialogue-refused = The server closed the connection. Trying again in { $minutes } min.
